HA$PBExportHeader$n_cst_tx_patch.sru
$PBExportComments$Ancestor of the schema patches – one descendant per area (fleet, fares, …)
forward
global type n_cst_tx_patch from nonvisualobject
end type
end forward

global type n_cst_tx_patch from nonvisualobject
event type string ue_ddl ( integer ai_release )
event type string ue_area ( )
end type
global n_cst_tx_patch n_cst_tx_patch

type variables
Protected:
constant string NL = "~r~n"
integer ii_cab_len = 8
end variables

event type string ue_ddl(integer ai_release);// Overridden per area: the DDL the area needs for release ai_release, "" when none
Return ""
end event

event type string ue_area();Return "base"
end event

on n_cst_tx_patch.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_tx_patch.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

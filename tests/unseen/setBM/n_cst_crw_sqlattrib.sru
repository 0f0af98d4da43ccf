$PBExportHeader$n_cst_crw_sqlattrib.sru
$PBExportComments$Parts of one SQL statement (cut down from PFC n_cst_sqlattrib)
forward
global type n_cst_crw_sqlattrib from nonvisualobject
end type
end forward

global type n_cst_crw_sqlattrib from nonvisualobject autoinstantiate
end type

type variables
Public:
string	s_verb
string	s_tables
string	s_columns
string	s_values
string	s_where
string	s_order
string	s_group
string	s_having
end variables

on n_cst_crw_sqlattrib.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_crw_sqlattrib.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


$PBExportHeader$n_cst_los_const.sru
$PBExportComments$LOS constants: schema, table names, last patch level
forward
global type n_cst_los_const from nonvisualobject
end type
end forward

global type n_cst_los_const from nonvisualobject autoinstantiate
end type

type variables
constant string DBO = "dbo."
constant string TBL_APP = "los_application"
constant string TBL_LOAN = "los_loan"
constant string TBL_HMDA = "los_hmda"
constant string TBL_COLL = "los_collateral"
constant integer PATCH_LAST = 9
end variables

on n_cst_los_const.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_los_const.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

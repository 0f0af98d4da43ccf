$PBExportHeader$n_cst_clm_const.sru
$PBExportComments$Claims - shared names (tables, owner, types); keep in step with the DBA's data model
forward
global type n_cst_clm_const from nonvisualobject
end type
end forward

global type n_cst_clm_const from nonvisualobject autoinstantiate
end type

type variables
constant string OWNER = "dbo."
constant string TBL_CLAIM = "clm_claim"
constant string TBL_RESERVE = "clm_reserve"
constant string TBL_POLICY = "clm_policy"
constant string TBL_RESERVE_HIST = "clm_reserve_hist"
constant string TBL_PERIL = "clm_peril"
constant string TBL_SUBRO_LOG = "clm_subro_log"
constant string CRLF = "~r~n"
constant integer LAST_STEP = 7
// money columns are always declared with this type (2009 standards memo)
constant string TYPE_MONEY = "decimal(15,2)"
end variables

forward prototypes
public function string of_qualify (string as_table)
end prototypes

public function string of_qualify (string as_table);// owner-qualified name of a table
Return OWNER + as_table
end function

on n_cst_clm_const.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_clm_const.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

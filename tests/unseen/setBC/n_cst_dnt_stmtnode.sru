$PBExportHeader$n_cst_dnt_stmtnode.sru
$PBExportComments$One statement of an upgrade chain (DentaFlow)
forward
global type n_cst_dnt_stmtnode from nonvisualobject
end type
end forward

global type n_cst_dnt_stmtnode from nonvisualobject
end type
global n_cst_dnt_stmtnode n_cst_dnt_stmtnode

type variables
string is_label
string is_sql
boolean ib_optional = false
n_cst_dnt_stmtnode inv_next
end variables

forward prototypes
public subroutine of_set (string as_label, string as_sql, boolean ab_optional)
end prototypes

public subroutine of_set (string as_label, string as_sql, boolean ab_optional);is_label = as_label
is_sql = as_sql
ib_optional = ab_optional
end subroutine

on n_cst_dnt_stmtnode.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_dnt_stmtnode.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


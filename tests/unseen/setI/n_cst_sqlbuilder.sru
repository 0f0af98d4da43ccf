$PBExportHeader$n_cst_sqlbuilder.sru
$PBExportComments$Builds DDL fragments for the tenant upgrade
forward
global type n_cst_sqlbuilder from nonvisualobject
end type
end forward

global type n_cst_sqlbuilder from nonvisualobject
end type
global n_cst_sqlbuilder n_cst_sqlbuilder

type variables
Private:
n_cst_constants inv_c
end variables

forward prototypes
public function string of_tbl (string as_table)
public function string of_create_open (string as_table)
public function string of_col (string as_name, string as_def, boolean ab_last)
public function string of_col_null (string as_name, string as_type, boolean ab_last)
public subroutine of_add_alter (ref string as_stmts[], string as_table, string as_coldef)
end prototypes

public function string of_tbl (string as_table);// qualify with the schema unless already qualified
If Pos(as_table, ".") > 0 Then Return as_table
Return inv_c.SCHEMA_PREFIX + as_table
end function

public function string of_create_open (string as_table);Return "CREATE TABLE " + of_tbl(as_table) + " (" + inv_c.CRLF
end function

public function string of_col (string as_name, string as_def, boolean ab_last);string ls_ret
ls_ret = "   " + as_name + " " + as_def
If ab_last Then
	ls_ret += ")"
Else
	ls_ret += "," + inv_c.CRLF
End If
Return ls_ret
end function

public function string of_col_null (string as_name, string as_type, boolean ab_last);Return of_col(as_name, as_type + inv_c.NULLABLE, ab_last)
end function

public subroutine of_add_alter (ref string as_stmts[], string as_table, string as_coldef);long ll_next
ll_next = UpperBound(as_stmts) + 1
as_stmts[ll_next] = "ALTER TABLE " + of_tbl(as_table) + " ADD " + as_coldef
end subroutine

on n_cst_sqlbuilder.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_sqlbuilder.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

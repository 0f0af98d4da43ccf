$PBExportHeader$n_cst_ddl_builder.sru
$PBExportComments$Fluent DDL builder: of_create(t).of_col(n, d)...of_sql()
forward
global type n_cst_ddl_builder from nonvisualobject
end type
end forward

global type n_cst_ddl_builder from nonvisualobject
end type
global n_cst_ddl_builder n_cst_ddl_builder

type variables
private:
string	is_table
string	is_mode
string	is_cols[]
end variables

forward prototypes
public function n_cst_ddl_builder of_create (string as_table)
public function n_cst_ddl_builder of_alter (string as_table)
public function n_cst_ddl_builder of_col (string as_name, string as_def)
public function string of_sql ()
end prototypes

public function n_cst_ddl_builder of_create (string as_table);string ls_empty[]

is_mode = "C"
is_table = as_table
is_cols = ls_empty
return this
end function

public function n_cst_ddl_builder of_alter (string as_table);string ls_empty[]

is_mode = "A"
is_table = as_table
is_cols = ls_empty
return this
end function

public function n_cst_ddl_builder of_col (string as_name, string as_def);is_cols[UpperBound(is_cols) + 1] = as_name + " " + as_def
return this
end function

public function string of_sql ();string ls_sql, ls_sep
long ll_i

if is_mode = "C" then
	ls_sql = "CREATE TABLE " + is_table + " ("
else
	ls_sql = "ALTER TABLE " + is_table + " ADD "
end if
for ll_i = 1 to UpperBound(is_cols)
	ls_sql += ls_sep + is_cols[ll_i]
	ls_sep = ", "
next
if is_mode = "C" then ls_sql += ")"
return ls_sql
end function

on n_cst_ddl_builder.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_ddl_builder.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

HA$PBExportHeader$n_cst_ty_ddl.sru
$PBExportComments$DDL service: literals, catalogue checks, statement runner, the column helper
forward
global type n_cst_ty_ddl from nonvisualobject
end type
end forward

global type n_cst_ty_ddl from nonvisualobject
end type
global n_cst_ty_ddl n_cst_ty_ddl

type variables
public:
string is_log    // every statement run, for the support mail
end variables

forward prototypes
public function string of_q (string as_text)
public function boolean of_has_column (transaction atr_db, string as_table, string as_column)
public function integer of_exec (transaction atr_db, string as_sql)
public function integer of_ty_set_addcolumn (transaction atr_db, string as_table, string as_column, string as_definition)
public function string of_guard_table (string as_table)
end prototypes

public function string of_q (string as_text);// a T-SQL string literal, embedded quotes doubled
string ls_text
long ll_pos

ls_text = as_text
ll_pos = pos(ls_text, char(39))
do while ll_pos > 0
	ls_text = replace(ls_text, ll_pos, 1, char(39) + char(39))
	ll_pos = pos(ls_text, char(39), ll_pos + 2)
loop
return char(39) + ls_text + char(39)
end function

public function boolean of_has_column (transaction atr_db, string as_table, string as_column);long ll_n

select count(*) into :ll_n
  from information_schema.columns
 where table_name = :as_table and column_name = :as_column
 using atr_db;
return ll_n > 0
end function

public function integer of_exec (transaction atr_db, string as_sql);is_log += as_sql + "~r~n"
execute immediate :as_sql using atr_db;
if atr_db.sqlcode < 0 then return -1
return 1
end function

public function integer of_ty_set_addcolumn (transaction atr_db, string as_table, string as_column, string as_definition);// adds the column when the table does not have it
if of_has_column(atr_db, as_table, as_column) then return 0
return of_exec(atr_db, "alter table dbo." + as_table + " add " + as_column + " " + as_definition)
end function

public function string of_guard_table (string as_table);// prefix that makes a create table idempotent
return "if object_id(" + of_q("dbo." + as_table) + ", " + of_q("U") + ") is null~r~n"
end function

on n_cst_ty_ddl.create
call super::create
triggerevent( this, "constructor" )
end on

on n_cst_ty_ddl.destroy
triggerevent( this, "destructor" )
call super::destroy
end on


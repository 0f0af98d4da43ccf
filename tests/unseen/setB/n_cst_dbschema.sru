$PBExportHeader$n_cst_dbschema.sru
$PBExportComments$schema helpers – tenant DB (author: J. Müller)
forward
global type n_cst_dbschema from nonvisualobject
end type
end forward

global type n_cst_dbschema from nonvisualobject
end type
global n_cst_dbschema n_cst_dbschema

type variables
boolean ib_trace
long    il_added
end variables

forward prototypes
public function integer uf_set_addcolumn (transaction atr_trans, string as_column, string as_table, string as_coldef)
public function boolean uf_table_exists (transaction atr_trans, string as_table)
public function integer uf_ensure_core (transaction atr_trans)
end prototypes

public function integer uf_set_addcolumn (transaction atr_trans, string as_column, string as_table, string as_coldef);// add as_column to as_table unless it is already there
long   ll_exists
string ls_sql

select count(*) into :ll_exists
  from information_schema.columns
 where table_name = :as_table and column_name = :as_column
 using atr_trans;
if atr_trans.sqlcode <> 0 then return -1
if ll_exists > 0 then return 0

ls_sql = "alter table " + as_table + " add " + as_column + " " + as_coldef
execute immediate :ls_sql using atr_trans;
if atr_trans.sqlcode = 0 then
	il_added ++
	if ib_trace then f_trace("added " + as_table + "." + as_column)
end if
return atr_trans.sqlcode
end function

public function boolean uf_table_exists (transaction atr_trans, string as_table);long ll_n
select count(*) into :ll_n from information_schema.tables where table_name = :as_table using atr_trans;
return ll_n > 0
end function

public function integer uf_ensure_core (transaction atr_trans);string ls_sql

if not this.uf_table_exists(atr_trans, "pipe_pool_loan") then
	ls_sql = "create table pipe_pool_loan (" + &
		"pool_id int not null, " + &
		"loan_id int not null, " + &
		"upb_amt numeric(15,2) null, " + &
		"note_rate numeric(9,4) null, " + &
		"div_by numeric(5,0) null, " + &
		"excl_flag char(1) default 'N' not null)"
	execute immediate :ls_sql using atr_trans;
else
	// table predates 8.x: fix up the column the settle procedure needs
	this.uf_set_addcolumn(atr_trans, "div_by", "pipe_pool_loan", "numeric(5,0) null")
end if
return atr_trans.sqlcode
end function

on n_cst_dbschema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_dbschema.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


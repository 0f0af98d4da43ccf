$PBExportHeader$n_cst_zz_dbmaint.sru
$PBExportComments$zz framework - batch module schema maintenance
forward
global type n_cst_zz_dbmaint from nonvisualobject
end type
end forward

global type n_cst_zz_dbmaint from nonvisualobject
event ue_upgrade ( integer ai_fromver, ref string as_msg )
event ue_procs ( boolean ab_drop )
end type
global n_cst_zz_dbmaint n_cst_zz_dbmaint

type variables
n_cst_sqlexec inv_sqlexec
constant string ics_tbl_hdr = "zz_batch_hdr"
constant string ics_tbl_dtl = "zz_batch_dtl"
constant string ics_col_src = "src_sys"
string is_msg
end variables

forward prototypes
public function integer uf_zz_set_addcolumn (string as_table, string as_column, string as_def)
public function integer uf_create_tables ()
public function integer uf_alter_tables ()
public function integer uf_housekeep (string as_ref)
end prototypes

public function integer uf_zz_set_addcolumn (string as_table, string as_column, string as_def);string ls_sql, ls_chk, ls_tmp
// adds as_column to as_table when it is not there yet
ls_sql = "if col_length('" + as_table + "', '" + as_column + "') is null "
ls_sql = ls_sql + "alter table " + as_table + " add " + as_column + " " + as_def
this.inv_sqlexec.of_log("addcolumn " + as_table + "." + as_column)
return this.inv_sqlexec.of_execute(ls_sql)
end function

public function integer uf_create_tables ();string ls_sql, ls_chk, ls_msg
long ll_cnt

select count(*) into :ll_cnt from sysobjects where name = 'zz_batch_hdr' and type = 'U' using sqlca;
if ll_cnt = 0 then
	ls_sql = "create table dbo.zz_batch_hdr ("
	ls_sql = ls_sql + "~tbatch_id int not null primary key,"
	ls_sql = ls_sql + "~tbatch_dt datetime not null,"
	ls_sql = ls_sql + "~tstatus_cd char(2) null,"
	ls_sql = ls_sql + "~tclose_dt datetime null)"
	execute immediate :ls_sql using sqlca;
end if

// dtl table goes through the global ddl function
ls_sql = "create table [dbo].[zz_batch_dtl] (" + &
	"batch_id int not null, " + &
	"line_no int not null, " + &
	"item_cd varchar(20) not null, " + &
	"cust_ref varchar(30) null, " + &
	"constraint pk_zz_batch_dtl primary key (batch_id, line_no))"
if f_zz_exec_ddl(ls_sql, true) < 0 then return -1

// archive table: text kept for the dba script, never run here
ls_chk = "create table zz_batch_arch (batch_id int not null, "
ls_chk = ls_chk + "rate_pct decimal(9,4) null)"
is_msg = "archive table not created, run: " + ls_chk
return 1
end function

public function integer uf_alter_tables ();string ls_sql, ls_log, ls_col, ls_def, ls_tbl
string ls_cols[], ls_defs[]
integer li_rc

// multi-column add, executed immediately
ls_sql = "alter table zz_batch_hdr add"
ls_sql = ls_sql + " close_by varchar(30) null,"
ls_sql = ls_sql + " reopen_cnt int not null default 0"
execute immediate :ls_sql using sqlca;

// single add behind a guard, through the global function
ls_sql = "if col_length('zz_batch_dtl','wh_cd') is null " + &
	"alter table dbo.zz_batch_dtl add wh_cd char(4) null"
li_rc = f_zz_exec_ddl(ls_sql, false)

// widen cust_ref, through the service
ls_sql = "alter table zz_batch_dtl alter column cust_ref varchar(40) null"
this.inv_sqlexec.of_execute(ls_sql)

// trap: only logged, never executed
ls_log = "alter table zz_batch_hdr alter column hold_flag char(2) null"
this.inv_sqlexec.of_log(ls_log)

// trap: overwritten before it is run
ls_sql = "alter table zz_batch_dtl add trap_ovr int null"
ls_sql = "update zz_batch_dtl set qty_open = 0 where qty_open is null"
execute immediate :ls_sql using sqlca;

// trap: commented out
// ls_sql = "alter table zz_batch_hdr add trap_cmt1 int null"
// execute immediate :ls_sql using sqlca;
/* this.uf_zz_set_addcolumn("zz_batch_hdr", "trap_cmt2", "int null")
   ls_sql = "alter table zz_batch_hdr add trap_cmt3 int null" */

// bracketed names
ls_sql = "alter table [dbo].[zz_batch_dtl] add [pick_dt] datetime null"
execute immediate :ls_sql using sqlca;

// trap: shown to the user only
messagebox("upgrade", "please run: alter table zz_batch_dtl add trap_msg int null")
return 1
end function

public function integer uf_housekeep (string as_ref);long ll_cnt, ll_batch
decimal{4} ldc_rate

select count(*) into :ll_cnt from zz_batch_dtl where cust_ref = :as_ref using sqlca;
if ll_cnt = 0 then
	messagebox("housekeep", "no rows for cust_ref " + as_ref + ", rate_pct unchanged")
	return 0
end if
update zz_batch_hdr
	set hold_flag = 'y',
		close_dt = null
	where rate_pct > 0 and batch_id in (select batch_id from zz_batch_dtl where qty_open > 0)
using sqlca;
declare lc_open cursor for
	select h.batch_id, h.rate_pct
	from zz_batch_hdr h
	where h.hold_flag = 'n' using sqlca;
open lc_open;
fetch lc_open into :ll_batch, :ldc_rate;
close lc_open;
return 1
end function

event ue_upgrade(integer ai_fromver, ref string as_msg);string ls_tbl, ls_col, ls_def
string ls_cols[], ls_defs[]
integer li_rc

if not isvalid(this.inv_sqlexec) then this.inv_sqlexec = create n_cst_sqlexec
this.uf_create_tables()

choose case true
	case ai_fromver < 3
		this.uf_zz_set_addcolumn("zz_batch_hdr", "rate_pct", "decimal(9,4) null")
		this.uf_zz_set_addcolumn(ics_tbl_hdr, "hold_flag", "char(1) not null default 'n'")
	case ai_fromver < 5
		ls_tbl = ics_tbl_dtl
		ls_def = "varchar(" + "12) null"
		this.uf_zz_set_addcolumn(ls_tbl, "ship_via", ls_def)
		ls_cols[1] = "qty_open"
		ls_defs[1] = "decimal(12,2) null"
		ls_cols[2] = "qty_alloc"
		ls_defs[2] = "decimal(12,2) not null default 0"
		this.uf_zz_set_addcolumn(ls_tbl, ls_cols[1], ls_defs[1])
		this.uf_zz_set_addcolumn(ls_tbl, ls_cols[2], ls_defs[2])
	case else
		as_msg = "schema current"
end choose

this.uf_zz_set_addcolumn("zz_batch_dtl", &
	"note_txt", &
	"varchar(255) null")
ls_col = "old_col"
ls_col = "lot_no"
this.uf_zz_set_addcolumn(ics_tbl_dtl, ls_col, "varchar(20) null")
this.uf_zz_set_addcolumn(ics_tbl_hdr, ics_col_src, "varchar(8) not null default ~'pb~'")
this.uf_zz_set_addcolumn("dbo.zz_batch_hdr", "prio" + "_no", "smallint null")
if ai_fromver < 7 then this.uf_zz_set_addcolumn("zz_batch_hdr", "ext_ref", "nvarchar(50) null")
// this.uf_zz_set_addcolumn("zz_batch_hdr", "dead_col", "int null")
this.uf_alter_tables()
as_msg = "added rate_pct, hold_flag and qty_open"
end event

event ue_procs(boolean ab_drop);string ls_sql, ls_a, ls_b, ls_c

if ab_drop then
	execute immediate "if object_id('dbo.zz_batch_close') is not null drop procedure dbo.zz_batch_close" using sqlca;
end if
ls_sql = "create procedure dbo.zz_batch_close @batch_id int as~r~n"
ls_sql = ls_sql + "begin~r~n"
ls_sql = ls_sql + "~tset nocount on~r~n"
ls_sql = ls_sql + "~tcreate table #open (~r~n"
ls_sql = ls_sql + "~t~tbatch_id int not null,~r~n"
ls_sql = ls_sql + "~t~tcust_ref varchar(40) null,~r~n"
ls_sql = ls_sql + "~t~tqty_open decimal(12,2) null)~r~n"
ls_sql = ls_sql + "~tinsert #open (batch_id, cust_ref, qty_open)~r~n"
ls_sql = ls_sql + "~tselect d.batch_id, d.cust_ref, d.qty_open~r~n"
ls_sql = ls_sql + "~tfrom dbo.zz_batch_dtl d~r~n"
ls_sql = ls_sql + "~twhere d.batch_id = @batch_id and d.qty_open > 0~r~n"
ls_sql = ls_sql + "~tupdate h~r~n"
ls_sql = ls_sql + "~tset h.hold_flag = 'n', h.close_dt = getdate()~r~n"
ls_sql = ls_sql + "~tfrom zz_batch_hdr h~r~n"
ls_sql = ls_sql + "~tjoin #open o on o.batch_id = h.batch_id~r~n"
ls_sql = ls_sql + "~twhere o.qty_open = 0~r~n"
ls_sql = ls_sql + "~tselect d.batch_id, d.cust_ref~r~n"
ls_sql = ls_sql + "~tinto #refs~r~n"
ls_sql = ls_sql + "~tfrom zz_batch_dtl d where d.qty_open > 0~r~n"
ls_sql = ls_sql + "~tdeclare @t table (batch_id int,~r~n"
ls_sql = ls_sql + "~t~trate_pct decimal(9,4))~r~n"
ls_sql = ls_sql + "~tinsert @t (batch_id, rate_pct) select batch_id, rate_pct from zz_batch_hdr~r~n"
ls_sql = ls_sql + "end"
this.inv_sqlexec.of_execute(ls_sql)

// second procedure: cte + merge
ls_a = "create procedure zz_batch_rate @pct decimal(9,4) as~r~nbegin~r~n"
ls_b = "~t;with cte as (~r~n"
ls_b = ls_b + "~t~tselect b.batch_id, b.rate_pct, sum(x.qty_open) as tot_open~r~n"
ls_b = ls_b + "~t~tfrom zz_batch_hdr b~r~n"
ls_b = ls_b + "~t~tinner join zz_batch_dtl x on x.batch_id = b.batch_id~r~n"
ls_b = ls_b + "~t~twhere b.hold_flag = 'n'~r~n"
ls_b = ls_b + "~t~tgroup by b.batch_id, b.rate_pct~r~n"
ls_b = ls_b + "~t)~r~n"
ls_c = "~tmerge zz_batch_hdr as t~r~n"
ls_c = ls_c + "~tusing cte as s on s.batch_id = t.batch_id~r~n"
ls_c = ls_c + "~twhen matched and s.tot_open > 0 then~r~n"
ls_c = ls_c + "~t~tupdate set t.rate_pct = @pct~r~n"
ls_c = ls_c + "~twhen not matched by source then update set t.hold_flag = 'y';~r~n"
ls_c = ls_c + "end"
ls_sql = ls_a + ls_b + ls_c
this.inv_sqlexec.of_execute(ls_sql)
end event

on n_cst_zz_dbmaint.create
call super::create
triggerevent( this, "constructor" )
end on

on n_cst_zz_dbmaint.destroy
triggerevent( this, "destructor" )
call super::destroy
end on

event constructor;this.inv_sqlexec = create n_cst_sqlexec
end event

event destructor;if isvalid(this.inv_sqlexec) then destroy this.inv_sqlexec
end event


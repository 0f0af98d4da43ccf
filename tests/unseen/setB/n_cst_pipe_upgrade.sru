$PBExportHeader$n_cst_pipe_upgrade.sru
$PBExportComments$pool/commitment upgrade steps – called from w_pipe_setup
forward
global type n_cst_pipe_upgrade from nonvisualobject
end type
end forward

global type n_cst_pipe_upgrade from nonvisualobject
end type
global n_cst_pipe_upgrade n_cst_pipe_upgrade

type variables
n_cst_sqlrunner inv_runner
n_cst_dbschema  inv_schema
string is_t_pool, is_t_pool_loan, is_t_commit
string is_nl
constant string ic_num_rate = "numeric(9,4) null"
constant string ic_px = "price"
integer ii_from_version
end variables

forward prototypes
public function integer of_upgrade (transaction atr_trans)
public function integer of_create_tables ()
public function integer of_upgrade_columns ()
public function integer of_alter ()
public function string of_build_settle_proc ()
public function integer of_commit_sync_proc ()
public function integer of_step (integer ai_step)
public subroutine of_manual_steps ()
public function integer of_data_fix (long al_pool)
public function integer of_ddl (string as_label, string as_sql)
end prototypes

public function integer of_create_tables ();string ls_sql, ls_ddl[]
long   ll_i

// commitments - run through the runner object
ls_sql = "create table dbo.pipe_commit (" + is_nl
ls_sql += "   commit_id int identity(1,1) not null," + is_nl
ls_sql += "   pool_id int null," + is_nl
ls_sql += "   investor_cd varchar(10) not null," + is_nl
ls_sql += "   commit_amt money null," + is_nl
ls_sql += "   " + ic_px + "_pct numeric(11,8) null," + is_nl
ls_sql += "   settle_dt datetime null)"
inv_runner.of_run(ls_sql)

// settlement log - through the global function
ls_sql = "if object_id('dbo.pipe_settle_log') is null " + is_nl + "create table dbo.pipe_settle_log (" + &
	"log_id int identity(1,1) not null, " + &
	"pool_id int null, settle_dt datetime null, " + &
	"msg varchar(255) null)"
if gf_exec_sql(sqlca, ls_sql) < 0 then return -1

// pools - a list of statements run in order
ls_ddl[1] = "create table pipe_pool (pool_id int not null primary key, pool_name varchar(40) null, pool_status char(1) null)"
ls_ddl[2] = "alter table pipe_pool add settle_dt datetime null"
ls_ddl[3] = "alter table pipe_pool add pool_wac " + ic_num_rate
for ll_i = 1 to upperbound(ls_ddl)
	if inv_runner.of_run(ls_ddl[ll_i]) <> 0 then exit
next
return 1
end function

public function integer of_upgrade_columns ();integer li_rc
string  ls_def

choose case ii_from_version
	case is < 6
		inv_schema.uf_set_addcolumn(sqlca, "excl_flag", is_t_pool_loan, "char(1) default ~"N~"")
		inv_schema.uf_set_addcolumn(sqlca, "upb_amt", is_t_pool_loan, "numeric(15,2) null")
		inv_schema.uf_set_addcolumn(sqlca, "note_rate", is_t_pool_loan, ic_num_rate)
	case 6, 7
		inv_schema.uf_set_addcolumn(sqlca, "pool_status", is_t_pool, "char(1) null")
		inv_schema.uf_set_addcolumn(sqlca, "coupon_rt", is_t_pool, "numeric(6,3) null")
	case 8 to 9
		li_rc = inv_schema.uf_set_addcolumn(sqlca, "settle_dt", is_t_commit, "datetime null")
		li_rc = inv_schema.uf_set_addcolumn(sqlca, ic_px + "_pct", is_t_commit, "numeric(11,8) null")
	case else
		// nothing for current tenants
end choose

// every version: columns added after 9.0
ls_def = "varchar(" + "12) null"
inv_schema.uf_set_addcolumn(sqlca, "trade_ref", is_t_commit, ls_def)
inv_schema.uf_set_addcolumn(sqlca, "pool_grp", "pipe_pool", "varchar(10) null")
if inv_schema.uf_set_addcolumn(sqlca, "div_by", is_t_pool_loan, "numeric(5,0) null") < 0 then
	inv_runner.of_note(0, "div_by not added: " + sqlca.sqlerrtext)
end if
inv_schema.uf_set_addcolumn(sqlca, &
	"upb_prev_amt", &
	is_t_pool_loan, &
	"numeric(15,2) null")
// inv_schema.uf_set_addcolumn(sqlca, "old_grade", is_t_pool_loan, "char(2) null")
return 1
end function

public function integer of_alter ();string ls_sql
long   ll_rc

ls_sql = "alter table dbo.pipe_pool_loan add upb_orig_amt numeric(15,2) null, " + &
	"excl_reason_cd char(2) null"
ll_rc = gf_exec_sql(sqlca, ls_sql)

// 9.2: eight decimals for prices
ls_sql = "alter table dbo.pipe_commit alter column price_pct " + lower("NUMERIC(11,8)") + " null"
ll_rc = inv_runner.of_run(ls_sql)

ls_sql = "if col_length('dbo.pipe_pool','settle_dt') is null alter table dbo.pipe_pool add settle_dt datetime null"
ll_rc = gf_exec_sql(sqlca, ls_sql)

ls_sql = "alter table " + upper(is_t_commit) + " add " + &
	"upb_amt numeric(15,2) null"
THIS.inv_runner.of_run(ls_sql)

ls_sql = "update dbo.pipe_pool_loan set excl_flag = 'N' where excl_flag is null"
gf_exec_sql(sqlca, ls_sql)

// through the local wrapper of_ddl(label, sql)
of_ddl("pool coupon cap", "alter table dbo.pipe_pool add coupon_max numeric(6,3) null")
of_ddl("settle log flag", "alter table dbo.pipe_settle_log add excl_flag char(1) null")

// the 7.x definition is kept for reference only: overwritten before anything runs
ls_sql = "alter table dbo.pipe_commit add price_pct float null"
ls_sql = "alter table dbo.pipe_commit add price_src varchar(8) null"
this.of_ddl("price source", ls_sql)
return 1
end function

public function integer of_ddl (string as_label, string as_sql);// runs one DDL statement and notes it in the settle log
long ll_rc
ll_rc = inv_runner.of_run(as_sql)
if ll_rc <> 0 then
	inv_runner.of_note(0, as_label + " failed: " + string(ll_rc))
end if
return ll_rc
end function

public function string of_build_settle_proc ();string ls_proc, ls_nl
ls_nl = "~r~n"
ls_proc = "create procedure dbo.psp_pool_settle" + ls_nl
ls_proc = ls_proc + "    @pool_id int," + ls_nl
ls_proc = ls_proc + "    @div_by numeric(5,0) = null" + ls_nl
ls_proc = ls_proc + "as" + ls_nl
ls_proc = ls_proc + "begin" + ls_nl
ls_proc = ls_proc + "    set nocount on" + ls_nl
ls_proc = ls_proc + "    declare @settle table (loan_id int, upb_amt numeric(15,2), price_pct numeric(11,8))" + ls_nl
ls_proc = ls_proc + "    if @div_by is null" + ls_nl
ls_proc = ls_proc + "        select @div_by = p.div_by from dbo.pipe_pool_loan p where p.pool_id = @pool_id and p.div_by > 0" + ls_nl
ls_proc = ls_proc + "    insert into @settle (loan_id, upb_amt, price_pct)" + ls_nl
ls_proc = ls_proc + "    select pl.loan_id, pl.upb_amt / isnull(nullif(@div_by, 0), 1), c.price_pct" + ls_nl
ls_proc = ls_proc + "      from dbo.pipe_pool_loan pl" + ls_nl
ls_proc = ls_proc + "      join dbo.pipe_pool p on p.pool_id = pl.pool_id" + ls_nl
ls_proc = ls_proc + "      join dbo.pipe_commit c on c.pool_id = p.pool_id" + ls_nl
ls_proc = ls_proc + "     where pl.pool_id = @pool_id and isnull(pl.excl_flag, 'N') = 'N'" + ls_nl
ls_proc = ls_proc + "    update p set p.settle_dt = c.settle_dt, p.pool_wac = x.wac" + ls_nl
ls_proc = ls_proc + "      from dbo.pipe_pool p" + ls_nl
ls_proc = ls_proc + "      join dbo.pipe_commit c on c.pool_id = p.pool_id" + ls_nl
ls_proc = ls_proc + "      cross apply (select sum(s.upb_amt * s.price_pct) / nullif(sum(s.upb_amt), 0) as wac from @settle s) x" + ls_nl
ls_proc = ls_proc + "     where p.pool_id = @pool_id" + ls_nl
ls_proc = ls_proc + "    select s.loan_id, s.upb_amt, s.price_pct into #settle_out from @settle s" + ls_nl
ls_proc = ls_proc + "    delete pl from dbo.pipe_pool_loan pl join #settle_out o on o.loan_id = pl.loan_id where pl.excl_flag = 'Y'" + ls_nl
ls_proc = ls_proc + "    select o.loan_id, o.upb_amt from #settle_out o order by o.upb_amt desc" + ls_nl
ls_proc = ls_proc + "end" + ls_nl
return ls_proc
end function

public function integer of_commit_sync_proc ();string ls_part[], ls_sql
integer li_n, li_k

ls_sql = "if object_id('dbo.psp_pool_commit_sync') is not null drop procedure dbo.psp_pool_commit_sync"
inv_runner.of_run(ls_sql)

li_n = 0
li_n ++; ls_part[li_n] = "create procedure dbo.psp_pool_commit_sync"
li_n ++; ls_part[li_n] = "as"
li_n ++; ls_part[li_n] = "begin"
li_n ++; ls_part[li_n] = "    set nocount on"
li_n ++; ls_part[li_n] = "    ;with open_commit as ("
li_n ++; ls_part[li_n] = "        select c.commit_id, c.pool_id, c.price_pct as px, c.settle_dt as sdt,"
li_n ++; ls_part[li_n] = "               row_number() over (partition by c.pool_id order by c.settle_dt desc) as rn"
li_n ++; ls_part[li_n] = "          from dbo.pipe_commit c"
li_n ++; ls_part[li_n] = "         where c.settle_dt >= dateadd(day, -30, getdate())"
li_n ++; ls_part[li_n] = "    )"
li_n ++; ls_part[li_n] = "    merge dbo.pipe_pool as t"
li_n ++; ls_part[li_n] = "    using (select pool_id, px, sdt from open_commit where rn = 1) as s"
li_n ++; ls_part[li_n] = "       on t.pool_id = s.pool_id"
li_n ++; ls_part[li_n] = "    when matched then update set t.settle_dt = s.sdt"
li_n ++; ls_part[li_n] = "    when not matched by source and t.pool_status = 'O' then update set t.pool_status = 'X';"
li_n ++; ls_part[li_n] = "    insert into dbo.pipe_settle_log (pool_id, settle_dt, msg)"
li_n ++; ls_part[li_n] = "    exec dbo.psp_pool_settle_feed"
li_n ++; ls_part[li_n] = "end"
ls_sql = ""
for li_k = 1 to li_n
	ls_sql = ls_sql + ls_part[li_k] + char(13) + char(10)
next
return inv_runner.of_run(ls_sql)
end function

public function integer of_step (integer ai_step);string ls_sql

choose case ai_step
	case 1
		return of_create_tables()
	case 2
		return of_upgrade_columns()
	case 3
		return of_alter()
	case 4
		ls_sql = "if object_id('dbo.psp_pool_settle') is not null drop procedure dbo.psp_pool_settle"
		gf_exec_sql(sqlca, ls_sql)
		return gf_exec_sql(sqlca, this.of_build_settle_proc())
	case 5
		return of_commit_sync_proc()
	case 6
		ls_sql = "create index ix_pool_loan_excl on dbo.pipe_pool_loan (pool_id) include (upb_amt) where excl_flag = 'N'"
		return inv_runner.of_run(ls_sql)
	case 7
		ls_sql = "create table pipe_pool_hist (pool_id int not null, " + &
			"settle_dt datetime null, upb_amt numeric(15,2) null, " + &
			"hist_dt datetime default getdate() not null)"
		return inv_runner.of_run(ls_sql)
	case else
		return 0
end choose
end function

public subroutine of_manual_steps ();string ls_sql, ls_msg

// DBA-only steps: written to the log for review, NOT executed here
ls_sql = "alter table dbo.pipe_pool_loan add excl_reason varchar(40) null"
inv_runner.of_log_sql(ls_sql)
ls_sql = "create table dbo.pipe_pool_arch (pool_id int not null, upb_amt money null, div_by int null)"
inv_runner.of_log_sql(ls_sql)

ls_msg = "update dbo.pipe_pool_loan set excl_flag = 'N' where upb_amt = 0"
messagebox("Run this manually", ls_msg, information!)
end subroutine

public function integer of_data_fix (long al_pool);datetime ldt_last
decimal{2} ldc_upb
long ll_cnt

select max(settle_dt) into :ldt_last from pipe_commit where pool_id = :al_pool using sqlca;
if isnull(ldt_last) then return 0

update pipe_pool
   set settle_dt = :ldt_last
 where pool_id = :al_pool
using sqlca;

select sum(upb_amt), count(*)
  into :ldc_upb, :ll_cnt
  from pipe_pool_loan
 where pool_id = :al_pool and excl_flag = 'N' and isnull(div_by, 0) > 0
using sqlca;

if ldc_upb <= 0 then
	update pipe_pool_loan set excl_flag = 'Y' where pool_id = :al_pool using sqlca;
end if
inv_runner.of_note(al_pool, "settled " + string(ll_cnt) + " loan(s) – upb " + string(ldc_upb, "#,##0.00"))
commit using sqlca;
return 1
end function

public function integer of_upgrade (transaction atr_trans);integer li_step, li_rc

inv_runner.of_set_trans(atr_trans)
inv_schema.uf_ensure_core(atr_trans)
for li_step = 1 to 7
	li_rc = this.of_step(li_step)
	if li_rc < 0 then
		inv_runner.of_note(0, "step " + string(li_step) + " failed")
		return li_rc
	end if
next
of_manual_steps()
return 1
end function

event constructor;call super::constructor;
inv_runner = create n_cst_sqlrunner
inv_schema = create n_cst_dbschema
is_t_pool      = "pipe_pool"
is_t_pool_loan = "pipe_pool_loan"
is_t_commit    = "pipe_commit"
is_nl = char(13) + char(10)
ii_from_version = 5   // overwritten by of_upgrade’s caller
end event

event destructor;call super::destructor;
destroy inv_runner
destroy inv_schema
end event

on n_cst_pipe_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_pipe_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


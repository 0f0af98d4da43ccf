HA$PBExportHeader$n_cst_tenant_upgrade.sru
$PBExportComments$Mise à niveau du schéma des bases locataires (PowerFill 8.x)
forward
global type n_cst_tenant_upgrade from nonvisualobject
end type
end forward

global type n_cst_tenant_upgrade from nonvisualobject
end type
global n_cst_tenant_upgrade n_cst_tenant_upgrade

type variables
Protected:
n_tr itr_tenant
string is_ddl[]
string is_crlf
long il_from_version = 712
constant string CS_POOL = "rx_pool"
string is_logfile = "C:\Temp\rx_upgrade.log"
end variables

forward prototypes
public function long of_upgrade ()
public function long of_run_all ()
public subroutine of_fill_alters (ref string as_sql[])
public function long of_version_fixups (long al_from)
public function long of_add_columns ()
public function long of_create_history ()
public function long of_create_procs ()
public function long of_misc ()
public function boolean of_table_exists (string as_table)
public subroutine of_log (string as_text)
public function long of_exec_checked (string as_sql, string as_table)
private function long of_old_fixups ()
public function long of_pool_stats (string as_pool)
end prototypes

public function long of_upgrade ();string ls_alter[]
long ll_rc

ll_rc = of_run_all()
If ll_rc <> 0 Then Return ll_rc

// version du schéma enregistrée chez le locataire
SELECT cfg_num INTO :il_from_version FROM rx_tenant_cfg WHERE cfg_key = 'schema_version' USING itr_tenant;
If itr_tenant.SQLCode <> 0 Then il_from_version = 0

of_fill_alters(ls_alter)
ll_rc = itr_tenant.of_execute_all(ls_alter)

ll_rc = of_version_fixups(il_from_version)
ll_rc = of_add_columns()
ll_rc = of_create_history()
ll_rc = of_create_procs()
ll_rc = of_misc()
Return ll_rc
end function

public function long of_run_all ();long ll_rc
integer li_i

For li_i = 1 To UpperBound(is_ddl)
	ll_rc = itr_tenant.of_execute(is_ddl[li_i])
	If ll_rc <> 0 Then Return ll_rc
Next
Return 0
end function

public subroutine of_fill_alters (ref string as_sql[]);integer li_n

li_n = UpperBound(as_sql)
li_n++
as_sql[li_n] = "ALTER TABLE rx_trade ADD trade_src varchar(10) NULL"
li_n++
as_sql[li_n] = "ALTER TABLE rx_trade ADD div_by numeric(5,0) NULL"
li_n++
as_sql[li_n] = "ALTER TABLE rx_pool ADD coupon_rt numeric(7,4) NULL"
li_n++
as_sql[li_n] = "ALTER TABLE rx_pay_hist ADD pay_seq smallint NULL"
end subroutine

public function long of_version_fixups (long al_from);string ls_sql

Choose Case al_from
	Case Is < 700
		ls_sql = "ALTER TABLE rx_pay_hist ADD investor_ref varchar(20) NULL"
	Case 700 To 799
		ls_sql = "ALTER TABLE rx_pay_hist ADD trade_amt numeric(15,2) NULL"
	Case Else
		ls_sql = ""
End Choose
If ls_sql <> "" Then Return itr_tenant.of_execute(ls_sql)
Return 0
end function

public function long of_add_columns ();string ls_sql, ls_tpl, ls_tbl
long ll_rc

// la table existe mais il manque des colonnes
itr_tenant.of_tbl_set_addcolumn("div_by", "numeric(5,0) null", "rx_pay_hist")
itr_tenant.of_tbl_set_addcolumn("investor_id", "int null", "rx_alloc_log")
itr_tenant.of_tbl_set_addcolumn("coupon_rt", "numeric(7,4) null", "rx_pay_hist")
itr_tenant.of_tbl_set_addcolumn("factor_dt", "datetime null", CS_POOL)
itr_tenant.of_tbl_set_addcolumn("div_by", "numeric(5,0) null", CS_POOL)
ls_tbl = "rx_trade"
itr_tenant.of_tbl_set_addcolumn("pay_rate", "numeric(9,4) null", ls_tbl)
itr_tenant.of_tbl_set_addcolumn("trade_amt", "numeric(15,2) null", ls_tbl)
itr_tenant.of_tbl_set_addcolumn("cfg_value", "varchar(255) null", "rx_tenant_cfg")
itr_tenant.of_tbl_set_addcolumn("pay_freq", "char(1) null", "rx_investor")
itr_tenant.of_tbl_set_addcolumn("alloc_seq", "int null", "rx_alloc_log")
//itr_tenant.of_tbl_set_addcolumn("pay_rate", "numeric(9,4) null", "rx_pool")

// colonnes ajoutées par la fonction globale
ls_sql = f_sql_addcolumn("rx_alloc_log", "div_by", "numeric(5,0) NULL")
ll_rc = itr_tenant.of_execute(ls_sql)
ls_sql = f_sql_addcolumn("rx_alloc_log", "coupon_rt", "numeric(7,4) NULL")
ll_rc = itr_tenant.of_execute(ls_sql)
ls_sql = f_sql_addcolumn("rx_investor", "pay_rate", "numeric(9,4) NULL")
ll_rc = itr_tenant.of_execute(ls_sql)

// modèle avec jetons
ls_tpl = "ALTER TABLE dbo.%TABLE% ADD %COL% %DEF%"
ls_sql = Replace(ls_tpl, Pos(ls_tpl, "%TABLE%"), 7, "rx_investor")
ls_sql = Replace(ls_sql, Pos(ls_sql, "%COL%"), 5, "factor_dt")
ls_sql = Replace(ls_sql, Pos(ls_sql, "%DEF%"), 5, "datetime NULL")
ll_rc = itr_tenant.of_execute(ls_sql)

ls_sql = "ALTER TABLE ~"rx_pool~" ADD ~"pay_rate~" numeric(9,4) NULL, ~"pay_freq~" char(1) NULL"
ll_rc = itr_tenant.of_execute(ls_sql)

// remplacé avant l'exécution : seule la mise à jour part
ls_sql = "ALTER TABLE rx_pool ADD investor_id int NULL"
ls_sql = "UPDATE rx_pool SET active_yn = 'Y' WHERE active_yn IS NULL"
ll_rc = itr_tenant.of_execute(ls_sql)

of_log("ALTER TABLE rx_alloc_log ALTER COLUMN trade_amt numeric(19,2) NULL")
Return ll_rc
end function

public function long of_create_history ();string ls_sql
long ll_rc

ls_sql = "CREATE TABLE [dbo].[rx_pay_hist](" + is_crlf
ls_sql += "~t[pay_id] [int] IDENTITY(1,1) NOT NULL," + is_crlf
ls_sql += "~t[investor_id] [int] NOT NULL," + is_crlf
ls_sql += "~t[pay_rate] [numeric](9, 4) NULL," + is_crlf
ls_sql += "~t[paid_dt] [datetime] NULL," + is_crlf
ls_sql += "~tCONSTRAINT [pk_rx_pay_hist] PRIMARY KEY CLUSTERED ([pay_id] ASC)" + is_crlf
ls_sql += ")"
If Not of_table_exists("rx_pay_hist") Then ll_rc = itr_tenant.of_execute(ls_sql)

ls_sql = "CREATE TABLE rx_alloc_log (" + is_crlf + &
	"log_id" + Space(8) + "int identity(1,1) not null," + is_crlf + &
	"trade_id" + Space(6) + "int null," + is_crlf + &
	"trade_amt" + Space(5) + "numeric(15,2) null," + is_crlf + &
	"logged_at" + Space(5) + "datetime not null default getdate())"
ll_rc = of_exec_checked(ls_sql, "rx_alloc_log")
Return ll_rc
end function

public function long of_create_procs ();string ls_proc
long ll_rc

itr_tenant.of_execute("if object_id('dbo.psp_rx_fixup') is not null drop procedure dbo.psp_rx_fixup")
ls_proc = "create procedure dbo.psp_rx_fixup as" + is_crlf
ls_proc += "begin" + is_crlf
ls_proc += "  if not exists (select * from syscolumns where id = object_id('rx_trade') and name = 'factor_dt')" + is_crlf
ls_proc += "    alter table rx_trade add factor_dt datetime null" + is_crlf
ls_proc += "  if col_length('dbo.rx_investor', 'coupon_rt') is null" + is_crlf
ls_proc += "    alter table dbo.rx_investor add coupon_rt numeric(7,4) null" + is_crlf
ls_proc += "end"
ll_rc = itr_tenant.of_execute(ls_proc)
ll_rc = itr_tenant.of_execute("exec dbo.psp_rx_fixup")

itr_tenant.of_execute("if object_id('dbo.psp_rx_alloc') is not null drop procedure dbo.psp_rx_alloc")
ls_proc = "create procedure dbo.psp_rx_alloc @as_pool char(20) as" + is_crlf
ls_proc += "begin" + is_crlf
ls_proc += "  set nocount on" + is_crlf
ls_proc += "  declare @cand table (trade_id int not null, trade_amt numeric(15,2) null, div_by numeric(5,0) null)" + is_crlf
ls_proc += "  insert into @cand (trade_id, trade_amt, div_by)" + is_crlf
ls_proc += "  select t.trade_id, t.trade_amt, p.div_by" + is_crlf
ls_proc += "    from dbo.rx_trade t" + is_crlf
ls_proc += "    join dbo.rx_pool p on p.pool_id = t.pool_id" + is_crlf
ls_proc += "   where p.pool_id = @as_pool and t.coupon_rt > 0" + is_crlf
ls_proc += "  select c.trade_id, c.trade_amt, c.div_by" + is_crlf
ls_proc += "    into #alloc" + is_crlf
ls_proc += "    from @cand c" + is_crlf
ls_proc += "  update i set i.pay_rate = a.trade_amt / a.div_by" + is_crlf
ls_proc += "    from dbo.rx_investor i" + is_crlf
ls_proc += "    join dbo.rx_trade t on t.investor_id = i.investor_id" + is_crlf
ls_proc += "    join #alloc a on a.trade_id = t.trade_id" + is_crlf
ls_proc += "  merge dbo.rx_pay_hist as tgt" + is_crlf
ls_proc += "  using dbo.rx_investor as src" + is_crlf
ls_proc += "     on tgt.investor_id = src.investor_id" + is_crlf
ls_proc += "  when matched then update set tgt.pay_rate = src.pay_rate" + is_crlf
ls_proc += "  when not matched then insert (investor_id, pay_rate, paid_dt)" + is_crlf
ls_proc += "       values (src.investor_id, src.pay_rate, getdate());" + is_crlf
ls_proc += "  drop table #alloc" + is_crlf
ls_proc += "end"
ll_rc = itr_tenant.of_execute(ls_proc)
Return ll_rc
end function

public function long of_misc ();datetime ldt_last

SELECT Max(factor_dt) INTO :ldt_last FROM rx_pool WHERE active_yn = 'Y' USING itr_tenant;
If IsNull(ldt_last) Then
	UPDATE rx_pool SET factor_dt = getdate() WHERE factor_dt IS NULL USING itr_tenant;
End If
Return itr_tenant.SQLCode
end function

public function long of_pool_stats (string as_pool);long ll_id, ll_n
decimal ldc_cpn, ldc_sum

DECLARE lc_trade CURSOR FOR
  SELECT trade_id, coupon_rt FROM rx_trade WHERE pool_id = :as_pool USING itr_tenant;
OPEN lc_trade;
FETCH lc_trade INTO :ll_id, :ldc_cpn;
Do While itr_tenant.SQLCode = 0
	ll_n++
	ldc_sum += ldc_cpn
	FETCH lc_trade INTO :ll_id, :ldc_cpn;
Loop
CLOSE lc_trade;
Return ll_n
end function

public function boolean of_table_exists (string as_table);long ll_count

SELECT count(*) INTO :ll_count FROM sysobjects WHERE name = :as_table AND type = 'U' USING itr_tenant;
Return ll_count > 0
end function

public subroutine of_log (string as_text);integer li_file

li_file = FileOpen(is_logfile, LineMode!, Write!, LockWrite!, Append!)
If li_file > 0 Then
	FileWrite(li_file, String(Now(), "yyyy-mm-dd hh:mm:ss") + "~t" + as_text)
	FileClose(li_file)
End If
end subroutine

public function long of_exec_checked (string as_sql, string as_table);long ll_rc

If of_table_exists(as_table) Then Return 0
ll_rc = itr_tenant.of_execute(as_sql)
If ll_rc <> 0 Then of_log("failed: " + as_sql)
Return ll_rc
end function

private function long of_old_fixups ();// 7.x : remplacé par of_add_columns, plus appelé
Return itr_tenant.of_execute("ALTER TABLE rx_investor ADD div_by numeric(5,0) NULL")
end function

event constructor;// instructions de schéma, exécutées dans l'ordre par of_run_all()
itr_tenant = CREATE n_tr
itr_tenant.DBMS = SQLCA.DBMS
itr_tenant.DBParm = SQLCA.DBParm
itr_tenant.ServerName = SQLCA.ServerName
itr_tenant.Database = SQLCA.Database
If IsNull(is_crlf) Or Len(is_crlf) = 0 Then is_crlf = Char(13) + Char(10)

is_ddl[1] = "if object_id('dbo.rx_trade') is null " + &
	"create table dbo.rx_trade ( " + &
	"trade_id int not null, " + &
	"pool_id char(20) null, " + &
	"investor_id int null, " + &
	"trade_amt numeric(15,2) null, " + &
	"coupon_rt numeric(7,4) null, " + &
	"settle_dt datetime null, " + &
	"constraint pk_rx_trade primary key (trade_id) )"
is_ddl[2] = "if object_id('dbo.rx_pool') is null create table dbo.rx_pool ( " + &
	"pool_id char(20) not null primary key, pool_name varchar(40) null, " + &
	"div_by numeric(5,0) null, " + &
	"factor_dt datetime null, " + &
	"active_yn char(1) not null default 'Y' )"
is_ddl[3] = "alter table rx_investor add investor_grp varchar(10) null"
is_ddl[4] = "if object_id('dbo.rx_tenant_cfg') is null create table dbo.rx_tenant_cfg (" + is_crlf + &
	"  cfg_key varchar(40) not null," + is_crlf + &
	"  cfg_num numeric(18,6) null," + is_crlf + &
	"  investor_id int null," + is_crlf + &
	"  updated_at datetime null)"
/* 8.0 beta, retiré :
is_ddl[5] = "ALTER TABLE rx_pool ADD trade_amt numeric(15,2) NULL"
*/
end event

event destructor;DESTROY itr_tenant
end event

on n_cst_tenant_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_tenant_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


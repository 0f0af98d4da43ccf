$PBExportHeader$n_cst_tenant_migrate.sru
$PBExportComments$Runtime schema upgrade for tenant databases (PowerFill plugin)
forward
global type n_cst_tenant_migrate from nonvisualobject
end type
end forward

global type n_cst_tenant_migrate from nonvisualobject
event ue_migrate ( )
event type integer ue_procs ( string as_mode )
end type
global n_cst_tenant_migrate n_cst_tenant_migrate

type variables
Protected:
n_cst_dbexec inv_db
n_cst_sqlbuilder inv_sql
n_cst_constants inv_c
string is_tenant
boolean ib_migrated = False
end variables

forward prototypes
public function integer of_migrate ()
private function integer of_create_run_log ()
private function integer of_create_cfg ()
private function integer of_payups_columns ()
private function integer of_cfg_columns ()
private function integer of_loan_ext_defs (ref s_coldef astr_defs[])
private function integer of_apply_defs (s_coldef astr_defs[])
private function integer of_pool_hist ()
private function integer of_helper_columns ()
private function string of_proc_settle ()
private function integer of_procs ()
private subroutine of_post_migrate ()
public function integer of_legacy_v7_fix ()
end prototypes

event ue_migrate();// Entry point, fired from the constructor
If ib_migrated Then Return
If of_migrate() = 1 Then ib_migrated = True
POST of_post_migrate()
end event

event type integer ue_procs(string as_mode);Choose Case as_mode
	Case "full", "procs"
		Return of_procs()
End Choose
Return 0
end event

public function integer of_migrate ();integer li_rc
s_coldef lstr_defs[]

li_rc = of_create_run_log()
If li_rc < 0 Then Return li_rc
If of_create_cfg() < 0 Then Return -1
of_payups_columns()
of_cfg_columns()
If of_loan_ext_defs(lstr_defs) > 0 Then of_apply_defs(lstr_defs)
of_pool_hist()
of_helper_columns()
// of_legacy_v7_fix() was retired with 8.0
this.Event ue_procs("full")
Return 1
end function

private function integer of_create_run_log ();string ls_sql
long ll_exists

SELECT count(*) INTO :ll_exists FROM sysobjects WHERE name = 'pfill_run_log' AND type = 'U' USING SQLCA ;
If ll_exists > 0 Then Return 0

ls_sql = inv_sql.of_create_open(inv_c.TBL_RUNLOG)
ls_sql += inv_sql.of_col("run_seq", "int IDENTITY(1,1) NOT NULL", False)
ls_sql += inv_sql.of_col_null("tenant_code", "varchar(12)", False)
ls_sql += inv_sql.of_col_null("run_started", "datetime", False)
ls_sql += inv_sql.of_col_null("run_finished", "datetime", False)
ls_sql += inv_sql.of_col("run_status", "char(1) NOT NULL DEFAULT 'P'", False)
ls_sql += inv_sql.of_col_null("settle_dt", "datetime", False)
ls_sql += inv_sql.of_col_null("err_text", "varchar(255)", True)
Return gf_exec_ddl(SQLCA, ls_sql)
end function

private function integer of_create_cfg ();string ls_ddl, ls_tpl
transaction ltr_db

ltr_db = inv_db.of_get_trans()
ls_tpl = "CREATE TABLE dbo.%T% (" + &
	"cfg_id int NOT NULL PRIMARY KEY, " + &
	"tenant_code varchar(12) NOT NULL, " + &
	"lock_flag char(1) NOT NULL DEFAULT 'N', " /* legacy default,
	   see ticket 4411 */ + "max_pool_cnt int NULL, " + &
	"price_tol numeric(7,4) NULL)"
ls_ddl = Replace(ls_tpl, Pos(ls_tpl, "%T%"), 3, inv_c.TBL_CFG)
EXECUTE IMMEDIATE :ls_ddl USING ltr_db ;
If ltr_db.SQLDBCode = 2714 Then
	// table already there: widen the tolerance of 7.x tenants
	EXECUTE IMMEDIATE "ALTER TABLE dbo.pfill_tenant_cfg ALTER COLUMN price_tol numeric(11,8) NULL" USING ltr_db ;
ElseIf ltr_db.SQLCode < 0 Then
	Return -1
End If
Return 1
end function

private function integer of_payups_columns ();string ls_stmts[]
integer li_i

inv_sql.of_add_alter(ls_stmts, inv_c.TBL_PAYUPS, "div_by numeric(5,0) NULL")
inv_sql.of_add_alter(ls_stmts, inv_c.TBL_PAYUPS, "pay_rate numeric(9,4) NULL")
inv_sql.of_add_alter(ls_stmts, inv_c.TBL_PAYUPS, "pay_src char(2) NULL")
// inv_sql.of_add_alter(ls_stmts, inv_c.TBL_PAYUPS, "div_by_old int NULL")
inv_db.of_log("Manual step for 7.x tenants: ALTER TABLE dbo.rmusr_payups ADD pay_note varchar(80) NULL")

For li_i = 1 To UpperBound(ls_stmts)
	If inv_db.of_exec(ls_stmts[li_i]) < 0 Then Exit
Next

Choose Case True
	Case Len(is_tenant) = 0
		Return 0
	Case Else
		// 8.2 widened the pay-up rate
		inv_db.of_exec("ALTER TABLE " + inv_c.SCHEMA_PREFIX + inv_c.TBL_PAYUPS + &
			" ALTER COLUMN pay_rate numeric(11,8) NULL")
End Choose
Return 1
end function

private function integer of_cfg_columns ();string ls_sql, ls_name
integer li_i
string ls_cfgcols[] = {"settle_dt datetime NULL", &
	"audit_user varchar(30) NULL", &
	"rate_cap numeric(9,4) NULL"}

For li_i = 1 To UpperBound(ls_cfgcols)
	ls_name = Left(ls_cfgcols[li_i], Pos(ls_cfgcols[li_i], " ") - 1)
	ls_sql = "IF COL_LENGTH('" + inv_c.SCHEMA_PREFIX + inv_c.TBL_CFG + "', '" + ls_name + "') IS NULL " + &
		"ALTER TABLE " + inv_c.SCHEMA_PREFIX + inv_c.TBL_CFG + " ADD " + ls_cfgcols[li_i]
	EXECUTE IMMEDIATE :ls_sql USING SQLCA ;
Next

ls_sql = "ALTER TABLE dbo.pfill_tenant_cfg ADD pay_rate money NULL"
ls_sql = "ALTER TABLE dbo.pfill_tenant_cfg ADD rate_floor numeric(9,4) NULL"
EXECUTE IMMEDIATE :ls_sql USING SQLCA ;
Return 1
end function

private function integer of_loan_ext_defs (ref s_coldef astr_defs[]);integer li_n

li_n = 0
li_n++
astr_defs[li_n].s_table = inv_c.TBL_LOANEXT
astr_defs[li_n].s_column = "lock_flag"
astr_defs[li_n].s_definition = "char(1) NULL"
li_n++
astr_defs[li_n].s_table = inv_c.TBL_LOANEXT
astr_defs[li_n].s_column = "note_rate"
astr_defs[li_n].s_definition = "numeric(9,5) NULL"
li_n++
astr_defs[li_n].s_table = inv_c.TBL_LOANEXT
astr_defs[li_n].s_column = "investor_cd"
astr_defs[li_n].s_definition = "varchar(10) NULL"
li_n++
astr_defs[li_n].s_table = inv_c.TBL_LOANEXT
astr_defs[li_n].s_column = "commit_dt"
astr_defs[li_n].s_definition = "datetime NULL"
astr_defs[li_n].b_required = False
Return li_n
end function

private function integer of_apply_defs (s_coldef astr_defs[]);integer li_i
string ls_sql

For li_i = 1 To UpperBound(astr_defs)
	ls_sql = "ALTER TABLE " + inv_c.SCHEMA_PREFIX + astr_defs[li_i].s_table + " ADD " + astr_defs[li_i].s_column + " " + astr_defs[li_i].s_definition
	If gf_exec_ddl(SQLCA, ls_sql) < 0 Then Return -1
Next
Return 1
end function

private function integer of_pool_hist ();string ls_sql
integer li_i
string ls_names[] = {"pool_id", &
	"settle_dt", &
	"pay_rate", &
	"upb_amt", &
	"div_by"}
string ls_types[] = {"int NOT NULL", "datetime NULL", "numeric(9,4) NULL", "money NULL", "numeric(5,0) NULL"}

ls_sql = inv_sql.of_create_open("pfill_pool_hist")
For li_i = 1 To UpperBound(ls_names)
	ls_sql += inv_sql.of_col(ls_names[li_i], ls_types[li_i], li_i = UpperBound(ls_names))
Next
Return inv_db.of_exec(ls_sql)
end function

private function integer of_helper_columns ();// columns added through the shared helper (column, table, definition)
inv_db.of_ddl_set_addcolumn("pay_freq", inv_c.TBL_PAYUPS, "smallint NULL")
inv_db.of_ddl_set_addcolumn("tenant_code", inv_c.TBL_PAYUPS, "varchar(12) NULL")
inv_db.of_ddl_set_addcolumn("lock_flag", "pfill_pool_hist", "char(1) NULL")
inv_db.of_ddl_set_addcolumn("sched_dt", inv_c.TBL_RUNLOG, "datetime NULL")
inv_db.of_ddl_set_addcolumn("pay_rate", "rmusr_loan_ext", "numeric(9,4) NULL")
inv_db.of_ddl_set_addcolumn("upb_bal", "rmusr_loan_ext", "money NULL")
Return 1
end function

private function string of_proc_settle ();string ls_p, ls_nl

ls_nl = "~r~n"
ls_p = "CREATE PROCEDURE [dbo].[psp_pfill_settle_price]" + ls_nl
ls_p += "   @as_tenant varchar(12)" + ls_nl
ls_p += "AS" + ls_nl
ls_p += "BEGIN" + ls_nl
ls_p += "   SET NOCOUNT ON" + ls_nl
ls_p += "   CREATE TABLE #settle (pool_id int NOT NULL, settle_dt datetime NULL, div_by numeric(5,0) NULL)" + ls_nl
ls_p += "   INSERT INTO #settle (pool_id, settle_dt, div_by)" + ls_nl
ls_p += "   SELECT h.pool_id, h.settle_dt, p.div_by" + ls_nl
ls_p += "     FROM dbo.pfill_pool_hist h" + ls_nl
ls_p += "     JOIN [dbo].[rmusr_payups] p ON p.pool_id = h.pool_id" + ls_nl
ls_p += "    WHERE p.tenant_code = @as_tenant;" + ls_nl
ls_p += "   WITH ranked AS (" + ls_nl
ls_p += "      SELECT s.pool_id, s.div_by AS dvb," + ls_nl
ls_p += "             ROW_NUMBER() OVER (PARTITION BY s.pool_id ORDER BY s.settle_dt DESC) AS rn" + ls_nl
ls_p += "        FROM #settle s)" + ls_nl
ls_p += "   MERGE dbo.pfill_pool_hist AS tgt" + ls_nl
ls_p += "   USING (SELECT pool_id, dvb FROM ranked WHERE rn = 1) AS src" + ls_nl
ls_p += "      ON tgt.pool_id = src.pool_id" + ls_nl
ls_p += "    WHEN MATCHED THEN UPDATE SET tgt.div_by = src.dvb" + ls_nl
ls_p += "    WHEN NOT MATCHED BY TARGET THEN" + ls_nl
ls_p += "      INSERT (pool_id, div_by) VALUES (src.pool_id, src.dvb);" + ls_nl
ls_p += "   DECLARE @rates TABLE (pool_id int, pay_rate numeric(9,4))" + ls_nl
ls_p += "   INSERT INTO @rates (pool_id, pay_rate)" + ls_nl
ls_p += "   SELECT pool_id, pay_rate FROM dbo.rmusr_payups WHERE pay_src = 'FN'" + ls_nl
ls_p += "   UPDATE h SET h.pay_rate = r.pay_rate" + ls_nl
ls_p += "     FROM dbo.pfill_pool_hist h JOIN @rates r ON r.pool_id = h.pool_id" + ls_nl
ls_p += "   DECLARE @sql nvarchar(max)" + ls_nl
ls_p += "   SET @sql = N'UPDATE dbo.pfill_run_log SET run_status = ''D'' WHERE tenant_code = @t'" + ls_nl
ls_p += "   EXEC sp_executesql @sql, N'@t varchar(12)', @t = @as_tenant" + ls_nl
ls_p += "   DROP TABLE #settle" + ls_nl
ls_p += "END" + ls_nl
Return ls_p
end function

private function integer of_procs ();string ls_chunk[], ls_proc, ls_exec
integer li_j

inv_db.of_exec("IF OBJECT_ID('dbo.psp_pfill_settle_price', 'P') IS NOT NULL DROP PROCEDURE dbo.psp_pfill_settle_price")
If inv_db.of_exec(of_proc_settle()) < 0 Then Return -1

ls_chunk[1] = "CREATE PROCEDURE dbo.psp_pfill_cfg_upgrade AS"
ls_chunk[2] = "BEGIN"
ls_chunk[3] = "  IF COL_LENGTH('dbo.pfill_tenant_cfg', 'lock_reason') IS NULL ALTER TABLE dbo.pfill_tenant_cfg ADD lock_reason varchar(60) NULL"
ls_chunk[4] = "  IF OBJECT_ID('dbo.pfill_price_cache') IS NULL"
ls_chunk[5] = "    CREATE TABLE dbo.pfill_price_cache (pool_id int NOT NULL,"
ls_chunk[6] = "      pay_rate numeric(9,4) NULL,"
ls_chunk[7] = "      cached_at datetime NOT NULL DEFAULT GETDATE())"
ls_chunk[8] = "  UPDATE c SET c.lock_flag = 'Y' FROM dbo.pfill_tenant_cfg c WHERE c.tenant_code = 'LOCKED'"
ls_chunk[9] = "END"
ls_proc = ""
For li_j = 1 To UpperBound(ls_chunk)
	ls_proc += ls_chunk[li_j] + "~r~n"
Next
EXECUTE IMMEDIATE :ls_proc USING SQLCA ;
ls_exec = "EXEC dbo.psp_pfill_cfg_upgrade"
EXECUTE IMMEDIATE :ls_exec USING SQLCA ;
Return 1
end function

private subroutine of_post_migrate ();long ll_seq
string ls_sql

UPDATE dbo.pfill_tenant_cfg SET lock_flag = 'N' WHERE lock_flag IS NULL USING SQLCA ;

SELECT max(run_seq)
  INTO :ll_seq
  FROM dbo.pfill_run_log
 WHERE tenant_code = :is_tenant
 USING SQLCA ;

If ll_seq > 500 Then
	ls_sql = "DELETE FROM dbo.pfill_run_log WHERE run_seq < " + String(ll_seq - 500)
	inv_db.of_exec(ls_sql)
End If
/* 7.x cleanup, kept for reference
ls_sql = "ALTER TABLE dbo.pfill_run_log ADD purge_dt datetime NULL"
inv_db.of_exec(ls_sql)
*/
end subroutine

public function integer of_legacy_v7_fix ();// never called since 8.0 (see of_migrate)
EXECUTE IMMEDIATE "ALTER TABLE dbo.rmusr_payups ADD legacy_flag char(1) NULL" USING SQLCA ;
EXECUTE IMMEDIATE "UPDATE dbo.rmusr_payups SET div_by = 1 WHERE div_by IS NULL" USING SQLCA ;
Return 1
end function

on n_cst_tenant_migrate.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_tenant_migrate.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

event constructor;inv_db = CREATE n_cst_dbexec
inv_sql = CREATE n_cst_sqlbuilder
is_tenant = ProfileString("pfill.ini", "tenant", "code", "")
this.TriggerEvent("ue_migrate")
end event

event destructor;DESTROY inv_sql
DESTROY inv_db
end event

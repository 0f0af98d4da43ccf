$PBExportHeader$n_cst_dbmigrate_v5.sru
$PBExportComments$Upgrade to schema v5 (pool holds, allocation %)
forward
global type n_cst_dbmigrate_v5 from n_cst_dbmigrate_base
end type
end forward

global type n_cst_dbmigrate_v5 from n_cst_dbmigrate_base
end type
global n_cst_dbmigrate_v5 n_cst_dbmigrate_v5

forward prototypes
public function integer of_upgrade ()
protected function string of_col_status ()
protected function integer of_create_hist ()
protected function integer of_alloc_columns ()
protected function integer of_create_procs ()
protected function string of_build_purge ()
protected function integer of_loan_columns ()
end prototypes

protected function string of_col_status ();// definition of the status column (shared with v4 scripts)
RETURN "pool_status char(1) NOT NULL DEFAULT 'O'"
end function

protected function integer of_create_hist ();// DKS 2011-02-17 history table for pools
string ls_sql, ls_nl
ls_nl = "~r~n"
ls_sql = "-- v6: ALTER TABLE dbo.lnd_pool ADD pool_region char(3) NULL" + ls_nl
ls_sql += "IF OBJECT_ID('dbo.lnd_pool_hist') IS NULL" + ls_nl
ls_sql += "CREATE TABLE dbo.lnd_pool_hist (" + ls_nl
ls_sql += "   hist_id    int IDENTITY(1,1) NOT NULL," + ls_nl
ls_sql += "   pool_id    int NOT NULL," + ls_nl
ls_sql += "   settle_dt  datetime NULL," + ls_nl
ls_sql += "   " + of_col_status() + "," + ls_nl
ls_sql += "   chg_user   varchar(30) NULL," + ls_nl
ls_sql += "   CONSTRAINT pk_lnd_pool_hist PRIMARY KEY (hist_id))"
RETURN of_exec(ls_sql)
end function

protected function integer of_alloc_columns ();// allocation percentage, source
string ls_sql
// alloc_src was char(10) in v4 beta
ls_sql = "IF COL_LENGTH('lnd_alloc', 'alloc_pct') IS NULL" + ICS_NL + &
	ICS_ALTER + "lnd_alloc ADD" + ICS_NL + &
	"   alloc_pct decimal(9,6) NULL," + ICS_NL + &
	"   alloc_src varchar(10) NULL"
IF of_exec(ls_sql) < 0 THEN RETURN -1

IF ib_wide_codes THEN
	ls_sql = "ALTER TABLE dbo.lnd_alloc ALTER COLUMN alloc_src varchar(20) NULL"
ELSE
	ls_sql = "ALTER TABLE dbo.lnd_alloc ALTER COLUMN alloc_src varchar(15) NULL"
END IF
IF of_exec(ls_sql) < 0 THEN RETURN -1

CHOOSE CASE is_dbms
	CASE "SQLSRV"
		ls_sql = "ALTER TABLE [dbo].[lnd_alloc] ALTER COLUMN [alloc_pct] decimal(12,8) NULL"
	CASE ELSE
		of_log("alloc_pct precision left unchanged on " + is_dbms)
		RETURN 0
END CHOOSE
RETURN of_exec(ls_sql)
end function

protected function string of_build_purge ();// TODO v6 - purge closed pools, not deployed yet
string ls_p
ls_p = "CREATE PROCEDURE dbo.psp_pool_purge AS" + ICS_NL
ls_p += "DELETE FROM lnd_pool" + ICS_NL
ls_p += " WHERE pool_status = 'X'" + ICS_NL
   ls_p += "   AND hold_reason IS NULL"
RETURN ls_p
end function

protected function integer of_create_procs ();// DKS / pk 2012 - pool hold + allocation procs
string ls_sql, ls_nl
long ll_rc
ls_nl = "~r~n"

of_exec("IF OBJECT_ID('dbo.psp_pool_hold_sync') IS NOT NULL DROP PROCEDURE dbo.psp_pool_hold_sync")
ls_sql = "CREATE PROCEDURE dbo.psp_pool_hold_sync @ai_batch int AS" + ls_nl
ls_sql += "BEGIN" + ls_nl
ls_sql += "  SET NOCOUNT ON" + ls_nl
ls_sql += "  CREATE TABLE #hold (pool_id int NOT NULL, hold_reason varchar(60) NULL)" + ls_nl
ls_sql += "  INSERT INTO #hold (pool_id, hold_reason)" + ls_nl
ls_sql += "  SELECT q.pool_id, q.queue_reason FROM lnd_hold_queue q WHERE q.batch_id = @ai_batch" + ls_nl
ls_sql += "  UPDATE p SET p.hold_reason = h.hold_reason," + ls_nl
ls_sql += "         p.pool_status = 'H'" + ls_nl
ls_sql += "    FROM lnd_pool p" + ls_nl
ls_sql += "   INNER JOIN #hold h ON h.pool_id = p.pool_id" + ls_nl
ls_sql += "  MERGE dbo.lnd_pool_hist AS t" + ls_nl
ls_sql += "  USING dbo.lnd_pool AS s" + ls_nl
ls_sql += "     ON t.pool_id = s.pool_id AND s.hold_reason IS NOT NULL" + ls_nl
ls_sql += "  WHEN MATCHED THEN UPDATE SET t.settle_dt = s.settle_dt, t.pool_status = s.pool_status" + ls_nl
ls_sql += "  WHEN NOT MATCHED BY TARGET THEN" + ls_nl
ls_sql += "    INSERT (pool_id, settle_dt, pool_status) VALUES (s.pool_id, s.settle_dt, s.pool_status);" + ls_nl
ls_sql += "END"
IF of_exec(ls_sql) < 0 THEN RETURN -1

// second procedure goes through the global runner (kept from the 1998 code)
f_exec_sql("IF OBJECT_ID('dbo.psp_alloc_rebal') IS NOT NULL DROP PROCEDURE dbo.psp_alloc_rebal", SQLCA)
ls_sql = "CREATE PROCEDURE dbo.psp_alloc_rebal @adt_settle datetime AS" + ls_nl + &
	"BEGIN" + ls_nl + &
	"  DECLARE @t TABLE (loan_id int NOT NULL, alloc_pct decimal(12,8) NULL)" + ls_nl + &
	"  ;WITH tot AS (" + ls_nl + &
	"     SELECT al.pool_id, SUM(al.alloc_pct) AS sum_pct" + ls_nl + &
	"       FROM dbo.lnd_alloc al" + ls_nl + &
	"      GROUP BY al.pool_id )" + ls_nl + &
	"  UPDATE a SET a.alloc_pct = a.alloc_pct / tot.sum_pct" + ls_nl + &
	"    FROM dbo.lnd_alloc a" + ls_nl + &
	"    JOIN tot ON tot.pool_id = a.pool_id" + ls_nl + &
	"    JOIN dbo.lnd_pool p ON p.pool_id = a.pool_id" + ls_nl + &
	"   WHERE p.settle_dt = @adt_settle AND tot.sum_pct <> 0" + ls_nl + &
	"  INSERT INTO @t (loan_id, alloc_pct)" + ls_nl + &
	"  SELECT a.loan_id, a.alloc_pct FROM dbo.lnd_alloc a" + ls_nl + &
	"  SELECT l.loan_id, l.fee_amt, x.alloc_pct" + ls_nl + &
	"    INTO #fees" + ls_nl + &
	"    FROM dbo.lnd_loan l" + ls_nl + &
	"    JOIN @t x ON x.loan_id = l.loan_id" + ls_nl + &
	"  UPDATE dbo.lnd_loan SET fee_amt = f.fee_amt * f.alloc_pct" + ls_nl + &
	"    FROM dbo.lnd_loan INNER JOIN #fees f ON f.loan_id = lnd_loan.loan_id" + ls_nl + &
	"END"
ll_rc = f_exec_sql(ls_sql, SQLCA)
IF ll_rc <> 0 THEN RETURN -1

// the purge proc is reviewed by the DBA first - log only, do NOT deploy
of_log(of_build_purge())
RETURN 1
end function

protected function integer of_loan_columns ();// pk 2013 late fees
string ls_add[], ls_sql
integer li
ls_add[1] = "late_fee_amt money NULL"
ls_add[2] = "late_fee_dt datetime NULL"
ls_sql = ICS_ALTER + "dbo.lnd_loan ADD "
FOR li = 1 TO UpperBound(ls_add)
	IF li > 1 THEN ls_sql += ", "
	ls_sql += ls_add[li]
NEXT
RETURN of_exec(ls_sql)
end function

public function integer of_upgrade ();// v5 upgrade entry point
string ls_cols[], ls_defs[]
integer li

IF of_create_hist() < 0 THEN RETURN -1

of_set_addcolumn("hold_reason", "lnd_pool", "varchar(60) NULL")
This.of_set_addcolumn("hold_dt", &
		"lnd_pool", &
		"datetime NULL")
of_set_addcolumn(ICS_COL_REVIEWER, is_pool_table, "varchar(30) NULL")
//of_set_addcolumn("old_col", "lnd_pool", "int NULL")  // dropped in v5 review
of_set_addcolumn("hold_src", is_pool_table, "varchar(10) NOT NULL DEFAULT ~'MAN~'")

ls_cols = {"fee_amt", "fee_pct"}
ls_defs = {"decimal(12,2) NULL", "decimal(9,6) NULL"}
FOR li = 1 TO UpperBound(ls_cols)
	IF of_set_addcolumn(ls_cols[li], "lnd_loan", ls_defs[li]) < 0 THEN EXIT
NEXT

/* replaced by of_alloc_columns
SQLCA.of_execute("ALTER TABLE lnd_pool ADD zombie_col int NULL")
*/
IF of_alloc_columns() < 0 THEN RETURN -1
IF of_loan_columns() < 0 THEN RETURN -1
IF of_create_procs() < 0 THEN RETURN -1
RETURN 1
end function

on n_cst_dbmigrate_v5.create
call super::create
end on

on n_cst_dbmigrate_v5.destroy
call super::destroy
end on

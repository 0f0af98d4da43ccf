$PBExportHeader$n_cst_pipeline_dbmaint.sru
$PBExportComments$Pipeline database maintenance - schema upgrades run when the pipeline window first opens
forward
global type n_cst_pipeline_dbmaint from n_base
end type
end forward

global type n_cst_pipeline_dbmaint from n_base
end type
global n_cst_pipeline_dbmaint n_cst_pipeline_dbmaint

type variables
Protected:
string is_nl
string is_tbl_loan, is_tbl_lock
string is_col_hedge
string is_hedge_def
constant string ics_commit_tbl = "pipe_commit"
constant string ics_investor_tbl = "pipe_investor"
boolean ib_log = true
boolean ib_show_dba_help = false
string is_logfile = "pipedb.log"
long il_errors
datastore ids_hedge
n_cst_string inv_string
end variables

forward prototypes
public function integer of_set_addcolumn (string as_table, string as_column, string as_coldef)
public function integer of_execsql (string as_sql)
public subroutine of_log (string as_msg)
public function boolean of_table_exists (string as_table)
public function integer of_upgrade ()
protected function integer of_upgrade_helper_calls ()
protected function integer of_upgrade_v7 ()
protected function integer of_create_tables ()
protected function integer of_alter_tables ()
protected function string of_sql_commit_table ()
protected function integer of_create_proc_lock_expiring ()
protected function integer of_create_proc_fallout ()
protected function integer of_create_proc_commit_fill ()
protected function integer of_create_proc_hedge ()
protected function integer of_create_view_index ()
public function integer of_refresh_locks ()
public function decimal of_get_srp (string as_investor)
public function integer of_apply_fills (long al_commit, decimal adec_amt)
public function integer of_load_hedge_ds ()
protected function integer of_legacy_notes ()
public function string of_format_loan (long al_loan, decimal adec_amt)
public function integer of_parse_list (string as_list, ref string as_items[])
protected function integer of_alter_more ()
public function string of_get_parm (string as_section, string as_key, string as_default)
public function integer of_purge_runs (integer ai_keep_days)
protected function integer of_alter_v8 ()
protected function string of_ddl_add (string as_tbl, string as_col, string as_def)
public function integer of_lock_report (string as_investor)
end prototypes

public function integer of_set_addcolumn (string as_table, string as_column, string as_coldef);// Adds a column when the tenant database does not have it yet.
// 2009-03-11 jpk  created
// 2014-07-02 mrs  syscolumns instead of sp_columns (ASE and MSS both)
long ll_cnt
string ls_sql

SELECT count(*)
  INTO :ll_cnt
  FROM syscolumns c, sysobjects o
 WHERE o.id = c.id
   AND o.name = :as_table
   AND c.name = :as_column
 USING SQLCA ;

if SQLCA.SQLCode <> 0 then
	of_log("of_set_addcolumn: lookup failed for " + as_table + "." + as_column + ": " + SQLCA.SQLErrText)
	return -1
end if
if ll_cnt > 0 then return 0

ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " " + as_coldef
EXECUTE IMMEDIATE :ls_sql USING SQLCA ;
if SQLCA.SQLCode <> 0 then
	of_log("of_set_addcolumn failed: " + ls_sql + " / " + SQLCA.SQLErrText)
	il_errors ++
	return -1
end if
of_log("added " + as_table + "." + as_column)
return 1
end function

public function integer of_execsql (string as_sql);// Runs one statement, logs failures.
if IsNull(as_sql) or Trim(as_sql) = "" then return 0
EXECUTE IMMEDIATE :as_sql USING SQLCA ;
if SQLCA.SQLCode = -1 then
	of_log("SQL error " + String(SQLCA.SQLDBCode) + ": " + SQLCA.SQLErrText)
	il_errors ++
	return -1
end if
return 1
end function

public subroutine of_log (string as_msg);integer li_file
if not ib_log then return
li_file = FileOpen(is_logfile, LineMode!, Write!, LockWrite!, Append!)
if li_file > 0 then
	FileWrite(li_file, String(Today(), "yyyy-mm-dd hh:mm:ss") + "  " + as_msg)
	FileClose(li_file)
end if
end subroutine

public function boolean of_table_exists (string as_table);long ll_cnt
SELECT count(*) INTO :ll_cnt FROM sysobjects WHERE name = :as_table AND type = 'U' ;
return (ll_cnt > 0)
end function

public function integer of_upgrade ();// Entry point, called from w_pipeline_main.open
SetPointer(HourGlass!)
il_errors = 0
of_create_tables()
of_upgrade_helper_calls()
of_alter_tables()
of_upgrade_v7()
of_create_proc_lock_expiring()
of_create_proc_fallout()
of_create_proc_commit_fill()
of_create_proc_hedge()
of_create_view_index()
of_legacy_notes()
of_alter_more()
of_alter_v8()
if il_errors > 0 then
	MessageBox("Pipeline", String(il_errors) + " database upgrade step(s) failed, see " + is_logfile, Exclamation!)
end if
return il_errors
end function

protected function integer of_upgrade_helper_calls ();// Column upgrades, oldest first. Never reorder: support scripts rely on the order.
constant string LS_LOAN = "pipe_loan"
string ls_tbl, ls_def
string ls_cols[], ls_defs[]
integer li_i, li_rc

// --- 5.1
of_set_addcolumn("pipe_loan", "pull_thru_pct", "numeric(5,2) NULL")
of_set_addcolumn("pipe_loan", "pipe_status", "char(1) default 'A' NOT NULL")
of_set_addcolumn(LS_LOAN, "lock_id", "int NULL")
of_set_addcolumn(LS_LOAN, "investor_code", "varchar(10) NULL")
// of_set_addcolumn("pipe_loan", "hedge_ratio_old", "float NULL")
// --- 5.3  (mrs)
ls_tbl = "pipe_investor"
of_set_addcolumn(ls_tbl, "max_ltv", "numeric(7,3) NULL")
of_set_addcolumn(ls_tbl, "investor_type", "char(1) default ~"U~" NOT NULL")
of_set_addcolumn(ls_tbl, "active_flag", 'char(1) default "Y" NULL')
/* 2016: moved to of_alter_tables (several columns in one statement)
of_set_addcolumn("pipe_investor", "srp_pct", "numeric(7,4) NULL")
of_set_addcolumn("pipe_investor", "srp_floor_pct", "numeric(7,4) NULL")
*/
// --- 6.0 lock extension support
of_set_addcolumn(is_tbl_lock, "lock_ext_cnt", "smallint default 0 NOT NULL")
of_set_addcolumn(is_tbl_lock, &
                 "lock_ext_fee", &
                 "numeric(9,4) NULL")
of_set_addcolumn(is_tbl_lock, "relock_flag", &
	"char(1) NULL")   // 6.0.2
// --- 6.2 hedge
of_set_addcolumn(is_tbl_loan, is_col_hedge, is_hedge_def)
of_set_addcolumn(ics_investor_tbl, "srp_cap_amt", "numeric(15,2) NULL")
ls_def = "numeric(15,2)"
of_set_addcolumn(ics_commit_tbl, "pair_off_amt", ls_def + " NULL")
of_set_addcolumn(ics_commit_tbl, "pair_off_dt", "datetime NULL")
of_set_addcolumn(Upper("pipe_commit"), "trade_ref", "varchar(20) NULL")
this.of_set_addcolumn("pipe_commit", "investor_code", "varchar(10) NULL")
of_set_addcolumn("pipe_fallout", "fallout_src", Lower("VARCHAR(8) NULL"))
// --- 6.5 : new fallout model columns
ls_cols[1] = "model_ver"    ; ls_defs[1] = "varchar(12) NULL"
ls_cols[2] = "model_run_dt" ; ls_defs[2] = "datetime NULL"
for li_i = 1 to UpperBound(ls_cols)
	of_set_addcolumn("pipe_fallout", ls_cols[li_i], ls_defs[li_i])
next
// --- 7.0
if of_set_addcolumn("pipe_lock", "lock_src", "varchar(10) NULL") < 0 then of_log("lock_src failed")
li_rc = of_set_addcolumn ( "pipe_investor" , "srp_pct_eff_dt" , "datetime NULL" )
of_set_addcolumn("pipe_loan", "note_rate_adj", "numeric(9,6) NULL") // 7.1 ARM
of_set_addcolumn("pipe_loan", "lock_exp_dt_orig", "datetime &
NULL")
choose case Upper(SQLCA.DBMS)
	case "MSS", "SNC", "OLE"
		of_set_addcolumn("pipe_loan", "fico_score", "smallint NULL")
	case else
		of_set_addcolumn("pipe_loan", "fico_score", "integer NULL")
end choose
return 1
end function

protected function integer of_upgrade_v7 ();//[GEN] pbupgrade 7.4 -- generated from pipeline_columns.xls, do not edit
integer li_rc
li_rc = 0
//[GEN] step 001
li_rc = li_rc + of_set_addcolumn("pipe_loan", "appraisal_amt", "numeric(15,2) NULL")
//[GEN] step 002
li_rc = li_rc + of_set_addcolumn("pipe_loan", "ltv_pct", "numeric(7,3) NULL")
//[GEN] step 003
li_rc = li_rc + of_set_addcolumn("pipe_loan", "cltv_pct", "numeric(7,3) NULL")
//[GEN] step 004
li_rc = li_rc + of_set_addcolumn("pipe_loan", "dti_pct", "numeric(7,3) NULL")
//[GEN] step 005
li_rc = li_rc + of_set_addcolumn("pipe_loan", "occupancy_cd", "char(1) NULL")
//[GEN] step 006
li_rc = li_rc + of_set_addcolumn("pipe_loan", "property_type_cd", "char(2) NULL")
//[GEN] step 007
li_rc = li_rc + of_set_addcolumn("pipe_loan", "doc_type_cd", "char(2) NULL")
//[GEN] step 008
li_rc = li_rc + of_set_addcolumn("pipe_loan", "channel_cd", "char(1) default 'R' NOT NULL")
//[GEN] step 009
li_rc = li_rc + of_set_addcolumn("pipe_lock", "lock_desk_user", "varchar(30) NULL")
//[GEN] step 010
li_rc = li_rc + of_set_addcolumn("pipe_lock", "lock_conf_no", "varchar(20) NULL")
//[GEN] step 011
li_rc = li_rc + of_set_addcolumn("pipe_lock", "base_price", "numeric(9,5) NULL")
//[GEN] step 012
li_rc = li_rc + of_set_addcolumn("pipe_lock", "llpa_total", "numeric(9,5) NULL")
//[GEN] step 013
li_rc = li_rc + of_set_addcolumn("pipe_investor", "investor_group", "varchar(10) NULL")
//[GEN] step 014
li_rc = li_rc + of_set_addcolumn("pipe_investor", "deliv_days", "smallint NULL")
//[GEN] step 015
li_rc = li_rc + of_set_addcolumn("pipe_commit", "commit_type_cd", "char(1) NULL")
//[GEN] step 016
li_rc = li_rc + of_set_addcolumn("pipe_commit", "pool_no", "varchar(12) NULL")
//[GEN] step 017
li_rc = li_rc + of_set_addcolumn("pipe_fallout", "model_score", "numeric(7,4) NULL")
//[GEN] step 018
li_rc = li_rc + of_set_addcolumn("pipe_hedge_run", "run_note", "varchar(255) NULL")
//[GEN] step 019
li_rc = li_rc + of_set_addcolumn("pipe_loan", "loan_purpose_cd", "char(1) NULL")
//[GEN] step 020
li_rc = li_rc + of_set_addcolumn("pipe_loan", "lien_pos", "tinyint default 1 NOT NULL")
//[GEN] step 021
li_rc = li_rc + of_set_addcolumn("pipe_loan", "units_cnt", "tinyint NULL")
//[GEN] step 022
li_rc = li_rc + of_set_addcolumn("pipe_loan", "state_cd", "char(2) NULL")
//[GEN] step 023
li_rc = li_rc + of_set_addcolumn("pipe_loan", "county_cd", "char(5) NULL")
//[GEN] step 024
li_rc = li_rc + of_set_addcolumn("pipe_loan", "msa_cd", "char(5) NULL")
//[GEN] step 025
li_rc = li_rc + of_set_addcolumn("pipe_loan", "orig_branch", "varchar(10) NULL")
//[GEN] step 026
li_rc = li_rc + of_set_addcolumn("pipe_loan", "lo_user", "varchar(30) NULL")
//[GEN] step 027
li_rc = li_rc + of_set_addcolumn("pipe_lock", "price_adj_total", "numeric(9,5) NULL")
//[GEN] step 028
li_rc = li_rc + of_set_addcolumn("pipe_lock", "lock_period_cd", "char(3) NULL")
//[GEN] step 029
li_rc = li_rc + of_set_addcolumn("pipe_commit", "settle_month", "char(6) NULL")
//[GEN] step 030
li_rc = li_rc + of_set_addcolumn("pipe_commit", "coupon_rate", "numeric(7,4) NULL")
//[GEN] step 031
li_rc = li_rc + of_set_addcolumn("pipe_investor", "bid_tape_fmt", "varchar(20) NULL")
//[GEN] step 032
li_rc = li_rc + of_set_addcolumn("pipe_investor", "contact_email", "varchar(80) NULL")
//[GEN] step 033
li_rc = li_rc + of_set_addcolumn("pipe_fallout", "prior_pct", "numeric(5,2) NULL")
//[GEN] step 034
li_rc = li_rc + of_set_addcolumn("pipe_hedge_run", "market_px", "numeric(9,5) NULL")
return li_rc
end function

protected function integer of_create_tables ();// Tables owned by the pipeline module.
string ls_sql, ls_nl

ls_nl = "~r~n"
if not of_table_exists("pipe_lock") then
	ls_sql = "CREATE TABLE pipe_lock (" + ls_nl + &
	         "   lock_id       int           NOT NULL," + ls_nl + &
	         "   loan_id       int           NOT NULL," + ls_nl + &
	         "   investor_code varchar(10)   NULL," + ls_nl + &
	         "   lock_price    numeric(9,5)  NULL," + ls_nl + &
	         "   lock_days     smallint      NULL," + ls_nl + &
	         "   lock_exp_dt   datetime      NOT NULL," + ls_nl + &
	         "   lock_status   char(1)       DEFAULT 'A' NOT NULL," + ls_nl + &
	         "   created_dt    datetime      DEFAULT getdate() NULL," + ls_nl + &
	         "   CONSTRAINT pk_pipe_lock PRIMARY KEY (lock_id))"
	EXECUTE IMMEDIATE :ls_sql ;
	if SQLCA.SQLCode <> 0 then
		MessageBox("Setup", "Please ask your DBA to run:~r~nCREATE TABLE pipe_rate_sheet (sheet_id int NOT NULL, investor_code varchar(10) NULL)")
	end if
end if

if not of_table_exists("pipe_fallout") then
	ls_sql = "CREATE TABLE dbo.pipe_fallout ("
	ls_sql = ls_sql + is_nl + "loan_id int NOT NULL,"
	ls_sql = ls_sql + is_nl + "run_id int NOT NULL,"
	ls_sql = ls_sql + is_nl + "pull_thru_pct numeric(5,2) NULL,"
	ls_sql = ls_sql + is_nl + "fallout_reason varchar(40) NULL,"
	ls_sql = ls_sql + is_nl + "calc_dt datetime NULL)"
	of_execsql(ls_sql)
end if

ls_sql = "IF NOT EXISTS (SELECT 1 FROM sysobjects WHERE name = 'pipe_hedge_run' AND type = 'U')~r~n" + &
	"CREATE TABLE [dbo].[pipe_hedge_run] (~r~n" + &
	"  [run_id] int IDENTITY(1,1) NOT NULL,~r~n" + &
	"  [run_dt] datetime NOT NULL,~r~n" + &
	"  [hedge_ratio_tgt] numeric(7,4) NULL,~r~n" + &
	"  [total_exposure] numeric(18,2) NULL,~r~n" + &
	"  [run_user] varchar(30) NULL~r~n" + &
	")"
EXECUTE IMMEDIATE :ls_sql USING SQLCA ;

if not of_table_exists(ics_commit_tbl) then
	of_execsql(of_sql_commit_table())
end if
return 1
end function

protected function string of_sql_commit_table ();// DDL kept here so the support tool can print it
string ls
ls  = "create table pipe_commit ( "
ls += "commit_id int not null, "
ls += "commit_amt numeric(15,2) not null, "
ls += "filled_amt numeric(15,2) default 0 null, "
ls += "expire_dt datetime null, "
ls += "commit_status char(1) null, "
ls += "primary key (commit_id) )"
return ls
end function

protected function integer of_alter_tables ();string ls_sql, ls_ddl[]
integer li_i, li_scale

// several columns in one ALTER (ASE/MSS syntax: ADD col, col)
ls_sql = "ALTER TABLE pipe_investor ADD" + is_nl + &
	"   srp_pct numeric(7,4) NULL," + is_nl + &
	"   srp_floor_pct numeric(7,4) NULL"
if of_execsql(ls_sql) < 0 then
	MessageBox("Pipeline", "Column srp_pct could not be added to pipe_investor.")
end if

// two columns on one line
ls_sql = "ALTER TABLE pipe_lock ADD float_down_flag char(1) NULL, float_down_cnt smallint NULL"
EXECUTE IMMEDIATE :ls_sql ;

// left over from the 6.0 merge: the first text is overwritten before it runs
ls_sql = "ALTER TABLE pipe_lock ADD lock_exp_dt datetime NULL"
ls_sql = "ALTER TABLE pipe_lock ADD lock_ext_days smallint NULL"
of_execsql(ls_sql)

// widen commitment amounts (7.2)
ls_sql = "ALTER TABLE " + ics_commit_tbl + " ALTER COLUMN filled_amt numeric(18,2) NULL"
of_execsql(ls_sql)
ls_sql = "ALTER TABLE pipe_commit ALTER COLUMN commit_amt numeric(18,2) NOT NULL"
of_execsql(ls_sql)

// T-SQL that guards its own DDL
ls_sql = "IF COL_LENGTH('pipe_loan', 'lock_exp_dt') IS NULL" + is_nl + &
	"   ALTER TABLE pipe_loan ADD lock_exp_dt datetime NULL"
of_execsql(ls_sql)

ls_sql = "IF NOT EXISTS (SELECT * FROM syscolumns WHERE id = OBJECT_ID('pipe_commit') AND name = 'hedge_ratio')" + is_nl + &
	"BEGIN" + is_nl + &
	"   ALTER TABLE pipe_commit ADD hedge_ratio numeric(7,4) NULL" + is_nl + &
	"   EXEC('UPDATE pipe_commit SET hedge_ratio = 1.0')" + is_nl + &
	"END"
EXECUTE IMMEDIATE :ls_sql USING SQLCA ;

// statements kept in an array, run in a loop
ls_ddl[1] = "ALTER TABLE pipe_hedge_run ADD hedge_ratio_act numeric(7,4) NULL"
ls_ddl[2] = "ALTER TABLE pipe_hedge_run ADD loan_cnt int NULL"
ls_ddl[3] = "ALTER TABLE pipe_hedge_run ADD investor_code varchar(10) NULL"
for li_i = 1 to UpperBound(ls_ddl)
	if of_execsql(ls_ddl[li_i]) < 0 then exit
next

// scale comes from the site option
li_scale = 4
ls_sql = "ALTER TABLE pipe_loan ADD margin_bps numeric(7," + String(li_scale) + ") NULL"
of_execsql(ls_sql)

// placeholder replaced at run time (PFC string service)
ls_sql = "ALTER TABLE %TBL% ADD srp_adj_pct numeric(7,4) NULL"
ls_sql = inv_string.of_GlobalReplace(ls_sql, "%TBL%", ics_investor_tbl)
of_execsql(ls_sql)

ls_sql = Upper("alter table pipe_fallout add review_flag char(1) null")
of_execsql(Trim(ls_sql))

// trace only
of_log("ALTER TABLE pipe_loan ADD pull_thru_pct numeric(5,2) NULL -- done by of_set_addcolumn")
return 1
end function

protected function integer of_create_proc_lock_expiring ();// returns the locks that expire within @days (used by the hedge run)
string ls_p[], ls_sql
integer li_i
ls_p[1] = "CREATE PROCEDURE dbo.psp_pipe_lock_expiring"
ls_p[2] = "   @days int = 5"
ls_p[3] = "AS"
ls_p[4] = "SET NOCOUNT ON"
ls_p[5] = "SELECT k.loan_id, k.lock_exp_dt"
ls_p[6] = "  FROM pipe_lock k"
ls_p[7] = " WHERE k.lock_status = 'A'"
ls_p[8] = "   AND k.lock_exp_dt < DATEADD(dd, @days, GETDATE())"
ls_p[9] = " ORDER BY k.lock_exp_dt"
for li_i = 1 to UpperBound(ls_p)
	ls_sql = ls_sql + ls_p[li_i] + "~r~n"
next
of_execsql("IF OBJECT_ID('dbo.psp_pipe_lock_expiring') IS NOT NULL DROP PROCEDURE dbo.psp_pipe_lock_expiring")
of_execsql(ls_sql)
return 1
end function

protected function integer of_create_proc_fallout ();// psp_pipe_fallout_calc: pull-through model per loan
string ls_sql
ls_sql = ""
ls_sql = ls_sql + "CREATE PROCEDURE dbo.psp_pipe_fallout_calc" + is_nl
ls_sql = ls_sql + "   @run_id int," + is_nl
ls_sql = ls_sql + "   @as_of  datetime = NULL" + is_nl
ls_sql = ls_sql + "AS" + is_nl
ls_sql = ls_sql + "BEGIN" + is_nl
ls_sql = ls_sql + "SET NOCOUNT ON" + is_nl
ls_sql = ls_sql + "IF @as_of IS NULL SELECT @as_of = GETDATE()" + is_nl
ls_sql = ls_sql + "CREATE TABLE #pipe (" + is_nl
ls_sql = ls_sql + "   loan_id int NOT NULL," + is_nl
ls_sql = ls_sql + "   investor_code varchar(10) NULL," + is_nl
ls_sql = ls_sql + "   pull_thru_pct numeric(5,2) NULL," + is_nl
ls_sql = ls_sql + "   days_left int NULL)" + is_nl
ls_sql = ls_sql + ";WITH lk AS (" + is_nl
ls_sql = ls_sql + "   SELECT k.loan_id, DATEDIFF(dd, @as_of, k.lock_exp_dt) AS days_left," + is_nl
ls_sql = ls_sql + "          ROW_NUMBER() OVER (PARTITION BY k.loan_id ORDER BY k.lock_exp_dt DESC) AS rn" + is_nl
ls_sql = ls_sql + "     FROM pipe_lock k" + is_nl
ls_sql = ls_sql + "    WHERE k.lock_status IN ('A', 'E'))" + is_nl
ls_sql = ls_sql + "INSERT INTO #pipe (loan_id, investor_code, pull_thru_pct, days_left)" + is_nl
ls_sql = ls_sql + "SELECT l.loan_id, l.investor_code, l.pull_thru_pct, lk.days_left" + is_nl
ls_sql = ls_sql + "  FROM pipe_loan l" + is_nl
ls_sql = ls_sql + "  JOIN lk ON lk.loan_id = l.loan_id AND lk.rn = 1" + is_nl
ls_sql = ls_sql + " WHERE l.pipe_status = 'A'" + is_nl
ls_sql = ls_sql + "UPDATE p" + is_nl
ls_sql = ls_sql + "   SET p.pull_thru_pct = CASE WHEN p.days_left < 0 THEN 0" + is_nl
ls_sql = ls_sql + "                              WHEN p.days_left < 10 THEN 55.0" + is_nl
ls_sql = ls_sql + "                              ELSE ISNULL(i.max_ltv, 80.0) END" + is_nl
ls_sql = ls_sql + "  FROM #pipe p" + is_nl
ls_sql = ls_sql + "  JOIN pipe_investor i ON i.investor_code = p.investor_code" + is_nl
ls_sql = ls_sql + " WHERE p.pull_thru_pct IS NULL" + is_nl
ls_sql = ls_sql + "DELETE f" + is_nl
ls_sql = ls_sql + "  FROM pipe_fallout f" + is_nl
ls_sql = ls_sql + "  JOIN #pipe p ON p.loan_id = f.loan_id" + is_nl
ls_sql = ls_sql + " WHERE f.run_id = @run_id" + is_nl
ls_sql = ls_sql + "INSERT INTO pipe_fallout (loan_id, run_id, pull_thru_pct, fallout_reason, calc_dt)" + is_nl
ls_sql = ls_sql + "SELECT p.loan_id, @run_id, p.pull_thru_pct," + is_nl
ls_sql = ls_sql + "       CASE WHEN p.days_left < 0 THEN 'EXPIRED' ELSE 'MODEL' END, GETDATE()" + is_nl
ls_sql = ls_sql + "  FROM #pipe p" + is_nl
ls_sql = ls_sql + "UPDATE l SET l.pull_thru_pct = p.pull_thru_pct" + is_nl
ls_sql = ls_sql + "  FROM pipe_loan l INNER JOIN #pipe p ON p.loan_id = l.loan_id" + is_nl
ls_sql = ls_sql + "DROP TABLE #pipe" + is_nl
ls_sql = ls_sql + "END" + is_nl
of_execsql("IF OBJECT_ID('dbo.psp_pipe_fallout_calc') IS NOT NULL DROP PROCEDURE dbo.psp_pipe_fallout_calc")
EXECUTE IMMEDIATE :ls_sql USING SQLCA ;
if SQLCA.SQLCode <> 0 then of_log("psp_pipe_fallout_calc: " + SQLCA.SQLErrText)
return 1
end function

protected function integer of_create_proc_commit_fill ();// psp_pipe_commit_fill: allocates locked loans to open commitments
string ls_sql
of_execsql("IF OBJECT_ID('dbo.psp_pipe_commit_fill') IS NOT NULL DROP PROCEDURE dbo.psp_pipe_commit_fill")
ls_sql += "CREATE PROCEDURE [dbo].[psp_pipe_commit_fill]~r~n"
ls_sql += "   @investor_code varchar(10)~r~n"
ls_sql += "AS~r~n"
ls_sql += "BEGIN~r~n"
ls_sql += "SET NOCOUNT ON~r~n"
ls_sql += "DECLARE @alloc TABLE (commit_id int NOT NULL, loan_id int NOT NULL, investor_code varchar(10) NULL, alloc_amt numeric(18,2) NOT NULL)~r~n"
ls_sql += "DECLARE @chg TABLE (commit_id int, old_filled numeric(18,2), new_filled numeric(18,2))~r~n"
ls_sql += "DECLARE @err varchar(400)~r~n"
ls_sql += "BEGIN TRY~r~n"
ls_sql += "   BEGIN TRAN~r~n"
ls_sql += "   INSERT INTO @alloc (commit_id, loan_id, investor_code, alloc_amt)~r~n"
ls_sql += "   SELECT c.commit_id, l.loan_id, c.investor_code, l.loan_amt~r~n"
ls_sql += "     FROM pipe_commit c~r~n"
ls_sql += "    CROSS APPLY (SELECT TOP 1 x.loan_id, x.loan_amt~r~n"
ls_sql += "                   FROM pipe_loan x~r~n"
ls_sql += "                  WHERE x.investor_code = c.investor_code~r~n"
ls_sql += "                    AND x.pipe_status = 'A'~r~n"
ls_sql += "                  ORDER BY x.loan_amt DESC) l~r~n"
ls_sql += "    WHERE c.investor_code = @investor_code~r~n"
ls_sql += "      AND c.commit_amt - ISNULL(c.filled_amt, 0) > 0~r~n"
ls_sql += "   MERGE pipe_commit AS tgt~r~n"
ls_sql += "   USING (SELECT a.commit_id, SUM(a.alloc_amt) AS alloc_amt FROM @alloc a GROUP BY a.commit_id) AS src~r~n"
ls_sql += "      ON tgt.commit_id = src.commit_id~r~n"
ls_sql += "   WHEN MATCHED THEN~r~n"
ls_sql += "      UPDATE SET tgt.filled_amt = ISNULL(tgt.filled_amt, 0) + src.alloc_amt~r~n"
ls_sql += "   OUTPUT inserted.commit_id, deleted.filled_amt, inserted.filled_amt INTO @chg (commit_id, old_filled, new_filled);~r~n"
ls_sql += "   WHILE EXISTS (SELECT 1 FROM @chg g JOIN pipe_commit c ON c.commit_id = g.commit_id WHERE g.new_filled >= c.commit_amt AND c.commit_status <> 'F')~r~n"
ls_sql += "   BEGIN~r~n"
ls_sql += "      UPDATE TOP (1) c SET c.commit_status = 'F'~r~n"
ls_sql += "        FROM [pipe_commit] c~r~n"
ls_sql += "        JOIN @chg g ON g.commit_id = c.commit_id~r~n"
ls_sql += "       WHERE g.new_filled >= c.commit_amt AND c.commit_status <> 'F'~r~n"
ls_sql += "      IF @@ROWCOUNT = 0 BREAK~r~n"
ls_sql += "   END~r~n"
ls_sql += "   COMMIT TRAN~r~n"
ls_sql += "END TRY~r~n"
ls_sql += "BEGIN CATCH~r~n"
ls_sql += "   IF @@TRANCOUNT > 0 ROLLBACK TRAN~r~n"
ls_sql += "   SELECT @err = ERROR_MESSAGE()~r~n"
ls_sql += "   RAISERROR(@err, 16, 1)~r~n"
ls_sql += "END CATCH~r~n"
ls_sql += "END~r~n"
of_execsql(ls_sql)
return 1
end function

protected function integer of_create_proc_hedge ();// psp_pipe_hedge_ratio (rewritten 2018 by contractor)
string ls_sql, ls_nl
ls_nl = char(13) + char(10)
ls_sql = "CREATE PROCEDURE dbo.psp_pipe_hedge_ratio" + ls_nl + &
         "   @run_id int OUTPUT" + ls_nl + &
         "AS" + ls_nl + &
         "SET NOCOUNT ON" + ls_nl + &
         "CREATE TABLE #exp (loan_id int NOT NULL, lock_exp_dt datetime NULL)" + ls_nl + &
         "INSERT INTO #exp (loan_id, lock_exp_dt)" + ls_nl + &
         "EXEC dbo.psp_pipe_lock_expiring @days = 30" + ls_nl + &
         "SELECT l.loan_id, l.investor_code, l.loan_amt, l.pull_thru_pct, l.hedge_ratio," + ls_nl + &
         "       e.lock_exp_dt," + ls_nl + &
         "       SUM(l.loan_amt) OVER (PARTITION BY l.investor_code) AS inv_total" + ls_nl + &
         "  INTO #h" + ls_nl + &
         "  FROM [dbo].[pipe_loan] l" + ls_nl + &
         "  JOIN #exp e ON e.loan_id = l.loan_id" + ls_nl + &
         "INSERT INTO [dbo].[pipe_hedge_run] ([run_dt], [hedge_ratio_tgt], [total_exposure], [run_user])" + ls_nl + &
         "SELECT GETDATE(), AVG(h.[hedge_ratio]), SUM(h.loan_amt * ISNULL(h.pull_thru_pct, 100) / 100.0), SUSER_SNAME()" + ls_nl + &
         "  FROM #h h" + ls_nl + &
         "SELECT @run_id = SCOPE_IDENTITY()" + ls_nl + &
         "UPDATE [l] SET [l].[hedge_ratio] = ISNULL(i.srp_pct, 0) / 100.0 + h.hedge_ratio" + ls_nl + &
         "  FROM [dbo].[pipe_loan] AS [l]" + ls_nl + &
         "  JOIN #h h ON h.loan_id = l.loan_id" + ls_nl + &
         "  LEFT JOIN pipe_investor i ON i.investor_code = h.investor_code" + ls_nl + &
         " WHERE h.lock_exp_dt >= GETDATE()" + ls_nl + &
         "DELETE k FROM pipe_lock k JOIN #h h ON h.loan_id = k.loan_id WHERE k.lock_exp_dt < DATEADD(dd, -90, GETDATE())" + ls_nl + &
         "DROP TABLE #h" + ls_nl + &
         "DROP TABLE #exp"
of_execsql("if object_id('dbo.psp_pipe_hedge_ratio') is not null drop procedure dbo.psp_pipe_hedge_ratio")
of_execsql(ls_sql)
return 1
end function

protected function integer of_create_view_index ();string ls_sql
ls_sql = "CREATE VIEW dbo.v_pipe_lock_exposure AS" + is_nl
ls_sql += "SELECT k.lock_id, k.loan_id, k.investor_code, k.lock_exp_dt," + is_nl
ls_sql += "       l.loan_amt * ISNULL(l.pull_thru_pct, 100) / 100.0 AS exp_amt," + is_nl
ls_sql += "       l.hedge_ratio" + is_nl
ls_sql += "  FROM pipe_lock k" + is_nl
ls_sql += "  JOIN pipe_loan l ON l.loan_id = k.loan_id" + is_nl
ls_sql += " WHERE k.lock_status = 'A'"
of_execsql("IF OBJECT_ID('dbo.v_pipe_lock_exposure') IS NOT NULL DROP VIEW dbo.v_pipe_lock_exposure")
of_execsql(ls_sql)

// index for the expiring-lock report
ls_sql = "IF NOT EXISTS (SELECT 1 FROM sysindexes WHERE name = 'ix_pipe_lock_exp')" + is_nl + &
         "CREATE INDEX ix_pipe_lock_exp ON pipe_lock (lock_exp_dt, investor_code)"
EXECUTE IMMEDIATE :ls_sql ;
return 1
end function

public function integer of_refresh_locks ();// expire locks past their date and clear the loan copy
long ll_loan
datetime ldt_exp
string ls_inv

DECLARE lc_lock CURSOR FOR
 SELECT k.loan_id, k.lock_exp_dt, k.investor_code
   FROM pipe_lock k
  WHERE k.lock_status = 'A'
  ORDER BY k.lock_exp_dt ;
OPEN lc_lock ;
FETCH lc_lock INTO :ll_loan, :ldt_exp, :ls_inv ;
do while SQLCA.SQLCode = 0
	if ldt_exp < DateTime(Today()) then
		UPDATE pipe_lock SET lock_status = 'E'
		 WHERE loan_id = :ll_loan AND lock_exp_dt = :ldt_exp ;
		UPDATE pipe_loan
		   SET lock_exp_dt = NULL, pull_thru_pct = 0
		 WHERE loan_id = :ll_loan ;
	end if
	FETCH lc_lock INTO :ll_loan, :ldt_exp, :ls_inv ;
loop
CLOSE lc_lock ;
COMMIT USING SQLCA ;
return 1
end function

public function decimal of_get_srp (string as_investor);decimal{4} ldec_srp
SELECT srp_pct INTO :ldec_srp FROM pipe_investor WHERE investor_code = :as_investor USING SQLCA ;
if SQLCA.SQLCode = 100 then SetNull(ldec_srp)
return ldec_srp
end function

public function integer of_apply_fills (long al_commit, decimal adec_amt);string ls_sql
UPDATE pipe_commit
   SET filled_amt = IsNull(filled_amt, 0) + :adec_amt
 WHERE commit_id = :al_commit ;
if SQLCA.SQLNRows = 0 then
	MessageBox("Commitments", "Commitment " + String(al_commit) + " not found; filled_amt unchanged.")
end if
DELETE FROM pipe_fallout WHERE loan_id IN (SELECT loan_id FROM pipe_loan WHERE pull_thru_pct = 0) ;
// dynamic DML
ls_sql = "UPDATE pipe_commit SET commit_status = 'F' WHERE filled_amt >= commit_amt AND commit_id = " + String(al_commit)
EXECUTE IMMEDIATE :ls_sql ;
// rollback statement for support, written to the trace only
ls_sql = "UPDATE pipe_commit SET filled_amt = filled_amt - " + String(adec_amt) + " WHERE commit_id = " + String(al_commit)
of_log("ROLLBACK: " + ls_sql)
return 1
end function

public function integer of_load_hedge_ds ();string ls_select
if not IsValid(ids_hedge) then ids_hedge = create datastore
ids_hedge.DataObject = "d_pipe_hedge_list"
ids_hedge.SetTransObject(SQLCA)
ls_select = "SELECT l.loan_id, l.investor_code, l.hedge_ratio, l.pull_thru_pct " + &
            "FROM pipe_loan l " + &
            "WHERE l.hedge_ratio IS NOT NULL"
if ids_hedge.SetSQLSelect(ls_select) = 1 then
	return ids_hedge.Retrieve()
end if
return -1
end function

protected function integer of_legacy_notes ();// Kept for support: shows the manual steps for tenants on ASE 11.
string ls_msg
/* 2011-05 removed, the column now comes from of_create_tables
ls_msg = "ALTER TABLE pipe_lock ADD lock_exp_dt datetime NULL"
EXECUTE IMMEDIATE :ls_msg ;
*/
// EXECUTE IMMEDIATE "ALTER TABLE pipe_commit ADD filled_amt numeric(15,2) NULL" ;
if ib_show_dba_help then
	ls_msg = "If the upgrade fails, run as dbo:~r~n" + &
	         "ALTER TABLE pipe_investor ADD srp_pct numeric(7,4) NULL~r~n" + &
	         "ALTER TABLE pipe_loan ADD hedge_ratio numeric(7,4) NULL"
	MessageBox("DBA help", ls_msg)
end if
return 0
end function

public function string of_format_loan (long al_loan, decimal adec_amt);// display helper for the pipeline list
string ls_ret
if IsNull(al_loan) then return ""
ls_ret = String(al_loan, "00000000")
if adec_amt > 0 then
	ls_ret += "  " + String(adec_amt, "#,##0.00")
else
	ls_ret += "  (no amount)"
end if
return ls_ret
end function

public function integer of_parse_list (string as_list, ref string as_items[]);// splits a comma list
long ll_pos, ll_start
integer li_cnt
string ls_empty[]
as_items = ls_empty
ll_start = 1
do
	ll_pos = Pos(as_list, ",", ll_start)
	li_cnt ++
	if ll_pos = 0 then
		as_items[li_cnt] = Trim(Mid(as_list, ll_start))
	else
		as_items[li_cnt] = Trim(Mid(as_list, ll_start, ll_pos - ll_start))
		ll_start = ll_pos + 1
	end if
loop until ll_pos = 0
return li_cnt
end function

protected function integer of_alter_more ();// 7.5 additions (several authors)
string ls_sql, ls_col, ls_type
boolean lb_arm
lb_arm = (of_get_parm("Pipeline", "ARM", "N") = "Y")
// both arms build the column name; one ALTER runs
if lb_arm then
	ls_col = "arm_margin"
	ls_type = "numeric(7,4) NULL"
else
	ls_col = "fixed_buydown"
	ls_type = "numeric(7,4) NULL"
end if
ls_sql = "ALTER TABLE pipe_loan ADD " + ls_col + " " + ls_type
of_execsql(ls_sql)

// dynamic SQL format 1 through SQLSA
ls_sql = "ALTER TABLE pipe_commit ADD settle_dt datetime NULL"
PREPARE SQLSA FROM :ls_sql USING SQLCA ;
EXECUTE SQLSA ;

// quoted identifiers (QUOTED_IDENTIFIER is on for this login)
ls_sql = "ALTER TABLE ~"pipe_fallout~" ADD ~"scenario_cd~" char(2) NULL"
EXECUTE IMMEDIATE :ls_sql ;

// history table, tab separated (pasted from the DBA's script)
ls_sql = "CREATE TABLE pipe_lock_hist (~r~n~thist_id~tint~tNOT NULL,~r~n~tlock_id~tint~tNOT NULL,~r~n~tlock_exp_dt~tdatetime~tNULL,~r~n~tchg_user~tvarchar(30)~tNULL)"
if not of_table_exists("pipe_lock_hist") then of_execsql(ls_sql)

// the history trigger's insert, embedded
INSERT INTO pipe_lock_hist (hist_id, lock_id, lock_exp_dt, chg_user)
  SELECT 1, k.lock_id, k.lock_exp_dt, :gs_userid
    FROM pipe_lock k
   WHERE k.lock_status = 'A' USING SQLCA ;
return 1
end function

public function string of_get_parm (string as_section, string as_key, string as_default);// reads the pipeline ini
string ls_val, ls_ini
ls_ini = ProfileString("pipeline.ini", "Files", "Settings", "pipeset.ini")
ls_val = ProfileString(ls_ini, as_section, as_key, as_default)
if IsNull(ls_val) then ls_val = as_default
return Trim(ls_val)
end function

public function integer of_purge_runs (integer ai_keep_days);// removes old hedge runs and their fallout rows
datetime ldt_cut
long ll_rows
ldt_cut = DateTime(RelativeDate(Today(), - ai_keep_days))
DELETE FROM pipe_fallout
 WHERE run_id IN (SELECT run_id FROM pipe_hedge_run WHERE run_dt < :ldt_cut) ;
ll_rows = SQLCA.SQLNRows
DELETE FROM pipe_hedge_run WHERE run_dt < :ldt_cut ;
if SQLCA.SQLCode < 0 then
	ROLLBACK USING SQLCA ;
	of_log("purge failed: " + SQLCA.SQLErrText)
	return -1
end if
COMMIT USING SQLCA ;
of_log("purged " + String(ll_rows) + " fallout rows")
return 1
end function

protected function integer of_alter_v8 ();// 8.0 (offshore team) - ASE and MSS both supported
string ls_sql
integer li_rc
// statement text built by a function of this object from its arguments
of_execsql(of_ddl_add("pipe_commit", "tolerance_pct", "numeric(5,2) NULL"))
ls_sql = of_ddl_add(is_tbl_lock, "lock_exp_dt_prev", "datetime NULL")
of_execsql(ls_sql)

// dialect per DBMS
choose case Upper(Left(SQLCA.DBMS, 3))
	case "SYC", "ASE"
		ls_sql = "ALTER TABLE pipe_fallout ADD model_run_ts datetime NULL"
	case else
		ls_sql = "ALTER TABLE pipe_fallout ADD model_run_ts datetime2(3) NULL"
end choose
try
	li_rc = of_execsql(ls_sql)
catch (RuntimeError lre_err)
	of_log("model_run_ts: " + lre_err.GetMessage())
end try

// mixed case, inline named default
ls_sql = "Alter Table Pipe_Loan Add Buydown_Pts numeric(7,3) Null"
of_execsql(ls_sql)
ls_sql = "ALTER TABLE pipe_commit ADD tolerance_amt numeric(15,2) CONSTRAINT df_pipe_commit_tol DEFAULT 0 NOT NULL"
of_execsql(ls_sql)

// PFC-style dynamic call of the helper
this.dynamic of_set_addcolumn("pipe_hedge_run", "hedge_ratio_min", "numeric(7,4) NULL")
li_rc = this.Function Dynamic of_set_addcolumn("pipe_hedge_run", "hedge_ratio_max", "numeric(7,4) NULL")

// column list kept in a string, one ALTER per column, 2 columns
ls_sql = "ALTER TABLE pipe_investor ADD srp_tier1_pct numeric(7,4) NULL " + &
         "ALTER TABLE pipe_investor ADD srp_tier2_pct numeric(7,4) NULL"
EXECUTE IMMEDIATE :ls_sql USING SQLCA ;
return 1
end function

protected function string of_ddl_add (string as_tbl, string as_col, string as_def);// ALTER text for one column
return "ALTER TABLE " + as_tbl + " ADD " + as_col + " " + as_def
end function

public function integer of_lock_report (string as_investor);// ad-hoc report of locks per investor
string ls_sql, ls_syntax, ls_err
long ll_loan
datetime ldt_exp
datastore lds_rpt
DECLARE lc_dyn DYNAMIC CURSOR FOR SQLSA ;
ls_sql = "SELECT k.loan_id, k.lock_exp_dt FROM pipe_lock k WHERE k.investor_code = ?"
PREPARE SQLSA FROM :ls_sql USING SQLCA ;
OPEN DYNAMIC lc_dyn USING :as_investor ;
FETCH lc_dyn INTO :ll_loan, :ldt_exp ;
CLOSE lc_dyn ;
ls_syntax = SQLCA.SyntaxFromSQL("SELECT c.commit_id, c.filled_amt, c.investor_code FROM pipe_commit c", "style(type=grid)", ls_err)
lds_rpt = create datastore
lds_rpt.Create(ls_syntax, ls_err)
lds_rpt.SetTransObject(SQLCA)
lds_rpt.Retrieve()
destroy lds_rpt
return 1
end function

event constructor;call super::constructor;// defaults for the upgrade
is_nl = "~r~n"
is_tbl_loan = "pipe_loan"
is_tbl_lock = "pipe_lock"
is_col_hedge = "hedge_ratio"
is_hedge_def = "numeric(7,4) NULL"
inv_string = create n_cst_string
end event

event destructor;call super::destructor;if IsValid(ids_hedge) then destroy ids_hedge
if IsValid(inv_string) then destroy inv_string
end event

on n_cst_pipeline_dbmaint.create
call super::create
end on

on n_cst_pipeline_dbmaint.destroy
call super::destroy
end on


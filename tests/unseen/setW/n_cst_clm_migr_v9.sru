$PBExportHeader$n_cst_clm_migr_v9.sru
$PBExportComments$Claims 9.0 - 9.4 schema steps (reserves, subrogation, perils) - Jürgen S., 2011
forward
global type n_cst_clm_migr_v9 from n_cst_clm_migr_base
end type
end forward

global type n_cst_clm_migr_v9 from n_cst_clm_migr_base
end type
global n_cst_clm_migr_v9 n_cst_clm_migr_v9

type variables
string is_pending
end variables

forward prototypes
public function string of_add_column (string as_table, string as_column, string as_definition)
public subroutine of_after_steps ()
private function long of_step_reserve ()
private function long of_step_subro ()
private function string of_reserve_proc ()
end prototypes

public function string of_add_column (string as_table, string as_column, string as_definition);// 9.x: every ADD is guarded, so a step can run again after a failed upgrade
string ls_guard

ls_guard = "IF COL_LENGTH('" + inv_const.of_qualify(as_table) + "', '" + as_column + "') IS NULL "
Return ls_guard + Super::of_add_column(as_table, as_column, as_definition)
end function

public subroutine of_after_steps ();// called DYNAMICally by the ancestor's of_run (only 9.x objects have it)
this.Event ue_execute("IF OBJECT_ID('dbo.csp_clm_reserve_roll', 'P') IS NOT NULL DROP PROCEDURE dbo.csp_clm_reserve_roll")
this.Event ue_execute(of_reserve_proc())

// the DBA runs this one by hand after the backfill; kept in the log so it is printed with the report
is_log[UpperBound(is_log) + 1] = "manual: ALTER TABLE dbo.clm_claim ALTER COLUMN loss_dt datetime NOT NULL"
this.Post Event ue_finish()
end subroutine

private function long of_step_reserve ();// 9.0: reserve history table, the reserve amount on the reserve row
string ls_col[]
string ls_sql

ls_col[1] = "reserve_hist_id int IDENTITY(1,1) NOT NULL"
ls_col[2] = "claim_id int NOT NULL"
ls_col[3] = "reserve_amt " + inv_const.TYPE_MONEY + " NOT NULL"
ls_col[4] = "adjuster_id int NULL"
ls_col[5] = "changed_dt datetime NOT NULL DEFAULT (GETDATE())"
ls_col[6] = "CONSTRAINT PK_clm_reserve_hist PRIMARY KEY (reserve_hist_id)"
If of_create_table(inv_const.TBL_RESERVE_HIST, ls_col) < 0 Then Return -1

of_clm_set_addcolumn(inv_const.TBL_RESERVE, "reserve_amt", inv_const.TYPE_MONEY + " NULL")
ls_sql = of_add_column(inv_const.TBL_RESERVE, "reserve_type", "char(2) NOT NULL DEFAULT ('IN')")
this.Event ue_execute(ls_sql)

// reserves written before 9.0 get their amount from the newest history row
is_pending = "UPDATE r SET r.reserve_amt = h.reserve_amt" + &
	" FROM dbo.clm_reserve r JOIN dbo.clm_reserve_hist h ON h.claim_id = r.claim_id" + &
	" WHERE r.reserve_amt IS NULL" + &
	" AND h.changed_dt = (SELECT MAX(x.changed_dt) FROM dbo.clm_reserve_hist x WHERE x.claim_id = h.claim_id)"
this.Event ue_execute(is_pending)
this.Event ue_execute("ALTER TABLE dbo.clm_reserve ALTER COLUMN reserve_amt " + inv_const.TYPE_MONEY + " NOT NULL")
Return 1
end function

private function long of_step_subro ();// 9.3: subrogation moves off the claim into its own log
string ls_sql

ls_sql = "IF OBJECT_ID('dbo.clm_subro_log', 'U') IS NULL" + inv_const.CRLF + &
	"CREATE TABLE dbo.clm_subro_log (" + &
	"subro_id int IDENTITY(1,1) NOT NULL, " + &               // surrogate key
	"claim_id int NOT NULL, " + &                             // one log per claim
	"subro_flag char(1) NOT NULL DEFAULT ('N'), " + &         // Y = recovery pursued
	"recovered_amt " + inv_const.TYPE_MONEY + " NULL, " + &   // what came back
	"adjuster_id int NULL, " + &                              // who opened the file
	"CONSTRAINT PK_clm_subro_log PRIMARY KEY (subro_id))"
If this.Event ue_execute(ls_sql) < 0 Then Return -1

ls_sql = "INSERT INTO dbo.clm_subro_log (claim_id, subro_flag, adjuster_id)" + &
	" SELECT c.claim_id, c.subro_flag, c.adjuster_id FROM dbo.clm_claim c" + &
	" WHERE c.subro_flag = 'Y'"
this.Event ue_execute(ls_sql)

ls_sql = "IF COL_LENGTH('dbo.clm_claim', 'subro_flag') IS NOT NULL" + &
	" ALTER TABLE dbo.clm_claim DROP COLUMN subro_flag"
this.Event ue_execute(ls_sql)

ls_sql = "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'IX_clm_claim_adjuster')" + &
	" CREATE INDEX IX_clm_claim_adjuster ON dbo.clm_claim (adjuster_id, loss_dt)"
Return this.Event ue_execute(ls_sql)
end function

private function string of_reserve_proc ();// reserve roll-forward: one history row per open reserve and run
string ls_p

ls_p = "CREATE PROCEDURE dbo.csp_clm_reserve_roll" + inv_const.CRLF + &
	"    @as_of datetime" + inv_const.CRLF + &
	"AS" + inv_const.CRLF + &
	"BEGIN" + inv_const.CRLF + &
	"    SET NOCOUNT ON" + inv_const.CRLF + &
	"    INSERT INTO dbo.clm_reserve_hist (claim_id, reserve_amt, adjuster_id, changed_dt)" + inv_const.CRLF + &
	"    SELECT r.claim_id, r.reserve_amt, c.adjuster_id, @as_of" + inv_const.CRLF + &    // current reserve
	"      FROM dbo.clm_reserve r" + inv_const.CRLF + &
	"      JOIN dbo.clm_claim c ON c.claim_id = r.claim_id" + inv_const.CRLF + &
	"     WHERE c.loss_dt <= @as_of" + inv_const.CRLF + &                                // no future losses
	"       AND r.reserve_amt <> 0" + inv_const.CRLF + &
	"       AND c.peril_cd NOT IN ('TEST', 'VOID')" + inv_const.CRLF + &                 // training claims
	"     ORDER BY c.loss_dt, r.claim_id" + inv_const.CRLF + &
	"END"
Return ls_p
end function

event type integer ue_step(integer ai_step);// 9.x steps; the ancestor loops until this answers something other than 1
any la_arg[]
string ls_sql
integer li_rc = 1

Choose Case ai_step
	Case 1
		If of_step_reserve() < 0 Then li_rc = -1
	Case 2
		// 9.1: who handles the claim and when the loss happened
		of_clm_set_addcolumn(inv_const.TBL_CLAIM, "adjuster_id", "int NULL")
		of_clm_set_addcolumn(inv_const.TBL_CLAIM, "loss_dt", "datetime NULL")
		of_clm_set_addcolumn(inv_const.TBL_CLAIM, "loss_dt_local", "datetimeoffset(0) NULL")
		// of_clm_set_addcolumn(inv_const.TBL_CLAIM, "peril_cd", "char(4) NULL")   // 9.1 beta; moved to clm_peril
	Case 3
		// the arguments come as any so the step table can be read from the .ini one day
		la_arg[1] = inv_const.TBL_POLICY
		la_arg[2] = "deductible_amt"
		la_arg[3] = inv_const.TYPE_MONEY + " NOT NULL DEFAULT (0)"
		this.DYNAMIC of_clm_set_addcolumn(String(la_arg[1]), String(la_arg[2]), String(la_arg[3]))   // deductible_amt
		of_clm_set_addcolumn(inv_const.TBL_POLICY, "deductible_pct", "decimal(5,2) NULL")
	Case 4
		// 9.2: perils - the column lives where the edition keeps its peril codes
		If is_edition = "COMMERCIAL" Then
			ls_sql = of_add_column(inv_const.TBL_PERIL, "peril_cd", "char(6) NOT NULL DEFAULT ('GEN')")
		ElseIf is_edition = "PERSONAL" Then
			ls_sql = of_add_column(inv_const.TBL_PERIL, "peril_cd", "char(4) NULL")
		ElseIf is_edition = "LITE" Then
			ls_sql = ""
		Else
			ls_sql = of_add_column(inv_const.TBL_CLAIM, "peril_cd", "char(4) NULL")
		End If
		If ls_sql <> "" Then this.Event ue_execute(ls_sql)
	Case 5
		If of_step_subro() < 0 Then li_rc = -1
	Case 6
		// 9.4: catastrophe coding and wider deductibles
		ls_sql = "ALTER TABLE " + inv_const.of_qualify(inv_const.TBL_CLAIM) + " ADD" + &
			" catastrophe_cd varchar(8) NULL," + &     // PCS event code
			" loss_state char(2) NULL"                 // state of the loss location
		this.Event ue_execute(ls_sql)
		this.Event ue_execute("ALTER TABLE " + inv_const.of_qualify(inv_const.TBL_POLICY) + " ALTER COLUMN deductible_amt decimal(17,2) NOT NULL")
	Case Is >= 7
		li_rc = 0
End Choose
Return li_rc
end event

event ue_views();call super::ue_views;// 9.x open-reserve view; CREATE VIEW must be alone in its batch
string ls_view

this.Event ue_execute("IF OBJECT_ID('dbo.v_clm_open_reserve', 'V') IS NOT NULL DROP VIEW dbo.v_clm_open_reserve")
ls_view = "CREATE VIEW dbo.v_clm_open_reserve AS" + inv_const.CRLF + &
	"SELECT c.claim_id, c.loss_dt, c.adjuster_id," + inv_const.CRLF + &
	"       r.reserve_amt, p.deductible_amt," + inv_const.CRLF + &
	"       ISNULL(s.subro_flag, 'N') AS subro_yn" + inv_const.CRLF + &
	"  FROM dbo.clm_claim c" + inv_const.CRLF + &
	"  JOIN dbo.clm_reserve r ON r.claim_id = c.claim_id" + inv_const.CRLF + &
	"  JOIN dbo.clm_policy p ON p.policy_id = c.policy_id" + inv_const.CRLF + &
	"  LEFT JOIN dbo.clm_subro_log s ON s.claim_id = c.claim_id" + inv_const.CRLF + &
	" WHERE r.reserve_amt > 0"
this.Event ue_execute(ls_view)
end event

event ue_finish();call super::ue_finish;// after the commit: subrogation rows copied from old claims get an explicit flag
this.Event ue_execute("UPDATE dbo.clm_subro_log SET subro_flag = 'N' WHERE subro_flag IS NULL")
COMMIT USING itr_db ;
end event

on n_cst_clm_migr_v9.create
call super::create
end on

on n_cst_clm_migr_v9.destroy
call super::destroy
end on

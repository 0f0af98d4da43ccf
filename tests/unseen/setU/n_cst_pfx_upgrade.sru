$PBExportHeader$n_cst_pfx_upgrade.sru
$PBExportComments$PFX servicing – upgrade plan of s_pfx_step structures and its runner (12.x)
forward
global type n_cst_pfx_upgrade from nonvisualobject
end type
end forward

global type n_cst_pfx_upgrade from nonvisualobject
end type
global n_cst_pfx_upgrade n_cst_pfx_upgrade

type variables
Private:
n_tr_pfx itr
s_pfx_step istr_plan[]
integer ii_ver
string is_logfile = "pfx_upgrade.log"
end variables

forward prototypes
public function integer of_run (n_tr_pfx atr, integer ai_ver)
private subroutine of_add (string as_action, string as_table, string as_column, string as_coldef, integer ai_ver)
private subroutine of_add_sql (string as_sql, integer ai_ver)
private subroutine of_build_plan ()
private function integer of_run_plan ()
private function string of_subst (string as_text, string as_token, string as_value)
private function integer of_templates ()
private function integer of_helper_steps ()
private function integer of_procs ()
private function integer of_escrow_defaults ()
private function integer of_checks ()
private subroutine of_log (string as_text)
end prototypes

public function integer of_run (n_tr_pfx atr, integer ai_ver);// Entry from the application: the plan first, then the steps that are not plan steps
itr = atr
ii_ver = ai_ver
of_build_plan()
If of_run_plan() < 0 Then Return -1
If of_templates() < 0 Then Return -1
If of_helper_steps() < 0 Then Return -1
If of_procs() < 0 Then Return -1
of_escrow_defaults()
Return of_checks()
end function

private subroutine of_add (string as_action, string as_table, string as_column, string as_coldef, integer ai_ver);integer li_n

li_n = UpperBound(istr_plan) + 1
istr_plan[li_n].s_action = as_action
istr_plan[li_n].s_table = as_table
istr_plan[li_n].s_column = as_column
istr_plan[li_n].s_coldef = as_coldef
istr_plan[li_n].s_sql = ""
istr_plan[li_n].i_min_ver = ai_ver
end subroutine

private subroutine of_add_sql (string as_sql, integer ai_ver);integer li_n

li_n = UpperBound(istr_plan) + 1
istr_plan[li_n].s_action = "SQL"
istr_plan[li_n].s_sql = as_sql
istr_plan[li_n].i_min_ver = ai_ver
end subroutine

private subroutine of_build_plan ();// 11.x and 12.x steps; a step runs when the tenant's version is below its own
of_add("ADD", "pfx_loan", "ltv_pct", "decimal(7,4) NULL", 11)
of_add("ADD", "pfx_loan", "cltv_pct", "decimal(7,4) NULL", 11)
of_add("ADD", "pfx_loan", "fico_score", "smallint NULL", 11)
of_add("ADD", "pfx_loan", "lien_pos", "tinyint NOT NULL DEFAULT (1)", 11)
// of_add("ADD", "pfx_loan", "msr_strip", "decimal(6,4) NULL", 11)   // moved to pfx_servicing in 11.2
of_add("ADD", "pfx_escrow", "escrow_bal", "money NULL", 11)
of_add("ADD", "pfx_escrow", "escrow_pmt", "money NULL", 11)
of_add("ADD", "pfx_servicing", "msr_strip", "decimal(6,4) NULL", 11)
// NOTE steps are for the DBA: the runner writes them to the log and goes on
of_add("NOTE", "pfx_borrower", "fico_score", "smallint NULL", 11)
of_add_sql("UPDATE dbo.pfx_loan SET lien_pos = 2 WHERE lien_pos = 1 AND sub_lien_flag = 'Y'", 11)
of_add_sql("CREATE TABLE dbo.pfx_lien_hist (" + &
	"lien_hist_id int IDENTITY(1,1) NOT NULL, " + &
	"loan_id int NOT NULL, " + &
	"lien_pos tinyint NOT NULL, " + &
	"fico_score smallint NULL, " + &
	"chg_dt datetime NOT NULL DEFAULT (GETDATE()), " + &
	"CONSTRAINT PK_pfx_lien_hist PRIMARY KEY (lien_hist_id))", 12)
of_add_sql("INSERT INTO dbo.pfx_lien_hist (loan_id, lien_pos, fico_score, chg_dt) " + &
	"SELECT l.loan_id, l.lien_pos, l.fico_score, GETDATE() FROM dbo.pfx_loan l " + &
	"WHERE l.lien_pos > 1", 12)
of_add("ALTER", "pfx_loan", "ltv_pct", "decimal(9,4) NULL", 12)
of_add_sql("UPDATE dbo.pfx_loan SET ltv_pct = ROUND(ltv_pct, 2) WHERE ltv_pct IS NOT NULL", 12)
end subroutine

private function integer of_run_plan ();// Walks the plan once; a failed step is logged and the others still run
s_pfx_step lstr
string ls_sql
integer li_i = 1
integer li_failed = 0
RuntimeError lre

If UpperBound(istr_plan) = 0 Then Return 0
Do
	lstr = istr_plan[li_i]
	If ii_ver >= lstr.i_min_ver Then Goto next_step
	Choose Case lstr.s_action
		Case "ADD"
			ls_sql = "ALTER TABLE dbo." + lstr.s_table + " ADD " + lstr.s_column + " " + lstr.s_coldef
		Case "ALTER"
			ls_sql = "ALTER TABLE dbo." + lstr.s_table + " ALTER COLUMN " + lstr.s_column + " " + lstr.s_coldef
		Case "SQL"
			ls_sql = lstr.s_sql
		Case Else
			of_log("for the DBA: ALTER TABLE dbo." + lstr.s_table + " ADD " + lstr.s_column + " " + lstr.s_coldef)
			Goto next_step
	End Choose
	Try
		If itr.of_execute(ls_sql) < 0 Then
			lre = Create RuntimeError
			lre.SetMessage("step " + String(li_i) + ": " + itr.SQLErrText)
			Throw lre
		End If
	Catch (RuntimeError lre_step)
		li_failed ++
		of_log(lre_step.GetMessage())
	Finally
		of_log("step " + String(li_i) + " (" + lstr.s_action + ") done")
	End Try
next_step:
	li_i ++
Loop Until li_i > UpperBound(istr_plan)
If li_failed > 0 Then Return -1
Return 1
end function

private function string of_subst (string as_text, string as_token, string as_value);// Replaces every as_token (the plugin ships without PFC, so no of_GlobalReplace here)
long ll_pos

ll_pos = Pos(as_text, as_token)
If ll_pos = 0 Then Return as_text
Do
	as_text = Left(as_text, ll_pos - 1) + as_value + Mid(as_text, ll_pos + Len(as_token))
	ll_pos = Pos(as_text, as_token, ll_pos + Len(as_value))
Loop Until ll_pos = 0
Return as_text
end function

private function integer of_templates ();// ARM columns from one guarded template; <T>, <C> and <D> are filled by of_subst
string ls_tpl, ls_sql

ls_tpl = "IF COL_LENGTH('dbo.<T>', '<C>') IS NULL ALTER TABLE dbo.<T> ADD <C> <D>"
ls_sql = of_subst(of_subst(of_subst(ls_tpl, "<T>", "pfx_arm"), "<C>", "coupon_adj"), "<D>", "decimal(7,5) NULL")
If itr.of_execute(ls_sql) < 0 Then Return -1
ls_sql = of_subst(of_subst(of_subst(ls_tpl, "<T>", "pfx_arm_hist"), "<C>", "coupon_adj"), "<D>", "decimal(7,5) NULL")
If itr.of_execute(ls_sql) < 0 Then Return -1
ls_sql = of_subst(of_subst(of_subst(ls_tpl, "<T>", "pfx_arm"), "<C>", "coupon_adj_cap"), "<D>", "decimal(7,5) NULL")
Return itr.of_execute(ls_sql)
end function

private function integer of_helper_steps ();// Columns the servicing screens need, through the transaction's helper (column, definition, table)
integer li_rc

li_rc = itr.of_pfx_set_addcolumn("escrow_bal", "money NULL", "pfx_escrow_hist")
If li_rc < 0 Then Return li_rc
li_rc = itr.of_pfx_set_addcolumn("msr_strip", "decimal(6,4) NULL", "pfx_servicing_hist")
If li_rc < 0 Then Return li_rc
li_rc = itr.of_pfx_set_addcolumn("lien_pos", &
	"tinyint NULL", &
	"pfx_lien_stage")
If li_rc < 0 Then Return li_rc
li_rc = itr.of_pfx_set_addcolumn("ltv_pct_src", "varchar(10) NULL", "pfx_loan")
Return li_rc
end function

private function integer of_procs ();// 12.0: MSR history table and the LTV band procedure
string ls_sql

ls_sql = "IF OBJECT_ID(N'dbo.pfx_msr_hist', N'U') IS NULL~r~n"
ls_sql += "CREATE TABLE dbo.pfx_msr_hist (~r~n"
ls_sql += "   loan_id int NOT NULL,~r~n"
ls_sql += "   as_of_dt date NOT NULL,~r~n"
ls_sql += "   msr_strip decimal(6,4) NOT NULL,~r~n"
ls_sql += "   CONSTRAINT PK_pfx_msr_hist PRIMARY KEY (loan_id, as_of_dt))~r~n"
If itr.of_execute(ls_sql) < 0 Then Return -1

ls_sql = "IF OBJECT_ID(N'dbo.psp_pfx_ltv_band', N'P') IS NOT NULL DROP PROCEDURE dbo.psp_pfx_ltv_band"
If itr.of_execute(ls_sql) < 0 Then Return -1
ls_sql = "CREATE PROCEDURE dbo.psp_pfx_ltv_band~r~n"
ls_sql += "   @max_ltv decimal(9,4) = 80.0~r~n"
ls_sql += "AS~r~n"
ls_sql += "SET NOCOUNT ON;~r~n"
ls_sql += "SELECT l.loan_id, l.ltv_pct, l.fico_score, l.lien_pos,~r~n"
ls_sql += "       e.escrow_bal, s.msr_strip,~r~n"
ls_sql += "       CASE WHEN l.ltv_pct > @max_ltv THEN 'HIGH' ELSE 'OK' END AS ltv_band~r~n"
ls_sql += "  FROM dbo.pfx_loan l~r~n"
ls_sql += "  JOIN dbo.pfx_servicing s ON s.loan_id = l.loan_id~r~n"
ls_sql += "  LEFT JOIN dbo.pfx_escrow e ON e.loan_id = l.loan_id AND e.escrow_bal > 0~r~n"
ls_sql += " WHERE l.lien_pos = 1~r~n"
ls_sql += "   AND (s.msr_strip IS NULL OR s.msr_strip >= 0.0025)~r~n"
ls_sql += " ORDER BY l.ltv_pct DESC, l.fico_score;~r~n"
Return itr.of_execute(ls_sql)
end function

private function integer of_escrow_defaults ();// 12.1: escrow balances default to 0; the NOT NULL change went to the DBA script instead
string ls_sql, ls_undo

ls_sql = "UPDATE dbo.pfx_escrow SET escrow_bal = 0 WHERE escrow_bal IS NULL"
If itr.of_execute(ls_sql) < 0 Then Return -1
ls_undo = "ALTER TABLE dbo.pfx_escrow DROP COLUMN escrow_bal"   // for the rollback notes, never run
Goto done
ls_sql = "ALTER TABLE dbo.pfx_escrow ALTER COLUMN escrow_bal money NOT NULL"
itr.of_execute(ls_sql)
done:
ls_sql = "IF COL_LENGTH('dbo.pfx_escrow', 'escrow_bal_old') IS NOT NULL ALTER TABLE dbo.pfx_escrow DROP COLUMN escrow_bal_old"
Return itr.of_execute(ls_sql)
end function

private function integer of_checks ();// After the upgrade: counts of rows the servicing screens would reject
string ls_sql
long ll_bad, ll_neg

ls_sql = "SELECT COUNT(*) FROM dbo.pfx_loan WHERE ltv_pct > 125 OR fico_score NOT BETWEEN 300 AND 850"
DECLARE lc_bad DYNAMIC CURSOR FOR SQLSA ;
PREPARE SQLSA FROM :ls_sql USING itr ;
OPEN DYNAMIC lc_bad ;
FETCH lc_bad INTO :ll_bad ;
CLOSE lc_bad ;
ll_neg = itr.of_count("SELECT COUNT(*) FROM dbo.pfx_escrow e JOIN dbo.pfx_loan l ON l.loan_id = e.loan_id " + &
	"WHERE e.escrow_bal < 0 AND l.lien_pos = 1")
If ll_bad + ll_neg > 0 Then of_log(String(ll_bad) + " loans out of range, " + String(ll_neg) + " negative escrows")
Return 1
end function

private subroutine of_log (string as_text);integer li_f

li_f = FileOpen(is_logfile, LineMode!, Write!, LockWrite!, Append!)
If li_f < 0 Then Return
FileWrite(li_f, String(Today(), "yyyy-mm-dd") + " " + String(Now(), "hh:mm:ss") + "  " + as_text)
FileClose(li_f)
end subroutine

on n_cst_pfx_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_pfx_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

$PBExportHeader$n_cst_los_patch_v9.sru
$PBExportComments$LOS tenant patch – level 9 (2021.2): DTI, HMDA, note-rate caps, PMI quotes
forward
global type n_cst_los_patch_v9 from n_cst_los_patch
end type
type s_los_col from structure within n_cst_los_patch_v9
end type
end forward

type s_los_col from structure
	string      s_name
	string      s_def
end type

global type n_cst_los_patch_v9 from n_cst_los_patch
end type
global n_cst_los_patch_v9 n_cst_los_patch_v9

type prototypes
Function ulong GetCurrentProcessId() Library "kernel32.dll"
end prototypes

type variables
Private:
string is_note_tbl = "los_note_rate"
end variables

forward prototypes
protected function string of_step_sql (integer ai_step)
private function string of_step_sql_late (integer ai_step)
private function integer of_pmi_quote_table ()
private function integer of_review_proc ()
private function integer of_check_data ()
end prototypes

protected function string of_step_sql (integer ai_step);// Level 9: steps 3 to 8 here, 1 and 2 from the ancestor
string ls_sql

Choose Case ai_step
	Case 1 To 2
		Return Super::of_step_sql(ai_step)
	Case 3
		ls_sql = "ALTER TABLE " + inv_c.DBO + inv_c.TBL_APP + " ADD dti_ratio decimal(6,3) NULL"
	Case 4
		ls_sql = "ALTER TABLE " + inv_c.DBO + inv_c.TBL_APP + " ALTER COLUMN dti_ratio decimal(7,3) NULL"
	Case 5 To 8
		ls_sql = of_step_sql_late(ai_step)
	Case Is > 8
		ls_sql = ""
End Choose
Return ls_sql
end function

private function string of_step_sql_late (integer ai_step);string ls_sql

If ai_step = 5 Then
	ls_sql = "CREATE TABLE " + inv_c.DBO + is_note_tbl + " (" + &   // note-rate terms, one row per loan
		"loan_id int NOT NULL, " + &                                // same key as los_loan
		"note_rate_cap decimal(7,5) NULL, " + &                     // lifetime cap
		"note_rate_floor decimal(7,5) NULL, " + &                   // lifetime floor
		"rate_lock_dt date NULL, " + &                              //
		"CONSTRAINT PK_los_note_rate PRIMARY KEY (loan_id))"
ElseIf ai_step = 6 Then
	ls_sql = "ALTER TABLE " + inv_c.DBO + inv_c.TBL_HMDA + " ADD hmda_race_cd varchar(5) NULL"
ElseIf ai_step = 7 Then
	ls_sql = "ALTER TABLE dbo.los_arm_terms ADD note_rate_cap decimal(7,5) NULL, dti_ratio_old decimal(5,2) NULL"
ElseIf ai_step = 8 Then
	ls_sql = "IF COL_LENGTH('" + inv_c.DBO + inv_c.TBL_COLL + "', 'appraisal_dt') IS NULL " + &
		"ALTER TABLE " + inv_c.DBO + inv_c.TBL_COLL + " ADD appraisal_dt date NULL"
Else
	ls_sql = ""
End If
Return ls_sql
end function

private function integer of_pmi_quote_table ();// PMI quotes: the columns come from a structure array, one CREATE TABLE
s_los_col lstr_col[]
string ls_sql
integer li_i

lstr_col[1].s_name = "quote_id"; lstr_col[1].s_def = "int IDENTITY(1,1) NOT NULL"
lstr_col[2].s_name = "loan_id"; lstr_col[2].s_def = "int NOT NULL"
lstr_col[3].s_name = "pmi_flag"; lstr_col[3].s_def = "bit NOT NULL DEFAULT (1)"
lstr_col[4].s_name = "pmi_rate"; lstr_col[4].s_def = "decimal(6,4) NULL"
lstr_col[5].s_name = "dti_ratio"; lstr_col[5].s_def = "decimal(7,3) NULL"

ls_sql = "IF OBJECT_ID('dbo.los_pmi_quote', 'U') IS NULL CREATE TABLE dbo.los_pmi_quote ("
For li_i = 1 To UpperBound(lstr_col)
	ls_sql += lstr_col[li_i].s_name + " " + lstr_col[li_i].s_def + ", "
Next
ls_sql += "CONSTRAINT PK_los_pmi_quote PRIMARY KEY (quote_id))"
Return of_exec(ls_sql)
end function

private function integer of_review_proc ();// The underwriting review list (replaces the 2019 view)
string ls_sql

of_exec("IF OBJECT_ID('dbo.psp_los_uw_review', 'P') IS NOT NULL DROP PROCEDURE dbo.psp_los_uw_review")
ls_sql = "CREATE PROCEDURE dbo.psp_los_uw_review @max_dti decimal(7,3) = 43.0 AS " + &
	"SET NOCOUNT ON; " + &
	"SELECT a.app_id, a.dti_ratio, a.doc_type_cd, " + &          // ratios first
	"       l.pmi_flag, c.appraisal_dt, n.note_rate_cap " + &
	"  FROM dbo.los_application a " + &
	"  JOIN dbo.los_loan l ON l.app_id = a.app_id " + &
	"  LEFT JOIN dbo.los_collateral c ON c.loan_id = l.loan_id " + &
	"  LEFT JOIN dbo.los_note_rate n ON n.loan_id = l.loan_id " + &
	" WHERE a.dti_ratio > @max_dti " + &                          // over the QM limit
	"    OR (l.pmi_flag = 0 AND a.doc_type_cd <> 'FUL') " + &
	" ORDER BY a.dti_ratio DESC, c.appraisal_dt"
Return of_exec(ls_sql)
end function

private function integer of_check_data ();// A look at what the patch produced; the figures go to the patch log
datastore lds
string ls_syntax, ls_err, ls_msg
any la_cnt
long ll_rows, ll_nohmda

ls_syntax = itr.SyntaxFromSQL("SELECT app_id, dti_ratio, doc_type_cd FROM dbo.los_application WHERE dti_ratio IS NOT NULL", "style(type=grid)", ls_err)
If Len(ls_err) > 0 Then Return -1
lds = Create datastore
lds.Create(ls_syntax, ls_err)
lds.SetTransObject(itr)
lds.Modify("DataWindow.Table.Select='SELECT app_id, dti_ratio, doc_type_cd FROM dbo.los_application WHERE dti_ratio > 50'")
ll_rows = lds.Retrieve()
Destroy lds
la_cnt = of_lookup("SELECT COUNT(*) FROM dbo.los_pmi_quote q JOIN dbo.los_note_rate n ON n.loan_id = q.loan_id " + &
	"WHERE q.pmi_flag = 1 AND n.note_rate_cap > ?", "0.12")
SELECT COUNT(*) INTO :ll_nohmda FROM dbo.los_hmda WHERE hmda_race_cd IS NULL USING itr ;
ls_msg = "pid " + String(GetCurrentProcessId()) + ": " + String(ll_rows) + " high DTI, " + String(la_cnt) + " PMI/ARM, " + String(ll_nohmda) + " without HMDA"
INSERT INTO dbo.los_patch_log (patch_lvl, msg_txt) VALUES (9, :ls_msg) USING itr ;
Return 1
end function

on n_cst_los_patch_v9.create
call super::create
end on

on n_cst_los_patch_v9.destroy
call super::destroy
end on

event ue_post_patch;call super::ue_post_patch;// Runs after the last DDL step: data fixes, the runner-only DDL, helper columns, PMI quotes, the review procedure
string ls_sql
integer li_rc

ls_sql = "UPDATE dbo.los_application SET doc_type_cd = 'FUL' WHERE doc_type_cd IS NULL AND income_doc_flag = 'Y'"
If ib_proc_runner Then
	li_rc = of_exec_proc(ls_sql)
Else
	li_rc = of_exec(ls_sql)
End If
ls_sql = "UPDATE n SET n.note_rate_cap = t.life_cap_pct / 100.0 " + &
	"FROM dbo.los_note_rate n JOIN dbo.los_arm_terms t ON t.loan_id = n.loan_id " + &
	"WHERE n.note_rate_cap IS NULL AND t.life_cap_pct IS NOT NULL"
If of_exec(ls_sql) < 0 Then Return
// history tables are owned by the runner procedure on every tenant
of_exec_proc("ALTER TABLE dbo.los_hmda_hist ADD hmda_race_cd varchar(5) NULL")
of_exec_proc("ALTER TABLE dbo.los_appraisal ALTER COLUMN appraisal_dt date NOT NULL")
of_los_set_addcolumn(inv_c.TBL_LOAN, "doc_type_cd", "char(3)", True)
of_los_set_addcolumn("los_pmi_hist", "pmi_flag", "bit DEFAULT (0)", False)
of_los_set_addcolumn("los_hmda", "hmda_eth_cd", &
	"varchar(5)", True)
of_los_set_addcolumn("los_collateral", "appraisal_dt_orig", "date", True)
// of_los_set_addcolumn(inv_c.TBL_APP, "dti_ratio", "decimal(6,3)", True)   // step 3 does it
of_exec("ALTER TABLE dbo.los_application_stage DROP COLUMN pmi_flag")
of_exec("INSERT INTO dbo.los_hmda_hist (app_id, hmda_race_cd, hist_dt) " + &
	"SELECT h.app_id, h.hmda_race_cd, GETDATE() FROM dbo.los_hmda h WHERE h.hmda_race_cd IS NOT NULL")
of_pmi_quote_table()
of_review_proc()
of_check_data()
end event

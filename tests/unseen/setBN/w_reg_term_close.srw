$PBExportHeader$w_reg_term_close.srw
$PBExportComments$Registrar - close a term: post grade points, clear waitlists, audit on close
forward
global type w_reg_term_close from window
end type
type cb_post from commandbutton within w_reg_term_close
end type
type dw_sections from datawindow within w_reg_term_close
end type
end forward

global type w_reg_term_close from window
integer width = 3209
integer height = 1800
boolean titlebar = true
string title = "Close term"
boolean controlmenu = true
boolean minbox = true
boolean maxbox = true
boolean resizable = true
long backcolor = 67108864
string icon = "AppIcon!"
cb_post cb_post
dw_sections dw_sections
end type
global w_reg_term_close w_reg_term_close

type variables
Private:
string	is_term
boolean	ib_posted
end variables

forward prototypes
private function integer wf_exec (string as_sql)
private function integer wf_ensure_audit ()
private function integer wf_post_audit ()
end prototypes

private function integer wf_exec (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;
If SQLCA.SQLCode < 0 Then
	MessageBox(this.title, SQLCA.SQLErrText, StopSign!)
	ROLLBACK USING SQLCA;
	Return -1
End If
Return 1
end function

private function integer wf_ensure_audit ();// the audit table came with 2024.2; older databases get it at the first close of a term
string	ls_ddl
long	ll_found

SELECT count(*) INTO :ll_found FROM sys.tables WHERE name = 'reg_grade_audit' USING SQLCA;
If ll_found > 0 Then Return 1

ls_ddl = "CREATE TABLE reg_grade_audit ("
ls_ddl = ls_ddl + " audit_id int IDENTITY(1,1) NOT NULL,"
ls_ddl = ls_ddl + " student_no char(9) NOT NULL,"
ls_ddl = ls_ddl + " section_id int NOT NULL,"
ls_ddl = ls_ddl + " grade_pts decimal(5,2) NULL,"
ls_ddl = ls_ddl + " credit_hrs decimal(3,1) NULL,"
ls_ddl = ls_ddl + " posted_dt datetime NOT NULL)"
Return wf_exec(ls_ddl)
end function

private function integer wf_post_audit ();// copies the term's grade points into the audit table, through a temp table of its sections
string	ls_sql

ls_sql = "CREATE TABLE #term_sections (section_id int NOT NULL, credit_hrs decimal(3,1) NULL)"
If wf_exec(ls_sql) < 0 Then Return -1

ls_sql = "INSERT INTO #term_sections (section_id, credit_hrs) " + &
	"SELECT section_id, credit_hrs FROM reg_section WHERE term_cd = ?"
PREPARE SQLSA FROM :ls_sql USING SQLCA;
EXECUTE SQLSA USING :is_term;
If SQLCA.SQLCode < 0 Then Return -1

ls_sql = "INSERT INTO reg_grade_audit (student_no, section_id, grade_pts, credit_hrs, posted_dt) " + &
	"SELECT e.student_no, e.section_id, e.grade_pts, t.credit_hrs, GETDATE() " + &
	"FROM reg_enrollment e JOIN #term_sections t ON t.section_id = e.section_id " + &
	"WHERE e.drop_dt IS NULL"
If wf_exec(ls_sql) < 0 Then Return -1

Return wf_exec("DROP TABLE #term_sections")
end function

on w_reg_term_close.create
this.cb_post=create cb_post
this.dw_sections=create dw_sections
this.Control[]={this.cb_post,&
this.dw_sections}
end on

on w_reg_term_close.destroy
destroy(this.cb_post)
destroy(this.dw_sections)
end on

event open;// the columns this window reads must exist before the first retrieve
is_term = ProfileString(gs_inifile, "Term", "Current", "")
gnv_migrator.of_reg_set_addcolumn("reg_enrollment", "grade_pts", "decimal(5,2) NULL")
gnv_migrator.of_reg_set_addcolumn("reg_section", "waitlist_max", "smallint NULL")
gnv_migrator.of_run_pending()

dw_sections.SetTransObject(SQLCA)
dw_sections.Retrieve(is_term)
end event

event closequery;// leaving the window writes the audit of a term whose grades were posted
If Not ib_posted Then Return 0
If MessageBox(this.title, "Write the grade audit for " + is_term + " now?", Question!, YesNo!) = 2 Then Return 0
If wf_ensure_audit() < 0 Then Return 1
If wf_post_audit() < 0 Then Return 1
COMMIT USING SQLCA;
Return 0
end event

type cb_post from commandbutton within w_reg_term_close
integer x = 2624
integer y = 1568
integer width = 480
integer height = 112
integer taborder = 20
integer textsize = -9
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Segoe UI"
string text = "Post grades"
end type

event clicked;// grade points for the term, then the waitlists of its sections are cleared
long	ll_ids[], ll_section, ll_n
integer	li_fh
string	ls_sql, ls_undo

ls_sql = "UPDATE e SET e.grade_pts = g.grade_points * s.credit_hrs " + &
	"FROM reg_enrollment e JOIN reg_section s ON s.section_id = e.section_id " + &
	"JOIN reg_grade_scale g ON g.grade_cd = e.grade_cd " + &
	"WHERE s.term_cd = ? AND e.drop_dt IS NULL"
PREPARE SQLSA FROM :ls_sql USING SQLCA;
EXECUTE SQLSA USING :is_term;
If SQLCA.SQLCode < 0 Then
	MessageBox(parent.title, SQLCA.SQLErrText, StopSign!)
	ROLLBACK USING SQLCA;
	Return
End If

DECLARE lc_full CURSOR FOR
	SELECT section_id
	  FROM reg_section
	 WHERE term_cd = :is_term AND credit_hrs > 0
	USING SQLCA;
OPEN lc_full;
FETCH lc_full INTO :ll_section;
Do While SQLCA.SQLCode = 0
	ll_n++
	ll_ids[ll_n] = ll_section
	FETCH lc_full INTO :ll_section;
Loop
CLOSE lc_full;

If ll_n > 0 Then
	ls_sql = "DELETE FROM reg_waitlist WHERE section_id IN " + f_reg_inlist(ll_ids)
	If parent.wf_exec(ls_sql) < 0 Then Return

	// the registrar keeps an undo script per term; it is never run from here
	ls_undo = "UPDATE reg_enrollment SET grade_pts = NULL " + &
		"WHERE drop_dt IS NULL AND section_id IN " + f_reg_inlist(ll_ids)
	li_fh = FileOpen("undo_" + is_term + ".sql", LineMode!, Write!, LockWrite!, Replace!)
	If li_fh > 0 Then
		FileWrite(li_fh, ls_undo)
		FileClose(li_fh)
	End If
End If

COMMIT USING SQLCA;
ib_posted = True
dw_sections.Retrieve(is_term)
end event

type dw_sections from datawindow within w_reg_term_close
integer x = 37
integer y = 32
integer width = 3067
integer height = 1500
integer taborder = 10
string title = "none"
string dataobject = "d_reg_section_list"
boolean hscrollbar = true
boolean vscrollbar = true
boolean livescroll = true
borderstyle borderstyle = stylelowered!
end type


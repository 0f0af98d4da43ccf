$PBExportHeader$w_cem_upgrade.srw
$PBExportComments$Cemetery Manager – database upgrade: statements listed in dw_ddl, then run
forward
global type w_cem_upgrade from window
end type
type st_status from statictext within w_cem_upgrade
end type
type cb_run from commandbutton within w_cem_upgrade
end type
type dw_ddl from datawindow within w_cem_upgrade
end type
end forward

global type w_cem_upgrade from window
integer width = 3214
integer height = 1856
boolean titlebar = true
string title = "Cemetery Manager – Database Upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
string icon = "AppIcon!"
boolean center = true
event ue_fixups ( )
st_status st_status
cb_run cb_run
dw_ddl dw_ddl
end type
global w_cem_upgrade w_cem_upgrade

type variables
n_tr_cem itr_cem
n_cst_cem_ddl inv_ddl
n_cst_cem_retry inv_retry
decimal{2} idc_installed
string is_ini = "cemmgr.ini"
end variables

forward prototypes
public function integer wf_queue (long al_version)
public function long wf_queue_text (string as_sql)
end prototypes

event ue_fixups();// Columns some sites added by hand before 5.1: the helper looks first
itr_cem.of_cem_set_addcolumn("cem_interment", "section_cd", "char(3) NULL")
itr_cem.of_cem_set_addcolumn("cem_plot", "care_fund_amt", "money NULL")
itr_cem.of_cem_set_addcolumn("cem_interment", "burial_permit_no", &
	"varchar(20) NULL")
itr_cem.of_cem_set_addcolumn("cem_deed", "transfer_dt", "datetime NULL")
end event

public function integer wf_queue (long al_version);// Lists the statements of one release in dw_ddl
string ls_sql[]
integer li_cnt, li_i
long ll_row

li_cnt = inv_ddl.of_sql_ddl(al_version, ls_sql)
For li_i = 1 To li_cnt
	ll_row = dw_ddl.InsertRow(0)
	dw_ddl.Object.ddl_version[ll_row] = al_version
	dw_ddl.Object.ddl_text[ll_row] = ls_sql[li_i]
	dw_ddl.Object.ddl_status[ll_row] = "queued"
Next

Return li_cnt
end function

public function long wf_queue_text (string as_sql);long ll_row

ll_row = dw_ddl.InsertRow(0)
dw_ddl.Object.ddl_version[ll_row] = 510
dw_ddl.Object.ddl_text[ll_row] = as_sql
dw_ddl.Object.ddl_status[ll_row] = "queued"

Return ll_row
end function

event open;long ll_row

itr_cem = Create n_tr_cem
itr_cem.DBMS = ProfileString(is_ini, "Database", "DBMS", "MSOLEDBSQL SQL Server")
itr_cem.ServerName = ProfileString(is_ini, "Database", "ServerName", "")
itr_cem.Database = ProfileString(is_ini, "Database", "Database", "cemmgr")
itr_cem.AutoCommit = True
itr_cem.DBParm = "Provider='MSOLEDBSQL',TrustedConnection=1"
CONNECT USING itr_cem;
If itr_cem.SQLCode <> 0 Then
	MessageBox("Upgrade", "Cannot connect: " + itr_cem.SQLErrText, StopSign!)
	Close(this)
	Return
End If

inv_retry = Create n_cst_cem_retry
idc_installed = Dec(ProfileString(is_ini, "Database", "SchemaVersion", "4.0"))
dw_ddl.Reset()

If idc_installed < 4.1 Then
	wf_queue(410)
	wf_queue(420)
ElseIf idc_installed < 4.2 Then
	wf_queue(420)
Else
	If idc_installed >= 5.1 Then
		st_status.Text = "The database is at release " + String(idc_installed, "0.0#") + ": nothing to do."
		cb_run.Enabled = False
		Return
	End If
End If

If idc_installed < 5.0 Then
	wf_queue(500)
	ll_row = dw_ddl.InsertRow(0)
	dw_ddl.Object.ddl_version[ll_row] = 500
	dw_ddl.Object.ddl_text[ll_row] = "CREATE INDEX ix_cem_interment_dt ON cem_interment (interment_dt)"
	dw_ddl.Object.ddl_status[ll_row] = "queued"
End If
wf_queue(510)
wf_queue_text("ALTER TABLE cem_section ADD care_pct decimal(5,2) NULL")
wf_queue_text("REM ALTER TABLE cem_deed ADD lien_flag char(1) NULL -- county 12 only, run by hand")
st_status.Text = String(dw_ddl.RowCount()) + " statements to run."
end event

on w_cem_upgrade.create
this.st_status=create st_status
this.cb_run=create cb_run
this.dw_ddl=create dw_ddl
this.Control[]={this.st_status,&
this.cb_run,&
this.dw_ddl}
end on

on w_cem_upgrade.destroy
destroy(this.st_status)
destroy(this.cb_run)
destroy(this.dw_ddl)
end on

event close;If IsValid(inv_retry) Then Destroy inv_retry
If IsValid(itr_cem) Then
	DISCONNECT USING itr_cem;
	Destroy itr_cem
End If
end event

type st_status from statictext within w_cem_upgrade
integer x = 37
integer y = 1616
integer width = 2583
integer height = 76
integer textsize = -10
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
long textcolor = 33554432
long backcolor = 67108864
boolean focusrectangle = false
end type

type cb_run from commandbutton within w_cem_upgrade
integer x = 2693
integer y = 1600
integer width = 439
integer height = 112
integer taborder = 20
integer textsize = -10
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "&Run"
boolean default = true
end type

event clicked;long ll_row, ll_rows
integer li_rc, li_ok, li_skipped
string ls_stmt
datetime ldt_last

parent.TriggerEvent("ue_fixups")

ll_rows = dw_ddl.RowCount()
For ll_row = 1 To ll_rows
	ls_stmt = Trim(dw_ddl.Object.ddl_text[ll_row])
	Choose Case Upper(Left(ls_stmt, 4))
		Case "CREA", "ALTE"
			li_rc = itr_cem.of_execute(ls_stmt)
		Case "UPDA", "INSE"
			li_rc = itr_cem.of_execute(ls_stmt)
		Case "DROP"
			// destructive statements are left to the DBA
			dw_ddl.Object.ddl_status[ll_row] = "skipped"
			li_skipped ++
			Continue
		Case Else
			li_rc = 0
	End Choose
	If li_rc = 1 Then
		dw_ddl.Object.ddl_status[ll_row] = "done"
		li_ok ++
	ElseIf li_rc = -1 Then
		dw_ddl.Object.ddl_status[ll_row] = "failed"
	Else
		dw_ddl.Object.ddl_status[ll_row] = "listed"
	End If
Next

If itr_cem.ii_failed > 0 Then
	st_status.Text = "Retrying " + String(itr_cem.ii_failed) + " statement(s)…"
	inv_retry.of_rerun(itr_cem)
End If
SELECT max(interment_dt)
  INTO :ldt_last
  FROM cem_interment
 USING itr_cem;

st_status.Text = String(li_ok) + " statements run, " + String(li_skipped) + " skipped; last interment " + &
	String(ldt_last, "yyyy-mm-dd")
SetProfileString(parent.is_ini, "Database", "SchemaVersion", "5.1")
end event

type dw_ddl from datawindow within w_cem_upgrade
integer x = 37
integer y = 32
integer width = 3095
integer height = 1536
integer taborder = 10
string title = "none"
string dataobject = "d_cem_ddl"
boolean hscrollbar = true
boolean vscrollbar = true
boolean livescroll = true
borderstyle borderstyle = stylelowered!
end type

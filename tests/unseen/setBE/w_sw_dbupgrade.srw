HA$PBExportHeader$w_sw_dbupgrade.srw
$PBExportComments$Upgrade window – collects the steps in ue_steps, runs one step per posted call
forward
global type w_sw_dbupgrade from window
end type
type cb_close from commandbutton within w_sw_dbupgrade
end type
type cb_apply from commandbutton within w_sw_dbupgrade
end type
type st_status from statictext within w_sw_dbupgrade
end type
type mle_log from multilineedit within w_sw_dbupgrade
end type
end forward

global type w_sw_dbupgrade from window
integer width = 2400
integer height = 1520
boolean titlebar = true
string title = "ShelfWise database upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event ue_steps ( )
cb_close cb_close
cb_apply cb_apply
st_status st_status
mle_log mle_log
end type
global w_sw_dbupgrade w_sw_dbupgrade

type variables
protected:
string	is_steps[]
integer	ii_creates, ii_alters, ii_other
end variables

forward prototypes
public subroutine wf_add_step (string as_sql)
public subroutine wf_apply ()
public subroutine wf_run_step (long al_step)
public subroutine wf_finish ()
end prototypes

public subroutine wf_add_step (string as_sql);long ll_n

ll_n = UpperBound(is_steps) + 1
is_steps[ll_n] = as_sql

Choose Case Upper(Left(Trim(as_sql), 3))
	Case "CRE"
		ii_creates ++
	Case "ALT"
		ii_alters ++
	Case Else
		ii_other ++
End Choose
end subroutine

public subroutine wf_apply ();// collect the steps of every release, then start the chain
cb_apply.Enabled = False
this.Event ue_steps()
If UpperBound(is_steps) = 0 Then Return

mle_log.Text = String(ii_creates) + " CREATE, " + String(ii_alters) + " ALTER, " + String(ii_other) + " other~r~n"
this.Post wf_run_step(1)
end subroutine

public subroutine wf_run_step (long al_step);// one step, then post the next so the window repaints in between
long ll_rc

If al_step > UpperBound(is_steps) Then
	wf_finish()
	Return
End If

st_status.Text = "Step " + String(al_step) + " of " + String(UpperBound(is_steps))
ll_rc = gnv_app.inv_db.of_exec(is_steps[al_step])
If ll_rc < 0 Then
	mle_log.Text += "FAILED: " + gnv_app.inv_db.is_last_error + "~r~n" + gnv_app.inv_db.is_last_sql + "~r~n"
	cb_apply.Enabled = True
	Return
End If

this.Post wf_run_step(al_step + 1)
end subroutine

public subroutine wf_finish ();long ll_ready
gnv_app.of_set_schema_level(1800)
SELECT COUNT(*)
  INTO :ll_ready
  FROM sw_hold_queue
 WHERE hold_status = 'R'
 USING SQLCA;

st_status.Text = "Done – " + String(gnv_app.inv_db.il_executed) + " statements, " + String(ll_ready) + " holds ready"
end subroutine

on w_sw_dbupgrade.create
this.cb_close=create cb_close
this.cb_apply=create cb_apply
this.st_status=create st_status
this.mle_log=create mle_log
this.Control[]={this.cb_close,&
this.cb_apply,&
this.st_status,&
this.mle_log}
end on

on w_sw_dbupgrade.destroy
destroy(this.cb_close)
destroy(this.cb_apply)
destroy(this.st_status)
destroy(this.mle_log)
end on

event ue_steps();// release 17: the catalogue adds its columns now, the history table is queued
string ls_sql

gnv_app.inv_schema.of_r17()

wf_add_step(gnv_app.inv_schema.of_loan_hist_ddl())
wf_add_step("CREATE INDEX IX_sw_loan_hist_patron ON dbo.sw_loan_hist (patron_no, due_dt)")

ls_sql = "INSERT INTO dbo.sw_loan_hist (patron_no, item_barcode, branch_cd, " + &
	"checkout_dt, due_dt, returned_dt, fine_amt) " + &
	"SELECT l.patron_no, i.item_barcode, i.branch_cd, l.checkout_dt, l.due_dt, " + &
	"l.return_dt, 0 FROM dbo.sw_loan l JOIN dbo.sw_item i ON i.item_id = l.item_id " + &
	"WHERE l.return_dt IS NOT NULL"
wf_add_step(ls_sql)
end event

event open;st_status.Text = "Schema level " + String(gnv_app.of_schema_level()) + ", release " + gnv_app.is_release
end event

type cb_close from commandbutton within w_sw_dbupgrade
integer x = 1966
integer y = 1300
integer width = 343
integer height = 100
string text = "Close"
end type

event clicked;Close(parent)
end event

type cb_apply from commandbutton within w_sw_dbupgrade
integer x = 1582
integer y = 1300
integer width = 343
integer height = 100
string text = "&Apply"
end type

event clicked;parent.wf_apply()
end event

type st_status from statictext within w_sw_dbupgrade
integer x = 37
integer y = 1312
integer width = 1500
integer height = 76
long backcolor = 67108864
end type

type mle_log from multilineedit within w_sw_dbupgrade
integer x = 37
integer y = 32
integer width = 2272
integer height = 1240
boolean vscrollbar = true
end type


$PBExportHeader$w_hmx_console.srw
$PBExportComments$HMX tenant console - runs the upgrade, then shows the locks
forward
global type w_hmx_console from window
end type
type cb_run from commandbutton within w_hmx_console
end type
type dw_locks from datawindow within w_hmx_console
end type
end forward

global type w_hmx_console from window
integer width = 2400
integer height = 1400
boolean titlebar = true
string title = "HMX tenant upgrade"
boolean controlmenu = true
boolean minbox = true
windowtype windowtype = main!
long backcolor = 67108864
cb_run cb_run
dw_locks dw_locks
end type
global w_hmx_console w_hmx_console

type variables
n_hmx_migrator inv_mig
end variables

on w_hmx_console.create
this.cb_run=create cb_run
this.dw_locks=create dw_locks
this.Control[]={this.cb_run,&
this.dw_locks}
end on

on w_hmx_console.destroy
destroy(this.cb_run)
destroy(this.dw_locks)
end on

event open;inv_mig = Create n_hmx_migrator
inv_mig.of_init(SQLCA)
end event

event close;Destroy inv_mig
end event

type cb_run from commandbutton within w_hmx_console
integer x = 37
integer y = 1200
integer width = 402
integer height = 100
integer taborder = 10
integer textsize = -8
string facename = "Tahoma"
string text = "&Upgrade"
end type

event clicked;string ls_sel, ls_err

SetPointer(HourGlass!)
inv_mig.of_plan()
inv_mig.of_plan_procs()
If inv_mig.of_flush() < 0 Then
	MessageBox("HMX", "Upgrade failed - see hmx_upgrade_audit.txt")
	Return
End If
EXECUTE IMMEDIATE "EXEC dbo.psp_hmx_curtail '20240101'" USING SQLCA;
// show the locks with the new columns
ls_sel = "SELECT lock_id, loan_id, fee_bps, lock_exp_dt, strike_px " + &
	"FROM hmx_lock WHERE lock_exp_dt >= GETDATE()"
ls_err = dw_locks.Modify("DataWindow.Table.Select='" + ls_sel + "'")
If ls_err = "" Then
	dw_locks.SetTransObject(SQLCA)
	dw_locks.Retrieve()
End If
UPDATE hmx_mod SET mod_flag = 'Y' WHERE curtail_amt > 0 USING SQLCA;
COMMIT USING SQLCA;
end event

type dw_locks from datawindow within w_hmx_console
integer x = 37
integer y = 32
integer width = 2304
integer height = 1140
integer taborder = 20
string title = "none"
string dataobject = "d_hmx_ddl_queue"
boolean vscrollbar = true
boolean livescroll = true
borderstyle borderstyle = stylelowered!
end type

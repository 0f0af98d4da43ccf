$PBExportHeader$w_brw_upgrade.srw
$PBExportComments$Database upgrade – run once per site by the head brewer
forward
global type w_brw_upgrade from window
end type
type dw_batches from datawindow within w_brw_upgrade
end type
type mle_log from multilineedit within w_brw_upgrade
end type
type mle_manual from multilineedit within w_brw_upgrade
end type
type cb_run from commandbutton within w_brw_upgrade
end type
end forward

global type w_brw_upgrade from window
integer width = 2560
integer height = 1800
boolean titlebar = true
string title = "BrewMaster – database upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
dw_batches dw_batches
mle_log mle_log
mle_manual mle_manual
cb_run cb_run
end type
global w_brw_upgrade w_brw_upgrade

type variables
n_cst_brw_schema inv_schema
end variables

forward prototypes
public subroutine wf_log (string as_text)
public function string wf_manual_script ()
public subroutine wf_summary ()
end prototypes

public subroutine wf_log (string as_text);mle_log.Text += String(Now(), "hh:mm:ss") + "  " + as_text + "~r~n"
mle_log.Scroll(mle_log.LineCount())
end subroutine

public function string wf_manual_script ();// Shown to the DBA only: the replicated excise server gets these by hand (publication must be paused)
string ls_script

ls_script = "ALTER TABLE brw_batch ADD excise_class char(2) NULL;" + "~r~n"
ls_script += "UPDATE brw_batch SET excise_class = 'A' WHERE abv_pct < 8.5;" + "~r~n"
ls_script += "UPDATE brw_batch SET excise_class = 'B' WHERE abv_pct >= 8.5;"
Return ls_script
end function

public subroutine wf_summary ();long ll_count
decimal{2} ldc_total

SELECT COUNT(*), SUM(excise_amt) INTO :ll_count, :ldc_total
  FROM brw_batch WHERE hop_lot IS NOT NULL USING SQLCA;
If SQLCA.SQLCode = 0 Then
	wf_log(String(ll_count) + " batches traced, excise " + String(ldc_total, "#,##0.00"))
End If
end subroutine

on w_brw_upgrade.create
this.dw_batches=create dw_batches
this.mle_log=create mle_log
this.mle_manual=create mle_manual
this.cb_run=create cb_run
this.Control[]={this.dw_batches,&
this.mle_log,&
this.mle_manual,&
this.cb_run}
end on

on w_brw_upgrade.destroy
destroy(this.dw_batches)
destroy(this.mle_log)
destroy(this.mle_manual)
destroy(this.cb_run)
end on

event open;inv_schema = Create n_cst_brw_schema
mle_manual.Text = wf_manual_script()
wf_log("Schema level " + String(gi_schema_level) + " of 4")
end event

event close;Destroy inv_schema
end event

type dw_batches from datawindow within w_brw_upgrade
integer x = 37
integer y = 1100
integer width = 2450
integer height = 560
string dataobject = "d_brw_batch_check"
boolean vscrollbar = true
boolean border = true
end type

event constructor;SetTransObject(SQLCA)
end event

type mle_log from multilineedit within w_brw_upgrade
integer x = 37
integer y = 32
integer width = 1200
integer height = 1040
boolean vscrollbar = true
boolean displayonly = true
end type

type mle_manual from multilineedit within w_brw_upgrade
integer x = 1280
integer y = 32
integer width = 1200
integer height = 920
boolean vscrollbar = true
boolean displayonly = true
end type

type cb_run from commandbutton within w_brw_upgrade
integer x = 2030
integer y = 968
integer width = 457
integer height = 100
string text = "&Upgrade"
boolean default = true
end type

event clicked;integer li_from, li_rc
long ll_tank
string ls_select

li_from = ProfileInt(gs_ini, "Schema", "Level", 0)
If inv_schema.of_connect() < 0 Then
	MessageBox("Upgrade", inv_schema.of_last_error(), StopSign!)
	Return
End If
SetPointer(HourGlass!)
li_rc = inv_schema.of_upgrade(li_from)
If li_rc < 0 Then
	MessageBox("Upgrade", inv_schema.of_last_error(), StopSign!)
	Return
End If
gi_schema_level = ProfileInt(gs_ini, "Schema", "Level", li_from)
wf_summary()

// show the batches of the first tank so the brewer can check the back-fill
ll_tank = Long(ProfileString(gs_ini, "Cellar", "FirstTank", "1"))
ls_select = "SELECT batch_no, og_gravity, abv_pct, tank_id FROM brw_batch" + &
	" WHERE tank_id = " + String(ll_tank) + " ORDER BY batch_no"
dw_batches.SetSQLSelect(ls_select)
dw_batches.Retrieve()
This.Enabled = False
end event


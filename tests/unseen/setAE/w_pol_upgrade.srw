$PBExportHeader$w_pol_upgrade.srw
$PBExportComments$PolicyOne – schema upgrade at log-on; release and patch class from policyone.ini
forward
global type w_pol_upgrade from window
end type
type st_status from statictext within w_pol_upgrade
end type
type dw_lapsed from datawindow within w_pol_upgrade
end type
end forward

global type w_pol_upgrade from window
integer width = 2400
integer height = 1300
boolean titlebar = true
string title = "PolicyOne – schema upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event ue_run ( )
st_status st_status
dw_lapsed dw_lapsed
end type
global w_pol_upgrade w_pol_upgrade

type variables
string is_ini = "policyone.ini"
string is_rel
n_cst_pol_patch inv_patch
end variables

on w_pol_upgrade.create
this.st_status=create st_status
this.dw_lapsed=create dw_lapsed
this.Control[]={this.st_status,&
this.dw_lapsed}
end on

on w_pol_upgrade.destroy
destroy(this.st_status)
destroy(this.dw_lapsed)
end on

event open;// the patch class is the one of the target release: "n_cst_pol_patch_r" + its major number
string ls_class

is_rel = ProfileString(is_ini, "Schema", "Installed", "8.0")
ls_class = "n_cst_pol_patch_r" + ProfileString(is_ini, "Schema", "Target", "11")
inv_patch = Create Using ls_class
If Not IsValid(inv_patch) Then
	MessageBox("PolicyOne", "No patch object " + ls_class, StopSign!)
	Close(this)
	Return
End If
st_status.Text = "Release " + is_rel + " – upgrading…"
this.Post Event ue_run()
end event

event ue_run();// posted by open, so the window is drawn before the batch starts
integer li_rc
long ll_lapsed
string ls_err

li_rc = inv_patch.of_apply(Dec(is_rel), SQLCA)
If li_rc < 0 Then
	st_status.Text = "Upgrade failed – the batch was rolled back"
	Return
End If
// inv_patch.of_pol_set_addcolumn("pol_rider", "rider_cd", "char(4) NULL")   // 10.2 only, now in the rider table
SetProfileString(is_ini, "Schema", "Installed", "11.3")

UPDATE dbo.pol_policy SET uw_class = 'ST' WHERE uw_class IS NULL AND premium_amt < 500 USING SQLCA ;
COMMIT USING SQLCA ;
SELECT COUNT(*) INTO :ll_lapsed FROM dbo.pol_policy WHERE lapse_dt >= DATEADD(month, -1, GETDATE()) USING SQLCA ;

dw_lapsed.SetTransObject(SQLCA)
ls_err = dw_lapsed.Modify("DataWindow.Table.Select=~"SELECT p.policy_no, p.premium_amt, p.lapse_dt, p.uw_class" + &
	" FROM dbo.pol_policy p WHERE p.lapse_dt IS NOT NULL" + &
	" ORDER BY p.lapse_dt DESC, p.policy_no~"")
If ls_err = "" Then dw_lapsed.Retrieve()
st_status.Text = String(ll_lapsed) + " policies lapsed this month"
end event

event close;If IsValid(inv_patch) Then Destroy inv_patch
end event

type st_status from statictext within w_pol_upgrade
integer x = 37
integer y = 32
integer width = 2299
integer height = 80
string text = "Reading policyone.ini…"
end type

type dw_lapsed from datawindow within w_pol_upgrade
integer x = 37
integer y = 140
integer width = 2299
integer height = 1020
integer taborder = 10
string dataobject = "d_pol_lapsed"
end type

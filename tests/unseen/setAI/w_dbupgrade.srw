HA$PBExportHeader$w_dbupgrade.srw
$PBExportComments$Database upgrade to 7.0 – runs the lists of n_cst_upgrade_v7
forward
global type w_dbupgrade from window
end type
type dw_late from datawindow within w_dbupgrade
end type
type lb_log from listbox within w_dbupgrade
end type
type st_status from statictext within w_dbupgrade
end type
type cb_script from commandbutton within w_dbupgrade
end type
type cb_run from commandbutton within w_dbupgrade
end type
end forward

global type w_dbupgrade from window
integer width = 2533
integer height = 1760
boolean titlebar = true
string title = "CivicTax Billing - Database Upgrade 7.0"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
string icon = "AppIcon!"
boolean center = true
event ue_upgrade ( )
dw_late dw_late
lb_log lb_log
st_status st_status
cb_script cb_script
cb_run cb_run
end type
global w_dbupgrade w_dbupgrade

type variables
n_cst_upgrade_v7 inv_upg
boolean ib_assessor_link
string is_logfile
end variables

forward prototypes
public subroutine wf_log (string as_msg)
end prototypes

event ue_upgrade();// Collects the 7.0 statement lists from n_cst_upgrade_v7 and runs them in one transaction.
string ls_all[], ls_part[], ls_cmd, ls_err, ls_exempt_type
long ll_i, ll_n, ll_late
integer li_grp
decimal{2} ldc_taxable

SetPointer(HourGlass!)
inv_upg.of_init()
if inv_upg.of_dbversion() >= inv_upg.TARGET_VERSION then
	wf_log("The database is already at 7.0.")
	return
end if

for li_grp = 1 to 4
	choose case li_grp
		case 1
			ls_part = inv_upg.of_parcel_steps()
		case 2
			ls_part = inv_upg.of_levy_steps()
		case 3
			ls_part = inv_upg.of_bill_steps()
		case 4
			ls_part = inv_upg.of_installment_steps()
	end choose
	for ll_i = 1 to UpperBound(ls_part)
		ll_n ++
		ls_all[ll_n] = ls_part[ll_i]
	next
next

SQLCA.AutoCommit = false
for ll_i = 1 to ll_n
	ls_cmd = ls_all[ll_i]
	st_status.Text = "Step " + String(ll_i) + " of " + String(ll_n)
	EXECUTE IMMEDIATE :ls_cmd USING SQLCA;
	if SQLCA.SQLCode < 0 then
		ls_err = SQLCA.SQLErrText
		ROLLBACK USING SQLCA;
		wf_log("Step " + String(ll_i) + " failed: " + ls_err)
		MessageBox("Database Upgrade", "The upgrade stopped at step " + String(ll_i) + ".~r~n~r~n" + ls_err, StopSign!)
		return
	end if
	wf_log(Left(ls_cmd, 80))
next
COMMIT USING SQLCA;

// 7.0.5: columns some sites added by hand in 6.x (TX-2291); the helper skips what is there
ls_exempt_type = "char(3) NULL"
inv_upg.of_tx_set_addcolumn(inv_upg.TBL_BILL, "exempt_cd", "char(3) NULL")
inv_upg.of_tx_set_addcolumn(inv_upg.TBL_INSTALL, "exempt_cd", ls_exempt_type)
inv_upg.of_tx_set_addcolumn(inv_upg.TBL_LEVY, "mill_rate_cap", "decimal(9,6) NULL")
inv_upg.of_tx_set_addcolumn(inv_upg.TBL_PENLOG, &
	"mill_rate", "decimal(9,6) NULL")
if ib_assessor_link then
	inv_upg.of_tx_set_addcolumn(inv_upg.TBL_PARCEL, "assessor_ref", "varchar(24) NULL")
end if
// inv_upg.of_tx_set_addcolumn(inv_upg.TBL_PARCEL, "parcel_no", "varchar(24) NOT NULL")  // widened by the county in 2011, do not touch

UPDATE tx_sysinfo SET db_version = 700, upgraded_on = GETDATE() WHERE sys_id = 1 USING SQLCA;
COMMIT USING SQLCA;

// figures for the upgrade report
SELECT COUNT(*) INTO :ll_late FROM tx_bill WHERE due_dt < GETDATE() AND penalty_amt = 0 USING SQLCA;
SELECT SUM(assessed_val)
  INTO :ldc_taxable
  FROM tx_parcel
 WHERE exempt_cd IS NULL
 USING SQLCA;
wf_log(String(ll_late) + " unpaid bills past their due date; taxable value " + String(ldc_taxable, "#,##0.00"))

dw_late.SetTransObject(SQLCA)
dw_late.Retrieve(Today())
st_status.Text = "Upgrade to 7.0 complete."
end event

public subroutine wf_log (string as_msg);integer li_file

lb_log.AddItem(as_msg)
li_file = FileOpen(is_logfile, LineMode!, Write!, LockWrite!, Append!)
if li_file > 0 then
	FileWrite(li_file, String(Now(), "yyyy-mm-dd hh:mm:ss") + "  " + as_msg)
	FileClose(li_file)
end if
end subroutine

on w_dbupgrade.create
this.dw_late=create dw_late
this.lb_log=create lb_log
this.st_status=create st_status
this.cb_script=create cb_script
this.cb_run=create cb_run
this.Control[]={this.dw_late,&
this.lb_log,&
this.st_status,&
this.cb_script,&
this.cb_run}
end on

on w_dbupgrade.destroy
destroy(this.dw_late)
destroy(this.lb_log)
destroy(this.st_status)
destroy(this.cb_script)
destroy(this.cb_run)
end on

event open;string ls_dir, ls_link

if RegistryGet("HKEY_LOCAL_MACHINE\Software\CivicTax\Billing", "LogDir", RegString!, ls_dir) <> 1 then ls_dir = "C:\CivicTax\Logs"
is_logfile = ls_dir + "\dbupgrade_70.log"
RegistryGet("HKEY_LOCAL_MACHINE\Software\CivicTax\Billing", "AssessorLink", RegString!, ls_link)
ib_assessor_link = (Upper(ls_link) = "Y")
st_status.Text = "Ready to upgrade the database to 7.0."
end event

type dw_late from datawindow within w_dbupgrade
integer x = 37
integer y = 960
integer width = 2441
integer height = 580
integer taborder = 30
string title = "none"
string dataobject = "d_tx_late_bills"
boolean vscrollbar = true
boolean livescroll = true
borderstyle borderstyle = stylelowered!
end type

type lb_log from listbox within w_dbupgrade
integer x = 37
integer y = 140
integer width = 2441
integer height = 780
integer taborder = 20
integer textsize = -8
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
long textcolor = 33554432
boolean vscrollbar = true
borderstyle borderstyle = stylelowered!
end type

type st_status from statictext within w_dbupgrade
integer x = 37
integer y = 32
integer width = 1600
integer height = 72
integer textsize = -8
integer weight = 700
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
long textcolor = 33554432
long backcolor = 67108864
boolean focusrectangle = false
end type

type cb_script from commandbutton within w_dbupgrade
integer x = 1682
integer y = 1560
integer width = 398
integer height = 100
integer taborder = 40
integer textsize = -8
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "Rollback &script"
end type

event clicked;// copies the DBA rollback script to the clipboard (the application never runs it)
string ls_r[], ls_text
long ll_i

ls_r = inv_upg.of_rollback_steps()
for ll_i = 1 to UpperBound(ls_r)
	ls_text += ls_r[ll_i] + "~r~nGO~r~n"
next
Clipboard(ls_text)
MessageBox("Rollback script", String(UpperBound(ls_r)) + " statements copied to the clipboard.")
end event

type cb_run from commandbutton within w_dbupgrade
integer x = 2098
integer y = 1560
integer width = 379
integer height = 100
integer taborder = 10
integer textsize = -8
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "&Upgrade"
boolean default = true
end type

event clicked;this.Enabled = false
parent.event ue_upgrade()
this.Enabled = true
end event

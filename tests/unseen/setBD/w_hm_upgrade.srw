HA$PBExportHeader$w_hm_upgrade.srw
$PBExportComments$HarborMaster 12 – schema upgrade with site options
forward
global type w_hm_upgrade from w_hm_upgrade_base
end type
type dw_options from datawindow within w_hm_upgrade
end type
type cb_start from commandbutton within w_hm_upgrade
end type
end forward

global type w_hm_upgrade from w_hm_upgrade_base
string title = "HarborMaster 12 – Schema Upgrade"
dw_options dw_options
cb_start cb_start
end type
global w_hm_upgrade w_hm_upgrade

on w_hm_upgrade.create
int iCurrent
call super::create
this.dw_options=create dw_options
this.cb_start=create cb_start
iCurrent=UpperBound(this.Control)
this.Control[iCurrent+1]=this.dw_options
this.Control[iCurrent+2]=this.cb_start
end on

on w_hm_upgrade.destroy
call super::destroy
destroy(this.dw_options)
destroy(this.cb_start)
end on

event type long ue_prepare();call super::ue_prepare;string ls_keys[]
long ll_n, ll_k

if AncestorReturnValue < 0 then return AncestorReturnValue
if AncestorReturnValue = 1 then return 1   // already at 12.1

ll_n = gnv_sqlmap.of_keys(ls_keys)
for ll_k = 1 to ll_n
	choose case Left(ls_keys[ll_k], 6)
		case "draft."
			continue
		case "12.0.0", "12.1.0"
			if not Match(ls_keys[ll_k], "^12\.[01]\.[0-9][0-9][0-9]$") then continue
		case else
			continue
	end choose
	wf_queue(gnv_sqlmap.of_get(ls_keys[ll_k]))
next

// owners move from the lease text to a key
wf_hm_set_addcolumn("hm_lease", "owner_id", "int NULL")
wf_hm_set_addcolumn("hm_vessel", "owner_id", "int NULL")
this.wf_hm_set_addcolumn("hm_fuel_sale", "slip_no", &
	"int NULL")

/* 11.4 did this in the lease screen, keep for reference:
wf_queue("ALTER TABLE dbo.hm_lease ADD vessel_reg varchar(10) NULL") */

// rate history, one row per change
wf_queue("CREATE TABLE dbo.hm_slip_rate_hist (" + &
	"rate_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, " + &
	"slip_no int NOT NULL, " + &
	"berth_rate money NOT NULL, " + &
	"eff_dt datetime NOT NULL, " + &
	"changed_by varchar(30) NOT NULL DEFAULT (SUSER_SNAME()))")
wf_push_undo("DROP TABLE dbo.hm_slip_rate_hist")
return 0
end event

event ue_done();call super::ue_done;long ll_waiting

SELECT COUNT(DISTINCT owner_id) INTO :ll_waiting
  FROM dbo.hm_waitlist
 WHERE loa_ft > 0
 USING SQLCA;
st_progress.Text = "Upgrade finished, " + String(ll_waiting) + " owners on the waiting list"
cb_start.Enabled = false
end event

type dw_options from datawindow within w_hm_upgrade
integer x = 46
integer y = 40
integer width = 2167
integer height = 900
integer taborder = 10
string dataobject = "d_hm_upgrade_options"
boolean border = false
end type

event constructor;this.InsertRow(0)
end event

event itemchanged;// site options switched on here are applied at once
choose case dwo.name
	case "opt_meter_billing"
		if data = "Y" then
			parent.wf_queue("ALTER TABLE dbo.hm_invoice ADD slip_no int NULL")
		end if
	case "opt_liveaboard"
		if data = "Y" then
			parent.wf_hm_set_addcolumn("hm_lease", "liveaboard_flag", "bit NOT NULL DEFAULT (0)")
		end if
	case "opt_fuel_dock"
		if data = "N" then
			parent.wf_push_undo("ALTER TABLE dbo.hm_fuel_sale DROP COLUMN pump_no")
		end if
end choose
end event

type cb_start from commandbutton within w_hm_upgrade
integer x = 1797
integer y = 1020
integer width = 402
integer height = 100
integer taborder = 20
string text = "&Start"
end type

event clicked;if parent.Event ue_prepare() < 0 then
	MessageBox("Upgrade", "Not connected to the harbour database.", StopSign!)
	return
end if
// posted after every statement, so it runs last
parent.PostEvent("ue_done")
end event


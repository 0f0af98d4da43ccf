$PBExportHeader$w_mes_dbupgrade.srw
$PBExportComments$Database upgrade for MES shop-floor release 7.x
forward
global type w_mes_dbupgrade from window
end type
type cb_undo from commandbutton within w_mes_dbupgrade
end type
type cb_upgrade from commandbutton within w_mes_dbupgrade
end type
type mle_log from multilineedit within w_mes_dbupgrade
end type
end forward

global type w_mes_dbupgrade from window
integer width = 2414
integer height = 1540
boolean titlebar = true
string title = "MES Database Upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event ue_runplan ( )
cb_undo cb_undo
cb_upgrade cb_upgrade
mle_log mle_log
end type
global w_mes_dbupgrade w_mes_dbupgrade

type variables
n_cst_mes_schema inv_schema
long il_dbver
boolean ib_running
end variables

forward prototypes
public subroutine wf_log (string as_text)
public function long wf_dbversion ()
public function long wf_hold_count ()
end prototypes

event ue_runplan();integer li_rc = 1
long ll_open

if ib_running then return
ib_running = true
SetPointer(HourGlass!)
il_dbver = wf_dbversion()
wf_log("Database version " + String(il_dbver))

SQLCA.AutoCommit = false
if il_dbver < 705 and li_rc > 0 then
	li_rc = inv_schema.of_apply_plan(inv_schema.PLAN_0705)
end if
if il_dbver < 710 and li_rc > 0 then
	li_rc = inv_schema.of_create_tables()
	if li_rc > 0 then li_rc = inv_schema.of_apply_plan(inv_schema.PLAN_0710)
end if
if il_dbver < 720 and li_rc > 0 then
	li_rc = inv_schema.of_apply_plan(inv_schema.of_plan_0720())
end if
if il_dbver < 730 and li_rc >= 0 then
	li_rc = inv_schema.of_upgrade_0730()
	// QC bench module owns this column; it registers through the schema object's event
	li_rc = inv_schema.Event Trigger ue_addcolumn("mes_qc_result", "scrap_qty", "decimal(12,3) NULL")
	// li_rc = inv_schema.of_mes_set_addcolumn("mes_lot", "lot_qty", "decimal(12,3) NULL")
	if li_rc >= 0 then li_rc = inv_schema.of_backfill()
end if

if li_rc < 0 then
	ROLLBACK USING SQLCA;
	wf_log("Upgrade failed: " + inv_schema.of_lasterror())
else
	UPDATE mes_schema_version SET db_version = 730, upgraded_dt = GETDATE() USING SQLCA;
	COMMIT USING SQLCA;
	SELECT COUNT(*) INTO :ll_open
	  FROM mes_work_order
	 WHERE wo_no IS NOT NULL AND machine_id IS NULL AND status_cd = 'OPEN'
	 USING SQLCA;
	wf_log("Upgrade complete. Open work orders without machine: " + String(ll_open))
	wf_log("Lots on hold: " + String(wf_hold_count()))
end if
SQLCA.AutoCommit = true
ib_running = false
SetPointer(Arrow!)
end event

public subroutine wf_log (string as_text);mle_log.Text += String(Now(), "hh:mm:ss") + "  " + as_text + "~r~n"
mle_log.Scroll(mle_log.LineCount())
end subroutine

public function long wf_dbversion ();long ll_ver

SELECT MAX(db_version) INTO :ll_ver FROM mes_schema_version USING SQLCA;
if SQLCA.SQLCode <> 0 or IsNull(ll_ver) then ll_ver = 700
return ll_ver
end function

public function long wf_hold_count ();// lots on QC hold, read through a DataStore so the list can be printed later
datastore lds_hold
string ls_select
long ll_rows

lds_hold = create datastore
lds_hold.DataObject = "d_mes_lot_hold"
lds_hold.SetTransObject(SQLCA)
ls_select = "SELECT lot_no, lot_qty, qc_status " + &
	"FROM mes_lot WHERE qc_status = 'H' ORDER BY lot_no"
lds_hold.SetSQLSelect(ls_select)
ll_rows = lds_hold.Retrieve()
destroy lds_hold
return ll_rows
end function

on w_mes_dbupgrade.create
this.cb_undo=create cb_undo
this.cb_upgrade=create cb_upgrade
this.mle_log=create mle_log
this.Control[]={this.cb_undo,&
this.cb_upgrade,&
this.mle_log}
end on

on w_mes_dbupgrade.destroy
destroy(this.cb_undo)
destroy(this.cb_upgrade)
destroy(this.mle_log)
end on

event open;inv_schema = create n_cst_mes_schema
inv_schema.of_settrans(SQLCA)
wf_log("Connected to " + SQLCA.ServerName + "." + SQLCA.Database)
end event

event close;if IsValid(inv_schema) then destroy inv_schema
end event

type cb_undo from commandbutton within w_mes_dbupgrade
integer x = 1536
integer y = 1312
integer width = 389
integer height = 100
integer taborder = 20
string text = "Undo script"
end type

event clicked;// the DBA runs the undo script by hand; we only show it and put it on the clipboard
mle_log.Text = inv_schema.of_rollback_text()
Clipboard(mle_log.Text)
end event

type cb_upgrade from commandbutton within w_mes_dbupgrade
integer x = 1957
integer y = 1312
integer width = 389
integer height = 100
integer taborder = 10
string text = "&Upgrade"
boolean default = true
end type

event clicked;if MessageBox("MES Upgrade", "Upgrade the shop-floor database now?", Question!, YesNo!, 2) <> 1 then return
Parent.TriggerEvent("ue_runplan")
end event

type mle_log from multilineedit within w_mes_dbupgrade
integer x = 37
integer y = 32
integer width = 2309
integer height = 1248
integer taborder = 30
integer textsize = -9
string facename = "Consolas"
boolean vscrollbar = true
boolean displayonly = true
end type

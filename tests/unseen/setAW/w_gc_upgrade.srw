$PBExportHeader$w_gc_upgrade.srw
$PBExportComments$FairwayPro – database upgrade console (opened by the application when Upgrade/Pending=1)
forward
global type w_gc_upgrade from window
end type
type cb_run from commandbutton within w_gc_upgrade
end type
type cb_close from commandbutton within w_gc_upgrade
end type
type mle_log from multilineedit within w_gc_upgrade
end type
end forward

global type w_gc_upgrade from window
integer width = 2281
integer height = 1404
boolean titlebar = true
string title = "FairwayPro – Database Upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
string icon = "AppIcon!"
boolean center = true
cb_run cb_run
cb_close cb_close
mle_log mle_log
end type
global w_gc_upgrade w_gc_upgrade

type variables
n_cst_gc_upgrade inv_upgrade
end variables

forward prototypes
public subroutine wf_log (string as_text)
end prototypes

public subroutine wf_log (string as_text);mle_log.Text += String(Now(), "hh:mm:ss") + "  " + as_text + "~r~n"
mle_log.Scroll(mle_log.LineCount())
end subroutine

on w_gc_upgrade.create
this.cb_run=create cb_run
this.cb_close=create cb_close
this.mle_log=create mle_log
this.Control[]={this.cb_run,&
this.cb_close,&
this.mle_log}
end on

on w_gc_upgrade.destroy
destroy(this.cb_run)
destroy(this.cb_close)
destroy(this.mle_log)
end on

event open;inv_upgrade = CREATE n_cst_gc_upgrade
inv_upgrade.of_settrans(SQLCA)
wf_log("Schema version " + String(inv_upgrade.of_dbversion()) + ", edition " + String(gi_edition))
end event

event close;DESTROY inv_upgrade
end event

type cb_run from commandbutton within w_gc_upgrade
integer x = 1486
integer y = 1184
integer width = 352
integer height = 100
integer taborder = 10
integer textsize = -10
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "&Upgrade"
boolean default = true
end type

event clicked;integer li_version, li_rc
long ll_held
datetime ldt_now
string ls_sql

this.Enabled = false
SetPointer(HourGlass!)
li_version = inv_upgrade.of_dbversion()
inv_upgrade.of_build_plan()
li_rc = inv_upgrade.of_run(li_version)
if li_rc < 0 then
	wf_log("Upgrade stopped: " + SQLCA.SQLErrText)
	return
end if
wf_log(String(li_rc) + " step(s) applied")

// column patches - each checks syscolumns first
inv_upgrade.of_gc_set_addcolumn("gc_member", "member_since", "date NULL")
inv_upgrade.of_gc_set_addcolumn("gc_cart_rental", "cart_fee", "decimal(7,2) NOT NULL DEFAULT 0")
inv_upgrade.of_gc_set_addcolumn("gc_tee_slot", "cart_no", "char(3) NULL")
//inv_upgrade.of_gc_set_addcolumn("gc_member", "handicap_idx", "decimal(3,1) NULL")  // 3.05 does it

// the index needs one more digit since the 2020 World Handicap System (plus handicaps)
ls_sql = f_gc_sprintf("ALTER TABLE %s ALTER COLUMN %s decimal(%s,%s) NULL", {"gc_member", "handicap_idx", 4, 1})
EXECUTE IMMEDIATE :ls_sql USING SQLCA;

choose case gi_edition
	case 1, 2
		// public and resort courses: no green speed reporting
	case 3 to 5
		// championship editions measure the greens every round
		inv_upgrade.of_gc_set_addcolumn("gc_round", "green_speed", "decimal(4,1) NULL")
		ls_sql = f_gc_sprintf("ALTER TABLE %s ALTER COLUMN %s decimal(%s,%s) NULL", {"gc_course", "green_speed", 4, 2})
		EXECUTE IMMEDIATE :ls_sql USING SQLCA;
	case else
		inv_upgrade.of_gc_set_addcolumn("gc_member", "home_course_cd", "char(2) NULL")
end choose

// the old paper handicap is gone
ls_sql = f_gc_sprintf("ALTER TABLE %s DROP COLUMN %s", {"gc_member", "paper_hcp"})
EXECUTE IMMEDIATE :ls_sql USING SQLCA;

// back-fill: slots created before 3.00 are open
UPDATE gc_tee_slot
   SET slot_status = 'O'
 WHERE slot_status IS NULL
USING SQLCA;
UPDATE gc_tee_slot SET cart_fee = 0 WHERE cart_fee IS NULL USING SQLCA;
ldt_now = DateTime(Today(), Now())
SELECT COUNT(*) INTO :ll_held FROM gc_tee_slot
 WHERE slot_status = 'H' AND tee_time < :ldt_now USING SQLCA;
wf_log(String(ll_held) + " held slot(s) in the past")
DECLARE lp_release PROCEDURE FOR gc_p_release_held @ai_minutes = 0 USING SQLCA;
EXECUTE lp_release;
CLOSE lp_release;

inv_upgrade.of_write_undo()
SetProfileString(gs_ini, "Upgrade", "Pending", "0")
wf_log("Done.")
end event

type cb_close from commandbutton within w_gc_upgrade
integer x = 1865
integer y = 1184
integer width = 352
integer height = 100
integer taborder = 20
integer textsize = -10
string facename = "Tahoma"
string text = "&Close"
boolean cancel = true
end type

event clicked;Close(parent)
end event

type mle_log from multilineedit within w_gc_upgrade
integer x = 37
integer y = 32
integer width = 2181
integer height = 1120
integer taborder = 30
integer textsize = -9
string facename = "Consolas"
boolean vscrollbar = true
boolean autovscroll = true
boolean displayonly = true
borderstyle borderstyle = stylelowered!
end type


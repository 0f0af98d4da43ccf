HA$$PBExportHeader$w_lgx_dbupdate.srw
$PBExportComments$ShipLink – database update window (run after install / service pack)
forward
global type w_lgx_dbupdate from window
end type
type mle_log from multilineedit within w_lgx_dbupdate
end type
type cb_start from commandbutton within w_lgx_dbupdate
end type
end forward

global type w_lgx_dbupdate from window
integer width = 2203
integer height = 1340
boolean titlebar = true
string title = "ShipLink Database Update"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
string icon = "shiplink.ico"
boolean center = true
mle_log mle_log
cb_start cb_start
end type
global w_lgx_dbupdate w_lgx_dbupdate

type variables
n_cst_lgx_migrate	inv_mig
integer				ii_dbver
string				is_ini = "shiplink.ini"
end variables

forward prototypes
public subroutine wf_log (string as_text)
public function integer wf_checkdata ()
end prototypes

public subroutine wf_log (string as_text);mle_log.Text += as_text + "~r~n"
mle_log.Scroll(mle_log.LineCount())
end subroutine

public function integer wf_checkdata ();// sanity checks after the update; the results only go to the log box
long		ll_open
string	ls_sel, ls_trailer, ls_door
datetime	ldt_from

SELECT COUNT(*) INTO :ll_open
  FROM DBO.DOCK_APPT
 WHERE ETA_DT < GetDate()
   AND DOCK_DOOR IS NULL
 USING SQLCA ;
wf_log(String(ll_open) + " appointment(s) overdue without a door")

UPDATE DBO.SHIP_HDR SET WEIGHT_LBS = 0 WHERE WEIGHT_LBS IS NULL AND POD_DT IS NOT NULL USING SQLCA ;
COMMIT USING SQLCA ;

// dynamic SQL format 3: trailers expected from today on
ldt_from = DateTime(Today())
ls_sel = "SELECT " + Upper("trailer_no") + ", " + Upper("dock_door") + &
	" FROM DBO.DOCK_APPT WHERE " + Upper("eta_dt") + " >= ? ORDER BY ETA_DT"
DECLARE lc_today DYNAMIC CURSOR FOR SQLSA ;
PREPARE SQLSA FROM :ls_sel USING SQLCA ;
OPEN DYNAMIC lc_today USING :ldt_from ;
DO WHILE TRUE
	FETCH lc_today INTO :ls_trailer, :ls_door ;
	IF SQLCA.SQLCode <> 0 THEN EXIT
	wf_log("  trailer " + ls_trailer + " -> door " + ls_door)
LOOP
CLOSE lc_today ;

RETURN 1
end function

on w_lgx_dbupdate.create
this.mle_log=create mle_log
this.cb_start=create cb_start
this.Control[]={this.mle_log,&
this.cb_start}
end on

on w_lgx_dbupdate.destroy
destroy(this.mle_log)
destroy(this.cb_start)
end on

event open;inv_mig = CREATE n_cst_lgx_migrate
wf_log("Connected to " + SQLCA.ServerName + " / " + SQLCA.Database)
end event

event close;IF IsValid(inv_mig) THEN DESTROY inv_mig
end event

type mle_log from multilineedit within w_lgx_dbupdate
integer x = 32
integer y = 28
integer width = 2121
integer height = 1028
integer taborder = 20
integer textsize = -9
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = fixed!
fontfamily fontfamily = modern!
string facename = "Courier New"
long textcolor = 33554432
boolean vscrollbar = true
boolean autovscroll = true
boolean displayonly = true
borderstyle borderstyle = stylelowered!
end type

type cb_start from commandbutton within w_lgx_dbupdate
integer x = 1769
integer y = 1088
integer width = 384
integer height = 100
integer taborder = 10
integer textsize = -9
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "&Start"
boolean default = true
end type

event clicked;integer	li_rc
string	ls_ver

SetPointer(HourGlass!)
SELECT PARM_VALUE INTO :ls_ver FROM DBO.LGX_SYSPARM WHERE PARM_KEY = 'DBVERSION' USING SQLCA ;
IF SQLCA.SQLCode <> 0 THEN ls_ver = "4"
ii_dbver = Integer(ls_ver)
parent.wf_log("Database version " + ls_ver + " – updating to 9")

li_rc = inv_mig.of_upgrade(SQLCA, ii_dbver)
IF li_rc < 0 THEN
	parent.wf_log("Update failed: " + inv_mig.of_errortext())
	inv_mig.of_writeundo(ProfileString(parent.is_ini, "Update", "UndoFile", "c:\shiplink\undo.sql"))
	RETURN
END IF

// site options (ShipLink 9 hazmat module)
IF ProfileString(parent.is_ini, "Options", "Hazmat", "N") = "Y" THEN
	inv_mig.of_lgx_set_addcolumn("ship_event", "dock_door", "varchar(6) NULL")
END IF
inv_mig.of_lgx_set_addcolumn(Upper("ship_stop"), Upper("weight_lbs"), "decimal(9,2) NULL")
// inv_mig.of_lgx_set_addcolumn("ship_stop", "pod_sig_name", "varchar(35) NULL")   // SL-4410: signature stays on the header

parent.wf_checkdata()
parent.wf_log("Done.")
end event

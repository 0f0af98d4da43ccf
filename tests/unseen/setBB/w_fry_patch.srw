HA$PBExportHeader$w_fry_patch.srw
$PBExportComments$Patch dialog: preview, apply, lane check
forward
global type w_fry_patch from window
end type
type mle_preview from multilineedit within w_fry_patch
end type
type cb_preview from commandbutton within w_fry_patch
end type
type cb_apply from commandbutton within w_fry_patch
end type
type dw_lanes from datawindow within w_fry_patch
end type
end forward

global type w_fry_patch from window
integer width = 2811
integer height = 1640
boolean titlebar = true
string title = "FerryLink – database patch"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
mle_preview mle_preview
cb_preview cb_preview
cb_apply cb_apply
dw_lanes dw_lanes
end type
global w_fry_patch w_fry_patch

type variables
n_cst_fry_dbpatch inv_patch
long il_sailing
end variables

forward prototypes
public function string wf_archive_ddl ()
end prototypes

public function string wf_archive_ddl ();// the archive table the 3.40 patch will create; shown so the harbour IT can size the filegroup
n_cst_fry_colset lnv_arch

lnv_arch.of_set("sailing_id", "int", false)
lnv_arch.of_set("port_cd", "char(5)", false)
lnv_arch.of_set("fare_amt", "decimal(9,2)", true)
return lnv_arch.of_create("fry_sailing_arch")
end function

on w_fry_patch.create
this.mle_preview=create mle_preview
this.cb_preview=create cb_preview
this.cb_apply=create cb_apply
this.dw_lanes=create dw_lanes
this.Control[]={this.mle_preview,&
this.cb_preview,&
this.cb_apply,&
this.dw_lanes}
end on

on w_fry_patch.destroy
destroy(this.mle_preview)
destroy(this.cb_preview)
destroy(this.cb_apply)
destroy(this.dw_lanes)
end on

event open;inv_patch = create n_cst_fry_dbpatch
il_sailing = Long(ProfileString(gs_ini, "Patch", "CheckSailing", "0"))
end event

event close;destroy inv_patch
end event

type mle_preview from multilineedit within w_fry_patch
integer x = 32
integer y = 28
integer width = 2720
integer height = 520
boolean vscrollbar = true
boolean displayonly = true
end type

type cb_preview from commandbutton within w_fry_patch
integer x = 1829
integer y = 568
integer width = 430
integer height = 100
string text = "&Preview 3.40"
end type

event clicked;mle_preview.text = wf_archive_ddl()
end event

type cb_apply from commandbutton within w_fry_patch
integer x = 2309
integer y = 568
integer width = 430
integer height = 100
string text = "&Apply"
boolean default = true
end type

event clicked;long ll_open, ll_unknown
string ls_sql

SetPointer(HourGlass!)
if inv_patch.of_run() < 0 then
	MessageBox("Patch", gs_last_error, StopSign!)
	return
end if
SetProfileString(gs_ini, "Patch", "Pending", "no")

select count(*) into :ll_open from fry_booking
	where sailing_id = :il_sailing and deck_lane is null using sqlca;
ll_unknown = inv_patch.of_lanes_without_length(il_sailing)

ls_sql = "SELECT b.vessel_cd, b.deck_lane, b.vehicle_len, s.port_cd" + &
	" FROM fry_booking b JOIN fry_sailing s ON s.sailing_id = b.sailing_id" + &
	" WHERE b.sailing_id = " + String(il_sailing)
dw_lanes.SetSQLSelect(ls_sql)
dw_lanes.Retrieve()
MessageBox("Patch", "Database is at 3.30.~r~n" + String(ll_open) + " bookings without a lane, " + &
	String(ll_unknown) + " lanes with a vehicle of unknown length.")
end event

type dw_lanes from datawindow within w_fry_patch
integer x = 32
integer y = 700
integer width = 2720
integer height = 820
string dataobject = "d_fry_lane_check"
boolean vscrollbar = true
boolean border = true
end type

event constructor;this.SetTransObject(sqlca)
end event


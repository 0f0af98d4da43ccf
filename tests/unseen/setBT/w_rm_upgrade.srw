$PBExportHeader$w_rm_upgrade.srw
$PBExportComments$RouteMaster – database upgrade: the steps of each release in a tree, ticked steps are applied
forward
global type w_rm_upgrade from window
end type
type mle_sql from multilineedit within w_rm_upgrade
end type
type cb_apply from commandbutton within w_rm_upgrade
end type
type tv_steps from treeview within w_rm_upgrade
end type
end forward

global type w_rm_upgrade from window
integer width = 3131
integer height = 1628
boolean titlebar = true
string title = "RouteMaster – Database upgrade"
boolean controlmenu = true
boolean resizable = true
long backcolor = 67108864
mle_sql mle_sql
cb_apply cb_apply
tv_steps tv_steps
end type
global w_rm_upgrade w_rm_upgrade

type variables
long il_failed
end variables

forward prototypes
public function long wf_add_release (string as_label)
public function long wf_add_step (long al_release, string as_label, string as_sql, boolean ab_checked)
public function integer wf_exec (string as_sql)
public subroutine wf_load_steps ()
public function string wf_sample_step ()
public subroutine wf_summary ()
end prototypes

public function long wf_add_release (string as_label);treeviewitem ltvi

ltvi.label = as_label
ltvi.pictureindex = 1
ltvi.selectedpictureindex = 1
ltvi.children = true
ltvi.statepictureindex = 2
return tv_steps.insertitemlast(0, ltvi)
end function

public function long wf_add_step (long al_release, string as_label, string as_sql, boolean ab_checked);// the statement travels in the item's Data; unticked steps are optional
treeviewitem ltvi

ltvi.label = as_label
ltvi.data = as_sql
ltvi.pictureindex = 2
ltvi.selectedpictureindex = 2
if ab_checked then
	ltvi.statepictureindex = 2
else
	ltvi.statepictureindex = 1
end if
return tv_steps.insertitemlast(al_release, ltvi)
end function

public function integer wf_exec (string as_sql);execute immediate :as_sql using sqlca;
if sqlca.sqlcode < 0 then
	mle_sql.text += "-- FAILED: " + sqlca.sqlerrtext + "~r~n"
	rollback using sqlca;
	return -1
end if
commit using sqlca;
return 1
end function

public subroutine wf_load_steps ();long ll_rel
string ls_sql
string ls_stop[], ls_vehicle[]

tv_steps.setredraw(false)
tv_steps.deleteitem(0)

// ---- release 13: stops and pupil assignments
ll_rel = wf_add_release("Release 13 – stops")
ls_stop = {"route_no", &
	"stop_seq", &
	"stop_name", &
	"pickup_tm", &
	"lat_deg", &
	"lon_deg"}
wf_add_step(ll_rel, "Create rm_stop", gnv_dict.of_create("dbo.rm_stop", ls_stop, 2), true)

ls_sql = "create table dbo.rm_pupil_stop (" + &
	"pupil_id int not null, " + &
	"route_no char(6) not null, " + &
	"stop_seq smallint not null, " + &
	"am_pm_cd char(2) not null default 'AM', " + &
	"eff_dt date not null)"
wf_add_step(ll_rel, "Create rm_pupil_stop", ls_sql, true)

ls_sql = "insert into dbo.rm_pupil_stop (pupil_id, route_no, stop_seq, am_pm_cd, eff_dt)~r~n" + &
	"select pupil_id, route_no, stop_seq, 'AM', convert(date, getdate())~r~n" + &
	"  from dbo.rm_pupil where route_no is not null"
wf_add_step(ll_rel, "Assign pupils to their stops", ls_sql, true)
/* 2016 pilot, replaced by rm_stop:
   alter table dbo.rm_route add pickup_tm datetime null */

// ---- release 14: vehicles and drivers
ll_rel = wf_add_release("Release 14 – vehicles and drivers")
ls_vehicle = {"vehicle_id", "plate_no", "seat_cnt", "driver_id"}
wf_add_step(ll_rel, "Create rm_vehicle", gnv_dict.of_create("dbo.rm_vehicle", ls_vehicle, 1), true)
wf_add_step(ll_rel, "Vehicle depot", gnv_dict.of_add("dbo.rm_vehicle", "depot_cd", true), true)
wf_add_step(ll_rel, "Route vehicle", gnv_dict.of_add("dbo.rm_route", "vehicle_id"), true)
wf_add_step(ll_rel, "Route driver", gnv_dict.of_add("dbo.rm_route", "driver_id", false), true)
wf_add_step(ll_rel, "Trip route", gnv_dict.of_add("dbo.rm_trip", "route_no"), true)
wf_add_step(ll_rel, "Trip vehicle", gnv_dict.of_add("dbo.rm_trip", "vehicle_id"), true)
ls_sql = "update t set vehicle_id = r.vehicle_id, driver_id = r.driver_id~r~n" + &
	"  from dbo.rm_trip t join dbo.rm_route r on r.route_no = t.route_no~r~n" + &
	" where t.vehicle_id is null"
wf_add_step(ll_rel, "Trips take the route's vehicle and driver", ls_sql, true)
wf_add_step(ll_rel, "Pickup time required", "alter table dbo.rm_stop alter column pickup_tm time(0) not null", true)
wf_add_step(ll_rel, "Longer stop sequence", "alter table dbo.rm_pupil_stop alter column stop_seq int not null", true)
wf_add_step(ll_rel, "(optional) Longer stop names", "alter table dbo.rm_stop alter column stop_name varchar(60) null", false)
wf_add_step(ll_rel, "Drop the old driver name", "alter table dbo.rm_route drop column driver_nm", true)

tv_steps.expandall(tv_steps.finditem(roottreeitem!, 0))
tv_steps.setredraw(true)
end subroutine

public function string wf_sample_step ();// example for the release notes – shows how a step is written, not part of any release
return "alter table dbo.rm_vehicle add route_no char(6) null"
end function

public subroutine wf_summary ();// stops per route after the upgrade
string ls_route
long ll_stops, ll_unassigned


mle_sql.text += "~r~nStops per route:~r~n"
declare lc_stops cursor for
 select route_no, count(stop_seq)
   from dbo.rm_stop
  group by route_no
 using sqlca;
open lc_stops;
do while sqlca.sqlcode = 0
	fetch lc_stops into :ls_route, :ll_stops;
	if sqlca.sqlcode <> 0 then exit
	mle_sql.text += ls_route + "~t" + string(ll_stops) + "~r~n"
loop
close lc_stops;

select count(*) into :ll_unassigned from dbo.rm_pupil where route_no is null using sqlca;
mle_sql.text += string(ll_unassigned) + " pupils without a route~r~n"
end subroutine

on w_rm_upgrade.create
this.mle_sql=create mle_sql
this.cb_apply=create cb_apply
this.tv_steps=create tv_steps
this.Control[]={this.mle_sql,&
this.cb_apply,&
this.tv_steps}
end on

on w_rm_upgrade.destroy
destroy(this.mle_sql)
destroy(this.cb_apply)
destroy(this.tv_steps)
end on

event open;wf_load_steps()
// what the transport office checks after an upgrade (run by them in their own query tool)
mle_sql.text = "select route_no, stop_seq, pickup_tm from dbo.rm_stop order by route_no, pickup_tm~r~n"
end event

type mle_sql from multilineedit within w_rm_upgrade
integer x = 1573
integer y = 32
integer width = 1499
integer height = 1344
integer taborder = 30
integer textsize = -9
string facename = "Consolas"
long textcolor = 33554432
boolean vscrollbar = true
boolean autovscroll = true
boolean displayonly = true
end type

type cb_apply from commandbutton within w_rm_upgrade
integer x = 2670
integer y = 1408
integer width = 402
integer height = 112
integer taborder = 20
string text = "Apply"
end type

event clicked;treeviewitem ltvi
long ll_rel, ll_step
string ls_sql

setpointer(hourglass!)
// columns some districts added by hand before release 13
f_rm_set_addcolumn("dbo.rm_pupil", "route_no", gnv_dict.of_def("route_no") + " null")
f_rm_set_addcolumn("dbo.rm_pupil", "stop_seq", gnv_dict.of_def("stop_seq") + " null")
f_rm_set_addcolumn("dbo.rm_trip", "driver_id", "int null")
f_rm_set_addcolumn("dbo.rm_trip", "odometer_km", "int null")

il_failed = 0
ll_rel = tv_steps.finditem(roottreeitem!, 0)
do while ll_rel > 0
	ll_step = tv_steps.finditem(childtreeitem!, ll_rel)
	do while ll_step > 0
		if tv_steps.getitem(ll_step, ltvi) = 1 then
			if ltvi.statepictureindex = 2 then
				ls_sql = string(ltvi.data)
				mle_sql.text += ls_sql + "~r~n"
				if wf_exec(ls_sql) < 0 then il_failed++
			end if
		end if
		ll_step = tv_steps.finditem(nexttreeitem!, ll_step)
	loop
	ll_rel = tv_steps.finditem(nexttreeitem!, ll_rel)
loop

wf_summary()
if il_failed > 0 then
	messagebox("RouteMaster", string(il_failed) + " step(s) failed, see the log", exclamation!)
end if
end event

type tv_steps from treeview within w_rm_upgrade
integer x = 37
integer y = 32
integer width = 1499
integer height = 1344
integer taborder = 10
string dragicon = "none!"
boolean linesatroot = true
boolean checkboxes = true
string picturename[] = {"Custom039!","Custom050!"}
long picturemaskcolor = 536870912
long statepicturemaskcolor = 536870912
end type


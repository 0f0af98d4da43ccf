$PBExportHeader$w_pipe_setup.srw
$PBExportComments$Pipeline setup / upgrade window
forward
global type w_pipe_setup from window
end type
type cb_upgrade from commandbutton within w_pipe_setup
end type
type st_status from statictext within w_pipe_setup
end type
end forward

global type w_pipe_setup from window
integer width = 1842
integer height = 912
boolean titlebar = true
string title = "Secondary Pipeline – Setup"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
boolean center = true
cb_upgrade cb_upgrade
st_status st_status
end type
global w_pipe_setup w_pipe_setup

type variables
n_cst_pipe_upgrade inv_upgrade
end variables

on w_pipe_setup.create
this.cb_upgrade=create cb_upgrade
this.st_status=create st_status
this.Control[]={this.cb_upgrade,&
this.st_status}
end on

on w_pipe_setup.destroy
destroy(this.cb_upgrade)
destroy(this.st_status)
end on

event open;call super::open;long ll_excl, ll_nodiv

select count(*) into :ll_excl from pipe_pool_loan where excl_flag = 'Y' using sqlca;
select count(*) into :ll_nodiv from pipe_pool_loan pl
 where pl.div_by is null
using sqlca;
if sqlca.sqlcode <> 0 then ll_nodiv = -1   // column missing: first run after 7.x upgrade
st_status.text = string(ll_excl) + " excluded loan(s); " + string(ll_nodiv) + " without div_by"
end event

type cb_upgrade from commandbutton within w_pipe_setup
integer x = 1349
integer y = 696
integer width = 402
integer height = 112
integer taborder = 10
integer textsize = -10
integer weight = 400
string facename = "Tahoma"
string text = "&Upgrade"
boolean default = true
end type

event clicked;integer li_rc

SetPointer(HourGlass!)
inv_upgrade = create n_cst_pipe_upgrade
li_rc = inv_upgrade.of_upgrade(sqlca)
if li_rc < 0 then
	MessageBox(Parent.title, "Upgrade failed (" + string(li_rc) + ").", StopSign!)
else
	inv_upgrade.of_data_fix(0)
	st_status.text = "Upgrade complete."
end if
destroy inv_upgrade
end event

type st_status from statictext within w_pipe_setup
integer x = 69
integer y = 64
integer width = 1682
integer height = 560
integer textsize = -10
integer weight = 400
string facename = "Tahoma"
long textcolor = 33554432
long backcolor = 67108864
string text = "Press Upgrade to bring this database to the current Pipeline schema."
boolean focusrectangle = false
end type


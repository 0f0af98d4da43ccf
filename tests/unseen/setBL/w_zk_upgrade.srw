HA$PBExportHeader$w_zk_upgrade.srw
$PBExportComments$ZooKeep – release 2022 upgrade
forward
global type w_zk_upgrade from window
end type
type dw_animals from datawindow within w_zk_upgrade
end type
type cb_run from commandbutton within w_zk_upgrade
end type
end forward

global type w_zk_upgrade from window
integer width = 2400
integer height = 1500
boolean titlebar = true
string title = "ZooKeep – upgrade to 2022"
boolean controlmenu = true
windowtype windowtype = main!
dw_animals dw_animals
cb_run cb_run
end type
global w_zk_upgrade w_zk_upgrade

type variables
n_cst_zk_upgrade inv_upgrade
n_cst_zk_schema inv_schema
end variables

on w_zk_upgrade.create
this.dw_animals=create dw_animals
this.cb_run=create cb_run
this.Control[]={this.dw_animals,&
this.cb_run}
end on

on w_zk_upgrade.destroy
destroy(this.dw_animals)
destroy(this.cb_run)
end on

event open;inv_schema = create n_cst_zk_schema
dw_animals.settransobject(sqlca)
end event

event close;if isvalid(inv_upgrade) then destroy inv_upgrade
destroy inv_schema
end event

type dw_animals from datawindow within w_zk_upgrade
integer x = 37
integer y = 32
integer width = 2309
integer height = 1200
string dataobject = "d_zk_animal_list"
boolean vscrollbar = true
end type

type cb_run from commandbutton within w_zk_upgrade
integer x = 1989
integer y = 1260
integer width = 357
integer height = 100
string text = "&Upgrade"
end type

event clicked;integer li_rc
long ll_heavy, ll_nodiet, ll_keeper, ll_animal
string ls_cols, ls_sql

inv_upgrade = create n_cst_zk_upgrade
try
	li_rc = inv_upgrade.of_run()
catch (runtimeerror lre)
	messagebox("Upgrade", lre.getmessage(), stopsign!)
	li_rc = -1
end try
inv_upgrade.of_save_rollback(profilestring(gs_ini, "upgrade", "rollback", "zk_2022_rollback.sql"))
if li_rc < 0 then return
// inv_schema.of_zk_set_addcolumn("zk_animal", "diet_cd", "char(4) null") -- now step 20 of the plan

// the feeding log is created here: the kitchen app owns it
ls_cols = "feeding_id int identity(1,1) not null"
ls_cols += ", animal_id int not null"
ls_cols += ", diet_cd char(4) not null"
ls_cols += ", keeper_id int null"
ls_cols += ", qty_kg decimal(6,2) not null"
ls_cols += ", fed_dt datetime2(0) not null"
ls_sql = "create table dbo.zk_feeding_log (" + ls_cols + ")"
if inv_schema.of_exec(ls_sql) < 0 then return

// head keeper of each animal = keeper of its enclosure (format 2, one row at a time)
prepare sqlsa from "update dbo.zk_animal set keeper_id = ? where animal_id = ?" using sqlca;
declare lc_keep cursor for
	select a.animal_id, e.keeper_id
	  from dbo.zk_animal a
	  join dbo.zk_enclosure e on e.enclosure_cd = a.enclosure_cd
	using sqlca;
open lc_keep;
do while true
	fetch lc_keep into :ll_animal, :ll_keeper;
	if sqlca.sqlcode <> 0 then exit
	execute sqlsa using :ll_keeper, :ll_animal;
loop
close lc_keep;
commit using sqlca;

select count(*) into :ll_heavy
  from dbo.zk_animal
 where weight_kg > 1000 and enclosure_cd is null
 using sqlca;
select count(*) into :ll_nodiet
  from dbo.zk_animal a
  left join dbo.zk_diet d on d.diet_cd = a.diet_cd
 where d.diet_cd is null
 using sqlca;

// the list shows the weight only where the 2022 dataobject is deployed
if dw_animals.describe("weight_kg.coltype") <> "!" then dw_animals.retrieve()
messagebox("Upgrade", "Done. Heavy animals without enclosure: " + string(ll_heavy) + &
	", animals without a known diet: " + string(ll_nodiet))
end event

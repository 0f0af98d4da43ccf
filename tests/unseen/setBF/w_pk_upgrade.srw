HA$PBExportHeader$w_pk_upgrade.srw
$PBExportComments$Schema upgrade – statements queued in lb_steps, run by cb_run
forward
global type w_pk_upgrade from window
end type
type lb_steps from listbox within w_pk_upgrade
end type
type cb_run from commandbutton within w_pk_upgrade
end type
type st_msg from statictext within w_pk_upgrade
end type
end forward

global type w_pk_upgrade from window
integer width = 2200
integer height = 1400
boolean titlebar = true
string title = "PackLine schema upgrade"
boolean controlmenu = true
windowtype windowtype = popup!
long backcolor = 67108864
lb_steps lb_steps
cb_run cb_run
st_msg st_msg
end type
global w_pk_upgrade w_pk_upgrade

type variables
n_cst_pk_schema inv_schema
long il_version
end variables

forward prototypes
public function integer wf_pk_set_addcolumn (string as_table, string as_column, string as_type)
public subroutine wf_queue_r13 ()
public subroutine wf_queue (long al_version)
public function string wf_cold_room_log ()
end prototypes

public function integer wf_pk_set_addcolumn (string as_table, string as_column, string as_type);// adds a column unless it is there; runs at once, not through the list
long ll_found
string ls_sql

select count(*) into :ll_found
  from syscolumns
 where id = object_id(:as_table) and name = :as_column
 using sqlca;
if ll_found > 0 then return 0

ls_sql = "alter table dbo." + as_table + " add " + as_column + " " + as_type
return sqlca.event ue_exec(ls_sql)
end function

public subroutine wf_queue_r13 ();// release 13: cold room log, grades widened, bins carry their lot
string ls_sql

wf_pk_set_addcolumn("pk_bin", "grade_cd", "char(2) null")
wf_pk_set_addcolumn("pk_grower", "region_cd", "char(3) null")
/* 13.0 beta also did
   alter table dbo.pk_bin add grade_cd varchar(3) null
   until the graders asked for two-letter codes */
lb_steps.additem(wf_cold_room_log())

ls_sql = "alter table dbo.pk_bin add "
ls_sql += "lot_no varchar(12) null, "
ls_sql += "tare_wt_kg decimal(6,1) null"
lb_steps.additem(ls_sql)
lb_steps.additem("alter table dbo.pk_bin_lot alter column grade_cd char(3) null")

ls_sql = "update b set b.lot_no = l.lot_no from dbo.pk_bin b "
ls_sql += "join dbo.pk_bin_lot l on l.bin_no = b.bin_no "
ls_sql += "where b.lot_no is null"
lb_steps.additem(ls_sql)

ls_sql = "create view dbo.pk_v_lot_grade as " + &
	"select l.lot_no, l.grower_id, " + &
	"l.grade_cd, l.net_wt_kg " + &
	"from dbo.pk_bin_lot l where l.grade_cd <> 'XX'"
lb_steps.additem(ls_sql)

st_msg.text = "Next release: alter table dbo.pk_receipt add bin_no int null"
end subroutine

public function string wf_cold_room_log ();return "create table dbo.pk_cold_room_log (" + &
	"log_id int identity(1,1) not null primary key, " + &
	"cold_room varchar(4) not null, " + &
	"lot_no varchar(12) null, " + &
	"temp_c decimal(4,1) not null, " + &
	"logged_dt datetime not null)"
end function

public subroutine wf_queue (long al_version);lb_steps.reset()

choose case al_version
	case is < 1200
		inv_schema.of_queue_r12(lb_steps)
		wf_queue_r13()
	case 1200 to 1299
		wf_queue_r13()
	case else
		st_msg.text = "Schema is current (" + string(al_version) + ")"
end choose
end subroutine

on w_pk_upgrade.create
this.lb_steps=create lb_steps
this.cb_run=create cb_run
this.st_msg=create st_msg
this.Control[]={this.lb_steps,&
this.cb_run,&
this.st_msg}
end on

on w_pk_upgrade.destroy
destroy(this.lb_steps)
destroy(this.cb_run)
destroy(this.st_msg)
end on

event open;inv_schema = create n_cst_pk_schema

select max(version_no) into :il_version from pk_version using sqlca;
if isnull(il_version) then il_version = 0
st_msg.text = "Schema version " + string(il_version)
end event

event close;inv_schema.of_rollback_script("packline_r12_rollback.sql")
destroy inv_schema
end event

type lb_steps from listbox within w_pk_upgrade
integer x = 27
integer y = 24
integer width = 2117
integer height = 1080
integer taborder = 10
boolean vscrollbar = true
boolean sorted = false
borderstyle borderstyle = stylelowered!
end type

type cb_run from commandbutton within w_pk_upgrade
integer x = 1801
integer y = 1140
integer width = 343
integer height = 100
integer taborder = 20
string text = "&Run"
end type

event clicked;integer li_step, li_steps
string ls_sql, ls_grade
decimal ld_kg

parent.wf_queue(il_version)
li_steps = lb_steps.totalitems()
for li_step = 1 to li_steps
	ls_sql = lb_steps.text(li_step)
	st_msg.text = string(li_step) + "/" + string(li_steps) + "  " + left(ls_sql, 50)
	if sqlca.event ue_exec(ls_sql) < 0 then
		messagebox("Step " + string(li_step), sqlca.is_last_error, exclamation!)
		return
	end if
next

// first grading pass for lots received before release 12
ls_grade = "B"
update dbo.pk_bin_lot
   set grade_cd = :ls_grade
 where grade_cd is null
   and net_wt_kg < 300
 using sqlca;

select sum(net_wt_kg) into :ld_kg
  from dbo.pk_bin_lot
 where cold_room is not null
 using sqlca;
st_msg.text = "Done: " + string(sqlca.il_statements) + " statements, " + string(ld_kg, "#,##0.0") + " kg in cold rooms"
end event

type st_msg from statictext within w_pk_upgrade
integer x = 27
integer y = 1152
integer width = 1737
integer height = 76
long backcolor = 67108864
end type


$PBExportHeader$n_cst_zk_upgrade.sru
$PBExportComments$ZooKeep release 2022 upgrade – the plan is kept in a datastore
forward
global type n_cst_zk_upgrade from nonvisualobject
end type
end forward

global type n_cst_zk_upgrade from nonvisualobject
end type
global n_cst_zk_upgrade n_cst_zk_upgrade

type variables
protected:
n_cst_zk_schema inv_schema
datastore ids_plan
datastore ids_rollback
constant string CS_PLAN = 'release 22; datawindow() table(column=(type=long name=step_no dbname="step_no") column=(type=char(4000) name=sql_text dbname="sql_text"))'
end variables

forward prototypes
public subroutine of_plan_add (datastore ads_plan, long al_step, string as_sql)
public function integer of_plan_2022 ()
public function integer of_new_tables ()
public function integer of_weight_not_null ()
public function integer of_run ()
public function integer of_save_rollback (string as_file)
end prototypes

public subroutine of_plan_add (datastore ads_plan, long al_step, string as_sql);long ll_row

ll_row = ads_plan.insertrow(0)
ads_plan.setitem(ll_row, "step_no", al_step)
ads_plan.setitem(ll_row, "sql_text", as_sql)
end subroutine

public function integer of_plan_2022 ();// steps are numbered so that hot-fixes can slot in between
of_plan_add(ids_plan, 30, "update a set a.enclosure_cd = e.enclosure_cd" + &
	" from dbo.zk_animal a join dbo.zk_enclosure e on e.old_pen_no = a.pen_no")
of_plan_add(ids_plan, 10, "alter table dbo.zk_animal add enclosure_cd char(6) null")
of_plan_add(ids_plan, 20, "alter table dbo.zk_animal add diet_cd char(4) null," + &
	" keeper_id int null")
of_plan_add(ids_plan, 40, "create index ix_zk_animal_enclosure on dbo.zk_animal (enclosure_cd, diet_cd)")

// what the vets' DBA runs by hand if 2022 must be backed out: saved to a file, never executed here
of_plan_add(ids_rollback, 10, "alter table dbo.zk_animal drop column enclosure_cd, diet_cd, keeper_id")
of_plan_add(ids_rollback, 20, "drop table dbo.zk_weighing, dbo.zk_vet_exam, dbo.zk_diet")
return ids_plan.rowcount()
end function

public function integer of_new_tables ();str_zk_table lstr_tables[]
integer li_t, li_n

li_n = inv_schema.of_define_tables(lstr_tables)
for li_t = 1 to li_n
	if inv_schema.of_exec(inv_schema.of_create_sql(lstr_tables[li_t])) < 0 then return -1
next
return li_n
end function

public function integer of_weight_not_null ();// weights were optional until 2022
try
	inv_schema.of_exec_strict("alter table dbo.zk_animal alter column weight_kg decimal(8,2) not null")
catch (runtimeerror lre)
	// animals never weighed: take their last weighing (or 0), then try again
	inv_schema.of_exec("update a set a.weight_kg = isnull((select top 1 w.weight_kg from dbo.zk_weighing w" + &
		" where w.animal_id = a.animal_id order by w.weighed_dt desc), 0) from dbo.zk_animal a")
	inv_schema.of_exec_strict("alter table dbo.zk_animal alter column weight_kg decimal(8,2) not null")
end try
return 1
end function

public function integer of_run ();string ls_steps[], ls_batch[]

ids_plan.setsort("step_no a")
ids_plan.sort()
ls_steps = ids_plan.object.sql_text.primary
if inv_schema.of_exec(ls_steps) < 0 then return -1
if of_new_tables() < 0 then return -1

ls_batch = {"alter table dbo.zk_enclosure add keeper_id int null", &
	"alter table dbo.zk_feeding alter column diet_cd char(4) not null"}
if inv_schema.of_exec(ls_batch) < 0 then return -1

inv_schema.of_zk_set_addcolumn("zk_keeper", "enclosure_cd", "char(6) null")
inv_schema.of_zk_set_addcolumn("zk_feeding", "keeper_id", "int null")
inv_schema.of_zk_set_addcolumn("zk_animal", "exam_dt", "date null") // last exam, kept by a trigger
return of_weight_not_null()
end function

public function integer of_save_rollback (string as_file);// the DBA's copy of the back-out script
return ids_rollback.saveas(as_file, text!, false)
end function

on n_cst_zk_upgrade.create
call super::create
triggerevent( this, "constructor" )
end on

on n_cst_zk_upgrade.destroy
triggerevent( this, "destroy" )
call super::destroy
end on

event constructor;string ls_err

inv_schema = create n_cst_zk_schema
ids_plan = create datastore
ids_plan.create(CS_PLAN, ls_err)
ids_rollback = create datastore
ids_rollback.create(CS_PLAN, ls_err)
of_plan_2022()
end event

event destructor;destroy ids_plan
destroy ids_rollback
destroy inv_schema
end event


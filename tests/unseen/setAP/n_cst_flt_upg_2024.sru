$PBExportHeader$n_cst_flt_upg_2024.sru
$PBExportComments$FleetWise – release 2024.1 database steps (PM schedules, parts on work orders)
forward
global type n_cst_flt_upg_2024 from nonvisualobject
end type
end forward

global type n_cst_flt_upg_2024 from nonvisualobject
end type
global n_cst_flt_upg_2024 n_cst_flt_upg_2024

type variables
public:
constant string RELEASE = "2024.1"
constant integer STEPS = 14
protected:
n_cst_flt_dict inv_dict
u_flt_sqlrunner iuo_runner
transaction itr_db
constant string PROC_WO_COST = "CREATE PROCEDURE dbo.psp_flt_wo_cost @wo_no int AS~r~n" + &
	"SELECT w.wo_no, w.labor_hrs AS booked_hrs,~r~n" + &
	"       SUM(p.qty * p.unit_cost) AS parts_cost,~r~n" + &
	"       SUM(p.labor_hrs) * w.labor_rate AS labor_cost,~r~n" + &
	"       COUNT(DISTINCT p.part_no) AS part_lines~r~n" + &
	"  FROM dbo.flt_work_order w~r~n" + &
	"  JOIN dbo.flt_wo_part p ON p.wo_no = w.wo_no~r~n" + &
	" WHERE w.wo_no = @wo_no~r~n" + &
	" GROUP BY w.wo_no, w.labor_hrs, w.labor_rate"
end variables

forward prototypes
public subroutine of_init (u_flt_sqlrunner auo_runner, n_cst_flt_dict anv_dict, transaction atr_db)
protected function integer of_step_pm_schedule ()
protected function integer of_step_parts ()
protected function integer of_step_work_order ()
protected function integer of_step_vehicle ()
protected function integer of_step_procs ()
public function integer of_run_all ()
end prototypes

public subroutine of_init (u_flt_sqlrunner auo_runner, n_cst_flt_dict anv_dict, transaction atr_db);iuo_runner = auo_runner
inv_dict = anv_dict
itr_db = atr_db
end subroutine

protected function integer of_step_pm_schedule ();// Preventive maintenance: one row per vehicle and PM code (oil, brakes, DOT inspection ...)
inv_dict.of_begin_table("flt_pm_schedule")
inv_dict.of_col("pm_id", "int IDENTITY(1,1) NOT NULL PRIMARY KEY")
inv_dict.of_col("vehicle_id", "int NOT NULL")
inv_dict.of_col("pm_code", "varchar(10) NOT NULL")
inv_dict.of_col("pm_interval_km", "int NOT NULL")
inv_dict.of_col("last_odometer_km", "int NULL")
inv_dict.of_col("next_due_dt", "datetime NULL")
return inv_dict.of_create_table()
end function

protected function integer of_step_parts ();integer li_rc

inv_dict.of_begin_table("flt_wo_part")
inv_dict.of_col("wo_part_id", "int IDENTITY(1,1) NOT NULL PRIMARY KEY")
inv_dict.of_col("wo_no", "int NOT NULL")
inv_dict.of_col("part_no", "varchar(20) NOT NULL")
inv_dict.of_col("qty", "decimal(9,2) NOT NULL")
inv_dict.of_col("unit_cost", "decimal(11,2) NULL")
inv_dict.of_col("labor_hrs", "decimal(6,2) NULL")
li_rc = inv_dict.of_create_table()
// inv_dict.of_flt_set_addcolumn("flt_wo_part", "warranty_flag", "bit NULL")  // 2024.2
return li_rc
end function

protected function integer of_step_work_order ();integer li_rc

li_rc = inv_dict.of_flt_set_addcolumn("flt_work_order", "odometer_km", "int NULL")
if li_rc = 0 then li_rc = inv_dict.of_flt_set_addcolumn("flt_work_order", "labor_hrs", "decimal(6,2) NULL")
if li_rc = 0 then li_rc = inv_dict.of_flt_set_addcolumn("flt_work_order", &
	"pm_id", "int NULL")
if li_rc < 0 then return li_rc

// work orders opened before 2024.1 take the odometer reading of their vehicle
li_rc = iuo_runner.of_run("UPDATE o SET o.odometer_km = v.odometer_km" + &
	" FROM dbo.flt_work_order o JOIN dbo.flt_vehicle v ON v.vehicle_id = o.vehicle_id" + &
	" WHERE o.odometer_km IS NULL")
return li_rc
end function

protected function integer of_step_vehicle ();integer li_rc
long ll_missing

li_rc = iuo_runner.of_run("ALTER TABLE dbo.flt_vehicle ADD " + &
	"pm_interval_km int NULL, " + &
	"in_service_dt datetime NULL")
if li_rc < 0 then return li_rc

// the VIN was typed into serial_no until 2023
update flt_vehicle
   set vin = upper(ltrim(rtrim(serial_no)))
 where vin is null and len(ltrim(rtrim(serial_no))) = 17
 using itr_db;
select count(*) into :ll_missing from flt_vehicle where vin is null using itr_db;
if ll_missing = 0 then
	li_rc = iuo_runner.of_run("ALTER TABLE dbo.flt_vehicle ALTER COLUMN vin char(17) NOT NULL")
end if
// hubodometers on the new transit buses pass 2,147,483,647 metres
if li_rc = 0 then li_rc = iuo_runner.of_run("ALTER TABLE dbo.flt_vehicle ALTER COLUMN odometer_km bigint NULL")
return li_rc
end function

protected function integer of_step_procs ();integer li_rc
string ls_body[]

ls_body = {"CREATE PROCEDURE dbo.psp_flt_pm_due @as_of datetime AS", &
	"SELECT v.vehicle_id, v.vin, s.pm_code,", &
	"       s.last_odometer_km + s.pm_interval_km AS due_km,", &
	"       v.odometer_km", &
	"  FROM dbo.flt_vehicle v", &
	"  JOIN dbo.flt_pm_schedule s ON s.vehicle_id = v.vehicle_id", &
	" WHERE v.odometer_km >= s.last_odometer_km + s.pm_interval_km - 500", &
	"    OR s.next_due_dt <= @as_of"}
li_rc = iuo_runner.of_run("IF OBJECT_ID('dbo.psp_flt_pm_due', 'P') IS NOT NULL DROP PROCEDURE dbo.psp_flt_pm_due")
if li_rc = 0 then li_rc = iuo_runner.of_run(f_flt_join(ls_body, "~r~n"))
if li_rc = 0 then li_rc = iuo_runner.of_run("IF OBJECT_ID('dbo.psp_flt_wo_cost', 'P') IS NOT NULL DROP PROCEDURE dbo.psp_flt_wo_cost")
if li_rc = 0 then li_rc = iuo_runner.of_run(PROC_WO_COST)
return li_rc
end function

public function integer of_run_all ();integer li_rc

iuo_runner.of_setsteps(STEPS)
li_rc = of_step_vehicle()
if li_rc = 0 then li_rc = of_step_work_order()
if li_rc = 0 then li_rc = of_step_pm_schedule()
if li_rc = 0 then li_rc = of_step_parts()
if li_rc = 0 then li_rc = of_step_procs()
return li_rc
end function

on n_cst_flt_upg_2024.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_flt_upg_2024.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

$PBExportHeader$n_cst_gc_upgrade.sru
$PBExportComments$Schema upgrade of the club database: an array of step objects run in order
forward
global type n_cst_gc_upgrade from nonvisualobject
end type
end forward

global type n_cst_gc_upgrade from nonvisualobject
end type
global n_cst_gc_upgrade n_cst_gc_upgrade

type variables
protected:
	transaction	itr_db
	n_cst_gc_step	inv_step[]
	integer		ii_steps = 0
	string		is_logfile = "gc_upgrade.log"
end variables

forward prototypes
public subroutine of_settrans (transaction atr_db)
public function integer of_dbversion ()
protected subroutine of_add (integer ai_version, string as_desc, string as_sql)
protected function string of_sqltype (string as_coltype)
public function string of_table_from_dw (string as_dataobject, string as_table)
public subroutine of_build_plan ()
public function integer of_run (integer ai_dbversion)
public function integer of_gc_set_addcolumn (string as_table, string as_column, string as_definition)
public subroutine of_write_undo ()
end prototypes

public subroutine of_settrans (transaction atr_db);itr_db = atr_db
end subroutine

public function integer of_dbversion ();integer li_version

SELECT schema_version INTO :li_version FROM gc_sysinfo WHERE sysinfo_id = 1 USING itr_db;
if itr_db.SQLCode <> 0 or IsNull(li_version) then li_version = 0
return li_version
end function

protected subroutine of_add (integer ai_version, string as_desc, string as_sql);ii_steps ++
inv_step[ii_steps] = CREATE n_cst_gc_step
inv_step[ii_steps].of_define(ai_version, as_desc, as_sql)
end subroutine

protected function string of_sqltype (string as_coltype);// DataWindow column type -> SQL Server type
string ls_type, ls_sql

ls_type = Lower(Trim(as_coltype))
choose case true
	case Left(ls_type, 5) = "char("
		ls_sql = "varchar" + Mid(ls_type, 5)
	case Left(ls_type, 8) = "decimal("
		ls_sql = "decimal(9," + Mid(ls_type, 9)
	case ls_type = "long", ls_type = "ulong"
		ls_sql = "int"
	case ls_type = "number", ls_type = "real"
		ls_sql = "float"
	case ls_type = "datetime", ls_type = "date", ls_type = "time"
		ls_sql = ls_type
	case else
		ls_sql = "varchar(255)"
end choose
return ls_sql
end function

public function string of_table_from_dw (string as_dataobject, string as_table);// CREATE TABLE from the columns of a DataWindow object: names and types as the painter has them
datastore lds_def
string  ls_sql, ls_name, ls_type, ls_sep
integer li_col, li_cols

lds_def = CREATE datastore
lds_def.DataObject = as_dataobject
li_cols = Integer(lds_def.Describe("DataWindow.Column.Count"))
ls_sql = "CREATE TABLE " + as_table + " ("
ls_sep = ""
for li_col = 1 to li_cols
	ls_name = lds_def.Describe("#" + String(li_col) + ".Name")
	ls_type = this.of_sqltype(lds_def.Describe("#" + String(li_col) + ".ColType"))
	if li_col = 1 then
		ls_sql += ls_sep + ls_name + " " + ls_type + " NOT NULL PRIMARY KEY"
	else
		ls_sql += ls_sep + ls_name + " " + ls_type + " NULL"
	end if
	ls_sep = ", "
next
ls_sql += ")"
DESTROY lds_def
return ls_sql
end function

public subroutine of_build_plan ();string ls_sql

// 3.00  the tee sheet table, straight from the slot DataWindow
of_add(300, "tee sheet", this.of_table_from_dw("d_gc_slot_def", "gc_tee_slot"))

// 3.05  official handicap index on the member card
of_add(305, "handicap index", "ALTER TABLE gc_member ADD handicap_idx decimal(3,1) NULL")

// 3.10  round history
ls_sql = "CREATE TABLE gc_round (~r~n" + &
	"   round_id     int IDENTITY(1,1) NOT NULL PRIMARY KEY,~r~n" + &
	"   member_no    varchar(10) NOT NULL,~r~n" + &
	"   course_cd    char(2) NOT NULL,~r~n" + &
	"   tee_time     datetime NOT NULL,~r~n" + &
	"   gross_score  smallint NULL,~r~n" + &
	"   /* cart_fee money NULL,   -- carts are billed in gc_cart_rental */~r~n" + &
	"   handicap_idx decimal(3,1) NULL)"
of_add(310, "round history", ls_sql)

// 3.20  green speed (stimpmeter feet) on the course
of_add(320, "green speed", f_gc_sprintf("ALTER TABLE %s ADD %s %s", {"gc_course", "green_speed", "decimal(4,1) NULL"}))

// 3.25  daily course conditions
of_add(325, "course conditions", "CREATE TABLE gc_course_cond (" + &
	"cond_dt date NOT NULL, " + &
	"course_cd char(2) NOT NULL, " + &
	"green_speed decimal(4,1) NULL, " + &
	"cart_rule char(1) NOT NULL DEFAULT 'A', " + &
	"PRIMARY KEY (cond_dt, course_cd))")

// 3.30  the starter's view of the sheet
ls_sql = "CREATE VIEW gc_v_tee_sheet AS~r~n" + &
	"SELECT s.slot_id, s.course_cd, s.tee_time, s.slot_status,~r~n" + &
	"       m.member_no, m.handicap_idx~r~n" + &
	"  FROM gc_tee_slot s~r~n" + &
	"  LEFT JOIN gc_member m ON m.member_no = s.member_no"
of_add(330, "tee sheet view", ls_sql)

// 3.31  release of held slots nobody confirmed
ls_sql = "CREATE PROCEDURE gc_p_release_held @ai_minutes int AS~r~n" + &
	"BEGIN~r~n" + &
	"   CREATE TABLE #held (slot_id int NOT NULL, member_no varchar(10) NULL)~r~n" + &
	"   INSERT INTO #held (slot_id, member_no)~r~n" + &
	"   SELECT slot_id, member_no FROM gc_tee_slot~r~n" + &
	"    WHERE slot_status = 'H' AND tee_time < DATEADD(minute, @ai_minutes, GETDATE())~r~n" + &
	"   UPDATE gc_tee_slot SET slot_status = 'O', member_no = NULL~r~n" + &
	"    WHERE slot_id IN (SELECT slot_id FROM #held)~r~n" + &
	"   SELECT h.member_no, m.handicap_idx FROM #held h JOIN gc_member m ON m.member_no = h.member_no~r~n" + &
	"END"
of_add(331, "release held slots", ls_sql)
end subroutine

public function integer of_run (integer ai_dbversion);integer li_i, li_done

for li_i = 1 to ii_steps
	if not inv_step[li_i].of_applies(ai_dbversion) then continue
	if inv_step[li_i].of_run(itr_db) < 0 then return -1
	li_done ++
next
if li_done > 0 then
	UPDATE gc_sysinfo SET schema_version = 331 WHERE sysinfo_id = 1 USING itr_db;
end if
return li_done
end function

public function integer of_gc_set_addcolumn (string as_table, string as_column, string as_definition);// adds a column unless the table has it already
long ll_found
string ls_sql

SELECT COUNT(*) INTO :ll_found FROM syscolumns
 WHERE id = OBJECT_ID(:as_table) AND name = :as_column USING itr_db;
if ll_found > 0 then return 0

ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " " + as_definition
EXECUTE IMMEDIATE :ls_sql USING itr_db;
if itr_db.SQLCode < 0 then return -1
return 1
end function

public subroutine of_write_undo ();// the DBA's way back, written next to the log - never run by the program
integer li_file
string ls_undo

li_file = FileOpen(is_logfile, LineMode!, Write!, LockWrite!, Append!)
if li_file < 0 then return
ls_undo = f_gc_sprintf("ALTER TABLE %s ALTER COLUMN %s decimal(%s,%s) NULL", {"gc_member", "handicap_idx", 3, 1})
FileWrite(li_file, ls_undo)
ls_undo = "UPDATE gc_tee_slot SET cart_fee = NULL WHERE slot_status = 'O'"
FileWrite(li_file, ls_undo)
FileClose(li_file)
end subroutine

on n_cst_gc_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_gc_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

event destructor;integer li_i
for li_i = 1 to ii_steps
	if IsValid(inv_step[li_i]) then DESTROY inv_step[li_i]
next
end event


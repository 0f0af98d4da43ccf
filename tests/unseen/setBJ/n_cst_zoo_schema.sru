HA$PBExportHeader$n_cst_zoo_schema.sru
$PBExportComments$ZooTrack schema levels 3.0 – 3.3: statements collected in a DataStore, run by n_cst_zoo_runner
forward
global type n_cst_zoo_schema from nonvisualobject
end type
end forward

global type n_cst_zoo_schema from nonvisualobject
end type
global n_cst_zoo_schema n_cst_zoo_schema

type variables
Protected:
datastore ids_build
long il_seq
n_cst_string inv_string
n_cst_zoo_runner inv_runner
end variables

forward prototypes
public function long of_upgrade (long al_level, transaction atr_trans)
public function long of_write_undo (string as_file)
protected function long of_add (string as_kind, string as_sql)
protected function string of_coldef (string as_name, string as_type)
protected function long of_zoo_set_addcolumn (string as_table, string as_column, string as_type)
private subroutine of_level_300 ()
private subroutine of_level_310 ()
private subroutine of_level_320 ()
private subroutine of_level_330 ()
end prototypes

protected function long of_add (string as_kind, string as_sql);long ll_row

il_seq += 10
ll_row = ids_build.InsertRow(0)
ids_build.SetItem(ll_row, "stmt_seq", il_seq)
ids_build.SetItem(ll_row, "stmt_kind", as_kind)
ids_build.SetItem(ll_row, "stmt_text", as_sql)
ids_build.SetItem(ll_row, "stmt_status", "")

Return ll_row
end function

protected function string of_coldef (string as_name, string as_type);// One column of a CREATE TABLE, names aligned so the SQL log reads like the DBA's scripts
Return "   " + inv_string.of_padright(as_name, 18) + as_type
end function

protected function long of_zoo_set_addcolumn (string as_table, string as_column, string as_type);string ls_sql

ls_sql = "IF COL_LENGTH('" + as_table + "', '" + as_column + "') IS NULL " + &
	"ALTER TABLE " + as_table + " ADD " + as_column + " " + as_type

Return of_add("DDL", ls_sql)
end function

public function long of_upgrade (long al_level, transaction atr_trans);// Collects the statements for every level above al_level and hands them to the runner
long ll_rc

ids_build = Create datastore
ids_build.DataObject = "d_zoo_stmt"
il_seq = 0

If al_level < 300 Then of_level_300()
If al_level < 310 Then of_level_310()
If al_level < 320 Then of_level_320()
If al_level < 330 Then of_level_330()

If ids_build.RowCount() = 0 Then
	Destroy ids_build
	Return 0
End If

inv_runner = Create n_cst_zoo_runner
inv_runner.of_set_transaction(atr_trans)
inv_runner.of_set_datastore(ids_build)
ll_rc = inv_runner.of_run()

Destroy inv_runner
Destroy ids_build
Return ll_rc
end function

private subroutine of_level_300 ();// 3.0: enclosures and animals
string ls_sql

ls_sql = "CREATE TABLE zoo_enclosure (~r~n"
ls_sql += of_coldef("enclosure_cd", "char(4) NOT NULL PRIMARY KEY") + ",~r~n"
ls_sql += of_coldef("enclosure_name", "varchar(50) NOT NULL") + ",~r~n"
ls_sql += of_coldef("zone_name", "varchar(30) NULL") + ",~r~n"
ls_sql += of_coldef("area_m2", "decimal(9,1) NULL") + ",~r~n"
ls_sql += of_coldef("keeper_no", "char(6) NULL") + ")"
of_add("DDL", ls_sql)

ls_sql = "CREATE TABLE zoo_animal (" + &
	" animal_id int NOT NULL PRIMARY KEY," + &
	" enclosure_cd char(4) NOT NULL," + &
	" species_cd varchar(8) NOT NULL," + &
	" animal_name nvarchar(40) NULL," + &
	" sex_cd char(1) NULL," + &
	" weight_kg decimal(7,2) NULL," + &
	" acquired_dt datetime NULL)"
of_add("DDL", ls_sql)
of_add("DDL", "CREATE INDEX ix_zoo_animal_encl ON zoo_animal (enclosure_cd)")
end subroutine

private subroutine of_level_310 ();// 3.1: diets and feedings
string ls_sql

of_zoo_set_addcolumn("zoo_animal", "diet_code", "varchar(10) NULL")
of_zoo_set_addcolumn("zoo_animal", "keeper_no", "char(6) NULL")
of_zoo_set_addcolumn("zoo_animal", "microchip_no", "varchar(15) NULL")
of_add("DOC", "3.0.2 hot-fix sites ran ALTER TABLE zoo_animal ADD diet_code varchar(10) NULL by hand: the guard skips it")

ls_sql = "CREATE TABLE zoo_feeding (~r~n" + &
	of_coldef("feeding_id", "int IDENTITY(1,1) NOT NULL PRIMARY KEY") + ",~r~n" + &
	of_coldef("animal_id", "int NOT NULL") + ",~r~n" + &
	of_coldef("diet_code", "varchar(10) NOT NULL") + ",~r~n" + &
	of_coldef("fed_at", "datetime NOT NULL") + ",~r~n" + &
	of_coldef("qty_kg", "decimal(6,2) NULL") + ",~r~n" + &
	of_coldef("keeper_no", "char(6) NULL") + " )"
of_add("DDL", ls_sql)

// weights of the big cats were cut at 99999.99
of_add("DDL", "ALTER TABLE zoo_animal ALTER COLUMN weight_kg decimal(8,2) NULL")
end subroutine

private subroutine of_level_320 ();// 3.2: veterinary visits
string ls_sql

ls_sql = "CREATE TABLE zoo_vet_visit ("
ls_sql = ls_sql + "visit_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, "
ls_sql = ls_sql + "animal_id int NOT NULL, "
ls_sql = ls_sql + "visit_dt datetime NOT NULL, "
ls_sql = ls_sql + "weight_kg decimal(8,2) NULL, "
ls_sql = ls_sql + "vet_name varchar(40) NULL, "
ls_sql = ls_sql + "findings varchar(2000) NULL)"
of_add("DDL", ls_sql)

of_add("DDL", "ALTER TABLE zoo_feeding ADD refused_flag char(1) NOT NULL DEFAULT 'N'")
of_add("DML", "UPDATE f SET f.keeper_no = a.keeper_no " + &
	"FROM zoo_feeding f JOIN zoo_animal a ON a.animal_id = f.animal_id " + &
	"WHERE f.keeper_no IS NULL")
end subroutine

private subroutine of_level_330 ();// 3.3: keeper numbers grow to 8 characters; the weight history view
string ls_sql

ls_sql = "CREATE VIEW v_zoo_weight AS " + &
	"SELECT a.animal_id, a.animal_name, a.enclosure_cd, " + &
	"v.visit_dt, v.weight_kg " + &
	"FROM zoo_animal a JOIN zoo_vet_visit v " + &
	"ON v.animal_id = a.animal_id"
of_add("DDL", ls_sql)

of_add("DDL", "ALTER TABLE zoo_enclosure ALTER COLUMN keeper_no char(8) NULL")
of_add("DDL", "ALTER TABLE zoo_animal ALTER COLUMN keeper_no char(8) NULL")
// zoo_feeding is archived monthly at some sites: a failure there must not stop the upgrade
of_add("OPT", "ALTER TABLE zoo_feeding ALTER COLUMN keeper_no char(8) NULL")
end subroutine

public function long of_write_undo (string as_file);// Writes the statements that take a 3.3 database back to 3.1, for the DBA; nothing is run
datastore lds_undo
long ll_row

lds_undo = Create datastore
lds_undo.DataObject = "d_zoo_stmt"
ll_row = lds_undo.InsertRow(0)
lds_undo.SetItem(ll_row, "stmt_text", "ALTER TABLE zoo_animal ALTER COLUMN weight_kg decimal(7,2) NULL")
ll_row = lds_undo.InsertRow(0)
lds_undo.SetItem(ll_row, "stmt_text", "ALTER TABLE zoo_feeding DROP COLUMN refused_flag")
ll_row = lds_undo.InsertRow(0)
lds_undo.SetItem(ll_row, "stmt_text", "DROP TABLE zoo_vet_visit")
lds_undo.SaveAs(as_file, Text!, False)

ll_row = lds_undo.RowCount()
Destroy lds_undo
Return ll_row
end function

on n_cst_zoo_schema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_zoo_schema.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

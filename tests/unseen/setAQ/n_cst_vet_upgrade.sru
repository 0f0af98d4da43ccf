$PBExportHeader$n_cst_vet_upgrade.sru
$PBExportComments$VetWise schema levels 2–8, applied in order from the level the database reports
forward
global type n_cst_vet_upgrade from nonvisualobject
end type
end forward

global type n_cst_vet_upgrade from nonvisualobject
end type
global n_cst_vet_upgrade n_cst_vet_upgrade

type variables
public:
constant integer ci_target = 8
protected:
n_cst_vet_typemap inv_types
string is_last_error
end variables

forward prototypes
public function integer of_upgrade (integer ai_from)
protected function integer of_exec (string as_sql)
protected function integer of_level2 ()
protected function integer of_level5 ()
protected function integer of_level8 ()
public function long of_missing_chips ()
public function string of_archive_sql ()
public function string of_last_error ()
end prototypes

public function integer of_upgrade (integer ai_from);// Applies every schema level after ai_from, lowest first; stops at the first failure
integer li_v, li_rc
string ls_sql

For li_v = ai_from + 1 To ci_target
	Choose Case li_v
		Case 2
			li_rc = of_level2()
		Case 3
			// microchip numbers became mandatory for pet passports (2009)
			ls_sql = "ALTER TABLE dbo.vet_patient ADD microchip_no " + inv_types.of_type("chip")
			li_rc = of_exec(ls_sql)
			If li_rc = 0 Then
				li_rc = of_exec("ALTER TABLE dbo.vet_patient ADD species_cd " + inv_types.of_type("code3"))
			End If
		Case 4
			// grams for exotics: three decimals
			li_rc = of_exec("ALTER TABLE dbo.vet_patient ALTER COLUMN weight_kg " + inv_types.of_type("weight"))
			If li_rc = 0 Then li_rc = of_exec("ALTER TABLE dbo.vet_patient DROP COLUMN chart_weight")
		Case 5
			li_rc = of_level5()
		Case 6
			// boarding module (6.0)
			li_rc = SQLCA.of_vet_set_addcolumn("vet_boarding", "species_cd", "char(3) NULL")
			If li_rc >= 0 Then li_rc = SQLCA.of_vet_set_addcolumn("vet_visit", "weight_kg", inv_types.of_type("weight"))
			If li_rc >= 0 Then li_rc = SQLCA.of_vet_set_addcolumn("vet_owner", &
					"sms_opt_in", "bit NOT NULL DEFAULT 0")
		Case 7
			// kennel card shows the chip without a join
			ls_sql = "ALTER TABLE dbo.vet_boarding ADD &
				kennel_no varchar(6) NULL, &
				microchip_no varchar(15) NULL"
			li_rc = of_exec(ls_sql)
			If li_rc = 0 Then
				ls_sql = "UPDATE b SET microchip_no = p.microchip_no " + &
					"FROM dbo.vet_boarding b JOIN dbo.vet_patient p ON p.patient_id = b.patient_id"
				li_rc = of_exec(ls_sql)
			End If
		Case 8
			li_rc = of_level8()
		Case 9
			// 9.0 (not released yet: raise ci_target when it ships)
			li_rc = of_exec("ALTER TABLE dbo.vet_visit ADD rabies_tag varchar(12) NULL")
		Case Else
			is_last_error = "No upgrade script for schema level " + String(li_v)
			li_rc = -1
	End Choose
	If li_rc < 0 Then Exit

	UPDATE vet_schema_info
	   SET schema_level = :li_v,
	       upgraded_on = GETDATE()
	 USING SQLCA;
Next

Return li_rc
end function

protected function integer of_exec (string as_sql);If SQLCA.of_ddl(as_sql) < 0 Then
	is_last_error = SQLCA.is_last_message
	Return -1
End If
Return 0
end function

protected function integer of_level2 ();// level 2: weight history (replaces the single weight on the chart)
string ls_sql
ls_sql = "CREATE TABLE dbo.vet_weight_hist ( &
	weigh_id int IDENTITY(1,1) NOT NULL, &
	patient_id int NOT NULL, &
	weigh_dt datetime NOT NULL, &
	weight_kg decimal(6,2) NOT NULL, &
	recorded_by varchar(30) NULL, &
	CONSTRAINT PK_vet_weight_hist PRIMARY KEY (weigh_id) )"
If of_exec(ls_sql) < 0 Then Return -1

// carry the chart weight over
ls_sql = "INSERT INTO dbo.vet_weight_hist (patient_id, weigh_dt, weight_kg, recorded_by) " + &
	"SELECT patient_id, GETDATE(), weight_kg, 'conversion' FROM dbo.vet_patient " + &
	"WHERE weight_kg IS NOT NULL"
Return of_exec(ls_sql)
end function

protected function integer of_level5 ();// level 5: vaccinations get their own table (they were free text on the visit)
string ls_sql
ls_sql = "CREATE TABLE dbo.vet_vaccination ("
ls_sql += "vacc_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, "
ls_sql += "patient_id int NOT NULL, "
ls_sql += "visit_id int NULL, "
ls_sql += "vaccine_cd varchar(10) NOT NULL, "
ls_sql += "rabies_tag " + inv_types.of_type("tag") + ", "
ls_sql += "given_dt date NOT NULL)"

EXECUTE IMMEDIATE :ls_sql USING SQLCA;
If SQLCA.SQLCode <> 0 Then
	is_last_error = SQLCA.SQLErrText
	Return -1
End If

// the rabies tag on the patient card becomes the first vaccination
ls_sql = "INSERT INTO dbo.vet_vaccination (patient_id, vaccine_cd, rabies_tag, given_dt) "
ls_sql += "SELECT patient_id, 'RAB', rabies_tag, CAST(GETDATE() AS date) FROM dbo.vet_patient "
ls_sql += "WHERE rabies_tag IS NOT NULL"
EXECUTE IMMEDIATE :ls_sql USING SQLCA;
Return SQLCA.SQLCode
end function

protected function integer of_level8 ();// level 8: visit times to the second, reminders
integer li_rc
string ls_sql
li_rc = of_exec("ALTER TABLE dbo.vet_visit ALTER COLUMN visit_dt datetime2(0) NOT NULL")
If li_rc < 0 Then Return li_rc

ls_sql = "CREATE TABLE dbo.vet_reminder ( &
reminder_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, &
patient_id int NOT NULL, &
due_dt date NOT NULL, &
reminder_cd char(3) NOT NULL)"
li_rc = of_exec(ls_sql)
If li_rc < 0 Then Return li_rc

ls_sql = "INSERT INTO dbo.vet_reminder (patient_id, due_dt, reminder_cd) " + &
	"SELECT v.patient_id, DATEADD(year, 1, v.given_dt), 'RAB' FROM dbo.vet_vaccination v " + &
	"WHERE v.vaccine_cd = 'RAB'"
Return of_exec(ls_sql)
end function

public function long of_missing_chips ();// dogs and cats without a chip, for the level-3 report
long ll_cnt

SELECT COUNT(*)
  INTO :ll_cnt
  FROM vet_patient
 WHERE microchip_no IS NULL
   AND species_cd IN ('CAN', 'FEL')
 USING SQLCA;

Return ll_cnt
end function

public function string of_archive_sql ();// shown to the DBA in the upgrade dialog: the archive table is created by hand on the reporting server
string ls_sql

ls_sql = "CREATE TABLE dbo.vet_vaccination_arch ( &
vacc_id int NOT NULL, &
patient_id int NOT NULL, &
rabies_tag varchar(12) NULL, &
archived_on datetime NOT NULL)"
Return ls_sql
end function

public function string of_last_error ();Return is_last_error
end function

event constructor;// default column types; a clinic may override them in vetwise.ini [ColumnTypes]
inv_types.of_register("chip", "varchar(15) NULL")
inv_types.of_register("code3", "char(3) NULL")
inv_types.of_register("weight", "decimal(7,3) NULL")
inv_types.of_register("tag", "varchar(12) NULL")
end event

on n_cst_vet_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_vet_upgrade.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

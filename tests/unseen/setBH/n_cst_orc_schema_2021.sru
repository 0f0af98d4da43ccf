$PBExportHeader$n_cst_orc_schema_2021.sru
$PBExportComments$2021 season: pressure tests, pickers, lot origin
forward
global type n_cst_orc_schema_2021 from n_cst_orc_schema
end type
end forward

global type n_cst_orc_schema_2021 from n_cst_orc_schema
end type
global n_cst_orc_schema_2021 n_cst_orc_schema_2021

type variables
protected:
n_cst_list inv_preview
end variables

forward prototypes
public function integer of_build ()
public subroutine of_dump (string as_file)
end prototypes

public function integer of_build ();// the 2019 plan, then the 2021 additions
string ls_sql
blob lblb_sql
str_orc_cmd lstr_cmd

if Super::of_build() < 0 then return -1

// the view reads orc_bin: drop it before anything else runs
inv_plan.of_insert(1, "IF OBJECT_ID('dbo.v_orc_bin_day') IS NOT NULL DROP VIEW dbo.v_orc_bin_day")
inv_plan.of_add(Long(2021))

ls_sql = "CREATE TABLE dbo.orc_pressure_test ("
ls_sql += "test_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, "
ls_sql += "bin_tag varchar(12) NOT NULL, "
ls_sql += "pressure_lbs decimal(4,1) NOT NULL, "
ls_sql += "brix_pct decimal(4,1) NULL, "
ls_sql += "tested_dt datetime NOT NULL DEFAULT GETDATE())"
inv_plan.of_add(ls_sql)

lstr_cmd.s_sql = "CREATE TABLE dbo.orc_picker (" + &
	"picker_id int NOT NULL PRIMARY KEY, " + &
	"crew_cd char(3) NOT NULL, " + &
	"picker_name varchar(60) NOT NULL, " + &
	"badge_no varchar(10) NULL)"
lstr_cmd.b_optional = False
lstr_cmd.s_note = "pickers"
inv_plan.of_add(lstr_cmd)

inv_plan.of_add("ALTER TABLE dbo.orc_bin ALTER COLUMN picker_id int NOT NULL")
of_orc_set_addcolumn("orc_lot", "block_cd", "char(6) NULL")
of_orc_set_addcolumn("orc_lot", "pick_dt", "date NULL")

lblb_sql = Blob("ALTER TABLE dbo.orc_lot ALTER COLUMN brix_pct decimal(5,2) NULL", EncodingUTF8!)
inv_plan.of_add(lblb_sql)

// where each lot came from: its first bin
ls_sql = "UPDATE l SET block_cd = b.block_cd, pick_dt = b.pick_dt " + &
	"FROM dbo.orc_lot l JOIN dbo.orc_bin b ON b.lot_no = l.lot_no " + &
	"WHERE l.block_cd IS NULL"
inv_plan.of_add(ls_sql)

ls_sql = "CREATE VIEW dbo.v_orc_bin_day AS " + &
	"SELECT b.block_cd, b.pick_dt, COUNT(b.bin_tag) AS bins, SUM(b.net_lbs) AS net_lbs, " + &
	"AVG(t.brix_pct) AS avg_brix " + &
	"FROM dbo.orc_bin b LEFT JOIN dbo.orc_pressure_test t ON t.bin_tag = b.bin_tag " + &
	"GROUP BY b.block_cd, b.pick_dt"
inv_plan.of_add(ls_sql)

// the way back, for the support desk only: written out by of_dump, never run
inv_preview.of_add("ALTER TABLE dbo.orc_lot DROP COLUMN brix_pct")
inv_preview.of_add("ALTER TABLE dbo.orc_bin ALTER COLUMN picker_id int NULL")
inv_preview.of_add("DROP TABLE dbo.orc_pressure_test")
return 1
end function

public subroutine of_dump (string as_file);// writes the way back to a script file for the support desk
integer li_file

li_file = FileOpen(as_file, LineMode!, Write!, LockWrite!, Replace!)
if li_file < 0 then return
FileWrite(li_file, "-- orchard schema 2021: undo script")
FileWrite(li_file, inv_preview.of_totext(";~r~nGO~r~n"))
FileClose(li_file)
end subroutine

event constructor;call super::constructor;inv_preview = create n_cst_list
end event

event destructor;call super::destructor;destroy inv_preview
end event

on n_cst_orc_schema_2021.create
call super::create
end on

on n_cst_orc_schema_2021.destroy
call super::destroy
end on

$PBExportHeader$n_cst_sp_schema.sru
$PBExportComments$SnowPass schema 11.0 → 12.0
forward
global type n_cst_sp_schema from nonvisualobject
end type
end forward

global type n_cst_sp_schema from nonvisualobject
end type
global n_cst_sp_schema n_cst_sp_schema

shared variables
string ss_owner = "dbo."
string ss_create = "CREATE TABLE "
end variables

type variables
protected:
n_ds_sp_steps ids_steps
n_cst_sp_sqlbuf inv_buf
string is_error
end variables

forward prototypes
public function integer of_apply (integer ai_from)
public function integer of_sp_set_addcolumn (string as_table, string as_column, string as_definition)
protected function integer of_run_buf (n_cst_sp_sqlbuf anv_buf)
protected function boolean of_has_column (string as_table, string as_column)
protected subroutine of_lift_scan_ddl ()
public function string of_error ()
end prototypes

public function integer of_apply (integer ai_from);// ai_from: database version * 100 (1050 = 10.5)
integer li_rc
n_cst_sp_sqlbuf lnv_photo, lnv_view, lnv_draft

If ai_from < 1100 Then
	// 11.0: turnstile scans and blackout calendars
	of_lift_scan_ddl()
	li_rc = of_run_buf(inv_buf)
	If li_rc < 0 Then Return li_rc

	inv_buf.of_clear()
	inv_buf.of_add(ss_create + ss_owner + "sp_blackout (")
	inv_buf.of_add("  blackout_id int IDENTITY(1,1) NOT NULL PRIMARY KEY,")
	inv_buf.of_add("  blackout_cd char(2) NOT NULL,")
	inv_buf.of_add("  blackout_dt date NOT NULL,")
	inv_buf.of_add("  descr varchar(60) NULL)")
	li_rc = of_run_buf(inv_buf)
	If li_rc < 0 Then Return li_rc
End If

// 11.05 – 12.0: the statements stored in d_sp_upgrade_steps
ids_steps.of_set_db(SQLCA)
If ids_steps.of_run(ai_from) < 0 Then
	is_error = ids_steps.of_error()
	Return -1
End If
EXECUTE IMMEDIATE "ALTER TABLE dbo.sp_pass DROP COLUMN pass_pin" USING SQLCA;

// 12.0: photo passes
li_rc = of_sp_set_addcolumn("sp_holder", "photo_ref", "varchar(64) NULL")
If li_rc < 0 Then Return li_rc
li_rc = of_sp_set_addcolumn("sp_lift", "blackout_cd", "char(2) NULL")
If li_rc < 0 Then Return li_rc

lnv_photo.of_add(ss_create + ss_owner + "sp_pass_photo (")
lnv_photo.of_add("  photo_id int IDENTITY(1,1) NOT NULL PRIMARY KEY,")
lnv_photo.of_add("  holder_id int NOT NULL,")
lnv_photo.of_add("  photo_ref varchar(64) NOT NULL,")
lnv_photo.of_add("  taken_ts datetime NOT NULL DEFAULT GETDATE())")
li_rc = of_run_buf(lnv_photo)
If li_rc < 0 Then Return li_rc

lnv_photo.of_clear()
lnv_photo.of_add("UPDATE dbo.sp_holder")
lnv_photo.of_add("   SET photo_ref = 'legacy/' + CAST(holder_id AS varchar(10))")
lnv_photo.of_add(" WHERE photo_ref IS NULL AND has_photo = 1")
li_rc = of_run_buf(lnv_photo)
If li_rc < 0 Then Return li_rc

lnv_photo.of_clear()
lnv_photo.of_add("INSERT INTO dbo.sp_pass_photo (holder_id, photo_ref)")
lnv_photo.of_add("SELECT holder_id, photo_ref FROM dbo.sp_holder")
lnv_photo.of_add(" WHERE photo_ref IS NOT NULL")
li_rc = of_run_buf(lnv_photo)
If li_rc < 0 Then Return li_rc

// longer pass numbers for the multi-resort passes
lnv_photo.of_clear()
lnv_photo.of_add("ALTER TABLE dbo.sp_pass ALTER COLUMN pass_no varchar(20) NOT NULL")
li_rc = of_run_buf(lnv_photo)
If li_rc < 0 Then Return li_rc

lnv_view.of_add("CREATE VIEW dbo.vw_sp_pass_scans AS")
lnv_view.of_add("SELECT p.pass_no, p.holder_id, s.lift_cd, s.scan_ts")
lnv_view.of_add("  FROM dbo.sp_pass p")
lnv_view.of_add("  JOIN dbo.sp_lift_scan s ON s.pass_no = p.pass_no")
li_rc = of_run_buf(lnv_view)
If li_rc < 0 Then Return li_rc

// 12.1 draft, for the DBA to review: copied to the clipboard, not run
lnv_draft.of_add("ALTER TABLE dbo.sp_lift_scan ADD photo_ref varchar(64) NULL")
::Clipboard(lnv_draft.of_text())

Return 0
end function

public function integer of_sp_set_addcolumn (string as_table, string as_column, string as_definition);// Adds as_column to as_table unless the table has it already (1 added, 0 there, -1 error)
string ls_sql

If of_has_column(as_table, as_column) Then Return 0

ls_sql = "ALTER TABLE " + ss_owner + as_table + " ADD " + as_column + " " + as_definition
EXECUTE IMMEDIATE :ls_sql USING SQLCA;
If SQLCA.SQLCode < 0 Then
	is_error = SQLCA.SQLErrText
	Return -1
End If
Return 1
end function

protected function integer of_run_buf (n_cst_sp_sqlbuf anv_buf);// the buffer arrives by value (autoinstantiate); runs its text as one statement
string ls_sql

ls_sql = anv_buf.of_text()
EXECUTE IMMEDIATE :ls_sql USING SQLCA;
If SQLCA.SQLCode < 0 Then
	is_error = SQLCA.SQLErrText + "~r~n" + ls_sql
	Return -1
End If

INSERT INTO sp_schema_log ( logged_at, stmt_text )
     VALUES ( GETDATE(), :ls_sql )
      USING SQLCA;
Return 0
end function

protected function boolean of_has_column (string as_table, string as_column);// asks the database through a throw-away DataStore: Describe answers "!" for an unknown column
string ls_syntax, ls_err
boolean lb_has
datastore lds

ls_syntax = SQLCA.SyntaxFromSQL("SELECT * FROM " + ss_owner + as_table, "style(type=grid)", ls_err)
If Len(ls_err) > 0 Then Return False

lds = create datastore
lds.Create(ls_syntax, ls_err)
lb_has = (lds.Describe(as_column + ".ColType") <> "!")
destroy lds
Return lb_has
end function

protected subroutine of_lift_scan_ddl ();// fills the instance buffer with the scan table (11.0)
inv_buf.of_clear()
inv_buf.of_add(ss_create + ss_owner + "sp_lift_scan (")
inv_buf.of_add("  scan_id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,")
inv_buf.of_add("  pass_no varchar(16) NOT NULL,")
inv_buf.of_add("  lift_cd varchar(4) NOT NULL,")
inv_buf.of_add("  scan_ts datetime NOT NULL,")
inv_buf.of_add("  gate_no smallint NULL)")
end subroutine

public function string of_error ();Return is_error
end function

event constructor;ids_steps = create n_ds_sp_steps
end event

event destructor;destroy ids_steps
end event

on n_cst_sp_schema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_sp_schema.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

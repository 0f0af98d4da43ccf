$PBExportHeader$n_cst_cem_upgrade.sru
$PBExportComments$Evergreen schema upgrade, levels 18–21
forward
global type n_cst_cem_upgrade from nonvisualobject
end type
end forward

global type n_cst_cem_upgrade from nonvisualobject
end type
global n_cst_cem_upgrade n_cst_cem_upgrade

type variables
Protected:
n_cst_cem_sqlbuilder inv_b
datastore ids_catalog
OLEObject iole_ado
end variables

forward prototypes
public function integer of_exec (string as_sql)
public function integer of_exec_ado (string as_sql)
public function integer of_load_catalog ()
public function boolean of_has_column (string as_table, string as_column)
public function integer of_cem_set_addcolumn (string as_table, string as_column, string as_definition)
public function integer of_level_18 ()
public function integer of_level_19 ()
public function integer of_level_20 ()
public function integer of_level_21 ()
public function string of_care_fund_ddl ()
public function integer of_undo_19 ()
public function integer of_run_site_scripts (string as_folder)
public function integer of_run (integer ai_from)
end prototypes

public function integer of_exec (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;
If SQLCA.SQLCode <> 0 Then
	MessageBox("Upgrade", SQLCA.SQLErrText + "~r~n~r~n" + as_sql, StopSign!)
	ROLLBACK USING SQLCA;
	Return -1
End If
COMMIT USING SQLCA;
Return 1
end function

public function integer of_exec_ado (string as_sql);// long rebuilds go through their own ADO connection: no command timeout, SQLCA not blocked
If Not IsValid(iole_ado) Then
	iole_ado = Create OLEObject
	If iole_ado.ConnectToNewObject("ADODB.Connection") <> 0 Then Return -1
	iole_ado.ConnectionString = ProfileString(gs_inifile, "Database", "AdoConnect", "")
	iole_ado.CommandTimeout = 0
	iole_ado.Open()
End If
Try
	iole_ado.Execute(as_sql)
Catch (OLERuntimeError le_ole)
	MessageBox("Upgrade", le_ole.Description + "~r~n~r~n" + as_sql, StopSign!)
	Return -1
End Try
Return 1
end function

public function integer of_load_catalog ();string ls_syntax, ls_err
ls_syntax = SQLCA.SyntaxFromSQL("SELECT LOWER(table_name) AS table_name, LOWER(column_name) AS column_name" + &
	" FROM INFORMATION_SCHEMA.COLUMNS WHERE table_schema = 'dbo'", "style(type=grid)", ls_err)
If Len(ls_err) > 0 Then Return -1
If IsValid(ids_catalog) Then Destroy ids_catalog
ids_catalog = Create datastore
ids_catalog.Create(ls_syntax, ls_err)
ids_catalog.SetTransObject(SQLCA)
Return ids_catalog.Retrieve()
end function

public function boolean of_has_column (string as_table, string as_column);long ll_found
If Not IsValid(ids_catalog) Then of_load_catalog()
ll_found = ids_catalog.Find("table_name = '" + Lower(as_table) + "' and column_name = '" + &
	Lower(as_column) + "'", 1, ids_catalog.RowCount())
Return ll_found > 0
end function

public function integer of_cem_set_addcolumn (string as_table, string as_column, string as_definition);// adds a column unless the catalog already has it
If of_has_column(as_table, as_column) Then Return 0
Return of_exec("ALTER TABLE dbo." + as_table + " ADD " + as_column + " " + as_definition)
end function


public function integer of_level_18 ();// 18: interments move out of cem_plot into their own table
string ls_sql
inv_b.of_table("cem_interment")
inv_b.of_column("interment_id", "int IDENTITY(1,1) NOT NULL")
inv_b.of_column("plot_no", "varchar(12) NOT NULL")
inv_b.of_column("deceased_name", "nvarchar(120) NOT NULL")
inv_b.of_column("interment_dt", "date NOT NULL")
inv_b.of_column("vault_type", "char(2) NULL")
inv_b.of_column("officiant", "nvarchar(80) NULL")
inv_b.of_primarykey("interment_id")
If of_exec(inv_b.of_build()) < 0 Then Return -1

// backfill from the old burial columns of cem_plot
ls_sql = "INSERT INTO dbo.cem_interment (plot_no, deceased_name, interment_dt, vault_type)" + &
	" SELECT p.plot_no, p.occupant_name, p.burial_dt, p.vault_cd" + &
	" FROM dbo.cem_plot p WHERE p.occupant_name IS NOT NULL"
If of_exec(ls_sql) < 0 Then Return -1
Return 1
end function

public function integer of_level_19 ();// 19: sections and perpetual care on the plot, deeds know their holder
string ls_sql
inv_b.of_table("cem_plot")
inv_b.of_column("section_cd", "char(4) NULL")
inv_b.of_column("care_fund_amt", "decimal(11,2) NOT NULL CONSTRAINT DF_cem_plot_care DEFAULT (0)")
ls_sql = inv_b.of_build_alter()
If of_exec(ls_sql) < 0 Then Return -1
ls_sql = inv_b.of_guard("cem_deed", "deed_holder_id") + &
	"    ALTER TABLE dbo.cem_deed ADD deed_holder_id int NULL"
If of_exec(ls_sql) < 0 Then Return -1
inv_b.of_table("cem_section")
inv_b.of_column("section_cd", "char(4) NOT NULL")
inv_b.of_column("section_name", "nvarchar(60) NOT NULL")
inv_b.of_column("garden_type", "varchar(20) NULL")
inv_b.of_primarykey("section_cd")
Return of_exec(inv_b.of_build())
end function

public function integer of_level_20 ();// 20: vault orders and permits; vault codes grow to three letters
string ls_sql
If of_cem_set_addcolumn("cem_vault_order", "vault_type", "char(3) NOT NULL CONSTRAINT DF_cem_vault_order_type DEFAULT ('CON')") < 0 Then Return -1
If of_cem_set_addcolumn("cem_interment", &
	"permit_no", "varchar(20) NULL") < 0 Then Return -1
// cem_interment is the big table: rebuild it on the ADO connection
ls_sql = "ALTER TABLE dbo.cem_interment ALTER COLUMN vault_type char(3) NULL"
Return of_exec_ado(ls_sql)
end function

public function integer of_level_21 ();// 21: the map wants the section on each interment
string ls_sql
If Not of_has_column("cem_interment", "section_cd") Then
	ls_sql = "ALTER TABLE dbo.cem_interment ADD section_cd char(4) NULL"
	If of_exec(ls_sql) < 0 Then Return -1
	ls_sql = "UPDATE i SET i.section_cd = p.section_cd" + &
		" FROM dbo.cem_interment i JOIN dbo.cem_plot p ON p.plot_no = i.plot_no"
	If of_exec(ls_sql) < 0 Then Return -1
End If
// of_cem_set_addcolumn("cem_plot", "vault_type", "char(2) NULL") // moved to cem_interment in 18
Return 1
end function

public function string of_care_fund_ddl ();// the ledger DDL is shown to the operator before it runs (finance asked for it)
inv_b.of_table("cem_care_fund_txn")
inv_b.of_column("txn_id", "int IDENTITY(1,1) NOT NULL")
inv_b.of_column("deed_holder_id", "int NOT NULL")
inv_b.of_column("plot_no", "varchar(12) NOT NULL")
inv_b.of_column("care_fund_amt", "decimal(11,2) NOT NULL")
inv_b.of_column("posted_dt", "datetime NOT NULL")
inv_b.of_primarykey("txn_id")
Return inv_b.of_build()
end function

public function integer of_undo_19 ();// kept for the DBA, not called by the application
Return of_exec("ALTER TABLE dbo.cem_plot DROP CONSTRAINT DF_cem_plot_care, COLUMN section_cd, care_fund_amt")
end function

public function integer of_run_site_scripts (string as_folder);// each cemetery may ship its own statements, one a line
datastore lds_script
long ll_row, ll_rows
string ls_sql

lds_script = Create datastore
lds_script.DataObject = "d_cem_script_line" // one char(4000) column, sql_text
ll_rows = lds_script.ImportFile(as_folder + "\site_upgrade.txt")
For ll_row = 1 To ll_rows
	ls_sql = lds_script.GetItemString(ll_row, "sql_text")
	If IsNull(ls_sql) Or Trim(ls_sql) = "" Then Continue
	EXECUTE IMMEDIATE :ls_sql USING SQLCA;
Next
Destroy lds_script
COMMIT USING SQLCA;
Return 1
end function

public function integer of_run (integer ai_from);// every level above ai_from; the ledger (of_care_fund_ddl) is confirmed by the window
If ai_from < 18 Then
	If of_level_18() < 0 Then Return -1
End If
If ai_from < 19 Then
	If of_level_19() < 0 Then Return -1
End If
If ai_from < 20 Then
	If of_level_20() < 0 Then Return -1
End If
If ai_from < 21 Then
	If of_level_21() < 0 Then Return -1
End If
Return of_run_site_scripts(ProfileString(gs_inifile, "Upgrade", "SiteFolder", "."))
end function

on n_cst_cem_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_cem_upgrade.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

event destructor;If IsValid(ids_catalog) Then Destroy ids_catalog
If IsValid(iole_ado) Then iole_ado.DisconnectObject()
end event


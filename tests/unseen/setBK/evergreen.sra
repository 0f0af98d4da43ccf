HA$PBExportHeader$evergreen.sra
$PBExportComments$Evergreen Memorial Park – plot, deed and perpetual-care records
forward
global type evergreen from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_inifile = "evergreen.ini"
integer gi_schema_level
n_cst_cem_upgrade gnv_upgrade
end variables

global type evergreen from application
string appname = "evergreen"
string appicon = "evergreen.ico"
string appruntimeversion = "17.2.0.1880"
end type
global evergreen evergreen

on evergreen.create
appname = "evergreen"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on evergreen.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// Evergreen – connect, read the schema level, offer the upgrade
long ll_temp_plots
SQLCA.DBMS       = ProfileString(gs_inifile, "Database", "DBMS", "MSOLEDBSQL SQL Server")
SQLCA.ServerName = ProfileString(gs_inifile, "Database", "ServerName", "")
SQLCA.Database   = ProfileString(gs_inifile, "Database", "Database", "evergreen")
SQLCA.DBParm     = "Provider='MSOLEDBSQL',TrustedConnection=1,AppName='Evergreen'"
SQLCA.AutoCommit = False
Connect Using SQLCA;
If SQLCA.SQLCode <> 0 Then
	MessageBox("Evergreen", "Cannot connect: " + SQLCA.SQLErrText, StopSign!)
	Halt Close
End If

SELECT MAX(level_no)
  INTO :gi_schema_level
  FROM dbo.cem_schema_level
 USING SQLCA;
If IsNull(gi_schema_level) Then gi_schema_level = 0

// plots keyed by the sales office as TMP… are not sold yet
SELECT COUNT(*)
  INTO :ll_temp_plots
  FROM dbo.cem_plot
WHERE plot_no LIKE 'TMP%'
 USING SQLCA;
If ll_temp_plots > 0 Then MessageBox("Evergreen", String(ll_temp_plots) + " plot(s) still carry a temporary number.")

gnv_upgrade = Create n_cst_cem_upgrade
Open(w_cem_upgrade)
end event


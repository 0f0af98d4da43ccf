HA$PBExportHeader$reg.sra
$PBExportComments$Registrar - course registration
forward
global type reg from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
n_cst_reg_migrator	gnv_migrator
string	gs_inifile = "registrar.ini"
end variables

global type reg from application
string appname = "reg"
string displayname = "Registrar"
end type
global reg reg

on reg.create
appname="reg"
message=create message
sqlca=create transaction
sqlda=create dynamicdescriptionarea
sqlsa=create dynamicstagingarea
error=create error
end on

on reg.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connect, queue this release's schema work, let idle time (or the first window) run it
SQLCA.DBMS = ProfileString(gs_inifile, "Database", "DBMS", "MSOLEDBSQL SQL Server")
SQLCA.ServerName = ProfileString(gs_inifile, "Database", "ServerName", "")
SQLCA.Database = ProfileString(gs_inifile, "Database", "Database", "registrar")
SQLCA.DBParm = "Provider='MSOLEDBSQL',TrustedConnection=1"
SQLCA.AutoCommit = False
CONNECT USING SQLCA;
If SQLCA.SQLCode <> 0 Then
	MessageBox("Registrar", "Cannot connect: " + SQLCA.SQLErrText, StopSign!)
	HALT CLOSE
End If

gnv_migrator = CREATE n_cst_reg_migrator
gnv_migrator.of_queue_release()
If gnv_migrator.of_apply_manifest(gnv_migrator.of_manifest()) < 0 Then
	MessageBox("Registrar", "The release manifest could not be read; the catalogue columns were not added.")
End If

// the queued statements run once nobody has typed for 20 seconds
Idle(20)
Open(w_reg_term_close)
end event

event idle;// quiet moment: apply whatever is still queued, then stop watching
If IsValid(gnv_migrator) Then
	If gnv_migrator.of_pending() > 0 Then gnv_migrator.of_run_pending()
End If
Idle(0)
end event

event close;If IsValid(gnv_migrator) Then DESTROY gnv_migrator
DISCONNECT USING SQLCA;
end event


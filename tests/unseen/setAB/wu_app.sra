$PBExportHeader$wu_app.sra
$PBExportComments$AquaBill – utility billing (application object: connection, globals, upgrade window)
forward
global type wu_app from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_owner = "dbo"
string gs_ini = "aquabill.ini"
long gl_active
end variables

global type wu_app from application
string appname = "wu_app"
end type
global wu_app wu_app

on wu_app.create
appname = "wu_app"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on wu_app.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connect, bring the schema up to date (the window runs the upgrade itself), count the active accounts
SQLCA.DBMS = ProfileString(gs_ini, "Database", "DBMS", "SNC SQL Native Client(OLE DB)")
SQLCA.ServerName = ProfileString(gs_ini, "Database", "ServerName", "")
SQLCA.Database = ProfileString(gs_ini, "Database", "Database", "aquabill")
SQLCA.DBParm = "Provider='SQLNCLI11',TrustedConnection=1"
SQLCA.AutoCommit = FALSE
CONNECT USING SQLCA ;
IF SQLCA.SQLCode <> 0 THEN
  MessageBox("AquaBill", "No connection – " + SQLCA.SQLErrText, StopSign!)
  HALT CLOSE
END IF
Open(w_wu_dbupgrade)
SELECT COUNT(*) INTO :gl_active FROM dbo.wu_account WHERE acct_status = 'A' USING SQLCA ;
end event

event close;DISCONNECT USING SQLCA ;
end event

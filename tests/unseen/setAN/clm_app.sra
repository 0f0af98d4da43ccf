HA$PBExportHeader$clm_app.sra
$PBExportComments$ClaimsPro – claims administration
forward
global type clm_app from application
end type
global n_tr_claims sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_ini = "claimspro.ini"
string gs_user
end variables

global type clm_app from application
string appname = "clm_app"
string displayname = "ClaimsPro"
end type
global clm_app clm_app

on clm_app.create
appname = "clm_app"
message = create message
sqlca = create n_tr_claims
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on clm_app.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connection settings come from the INI next to the executable
SQLCA.DBMS = ProfileString(gs_ini, "Database", "DBMS", "MSOLEDBSQL SQL Server")
SQLCA.ServerName = ProfileString(gs_ini, "Database", "Server", "CLMSQL01")
SQLCA.Database = ProfileString(gs_ini, "Database", "Database", "ClaimsPro")
SQLCA.DBParm = "Provider='MSOLEDBSQL',TrustedConnection=1,AppName='ClaimsPro'"
SQLCA.AutoCommit = false
CONNECT USING SQLCA;
if SQLCA.SQLCode <> 0 then
	MessageBox("ClaimsPro", "Cannot connect to the claims database:~r~n" + SQLCA.SQLErrText, StopSign!)
	HALT CLOSE
end if

gs_user = SQLCA.of_current_user()
if SQLCA.of_schema_version() < 1200 then
	Open(w_clm_upgrade)
end if
Open(w_clm_frame)
end event

event close;DISCONNECT USING SQLCA;
end event

HA$PBExportHeader$cm_cellar.sra
$PBExportComments$CaskMaster – cellar & barrel management
forward
global type cm_cellar from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
// settings file next to the executable
string gs_ini = "caskmaster.ini"
n_cst_cm_upgrade gnv_upgrade
end variables

global type cm_cellar from application
string appname = "cm_cellar"
string displayname = "CaskMaster"
end type
global cm_cellar cm_cellar

on cm_cellar.create
appname="cm_cellar"
message=create message
sqlca=create transaction
sqlda=create dynamicdescriptionarea
sqlsa=create dynamicstagingarea
error=create error
end on

on cm_cellar.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// CaskMaster – connect, then offer the schema upgrade
string ls_db

SQLCA.DBMS = ProfileString(gs_ini, "Database", "DBMS", "MSOLEDBSQL SQL Server")
SQLCA.ServerName = ProfileString(gs_ini, "Database", "Server", "(local)")
ls_db = ProfileString(gs_ini, "Database", "Name", "CaskMaster")
SQLCA.AutoCommit = False
SQLCA.DBParm = "Provider='MSOLEDBSQL',Database='" + ls_db + "',TrustedConnection=1,AppName='CaskMaster'"

CONNECT USING SQLCA;
if SQLCA.SQLCode <> 0 then
	MessageBox("CaskMaster", "Cannot connect to " + ls_db + ":~r~n" + SQLCA.SQLErrText, StopSign!)
	HALT CLOSE
end if

gnv_upgrade = create n_cst_cm_upgrade
Open(w_cm_upgrade)
end event

event close;if IsValid(gnv_upgrade) then destroy gnv_upgrade
DISCONNECT USING SQLCA;
end event

event systemerror;MessageBox("CaskMaster", "Error " + String(error.Number) + " in " + error.ObjectEvent + " line " + String(error.Line) + ":~r~n" + error.Text)
HALT CLOSE
end event

HA$PBExportHeader$dentaflow.sra
$PBExportComments$DentaFlow – practice management client (PB 2017 R3)
forward
global type dentaflow from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_inifile = "dentaflow.ini"
string gs_practice
end variables

global type dentaflow from application
string appname = "dentaflow"
string displayname = "DentaFlow"
end type
global dentaflow dentaflow

on dentaflow.create
appname = "dentaflow"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on dentaflow.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;long ll_due
datetime ldt_now

sqlca.DBMS = ProfileString(gs_inifile, "Database", "DBMS", "MSOLEDBSQL SQL Server")
sqlca.ServerName = ProfileString(gs_inifile, "Database", "Server", "(local)")
sqlca.LogId = ProfileString(gs_inifile, "Database", "LogId", "")
sqlca.LogPass = ProfileString(gs_inifile, "Database", "LogPass", "")
sqlca.DBParm = "Database='" + ProfileString(gs_inifile, "Database", "Database", "dentaflow") + "',Provider='MSOLEDBSQL'"
sqlca.AutoCommit = false
gs_practice = ProfileString(gs_inifile, "Practice", "Name", "")

connect using sqlca;
if sqlca.SQLCode <> 0 then
	MessageBox("DentaFlow", "Cannot connect: " + sqlca.SQLErrText, StopSign!)
	halt close
end if

// the maintenance window brings the schema up to R18 before anything else opens
Open(w_dnt_dbmaint)

ldt_now = DateTime(Today(), Now())
SELECT COUNT(*) INTO :ll_due
  FROM dbo.dnt_recall
 WHERE recall_dt <= :ldt_now AND sent_flag = 0
 USING sqlca;
if ll_due > 0 then
	SetProfileString(gs_inifile, "Recall", "PendingCount", String(ll_due))
end if
end event

event close;disconnect using sqlca;
end event


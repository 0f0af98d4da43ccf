HA$PBExportHeader$shelfwise.sra
$PBExportComments$ShelfWise – library circulation, PB 2017 R3
forward
global type shelfwise from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
n_cst_sw_appmanager gnv_app
string gs_ini = "shelfwise.ini"
end variables

global type shelfwise from application
string appname = "shelfwise"
end type
global shelfwise shelfwise

on shelfwise.create
appname = "shelfwise"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on shelfwise.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connect, then hand everything else to the application manager
long ll_overdue
datetime ldt_now

SQLCA.DBMS       = ProfileString(gs_ini, "Database", "DBMS", "MSOLEDBSQL SQL Server")
SQLCA.ServerName = ProfileString(gs_ini, "Database", "Server", "")
SQLCA.Database   = ProfileString(gs_ini, "Database", "Database", "ShelfWise")
SQLCA.AutoCommit = False
SQLCA.DBParm     = "Provider='MSOLEDBSQL',TrustedConnection=1,AppName='ShelfWise'"

CONNECT USING SQLCA;
If SQLCA.SQLCode <> 0 Then
	MessageBox("ShelfWise", "Cannot connect: " + SQLCA.SQLErrText, StopSign!)
	Halt Close
End If

gnv_app = Create n_cst_sw_appmanager
gnv_app.of_init(SQLCA)

ldt_now = DateTime(Today(), Now())
SELECT COUNT(*)
  INTO :ll_overdue
  FROM sw_loan
 WHERE due_dt < :ldt_now
   AND return_dt IS NULL
 USING SQLCA;

If gnv_app.of_schema_level() < 1800 Then
	Open(w_sw_dbupgrade_r18)
Else
	Open(w_sw_frame)
End If
end event


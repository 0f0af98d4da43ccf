$PBExportHeader$lndapp.sra
$PBExportComments$Loan pool administration
forward
global type lndapp from application
end type
global n_tr sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_logfile = "lndupg.log"
end variables

global type lndapp from application
string appname = "lndapp"
end type
global lndapp lndapp

on lndapp.create
appname="lndapp"
message=create message
sqlca=create n_tr
sqlda=create dynamicdescriptionarea
sqlsa=create dynamicstagingarea
error=create error
end on

on lndapp.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connect and open the admin window
SQLCA.DBMS = ProfileString("lnd.ini", "db", "dbms", "MSS")
SQLCA.ServerName = ProfileString("lnd.ini", "db", "server", "")
SQLCA.Database = ProfileString("lnd.ini", "db", "database", "LND")
SQLCA.AutoCommit = True
CONNECT USING SQLCA;
IF SQLCA.SQLCode <> 0 THEN
	MessageBox("Connect", SQLCA.SQLErrText)
	HALT CLOSE
END IF
Open(w_admin_upgrade)
end event

event close;DISCONNECT USING SQLCA;
end event

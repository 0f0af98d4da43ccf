$PBExportHeader$loanledger.sra
$PBExportComments$LoanLedger servicing plug-in – application object
forward
global type loanledger from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_ini = "loanledger.ini"
end variables

global type loanledger from application
string appname = "loanledger"
end type
global loanledger loanledger

on loanledger.create
appname = "loanledger"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on loanledger.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connect from the .ini, then the upgrade window does the rest from its timer
SQLCA.DBMS = ProfileString(gs_ini, "Database", "DBMS", "MSS Microsoft SQL Server")
SQLCA.ServerName = ProfileString(gs_ini, "Database", "ServerName", "")
SQLCA.Database = ProfileString(gs_ini, "Database", "Database", "loanledger")
SQLCA.AutoCommit = False
CONNECT USING SQLCA ;
If SQLCA.SQLCode <> 0 Then
	MessageBox("LoanLedger", "Cannot connect: " + SQLCA.SQLErrText, StopSign!)
	Return
End If
Open(w_ms_upgrade)
end event

event close;DISCONNECT USING SQLCA ;
end event

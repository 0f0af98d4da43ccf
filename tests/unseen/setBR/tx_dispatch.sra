$PBExportHeader$tx_dispatch.sra
$PBExportComments$CabDesk dispatch – application object
forward
global type tx_dispatch from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_user
end variables

global type tx_dispatch from application
string appname = "tx_dispatch"
string displayname = "CabDesk"
end type
global tx_dispatch tx_dispatch

on tx_dispatch.create
appname="tx_dispatch"
message=create message
sqlca=create transaction
sqlda=create dynamicdescriptionarea
sqlsa=create dynamicstagingarea
error=create error
end on

on tx_dispatch.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;string ls_server

RegistryGet("HKEY_LOCAL_MACHINE\SOFTWARE\CabDesk\Database", "Server", RegString!, ls_server)
If ls_server = "" Then ls_server = "(local)"

SQLCA.DBMS = "SNC SQL Native Client(OLE DB)"
SQLCA.ServerName = ls_server
SQLCA.Database = "cabdesk"
SQLCA.DBParm = "Provider='SQLNCLI11',TrustedConnection=1"
SQLCA.AutoCommit = True
CONNECT USING SQLCA ;
If SQLCA.SQLCode <> 0 Then
	MessageBox("CabDesk", "No database: " + SQLCA.SQLErrText, StopSign!)
	Return
End If

gs_user = SQLCA.LogId
Open(w_tx_upgrade)
end event

event close;DISCONNECT USING SQLCA ;
end event

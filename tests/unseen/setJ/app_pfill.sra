$PBExportHeader$app_pfill.sra
$PBExportComments$Application PowerFill (greffon) - mise à niveau des bases clientes
forward
global type app_pfill from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
// Préfixe du schéma et tables partagées (ne pas modifier sans l'équipe « données »)
string gs_dbo = "dbo."
string gs_tbl_trades = "dbo.rmusr_trades"
n_cst_upg_exec gnv_exec
end variables

global type app_pfill from application
string appname = "app_pfill"
end type
global app_pfill app_pfill

on app_pfill.create
appname = "app_pfill"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on app_pfill.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// Connexion à la base du client, puis fenêtre de mise à niveau
gnv_exec = CREATE n_cst_upg_exec
SQLCA.DBMS = "MSS Microsoft SQL Server"
SQLCA.ServerName = ProfileString("pfill.ini", "database", "server", "")
SQLCA.Database = ProfileString("pfill.ini", "database", "name", "")
SQLCA.AutoCommit = True
CONNECT USING SQLCA ;
If SQLCA.SQLCode <> 0 Then
	MessageBox("PowerFill", "Connexion impossible : " + SQLCA.SQLErrText)
	HALT CLOSE
End If
Open(w_tenant_upgrade)
end event

event close;DESTROY gnv_exec
DISCONNECT USING SQLCA ;
end event

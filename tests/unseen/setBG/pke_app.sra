HA$PBExportHeader$pke_app.sra
$PBExportComments$Parking enforcement – citation back office
forward
global type pke_app from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
// DDL vocabulary shared by f_pke_ddl and the upgrade service
constant string GS_PKE_OWNER   = "dbo."
constant string GS_PKE_ALTER   = "ALTER TABLE "
constant string GS_PKE_ADD     = " ADD "
constant string GS_PKE_ALTCOL  = " ALTER COLUMN "
constant string GS_PKE_CREATE  = "CREATE TABLE "
constant string GS_PKE_NULL    = " NULL"
constant string GS_PKE_NOTNULL = " NOT NULL"
// whole statements of the 4.2 hot fix (run by w_pke_upgrade below version 42)
constant string GS_PKE_HOTFIX_FINE = "ALTER TABLE dbo.pke_citation ALTER COLUMN fine_amt decimal(9,2) NOT NULL"
constant string GS_PKE_HOTFIX_LATE = "ALTER TABLE dbo.pke_citation ADD late_fee_amt decimal(9,2) NULL"
constant string GS_PKE_HOTFIX_OLD  = "ALTER TABLE dbo.pke_citation DROP COLUMN meter_old_id"
string gs_pke_ini = "pke.ini"
n_cst_pke_upgrade gnv_upgrade
end variables

global type pke_app from application
string appname = "pke_app"
end type
global pke_app pke_app

on pke_app.create
appname = "pke_app"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on pke_app.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connect from pke.ini, then offer the upgrade
SQLCA.DBMS = ProfileString(gs_pke_ini, "database", "dbms", "MSS Microsoft SQL Server")
SQLCA.ServerName = ProfileString(gs_pke_ini, "database", "server", "")
SQLCA.Database = ProfileString(gs_pke_ini, "database", "database", "pke")
SQLCA.LogId = ProfileString(gs_pke_ini, "database", "logid", "")
SQLCA.DBParm = "Provider='SQLNCLI11',TrustedConnection=1"
SQLCA.AutoCommit = True

connect using SQLCA;
if SQLCA.SQLCode <> 0 then
	MessageBox("Parking", "Cannot connect: " + SQLCA.SQLErrText, StopSign!)
	halt close
end if

gnv_upgrade = create n_cst_pke_upgrade
open(w_pke_upgrade)
end event

event close;destroy gnv_upgrade
disconnect using SQLCA;
end event

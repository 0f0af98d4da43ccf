$PBExportHeader$lims_app.sra
$PBExportComments$LIMS workstation – application object (globals, connection)
forward
global type lims_app from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
n_cst_lims_string gnv_string
string gs_owner = "dbo"
string gs_site
end variables

global type lims_app from application
string appname = "lims_app"
end type
global lims_app lims_app

on lims_app.create
appname = "lims_app"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on lims_app.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connection from lims.ini; the schema check runs before the login window
sqlca.dbms = profilestring("lims.ini", "database", "dbms", "MSOLEDBSQL SQL Server")
sqlca.servername = profilestring("lims.ini", "database", "server", "")
sqlca.database = profilestring("lims.ini", "database", "database", "lims")
sqlca.dbparm = "TrustedConnection=1,Provider='MSOLEDBSQL'"
sqlca.autocommit = true
gs_site = upper(profilestring("lims.ini", "site", "type", "HOSP"))
connect using sqlca;
if sqlca.sqlcode <> 0 then
   messagebox("LIMS", "No connection: " + sqlca.sqlerrtext, stopsign!)
   halt close
end if
open(w_lims_dbcheck)
end event

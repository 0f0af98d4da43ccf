$PBExportHeader$routemaster.sra
$PBExportComments$RouteMaster – pupil transportation (routes, stops, vehicles, drivers)
forward
global type routemaster from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
n_cst_rm_dict gnv_dict
string gs_inifile = "routemaster.ini"
end variables

global type routemaster from application
string appname = "routemaster"
end type
global routemaster routemaster

on routemaster.create
appname="routemaster"
message=create message
sqlca=create transaction
sqlda=create dynamicdescriptionarea
sqlsa=create dynamicstagingarea
error=create error
end on

on routemaster.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;sqlca.dbms = profilestring(gs_inifile, "database", "dbms", "MSOLEDBSQL SQL Server")
sqlca.servername = profilestring(gs_inifile, "database", "server", "")
sqlca.database = profilestring(gs_inifile, "database", "database", "RouteMaster")
sqlca.dbparm = "TrustedConnection=1,Provider='MSOLEDBSQL'"
sqlca.autocommit = false
connect using sqlca;
if sqlca.sqlcode <> 0 then
	messagebox("RouteMaster", "Cannot connect: " + sqlca.sqlerrtext, stopsign!)
	halt close
end if

gnv_dict = create n_cst_rm_dict
open(w_rm_upgrade)
end event

event close;if isvalid(gnv_dict) then destroy gnv_dict
disconnect using sqlca;
end event


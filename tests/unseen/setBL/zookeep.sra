$PBExportHeader$zookeep.sra
$PBExportComments$ZooKeep – animal care records
forward
global type zookeep from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_ini = "zookeep.ini"
end variables

global type zookeep from application
string appname = "zookeep"
string appruntimeversion = "22.2.0.3356"
end type
global zookeep zookeep

on zookeep.create
appname = "zookeep"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on zookeep.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;sqlca.dbms = "MSOLEDBSQL SQL Server"
sqlca.servername = profilestring(gs_ini, "db", "server", "")
sqlca.database = profilestring(gs_ini, "db", "database", "zookeep")
sqlca.dbparm = "Provider='MSOLEDBSQL',TrustedConnection=1"
connect using sqlca;
if sqlca.sqlcode <> 0 then
	messagebox("ZooKeep", sqlca.sqlerrtext, stopsign!)
	halt close
end if
open(w_zk_upgrade)
end event


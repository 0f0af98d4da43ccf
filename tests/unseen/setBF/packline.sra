$PBExportHeader$packline.sra
$PBExportComments$PackLine – packing house receiving and grading
forward
global type packline from application
end type
global n_tr_pk sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global type packline from application
string appname = "packline"
end type
global packline packline

on packline.create
appname = "packline"
message = create message
sqlca = create n_tr_pk
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on packline.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;string ls_ini

ls_ini = "packline.ini"
sqlca.dbms = profilestring(ls_ini, "db", "dbms", "SNC SQL Native Client(OLE DB)")
sqlca.servername = profilestring(ls_ini, "db", "server", "(local)")
sqlca.database = profilestring(ls_ini, "db", "database", "packline")
sqlca.dbparm = "TrustedConnection=1"
sqlca.autocommit = true

connect using sqlca;
if sqlca.sqlcode <> 0 then
	messagebox("PackLine", sqlca.sqlerrtext, stopsign!)
	halt close
end if

open(w_pk_upgrade)
end event


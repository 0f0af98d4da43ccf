$PBExportHeader$timberyard.sra
$PBExportComments$TimberYard – log yard, kilns and lumber tally
forward
global type timberyard from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
n_cst_ty_ddl gnv_ddl
string gs_ini = "timberyard.ini"
end variables

global type timberyard from application
string appname = "timberyard"
string displayname = "TimberYard"
end type
global timberyard timberyard

on timberyard.create
appname = "timberyard"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on timberyard.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;string ls_species
integer li_missing

sqlca.dbms = profilestring(gs_ini, "database", "dbms", "SNC")
sqlca.servername = profilestring(gs_ini, "database", "server", "(local)")
sqlca.database = profilestring(gs_ini, "database", "database", "timberyard")
sqlca.dbparm = "Provider='SQLNCLI11',TrustedConnection=1"
sqlca.autocommit = false
connect using sqlca;
if sqlca.sqlcode <> 0 then
	messagebox("TimberYard", "No database connection:~r~n" + sqlca.sqlerrtext, stopsign!)
	halt close
end if

gnv_ddl = create n_cst_ty_ddl
open(w_ty_upgrade)

// species without a drying schedule: warn once a start
declare lc_species cursor for
	select species_cd from ty_species where dry_days is null
	using sqlca;
open lc_species;
fetch lc_species into :ls_species;
do while sqlca.sqlcode = 0
	li_missing++
	fetch lc_species into :ls_species;
loop
close lc_species;
if li_missing > 0 then
	messagebox("TimberYard", string(li_missing) + " species have no drying schedule yet.")
end if
end event

event close;destroy gnv_ddl
disconnect using sqlca;
end event


HA$PBExportHeader$brewmaster.sra
$PBExportComments$BrewMaster – brewhouse production, cellar and excise
forward
global type brewmaster from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_ini = "brewmaster.ini"
string gs_last_batch
integer gi_schema_level
end variables

global type brewmaster from application
string appname = "brewmaster"
string displayname = "BrewMaster"
end type
global brewmaster brewmaster

on brewmaster.create
appname = "brewmaster"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on brewmaster.destroy
destroy( sqlca )
destroy( sqlda )
destroy( sqlsa )
destroy( error )
destroy( message )
end on

event open;// Connect with the settings of brewmaster.ini; the cellar PCs share one file on the server
sqlca.DBMS       = ProfileString(gs_ini, "Database", "DBMS", "MSOLEDBSQL SQL Server")
sqlca.ServerName = ProfileString(gs_ini, "Database", "ServerName", "BREWSQL01")
sqlca.Database   = ProfileString(gs_ini, "Database", "Database", "BrewMaster")
sqlca.LogId      = ProfileString(gs_ini, "Database", "LogId", "")
sqlca.LogPass    = ProfileString(gs_ini, "Database", "LogPass", "")
sqlca.DBParm     = "Provider='MSOLEDBSQL',Database='" + sqlca.Database + "',TrustedConnection=1"
sqlca.AutoCommit = False

connect using sqlca;
if sqlca.SQLCode <> 0 then
	MessageBox("BrewMaster", "Cannot connect to " + sqlca.ServerName + ":~r~n" + sqlca.SQLErrText, StopSign!)
	halt close
end if

// Level 4 is the 2019 excise release (see the cellar team's wiki page "Schema levels")
gi_schema_level = ProfileInt(gs_ini, "Schema", "Level", 0)
if gi_schema_level < 4 then
	Open(w_brw_upgrade)
	return
end if

SELECT MAX(batch_no) INTO :gs_last_batch FROM brw_batch USING sqlca;
Open(w_brw_main)
end event

event systemerror;MessageBox("BrewMaster", "Error " + String(error.Number) + " in " + error.ObjectEvent + &
	" line " + String(error.Line) + ":~r~n" + error.Text, StopSign!)
end event

event close;disconnect using sqlca;
end event


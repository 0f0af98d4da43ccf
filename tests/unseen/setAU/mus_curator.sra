HA$PBExportHeader$mus_curator.sra
$PBExportComments$CuratorPro – collections management application
forward
global type mus_curator from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string				gs_ini = "curator.ini"
string				gs_schema_release
n_cst_mus_dbpatch	gnv_patch
end variables

global type mus_curator from application
string appname = "mus_curator"
string displayname = "CuratorPro"
end type
global mus_curator mus_curator

type prototypes
Function ulong GetTickCount() Library "kernel32.dll"
Function boolean GetComputerNameW(ref string lpBuffer, ref ulong nSize) Library "kernel32.dll"
Subroutine Sleep(ulong dwMilliseconds) Library "kernel32.dll"
end prototypes

type variables
constant string	CS_TARGET_RELEASE = "2025.2"
end variables

on mus_curator.create
appname = "mus_curator"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on mus_curator.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;string		ls_host
ulong		lul_len = 64, lul_start
long		ll_overdue

lul_start = GetTickCount()
ls_host = Space(lul_len)
if not GetComputerNameW(ls_host, lul_len) then ls_host = "?"

sqlca.DBMS       = ProfileString(gs_ini, "Database", "DBMS", "MSOLEDBSQL SQL Server")
sqlca.ServerName = ProfileString(gs_ini, "Database", "Server", "(local)")
sqlca.Database   = ProfileString(gs_ini, "Database", "Database", "curator")
sqlca.DBParm     = "Provider='MSOLEDBSQL',TrustedConnection=1,AppName='CuratorPro " + Trim(ls_host) + "'"
sqlca.AutoCommit = False
connect using sqlca;
if sqlca.SQLCode <> 0 then
	MessageBox("CuratorPro", "Cannot connect to " + sqlca.ServerName + ": " + sqlca.SQLErrText, StopSign!)
	halt close
end if

SELECT cfg_value INTO :gs_schema_release FROM mus_config WHERE cfg_key = 'schema_release' USING sqlca;
if sqlca.SQLCode <> 0 or IsNull(gs_schema_release) then gs_schema_release = "2024.4"

gnv_patch = create n_cst_mus_dbpatch
if gs_schema_release < CS_TARGET_RELEASE then
	OpenWithParm(w_mus_upgrade, CS_TARGET_RELEASE)
end if

// incoming loans past their due date – shown on the start page
SELECT COUNT(*) INTO :ll_overdue FROM mus_loan
 WHERE loan_due_dt < GETDATE() AND loan_status = 'O'
 USING sqlca;
if ll_overdue > 0 then
	MessageBox("CuratorPro", String(ll_overdue) + " incoming loans are overdue.", Information!)
end if
if GetTickCount() - lul_start > 20000 then Sleep(0)
end event

event close;if IsValid(gnv_patch) then destroy gnv_patch
disconnect using sqlca;
end event

$PBExportHeader$app_pfx.sra
$PBExportComments$PFX servicing plugin host – connects, brings the tenant schema up to date, hands over to the frame
forward
global type app_pfx from application
end type
global n_tr_pfx sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
n_cst_pfx_upgrade gnv_upgrade
integer gi_db_ver
string gs_ini = "pfx.ini"
end variables

global type app_pfx from application
string appname = "app_pfx"
event ue_upgrade ( )
end type
global app_pfx app_pfx

type prototypes
Function ulong GetTickCount() Library "kernel32.dll"
end prototypes

type variables
ulong iul_started
end variables

forward prototypes
public function integer of_upgrade_tenant ()
end prototypes

public function integer of_upgrade_tenant ();// Also called by the frame's "Re-run upgrade" item
integer li_rc
string ls_one = "1"

SELECT ver_no INTO :gi_db_ver FROM dbo.pfx_version WHERE module_cd = 'PFX' USING sqlca ;
If sqlca.SQLCode = 100 Then gi_db_ver = 0
gnv_upgrade = Create n_cst_pfx_upgrade
li_rc = gnv_upgrade.of_run(sqlca, gi_db_ver)
Destroy gnv_upgrade
// the ARM reset table belongs to the host, not to the plan
sqlca.of_pfx_set_addcolumn("coupon_adj", "decimal(7,5) NULL", "pfx_arm_reset")
// sqlca.of_pfx_set_addcolumn("coupon_adj", "decimal(7,5) NULL", "pfx_arm_stage")   // stage table retired in 12.0
UPDATE dbo.pfx_arm_reset SET coupon_adj = 0 WHERE coupon_adj IS NULL USING sqlca ;
sqlca.of_prepared("UPDATE dbo.pfx_loan SET lien_pos = ? WHERE lien_pos IS NULL", ls_one)
If li_rc < 0 Then
	ROLLBACK USING sqlca ;
Else
	COMMIT USING sqlca ;
End If
Return li_rc
end function

on app_pfx.create
appname = "app_pfx"
message = create message
sqlca = create n_tr_pfx
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on app_pfx.destroy
destroy( sqlca )
destroy( sqlda )
destroy( sqlsa )
destroy( error )
destroy( message )
end on

event open;// The frame is opened by the host once ue_upgrade has run
iul_started = GetTickCount()
sqlca.DBMS = "MSOLEDBSQL SQL Server"
sqlca.ServerName = ProfileString(gs_ini, "database", "server", "")
sqlca.Database = ProfileString(gs_ini, "database", "name", "")
sqlca.DBParm = "TrustedConnection=1,Provider='MSOLEDBSQL'"
sqlca.AutoCommit = False
CONNECT USING sqlca ;
If sqlca.SQLCode <> 0 Then
	MessageBox("PFX", "Cannot connect: " + sqlca.SQLErrText, StopSign!)
	Halt Close
End If
this.Event Post ue_upgrade()
end event

event ue_upgrade();// Posted from open so the splash can paint first
If of_upgrade_tenant() < 0 Then
	MessageBox("PFX", "The upgrade failed, see pfx_upgrade.log (" + String((GetTickCount() - iul_started) / 1000) + " s)", Exclamation!)
End If
end event

event close;DISCONNECT USING sqlca ;
end event

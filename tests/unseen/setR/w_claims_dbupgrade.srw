$PBExportHeader$w_claims_dbupgrade.srw
$PBExportComments$Database upgrade (admin only) – runs the release scripts the current level needs
forward
global type w_claims_dbupgrade from window
end type
type st_status from statictext within w_claims_dbupgrade
end type
type cb_upgrade from commandbutton within w_claims_dbupgrade
end type
end forward

global type w_claims_dbupgrade from window
integer width = 2011
integer height = 640
boolean titlebar = true
string title = "Claims Database Upgrade"
boolean controlmenu = true
windowtype windowtype = popup!
long backcolor = 67108864
st_status st_status
cb_upgrade cb_upgrade
end type
global w_claims_dbupgrade w_claims_dbupgrade

type variables
n_claims_dbscript inv_db
datastore ids_log
end variables

forward prototypes
public function integer wf_upgrade (string as_level)
public subroutine wf_log_script (string as_text)
public subroutine wf_check_npi ()
end prototypes

public function integer wf_upgrade (string as_level);// as_level: the level in claims_sysinfo before the upgrade ("2019.1" ... "2020.1")
inv_db.of_settrans(SQLCA)
Try
	Choose Case as_level
		Case "2019.1", "2019.2"
			st_status.Text = "Applying 2019.3 (denials, copay, NPI)..."
			inv_db.of_run(inv_db.of_release_2019_3())
			inv_db.of_claims_set_addcolumn("claim", "denial_code", "varchar(5) NULL")
			inv_db.of_claims_set_addcolumn("claim", "paid_dt", "datetime NULL")
			inv_db.of_claims_set_addcolumn("claim_line", "denial_code", "char(5) NOT NULL DEFAULT 'NONE'")
			st_status.Text = "Applying 2020.1 (plan tiers)..."
			inv_db.of_run(inv_db.of_release_2020_1())
		Case "2019.3"
			st_status.Text = "Applying 2020.1 (plan tiers)..."
			inv_db.of_run(inv_db.of_release_2020_1())
		Case Else
			Return 0
	End Choose
	inv_db.of_claims_set_addcolumn("provider", "plan_tier", "tinyint NULL")
	// inv_db.of_claims_set_addcolumn("member", "npi_no", "char(10) NULL")
	inv_db.of_claims_set_addcolumn("claim_line", "allowed_amt", &
		"decimal(11,2) NULL")
	UPDATE dbo.claim_line SET allowed_amt = 0 WHERE allowed_amt IS NULL USING SQLCA ;
	UPDATE claims_sysinfo SET db_level = '2020.1' USING SQLCA ;
	COMMIT USING SQLCA ;
Catch (exc_claims_upgrade lexc)
	ROLLBACK USING SQLCA ;
	wf_log_script(lexc.is_batch)
	MessageBox("Upgrade failed", lexc.GetMessage(), StopSign!)
	Return -1
Finally
	st_status.Text = "Done."
End Try
// manual step for the DBA: NPI must be cleaned before it becomes mandatory
wf_log_script("ALTER TABLE dbo.provider ALTER COLUMN npi_no char(10) NOT NULL")
wf_check_npi()
Return 1
end function

public subroutine wf_log_script (string as_text);// Keeps the text in the log DataStore and writes it for the DBA; nothing here is run
long ll_row

ll_row = ids_log.InsertRow(0)
ids_log.SetItem(ll_row, "script_text", as_text)
ids_log.SetItem(ll_row, "logged_at", DateTime(Today(), Now()))
ids_log.SaveAs("claims_dbupgrade_manual.sql", Text!, False)
end subroutine

public subroutine wf_check_npi ();// Lists providers still missing an NPI and shows the paid claims of the last 30 days
long ll_id, ll_missing
string ls_sel

DECLARE lc_prov CURSOR FOR
	SELECT provider_id FROM dbo.provider
	 WHERE npi_no IS NULL OR LEN(npi_no) < 10
	 USING SQLCA ;
OPEN lc_prov ;
FETCH lc_prov INTO :ll_id ;
Do While SQLCA.SQLCode = 0
	ll_missing ++
	FETCH lc_prov INTO :ll_id ;
Loop
CLOSE lc_prov ;
If ll_missing > 0 Then st_status.Text = String(ll_missing) + " provider(s) without NPI"

ls_sel = "SELECT claim_id, paid_dt, allowed_amt, copay_amt, member_resp_amt FROM dbo.claim" + &
	" WHERE paid_dt >= '" + String(RelativeDate(Today(), -30), "yyyy-mm-dd") + "'"
ids_log.SetSQLSelect(ls_sel)
ids_log.Retrieve()
end subroutine

on w_claims_dbupgrade.create
this.st_status=create st_status
this.cb_upgrade=create cb_upgrade
this.Control[]={this.st_status,&
this.cb_upgrade}
end on

on w_claims_dbupgrade.destroy
destroy(this.st_status)
destroy(this.cb_upgrade)
end on

event open;ids_log = Create datastore
ids_log.DataObject = "d_claims_dbupgrade_log"
ids_log.SetTransObject(SQLCA)
end event

event close;Destroy ids_log
end event

type st_status from statictext within w_claims_dbupgrade
integer x = 46
integer y = 48
integer width = 1902
integer height = 200
integer textsize = -9
fontcharset fontcharset = ansi!
string facename = "Segoe UI"
long textcolor = 33554432
long backcolor = 67108864
string text = "Click Upgrade to bring the claims database to level 2020.1."
end type

type cb_upgrade from commandbutton within w_claims_dbupgrade
integer x = 1513
integer y = 380
integer width = 430
integer height = 112
integer taborder = 10
integer textsize = -9
string facename = "Segoe UI"
string text = "&Upgrade"
boolean default = true
end type

event clicked;string ls_level

SELECT db_level INTO :ls_level FROM claims_sysinfo USING SQLCA ;
If SQLCA.SQLCode <> 0 Then
	MessageBox("Upgrade", "Cannot read the database level: " + SQLCA.SQLErrText)
	Return
End If
If Parent.wf_upgrade(ls_level) = 1 Then this.Enabled = False
end event

$PBExportHeader$w_mus_upgrade.srw
$PBExportComments$CuratorPro – schema upgrade dialog
forward
global type w_mus_upgrade from window
end type
type st_status from statictext within w_mus_upgrade
end type
type mle_log from multilineedit within w_mus_upgrade
end type
type cb_preview from commandbutton within w_mus_upgrade
end type
type cb_apply from commandbutton within w_mus_upgrade
end type
end forward

global type w_mus_upgrade from window
integer width = 2400
integer height = 1560
boolean titlebar = true
string title = "CuratorPro – database upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
string icon = "AppIcon!"
boolean center = true
event ue_verify ( )
st_status st_status
mle_log mle_log
cb_preview cb_preview
cb_apply cb_apply
end type
global w_mus_upgrade w_mus_upgrade

type variables
string	is_target
end variables

on w_mus_upgrade.create
this.st_status=create st_status
this.mle_log=create mle_log
this.cb_preview=create cb_preview
this.cb_apply=create cb_apply
this.Control[]={this.st_status,&
this.mle_log,&
this.cb_preview,&
this.cb_apply}
end on

on w_mus_upgrade.destroy
destroy(this.st_status)
destroy(this.mle_log)
destroy(this.cb_preview)
destroy(this.cb_apply)
end on

event open;is_target = Message.StringParm
st_status.Text = "Database release " + gs_schema_release + " → " + is_target
end event

event ue_verify();long		ll_missing, ll_loans, ll_lender
string		ls_accno
decimal{2}	ldc_value

// objects whose hazard status is still unknown after the backfill
SELECT COUNT(*) INTO :ll_missing
  FROM mus_object
 WHERE hazard_flag IS NULL OR condition_cd IS NULL
 USING SQLCA;

DECLARE lc_loan CURSOR FOR
 SELECT l.accession_no, l.lender_id, l.insured_value
   FROM mus_loan l JOIN mus_lender d ON d.lender_id = l.lender_id
  WHERE l.loan_status = 'P'
 USING SQLCA;
OPEN lc_loan;
do while true
	FETCH lc_loan INTO :ls_accno, :ll_lender, :ldc_value;
	if SQLCA.SQLCode <> 0 then exit
	ll_loans ++
	if IsNull(ldc_value) then mle_log.Text += "Loan " + ls_accno + " has no insured value~r~n"
loop
CLOSE lc_loan;

st_status.Text = String(ll_missing) + " objects without condition, " + String(ll_loans) + " pending loans"
end event

type st_status from statictext within w_mus_upgrade
integer x = 37
integer y = 32
integer width = 2304
integer height = 80
integer textsize = -9
string facename = "Segoe UI"
long backcolor = 67108864
string text = "Ready"
end type

type mle_log from multilineedit within w_mus_upgrade
integer x = 37
integer y = 128
integer width = 2304
integer height = 1100
integer textsize = -9
string facename = "Consolas"
boolean vscrollbar = true
boolean autovscroll = true
boolean displayonly = true
borderstyle borderstyle = stylelowered!
end type

type cb_preview from commandbutton within w_mus_upgrade
integer x = 1426
integer y = 1280
integer width = 421
integer height = 112
integer textsize = -9
string facename = "Segoe UI"
string text = "Preview"
end type

event clicked;// what the 2024 client added by hand – shown for the DBA only, never run from here
mle_log.Text = "ALTER TABLE dbo.mus_object ADD loan_due_dt datetime NULL~r~n" + &
	"ALTER TABLE dbo.mus_object ADD lender_id int NULL"
end event

type cb_apply from commandbutton within w_mus_upgrade
integer x = 1902
integer y = 1280
integer width = 421
integer height = 112
integer textsize = -9
string facename = "Segoe UI"
string text = "Apply"
boolean default = true
end type

event clicked;integer	li_rc

SetPointer(HourGlass!)
li_rc = gnv_patch.of_upgrade(gs_schema_release, is_target)
if li_rc < 0 then
	MessageBox("Upgrade", "The upgrade stopped; see the log.", StopSign!)
	return
end if

// columns the 2025 valuation screens need
gnv_patch.of_mus_set_addcolumn("dbo.mus_valuation", "insured_value", "decimal(14,2) NULL")
gnv_patch.of_mus_set_addcolumn("dbo.mus_loan", &
	"insurer_ref", "varchar(40) NULL")
//gnv_patch.of_mus_set_addcolumn("dbo.mus_valuation", "loan_due_dt", "datetime NULL")

UPDATE mus_config SET cfg_value = :is_target WHERE cfg_key = 'schema_release' USING SQLCA;
COMMIT USING SQLCA;
gs_schema_release = is_target
parent.TriggerEvent("ue_verify")
end event

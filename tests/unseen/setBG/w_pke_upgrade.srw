HA$PBExportHeader$w_pke_upgrade.srw
$PBExportComments$Citation database upgrade – run once per site
forward
global type w_pke_upgrade from window
end type
type cb_upgrade from commandbutton within w_pke_upgrade
end type
type st_status from statictext within w_pke_upgrade
end type
end forward

global type w_pke_upgrade from window
integer width = 1600
integer height = 700
boolean titlebar = true
string title = "Citation database upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event ue_runqueue pbm_custom01
cb_upgrade cb_upgrade
st_status st_status
end type
global w_pke_upgrade w_pke_upgrade

type variables
string is_queue[]
long il_queued
integer ii_dbver
end variables

forward prototypes
public subroutine wf_queue (string as_sql)
public subroutine wf_summary ()
end prototypes

event ue_runqueue;// pbm_custom01 (WM_USER, 1024): runs what wf_queue collected
long ll_i

for ll_i = 1 to il_queued
	st_status.text = "Step " + String(ll_i) + " of " + String(il_queued)
	if gnv_upgrade.of_exec(is_queue[ll_i]) < 0 then
		il_queued = 0
		return 1
	end if
next
il_queued = 0
return 0
end event

public subroutine wf_queue (string as_sql);il_queued ++
is_queue[il_queued] = as_sql
end subroutine

public subroutine wf_summary ();// what is left to review after the upgrade
long ll_open, ll_nozone, ll_id
string ls_plate
decimal{2} ldc_total, ldc_fine
datetime ldt_from

ldt_from = DateTime(RelativeDate(Today(), -365))
SELECT COUNT(*), SUM(fine_amt)
  INTO :ll_nozone, :ldc_total
  FROM dbo.pke_citation
 WHERE zone_cd IS NULL
   AND issued_dt >= :ldt_from
 USING SQLCA;

DECLARE lc_open CURSOR FOR
	SELECT a.appeal_id, c.plate_no, c.fine_amt
	  FROM dbo.pke_appeal a JOIN dbo.pke_citation c ON c.citation_no = a.citation_no
	 WHERE a.appeal_status = 'O'
	USING SQLCA;
OPEN lc_open;
do
	FETCH lc_open INTO :ll_id, :ls_plate, :ldc_fine;
	if SQLCA.SQLCode = 0 then ll_open ++
loop while SQLCA.SQLCode = 0
CLOSE lc_open;

st_status.text = String(ll_nozone) + " citations without a zone, " + String(ldc_total, "#,##0.00") + " in fines, " + String(ll_open) + " open appeals"
end subroutine

on w_pke_upgrade.create
this.cb_upgrade = create cb_upgrade
this.st_status = create st_status
this.Control[] = {this.cb_upgrade, this.st_status}
end on

on w_pke_upgrade.destroy
destroy(this.cb_upgrade)
destroy(this.st_status)
end on

type cb_upgrade from commandbutton within w_pke_upgrade
integer x = 1120
integer y = 480
integer width = 402
integer height = 112
integer taborder = 10
string text = "&Upgrade"
end type

event clicked;string ls_ver

SELECT setting_value INTO :ls_ver FROM dbo.pke_setting
 WHERE setting_name = 'schema_version' USING SQLCA;
ii_dbver = Integer(ls_ver)

if ii_dbver < 42 then
	parent.wf_queue(GS_PKE_HOTFIX_FINE)
	parent.wf_queue(GS_PKE_HOTFIX_LATE)
	parent.wf_queue(GS_PKE_HOTFIX_OLD)
end if
parent.wf_queue(f_pke_ddl("a", "pke_citation", "appeal_status", "char(1)", True))
parent.wf_queue(f_pke_ddl("drop", "pke_meter", "coin_only_flag", "", False))
if gnv_upgrade.of_run_registered() < 0 then return
parent.wf_queue(f_pke_ddl("modify", "pke_meter", "zone_cd", "varchar(6)", False))

// WM_USER = 1024 is pbm_custom01: run the queue now, before the helper calls
Send(Handle(parent), 1024, 0, 0)

gnv_upgrade.of_pke_set_addcolumn("pke_vehicle", "plate_no", "varchar(10) NOT NULL DEFAULT ''")
gnv_upgrade.of_pke_set_addcolumn("pke_citation", "fine_paid_dt", "datetime NULL")
// gnv_upgrade.of_pke_set_addcolumn("pke_zone", "meter_id", "int NULL")  -- meters belong to a zone, not the reverse
UPDATE dbo.pke_setting SET setting_value = '43' WHERE setting_name = 'schema_version' USING SQLCA;
parent.wf_summary()
end event

type st_status from statictext within w_pke_upgrade
integer x = 37
integer y = 40
integer width = 1490
integer height = 400
long backcolor = 67108864
string text = "Press Upgrade to bring the citation database to version 4.3."
end type

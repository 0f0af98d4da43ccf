$PBExportHeader$w_cm_upgrade.srw
forward
global type w_cm_upgrade from window
end type
type cb_refill from commandbutton within w_cm_upgrade
end type
type cb_preview from commandbutton within w_cm_upgrade
end type
type cb_run from commandbutton within w_cm_upgrade
end type
type mle_log from multilineedit within w_cm_upgrade
end type
end forward

global type w_cm_upgrade from window
integer width = 2450
integer height = 1520
boolean titlebar = true
string title = "CaskMaster – database upgrade to 5.0"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event ue_verify ( )
cb_refill cb_refill
cb_preview cb_preview
cb_run cb_run
mle_log mle_log
end type
global w_cm_upgrade w_cm_upgrade

forward prototypes
public subroutine wf_refill (long al_barrel)
end prototypes

public subroutine wf_refill (long al_barrel);// a barrel topped up today
date ld_today

ld_today = Today()
UPDATE dbo.cm_barrel
   SET fill_dt = :ld_today
 WHERE barrel_id = :al_barrel
 USING SQLCA;
if SQLCA.SQLCode = 0 then
	COMMIT USING SQLCA;
else
	ROLLBACK USING SQLCA;
end if
end subroutine

on w_cm_upgrade.create
this.cb_refill=create cb_refill
this.cb_preview=create cb_preview
this.cb_run=create cb_run
this.mle_log=create mle_log
this.Control[]={this.cb_refill,&
this.cb_preview,&
this.cb_run,&
this.mle_log}
end on

on w_cm_upgrade.destroy
destroy(this.cb_refill)
destroy(this.cb_preview)
destroy(this.cb_run)
destroy(this.mle_log)
end on

event ue_verify();// lots still carrying the placeholder varietal after the upgrade
string ls_lot
dec{1} ld_brix
dec{2} ld_abv

DECLARE lc_lot CURSOR FOR
 SELECT lot_no, brix, abv_pct
   FROM dbo.cm_lot
  WHERE varietal_cd = 'UNK'
 USING SQLCA;

OPEN lc_lot;
FETCH lc_lot INTO :ls_lot, :ld_brix, :ld_abv;
do while SQLCA.SQLCode = 0
	mle_log.Text = mle_log.Text + ls_lot + "~t" + String(ld_brix, "0.0") + "~t" + String(ld_abv, "0.00") + "~r~n"
	FETCH lc_lot INTO :ls_lot, :ld_brix, :ld_abv;
loop
CLOSE lc_lot;
end event

type cb_refill from commandbutton within w_cm_upgrade
integer x = 1317
integer y = 1280
integer width = 343
integer height = 100
integer taborder = 30
string text = "&Refill..."
end type

event clicked;string ls_barrel

ls_barrel = Trim(mle_log.SelectedText())
if IsNumber(ls_barrel) then parent.wf_refill(Long(ls_barrel))
end event

type cb_preview from commandbutton within w_cm_upgrade
integer x = 1691
integer y = 1280
integer width = 343
integer height = 100
integer taborder = 20
string text = "&Preview"
end type

event clicked;long ll_n

ll_n = gnv_upgrade.of_preview()
mle_log.Text = String(ll_n) + " change(s) planned for 5.1:~r~n" + gnv_upgrade.of_preview_text()
end event

type cb_run from commandbutton within w_cm_upgrade
integer x = 2062
integer y = 1280
integer width = 343
integer height = 100
integer taborder = 10
string text = "&Upgrade"
boolean default = true
end type

event clicked;integer li_rc

SetPointer(HourGlass!)
li_rc = gnv_upgrade.of_run()
if li_rc < 0 then return
mle_log.Text = String(li_rc) + " statement(s) applied.~r~n"
parent.event ue_verify()
end event

type mle_log from multilineedit within w_cm_upgrade
integer x = 37
integer y = 32
integer width = 2368
integer height = 1220
integer taborder = 40
integer textsize = -9
string facename = "Consolas"
boolean vscrollbar = true
boolean autovscroll = true
end type

$PBExportHeader$w_upgrade.srw
$PBExportComments$RxCentral database upgrade wizard – queues each page's statements, runs them on Apply
forward
global type w_upgrade from window
end type
type tab_1 from tab within w_upgrade
end type
type tabpg_formulary from u_tabpg_formulary within tab_1
end type
type tabpg_formulary from u_tabpg_formulary within tab_1
end type
type tabpg_clinical from u_tabpg_clinical within tab_1
end type
type tabpg_clinical from u_tabpg_clinical within tab_1
end type
type tab_1 from tab within w_upgrade
tabpg_formulary tabpg_formulary
tabpg_clinical tabpg_clinical
end type
type cb_apply from commandbutton within w_upgrade
end type
type mle_log from multilineedit within w_upgrade
end type
end forward

global type w_upgrade from window
integer width = 2441
integer height = 2020
boolean titlebar = true
string title = "RxCentral - Database Upgrade 7.1"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
boolean center = true
event ue_postopen ( )
tab_1 tab_1
cb_apply cb_apply
mle_log mle_log
end type
global w_upgrade w_upgrade

type variables
string	is_batch[]
string	is_target_rel = "7.1"
string	is_undo_hint = "ALTER TABLE rx_order DROP COLUMN renal_adj_flag"
end variables

forward prototypes
public subroutine of_queue (string as_sql)
public function integer of_add_backfills ()
end prototypes

event ue_postopen();long ll_bad

tab_1.tabpg_formulary.of_setparent(this)
tab_1.tabpg_clinical.of_setparent(this)
SELECT COUNT(*) INTO :ll_bad FROM rx_order
 WHERE ndc_code IS NULL OR LEN(REPLACE(ndc_code, '-', '')) <> 11
 USING SQLCA;
if ll_bad > 0 then
	mle_log.text = String(ll_bad) + " orders have an NDC that is not 11 digits. Fix them before applying.~r~n"
	cb_apply.enabled = false
end if
end event

public subroutine of_queue (string as_sql);long ll_n

if IsNull(as_sql) or Trim(as_sql) = "" then return

ll_n = UpperBound(is_batch) + 1
is_batch[ll_n] = as_sql
mle_log.text += String(ll_n, "000") + "  " + Left(as_sql, 70) + "~r~n"
end subroutine

public function integer of_add_backfills ();// run after the page statements: new NOT NULL flag gets its value from the formulary
of_queue("UPDATE o SET renal_adj_flag = 'Y' " + &
	"FROM rx_order o JOIN formulary_item f ON f.ndc_code = o.ndc_code " + &
	"WHERE f.max_daily_dose IS NOT NULL AND o.dose_qty > f.max_daily_dose")
return 1
end function

on w_upgrade.create
this.tab_1=create tab_1
this.cb_apply=create cb_apply
this.mle_log=create mle_log
this.Control[]={this.tab_1,&
this.cb_apply,&
this.mle_log}
end on

on w_upgrade.destroy
destroy(this.tab_1)
destroy(this.cb_apply)
destroy(this.mle_log)
end on

event open;this.event post ue_postopen()
end event

type tab_1 from tab within w_upgrade
integer x = 27
integer y = 24
integer width = 2368
integer height = 1352
integer taborder = 10
string facename = "Tahoma"
long backcolor = 67108864
tabpg_formulary tabpg_formulary
tabpg_clinical tabpg_clinical
end type

on tab_1.create
this.tabpg_formulary=create tabpg_formulary
this.tabpg_clinical=create tabpg_clinical
this.Control[]={this.tabpg_formulary,&
this.tabpg_clinical}
end on

on tab_1.destroy
destroy(this.tabpg_formulary)
destroy(this.tabpg_clinical)
end on

type tabpg_formulary from u_tabpg_formulary within tab_1
integer x = 18
integer y = 100
integer width = 2331
integer height = 1236
end type

type tabpg_clinical from u_tabpg_clinical within tab_1
integer x = 18
integer y = 100
integer width = 2331
integer height = 1236
end type

type cb_apply from commandbutton within w_upgrade
integer x = 1563
integer y = 1788
integer width = 402
integer height = 112
integer taborder = 30
string facename = "Tahoma"
string text = "&Apply"
boolean default = true
end type

event clicked;long	ll_i, ll_max
string	ls_sql, ls_done[]

if UpperBound(is_batch) = 0 then
	MessageBox(parent.title, "Nothing is queued. Build the pages first.", Exclamation!)
	return
end if
parent.of_add_backfills()

SetPointer(HourGlass!) ; ll_max = UpperBound(is_batch)
for ll_i = 1 to ll_max
	ls_sql = is_batch[ll_i]
	EXECUTE IMMEDIATE :ls_sql USING SQLCA;
	if SQLCA.SQLCode < 0 then
		mle_log.text += "FAILED " + String(ll_i) + ": " + SQLCA.SQLErrText + "~r~n"
		ROLLBACK USING SQLCA;
		MessageBox(parent.title, "The upgrade was rolled back.~r~nUndo by hand if needed: " + is_undo_hint, StopSign!)
		return
	end if
next

UPDATE rx_sys_info SET schema_rel = :is_target_rel USING SQLCA;
COMMIT USING SQLCA;
is_batch = ls_done
mle_log.text = "Upgrade to " + is_target_rel + " done: " + String(ll_max) + " statements."
this.enabled = false
end event

type mle_log from multilineedit within w_upgrade
integer x = 27
integer y = 1396
integer width = 2368
integer height = 368
integer taborder = 20
string facename = "Courier New"
boolean displayonly = true
end type

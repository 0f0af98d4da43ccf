HA$PBExportHeader$u_tabpg_clinical.sru
$PBExportComments$Upgrade page 2 - allergies and interaction checks (R7.1)
forward
global type u_tabpg_clinical from u_tabpg_upgrade
end type
type cb_build from commandbutton within u_tabpg_clinical
end type
end forward

global type u_tabpg_clinical from u_tabpg_upgrade
string text = "Clinical"
cb_build cb_build
end type
global u_tabpg_clinical u_tabpg_clinical

type variables
// doses in the interaction table are stored in µg
constant string TBL_ALLERGY = "pt_allergy"
string is_proc_name = "usp_rx_allergy_check"
end variables

forward prototypes
public function integer of_build ()
protected function string of_allergy_proc ()
end prototypes

public function integer of_build ();string	ls_args[], ls_empty[], ls_one[], ls_sql
long	ll_cnt

if not IsValid(iw_parent) then return -1

// 1. patient allergies - one argument per column
ls_args[1] = TBL_ALLERGY
ls_args[2] = "allergy_id int IDENTITY(1,1) NOT NULL PRIMARY KEY"
ls_args[3] = "patient_id int NOT NULL"
ls_args[4] = "allergy_class_cd varchar(10) NOT NULL"
ls_args[5] = "verified_by varchar(30) NULL"
ls_args[6] = "recorded_dt datetime NOT NULL DEFAULT (GETDATE())"
iw_parent.of_queue(inv_string.of_format("CREATE TABLE %1 (%2, %3, %4, %5, %6)", ls_args))

// 2. interaction log written by the checker procedure
ls_sql = "CREATE TABLE %1 (" + &
	"log_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, " + &
	"order_id int NOT NULL, " + &
	"ndc_code char(11) NOT NULL, " + &
	"allergy_class_cd varchar(10) NULL, " + &
	"severity_cd char(1) NOT NULL, " + &
	"logged_dt datetime NOT NULL)"
ls_one[1] = "rx_interaction_log"
iw_parent.of_queue(inv_string.of_format(ls_sql, ls_one))

// 3. schedule on the dispense row, guarded: some sites got it from the R7.0 hotfix
ls_args = ls_empty
ls_args[1] = TBL_DISPENSE
ls_args[2] = "dea_schedule"
ls_args[3] = "char(2) NULL"
iw_parent.of_queue(inv_string.of_format(&
	"IF COL_LENGTH('%1', '%2') IS NULL ALTER TABLE %1 ADD %2 %3", ls_args))

// 4. the formulary's dose limit needs one more decimal place for pediatric mg/kg doses
of_altercol(TBL_FORMULARY, "max_daily_dose", "decimal(11,4) NULL")

// 5. backfill: fills verified before R7.1 are attributed to the migration
SELECT COUNT(*) INTO :ll_cnt FROM rx_dispense
 WHERE verified_by IS NULL AND dispensed_dt < '20120101'
 USING SQLCA;
if ll_cnt > 0 then
	iw_parent.of_queue("UPDATE " + TBL_DISPENSE + " SET verified_by = 'R71-MIGRATION' " + &
		"WHERE verified_by IS NULL AND dispensed_dt < '20120101'")
end if

// 6. checker procedure
iw_parent.of_queue("IF OBJECT_ID('" + is_proc_name + "') IS NOT NULL DROP PROCEDURE " + is_proc_name)
iw_parent.of_queue(of_allergy_proc())

return 1
end function

protected function string of_allergy_proc ();string ls_proc

ls_proc = "CREATE PROCEDURE usp_rx_allergy_check @ai_order_id int AS~r~n"
ls_proc = ls_proc + "BEGIN~r~n"
ls_proc = ls_proc + "  SET NOCOUNT ON~r~n"
ls_proc = ls_proc + "  CREATE TABLE #hits (order_id int NOT NULL, allergy_class_cd varchar(10) NOT NULL)~r~n"
ls_proc = ls_proc + "  INSERT INTO #hits (order_id, allergy_class_cd)~r~n"
ls_proc = ls_proc + "  SELECT o.order_id, a.allergy_class_cd~r~n"
ls_proc = ls_proc + "    FROM rx_order o~r~n"
ls_proc = ls_proc + "    JOIN formulary_item f ON f.ndc_code = o.ndc_code~r~n"
ls_proc = ls_proc + "    JOIN pt_allergy a ON a.patient_id = o.patient_id~r~n"
ls_proc = ls_proc + "    JOIN drug_class_map m ON m.ndc_code = f.ndc_code AND m.allergy_class_cd = a.allergy_class_cd~r~n"
ls_proc = ls_proc + "   WHERE o.order_id = @ai_order_id AND a.verified_by IS NOT NULL~r~n"
ls_proc = ls_proc + "  INSERT INTO rx_interaction_log (order_id, ndc_code, allergy_class_cd, severity_cd, logged_dt)~r~n"
ls_proc = ls_proc + "  SELECT h.order_id, o.ndc_code, h.allergy_class_cd, 'H', GETDATE()~r~n"
ls_proc = ls_proc + "    FROM #hits h JOIN rx_order o ON o.order_id = h.order_id~r~n"
ls_proc = ls_proc + "  SELECT COUNT(*) FROM #hits~r~n"
ls_proc = ls_proc + "END"
return ls_proc
end function

on u_tabpg_clinical.create
int iCurrent
call super::create
this.cb_build=create cb_build
iCurrent=UpperBound(this.Control)
this.Control[iCurrent+1]=this.cb_build
end on

on u_tabpg_clinical.destroy
call super::destroy
destroy(this.cb_build)
end on

type cb_build from commandbutton within u_tabpg_clinical
integer x = 1801
integer y = 1084
integer width = 402
integer height = 112
integer taborder = 20
string facename = "Tahoma"
string text = "&Build"
end type

event clicked;parent.event ue_build()
end event

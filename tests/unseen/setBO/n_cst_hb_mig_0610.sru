$PBExportHeader$n_cst_hb_mig_0610.sru
$PBExportComments$Release 6.1 – deferral register, crossmatch log, donor vitals
forward
global type n_cst_hb_mig_0610 from n_cst_hb_migstep
end type
end forward

global type n_cst_hb_mig_0610 from n_cst_hb_migstep
end type
global n_cst_hb_mig_0610 n_cst_hb_mig_0610

forward prototypes
public function integer of_apply (n_tr_hemo atr_db)
end prototypes

public function integer of_apply (n_tr_hemo atr_db);// 6.1: the layout tables (ancestor), then the changes to existing tables
integer li_rc
string ls_sql, ls_q

li_rc = Super::of_apply(atr_db)
If li_rc < 0 Then Return li_rc

ls_q = Char(39)

// donor vitals recorded at the chair
ls_sql = "IF COL_LENGTH(" + ls_q + "dbo.hb_donation" + ls_q + ", " + ls_q + "hgb_value" + ls_q + ") IS NULL~r~n"
ls_sql += "ALTER TABLE dbo.hb_donation ADD hgb_value decimal(4,1) NULL"
If atr_db.of_exec(ls_sql) < 0 Then Return -1

ls_sql = "ALTER TABLE dbo.hb_donation ADD " + &
	"pulse_rate smallint NULL, " + &
	"bp_systolic smallint NULL"
If atr_db.of_exec(ls_sql) < 0 Then Return -1

// hemoglobin from the lab interface, donations since the 2019 cut-over
ls_sql = "UPDATE d SET d.hgb_value = r.result_num " + &
	"FROM dbo.hb_donation d JOIN dbo.hb_lab_result r ON r.donation_no = d.donation_no " + &
	"WHERE r.test_cd = " + ls_q + "HGB" + ls_q + " AND d.collect_dt >= " + ls_q + "20190101" + ls_q
If atr_db.of_exec(ls_sql) < 0 Then Return -1

// the blood group becomes mandatory
If atr_db.of_exec("UPDATE dbo.hb_donor SET abo_rh = 'UNK' WHERE abo_rh IS NULL OR abo_rh = ''") < 0 Then Return -1
ls_sql = "ALTER TABLE dbo.hb_donor ALTER COLUMN abo_rh varchar(3) NOT NULL"
If atr_db.of_exec(ls_sql) < 0 Then Return -1

// deferrals were kept as flags on the donor until now
ls_sql = "INSERT INTO dbo.hb_deferral (donor_id, defer_reason, defer_from_dt) " + &
	"SELECT f.donor_id, f.flag_text, f.flag_dt FROM dbo.hb_donor_flag f WHERE f.flag_type = 'DEF'"
If atr_db.of_exec(ls_sql) < 0 Then Return -1

// eligibility view for the appointment screen
ls_sql = "CREATE VIEW dbo.v_hb_eligibility AS " + &
	"SELECT d.donor_id, d.abo_rh, MAX(n.collect_dt) AS last_collect_dt, MAX(n.hgb_value) AS last_hgb " + &
	"FROM dbo.hb_donor d LEFT JOIN dbo.hb_donation n ON n.donor_id = d.donor_id " + &
	"WHERE NOT EXISTS (SELECT 1 FROM dbo.hb_deferral f WHERE f.donor_id = d.donor_id AND f.defer_until_dt >= GETDATE()) " + &
	"GROUP BY d.donor_id, d.abo_rh"
If atr_db.of_exec(ls_sql) < 0 Then Return -1

of_log(atr_db, "6.1 applied")
Return 1
end function

on n_cst_hb_mig_0610.create
call super::create
end on

on n_cst_hb_mig_0610.destroy
call super::destroy
end on

event constructor;call super::constructor;ii_version = 610

// table 1: deferral register
is_layout[10] = "hb_deferral"
is_layout[11] = "deferral_id int IDENTITY(1,1) NOT NULL PRIMARY KEY"
is_layout[12] = "donor_id int NOT NULL"
is_layout[13] = "defer_reason varchar(60) NOT NULL"
is_layout[14] = "defer_from_dt date NOT NULL"
is_layout[15] = "defer_until_dt date NULL"
// table 2: kept free (the lookback table moved to release 6.2)
is_layout[20] = ""
// table 3: crossmatch log
is_layout[30] = "hb_crossmatch"
is_layout[31] = "xm_id int IDENTITY(1,1) NOT NULL PRIMARY KEY"
is_layout[32] = "unit_no varchar(13) NOT NULL"
is_layout[33] = "patient_mrn varchar(20) NOT NULL"
is_layout[34] = "abo_rh varchar(3) NOT NULL"
is_layout[35] = "xm_result char(1) NOT NULL"
is_layout[36] = "xm_dt datetime NOT NULL"
end event


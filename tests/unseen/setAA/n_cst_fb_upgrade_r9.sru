$PBExportHeader$n_cst_fb_upgrade_r9.sru
$PBExportComments$FreightBook 7 – 11 (tenders, accessorials); overrides the step list and two pieces of the ancestor
forward
global type n_cst_fb_upgrade_r9 from n_cst_fb_upgrade
end type
end forward

global type n_cst_fb_upgrade_r9 from n_cst_fb_upgrade
end type
global n_cst_fb_upgrade_r9 n_cst_fb_upgrade_r9

type variables
string is_preview
end variables

forward prototypes
protected function integer of_step (integer ai_ver)
protected function n_cst_sqlb of_carrier_cols (n_cst_sqlb anv_b)
protected function string of_lane_view_cols ()
protected function long of_tender_proc ()
end prototypes

protected function integer of_step (integer ai_ver);// 7 - 11; older releases are the ancestor's
long ll_rc
integer li_i
string ls_col[], ls_def[]
n_cst_sqlb lnv_b

Choose Case ai_ver
	Case Is < 7
		Return Super::of_step(ai_ver)
	Case 7 To 9
		// tenders (7.0); 8 and 9 run the step again, every statement is guarded
		ll_rc = inv_b.of_create("fb_tender") &
			.of_add("tender_id", "int IDENTITY(1,1) NOT NULL") &
			.of_add("load_id", "int NOT NULL") &
			.of_add("carrier_id", "int NOT NULL") &
			.of_add("tender_ts", "datetime2(0) NOT NULL") &
			.of_add("accept_flag", "char(1) NULL") &
			.of_pk("tender_id") &
			.of_run()
		If ll_rc < 0 Then Return -1
		of_fb_set_addcolumn("fb_tender", "pickup_win", "varchar(11) NULL")
		inv_b.of_exec("UPDATE l SET l.tender_ts = t.tender_ts" + &
			" FROM dbo.fb_load l JOIN dbo.fb_tender t ON t.load_id = l.load_id" + &
			" WHERE l.tender_ts IS NULL AND t.accept_flag = 'Y'")
		If ai_ver = 9 Then ll_rc = of_tender_proc()
	Case 10
		// accessorial charges, one row per load and code
		lnv_b = inv_b.of_create("fb_load_accessorial")
		ls_col[1] = "load_id"; ls_def[1] = "int NOT NULL"
		ls_col[2] = "acc_cd"; ls_def[2] = "char(4) NOT NULL"
		ls_col[3] = "accessorial_amt"; ls_def[3] = "decimal(9,2) NOT NULL DEFAULT (0)"
		For li_i = 1 To UpperBound(ls_col)
			lnv_b.of_add(ls_col[li_i], ls_def[li_i])
		Next
		ll_rc = lnv_b.of_pk("load_id, acc_cd").of_run()
		// MC numbers typed by hand: trimmed and upper case
		inv_b.of_exec("UPDATE c SET c.carrier_mc = UPPER(LTRIM(RTRIM(c.carrier_mc)))" + &
			" FROM dbo.fb_carrier c WHERE c.carrier_mc <> UPPER(LTRIM(RTRIM(c.carrier_mc))) COLLATE Latin1_General_CS_AS")
	Case 11
		// 11.0: four decimals and NOT NULL for the surcharge; loads keep their accessorial total
		inv_b.of_exec("UPDATE dbo.fb_lane_rate SET fuel_pct = 0 WHERE fuel_pct IS NULL")
		inv_b.of_alter_column("fb_lane_rate", "fuel_pct", "decimal(7,4) NOT NULL").of_run()
		ll_rc = inv_b.of_alter("fb_load") &
			.of_add("pickup_win_tz", "varchar(32) NULL") &
			.of_add("accessorial_amt", "decimal(11,2) NULL") &
			.of_run()
		If ll_rc = 0 Then
			inv_b.of_exec("INSERT INTO dbo.fb_load_accessorial (load_id, acc_cd, accessorial_amt)" + &
				" SELECT l.load_id, 'TOT', l.accessorial_amt FROM dbo.fb_load l" + &
				" WHERE l.accessorial_amt IS NOT NULL" + &
				" AND NOT EXISTS (SELECT 1 FROM dbo.fb_load_accessorial a WHERE a.load_id = l.load_id)")
		End If
		// the time-zone conversion is shown to the DBA, never run from here
		is_preview = inv_b.of_alter_column("fb_load", "tender_ts", "datetimeoffset(0) NULL").of_sql()
		inv_b.of_reset()
		// the 6.x copy of the MC number on loads goes
		inv_b.of_exec("IF COL_LENGTH('dbo.fb_load', 'carrier_mc') IS NOT NULL" + &
			" ALTER TABLE dbo.fb_load DROP COLUMN carrier_mc")
	Case Else
		Return 1
End Choose
If ll_rc < 0 Then Return -1
Return 1
end function

protected function n_cst_sqlb of_carrier_cols (n_cst_sqlb anv_b);// 7.x: new carriers are created with their MC and DOT numbers
Super::of_carrier_cols(anv_b)
Return anv_b.of_add("carrier_mc", "varchar(10) NULL").of_add("dot_no", "varchar(12) NULL")
end function

protected function string of_lane_view_cols ();// the 7.x rate screen shows the carrier's MC number too
Return Super::of_lane_view_cols() + ", c.carrier_mc AS mc_number"
end function

protected function long of_tender_proc ();// expiry of open tenders and the hazmat accessorial, one procedure
Return inv_b.of_begin_text() &
	.of_text("CREATE PROCEDURE dbo.fsp_fb_tender_expire") &
	.of_text("    @cutoff datetime2(0)") &
	.of_text("AS") &
	.of_text("BEGIN") &
	.of_text("    SET NOCOUNT ON;") &
	.of_text("    UPDATE t SET t.accept_flag = 'X'") &
	.of_text("      FROM dbo.fb_tender t") &
	.of_text("      JOIN dbo.fb_load l ON l.load_id = t.load_id") &
	.of_text("     WHERE t.accept_flag IS NULL AND t.tender_ts < @cutoff") &
	.of_text("       AND l.pickup_win IS NOT NULL;") &
	.of_text("    MERGE dbo.fb_load_accessorial AS tgt") &
	.of_text("    USING (SELECT l.load_id, 'HAZ' AS acc_cd, 35.00 AS amt") &
	.of_text("             FROM dbo.fb_load l") &
	.of_text("             JOIN dbo.fb_tender t ON t.load_id = l.load_id") &
	.of_text("            WHERE l.hazmat_flag = 1 AND t.tender_ts >= @cutoff) AS src") &
	.of_text("       ON tgt.load_id = src.load_id AND tgt.acc_cd = src.acc_cd") &
	.of_text("     WHEN MATCHED THEN UPDATE SET tgt.accessorial_amt = src.amt") &
	.of_text("     WHEN NOT MATCHED THEN INSERT (load_id, acc_cd, accessorial_amt) VALUES (src.load_id, src.acc_cd, src.amt);") &
	.of_text("END") &
	.of_run()
end function

on n_cst_fb_upgrade_r9.create
call super::create
end on

on n_cst_fb_upgrade_r9.destroy
call super::destroy
end on

event ue_prepare();// the tender procedure is rebuilt too; then the ancestor's drops
inv_b.of_exec("IF OBJECT_ID('dbo.fsp_fb_tender_expire', 'P') IS NOT NULL DROP PROCEDURE dbo.fsp_fb_tender_expire")
CALL Super::ue_prepare
end event

event constructor;call super::constructor;// this release object knows the steps up to 11
ii_target = 11
end event

$PBExportHeader$n_cst_pol_patch_r11.sru
$PBExportComments$PolicyOne – schema patch for release 11.x (claim reserves, longer rider codes, lapse sweep)
forward
global type n_cst_pol_patch_r11 from n_cst_pol_patch
end type
end forward

global type n_cst_pol_patch_r11 from n_cst_pol_patch
end type
global n_cst_pol_patch_r11 n_cst_pol_patch_r11

type variables
CONSTANT integer ci_r11_reserve = 1
CONSTANT integer ci_r11_rider_desc = 2
CONSTANT integer ci_r11_widen_rider = 3
CONSTANT integer ci_r11_drop_sweep = 4
CONSTANT integer ci_r11_sweep = 5
CONSTANT integer ci_r11_fill_uw = 6

Protected:
string is_r11[] = { &
	"IF OBJECT_ID('dbo.pol_claim_reserve', 'U') IS NULL CREATE TABLE dbo.pol_claim_reserve (" + &
	"claim_id int NOT NULL, " + &
	"policy_no varchar(20) NOT NULL, " + &
	"reserve_amt decimal(13,2) NOT NULL, " + &
	"uw_class char(2) NULL, " + &
	"CONSTRAINT PK_pol_claim_reserve PRIMARY KEY (claim_id))", &
	"ALTER TABLE dbo.pol_rider ADD rider_cd_desc varchar(60) NULL", &
	"ALTER TABLE dbo.pol_rider ALTER COLUMN rider_cd varchar(6) NOT NULL", &
	"IF OBJECT_ID('dbo.pol_lapse_sweep', 'P') IS NOT NULL DROP PROCEDURE dbo.pol_lapse_sweep", &
	"CREATE PROCEDURE dbo.pol_lapse_sweep @as_of date AS " + &
	"BEGIN " + &
	"SET NOCOUNT ON; " + &
	"UPDATE p SET p.lapse_dt = @as_of " + &
	"FROM dbo.pol_policy p " + &
	"WHERE p.lapse_dt IS NULL AND p.paid_to_dt < DATEADD(day, -31, @as_of); " + &
	"DELETE c FROM dbo.pol_agent_comm c " + &
	"JOIN dbo.pol_policy p ON p.policy_no = c.policy_no " + &
	"WHERE p.lapse_dt = @as_of AND c.paid_dt IS NULL; " + &
	"END", &
	"UPDATE r SET r.uw_class = p.uw_class " + &
	"FROM dbo.pol_claim_reserve r " + &
	"JOIN dbo.pol_claim c ON c.claim_id = r.claim_id " + &
	"JOIN dbo.pol_policy p ON p.policy_no = c.policy_no " + &
	"WHERE r.uw_class IS NULL" }
end variables

forward prototypes
protected function integer of_release (decimal adc_rel, ref string as_batch[])
protected function boolean of_uw_table_sql (ref string as_sql)
end prototypes

protected function integer of_release (decimal adc_rel, ref string as_batch[]);// release 11: the ancestor's later steps first, then this level's; the Else If ladder reads like the 11.x notes
integer li_n, li_i
string ls_sql, ls_tmp[] = {"pol_rider_load", "", "pol_reserve_load"}

li_n = Super::of_release(adc_rel, as_batch)
If adc_rel < 11.2 Then of_pol_set_addcolumn("pol_policy", "lapse_reason_cd", "char(2) NULL")

If adc_rel < 11.0 Then
	li_n ++; as_batch[li_n] = is_r11[ci_r11_reserve]
	li_n ++; as_batch[li_n] = is_r11[ci_r11_rider_desc]
	li_n ++; as_batch[li_n] = is_r11[ci_r11_widen_rider]
	If of_uw_table_sql(ls_sql) Then
		li_n ++; as_batch[li_n] = ls_sql
	End If
Else If adc_rel < 11.2 Then
	li_n ++; as_batch[li_n] = is_r11[ci_r11_widen_rider]
Else If adc_rel < 11.3 Then
	// 11.2 lacks only the sweep procedure and the class backfill
Else
	Return li_n
End If
End If
End If

// the 11.0 load tables go, newest first (an empty slot is a table 11.1 never made)
For li_i = UpperBound(ls_tmp) To 1 Step -1
	If ls_tmp[li_i] = "" Then Continue
	li_n ++; as_batch[li_n] = "IF OBJECT_ID('dbo." + ls_tmp[li_i] + "', 'U') IS NOT NULL DROP TABLE dbo." + ls_tmp[li_i]
Next
li_n ++; as_batch[li_n] = is_r11[ci_r11_drop_sweep]
li_n ++; as_batch[li_n] = is_r11[ci_r11_sweep]
li_n ++; as_batch[li_n] = is_r11[ci_r11_fill_uw]
Return li_n
end function

protected function boolean of_uw_table_sql (ref string as_sql);// the underwriting classes (11.0), seeded from the classes the policies already carry
as_sql = "CREATE TABLE dbo.pol_uw_class (" + &
	"uw_class char(2) NOT NULL PRIMARY KEY, " + &
	"uw_desc varchar(40) NOT NULL, " + &
	"load_pct decimal(5,2) NULL); " + &
	"INSERT INTO dbo.pol_uw_class (uw_class, uw_desc) " + &
	"SELECT DISTINCT p.uw_class, 'Class ' + p.uw_class FROM dbo.pol_policy p WHERE p.uw_class IS NOT NULL"
Return True
end function

on n_cst_pol_patch_r11.create
call super::create
end on

on n_cst_pol_patch_r11.destroy
call super::destroy
end on

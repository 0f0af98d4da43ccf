$PBExportHeader$n_cst_schema.sru
$PBExportComments$Schema catalogue: the columns each release adds (global gnv_schema)
forward
global type n_cst_schema from nonvisualobject
end type
end forward

global type n_cst_schema from nonvisualobject
end type
global n_cst_schema n_cst_schema

type variables
Public:
constant integer RELEASE_CURRENT = 420
end variables

forward prototypes
public function integer of_cols_r410 (ref str_coldef astr_cols[])
public function integer of_cols_r420 (ref str_coldef astr_cols[])
public function integer of_cols_r430 (ref str_coldef astr_cols[])
private subroutine of_def (ref str_coldef astr_cols[], string as_table, string as_column, string as_type, boolean ab_nullable, integer ai_release)
public function string of_snapshot_ddl ()
end prototypes

public function integer of_cols_r410 (ref str_coldef astr_cols[]);// R4.10 SEPA migration: IBAN on accounts and counterparties, KYC risk class, overdraft limit
integer li_n

li_n = UpperBound(astr_cols)

li_n ++
astr_cols[li_n].s_table = "bo_account"
astr_cols[li_n].s_column = "iban_no"
astr_cols[li_n].s_type = "varchar(34)"
astr_cols[li_n].b_nullable = True
astr_cols[li_n].i_release = 410

li_n ++
astr_cols[li_n].s_table = "bo_counterparty"
astr_cols[li_n].s_column = "iban_no"
astr_cols[li_n].s_type = "varchar(34)"
astr_cols[li_n].b_nullable = True
astr_cols[li_n].i_release = 410

li_n ++
astr_cols[li_n].s_table = "bo_account"
astr_cols[li_n].s_column = "kyc_risk_cd"
astr_cols[li_n].s_type = "char(1)"
astr_cols[li_n].b_nullable = False
astr_cols[li_n].s_default = "('L')"
astr_cols[li_n].i_release = 410

li_n ++
astr_cols[li_n].s_table = "bo_account"
astr_cols[li_n].s_column = "overdraft_limit"
astr_cols[li_n].s_type = "decimal(15,2)"
astr_cols[li_n].b_nullable = False
astr_cols[li_n].s_default = "(0)"
astr_cols[li_n].i_release = 410

li_n ++
astr_cols[li_n].s_table = "bo_account"
astr_cols[li_n].s_column = "kyc_review_dt"
astr_cols[li_n].s_type = "datetime"
astr_cols[li_n].b_nullable = True
astr_cols[li_n].i_release = 410

return li_n
end function

public function integer of_cols_r420 (ref str_coldef astr_cols[]);// R4.20 instant payments: payment channel and payment holds
of_def(astr_cols, "bo_txn", "channel_cd", "char(3)", True, 420)
of_def(astr_cols, "bo_payment", "channel_cd", "char(3)", True, 420)
of_def(astr_cols, "bo_payment", "hold_reason_cd", "varchar(8)", True, 420)
of_def(astr_cols, "bo_payment", "hold_until_dt", "datetime", True, 420)
of_def(astr_cols, "bo_account", "hold_reason_cd", "varchar(8)", True, 420)
return UpperBound(astr_cols)
end function

public function integer of_cols_r430 (ref str_coldef astr_cols[]);// R4.30 DRAFT - agreed with Treasury, not released. Nothing calls this before the 4.30 build.
of_def(astr_cols, "bo_account", "overdraft_rate", "decimal(7,4)", True, 430)
of_def(astr_cols, "bo_txn", "kyc_risk_cd", "char(1)", True, 430)
return UpperBound(astr_cols)
end function

private subroutine of_def (ref str_coldef astr_cols[], string as_table, string as_column, string as_type, boolean ab_nullable, integer ai_release);integer li_n

li_n = UpperBound(astr_cols) + 1
astr_cols[li_n].s_table = as_table
astr_cols[li_n].s_column = as_column
astr_cols[li_n].s_type = as_type
astr_cols[li_n].b_nullable = ab_nullable
astr_cols[li_n].i_release = ai_release
end subroutine

public function string of_snapshot_ddl ();// month-end position snapshot for the regulatory report (EUR and FX accounts, amounts in account currency, not €)
string ls_ddl

ls_ddl = "CREATE TABLE bo_acct_snapshot (" + &
	"snap_dt date NOT NULL, " + &
	"acct_no varchar(24) NOT NULL, " + &
	"iban_no varchar(34) NULL, " + &
	"kyc_risk_cd char(1) NOT NULL, " + &
	"overdraft_limit decimal(15,2) NOT NULL, " + &
	"ledger_bal decimal(17,2) NOT NULL, " + &
	"CONSTRAINT PK_bo_acct_snapshot PRIMARY KEY (snap_dt, acct_no))"
return ls_ddl
end function

on n_cst_schema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_schema.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

$PBExportHeader$n_cst_clm_schema.sru
$PBExportComments$ClaimsPro 12.0 schema patch (fraud review, reserve history)
forward
global type n_cst_clm_schema from nonvisualobject
end type
end forward

global type n_cst_clm_schema from nonvisualobject
end type
global n_cst_clm_schema n_cst_clm_schema

type variables
protected:
// column definitions shared by every 12.x patch; set in the constructor
string is_def_claimno
string is_def_money
string is_def_score
string is_def_id
string is_def_stamp
string is_view_name
integer ii_claimno_len = 20
end variables

forward prototypes
public function integer of_upgrade_r12 ()
protected function integer of_create_fraud_review ()
protected function integer of_create_reserve_hist ()
protected function integer of_create_view ()
public function string of_downgrade_r12 ()
end prototypes

public function integer of_upgrade_r12 ();// 12.0: claim numbers grow to 20 characters, reserves get history, fraud review workflow
integer li_rc
string ls_sql
li_rc = SQLCA.of_exec("ALTER TABLE dbo.clm_claim ALTER COLUMN claim_no " + is_def_claimno)
if li_rc < 0 then return li_rc
ls_sql = "ALTER TABLE dbo.clm_claim ALTER COLUMN reserve_amt " + is_def_money
li_rc = SQLCA.of_exec(ls_sql)
if li_rc < 0 then return li_rc

li_rc = SQLCA.of_clm_set_addcolumn("clm_claim", "fraud_score", is_def_score)
if li_rc >= 0 then li_rc = SQLCA.of_clm_set_addcolumn("clm_claim", "adjuster_id", is_def_id)
if li_rc >= 0 then li_rc = SQLCA.of_clm_set_addcolumn("clm_payment", &
	"reserve_amt", is_def_money)
if li_rc < 0 then return li_rc

li_rc = of_create_fraud_review()
if li_rc > 0 then li_rc = of_create_reserve_hist()
if li_rc > 0 then li_rc = of_create_view()
return li_rc
end function

protected function integer of_create_fraud_review ();string ls_sql
ls_sql = "CREATE TABLE dbo.clm_fraud_review (" + &
	"review_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, " + &
	"claim_no " + is_def_claimno + ", " + &
	"fraud_score " + is_def_score + ", " + &
	"adjuster_id " + is_def_id + ", " + &
	"referred_dt " + is_def_stamp + ", " + &
	"outcome_cd char(2) NULL, " + &
	"notes_txt varchar(2000) NULL)"
return SQLCA.of_exec(ls_sql)
end function

protected function integer of_create_reserve_hist ();string ls_sql
integer li_rc

ls_sql = "CREATE TABLE dbo.clm_reserve_hist ("
ls_sql += "hist_id bigint IDENTITY(1,1) NOT NULL, "
ls_sql += "claim_no " + is_def_claimno + ", "
ls_sql += "reserve_amt " + is_def_money + ", "
ls_sql += "changed_by varchar(30) NOT NULL, "
ls_sql += "changed_dt " + is_def_stamp + ", "
ls_sql += "CONSTRAINT pk_clm_reserve_hist PRIMARY KEY (hist_id))"
li_rc = SQLCA.of_exec(ls_sql)
if li_rc < 0 then return li_rc

// opening balance: one history row per claim with a reserve
ls_sql = "INSERT INTO dbo.clm_reserve_hist (claim_no, reserve_amt, changed_by) " + &
	"SELECT claim_no, reserve_amt, 'UPGRADE-12' FROM dbo.clm_claim " + &
	"WHERE reserve_amt <> 0"
return SQLCA.of_exec(ls_sql)
end function

protected function integer of_create_view ();// open claims with their reserve and fraud score, for the adjuster worklist
string ls_sql, ls_cols[]
integer li_i, li_rc

li_rc = SQLCA.of_exec("IF OBJECT_ID('dbo." + is_view_name + "', 'V') IS NOT NULL DROP VIEW dbo." + is_view_name)
if li_rc < 0 then return li_rc
ls_cols = {"c.claim_no", &
	"c.loss_dt", &
	"c.reserve_amt", &
	"c.adjuster_id", &
	"ISNULL(f.fraud_score, 0) AS fraud_score", &
	"c.subro_flag"}
ls_sql = "CREATE VIEW dbo." + is_view_name + " AS SELECT "
for li_i = 1 to UpperBound(ls_cols)
	if li_i > 1 then ls_sql += ", "
	ls_sql += ls_cols[li_i]
next
ls_sql += " FROM dbo.clm_claim c LEFT JOIN dbo.clm_fraud_review f ON f.claim_no = c.claim_no"
ls_sql += " WHERE c.status_cd IN ('O', 'R') AND c.reserve_amt > 0"
return SQLCA.of_exec(ls_sql)
end function

public function string of_downgrade_r12 ();// kept for support: the text is mailed to the DBA, the application never runs it
string ls_sql

ls_sql = "DROP VIEW dbo." + is_view_name + ";~r~n"
ls_sql += "ALTER TABLE dbo.clm_claim ALTER COLUMN reserve_amt decimal(13,2) NULL;~r~n"
ls_sql += "DROP TABLE dbo.clm_reserve_hist;~r~nDROP TABLE dbo.clm_fraud_review;~r~n"
return ls_sql
end function

on n_cst_clm_schema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_clm_schema.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

event constructor;is_def_claimno = "varchar(" + String(ii_claimno_len) + ") NOT NULL"
is_def_money = "decimal(15,2) NULL"
is_def_score = "decimal(5,2) NULL"
is_def_id = "int NULL"
is_def_stamp = "datetime NOT NULL DEFAULT (GETDATE())"
is_view_name = "v_clm_open_reserve"
end event

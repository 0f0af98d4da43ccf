$PBExportHeader$n_cst_clm_subro.sru
$PBExportComments$Subrogation module: schema and flag backfill
forward
global type n_cst_clm_subro from nonvisualobject
end type
end forward

global type n_cst_clm_subro from nonvisualobject
end type
global n_cst_clm_subro n_cst_clm_subro

type variables
protected:
string is_def_flag
string is_def_amt
string is_tbl = "clm_subro_recovery"
end variables

forward prototypes
public function integer of_install ()
public function long of_flag_claims ()
end prototypes

public function integer of_install ();integer li_rc
string ls_sql
li_rc = SQLCA.of_clm_set_addcolumn("clm_claim", "subro_flag", is_def_flag)
if li_rc < 0 then return li_rc
li_rc = SQLCA.of_clm_set_addcolumn(is_tbl, "adjuster_id", "int NULL")
if li_rc < 0 then return li_rc

ls_sql = "ALTER TABLE dbo." + is_tbl + " ADD " + &
	"fraud_score decimal(5,2) NULL, " + &
	"recovered_amt " + is_def_amt
li_rc = SQLCA.of_exec(ls_sql)
if li_rc < 0 then return li_rc

// the old Y/N indicator is replaced by subro_flag
li_rc = SQLCA.of_clm_drop_column("clm_claim", "subro_ind")
return li_rc
end function

public function long of_flag_claims ();// flags every claim that has a recovery: format 3 to read, format 2 to write
string ls_select, ls_update, ls_claim, ls_claims[]
string ls_flag = "Y"
long ll_i, ll_n
ls_select = "SELECT DISTINCT r.claim_no FROM dbo.clm_subro_recovery r WHERE r.recovered_amt > 0"
DECLARE lc_cand DYNAMIC CURSOR FOR SQLSA ;
PREPARE SQLSA FROM :ls_select USING SQLCA ;
OPEN DYNAMIC lc_cand ;
FETCH lc_cand INTO :ls_claim ;
do while SQLCA.SQLCode = 0
	ll_n ++
	ls_claims[ll_n] = ls_claim
	FETCH lc_cand INTO :ls_claim ;
loop
CLOSE lc_cand ;
ls_update = "UPDATE dbo.clm_claim SET subro_flag = ? WHERE claim_no = ?"
PREPARE SQLSA FROM :ls_update USING SQLCA ;
for ll_i = 1 to ll_n
	ls_claim = ls_claims[ll_i]
	EXECUTE SQLSA USING :ls_flag, :ls_claim ;
	if SQLCA.SQLCode <> 0 then return -1
next
return ll_n
end function

on n_cst_clm_subro.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_clm_subro.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

event constructor;is_def_flag = "char(1) NOT NULL CONSTRAINT df_clm_claim_subro_flag DEFAULT ('N')"
is_def_amt = "decimal(15,2) NULL"
end event

HA$PBExportHeader$n_cst_upgrade_v7.sru
$PBExportComments$CivicTax Billing – schema upgrade 6.x to 7.0 (statement lists per area)
forward
global type n_cst_upgrade_v7 from nonvisualobject
end type
end forward

global type n_cst_upgrade_v7 from nonvisualobject autoinstantiate
end type

type variables
// Table names of data dictionary DD-7.0. The owner prefix comes from the registry, see of_init().
public:
constant string TBL_PARCEL  = "tx_parcel"
constant string TBL_LEVY    = "tx_levy"
constant string TBL_BILL    = "tx_bill"
constant string TBL_EXEMPT  = "tx_exemption"
constant string TBL_INSTALL = "tx_installment"
constant string TBL_PENLOG  = "tx_penalty_log"
constant string TBL_SYSINFO = "tx_sysinfo"
constant long   TARGET_VERSION = 700
constant string REG_DB = "HKEY_LOCAL_MACHINE\Software\CivicTax\Billing\Database"

protected:
string is_owner = "dbo"
string is_pfx = "dbo."
long il_dbver
end variables

forward prototypes
public function integer of_init ()
public function string of_tbl (string as_table)
public function long of_dbversion ()
public function string[] of_parcel_steps ()
public function string[] of_levy_steps ()
public function string[] of_bill_steps ()
public function string[] of_installment_cols ()
public function string[] of_installment_steps ()
public function string[] of_rollback_steps ()
public function integer of_tx_set_addcolumn (string as_table, string as_column, string as_datatype)
end prototypes

public function integer of_init ();// Reads the schema owner (set per municipality by the installer) and the current schema version.
string ls_owner

if RegistryGet(REG_DB, "SchemaOwner", RegString!, ls_owner) = 1 then
	ls_owner = Trim(ls_owner)
	if ls_owner <> "" then is_owner = ls_owner
end if
is_pfx = is_owner + "."

SELECT db_version
  INTO :il_dbver
  FROM tx_sysinfo
 WHERE sys_id = 1
 USING SQLCA;
if SQLCA.SQLCode <> 0 then il_dbver = 600

return 1
end function

public function string of_tbl (string as_table);// owner-qualified table name
return is_pfx + as_table
end function

public function long of_dbversion ();return il_dbver
end function

public function string[] of_parcel_steps ();// 7.0.1 parcels: exemption codes, wider assessed values (commercial parcels over 10M)
string ls_sql[]
integer li_n

li_n ++
ls_sql[li_n] = "CREATE TABLE " + of_tbl(TBL_EXEMPT) + " (" + &
	"exempt_cd char(3) NOT NULL PRIMARY KEY, " + &
	"exempt_desc varchar(60) NOT NULL, " + &
	"exempt_pct decimal(5,2) NOT NULL DEFAULT 100, " + &
	"statute_ref varchar(30) NULL)"
li_n ++
ls_sql[li_n] = "ALTER TABLE " + of_tbl(TBL_PARCEL) + " ADD exempt_cd char(3) NULL"
li_n ++
ls_sql[li_n] = "ALTER TABLE " + of_tbl(TBL_PARCEL) + " ALTER COLUMN assessed_val decimal(15,2) NOT NULL"
li_n ++
ls_sql[li_n] = "UPDATE " + of_tbl(TBL_PARCEL) + " SET exempt_cd = 'HMS' " + &
	"WHERE homestead_yn = 'Y' AND exempt_cd IS NULL"
li_n ++
ls_sql[li_n] = "ALTER TABLE " + of_tbl(TBL_PARCEL) + " DROP COLUMN homestead_yn"

return ls_sql
end function

public function string[] of_levy_steps ();// 7.0.2 levies: mill rates move from tx_district_rate into tx_levy (one row per tax year and district)
string ls_ret[]

ls_ret = { &
	"CREATE TABLE " + is_pfx + TBL_LEVY + " (" + &
		"levy_id int IDENTITY(1,1) NOT NULL, " + &
		"tax_year smallint NOT NULL, " + &
		"district_cd char(4) NOT NULL, " + &
		"mill_rate decimal(9,6) NOT NULL, " + &
		"levy_type char(1) NOT NULL DEFAULT 'G', " + &
		"CONSTRAINT pk_tx_levy PRIMARY KEY (levy_id))", &
	"CREATE UNIQUE INDEX ix_tx_levy_year ON " + is_pfx + TBL_LEVY + " (tax_year, district_cd, levy_type)", &
	"INSERT INTO " + is_pfx + TBL_LEVY + " (tax_year, district_cd, mill_rate) " + &
		"SELECT r.tax_year, r.district_cd, r.mill_rate FROM " + is_pfx + "tx_district_rate r " + &
		"WHERE r.mill_rate IS NOT NULL" }

return ls_ret
end function

public function string[] of_bill_steps ();// 7.0.3 bills: late penalties and due dates (ordinance 2009-14)
string ls_s[], ls_tab
long ll_ver

ll_ver = of_dbversion()
choose case ll_ver
	case is < 650
		// 6.0 - 6.4 never had the penalty columns
		ls_s[1] = "ALTER TABLE " + of_tbl(TBL_BILL) + " ADD penalty_amt money NOT NULL CONSTRAINT df_tx_bill_penalty DEFAULT 0"
		ls_s[2] = "ALTER TABLE " + of_tbl(TBL_BILL) + " ADD due_dt datetime NULL"
	case 650 to 699
		// 6.5 added penalty_amt as smallmoney: too small for the commercial parcels
		ls_s[1] = "ALTER TABLE " + of_tbl(TBL_BILL) + " ALTER COLUMN penalty_amt money NOT NULL"
	case else
		// already 7.0: nothing to do for the bill columns
end choose

// penalty audit trail (every version below 7.0)
ls_tab = "CREATE TABLE " + of_tbl(TBL_PENLOG) + " ("
ls_tab += "log_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, "
ls_tab += "bill_id int NOT NULL, "
ls_tab += "parcel_no varchar(20) NOT NULL, "
ls_tab += "penalty_amt money NOT NULL, "
ls_tab += "logged_on datetime NOT NULL DEFAULT GETDATE())"
ls_s[UpperBound(ls_s) + 1] = ls_tab

// nightly job procedure: penalty on unpaid bills past their due date
ls_s[UpperBound(ls_s) + 1] = "IF OBJECT_ID('" + of_tbl("tx_apply_penalty") + "', 'P') IS NOT NULL DROP PROCEDURE " + of_tbl("tx_apply_penalty")
ls_tab = "CREATE PROCEDURE " + of_tbl("tx_apply_penalty") + " @adt_asof datetime, @adec_pct decimal(5,2) AS~r~n"
ls_tab += "BEGIN~r~n"
ls_tab += "  SET NOCOUNT ON~r~n"
ls_tab += "  CREATE TABLE #late (bill_id int NOT NULL, parcel_no varchar(20) NOT NULL, penalty_amt money NOT NULL)~r~n"
ls_tab += "  INSERT INTO #late (bill_id, parcel_no, penalty_amt)~r~n"
ls_tab += "  SELECT b.bill_id, b.parcel_no, ROUND(b.bill_amt * @adec_pct / 100, 2)~r~n"
ls_tab += "    FROM " + of_tbl(TBL_BILL) + " b~r~n"
ls_tab += "   WHERE b.due_dt < @adt_asof AND b.paid_dt IS NULL AND b.penalty_amt = 0~r~n"
ls_tab += "  UPDATE b SET b.penalty_amt = l.penalty_amt~r~n"
ls_tab += "    FROM " + of_tbl(TBL_BILL) + " b JOIN #late l ON l.bill_id = b.bill_id~r~n"
ls_tab += "  INSERT INTO " + of_tbl(TBL_PENLOG) + " (bill_id, parcel_no, penalty_amt)~r~n"
ls_tab += "  SELECT bill_id, parcel_no, penalty_amt FROM #late~r~n"
ls_tab += "END"
ls_s[UpperBound(ls_s) + 1] = ls_tab

return ls_s
end function

public function string[] of_installment_cols ();// column list of tx_installment (the county treasurer export uses it too)
string ls_c[]

ls_c[1] = "inst_id int IDENTITY(1,1) NOT NULL PRIMARY KEY"
ls_c[2] = "bill_id int NOT NULL"
ls_c[3] = "inst_no tinyint NOT NULL"
ls_c[4] = "due_dt datetime NOT NULL"
ls_c[5] = "inst_amt money NOT NULL"
ls_c[6] = "penalty_amt money NOT NULL DEFAULT 0"

return ls_c
end function

public function string[] of_installment_steps ();// 7.0.4 bills split into installments (two or four per tax year)
string ls_ret[], ls_cols[], ls_sql
integer li_i

ls_cols = of_installment_cols()
ls_sql = "CREATE TABLE " + of_tbl(TBL_INSTALL) + " ("
for li_i = 1 to UpperBound(ls_cols)
	if li_i > 1 then ls_sql += ", "
	ls_sql += ls_cols[li_i]
next
ls_sql += ")"
ls_ret[1] = ls_sql
ls_ret[2] = "INSERT INTO " + of_tbl(TBL_INSTALL) + " (bill_id, inst_no, due_dt, inst_amt, penalty_amt) " + &
	"SELECT b.bill_id, 1, b.due_dt, b.bill_amt, b.penalty_amt FROM " + of_tbl(TBL_BILL) + " b " + &
	"WHERE b.due_dt IS NOT NULL"
ls_ret[3] = "CREATE INDEX ix_tx_installment_due ON " + of_tbl(TBL_INSTALL) + " (due_dt)"

return ls_ret
end function

public function string[] of_rollback_steps ();// Manual rollback script for the DBA: shown by w_dbupgrade, never run by the application
string ls_r[]

ls_r[1] = "DROP TABLE " + of_tbl(TBL_INSTALL)
ls_r[2] = "ALTER TABLE " + of_tbl(TBL_BILL) + " DROP CONSTRAINT df_tx_bill_penalty"
ls_r[3] = "ALTER TABLE " + of_tbl(TBL_PARCEL) + " ALTER COLUMN assessed_val decimal(13,2) NOT NULL"
ls_r[4] = "ALTER TABLE " + of_tbl(TBL_PARCEL) + " ADD homestead_yn char(1) NULL"
ls_r[5] = "UPDATE " + of_tbl(TBL_PARCEL) + " SET homestead_yn = CASE WHEN exempt_cd = 'HMS' THEN 'Y' ELSE 'N' END"
ls_r[6] = "UPDATE " + of_tbl(TBL_SYSINFO) + " SET db_version = 650 WHERE sys_id = 1"

return ls_r
end function

public function integer of_tx_set_addcolumn (string as_table, string as_column, string as_datatype);// Adds as_column to as_table unless the site already has it (several sites were patched by hand in 6.x).
long ll_cnt
string ls_cmd

SELECT COUNT(*)
  INTO :ll_cnt
  FROM syscolumns
 WHERE id = OBJECT_ID(:as_table)
   AND name = :as_column
 USING SQLCA;
if SQLCA.SQLCode <> 0 then return -1
if ll_cnt > 0 then return 0

ls_cmd = "ALTER TABLE " + of_tbl(as_table) + " ADD " + as_column + " " + as_datatype
EXECUTE IMMEDIATE :ls_cmd USING SQLCA;
if SQLCA.SQLCode < 0 then return -1
return 1
end function

on n_cst_upgrade_v7.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_upgrade_v7.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

$PBExportHeader$n_cst_powerfill.sru
$PBExportComments$PowerFill allocation engine - schema upkeep and procedures
forward
global type n_cst_powerfill from nonvisualobject
end type
end forward

global type n_cst_powerfill from nonvisualobject
event ue_postopen ( )
event ue_progress ( long al_done, long al_total )
end type
global n_cst_powerfill n_cst_powerfill

type variables
Protected:
transaction itr_trans
string is_crlf
constant string ics_version = "4.2"
string is_pool_table = "pfill_pool"
constant string ics_bx_table = "pfill_bx"
constant string ics_alloc_table = "pfill_trade_alloc"
constant string ics_log_table = "pfill_run_log"
constant integer ici_max_retry = 3
string is_last_error
string is_tenant
string is_log_path = "pfill_run.log"
boolean ib_schema_checked = false
long il_rows_done
long il_tick_start
datetime idt_last_run
datastore ids_pool
powerobject ipo_host
// 4.3: region and batching options (PF-1290)
string is_region = "US"
integer ii_batch_size = 500
boolean ib_dry_run = false
long il_warn_count

Private:
string is_pools[]
decimal{2} idc_min_upb = 25000.00
date id_cutover = 2007-04-01
integer ii_phase_count
end variables

forward prototypes
public function integer of_set_addcolumn (transaction atr_trans, string as_table, string as_column, string as_coldef)
public function integer of_open (transaction atr_trans, powerobject apo_host)
public function integer of_upgrade_schema ()
public function string of_text_type (integer ai_len)
public function boolean of_table_exists (string as_table)
public function integer of_create_tables ()
public function integer of_install_procs ()
public function integer of_run_phase (string as_phase)
protected function integer of_drop_proc (string as_proc)
protected function integer of_proc_psp_pfill_bx_settle_and_price ()
protected function integer of_proc_psp_pfill_pool_allocate ()
protected function integer of_proc_psp_pfill_cash_trade_sync ()
protected function integer of_proc_psp_pfill_run_log_purge ()
public function integer of_get_pool_info (string as_pool, ref string as_status, ref decimal adc_div_by)
public function long of_load_pools (string as_status)
public function integer of_save_alloc (string as_pool, long al_trade, string as_loan, decimal adc_amt)
public function integer of_purge_pool (string as_pool)
public function integer of_fix_div_by ()
public function integer of_check_version ()
public function integer of_save (datawindow dw_1)
public function long of_split (string as_text, string as_sep, ref string as_parts[])
public function integer of_exec (string as_sql) throws exception
public function integer of_retry (string as_proc, string as_pool)
public function string of_escape_demo ()
public function long of_days_since_cutover (date ad_when)
public function decimal of_allocate_pool (string as_pool, decimal adc_target)
public function string of_build_filter (string as_status, date ad_from, date ad_to, boolean ab_open_only)
public function integer of_export_pools (string as_file)
public function integer of_reprice_pool (string as_pool, decimal adc_price)
public function long of_count_rows (string as_table)
public function integer of_copy_pool (string as_from, string as_to)
public function integer of_validate_pool (string as_pool)
public function integer of_lock_rates (string as_pool, integer ai_days)
public function long of_archive_trades (date ad_before)
public function string of_get_setting (string as_key, string as_default)
public function decimal of_round_amount (decimal adc_amount, integer ai_places, string as_mode)
public function integer of_parse_options (string as_options)
public function integer of_wait_for_lock (string as_resource, long al_seconds)
public function long of_pool_aging (ref long al_buckets[])
public function integer of_run_all_pools (string as_status)
public function integer of_create_indexes ()
public function string of_pool_summary (string as_pool)
public function integer of_check_tables ()
public function integer of_purge_old_runs (integer ai_days)
public function string of_trace_level (integer ai_level, boolean ab_sql)
public subroutine of_log (string as_text)
public subroutine of_close_main ()
public subroutine of_reset ()
end prototypes

public function integer of_set_addcolumn (transaction atr_trans, string as_table, string as_column, string as_coldef);//////////////////////////////////////////////////////////////////////////////
//
//    Function:  of_set_addcolumn
//    Purpose:   add a column to a table unless the table already has it
//    Arguments: atr_trans  - connected transaction
//               as_table   - table name
//               as_column  - column name
//               as_coldef  - column definition (type, nullability, default)
//    Returns:   1 = added, 0 = already there, -1 = error (see is_last_error)
//
//////////////////////////////////////////////////////////////////////////////
long ll_count
string ls_sql

if IsNull(as_table) or IsNull(as_column) or IsNull(as_coldef) then return -1
if Len(Trim(as_table)) = 0 or Len(Trim(as_column)) = 0 then return -1

ll_count = 0
SELECT count(*) INTO :ll_count FROM syscolumns WHERE id = object_id(:as_table) AND name = :as_column USING atr_trans;

if atr_trans.SQLCode < 0 then
	is_last_error = "syscolumns lookup failed for " + as_table + "." + as_column + ": " + atr_trans.SQLErrText
	return -1
end if

if ll_count > 0 then return 0

ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " " + as_coldef
EXECUTE IMMEDIATE :ls_sql USING atr_trans;

if atr_trans.SQLCode <> 0 then
	is_last_error = "ALTER TABLE failed: " + ls_sql + is_crlf + atr_trans.SQLErrText
	of_log(is_last_error)
	return -1
end if

of_log("added " + as_table + "." + as_column + " (" + as_coldef + ")")
return 1
end function

public function integer of_open (transaction atr_trans, powerobject apo_host);// Entry point called by w_pfill_main.open: keep the connection and
// post the schema upkeep so the window can paint first.
if not IsValid(atr_trans) then return -1
if atr_trans.DBHandle() = 0 then
	is_last_error = "of_open: transaction is not connected"
	return -1
end if

itr_trans = atr_trans
ipo_host = apo_host
il_tick_start = CPU()
idt_last_run = DateTime(Today(), Now())

if not IsValid(ids_pool) then ids_pool = create datastore

this.event post ue_postopen()
return 1
end function

public function integer of_upgrade_schema ();//////////////////////////////////////////////////////////////////////////////
//
//    Function:  of_upgrade_schema
//    Purpose:   bring a tenant database created by an older PowerFill
//               release up to the current column layout
//    Returns:   1 = ok, -1 = at least one column could not be added
//
//    Every of_set_addcolumn call is safe to repeat: the helper checks
//    syscolumns first and does nothing when the column is there.
//
//////////////////////////////////////////////////////////////////////////////
string ls_table, ls_col, ls_msg
integer li_rc, li_failed
long ll_row, ll_rows
datastore lds_cols

li_failed = 0

// ---- pool master ----------------------------------------------------------
of_set_addcolumn(itr_trans, "pfill_pool", "div_by", "numeric(11,8) null")
of_set_addcolumn(itr_trans, "pfill_pool", "pool_status", "varchar(10) not null default ~"U~"")
this.of_set_addcolumn(itr_trans, "pfill_pool", "settle_date", "datetime null")
of_set_addcolumn(itr_trans, "pfill_pool", "max_upb", "decimal(18,2) null default 0")
This.Of_Set_AddColumn(itr_trans, "pfill_pool", "coupon_rate", "numeric(11,8) null")
of_set_addcolumn(itr_trans, "pfill_pool", &
		"agency_code", "char(1) NOT NULL")
of_set_addcolumn(SQLCA, "pfill_pool", "pool_type", "varchar(4) null")
// of_set_addcolumn(itr_trans, "pfill_x", "old_col", "int")

// ---- bx rows: the table comes from an instance constant --------------------
of_set_addcolumn(itr_trans, ics_bx_table, "div_by", "numeric(11,8) null")
of_set_addcolumn(itr_trans, ics_bx_table, "div_by_override", "numeric(11,8) null")
this.of_set_addcolumn(itr_trans, ics_bx_table, "bx_seq", "int not null default 0")
of_set_addcolumn(itr_trans, &
		ics_bx_table, &
		"price_src", &
		"varchar(10) not null default ~"M~"")
OF_SET_ADDCOLUMN(itr_trans, ics_bx_table, "last_px_dt", "datetime null")

/* Dropped in 4.0 - kept here so nobody adds them back:
of_set_addcolumn(itr_trans, "pfill_pool", "legacy_flag", "char(1) null")
of_set_addcolumn(itr_trans, ics_bx_table, "div_by", "float null")
*/

// ---- cash trades: the table comes from a local variable -------------------
ls_table = "pfill_cash_trade"
of_set_addcolumn(itr_trans, ls_table, "settle_amt", "decimal(18,2) null default 0")
of_set_addcolumn(itr_trans, ls_table, "trade_status", "varchar(10) not null &
default ~"O~"")
this.of_set_addcolumn(itr_trans, ls_table, "commit_dt", "datetime null")
of_set_addcolumn(itr_trans, ls_table, "trader_id", "int not null default 0")
li_rc = of_set_addcolumn(itr_trans, ls_table, "px_factor", "numeric(11,8) null")
if li_rc < 0 then li_failed++

ls_msg = "call of_set_addcolumn(itr_trans, 'a', 'b', 'int') failed"

// ---- loans: same variable, another table -----------------------------------
ls_table = "pfill_loan"
of_set_addcolumn(itr_trans, ls_table, "loan_grade", "char(1) NOT NULL")
of_set_addcolumn(itr_trans, ls_table, "upb_amt", "decimal(18,2) null default 0")
of_set_addcolumn(itr_trans, ls_table, "note_text", of_text_type(255))
This.of_set_addcolumn(itr_trans, ls_table, "lock_dt", "datetime null")
of_set_addcolumn(itr_trans, ls_table, "rate_lock_days", "int not null default 0")

/* 3.9 clean-up /* see ticket PF-1182 */ still pending:
of_set_addcolumn(itr_trans, "pfill_loan", "old_grade", "char(2) null")
*/

// ---- allocation rows: the variable now holds an instance constant ---------
ls_table = ics_alloc_table
of_set_addcolumn(itr_trans, ls_table, "price_adj", "numeric(11,8) null")
of_set_addcolumn(itr_trans, ls_table, "alloc_seq", "int not null default 0")
if of_set_addcolumn(itr_trans, ls_table, "last_upd_by", "varchar(30) null") < 0 then
	li_failed++
	of_log("could not add last_upd_by: " + is_last_error)
end if

// ---- run log ---------------------------------------------------------------
if this.of_set_addcolumn(itr_trans, ics_log_table, "run_host", &
		"varchar(30) null") < 0 then
	li_failed++
end if
of_set_addcolumn(itr_trans, ics_log_table, "rows_done", "int null")

// ---- tenant-defined setup columns: the names come from the database -------
ls_table = "pfill_setup"
lds_cols = create datastore
lds_cols.DataObject = "d_pfill_setup_cols"
lds_cols.SetTransObject(itr_trans)
ll_rows = lds_cols.Retrieve()
for ll_row = 1 to ll_rows
	ls_col = lds_cols.GetItemString(ll_row, "col_name")
	if IsNull(ls_col) or Trim(ls_col) = "" then continue
	of_set_addcolumn(itr_trans, ls_table, ls_col, "varchar(50) null")
next
destroy lds_cols

// ---- per-tenant yes/no flags, read with a cursor ---------------------------
DECLARE c_flags CURSOR FOR
	SELECT flag_name
	  FROM pfill_setup_flags
	 WHERE tenant_id = :is_tenant
	USING itr_trans;

OPEN c_flags;
do while itr_trans.SQLCode = 0
	FETCH c_flags INTO :ls_col;
	if itr_trans.SQLCode <> 0 then exit
	of_set_addcolumn(itr_trans, "pfill_setup", ls_col, "char(1) null default ~"N~"")
loop
CLOSE c_flags;

if li_failed > 0 then
	of_log(String(li_failed) + " column(s) could not be added; last error: " + is_last_error)
	return -1
end if
return 1
end function

public function string of_text_type (integer ai_len);// Type used for free-text columns; Sybase ASE tenants still get text.
string ls_dbms, ls_type

ls_dbms = Upper(Left(itr_trans.DBMS, 3))
if ls_dbms = "SYC" or ls_dbms = "SYJ" then
	ls_type = "text null"
elseif ai_len > 8000 then
	ls_type = "varchar(max) null"
else
	ls_type = "varchar(" + String(ai_len) + ") null"
end if
return ls_type
end function

public function boolean of_table_exists (string as_table);// True when a user table of that name exists in the tenant database.
long ll_cnt

ll_cnt = 0
SELECT count(*) INTO :ll_cnt FROM sysobjects WHERE name = :as_table AND type = 'U' USING itr_trans;
if itr_trans.SQLCode < 0 then return false
return (ll_cnt > 0)
end function

public function integer of_create_tables ();//////////////////////////////////////////////////////////////////////////////
//
//    Function:  of_create_tables
//    Purpose:   create the PowerFill work tables that do not exist yet;
//               columns added later are handled by of_upgrade_schema
//    Returns:   1 = ok, -1 = error (see is_last_error)
//
//////////////////////////////////////////////////////////////////////////////
string ls_sql
long ll_cnt

// ---- pfill_trade_alloc: one row per trade and loan --------------------------
ll_cnt = 0
SELECT count(*) INTO :ll_cnt FROM sysobjects WHERE name = 'pfill_trade_alloc' USING itr_trans;
if ll_cnt = 0 then
	ls_sql = "CREATE TABLE pfill_trade_alloc (" + is_crlf
	ls_sql = ls_sql + "  trade_id INT NOT NULL," + is_crlf
	ls_sql = ls_sql + "  pool_id VARCHAR(20) NOT NULL," + is_crlf
	ls_sql = ls_sql + "  loan_id VARCHAR(20) NOT NULL," + is_crlf
	ls_sql = ls_sql + "  alloc_amt DECIMAL(18,2) NOT NULL DEFAULT 0," + is_crlf
	ls_sql = ls_sql + "  div_by NUMERIC(11,8) NULL," + is_crlf
	ls_sql = ls_sql + "  alloc_pct NUMERIC(11,8) NULL," + is_crlf
	ls_sql = ls_sql + "  alloc_status CHAR(1) NOT NULL DEFAULT ~"U~"," + is_crlf
	ls_sql = ls_sql + "  created_dt DATETIME NULL," + is_crlf
	ls_sql = ls_sql + "  CONSTRAINT pk_pfill_trade_alloc PRIMARY KEY (trade_id, loan_id)" + is_crlf
	ls_sql = ls_sql + ")"
	EXECUTE IMMEDIATE :ls_sql USING itr_trans;
	if itr_trans.SQLCode <> 0 then
		is_last_error = "create pfill_trade_alloc: " + itr_trans.SQLErrText
		return -1
	end if
	of_log("created pfill_trade_alloc")
end if

// ---- pfill_bx: buy/sell exchange rows ---------------------------------------
if not of_table_exists(ics_bx_table) then
	ls_sql = "CREATE TABLE pfill_bx (" + is_crlf + &
		"  bx_id INT IDENTITY(1,1) NOT NULL," + is_crlf + &
		"  pool_id VARCHAR(20) NOT NULL," + is_crlf + &
		"  trade_id INT NOT NULL," + is_crlf + &
		"  bx_amt DECIMAL(18,2) NULL," + is_crlf + &
		"  bx_price NUMERIC(11,8) NULL," + is_crlf + &
		"  settle_dt DATETIME NULL," + is_crlf + &
		"  PRIMARY KEY (bx_id)" + is_crlf + &
		")"
	EXECUTE IMMEDIATE :ls_sql USING itr_trans;
	if itr_trans.SQLCode <> 0 then
		is_last_error = "create pfill_bx: " + itr_trans.SQLErrText
		return -1
	end if
	of_log("created pfill_bx")
end if

// ---- pfill_run_log: one row per procedure run -------------------------------
ll_cnt = 0
SELECT count(*) INTO :ll_cnt FROM sysobjects WHERE name = 'pfill_run_log' AND type = 'U' USING itr_trans;
if ll_cnt = 0 then
	ls_sql = "CREATE TABLE pfill_run_log ("
	ls_sql += is_crlf + "  run_id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,"
	ls_sql += is_crlf + "  proc_name VARCHAR(64) NOT NULL,"
	ls_sql += is_crlf + "  pool_id VARCHAR(20) NULL,"
	ls_sql += is_crlf + "  run_status CHAR(1) NOT NULL DEFAULT 'R',"
	ls_sql += is_crlf + "  started_dt DATETIME NOT NULL DEFAULT getdate(),"
	ls_sql += is_crlf + "  ended_dt DATETIME NULL"
	ls_sql += is_crlf + ")"
	EXECUTE IMMEDIATE :ls_sql USING itr_trans;
	if itr_trans.SQLCode <> 0 then
		is_last_error = "create pfill_run_log: " + itr_trans.SQLErrText
		return -1
	end if
	of_log("created pfill_run_log")
end if

// The retry counter arrived in 4.1; run logs created by 4.0 lack it.
ll_cnt = 0
SELECT count(*) INTO :ll_cnt FROM syscolumns WHERE id = object_id('pfill_run_log') AND name = 'retry_cnt' USING itr_trans;
if ll_cnt = 0 then
	ls_sql = "ALTER TABLE pfill_run_log ADD retry_cnt int NULL"
	EXECUTE IMMEDIATE :ls_sql USING itr_trans;
	if itr_trans.SQLCode <> 0 then
		is_last_error = "alter pfill_run_log: " + itr_trans.SQLErrText
		return -1
	end if
end if

return 1
end function

public function integer of_install_procs ();// Installs the PowerFill stored procedures, phase by phase.
// Phase order matters: 6b reads what 6a writes.
string ls_phases[] = {"6a", "6b", "7"}
integer li_i, li_rc

ii_phase_count = UpperBound(ls_phases)
for li_i = 1 to ii_phase_count
	li_rc = of_run_phase(ls_phases[li_i])
	if li_rc < 0 then
		of_log("phase " + ls_phases[li_i] + " failed: " + is_last_error)
		return -1
	elseif li_rc = 0 then
		continue
	end if
	this.event ue_progress(li_i, ii_phase_count)
next
return 1
end function

public function integer of_run_phase (string as_phase);// Drops and re-creates the procedures of one install phase, in order,
// then grants execute on each of them.
string ls_procs[]
long ll_i, ll_n
integer li_rc = 1, li_step

choose case Lower(as_phase)
	case "6a"
		ls_procs[1] = "psp_pfill_bx_settle_and_price"
	case "6b"
		ls_procs[1] = "psp_pfill_pool_allocate"
	case "7"
		ls_procs = {"psp_pfill_cash_trade_sync", "psp_pfill_run_log_purge"}
	case else
		return 0
end choose

ll_n = UpperBound(ls_procs)
for ll_i = 1 to ll_n step 1
	if of_drop_proc(ls_procs[ll_i]) < 0 then
		li_rc = -1
		exit
	end if

	choose case ls_procs[ll_i]
		case "psp_pfill_bx_settle_and_price"
			li_step = of_proc_psp_pfill_bx_settle_and_price()
		case "psp_pfill_pool_allocate"
			li_step = of_proc_psp_pfill_pool_allocate()
		case "psp_pfill_cash_trade_sync"
			li_step = of_proc_psp_pfill_cash_trade_sync()
		case "psp_pfill_run_log_purge"
			li_step = of_proc_psp_pfill_run_log_purge()
		case else
			li_step = -1
	end choose
	if li_step < 0 then
		li_rc = -1
		exit
	end if

	try
		of_exec("GRANT EXECUTE ON " + ls_procs[ll_i] + " TO pfill_users")
	catch (exception le_err)
		// a missing role is not fatal; the DBA grants by hand then
		of_log("grant on " + ls_procs[ll_i] + " skipped: " + le_err.GetMessage())
	finally
		il_rows_done++
	end try
next
return li_rc
end function

protected function integer of_drop_proc (string as_proc);// Drops a procedure if it exists, so that it can be created again.
string ls_sql

ls_sql = "IF OBJECT_ID('" + as_proc + "') IS NOT NULL DROP PROCEDURE " + as_proc
EXECUTE IMMEDIATE :ls_sql USING itr_trans;
if itr_trans.SQLCode < 0 then
	is_last_error = "drop " + as_proc + ": " + itr_trans.SQLErrText
	return -1
end if
return 1
end function

protected function integer of_proc_psp_pfill_bx_settle_and_price ();//////////////////////////////////////////////////////////////////////////////
//
//    Function:  of_proc_psp_pfill_bx_settle_and_price
//    Purpose:   (re)create psp_pfill_bx_settle_and_price, which settles the
//               bx rows of one pool and prices them with the pool divisor
//    Returns:   1 = created, -1 = error
//
//////////////////////////////////////////////////////////////////////////////
string ls_sql

ls_sql = "CREATE PROCEDURE psp_pfill_bx_settle_and_price @as_pool varchar(20) AS" + is_crlf
ls_sql = ls_sql + "BEGIN" + is_crlf
ls_sql = ls_sql + "  SET NOCOUNT ON" + is_crlf
ls_sql = ls_sql + "  DECLARE @div_by numeric(11,8)" + is_crlf
ls_sql = ls_sql + "  DECLARE @li_rows int, @li_err int" + is_crlf
ls_sql = ls_sql + "  -- div_by comes from the pool row; bx rows only cache it" + is_crlf
ls_sql = ls_sql + "  SELECT @div_by = p.div_by" + is_crlf
ls_sql = ls_sql + "    FROM pfill_pool p" + is_crlf
ls_sql = ls_sql + "   WHERE p.pool_id = @as_pool" + is_crlf
ls_sql = ls_sql + "  IF @div_by IS NULL OR @div_by = 0" + is_crlf
ls_sql = ls_sql + "  BEGIN" + is_crlf
ls_sql = ls_sql + "    PRINT 'psp_pfill_bx_settle_and_price: pool ' + @as_pool + ' has no div_by'" + is_crlf
ls_sql = ls_sql + "    RETURN 1" + is_crlf
ls_sql = ls_sql + "  END" + is_crlf
ls_sql = ls_sql + "  BEGIN TRANSACTION" + is_crlf
ls_sql = ls_sql + "  UPDATE b" + is_crlf
ls_sql = ls_sql + "     SET b.div_by = p.div_by," + is_crlf
ls_sql = ls_sql + "         b.div_by_override = NULL," + is_crlf
ls_sql = ls_sql + "         b.bx_seq = b.bx_seq + 1" + is_crlf
ls_sql = ls_sql + "    FROM pfill_bx b" + is_crlf
ls_sql = ls_sql + "    JOIN pfill_pool p ON p.pool_id = b.pool_id" + is_crlf
ls_sql = ls_sql + "   WHERE b.pool_id = @as_pool" + is_crlf
ls_sql = ls_sql + "  /* price = amount / div_by;" + is_crlf
ls_sql = ls_sql + "     pool_status is set further down */" + is_crlf
ls_sql = ls_sql + "  UPDATE pfill_bx" + is_crlf
ls_sql = ls_sql + "     SET bx_price = bx_amt / @div_by," + is_crlf
ls_sql = ls_sql + "         settle_dt = getdate()," + is_crlf
ls_sql = ls_sql + "         price_src = 'P'," + is_crlf
ls_sql = ls_sql + "         last_px_dt = getdate()" + is_crlf
ls_sql = ls_sql + "   WHERE pool_id = @as_pool" + is_crlf
ls_sql = ls_sql + "     AND div_by_override IS NULL" + is_crlf
ls_sql = ls_sql + "  SELECT @li_rows = @@ROWCOUNT, @li_err = @@ERROR" + is_crlf
ls_sql = ls_sql + "  IF @li_err <> 0" + is_crlf
ls_sql = ls_sql + "  BEGIN" + is_crlf
ls_sql = ls_sql + "    ROLLBACK TRANSACTION" + is_crlf
ls_sql = ls_sql + "    RETURN @li_err" + is_crlf
ls_sql = ls_sql + "  END" + is_crlf
ls_sql = ls_sql + "  UPDATE pfill_pool SET POOL_STATUS = 'S', settle_date = getdate() WHERE pool_id = @as_pool" + is_crlf
ls_sql = ls_sql + "  INSERT INTO pfill_run_log (proc_name, pool_id, run_status, retry_cnt, rows_done)" + is_crlf
ls_sql = ls_sql + "  VALUES ('psp_pfill_bx_settle_and_price', @as_pool, 'D', 0, @li_rows)" + is_crlf
ls_sql = ls_sql + "  COMMIT TRANSACTION" + is_crlf
ls_sql = ls_sql + "  RETURN 0" + is_crlf
ls_sql = ls_sql + "END"

EXECUTE IMMEDIATE :ls_sql USING itr_trans;
if itr_trans.SQLCode <> 0 then
	is_last_error = "psp_pfill_bx_settle_and_price: " + itr_trans.SQLErrText
	return -1
end if
return 1
end function

protected function integer of_proc_psp_pfill_pool_allocate ();//////////////////////////////////////////////////////////////////////////////
//
//    Function:  of_proc_psp_pfill_pool_allocate
//    Purpose:   (re)create psp_pfill_pool_allocate, which spreads the
//               open trade allocations of a pool over bx rows
//    Returns:   1 = created, -1 = error
//
//////////////////////////////////////////////////////////////////////////////
string ls_sql

ls_sql = "CREATE PROCEDURE psp_pfill_pool_allocate" + is_crlf
ls_sql = ls_sql + "  @as_pool varchar(20)," + is_crlf
ls_sql = ls_sql + "  @adt_settle datetime" + is_crlf
ls_sql = ls_sql + "AS" + is_crlf
ls_sql = ls_sql + "BEGIN" + is_crlf
ls_sql = ls_sql + "  SET NOCOUNT ON" + is_crlf
ls_sql = ls_sql + "  DECLARE @ldc_total decimal(18,2), @ldc_cap decimal(18,2)" + is_crlf
ls_sql = ls_sql + "  DECLARE @li_loans int" + is_crlf
ls_sql = ls_sql + "  DECLARE @t TABLE (" + is_crlf
ls_sql = ls_sql + "    loan_id varchar(20) NOT NULL," + is_crlf
ls_sql = ls_sql + "    alloc_amt decimal(18,2) NULL," + is_crlf
ls_sql = ls_sql + "    div_by numeric(11,8) NULL)" + is_crlf
ls_sql = ls_sql + "  CREATE TABLE #work (" + is_crlf
ls_sql = ls_sql + "    trade_id int NOT NULL," + is_crlf
ls_sql = ls_sql + "    loan_id varchar(20) NOT NULL," + is_crlf
ls_sql = ls_sql + "    div_by numeric(11,8) NULL," + is_crlf
ls_sql = ls_sql + "    pool_status varchar(10) NULL)" + is_crlf
ls_sql = ls_sql + "  -- step 1: the open allocations of the pool" + is_crlf
ls_sql = ls_sql + "  SELECT ta.trade_id, ta.loan_id, ta.alloc_amt," + is_crlf
ls_sql = ls_sql + "         ta.div_by, p.pool_status" + is_crlf
ls_sql = ls_sql + "    INTO #tmp_alloc" + is_crlf
ls_sql = ls_sql + "    FROM pfill_trade_alloc ta" + is_crlf
ls_sql = ls_sql + "    JOIN pfill_pool p ON p.pool_id = ta.pool_id" + is_crlf
ls_sql = ls_sql + "   WHERE ta.pool_id = @as_pool" + is_crlf
ls_sql = ls_sql + "     AND p.settle_date <= @adt_settle" + is_crlf
ls_sql = ls_sql + "     AND pool_status IN ('O', 'U')" + is_crlf
ls_sql = ls_sql + "     AND ta.alloc_status <> 'C'" + is_crlf
ls_sql = ls_sql + "  IF NOT EXISTS (SELECT 1 FROM #tmp_alloc)" + is_crlf
ls_sql = ls_sql + "  BEGIN" + is_crlf
ls_sql = ls_sql + "    PRINT 'psp_pfill_pool_allocate: nothing to allocate for ' + @as_pool" + is_crlf
ls_sql = ls_sql + "    DROP TABLE #tmp_alloc" + is_crlf
ls_sql = ls_sql + "    DROP TABLE #work" + is_crlf
ls_sql = ls_sql + "    RETURN 0" + is_crlf
ls_sql = ls_sql + "  END" + is_crlf
ls_sql = ls_sql + "  -- step 2: one row per loan, summed" + is_crlf
ls_sql = ls_sql + "  INSERT INTO @t (loan_id, alloc_amt, div_by)" + is_crlf
ls_sql = ls_sql + "  SELECT loan_id, sum(alloc_amt), max(div_by)" + is_crlf
ls_sql = ls_sql + "    FROM #tmp_alloc" + is_crlf
ls_sql = ls_sql + "   GROUP BY loan_id" + is_crlf
ls_sql = ls_sql + "  SELECT @li_loans = count(*), @ldc_total = isnull(sum(alloc_amt), 0) FROM @t" + is_crlf
ls_sql = ls_sql + "  SELECT @ldc_cap = max_upb FROM pfill_pool WHERE pool_id = @as_pool" + is_crlf
ls_sql = ls_sql + "  -- step 3: refuse pools that would go over their cap" + is_crlf
ls_sql = ls_sql + "  IF @ldc_cap IS NOT NULL AND @ldc_total > @ldc_cap" + is_crlf
ls_sql = ls_sql + "  BEGIN" + is_crlf
ls_sql = ls_sql + "    PRINT 'psp_pfill_pool_allocate: pool ' + @as_pool + ' over cap'" + is_crlf
ls_sql = ls_sql + "    UPDATE pfill_pool SET pool_status = 'X' WHERE pool_id = @as_pool" + is_crlf
ls_sql = ls_sql + "    DROP TABLE #tmp_alloc" + is_crlf
ls_sql = ls_sql + "    DROP TABLE #work" + is_crlf
ls_sql = ls_sql + "    RETURN 2" + is_crlf
ls_sql = ls_sql + "  END" + is_crlf
ls_sql = ls_sql + "  ELSE" + is_crlf
ls_sql = ls_sql + "  BEGIN" + is_crlf
ls_sql = ls_sql + "    INSERT INTO #work (trade_id, loan_id, div_by, pool_status)" + is_crlf
ls_sql = ls_sql + "    SELECT trade_id, loan_id, isnull(div_by, 1.0), 'A'" + is_crlf
ls_sql = ls_sql + "      FROM #tmp_alloc" + is_crlf
ls_sql = ls_sql + "  END" + is_crlf
ls_sql = ls_sql + "  -- step 4: percentages, then one bx row per allocation" + is_crlf
ls_sql = ls_sql + "  UPDATE ta" + is_crlf
ls_sql = ls_sql + "     SET ta.alloc_pct = ta.alloc_amt / @ldc_total * w.div_by," + is_crlf
ls_sql = ls_sql + "         ta.alloc_status = 'A'," + is_crlf
ls_sql = ls_sql + "         ta.alloc_seq = ta.alloc_seq + 1," + is_crlf
ls_sql = ls_sql + "         ta.last_upd_by = suser_sname()" + is_crlf
ls_sql = ls_sql + "    FROM pfill_trade_alloc ta" + is_crlf
ls_sql = ls_sql + "    JOIN #work w ON w.trade_id = ta.trade_id AND w.loan_id = ta.loan_id" + is_crlf
ls_sql = ls_sql + "   WHERE @ldc_total > 0" + is_crlf
ls_sql = ls_sql + "  INSERT INTO pfill_bx (pool_id, trade_id, bx_amt, div_by)" + is_crlf
ls_sql = ls_sql + "  SELECT ta.pool_id, ta.trade_id, ta.alloc_amt, w.div_by" + is_crlf
ls_sql = ls_sql + "    FROM pfill_trade_alloc ta" + is_crlf
ls_sql = ls_sql + "    JOIN #work w ON w.trade_id = ta.trade_id AND w.loan_id = ta.loan_id" + is_crlf
ls_sql = ls_sql + "   WHERE NOT EXISTS (SELECT 1 FROM pfill_bx x" + is_crlf
ls_sql = ls_sql + "                      WHERE x.trade_id = ta.trade_id AND x.pool_id = ta.pool_id)" + is_crlf
ls_sql = ls_sql + "  INSERT INTO pfill_run_log (proc_name, pool_id, run_status, rows_done)" + is_crlf
ls_sql = ls_sql + "  VALUES ('psp_pfill_pool_allocate', @as_pool, 'D', @li_loans)" + is_crlf
ls_sql = ls_sql + "  DROP TABLE #tmp_alloc" + is_crlf
ls_sql = ls_sql + "  DROP TABLE #work" + is_crlf
ls_sql = ls_sql + "  RETURN 0" + is_crlf
ls_sql = ls_sql + "END"

EXECUTE IMMEDIATE :ls_sql USING itr_trans;
if itr_trans.SQLCode <> 0 then
	is_last_error = "psp_pfill_pool_allocate: " + itr_trans.SQLErrText
	return -1
end if
return 1
end function

protected function integer of_proc_psp_pfill_cash_trade_sync ();//////////////////////////////////////////////////////////////////////////////
//
//    Function:  of_proc_psp_pfill_cash_trade_sync
//    Purpose:   (re)create psp_pfill_cash_trade_sync, which copies committed
//               cash trades into the allocation rows
//    Returns:   1 = created, -1 = error
//
//////////////////////////////////////////////////////////////////////////////
string ls_sql

ls_sql = "CREATE PROCEDURE psp_pfill_cash_trade_sync AS" + is_crlf
ls_sql = ls_sql + "BEGIN" + is_crlf
ls_sql = ls_sql + "  SET NOCOUNT ON" + is_crlf
ls_sql = ls_sql + "  DECLARE @li_trade int, @ldc_amt decimal(18,2), @ls_status varchar(10)" + is_crlf
ls_sql = ls_sql + "  DECLARE @li_done int" + is_crlf
ls_sql = ls_sql + "  SELECT @li_done = 0" + is_crlf
ls_sql = ls_sql + "  DECLARE c_trade CURSOR LOCAL FAST_FORWARD FOR" + is_crlf
ls_sql = ls_sql + "    SELECT ct.trade_id, ct.settle_amt, ct.trade_status" + is_crlf
ls_sql = ls_sql + "      FROM pfill_cash_trade ct" + is_crlf
ls_sql = ls_sql + "     WHERE ct.commit_dt IS NOT NULL" + is_crlf
ls_sql = ls_sql + "  OPEN c_trade" + is_crlf
ls_sql = ls_sql + "  FETCH NEXT FROM c_trade INTO @li_trade, @ldc_amt, @ls_status" + is_crlf
ls_sql = ls_sql + "  WHILE @@FETCH_STATUS = 0" + is_crlf
ls_sql = ls_sql + "  BEGIN" + is_crlf
ls_sql = ls_sql + "    IF @ls_status = 'C'" + is_crlf
ls_sql = ls_sql + "      UPDATE pfill_trade_alloc SET alloc_status = 'C' WHERE trade_id = @li_trade" + is_crlf
ls_sql = ls_sql + "    ELSE IF @ldc_amt IS NOT NULL" + is_crlf
ls_sql = ls_sql + "    BEGIN" + is_crlf
ls_sql = ls_sql + "      UPDATE pfill_trade_alloc" + is_crlf
ls_sql = ls_sql + "         SET alloc_amt = @ldc_amt" + is_crlf
ls_sql = ls_sql + "       WHERE trade_id = @li_trade" + is_crlf
ls_sql = ls_sql + "         AND alloc_status <> 'C'" + is_crlf
ls_sql = ls_sql + "    END" + is_crlf
ls_sql = ls_sql + "    SELECT @li_done = @li_done + 1" + is_crlf
ls_sql = ls_sql + "    FETCH NEXT FROM c_trade INTO @li_trade, @ldc_amt, @ls_status" + is_crlf
ls_sql = ls_sql + "  END" + is_crlf
ls_sql = ls_sql + "  CLOSE c_trade" + is_crlf
ls_sql = ls_sql + "  DEALLOCATE c_trade" + is_crlf
ls_sql = ls_sql + "  -- keep bx rows in line with their pool (div_by_override wins when set)" + is_crlf
ls_sql = ls_sql + "  UPDATE b SET b.div_by = p.div_by FROM pfill_bx b JOIN pfill_pool p ON p.pool_id = b.pool_id WHERE b.div_by_override IS NULL" + is_crlf
ls_sql = ls_sql + "  UPDATE b SET b.div_by = b.div_by_override FROM pfill_bx b WHERE b.div_by_override IS NOT NULL" + is_crlf
ls_sql = ls_sql + "  INSERT INTO pfill_run_log (proc_name, run_status, rows_done)" + is_crlf
ls_sql = ls_sql + "  SELECT 'psp_pfill_cash_trade_sync', 'D', @li_done" + is_crlf
ls_sql = ls_sql + "END"

EXECUTE IMMEDIATE :ls_sql USING itr_trans;
if itr_trans.SQLCode <> 0 then
	is_last_error = "psp_pfill_cash_trade_sync: " + itr_trans.SQLErrText
	return -1
end if
return 1
end function

protected function integer of_proc_psp_pfill_run_log_purge ();// (Re)creates psp_pfill_run_log_purge: drops finished log rows older than
// @ai_days and reports the highest retry count per procedure.
string ls_sql

ls_sql = "CREATE PROCEDURE psp_pfill_run_log_purge @ai_days int = 30 AS" + is_crlf
ls_sql += "BEGIN" + is_crlf
ls_sql += "  SET NOCOUNT ON" + is_crlf
ls_sql += "  DELETE FROM pfill_run_log" + is_crlf
ls_sql += "   WHERE started_dt < dateadd(dd, -@ai_days, getdate())" + is_crlf
ls_sql += "     AND run_status = 'D'" + is_crlf
ls_sql += "  UPDATE pfill_run_log SET retry_cnt = 0 WHERE retry_cnt IS NULL" + is_crlf
ls_sql += "  SELECT l.proc_name, count(*) AS runs, max(l.retry_cnt) AS max_retry" + is_crlf
ls_sql += "    FROM pfill_run_log l" + is_crlf
ls_sql += "   GROUP BY l.proc_name" + is_crlf
ls_sql += "   ORDER BY l.proc_name" + is_crlf
ls_sql += "END"

EXECUTE IMMEDIATE :ls_sql USING itr_trans;
if itr_trans.SQLCode <> 0 then
	is_last_error = "psp_pfill_run_log_purge: " + itr_trans.SQLErrText
	return -1
end if
return 1
end function

public function integer of_get_pool_info (string as_pool, ref string as_status, ref decimal adc_div_by);// Reads the status and divisor of one pool.
// Returns 1 = found, 0 = no such pool, -1 = database error.
integer li_rc

SELECT pool_status, div_by
  INTO :as_status, :adc_div_by
  FROM pfill_pool
 WHERE pool_id = :as_pool
 USING itr_trans;

choose case itr_trans.SQLCode
	case 0
		li_rc = 1
	case 100
		SetNull(as_status)
		SetNull(adc_div_by)
		li_rc = 0
	case else
		is_last_error = "of_get_pool_info: " + itr_trans.SQLErrText
		li_rc = -1
end choose
return li_rc
end function

public function long of_load_pools (string as_status);// Loads the ids of the pools in one status into is_pools[].
string ls_pool, ls_empty[]
decimal{8} ldc_div
long ll_count

is_pools = ls_empty
ll_count = 0

DECLARE c_pool CURSOR FOR
	SELECT pool_id, div_by
	  FROM pfill_pool
	 WHERE pool_status = :as_status
	 ORDER BY pool_id
	USING itr_trans;

OPEN c_pool;
if itr_trans.SQLCode <> 0 then
	is_last_error = "open c_pool: " + itr_trans.SQLErrText
	return -1
end if

FETCH c_pool INTO :ls_pool, :ldc_div;
do while itr_trans.SQLCode = 0
	if ldc_div > 0 then
		ll_count++
		is_pools[ll_count] = ls_pool
	end if
	FETCH c_pool INTO :ls_pool, :ldc_div;
loop

CLOSE c_pool;
of_log("loaded " + String(ll_count) + " pools from " + is_pool_table)
return ll_count
end function

public function integer of_save_alloc (string as_pool, long al_trade, string as_loan, decimal adc_amt);// Inserts one allocation row; the divisor is copied from the pool.
string ls_status
decimal{8} ldc_div

if of_get_pool_info(as_pool, ls_status, ldc_div) <> 1 then return -1
if adc_amt < idc_min_upb then
	is_last_error = "allocation below the minimum of " + String(idc_min_upb, "#,##0.00")
	return -1
end if

INSERT INTO pfill_trade_alloc
	( trade_id, pool_id, loan_id, alloc_amt, div_by, alloc_status, created_dt )
VALUES
	( :al_trade, :as_pool, :as_loan, :adc_amt, :ldc_div, 'U', getdate() )
USING SQLCA;

if SQLCA.SQLCode <> 0 then
	is_last_error = "of_save_alloc: " + SQLCA.SQLErrText
	ROLLBACK USING SQLCA;
	return -1
end if

COMMIT USING SQLCA;
return 1
end function

public function integer of_purge_pool (string as_pool);// Removes the unpriced bx rows of a pool and marks the pool as purged.
long ll_left

DELETE FROM pfill_bx
 WHERE pool_id = :as_pool
   AND div_by IS NULL
USING SQLCA;

if SQLCA.SQLCode < 0 then
	is_last_error = "delete pfill_bx: " + SQLCA.SQLErrText
	ROLLBACK USING SQLCA;
	return -1
end if

UPDATE pfill_pool
   SET pool_status = 'P',
	   div_by = NULL
 WHERE pool_id = :as_pool
USING SQLCA;

if SQLCA.SQLCode < 0 then
	is_last_error = "update pfill_pool: " + SQLCA.SQLErrText
	ROLLBACK USING SQLCA;
	return -1
end if

SELECT count(*) INTO :ll_left FROM pfill_bx WHERE pool_id = :as_pool USING SQLCA;
COMMIT USING SQLCA;
of_log("purged pool " + as_pool + "; " + String(ll_left) + " priced bx rows kept")
return 1
end function

public function integer of_fix_div_by ();// Repairs divisors that older releases left empty.
string ls_sql

ls_sql = "UPDATE pfill_pool SET div_by = 1.0 WHERE div_by IS NULL OR div_by = 0"
EXECUTE IMMEDIATE :ls_sql USING itr_trans;
if itr_trans.SQLCode < 0 then
	is_last_error = "of_fix_div_by (pool): " + itr_trans.SQLErrText
	return -1
end if

ls_sql = "UPDATE pfill_bx SET div_by = (SELECT p.div_by FROM pfill_pool p " + &
	"WHERE p.pool_id = pfill_bx.pool_id) " + &
	"WHERE div_by IS NULL AND div_by_override IS NULL"
EXECUTE IMMEDIATE :ls_sql USING itr_trans;
if itr_trans.SQLCode < 0 then
	is_last_error = "of_fix_div_by (bx): " + itr_trans.SQLErrText
	return -1
end if

COMMIT USING itr_trans;
return 1
end function

public function integer of_check_version ();// Compares the schema version stored in pfill_setup with ics_version.
string ls_key, ls_db_version, ls_version
long ll_seq

ls_key = "schema_version"
ls_version = ics_version
SELECT setup_value, setup_seq INTO :ls_db_version, :ll_seq FROM pfill_setup WHERE setup_key = :ls_key USING itr_trans;

if itr_trans.SQLCode = 100 then
	INSERT INTO pfill_setup (setup_key, setup_value, setup_seq)
	VALUES (:ls_key, :ls_version, 1)
	USING itr_trans;
	return 0
elseif itr_trans.SQLCode < 0 then
	is_last_error = "of_check_version: " + itr_trans.SQLErrText
	return -1
end if

if ls_db_version = ics_version then return 1

UPDATE pfill_setup
   SET setup_value = :ls_version,
	   setup_seq = setup_seq + 1
 WHERE setup_key = :ls_key
USING itr_trans;
return 2
end function

public function integer of_save (datawindow dw_1);// Saves the allocation grid of the caller; a single new row gets
// a zero divisor so that the pricing step skips it.
long ll_row

if not IsValid(dw_1) then return -1
ll_row = dw_1.GetRow()
if dw_1.RowCount() = 1 and dw_1.GetItemStatus(1, 0, Primary!) = NewModified! then
	dw_1.SetItem(1, "div_by", 0)
end if
if dw_1.AcceptText() <> 1 then return -1

if dw_1.Update() = 1 then
	COMMIT USING SQLCA;
	if ll_row > 0 then dw_1.ScrollToRow(ll_row)
	return 1
else
	ROLLBACK USING SQLCA;
	return -1
end if
end function

public function long of_split (string as_text, string as_sep, ref string as_parts[]);// Splits as_text on as_sep into as_parts[]; returns the number of parts.
long ll_pos, ll_start, ll_count
string ls_empty[]

as_parts = ls_empty
if IsNull(as_text) or as_text = "" then return 0
if IsNull(as_sep) or as_sep = "" then
	as_parts[1] = as_text
	return 1
end if

ll_start = 1
do while true
	ll_pos = Pos(as_text, as_sep, ll_start)
	if ll_pos = 0 then exit
	ll_count++
	as_parts[ll_count] = Mid(as_text, ll_start, ll_pos - ll_start)
	ll_start = ll_pos + Len(as_sep)
loop
ll_count++
as_parts[ll_count] = Mid(as_text, ll_start)
return ll_count
end function

public function integer of_exec (string as_sql) throws exception;// Runs one statement; a database error becomes an exception.
exception lex_err

EXECUTE IMMEDIATE :as_sql USING itr_trans;
if itr_trans.SQLCode < 0 then
	lex_err = create exception
	lex_err.SetMessage(itr_trans.SQLErrText)
	throw lex_err
end if
return itr_trans.SQLCode
end function

public function integer of_retry (string as_proc, string as_pool);// Runs a procedure for one pool, up to ici_max_retry times; every
// failure is counted in the run log.
integer li_try, li_rc
long ll_retry_cnt
string ls_sql, ls_pool

li_try = 0
do
	li_try++
	ls_sql = "EXECUTE " + as_proc + " @as_pool = '" + as_pool + "'"
	EXECUTE IMMEDIATE :ls_sql USING itr_trans;
	li_rc = itr_trans.SQLCode
	if li_rc = 0 then exit

	UPDATE pfill_run_log
	   SET retry_cnt = retry_cnt + 1
	 WHERE proc_name = :as_proc
	   AND pool_id = :as_pool
	 USING itr_trans;

	if li_try >= ici_max_retry then goto give_up
	Yield()
loop until li_rc = 0

SELECT max(pool_id), max(retry_cnt) INTO :ls_pool, :ll_retry_cnt FROM pfill_run_log WHERE proc_name = :as_proc USING itr_trans;
of_log(as_proc + " ok after " + String(ll_retry_cnt) + " retries (" + ls_pool + ")")
return 1

give_up:
is_last_error = as_proc + " failed " + String(li_try) + " times: " + itr_trans.SQLErrText
of_log(is_last_error)
return -1
end function

public function string of_escape_demo ();// Builds the banner written at the top of the run log file.
string ls_banner, ls_quote, ls_path
any la_first
/* The column letters are written as escapes because the log viewer
   /* the old one, pfview.exe */ chokes on raw control characters. */
ls_banner = "PowerFill " + ics_version + "~r~n" + "~tpool~tdiv~r~n"
ls_quote = "He said ~"allocate~" and ~'settle~' ~~ done"
ls_banner += "~h41~065~o101" // three spellings of A
ls_path = "C:\pfill\logs\run.log"
if ids_pool.RowCount() > 0 then
	la_first = ids_pool.object.data[1, 2]
	ls_banner += String(la_first)
end if
return ls_banner + ls_quote + " -> " + ls_path
end function

public function long of_days_since_cutover (date ad_when);// Days between the 4.0 cut-over and ad_when; 0 before the cut-over.
date ld_cutover
datetime ldt_start

ld_cutover = 2007-04-01
if ad_when < ld_cutover then return 0
ldt_start = DateTime(ld_cutover, 00:00:00)
if ldt_start > idt_last_run then return 0
return DaysAfter(ld_cutover, ad_when)
end function

public function decimal of_allocate_pool (string as_pool, decimal adc_target);// Greedy client-side allocation: walks the open loans of a pool from the
// largest balance down until adc_target is covered.  Returns what was
// allocated.
datastore lds_loans
long ll_row, ll_rows, ll_skipped, ll_trade
decimal{2} ldc_done, ldc_upb, ldc_take
string ls_loan, ls_grade

if adc_target <= 0 then return 0

lds_loans = create datastore
lds_loans.DataObject = "d_pfill_open_loans"
lds_loans.SetTransObject(itr_trans)
ll_rows = lds_loans.Retrieve(as_pool)
if ll_rows < 1 then
	destroy lds_loans
	return 0
end if

lds_loans.SetSort("upb_amt D")
lds_loans.Sort()

ldc_done = 0
for ll_row = 1 to ll_rows
	ls_loan = lds_loans.GetItemString(ll_row, "loan_id")
	ll_trade = lds_loans.GetItemNumber(ll_row, "trade_id")
	ls_grade = lds_loans.GetItemString(ll_row, "loan_grade")
	ldc_upb = lds_loans.GetItemDecimal(ll_row, "upb_amt")

	choose case ls_grade
		case "A", "B"
			// always eligible
		case "C"
			if ldc_upb > idc_min_upb * 4 then
				ll_skipped++
				continue
			end if
		case else
			ll_skipped++
			continue
	end choose

	if ldc_done + ldc_upb > adc_target then
		ldc_take = adc_target - ldc_done
	else
		ldc_take = ldc_upb
	end if

	if of_save_alloc(as_pool, ll_trade, ls_loan, ldc_take) = 1 then
		ldc_done += ldc_take
	end if
	if ldc_done >= adc_target then exit
next

destroy lds_loans
if ll_skipped > 0 then of_log(String(ll_skipped) + " loans skipped in pool " + as_pool)
return ldc_done
end function

public function string of_build_filter (string as_status, date ad_from, date ad_to, boolean ab_open_only);// Builds a DataWindow filter for the pool list.
string ls_filter

ls_filter = ""
if not IsNull(as_status) and as_status <> "" then
	ls_filter = "status = '" + as_status + "'"
end if

if not IsNull(ad_from) then
	if ls_filter <> "" then ls_filter += " and "
	ls_filter += "settle >= date('" + String(ad_from, "yyyy-mm-dd") + "')"
end if

if not IsNull(ad_to) then
	if ls_filter <> "" then ls_filter += " and "
	ls_filter += "settle <= date('" + String(ad_to, "yyyy-mm-dd") + "')"
end if

if ab_open_only then
	if ls_filter <> "" then
		ls_filter = "(" + ls_filter + ") and " + &
			"status in ('O', 'U')"
	else
		ls_filter = "status in ('O', 'U')"
	end if
end if
return ls_filter
end function

public function integer of_export_pools (string as_file);// Writes the loaded pools to a tab-separated file.
integer li_file
long ll_i, ll_n
string ls_line, ls_status
decimal{8} ldc_div

ll_n = UpperBound(is_pools)
if ll_n = 0 then return 0

li_file = FileOpen(as_file, LineMode!, Write!, LockWrite!, Replace!)
if li_file < 0 then
	is_last_error = "cannot open " + as_file
	return -1
end if

FileWrite(li_file, "pool~tstatus~tdivisor")
ll_i = 1
do until ll_i > ll_n
	if of_get_pool_info(is_pools[ll_i], ls_status, ldc_div) = 1 then
		ls_line = is_pools[ll_i] + "~t" + ls_status + "~t" + String(ldc_div, "0.00000000")
		FileWrite(li_file, ls_line)
	end if
	ll_i += 1
loop
FileClose(li_file)
return 1
end function

public function integer of_reprice_pool (string as_pool, decimal adc_price);// Sets a manual price on every bx row of a pool.
long ll_rows

if adc_price <= 0 then return -1

UPDATE pfill_bx
   SET bx_price = :adc_price,
	   price_src = 'M',
	   last_px_dt = getdate()
 WHERE pool_id = :as_pool
USING itr_trans;

if itr_trans.SQLCode < 0 then
	is_last_error = "of_reprice_pool: " + itr_trans.SQLErrText
	ROLLBACK USING itr_trans;
	return -1
end if

ll_rows = itr_trans.SQLNRows
COMMIT USING itr_trans;
of_log("repriced " + String(ll_rows) + " bx rows of pool " + as_pool)
return 1
end function

public function long of_count_rows (string as_table);// Row count of a table, through dynamic SQL format 3.
long ll_count
string ls_sql

ls_sql = "SELECT count(*) FROM " + as_table
DECLARE c_count DYNAMIC CURSOR FOR SQLSA;
PREPARE SQLSA FROM :ls_sql USING itr_trans;
OPEN DYNAMIC c_count;
FETCH c_count INTO :ll_count;
CLOSE c_count;
if itr_trans.SQLCode < 0 then return -1
return ll_count
end function

public function integer of_copy_pool (string as_from, string as_to);// Copies the header row of a pool under a new id (used for re-issues).
long ll_exists

SELECT count(*) INTO :ll_exists FROM pfill_pool WHERE pool_id = :as_to USING itr_trans;
if ll_exists > 0 then
	is_last_error = "pool " + as_to + " already exists"
	return 0
end if

INSERT INTO pfill_pool
	( pool_id, pool_status, div_by, settle_date, max_upb, coupon_rate, agency_code )
SELECT :as_to, 'U', div_by, settle_date, max_upb, coupon_rate, agency_code
  FROM pfill_pool
 WHERE pool_id = :as_from
USING itr_trans;

if itr_trans.SQLCode <> 0 then
	is_last_error = "of_copy_pool: " + itr_trans.SQLErrText
	ROLLBACK USING itr_trans;
	return -1
end if
COMMIT USING itr_trans;
return 1
end function

public function integer of_validate_pool (string as_pool);// Checks a pool before allocation.  Returns 1 when it can be
// allocated, otherwise a negative reason code (see of_status_text).
string ls_status, ls_agency
decimal{8} ldc_div
decimal{2} ldc_cap, ldc_open
long ll_loans
datetime ldt_settle

if of_get_pool_info(as_pool, ls_status, ldc_div) <> 1 then return -1

SELECT agency_code, max_upb, settle_date
  INTO :ls_agency, :ldc_cap, :ldt_settle
  FROM pfill_pool
 WHERE pool_id = :as_pool
 USING itr_trans;

if itr_trans.SQLCode <> 0 then return -2

SELECT count(*), isnull(sum(upb_amt), 0)
  INTO :ll_loans, :ldc_open
  FROM pfill_loan
 WHERE pool_id = :as_pool
   AND loan_grade <> 'X'
 USING itr_trans;

if ls_status = "C" or ls_status = "P" then
	return -3
elseif IsNull(ldc_div) or ldc_div = 0 then
	return -4
elseif ll_loans = 0 then
	return -5
elseif not IsNull(ldc_cap) and ldc_open > ldc_cap then
	return -6
elseif Date(ldt_settle) < id_cutover then
	return -7
end if

choose case ls_agency
	case "F", "G", "N"
		// agency pools
	case "P"
		if ldc_open < idc_min_upb then return -8
	case else
		of_log("pool " + as_pool + " has an unknown agency code " + ls_agency)
end choose
return 1
end function

public function integer of_lock_rates (string as_pool, integer ai_days);// Locks the rates of every unlocked loan of a pool for ai_days days.
long ll_locked
datetime ldt_now

if ai_days < 1 or ai_days > 180 then
	is_last_error = "lock period must be between 1 and 180 days"
	return -1
end if

ldt_now = DateTime(Today(), Now())

UPDATE pfill_loan
   SET lock_dt = :ldt_now,
	   rate_lock_days = :ai_days
 WHERE pool_id = :as_pool
   AND lock_dt IS NULL
USING itr_trans;

if itr_trans.SQLCode < 0 then
	is_last_error = "of_lock_rates: " + itr_trans.SQLErrText
	ROLLBACK USING itr_trans;
	return -1
end if

ll_locked = itr_trans.SQLNRows
COMMIT USING itr_trans;
of_log(String(ll_locked) + " loan rates locked in pool " + as_pool + " for " + String(ai_days) + " days")
return 1
end function

public function long of_archive_trades (date ad_before);// Moves settled cash trades older than ad_before to the archive table.
long ll_moved
datetime ldt_limit

ldt_limit = DateTime(ad_before, 00:00:00)

INSERT INTO pfill_cash_trade_arch
	( trade_id, settle_amt, trade_status, commit_dt, trader_id )
SELECT trade_id, settle_amt, trade_status, commit_dt, trader_id
  FROM pfill_cash_trade
 WHERE trade_status = 'S'
   AND commit_dt < :ldt_limit
USING itr_trans;

if itr_trans.SQLCode < 0 then
	is_last_error = "archive insert: " + itr_trans.SQLErrText
	ROLLBACK USING itr_trans;
	return -1
end if
ll_moved = itr_trans.SQLNRows

DELETE FROM pfill_cash_trade
 WHERE trade_status = 'S'
   AND commit_dt < :ldt_limit
USING itr_trans;

if itr_trans.SQLCode < 0 then
	is_last_error = "archive delete: " + itr_trans.SQLErrText
	ROLLBACK USING itr_trans;
	return -1
end if

COMMIT USING itr_trans;
return ll_moved
end function

public function string of_get_setting (string as_key, string as_default);// A setting from pfill_setup, else from pfill.ini, else as_default.
string ls_value

SELECT setup_value INTO :ls_value FROM pfill_setup WHERE setup_key = :as_key USING itr_trans;
if itr_trans.SQLCode = 0 and not IsNull(ls_value) then return ls_value

ls_value = ProfileString("pfill.ini", "settings", as_key, "")
if ls_value = "" then ls_value = as_default
return ls_value
end function

public function decimal of_round_amount (decimal adc_amount, integer ai_places, string as_mode);// Rounds an amount the way the trading desk expects:
//   "N" nearest, "U" away from zero, "D" toward zero.
decimal ldc_factor, ldc_result
integer li_i

if IsNull(adc_amount) then return adc_amount
if ai_places < 0 then ai_places = 0

ldc_factor = 1
for li_i = 1 to ai_places
	ldc_factor = ldc_factor * 10
next

choose case Upper(as_mode)
	case "U"
		if adc_amount >= 0 then
			ldc_result = Ceiling(adc_amount * ldc_factor) / ldc_factor
		else
			ldc_result = -Ceiling(-adc_amount * ldc_factor) / ldc_factor
		end if
	case "D"
		ldc_result = Truncate(adc_amount * ldc_factor, 0) / ldc_factor
	case else
		ldc_result = Round(adc_amount, ai_places)
end choose
return ldc_result
end function

public function integer of_parse_options (string as_options);// Reads "key=value;key=value" run options given on the command line.
string ls_parts[], ls_key, ls_value
long ll_i, ll_n, ll_eq
integer li_unknown

ll_n = of_split(as_options, ";", ls_parts)
for ll_i = 1 to ll_n
	ll_eq = Pos(ls_parts[ll_i], "=")
	if ll_eq < 2 then continue
	ls_key = Lower(Trim(Left(ls_parts[ll_i], ll_eq - 1)))
	ls_value = Trim(Mid(ls_parts[ll_i], ll_eq + 1))

	choose case ls_key
		case "tenant"
			is_tenant = ls_value
		case "log"
			is_log_path = ls_value
		case "minupb"
			if IsNumber(ls_value) then idc_min_upb = Dec(ls_value)
		case "cutover"
			if IsDate(ls_value) then id_cutover = Date(ls_value)
		case else
			li_unknown++
			of_log("unknown option ~"" + ls_key + "~" ignored")
	end choose
next
return li_unknown
end function

public function integer of_wait_for_lock (string as_resource, long al_seconds);// Waits until the application lock on as_resource is free, polling
// once a second; returns 1 when the lock was taken, 0 on time-out.
long ll_waited, ll_holder
integer li_rc

ll_waited = 0
do
	SELECT count(*) INTO :ll_holder FROM pfill_app_lock WHERE resource = :as_resource USING itr_trans;
	if ll_holder = 0 then
		INSERT INTO pfill_app_lock (resource, holder, taken_dt)
		VALUES (:as_resource, :is_tenant, getdate())
		USING itr_trans;
		if itr_trans.SQLCode = 0 then
			COMMIT USING itr_trans;
			li_rc = 1
			exit
		end if
		ROLLBACK USING itr_trans;
	end if
	Yield()
	ll_waited++
loop while ll_waited < al_seconds

return li_rc
end function

public function long of_pool_aging (ref long al_buckets[]);// Counts the loaded pools per age bucket: 0-30, 31-60, 61-90, 91+ days.
long ll_i, ll_n, ll_days, ll_empty[]
string ls_pool
datetime ldt_settle
integer li_bucket

al_buckets = ll_empty
for li_bucket = 1 to 4
	al_buckets[li_bucket] = 0
next

ll_n = UpperBound(is_pools)
for ll_i = 1 to ll_n
	ls_pool = is_pools[ll_i]
	SELECT settle_date INTO :ldt_settle FROM pfill_pool WHERE pool_id = :ls_pool USING itr_trans;
	if itr_trans.SQLCode <> 0 or IsNull(ldt_settle) then continue
	ll_days = DaysAfter(Date(ldt_settle), Today())
	choose case ll_days
		case is <= 30
			li_bucket = 1
		case 31 to 60
			li_bucket = 2
		case 61 to 90
			li_bucket = 3
		case else
			li_bucket = 4
	end choose
	al_buckets[li_bucket] = al_buckets[li_bucket] + 1
next
return ll_n
end function

public function integer of_run_all_pools (string as_status);// Runs the settle-and-price step for every pool in a status.
long ll_i, ll_n, ll_failed
integer li_rc

ll_n = of_load_pools(as_status)
if ll_n < 0 then return -1

for ll_i = 1 to ll_n
	if of_validate_pool(is_pools[ll_i]) <> 1 then
		ll_failed++
		continue
	end if
	li_rc = of_retry("psp_pfill_bx_settle_and_price", is_pools[ll_i])
	if li_rc < 0 then ll_failed++
	if Mod(ll_i, 10) = 0 then this.event ue_progress(ll_i, ll_n)
next

if ll_failed > 0 then
	of_log(String(ll_failed) + " of " + String(ll_n) + " pools failed")
	return -1
end if
return 1
end function

public function integer of_create_indexes ();// Creates the indexes the allocation screens rely on, when missing.
string ls_sql
long ll_cnt
integer li_failed

// ---- bx rows by pool ----
ll_cnt = 0
SELECT count(*) INTO :ll_cnt FROM sysindexes WHERE name = 'ix_pfill_bx_pool' USING itr_trans;
if ll_cnt = 0 then
	ls_sql = "CREATE INDEX ix_pfill_bx_pool ON pfill_bx (pool_id, trade_id)"
	EXECUTE IMMEDIATE :ls_sql USING itr_trans;
	if itr_trans.SQLCode <> 0 then li_failed++
end if

// ---- allocations by pool ----
ll_cnt = 0
SELECT count(*) INTO :ll_cnt FROM sysindexes WHERE name = 'ix_pfill_alloc_pool' USING itr_trans;
if ll_cnt = 0 then
	ls_sql = "CREATE INDEX ix_pfill_alloc_pool ON pfill_trade_alloc (pool_id, alloc_status)"
	EXECUTE IMMEDIATE :ls_sql USING itr_trans;
	if itr_trans.SQLCode <> 0 then li_failed++
end if

// ---- pools by status ----
ll_cnt = 0
SELECT count(*) INTO :ll_cnt FROM sysindexes WHERE name = 'ix_pfill_pool_status' USING itr_trans;
if ll_cnt = 0 then
	ls_sql = "CREATE INDEX ix_pfill_pool_status ON pfill_pool (pool_status, settle_date)"
	EXECUTE IMMEDIATE :ls_sql USING itr_trans;
	if itr_trans.SQLCode <> 0 then li_failed++
end if

if li_failed > 0 then
	of_log(String(li_failed) + " index(es) could not be created: " + itr_trans.SQLErrText)
	return -1
end if
return 1
end function

public function string of_pool_summary (string as_pool);// One-line summary of a pool for the status bar.
decimal{2} ldc_alloc, ldc_bx
long ll_trades, ll_bx, ll_priced
string ls_text

SELECT count(*), isnull(sum(alloc_amt), 0)
  INTO :ll_trades, :ldc_alloc
  FROM pfill_trade_alloc
 WHERE pool_id = :as_pool
   AND alloc_status <> 'C'
 USING itr_trans;

if itr_trans.SQLCode < 0 then return "?"

SELECT count(*), isnull(sum(bx_amt), 0), sum(case when bx_price is null then 0 else 1 end)
  INTO :ll_bx, :ldc_bx, :ll_priced
  FROM pfill_bx
 WHERE pool_id = :as_pool
 USING itr_trans;

if itr_trans.SQLCode < 0 then return "?"
if IsNull(ll_priced) then ll_priced = 0

ls_text = as_pool + ": " + String(ll_trades) + " trades, " + &
	String(ldc_alloc, "#,##0.00") + " allocated; " + &
	String(ll_bx) + " bx rows (" + String(ll_priced) + " priced), " + &
	String(ldc_bx, "#,##0.00")

if ldc_alloc <> ldc_bx then
	ls_text += " - out of balance by " + String(Abs(ldc_alloc - ldc_bx), "#,##0.00")
end if
return ls_text
end function

public function integer of_check_tables ();// Confirms that every PowerFill table exists and logs its row count.
string ls_tables[]
long ll_i, ll_rows
integer li_missing

ls_tables = {"pfill_pool", "pfill_bx", "pfill_trade_alloc", "pfill_cash_trade", "pfill_loan", "pfill_setup", "pfill_run_log"}

for ll_i = 1 to UpperBound(ls_tables)
	if not of_table_exists(ls_tables[ll_i]) then
		li_missing++
		of_log("missing table " + ls_tables[ll_i])
		continue
	end if
	ll_rows = of_count_rows(ls_tables[ll_i])
	of_log(ls_tables[ll_i] + ": " + String(ll_rows) + " rows")
next
return li_missing
end function

public function integer of_purge_old_runs (integer ai_days);// Runs psp_pfill_run_log_purge as a remote procedure call and logs
// the per-procedure retry figures it returns.
string ls_proc
long ll_runs, ll_max
integer li_days

li_days = ai_days
if li_days < 1 then li_days = 30

DECLARE p_purge PROCEDURE FOR psp_pfill_run_log_purge
	@ai_days = :li_days
	USING itr_trans;

EXECUTE p_purge;
if itr_trans.SQLCode < 0 then
	is_last_error = "psp_pfill_run_log_purge: " + itr_trans.SQLErrText
	return -1
end if

do while true
	FETCH p_purge INTO :ls_proc, :ll_runs, :ll_max;
	if itr_trans.SQLCode <> 0 then exit
	if IsNull(ll_max) then ll_max = 0
	of_log(ls_proc + ": " + String(ll_runs) + " runs kept, worst retry count " + String(ll_max))
loop

CLOSE p_purge;
COMMIT USING itr_trans;
return 1
end function

public function string of_trace_level (integer ai_level, boolean ab_sql);// Maps the trace level option to the text written in the log header.
string ls_text

choose case true
	case ai_level <= 0
		ls_text = "off"
	case ai_level = 1 and not ab_sql
		ls_text = "errors"
	case ai_level = 1
		ls_text = "errors+sql"
	case ai_level < 5
		ls_text = "steps"
	case else
		ls_text = "everything"
end choose
if ab_sql then ls_text += " (sql text logged)"
return ls_text
end function

public subroutine of_log (string as_text);// Appends one line to the run log file.
integer li_file

li_file = FileOpen(is_log_path, LineMode!, Write!, LockWrite!, Append!)
if li_file < 0 then return
FileWrite(li_file, String(Today(), "yyyy-mm-dd") + " " + String(Now(), "hh:mm:ss") + "~t" + as_text)
FileClose(li_file)
end subroutine

public subroutine of_close_main ();// Fatal schema error: tell the user and shut the application down.
Open(w_pfill_progress)
MessageBox("PowerFill", "The database could not be upgraded:~r~n" + is_last_error, StopSign!)
Close(w_pfill_progress)
Close(w_main)
end subroutine

public subroutine of_reset ();// Forgets the cached pools so that the next run reloads them.
string ls_empty[]
long ll_i

is_pools = ls_empty
il_rows_done = 0
if IsValid(ids_pool) then
	for ll_i = ids_pool.RowCount() to 1 step -1
		ids_pool.DeleteRow(ll_i)
	next
	ids_pool.ResetUpdate()
end if
ib_schema_checked = false
end subroutine

on n_cst_powerfill.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_powerfill.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

event constructor;is_crlf = "~r~n"
is_tenant = ProfileString("pfill.ini", "tenant", "code", "")
il_rows_done = 0
SetNull(idt_last_run)
end event

event destructor;call super::destructor;if IsValid(ids_pool) then destroy ids_pool
end event

event ue_postopen();// Runs after of_open returns so the caller's window can paint first.
integer li_rc

if ib_schema_checked then return

li_rc = of_create_tables()
if li_rc < 0 then
	of_log("of_create_tables failed: " + is_last_error)
	of_close_main()
	return
end if

li_rc = of_upgrade_schema()
if li_rc < 0 then of_log("of_upgrade_schema reported errors")

if of_create_indexes() < 0 then of_log("some indexes are missing")

li_rc = of_install_procs()
if li_rc = 1 then
	ib_schema_checked = true
	COMMIT USING itr_trans;
else
	ROLLBACK USING itr_trans;
end if
end event

event ue_progress(long al_done, long al_total);// Forwards progress to the host window, if it listens.
if IsValid(ipo_host) then
	ipo_host.dynamic event ue_progress(al_done, al_total)
end if
end event

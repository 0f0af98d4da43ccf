$PBExportHeader$n_cst_ms_upgrade.sru
$PBExportComments$LoanLedger servicing – schema upgrade to 4.2 (escrow, ARM, investor remittance)  RK 03/2003
forward
global type n_cst_ms_upgrade from nonvisualobject
end type
end forward

global type n_cst_ms_upgrade from nonvisualobject
end type
global n_cst_ms_upgrade n_cst_ms_upgrade

type variables
string is_owner = "dbo"
integer ii_dbver
string is_lastsql
end variables

forward prototypes
public function integer of_init ()
public function integer of_upgrade ()
public function integer of_post_upgrade ()
private function integer of_exec (string as_sql)
private function boolean of_has_column (string as_table, string as_column)
private function string of_coldef (string as_name, string as_type, boolean ab_nullable)
public function integer of_ms_set_addcolumn (string as_table, string as_column, string as_type)
public function integer of_ms_set_addcolumn (string as_table, string as_column, string as_type, string as_default)
end prototypes

public function integer of_init ();// reads the version the database is at (0 = before 3.0)
SELECT db_version INTO :ii_dbver FROM dbo.ms_sysparm WHERE parm_id = 1 USING SQLCA ;
If SQLCA.SQLCode <> 0 Then ii_dbver = 0
Return 1
end function

public function integer of_upgrade ();// 3.0 -> 4.2 in the order the releases shipped; every step looks before it leaps, so a failed run can be repeated
string ls_sql, ls_log, ls_tbl, ls_col
integer li_prec, li_scale, li_fh
long ll_cnt

// ------------------------------------------------------------ 3.1 escrow sub-ledger
If ii_dbver < 310 Then
	SELECT COUNT(*) INTO :ll_cnt FROM sysobjects WHERE name = 'ms_escrow' AND type = 'U' USING SQLCA ;
	If ll_cnt = 0 Then
		li_prec = 12
		li_scale = 2
		ls_sql = "CREATE TABLE " + is_owner + ".ms_escrow ("
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("loan_no", "char(10)", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("escrow_bal", "numeric(" + String(li_prec) + "," + String(li_scale) + ")", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("escrow_bal_prior", "numeric(" + String(li_prec) + "," + String(li_scale) + ")", True) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("pmi_rate", "numeric(" + String(li_prec - 5) + "," + String(li_scale + 3) + ")", True) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("anal_dt", "datetime", True) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~tCONSTRAINT PK_ms_escrow PRIMARY KEY (loan_no)"
		ls_sql += "~r~n)"
		If of_exec(ls_sql) < 0 Then Return -1
	End If
	// balance and PMI lived on ms_loan up to 3.0: carried over once
	ls_sql = "INSERT INTO " + is_owner + ".ms_escrow (loan_no, escrow_bal, pmi_rate)"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "SELECT l.loan_no, ISNULL(l.esc_bal_old, 0), l.pmi_rate FROM " + is_owner + ".ms_loan l"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tWHERE NOT EXISTS (SELECT 1 FROM " + is_owner + ".ms_escrow e WHERE e.loan_no = l.loan_no)"
	If of_exec(ls_sql) < 0 Then Return -1
End If

// ------------------------------------------------------------ 3.5 adjustable-rate loans
If ii_dbver < 350 Then
	li_prec = 6
	li_scale = 4
	of_ms_set_addcolumn("ms_loan", "arm_margin", "numeric(" + String(li_prec) + "," + String(li_scale) + ") NULL")
	of_ms_set_addcolumn("ms_loan", "arm_margin_cap", "numeric(" + String(li_prec) + "," + String(li_scale) + ") NULL")
//  of_ms_set_addcolumn("ms_loan", "pmi_rate", "numeric(7,5) NULL")   3.5 beta only – PMI is on ms_escrow since 3.1
	SELECT COUNT(*) INTO :ll_cnt FROM sysobjects WHERE name = 'ms_arm_sched' AND type = 'U' USING SQLCA ;
	If ll_cnt = 0 Then
		ls_sql = "CREATE TABLE " + is_owner + ".ms_arm_sched ("
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("loan_no", "char(10)", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("chg_seq", "smallint", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("chg_dt", "datetime", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("idx_cd", "char(4)", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("arm_margin", "numeric(" + String(li_prec) + "," + String(li_scale) + ")", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("rate_cap", "numeric(" + String(li_prec) + "," + String(li_scale - 1) + ")", True) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~tCONSTRAINT PK_ms_arm_sched PRIMARY KEY (loan_no, chg_seq)"
		ls_sql += "~r~n)"
		If of_exec(ls_sql) < 0 Then Return -1
	End If
	ls_sql = "INSERT INTO " + is_owner + ".ms_arm_sched (loan_no, chg_seq, chg_dt, idx_cd, arm_margin)"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "SELECT l.loan_no, 1, l.first_chg_dt, l.arm_idx, l.arm_margin"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tFROM " + is_owner + ".ms_loan l WHERE l.arm_margin IS NOT NULL AND l.first_chg_dt IS NOT NULL"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tAND NOT EXISTS (SELECT 1 FROM " + is_owner + ".ms_arm_sched s WHERE s.loan_no = l.loan_no)"
	If of_exec(ls_sql) < 0 Then Return -1
End If

// ------------------------------------------------------------ 4.0 investor remittance
If ii_dbver < 400 Then
	ls_sql = "ALTER TABLE " + is_owner + ".ms_loan ADD"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~t" + of_coldef("invest_cd", "char(4)", True) + ","
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~t" + of_coldef("invest_loan_no", "varchar(20)", True)
	ls_tbl = "ms_loan"
	ls_col = "invest_cd"
	SELECT COUNT(*) INTO :ll_cnt FROM syscolumns WHERE id = OBJECT_ID(:ls_tbl) AND name = :ls_col USING SQLCA ;
	If ll_cnt = 0 Then
		If of_exec(ls_sql) < 0 Then Return -1
	End If
	SELECT COUNT(*) INTO :ll_cnt FROM sysobjects WHERE name = 'ms_investor' AND type = 'U' USING SQLCA ;
	If ll_cnt = 0 Then
		li_prec = 5
		li_scale = 3
		ls_sql = "CREATE TABLE " + is_owner + ".ms_investor ("
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("invest_cd", "char(4)", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("invest_name", "varchar(60)", False) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("remit_day", "tinyint", True) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~t" + of_coldef("late_chg_pct", "numeric(" + String(li_prec) + "," + String(li_scale) + ")", True) + ","
		ls_sql += "~r~n"
		ls_sql = ls_sql + "~tCONSTRAINT PK_ms_investor PRIMARY KEY (invest_cd)"
		ls_sql += "~r~n)"
		If of_exec(ls_sql) < 0 Then Return -1
	End If
	ls_sql = "UPDATE l SET l.invest_cd = p.inv_code"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tFROM " + is_owner + ".ms_loan l JOIN " + is_owner + ".ms_pool p ON p.pool_no = l.pool_no"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tWHERE l.invest_cd IS NULL"
	If of_exec(ls_sql) < 0 Then Return -1
	ls_sql = "INSERT INTO " + is_owner + ".ms_investor (invest_cd, invest_name)"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "SELECT DISTINCT l.invest_cd, 'Investor ' + l.invest_cd FROM " + is_owner + ".ms_loan l"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tWHERE l.invest_cd IS NOT NULL AND l.invest_cd NOT IN (SELECT i.invest_cd FROM " + is_owner + ".ms_investor i)"
	If of_exec(ls_sql) < 0 Then Return -1
End If

// ------------------------------------------------------------ 4.2 due dates, late charges, wider balances
If ii_dbver < 420 Then
	of_ms_set_addcolumn("ms_loan", "next_due_dt", "datetime NOT NULL", "GETDATE()")
	li_prec = 9
	li_scale = 2
	of_ms_set_addcolumn("ms_loan", "late_chg_amt", "numeric(" + String(li_prec) + "," + String(li_scale) + ") NOT NULL", "0")
	of_ms_set_addcolumn("ms_loan", "late_chg_amt_ytd", "numeric(" + String(li_prec + 2) + "," + String(li_scale) + ") NULL")
	ls_sql = "ALTER TABLE " + is_owner + ".ms_escrow ALTER COLUMN"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~t" + of_coldef("escrow_bal", "numeric(" + String(li_prec + 5) + "," + String(li_scale) + ")", False)
	If of_exec(ls_sql) < 0 Then Return -1
	li_prec = 7
	li_scale = 4
	ls_sql = "ALTER TABLE " + is_owner + ".ms_arm_sched ALTER COLUMN arm_margin numeric(" + String(li_prec) + "," + String(li_scale) + ") NOT NULL"
	If of_exec(ls_sql) < 0 Then Return -1
	// the undo of the widening goes to the log for support; it is not run here
	ls_log = "ALTER TABLE " + is_owner + ".ms_arm_sched ALTER COLUMN arm_margin numeric(6,4) NOT NULL"
	li_fh = FileOpen("msupgrade.log", LineMode!, Write!, LockWrite!, Append!)
	If li_fh > 0 Then
		FileWrite(li_fh, "undo 4.2: " + ls_log)
		FileClose(li_fh)
	End If
	ls_sql = "UPDATE l SET l.next_due_dt = s.due_dt"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tFROM " + is_owner + ".ms_loan l"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tJOIN (SELECT loan_no, MIN(due_dt) AS due_dt FROM " + is_owner + ".ms_pmt_sched WHERE paid_flag = 'N' GROUP BY loan_no) s"
	ls_sql += "~r~n"
	ls_sql = ls_sql + "~tON s.loan_no = l.loan_no"
	If of_exec(ls_sql) < 0 Then Return -1
	// PMI left ms_loan in 3.1 (see ms_escrow); the old column goes now
	If of_has_column("ms_loan", "pmi_rate") Then
		If of_exec("ALTER TABLE " + is_owner + ".ms_loan DROP COLUMN pmi_rate") < 0 Then Return -1
	End If
End If

If of_exec("UPDATE " + is_owner + ".ms_sysparm SET db_version = 420, upd_dt = GETDATE() WHERE parm_id = 1") < 0 Then Return -1
Return 1
end function

public function integer of_post_upgrade ();// after every upgrade: the escrow shortage view is rebuilt, late charges and ARM margins brought up to date
string ls_sql

If of_exec("IF OBJECT_ID('dbo.v_ms_escrow_short', 'V') IS NOT NULL DROP VIEW dbo.v_ms_escrow_short") < 0 Then Return -1
ls_sql = "CREATE VIEW " + is_owner + ".v_ms_escrow_short AS"
ls_sql += "~r~n"
ls_sql = ls_sql + "SELECT l.loan_no, l.invest_cd, i.invest_name, l.next_due_dt,"
ls_sql += "~r~n"
ls_sql = ls_sql + "~te.escrow_bal, e.pmi_rate, e.escrow_bal - e.escrow_bal_prior AS bal_change"
ls_sql += "~r~n"
ls_sql = ls_sql + "FROM " + is_owner + ".ms_loan l"
ls_sql += "~r~n"
ls_sql = ls_sql + "~tJOIN " + is_owner + ".ms_escrow e ON e.loan_no = l.loan_no"
ls_sql += "~r~n"
ls_sql = ls_sql + "~tLEFT JOIN " + is_owner + ".ms_investor i ON i.invest_cd = l.invest_cd"
ls_sql += "~r~n"
ls_sql = ls_sql + "WHERE e.escrow_bal < 0"
If of_exec(ls_sql) < 0 Then Return -1

// late charge: the investor's percentage of P&I, on loans more than 15 days past due
ls_sql = "UPDATE l SET l.late_chg_amt = ROUND(l.pi_amt * i.late_chg_pct / 100.0, 2)"
ls_sql += "~r~n"
ls_sql = ls_sql + "~tFROM " + is_owner + ".ms_loan l JOIN " + is_owner + ".ms_investor i ON i.invest_cd = l.invest_cd"
ls_sql += "~r~n"
ls_sql = ls_sql + "~tWHERE l.next_due_dt < DATEADD(day, -15, GETDATE()) AND l.late_chg_amt = 0"
If of_exec(ls_sql) < 0 Then Return -1

// ARM loans: the margin of the latest change in force
ls_sql = "UPDATE l SET l.arm_margin = s.arm_margin"
ls_sql += "~r~n"
ls_sql = ls_sql + "~tFROM " + is_owner + ".ms_loan l JOIN " + is_owner + ".ms_arm_sched s ON s.loan_no = l.loan_no"
ls_sql += "~r~n"
ls_sql = ls_sql + "~tWHERE s.chg_seq = (SELECT MAX(x.chg_seq) FROM " + is_owner + ".ms_arm_sched x WHERE x.loan_no = l.loan_no AND x.chg_dt <= GETDATE())"
If of_exec(ls_sql) < 0 Then Return -1
Return 1
end function

private function integer of_exec (string as_sql);// every statement of the upgrade goes through here, so the message shows the last one
is_lastsql = as_sql
EXECUTE IMMEDIATE :as_sql USING SQLCA ;
If SQLCA.SQLCode < 0 Then
	MessageBox("LoanLedger upgrade", "SQL error " + String(SQLCA.SQLDBCode) + "~r~n" + SQLCA.SQLErrText + "~r~n~r~n" + as_sql, StopSign!)
	Return -1
End If
Return 0
end function

private function boolean of_has_column (string as_table, string as_column);// syscolumns/sysobjects, not INFORMATION_SCHEMA: two customers are still on SQL Server 7
long ll_cnt

SELECT COUNT(*) INTO :ll_cnt
	FROM syscolumns c, sysobjects o
	WHERE c.id = o.id AND o.type = 'U' AND o.name = :as_table AND c.name = :as_column
	USING SQLCA ;
If SQLCA.SQLCode <> 0 Then Return False
Return ll_cnt > 0
end function

private function string of_coldef (string as_name, string as_type, boolean ab_nullable);// one column of a CREATE or ALTER: name, type, then NULL or NOT NULL
string ls_def

ls_def = as_name + " " + as_type
If ab_nullable Then
	ls_def = ls_def + " NULL"
Else
	ls_def = ls_def + " NOT NULL"
End If
Return ls_def
end function

public function integer of_ms_set_addcolumn (string as_table, string as_column, string as_type);// no default value: the four-argument version with an empty one
Return of_ms_set_addcolumn(as_table, as_column, as_type, "")
end function

public function integer of_ms_set_addcolumn (string as_table, string as_column, string as_type, string as_default);// adds as_column to as_table unless syscolumns has it; as_default, when given, becomes the column's DEFAULT
string ls_sql

If of_has_column(as_table, as_column) Then Return 0
ls_sql = "ALTER TABLE " + is_owner + "." + as_table + " ADD " + as_column + " " + as_type
If Len(as_default) > 0 Then ls_sql = ls_sql + " DEFAULT " + as_default
Return of_exec(ls_sql)
end function

on n_cst_ms_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_ms_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

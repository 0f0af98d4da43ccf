$PBExportHeader$n_cst_lns_dbupgrade.sru
$PBExportComments$LNS Servicing plug-in - tenant database upgrade  © 1999-2006 Meridian Loan Systems (H. Müller)
forward
global type n_cst_lns_dbupgrade from nonvisualobject
end type
end forward

global type n_cst_lns_dbupgrade from nonvisualobject
end type
global n_cst_lns_dbupgrade n_cst_lns_dbupgrade

type variables
transaction	itr_db
boolean		ib_sqlserver
integer		ii_dbver
long		il_errors
string		is_crlf = "~r~n"
string		is_lasterr

constant string CS_LOAN = "lns_loan"
constant string CS_ESCROW = "dbo.lns_escrow"
constant string CS_DEF_MONEY = "money NULL"
constant string CS_DEF_BASIS = "char(3) NOT NULL DEFAULT '360'"
end variables

forward prototypes
public function integer of_exec (string as_sql)
public function integer of_lns_set_addcolumn (string as_column, string as_table, string as_definition)
public function integer of_upgrade (transaction atr_db)
public function integer of_v70_tables ()
public function integer of_investor_cols ()
public function integer of_proc_accrue ()
private function integer of_v69_fix ()
end prototypes

public function integer of_exec (string as_sql);// executes one statement on the tenant connection
// v6.1  KO   added error counter
// v7.2 fix  no more MessageBox in batch mode (host runs us unattended)
EXECUTE IMMEDIATE :as_sql USING itr_db;
If itr_db.SQLCode < 0 Then
	il_errors = il_errors + 1
	is_lasterr = itr_db.SQLErrText
	Return -1
End If
Return 0
end function

public function integer of_lns_set_addcolumn (string as_column, string as_table, string as_definition);// adds a column when it is not there yet
string ls_sql

ls_sql = "IF COL_LENGTH('" + as_table + "', '" + as_column + "') IS NULL" + is_crlf
ls_sql = ls_sql + "   ALTER TABLE " + as_table + " ADD " + as_column + " " + as_definition
Return of_exec(ls_sql)
end function

public function integer of_upgrade (transaction atr_db);integer li_rc
string ls_sql

itr_db = atr_db
ib_sqlserver = (Pos(Upper(itr_db.DBMS), "MSS") > 0) Or (Pos(Upper(itr_db.DBMS), "SNC") > 0)
If Not ib_sqlserver Then Return 0   // v7.0: SQL Server tenants only

SELECT db_ver INTO :ii_dbver FROM lns_sysinfo WHERE sys_id = 1 USING itr_db;
If itr_db.SQLCode <> 0 Then ii_dbver = 0

If ii_dbver < 700 Then
	li_rc = of_v70_tables()
ElseIf ii_dbver < 720 Then
	// v7.2 fix: escrow amount was missing on 7.0/7.1 tenants
	ls_sql = "ALTER TABLE " + CS_ESCROW + " ADD escrow_amt money NULL"
	li_rc = of_exec(ls_sql)
	If li_rc = 0 Then
		If ii_dbver < 710 Then
			li_rc = of_exec("ALTER TABLE lns_loan ALTER COLUMN ltv_pct numeric(9,4) NULL")
		End If
	End If
ElseIf ii_dbver < 730 Then
	li_rc = of_lns_set_addcolumn("svc_fee", CS_LOAN, CS_DEF_MONEY)
	If li_rc = 0 Then li_rc = of_lns_set_addcolumn("accr_basis", CS_LOAN, CS_DEF_BASIS)
	// of_lns_set_addcolumn("inv_grp", CS_LOAN, "char(4) NULL")   removed v7.1, now on lns_investor
Else
	// 7.3 and later: only the procedures are refreshed
	li_rc = 0
End If
If li_rc < 0 Then Return li_rc

If False Then
	// v7.1 experiment (payment history due date), kept for reference
	of_exec("ALTER TABLE lns_pmt_hist ADD pmt_due_dt datetime NULL")
End If

li_rc = of_investor_cols()
If li_rc < 0 Then Return li_rc

// v7.2 fix: support asked for the statement text of the investor group fix
ls_sql = "UPDATE lns_investor SET inv_grp = 'NONE' WHERE inv_grp IS NULL"
Clipboard(ls_sql)

li_rc = of_proc_accrue()
of_v69_fix()
Return li_rc
end function

public function integer of_v70_tables ();// 7.0 base tables - one statement per table, built line by line
string ls_sql

ls_sql = "CREATE TABLE dbo.lns_loan (" + is_crlf
ls_sql = ls_sql + "   loan_id        int           NOT NULL," + is_crlf
ls_sql = ls_sql + "   loan_no        varchar(20)   NOT NULL," + is_crlf
ls_sql = ls_sql + "   accr_rate      decimal(9,6)  NULL," + is_crlf
ls_sql = ls_sql + "   pmt_due_dt     datetime      NULL," + is_crlf
ls_sql = ls_sql + "   ltv_pct        numeric(7,3)  NULL," + is_crlf
ls_sql = ls_sql + "   upb_amt        money         NULL," + is_crlf
ls_sql = ls_sql + "   orig_dt        datetime      NULL," + is_crlf
ls_sql = ls_sql + "   CONSTRAINT PK_lns_loan PRIMARY KEY (loan_id))"
If of_exec(ls_sql) < 0 Then Return -1

ls_sql = "CREATE TABLE dbo.lns_escrow (" + is_crlf
ls_sql = ls_sql + "   escrow_id  int IDENTITY(1,1) NOT NULL," + is_crlf
ls_sql = ls_sql + "   loan_id    int NOT NULL," + is_crlf
ls_sql = ls_sql + "   escrow_amt money NOT NULL DEFAULT 0," + is_crlf
ls_sql = ls_sql + "   disb_dt    datetime NULL)"
If of_exec(ls_sql) < 0 Then Return -1

// v7.2 fix: pmt_due_dt copied into the history, service fee split out
ls_sql = "CREATE TABLE dbo.lns_pmt_hist (hist_id int IDENTITY(1,1) NOT NULL, loan_id int NOT NULL, " + &
	"pmt_due_dt datetime NOT NULL, svc_fee money NULL, " + &
	"paid_dt datetime NULL)"
Return of_exec(ls_sql)
end function

public function integer of_investor_cols ();// v7.3: investor reporting columns, one entry per column, ";" separated
string ls_list, ls_item, ls_sql
long ll_pos

ls_list = "inv_grp char(4) NULL;" + &
	"accr_rate decimal(9,6) NULL;" + &
	"svc_fee money NULL;" + &
	"remit_day tinyint NULL"
Do
	ll_pos = Pos(ls_list, ";")
	If ll_pos = 0 Then ll_pos = Len(ls_list) + 1
	ls_item = Trim(Left(ls_list, ll_pos - 1))
	ls_list = Mid(ls_list, ll_pos + 1)
	If ls_item <> "" Then
		ls_sql = "ALTER TABLE dbo.lns_investor ADD " + ls_item
		If of_exec(ls_sql) < 0 Then Return -1
	End If
Loop Until Len(ls_list) = 0
Return 0
end function

public function integer of_proc_accrue ();// psp_lns_accrue - text kept line by line so support can diff it
string ls_p

of_exec("IF OBJECT_ID('dbo.psp_lns_accrue') IS NOT NULL DROP PROCEDURE dbo.psp_lns_accrue")

ls_p = "CREATE PROCEDURE dbo.psp_lns_accrue @asof datetime AS~r~n"
ls_p = ls_p + "SET NOCOUNT ON~r~n"
ls_p = ls_p + "SELECT l.loan_id, l.accr_rate, e.escrow_amt~r~n"
ls_p = ls_p + "  INTO #acc~r~n"
ls_p = ls_p + "  FROM dbo.lns_loan l JOIN dbo.lns_escrow e ON e.loan_id = l.loan_id~r~n"
ls_p = ls_p + " WHERE l.pmt_due_dt <= @asof~r~n"
ls_p = ls_p + "UPDATE l SET l.ltv_pct = (a.escrow_amt / NULLIF(l.upb_amt, 0)) * 100~r~n"
ls_p = ls_p + "  FROM dbo.lns_loan l JOIN #acc a ON a.loan_id = l.loan_id~r~n"
ls_p = ls_p + "EXEC('UPDATE dbo.lns_escrow SET escrow_amt = 0 WHERE escrow_amt IS NULL')~r~n"
ls_p = ls_p + "UPDATE h SET h.svc_fee = l.upb_amt * l.accr_rate / 1200~r~n"
ls_p = ls_p + "  FROM dbo.lns_pmt_hist h JOIN dbo.lns_loan l ON l.loan_id = h.loan_id~r~n"
ls_p = ls_p + " WHERE h.pmt_due_dt = @asof~r~n"
ls_p = ls_p + "INSERT INTO dbo.lns_pmt_hist (loan_id, pmt_due_dt, svc_fee)~r~n"
ls_p = ls_p + "SELECT l.loan_id, l.pmt_due_dt, 0 FROM dbo.lns_loan l WHERE l.ltv_pct > 80~r~n"
ls_p = ls_p + "UPDATE i SET i.accr_rate = l.accr_rate~r~n"
ls_p = ls_p + "  FROM dbo.lns_investor i JOIN dbo.lns_loan l ON l.loan_id = i.loan_id~r~n"
ls_p = ls_p + " WHERE i.inv_grp <> 'NONE'~r~n"
ls_p = ls_p + "DROP TABLE #acc~r~n"
If of_exec(ls_p) < 0 Then Return -1
Return 0
end function

private function integer of_v69_fix ();// v6.9 hot fix on the due date column - superseded by 7.0
// v7.2 fix: disabled, code kept for support
Return 0

string ls_sql
ls_sql = "ALTER TABLE lns_loan ALTER COLUMN pmt_due_dt smalldatetime NULL"
Return of_exec(ls_sql)
end function

on n_cst_lns_dbupgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_lns_dbupgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

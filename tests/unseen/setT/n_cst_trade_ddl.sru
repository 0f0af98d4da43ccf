$PBExportHeader$n_cst_trade_ddl.sru
$PBExportComments$Trade desk: DDL templates and the step-table driven tenant upgrade
forward
global type n_cst_trade_ddl from nonvisualobject
end type
end forward

global type n_cst_trade_ddl from nonvisualobject
end type
global n_cst_trade_ddl n_cst_trade_ddl

type variables
Public:
string is_prefix = 'pfill_'
long il_failed
Private:
transaction itr_db
string is_edition
constant string TPL_ADD = 'ALTER TABLE {1} ADD {2} {3}'
constant string TPL_ALTER = 'ALTER TABLE {1} ALTER COLUMN {2} {3}'
constant string TPL_GUARD = 'IF COL_LENGTH(~'{1}~', ~'{2}~') IS NULL '
end variables

forward prototypes
public function integer of_migrate (transaction atr_db)
public function string of_prefix ()
public function string of_tbl (string as_name)
public function string of_fill (string as_tpl, string as_arg[])
public function integer of_run (string as_sql)
public function integer of_trd_set_addcolumn (string as_column, string as_table, string as_definition)
public function string of_coldef_bid ()
public function string of_proc_bid_summary ()
private function integer of_create_bid ()
private function integer of_edition_columns ()
private function integer of_steps_from_table ()
end prototypes

public function integer of_migrate (transaction atr_db);// Entry point: returns the number of failed steps
string ls_arg[], ls_sql

itr_db = atr_db
il_failed = 0
SELECT cfg_value INTO :is_edition FROM dbo.pfill_cfg WHERE cfg_key = 'EDITION' USING itr_db ;
If itr_db.SQLCode <> 0 Then is_edition = 'STANDARD'

of_create_bid()
of_edition_columns()
of_steps_from_table()

// 8.0 trade columns through the templates
ls_arg[1] = of_tbl(of_prefix() + 'trade'); ls_arg[2] = 'trade_dt'; ls_arg[3] = 'datetime NULL'
of_run(of_fill(TPL_GUARD, ls_arg) + of_fill(TPL_ADD, ls_arg))
ls_arg[1] = of_tbl(of_prefix() + 'trade'); ls_arg[2] = 'upb_amt'; ls_arg[3] = 'decimal(15,2) NULL'
of_run(of_fill(TPL_ALTER, ls_arg))
of_trd_set_addcolumn('wac_rate', 'pfill_bid', 'decimal(7,5) NULL')

// history copy for the month-end report – kept 24 months (Jürgen’s request)
ls_sql = 'INSERT INTO dbo.pfill_trade_hist (trade_id, upb_amt, wac_rate, trade_dt) ' + &
	'SELECT t.trade_id, t.upb_amt, t.wac_rate, t.trade_dt FROM dbo.pfill_trade t ' + &
	'WHERE t.upb_amt > 0 AND NOT EXISTS (SELECT 1 FROM dbo.pfill_trade_hist h WHERE h.trade_id = t.trade_id)'
of_run(ls_sql)
Return il_failed
end function

public function string of_prefix ();Return is_prefix
end function

public function string of_tbl (string as_name);Return 'dbo.' + Lower(as_name)
end function

public function string of_fill (string as_tpl, string as_arg[]);// {n} is replaced by as_arg[n], every occurrence
string ls_out, ls_tok
integer li_i
long ll_pos

ls_out = as_tpl
For li_i = 1 To UpperBound(as_arg)
	ls_tok = '{' + String(li_i) + '}'
	ll_pos = Pos(ls_out, ls_tok)
	Do While ll_pos > 0
		ls_out = Replace(ls_out, ll_pos, Len(ls_tok), as_arg[li_i])
		ll_pos = Pos(ls_out, ls_tok, ll_pos + Len(as_arg[li_i]))
	Loop
Next
Return ls_out
end function

public function integer of_run (string as_sql);string ls_err

If gf_ddl_run(itr_db, as_sql, ls_err) <> 0 Then
	il_failed ++
	Return -1
End If
Return 0
end function

public function integer of_trd_set_addcolumn (string as_column, string as_table, string as_definition);// Adds as_column to dbo.as_table unless it is there already
string ls_arg[]

ls_arg[1] = 'dbo.' + as_table
ls_arg[2] = as_column
ls_arg[3] = as_definition
Return of_run(of_fill(TPL_GUARD, ls_arg) + of_fill(TPL_ADD, ls_arg))
end function

public function string of_coldef_bid ();// the bid price column, shared by pfill_bid and its history
Return 'bid_px decimal(9,6) NULL'
end function

public function string of_proc_bid_summary ();// Bid summary procedure: the caller drops the old one and runs this text
Return 'CREATE PROCEDURE dbo.psp_pfill_bid_summary' + '~r~n' + &
	'    @from datetime' + '~r~n' + &             // inclusive
	'AS' + '~r~n' + &
	'BEGIN' + '~r~n' + &
	'    SET NOCOUNT ON' + '~r~n' + &
	'    SELECT b.servicer_cd,' + '~r~n' + &
	'           AVG(b.bid_px) AS avg_px,' + '~r~n' + &
	'           SUM(t.upb_amt) AS upb,' + '~r~n' + &    // money, not decimal
	'           SUM(t.upb_amt * t.wac_rate) / NULLIF(SUM(t.upb_amt), 0) AS wac' + '~r~n' + &
	'      FROM dbo.pfill_bid b' + '~r~n' + &
	'      JOIN dbo.pfill_trade t ON t.trade_id = b.trade_id' + '~r~n' + &
	'     WHERE b.trade_dt >= @from' + '~r~n' + &
	'       AND t.servicer_cd <> ~'NONE~'' + '~r~n' + &
	'     GROUP BY b.servicer_cd' + '~r~n' + &
	'END'
end function

private function integer of_create_bid ();// pfill_bid: names and types side by side, walked with a long index
string ls_col[], ls_typ[], ls_sql, ls_tbl
long ll_i

ls_col[1] = 'bid_id';      ls_typ[1] = 'int IDENTITY(1,1) NOT NULL'
ls_col[2] = 'trade_id';    ls_typ[2] = 'int NOT NULL'
ls_col[3] = 'bid_px';      ls_typ[3] = 'decimal(9,6) NOT NULL'
ls_col[4] = 'trade_dt';    ls_typ[4] = 'datetime NOT NULL'
ls_col[5] = 'servicer_cd'; ls_typ[5] = 'char(4) NULL'

ls_tbl = of_tbl(of_prefix() + 'bid')
ls_sql = 'IF OBJECT_ID(~'' + ls_tbl + '~', ~'U~') IS NULL CREATE TABLE ' + ls_tbl + ' ('
For ll_i = 1 To UpperBound(ls_col)
	If ll_i > 1 Then ls_sql += ', '
	ls_sql += ls_col[ll_i] + ' ' + ls_typ[ll_i]
Next
ls_sql += ', CONSTRAINT PK_pfill_bid PRIMARY KEY (bid_id))'
Return of_run(ls_sql)
end function

private function integer of_edition_columns ();// hedging columns depend on the edition the tenant bought
string ls_sql

Choose Case Upper(Trim(is_edition))
	Case 'ENTERPRISE', 'HEDGE'
		ls_sql = 'ALTER TABLE dbo.pfill_hedge ADD hedge_ratio decimal(7,4) NOT NULL CONSTRAINT DF_pfill_hedge_ratio DEFAULT (1.0)'
		If of_run(ls_sql) = 0 Then
			ls_sql = 'ALTER TABLE dbo.pfill_hedge ALTER COLUMN hedge_ratio decimal(9,6) NOT NULL'
			of_run(ls_sql)
		End If
		of_trd_set_addcolumn('hedge_ratio', 'pfill_trade', 'decimal(9,6) NULL')
		ls_sql = 'UPDATE t SET t.hedge_ratio = CASE WHEN h.hedge_ratio IS NULL THEN 1 ELSE h.hedge_ratio END ' + &
			'FROM dbo.pfill_trade t JOIN dbo.pfill_hedge h ON h.trade_id = t.trade_id ' + &
			'WHERE t.trade_dt >= DATEADD(day, -90, GETDATE())'
		of_run(ls_sql)
	Case 'STANDARD'
		ls_sql = "ALTER TABLE ~"pfill_trade~" ADD ~"hedge_ratio~" decimal(7,4) NULL"
		of_run(ls_sql)
	Case Else
		// LITE and TRIAL: no hedging at all
End Choose
Return 0
end function

private function integer of_steps_from_table ();// Steps still to apply are rows of dbo.pfill_upgrade_step; the code says which DDL to run
datastore lds_step
string ls_sel, ls_code, ls_sql
long ll_row, ll_rows

lds_step = Create datastore
lds_step.DataObject = 'd_pfill_upgrade_step'
lds_step.SetTransObject(itr_db)
ls_sel = "SELECT step_code, step_ord, applied FROM dbo.pfill_upgrade_step WHERE applied = 'N' ORDER BY step_ord"
lds_step.SetSQLSelect(ls_sel)
ll_rows = lds_step.Retrieve()
For ll_row = 1 To ll_rows
	ls_code = Upper(lds_step.GetItemString(ll_row, 'step_code'))
	Choose Case ls_code
		Case 'TRD_UPB'
			ls_sql = 'ALTER TABLE dbo.pfill_trade ADD upb_amt money NULL'
		Case 'TRD_WAC'
			ls_sql = 'IF NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ~'pfill_trade~' AND COLUMN_NAME = ~'wac_rate~') ' + &
				'ALTER TABLE dbo.pfill_trade ADD wac_rate decimal(7,5) NULL'
		Case 'TRD_SVC'
			ls_sql = 'ALTER TABLE dbo.pfill_trade ADD servicer_cd char(4) NOT NULL CONSTRAINT DF_pfill_trade_svc DEFAULT (~'NONE~')'
		Case 'TRD_UPB_DF'
			ls_sql = 'ALTER TABLE dbo.pfill_trade ADD CONSTRAINT DF_pfill_trade_upb DEFAULT (0) FOR upb_amt'
		Case Else
			Continue
	End Choose
	If of_run(ls_sql) = 0 Then lds_step.SetItem(ll_row, 'applied', 'Y')
Next
lds_step.Update()
Destroy lds_step
Return 0
end function

on n_cst_trade_ddl.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_trade_ddl.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

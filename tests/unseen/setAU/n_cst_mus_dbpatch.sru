$PBExportHeader$n_cst_mus_dbpatch.sru
$PBExportComments$CuratorPro – schema patcher (runs as the DBA login)
forward
global type n_cst_mus_dbpatch from nonvisualobject
end type
end forward

global type n_cst_mus_dbpatch from nonvisualobject
end type
global n_cst_mus_dbpatch n_cst_mus_dbpatch

type prototypes
Function ulong GetCurrentProcessId() Library "kernel32.dll"
Function boolean MessageBeep(uint uType) Library "user32.dll"
end prototypes

type variables
Protected:
transaction			itr_dba
n_cst_mus_tabledef	inv_def
string				is_log[]
constant string		CS_SEP = "."
constant integer	CI_ACCNO_LEN = 32
end variables

forward prototypes
public function integer of_upgrade (string as_from, string as_to)
public function integer of_mus_set_addcolumn (string as_table, string as_column, string as_definition)
public subroutine of_log (string as_text)
public function integer of_log_count ()
protected subroutine of_exec (string as_sql)
protected function integer of_connect ()
protected function integer of_create_tables (string as_from, string as_to)
protected function integer of_apply_specs (string as_spec[], string as_def[])
protected function integer of_create_procs ()
end prototypes

public function integer of_upgrade (string as_from, string as_to);string	ls_spec[], ls_def[]
string	ls_sql
integer	li_rc

if of_connect() < 0 then return -1

try
	li_rc = of_create_tables(as_from, as_to)

	if as_from < "2025.1" then
		// "owner.table.column": LastPos, because the owner is part of the table name
		ls_spec[1] = "dbo.mus_object.hazard_flag";		ls_def[1] = "bit NULL"
		ls_spec[2] = "dbo.mus_object.condition_cd";	ls_def[2] = "char(2) NULL"
		ls_spec[3] = "dbo.mus_lender.country_cd";		ls_def[3] = "char(2) NULL"
		li_rc = of_apply_specs(ls_spec, ls_def)
		if li_rc < 0 then return li_rc

		ls_sql = "UPDATE dbo.mus_object SET hazard_flag = 0 WHERE hazard_flag IS NULL"
		of_exec(ls_sql)

		ls_sql = "ALTER TABLE dbo.mus_object ALTER COLUMN accession_no varchar(" + &
			String(CI_ACCNO_LEN) + ") NOT NULL"
		of_exec(ls_sql)
	end if

	if as_from < "2025.2" then
		ls_sql = "ALTER TABLE dbo.mus_condition_rpt ADD" + &
			" treatment_note nvarchar(400) NULL," + &
			" lender_id int NULL"
		of_exec(ls_sql)

		ls_sql = "ALTER TABLE dbo.mus_loan ALTER COLUMN insured_value decimal(16,2) NULL"
		of_exec(ls_sql)

		// the latest condition report wins
		ls_sql = "UPDATE o SET o.condition_cd = r.condition_cd, o.hazard_flag = r.hazard_flag" + &
			" FROM dbo.mus_object o" + &
			" JOIN dbo.mus_condition_rpt r ON r.accession_no = o.accession_no" + &
			" WHERE r.rpt_dt = (SELECT MAX(r2.rpt_dt) FROM dbo.mus_condition_rpt r2 WHERE r2.accession_no = r.accession_no)"
		of_exec(ls_sql)

		ls_sql = "ALTER TABLE dbo.mus_object DROP COLUMN cond_legacy"
		of_exec(ls_sql)
	end if

	of_create_procs()
catch (RuntimeError lrte)
	of_log("upgrade stopped: " + lrte.GetMessage())
	MessageBeep(16)
	return -1
end try

return 1

// 2024.3 leftover, never reached – the lender went onto mus_loan instead
ls_sql = "ALTER TABLE dbo.mus_object ADD lender_id int NULL"
of_exec(ls_sql)
end function

public function integer of_mus_set_addcolumn (string as_table, string as_column, string as_definition);string	ls_sql

// as_table may carry the owner: "dbo.mus_object"
ls_sql = "IF COL_LENGTH('" + as_table + "', '" + as_column + "') IS NULL" + &
	" ALTER TABLE " + as_table + " ADD " + as_column + " " + as_definition
try
	of_exec(ls_sql)
catch (RuntimeError lrte)
	of_log("add " + as_table + CS_SEP + as_column + " failed: " + lrte.GetMessage())
	return -1
end try
return 1
end function

public subroutine of_log (string as_text);is_log[UpperBound(is_log) + 1] = String(Now(), "hh:mm:ss") + "  " + as_text
end subroutine

public function integer of_log_count ();return UpperBound(is_log)
end function

protected subroutine of_exec (string as_sql);RuntimeError	lrte

EXECUTE IMMEDIATE :as_sql USING itr_dba;
if itr_dba.SQLCode < 0 then
	lrte = create RuntimeError
	lrte.SetMessage("SQL " + String(itr_dba.SQLDBCode) + ": " + itr_dba.SQLErrText)
	of_log("FAILED " + as_sql)
	throw lrte
end if
of_log(as_sql)
end subroutine

protected function integer of_connect ();if IsValid(itr_dba) then return 0
itr_dba = create transaction
itr_dba.DBMS       = SQLCA.DBMS
itr_dba.ServerName = SQLCA.ServerName
itr_dba.Database   = SQLCA.Database
itr_dba.LogId      = ProfileString(gs_ini, "DBA", "Login", "curator_dba")
itr_dba.LogPass    = ProfileString(gs_ini, "DBA", "Password", "")
itr_dba.DBParm     = "Provider='MSOLEDBSQL',AppName='CuratorPro patch " + String(GetCurrentProcessId()) + "'"
itr_dba.AutoCommit = true
connect using itr_dba;
if itr_dba.SQLCode <> 0 then
	of_log("DBA connect failed: " + itr_dba.SQLErrText)
	destroy itr_dba
	return -1
end if
return 1
end function

protected function integer of_create_tables (string as_from, string as_to);integer	li_t, li_n
string	ls_sql

li_n = inv_def.of_load(as_from, as_to)
for li_t = 1 to li_n
	ls_sql = inv_def.of_create_sql(li_t)
	if ls_sql = "" then continue
	of_exec("IF OBJECT_ID('dbo." + inv_def.of_table(li_t) + "', 'U') IS NULL " + ls_sql)
next
return li_n
end function

protected function integer of_apply_specs (string as_spec[], string as_def[]);integer	li_i, li_rc
long		ll_dot
string	ls_table, ls_column

for li_i = 1 to UpperBound(as_spec)
	ll_dot = LastPos(as_spec[li_i], CS_SEP)
	if ll_dot < 2 then continue
	ls_table  = Left(as_spec[li_i], ll_dot - 1)
	ls_column = Mid(as_spec[li_i], ll_dot + 1)
	li_rc = of_mus_set_addcolumn(ls_table, ls_column, as_def[li_i])
	if li_rc < 0 then return li_rc
next
return UpperBound(as_spec)
end function

protected function integer of_create_procs ();string	ls_sql

of_exec("IF OBJECT_ID('dbo.mus_p_overdue_loans', 'P') IS NOT NULL DROP PROCEDURE dbo.mus_p_overdue_loans")

ls_sql = "CREATE PROCEDURE dbo.mus_p_overdue_loans @as_of datetime AS~r~n" + &
	"SET NOCOUNT ON;~r~n" + &
	"SELECT l.accession_no, l.loan_due_dt, o.hazard_flag~r~n" + &
	"  INTO #due~r~n" + &
	"  FROM dbo.mus_loan l~r~n" + &
	"  JOIN dbo.mus_object o ON o.accession_no = l.accession_no~r~n" + &
	" WHERE l.loan_due_dt < @as_of AND l.loan_status = 'O';~r~n" + &
	"SELECT COUNT(*) AS overdue FROM #due;"
of_exec(ls_sql)
return 1
end function

on n_cst_mus_dbpatch.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_mus_dbpatch.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

event constructor;inv_def = create n_cst_mus_tabledef
end event

event destructor;if IsValid(itr_dba) then
	disconnect using itr_dba;
	destroy itr_dba
end if
destroy inv_def
end event

HA$PBExportHeader$n_cst_qt_ddlworker.sru
$PBExportComments$QuayLine – shared DDL worker (registered as qt_ddl_worker; own session and transaction)
forward
global type n_cst_qt_ddlworker from nonvisualobject
end type
end forward

global type n_cst_qt_ddlworker from nonvisualobject
end type
global n_cst_qt_ddlworker n_cst_qt_ddlworker

type variables
Private:
transaction	itr_ddl
long		il_done, il_failed
string		is_lasterror
end variables

forward prototypes
public function integer of_connect (string as_server, string as_database)
public subroutine of_apply (blob ablb_sql)
public subroutine of_qt_set_addcolumn (string as_table, string as_column, string as_definition)
public function long of_done ()
public function long of_failed ()
public function string of_lasterror ()
private function integer of_run (string as_sql)
end prototypes

public function integer of_connect (string as_server, string as_database);if IsValid(itr_ddl) then return 0
itr_ddl = create transaction
itr_ddl.DBMS       = "MSOLEDBSQL SQL Server"
itr_ddl.ServerName = as_server
itr_ddl.Database   = as_database
itr_ddl.DBParm     = "Provider='MSOLEDBSQL',TrustedConnection=1,AppName='QuayLine DDL'"
itr_ddl.AutoCommit = true
connect using itr_ddl;
if itr_ddl.SQLCode <> 0 then
	is_lasterror = itr_ddl.SQLErrText
	destroy itr_ddl
	return -1
end if
return 1
end function

public subroutine of_apply (blob ablb_sql);// texts arrive as UTF-8 blobs – a posted call copies its arguments, whatever their length
string	ls_sql

ls_sql = String(ablb_sql, EncodingUTF8!)
if Trim(ls_sql) = "" then return
of_run(ls_sql)
end subroutine

public subroutine of_qt_set_addcolumn (string as_table, string as_column, string as_definition);string	ls_sql

ls_sql = "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE object_id = OBJECT_ID(N'dbo." + as_table + "')" + &
	" AND name = N'" + as_column + "')" + &
	" ALTER TABLE dbo." + as_table + " ADD " + as_column + " " + as_definition
of_run(ls_sql)
end subroutine

public function long of_done ();return il_done
end function

public function long of_failed ();return il_failed
end function

public function string of_lasterror ();return is_lasterror
end function

private function integer of_run (string as_sql);EXECUTE IMMEDIATE :as_sql USING itr_ddl;
if itr_ddl.SQLCode < 0 then
	il_failed ++
	is_lasterror = String(itr_ddl.SQLDBCode) + " " + itr_ddl.SQLErrText
	return -1
end if
il_done ++
return 1
end function

on n_cst_qt_ddlworker.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_qt_ddlworker.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

event destructor;if IsValid(itr_ddl) then
	disconnect using itr_ddl;
	destroy itr_ddl
end if
end event

$PBExportHeader$n_cst_dbexec.sru
$PBExportComments$Executes SQL for the tenant upgrade; owns the add-column helper
forward
global type n_cst_dbexec from nonvisualobject
end type
end forward

global type n_cst_dbexec from nonvisualobject
end type
global n_cst_dbexec n_cst_dbexec

type variables
Public:
transaction itr_db
Private:
string is_log[]
end variables

forward prototypes
public function transaction of_get_trans ()
public function integer of_exec (string as_sql)
public function integer of_ddl_set_addcolumn (string as_column, string as_table, string as_definition)
public subroutine of_log (string as_msg)
end prototypes

public function transaction of_get_trans ();Return itr_db
end function

public function integer of_exec (string as_sql);// every runtime statement goes through here
of_log("exec: " + Left(as_sql, 120))
EXECUTE IMMEDIATE :as_sql USING itr_db ;
If itr_db.SQLCode <> 0 Then
	of_log("failed (" + String(itr_db.SQLDBCode) + "): " + itr_db.SQLErrText)
	Return -1
End If
Return 1
end function

public function integer of_ddl_set_addcolumn (string as_column, string as_table, string as_definition);// adds as_column to as_table when the tenant does not have it yet
long ll_cnt
string ls_sql

SELECT count(*) INTO :ll_cnt FROM syscolumns
 WHERE id = object_id(:as_table) AND name = :as_column
 USING itr_db ;
If ll_cnt > 0 Then Return 0

ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " " + as_definition
Return of_exec(ls_sql)
end function

public subroutine of_log (string as_msg);is_log[UpperBound(is_log) + 1] = String(Now(), "hh:mm:ss") + "  " + as_msg
end subroutine

on n_cst_dbexec.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_dbexec.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

event constructor;itr_db = SQLCA
end event

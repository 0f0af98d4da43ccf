$PBExportHeader$n_cst_sw_dbsvc.sru
$PBExportComments$Database service: runs every statement of the upgrade, owns the add-column helper
forward
global type n_cst_sw_dbsvc from nonvisualobject
end type
end forward

global type n_cst_sw_dbsvc from nonvisualobject
end type
global n_cst_sw_dbsvc n_cst_sw_dbsvc

type variables
private:
transaction	itr_db

public:
privatewrite long	il_executed
privatewrite long	il_failed
privatewrite string	is_last_sql
privatewrite string	is_last_error
end variables

forward prototypes
public subroutine of_settransobject (transaction atr_db)
public function long of_exec (string as_sql)
public function boolean of_column_exists (string as_table, string as_column)
public function long of_sw_set_addcolumn (string as_table, string as_column, string as_definition)
end prototypes

public subroutine of_settransobject (transaction atr_db);itr_db = atr_db
end subroutine

public function long of_exec (string as_sql);// every statement of the upgrade goes through here
If Trim(as_sql) = "" Then Return 0
is_last_sql = as_sql

EXECUTE IMMEDIATE :as_sql USING itr_db;

If itr_db.SQLCode < 0 Then
	is_last_error = itr_db.SQLErrText
	il_failed ++
	ROLLBACK USING itr_db;
	Return -1
End If

COMMIT USING itr_db;
il_executed ++
Return 1
end function

public function boolean of_column_exists (string as_table, string as_column);long ll_cnt

SELECT COUNT(*)
  INTO :ll_cnt
  FROM INFORMATION_SCHEMA.COLUMNS
 WHERE TABLE_NAME = :as_table
   AND COLUMN_NAME = :as_column
 USING itr_db;

Return (ll_cnt > 0)
end function

public function long of_sw_set_addcolumn (string as_table, string as_column, string as_definition);// adds a column the database does not have yet
string ls_sql

If of_column_exists(as_table, as_column) Then Return 0

ls_sql = "ALTER TABLE dbo." + as_table + " ADD " + as_column + " " + as_definition
Return of_exec(ls_sql)
end function

on n_cst_sw_dbsvc.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_sw_dbsvc.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


$PBExportHeader$n_tr.sru
$PBExportComments$Transaction object for the mortgage suite
forward
global type n_tr from transaction
end type
end forward

global type n_tr from transaction
end type
global n_tr n_tr

type variables
boolean ib_trace = false
string is_lastsql
end variables

forward prototypes
public function long of_execute (string as_sql)
public function boolean of_column_exists (string as_table, string as_column)
end prototypes

public function long of_execute (string as_sql);// runs one statement on this transaction
is_lastsql = as_sql
EXECUTE IMMEDIATE :as_sql USING this ;
if this.SQLCode <> 0 then
	if ib_trace then MessageBox("SQL", this.SQLErrText)
	return this.SQLCode
end if
return this.SQLNRows
end function

public function boolean of_column_exists (string as_table, string as_column);long ll_cnt
SELECT count(*) INTO :ll_cnt
  FROM INFORMATION_SCHEMA.COLUMNS
 WHERE TABLE_NAME = :as_table AND COLUMN_NAME = :as_column
 USING this ;
return ll_cnt > 0
end function

on n_tr.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_tr.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


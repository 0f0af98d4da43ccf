$PBExportHeader$n_tr_hemo.sru
$PBExportComments$HemoTrack transaction – statement execution and the column helper
forward
global type n_tr_hemo from transaction
end type
end forward

global type n_tr_hemo from transaction
end type
global n_tr_hemo n_tr_hemo

type variables
Protected:
string is_last_sql
end variables

forward prototypes
public function integer of_exec (string as_sql)
public function boolean of_column_exists (string as_table, string as_column)
public function integer of_hb_set_addcolumn (string as_table, string as_column, string as_definition)
public function string of_last_sql ()
end prototypes

public function integer of_exec (string as_sql);// Runs one statement on this transaction; -1 on error
is_last_sql = as_sql
EXECUTE IMMEDIATE :as_sql USING this;
If this.SQLCode < 0 Then
	Return -1
End If
Return 1
end function

public function boolean of_column_exists (string as_table, string as_column);long ll_count

SELECT Count(*)
  INTO :ll_count
  FROM INFORMATION_SCHEMA.COLUMNS
 WHERE TABLE_SCHEMA = 'dbo'
   AND TABLE_NAME = :as_table
   AND COLUMN_NAME = :as_column
 USING this;
Return ll_count > 0
end function

public function integer of_hb_set_addcolumn (string as_table, string as_column, string as_definition);// Adds a column unless the catalogue has it already
string ls_sql

If of_column_exists(as_table, as_column) Then Return 0
ls_sql = "ALTER TABLE dbo." + as_table + " ADD " + as_column + " " + as_definition
Return of_exec(ls_sql)
end function

public function string of_last_sql ();Return is_last_sql
end function

on n_tr_hemo.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_tr_hemo.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


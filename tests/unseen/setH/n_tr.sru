HA$PBExportHeader$n_tr.sru
$PBExportComments$Transaction descendant for tenant databases
forward
global type n_tr from transaction
end type
end forward

global type n_tr from transaction
end type
global n_tr n_tr

type variables
Protected:
long il_last_dbcode
string is_last_error
end variables

forward prototypes
public function long of_execute (string as_sql)
public function long of_execute_all (string as_sql[])
public function integer of_tbl_set_addcolumn (string as_column, string as_datatype, string as_table)
public function boolean of_column_exists (string as_table, string as_column)
end prototypes

public function long of_execute (string as_sql);// Exécute une instruction SQL dynamique sur la base du locataire
If Len(Trim(as_sql)) = 0 Then Return 0
EXECUTE IMMEDIATE :as_sql USING this;
If this.SQLCode <> 0 Then
	il_last_dbcode = this.SQLDBCode
	is_last_error = this.SQLErrText
	Return -1
End If
Return 0
end function

public function long of_execute_all (string as_sql[]);integer li_i
long ll_rc

For li_i = 1 To UpperBound(as_sql)
	ll_rc = of_execute(as_sql[li_i])
	If ll_rc <> 0 Then Return ll_rc
Next
Return 0
end function

public function integer of_tbl_set_addcolumn (string as_column, string as_datatype, string as_table);string ls_sql

If of_column_exists(as_table, as_column) Then Return 0
ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " " + as_datatype
Return of_execute(ls_sql)
end function

public function boolean of_column_exists (string as_table, string as_column);long ll_count

SELECT count(*) INTO :ll_count FROM syscolumns
 WHERE id = object_id(:as_table) AND name = :as_column
 USING this;
Return ll_count > 0
end function

on n_tr.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_tr.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


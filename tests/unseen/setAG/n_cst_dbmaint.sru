HA$$PBExportHeader$n_cst_dbmaint.sru
$PBExportComments$Database maintenance service – schema steps kept in a DataStore
forward
global type n_cst_dbmaint from n_base
end type
end forward

global type n_cst_dbmaint from n_base
end type
global n_cst_dbmaint n_cst_dbmaint

type variables
Protected:
n_ds		ids_ddl
n_tr		itr_db
string	is_logfile = "labtrack_dbmaint.log"
long		il_failed_step
string	is_last_error

constant string	ics_tab = "~t"
constant string	ics_eol = "~r~n"
constant string	ics_dataobject = "d_lab_ddl_script"
end variables

forward prototypes
public function integer of_settransaction (n_tr atr_db)
public function long of_loadscript (string as_buffer)
public function integer of_execute ()
public function integer of_set_addcolumn (string as_table, string as_column, string as_definition)
protected function boolean of_columnexists (string as_table, string as_column)
protected function string of_row (long al_step, string as_table, string as_flag, string as_sql)
public subroutine of_log (string as_msg)
public function string of_lasterror ()
end prototypes

public function integer of_settransaction (n_tr atr_db);If IsNull(atr_db) Or Not IsValid(atr_db) Then Return -1
itr_db = atr_db
Return 1
end function

public function long of_loadscript (string as_buffer);// Loads the tab-separated step list into ids_ddl.
// Columns: step_no <TAB> tbl_name <TAB> run_flag <TAB> ddl_text, one step per line.
long ll_rows

ids_ddl.Reset()
ids_ddl.SetFilter("")
ll_rows = ids_ddl.ImportString(as_buffer)
If ll_rows < 0 Then
	of_log("ImportString failed, rc = " + String(ll_rows))
	Return ll_rows
End If

// steps switched off by support (run_flag = 'N') stay in the filter buffer
ids_ddl.SetFilter("run_flag = 'Y'")
ids_ddl.Filter()
ids_ddl.SetSort("step_no A")
ids_ddl.Sort()

Return ids_ddl.RowCount()
end function

public function integer of_execute ();long		ll_row, ll_rows
string	ls_sql, ls_tbl

If IsNull(itr_db) Or Not IsValid(itr_db) Then Return -1

ll_rows = ids_ddl.RowCount()
For ll_row = 1 To ll_rows
	ls_sql = Trim(ids_ddl.GetItemString(ll_row, "ddl_text"))
	ls_tbl = ids_ddl.GetItemString(ll_row, "tbl_name")
	If IsNull(ls_sql) Or ls_sql = "" Then Continue

	EXECUTE IMMEDIATE :ls_sql USING itr_db ;
	If itr_db.SQLCode <> 0 Then
		il_failed_step = ids_ddl.GetItemNumber(ll_row, "step_no")
		is_last_error = itr_db.SQLErrText
		of_log("Step " + String(il_failed_step) + " (" + ls_tbl + ") failed: " + is_last_error)
		ROLLBACK USING itr_db ;
		Return -1
	End If
	COMMIT USING itr_db ;
	of_log("Step " + String(ids_ddl.GetItemNumber(ll_row, "step_no")) + " (" + ls_tbl + ") done")
Next

Return 1
end function

public function integer of_set_addcolumn (string as_table, string as_column, string as_definition);// Adds as_column to dbo.as_table unless it is there already. 0 = present, 1 = added, -1 = error
string ls_buf

If of_columnexists(as_table, as_column) Then Return 0

ls_buf = of_row(900, as_table, "Y", "ALTER TABLE dbo." + as_table + " ADD " + as_column + " " + as_definition)
If of_loadscript(ls_buf) < 1 Then Return -1

Return of_execute()
end function

protected function boolean of_columnexists (string as_table, string as_column);long ll_cnt

SELECT COUNT(*)
  INTO :ll_cnt
  FROM syscolumns
 WHERE id = OBJECT_ID(:as_table)
   AND name = :as_column
 USING itr_db ;

If itr_db.SQLCode <> 0 Then Return False
Return (ll_cnt > 0)
end function

protected function string of_row (long al_step, string as_table, string as_flag, string as_sql);// one ImportString line
Return String(al_step) + ics_tab + as_table + ics_tab + as_flag + ics_tab + as_sql + ics_eol
end function

public subroutine of_log (string as_msg);integer li_file

li_file = FileOpen(is_logfile, LineMode!, Write!, LockWrite!, Append!)
If li_file < 0 Then Return
FileWrite(li_file, String(Today(), "yyyy-mm-dd") + " " + String(Now(), "hh:mm:ss") + "  " + as_msg)
FileClose(li_file)
end subroutine

public function string of_lasterror ();Return is_last_error
end function

event constructor;call super::constructor;ids_ddl = Create n_ds
ids_ddl.DataObject = ics_dataobject
end event

event destructor;call super::destructor;If IsValid(ids_ddl) Then Destroy ids_ddl
end event

on n_cst_dbmaint.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_dbmaint.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

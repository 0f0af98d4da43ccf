HA$PBExportHeader$pfc_n_cst_dbmaint.sru
$PBExportComments$PFC-style database maintenance service – extend in n_cst_dbmaint
forward
global type pfc_n_cst_dbmaint from n_base
end type
end forward

global type pfc_n_cst_dbmaint from n_base
event type integer pfc_upgrade ( integer ai_step )
event pfc_postupgrade ( )
end type
global pfc_n_cst_dbmaint pfc_n_cst_dbmaint

type variables
Protected:
n_tr		itr_obj
powerobject	ipo_requestor
integer		ii_dbversion
integer		ii_targetversion
string		is_lasterror
n_cst_string	inv_string
end variables

forward prototypes
public function integer of_settransobject (n_tr atr_obj)
public function integer of_setrequestor (powerobject apo_requestor)
public function long of_execute (string as_sql)
public function boolean of_columnexists (string as_table, string as_column)
public function integer of_addcolumns (string as_table, string as_coldefs)
public function integer of_createtable (string as_table, string as_columns[])
public function integer of_upgrade ()
public function string of_getlasterror ()
end prototypes

event type integer pfc_upgrade(integer ai_step);//////////////////////////////////////////////////////////////////////////////
//	Event:			pfc_upgrade
//	Arguments:		ai_step	the schema step to bring the database to
//	Returns:			integer	1 = done, 0 = nothing to do, -1 = error
//////////////////////////////////////////////////////////////////////////////
Return 0
end event

event pfc_postupgrade();//////////////////////////////////////////////////////////////////////////////
//	Event:			pfc_postupgrade
//	Description:	Extend to rebuild views and procedures after every upgrade run.
//////////////////////////////////////////////////////////////////////////////
end event

public function integer of_settransobject (n_tr atr_obj);//////////////////////////////////////////////////////////////////////////////
//	Function:		of_SetTransObject
//	Arguments:		atr_obj	the transaction the service runs its statements on
//////////////////////////////////////////////////////////////////////////////
If IsNull(atr_obj) Or Not IsValid(atr_obj) Then Return -1
itr_obj = atr_obj
Return 1
end function

public function integer of_setrequestor (powerobject apo_requestor);If IsNull(apo_requestor) Or Not IsValid(apo_requestor) Then Return -1
ipo_requestor = apo_requestor
Return 1
end function

public function string of_getlasterror ();Return is_lasterror
end function

public function long of_execute (string as_sql);//////////////////////////////////////////////////////////////////////////////
//	Function:		of_Execute
//////////////////////////////////////////////////////////////////////////////
string	ls_sql

If IsNull(itr_obj) Or Not IsValid(itr_obj) Then Return -1
ls_sql = as_sql
EXECUTE IMMEDIATE :ls_sql USING itr_obj ;
If itr_obj.SQLCode = -1 Then
	is_lasterror = itr_obj.SQLErrText
	itr_obj.of_Rollback()
	Return -1
End If
itr_obj.of_Commit()
Return 1
end function

public function boolean of_columnexists (string as_table, string as_column);long	ll_cnt

SELECT COUNT(*) INTO :ll_cnt
  FROM INFORMATION_SCHEMA.COLUMNS
 WHERE TABLE_NAME = :as_table AND COLUMN_NAME = :as_column
 USING itr_obj ;
Return (itr_obj.SQLCode = 0 And ll_cnt > 0)
end function

public function integer of_addcolumns (string as_table, string as_coldefs);//////////////////////////////////////////////////////////////////////////////
//	Function:		of_AddColumns
//	Arguments:		as_table		table to alter
//						as_coldefs	column definitions separated by ";",
//										each "<column> <datatype> [NULL | NOT NULL]"
//////////////////////////////////////////////////////////////////////////////
string	ls_def[], ls_col, ls_plain
long		ll_cnt, ll_i
integer	li_rc = 1

ls_plain = as_table
If Left(ls_plain, 1) = "[" Then ls_plain = Mid(ls_plain, 2, Len(ls_plain) - 2)
ll_cnt = inv_string.of_ParseToArray(as_coldefs, ";", ls_def)
For ll_i = 1 To ll_cnt
	ls_def[ll_i] = Trim(ls_def[ll_i])
	ls_col = Left(ls_def[ll_i], Pos(ls_def[ll_i] + " ", " ") - 1)
	If this.of_ColumnExists(ls_plain, ls_col) Then Continue
	If this.of_Execute("ALTER TABLE " + as_table + " ADD " + ls_def[ll_i]) < 0 Then
		li_rc = -1
		Exit
	End If
Next
Return li_rc
end function

public function integer of_createtable (string as_table, string as_columns[]);//////////////////////////////////////////////////////////////////////////////
//	Function:		of_CreateTable
//////////////////////////////////////////////////////////////////////////////
string	ls_list

If UpperBound(as_columns) = 0 Then Return 0
If inv_string.of_ArrayToString(as_columns, ",~r~n~t", ls_list) < 0 Then Return -1
Return this.of_Execute("CREATE TABLE " + as_table + " (~r~n~t" + ls_list + "~r~n)")
end function

public function integer of_upgrade ();// runs pfc_upgrade for each step above the stored version, records each
integer	li_step, li_rc

If IsNull(itr_obj) Or Not IsValid(itr_obj) Then Return -1
SELECT db_version INTO :ii_dbversion FROM pl_dbinfo USING itr_obj ;
If itr_obj.SQLCode <> 0 Then ii_dbversion = 0
For li_step = ii_dbversion + 1 To ii_targetversion
	li_rc = this.Event pfc_upgrade(li_step)
	If li_rc < 0 Then Return -1
	UPDATE pl_dbinfo SET db_version = :li_step USING itr_obj ;
	itr_obj.of_Commit()
Next
this.Event pfc_postupgrade()
Return 1
end function

on pfc_n_cst_dbmaint.create
call super::create
end on

on pfc_n_cst_dbmaint.destroy
call super::destroy
end on


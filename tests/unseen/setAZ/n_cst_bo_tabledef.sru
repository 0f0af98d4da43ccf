HA$PBExportHeader$n_cst_bo_tabledef.sru
$PBExportComments$Per-performance table – ancestor
forward
global type n_cst_bo_tabledef from nonvisualobject
end type
end forward

global type n_cst_bo_tabledef from nonvisualobject
event type string ue_columns ( )
end type
global n_cst_bo_tabledef n_cst_bo_tabledef

type variables
public:
string is_table
protected:
string is_pk
end variables

forward prototypes
public function string of_create_sql ()
public function string of_dt_type ()
end prototypes

event type string ue_columns();// Columns every per-performance table starts with.
// Descendants extend this event (AncestorReturnValue) or override it.
return "perf_id int NOT NULL,~r~n" + &
	"~tvenue_cd char(4) NOT NULL"
end event

public function string of_create_sql ();// CREATE TABLE for is_table, the columns from ue_columns – the descendant's version of it.
string ls_cols

ls_cols = this.event ue_columns()
if Len(is_pk) > 0 then
	ls_cols = ls_cols + ",~r~n~tCONSTRAINT PK_" + is_table + " PRIMARY KEY (" + is_pk + ")"
end if
return "IF OBJECT_ID('dbo." + is_table + "', 'U') IS NULL~r~n" + &
	"CREATE TABLE dbo." + is_table + " (~r~n~t" + ls_cols + "~r~n)"
end function

public function string of_dt_type ();// SQL Native Client and MSOLEDBSQL profiles talk to 2008+ servers; the old ODBC
// profile (ODBC, "O10" ...) may still point at a 2005 box without datetime2.
choose case Upper(Left(SQLCA.DBMS, 3))
	case "SNC", "MSO"
		return "datetime2(0)"
	case else
		return "datetime"
end choose
end function

on n_cst_bo_tabledef.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_bo_tabledef.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

HA$PBExportHeader$n_cst_crw_sql.sru
$PBExportComments$SQL assembly service (after PFC n_cst_sql)
forward
global type n_cst_crw_sql from nonvisualobject
end type
end forward

global type n_cst_crw_sql from nonvisualobject autoinstantiate
end type

forward prototypes
public function string of_assemble (n_cst_crw_sqlattrib astr_sql[])
public function string of_quote (string as_value)
end prototypes

public function string of_assemble (n_cst_crw_sqlattrib astr_sql[]);//////////////////////////////////////////////////////////////////////////////
//	Function:	of_Assemble
//	Arguments:	astr_sql[]	the parts of one or more statements
//	Returns:		string		the statement; several SELECTs are joined with UNION
//	Description:	as PFC's n_cst_sql.of_Assemble, without the DBMS-specific quoting
//////////////////////////////////////////////////////////////////////////////
integer	li_i, li_count
string	ls_sql, ls_stmt

li_count = UpperBound(astr_sql)
For li_i = 1 To li_count
	ls_stmt = ""
	Choose Case Upper(Trim(astr_sql[li_i].s_verb))
		Case "SELECT"
			ls_stmt = "SELECT " + astr_sql[li_i].s_columns + " FROM " + astr_sql[li_i].s_tables
			If Trim(astr_sql[li_i].s_where) <> "" Then ls_stmt = ls_stmt + " WHERE " + astr_sql[li_i].s_where
			If Trim(astr_sql[li_i].s_group) <> "" Then ls_stmt = ls_stmt + " GROUP BY " + astr_sql[li_i].s_group
			If Trim(astr_sql[li_i].s_having) <> "" Then ls_stmt = ls_stmt + " HAVING " + astr_sql[li_i].s_having
		Case "INSERT"
			ls_stmt = "INSERT INTO " + astr_sql[li_i].s_tables + " (" + astr_sql[li_i].s_columns + ") VALUES (" + astr_sql[li_i].s_values + ")"
		Case "UPDATE"
			ls_stmt = "UPDATE " + astr_sql[li_i].s_tables + " SET " + astr_sql[li_i].s_values
			If Trim(astr_sql[li_i].s_where) <> "" Then ls_stmt = ls_stmt + " WHERE " + astr_sql[li_i].s_where
		Case "DELETE"
			ls_stmt = "DELETE FROM " + astr_sql[li_i].s_tables
			If Trim(astr_sql[li_i].s_where) <> "" Then ls_stmt = ls_stmt + " WHERE " + astr_sql[li_i].s_where
	End Choose
	If ls_stmt = "" Then Continue
	If ls_sql <> "" Then ls_sql = ls_sql + " UNION "
	ls_sql = ls_sql + ls_stmt
Next

// ORDER BY belongs to the whole union: PFC takes it from the last element
If li_count > 0 Then
	If Trim(astr_sql[li_count].s_order) <> "" Then ls_sql = ls_sql + " ORDER BY " + astr_sql[li_count].s_order
End If

Return ls_sql
end function

public function string of_quote (string as_value);// a SQL literal: apostrophes doubled, then wrapped in apostrophes
string	ls_value
long	ll_pos

ls_value = as_value
ll_pos = PosA(ls_value, Char(39))
Do While ll_pos > 0
	ls_value = ReplaceA(ls_value, ll_pos, 1, Char(39) + Char(39))
	ll_pos = PosA(ls_value, Char(39), ll_pos + 2)
Loop

Return Char(39) + ls_value + Char(39)
end function

on n_cst_crw_sql.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_crw_sql.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


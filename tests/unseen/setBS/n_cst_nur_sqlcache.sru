$PBExportHeader$n_cst_nur_sqlcache.sru
$PBExportComments$Keyed cache of SQL statements (name -> text), kept in insertion order
forward
global type n_cst_nur_sqlcache from nonvisualobject
end type
end forward

global type n_cst_nur_sqlcache from nonvisualobject
end type
global n_cst_nur_sqlcache n_cst_nur_sqlcache

type variables
Private:
string is_key[]
string is_sql[]
long il_count = 0
end variables

forward prototypes
public function long of_find (string as_key)
public subroutine of_put (string as_key, string as_sql)
public function string of_get (string as_key)
public function long of_count ()
public function string of_key (long al_index)
public subroutine of_clear ()
public function string of_script (string as_separator)
end prototypes

public function long of_find (string as_key);// position of a key, 0 when absent (keys compare case-insensitively)
long ll_i

For ll_i = 1 To il_count
	If Lower(is_key[ll_i]) = Lower(as_key) Then Return ll_i
Next
Return 0
end function

public subroutine of_put (string as_key, string as_sql);// stores or replaces the text under as_key
long ll_i

If IsNull(as_key) Or as_key = "" Then Return
ll_i = of_find(as_key)
If ll_i = 0 Then
	il_count++
	ll_i = il_count
	is_key[ll_i] = as_key
End If
is_sql[ll_i] = as_sql
end subroutine

public function string of_get (string as_key);long ll_i

ll_i = of_find(as_key)
If ll_i > 0 Then Return is_sql[ll_i]
Return ""
end function

public function long of_count ();Return il_count
end function

public function string of_key (long al_index);If al_index < 1 Or al_index > il_count Then Return ""
Return is_key[al_index]
end function

public subroutine of_clear ();string ls_empty[]

is_key = ls_empty
is_sql = ls_empty
il_count = 0
end subroutine

public function string of_script (string as_separator);// every text in order, for a log or a script file
string ls_script
long ll_i

For ll_i = 1 To il_count
	If Len(is_sql[ll_i]) = 0 Then Continue
	ls_script += "-- " + is_key[ll_i] + "~r~n" + is_sql[ll_i] + as_separator
Next
Return ls_script
end function

on n_cst_nur_sqlcache.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_nur_sqlcache.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


$PBExportHeader$n_cst_string.sru
$PBExportComments$Zeichenketten-Dienst (eigene Implementierung, ohne PFC) - Gruß an M. Kühn
forward
global type n_cst_string from nonvisualobject
end type
end forward

global type n_cst_string from nonvisualobject autoinstantiate
end type

forward prototypes
public function string of_globalreplace (string as_source, string as_old, string as_new)
end prototypes

public function string of_globalreplace (string as_source, string as_old, string as_new);// ersetzt jedes Vorkommen von as_old (Groß-/Kleinschreibung wird beachtet)
long ll_start, ll_oldlen, ll_newlen

If IsNull(as_source) Or IsNull(as_old) Or IsNull(as_new) Then Return as_source
ll_oldlen = Len(as_old)
ll_newlen = Len(as_new)
ll_start = Pos(as_source, as_old)
Do While ll_start > 0
	as_source = Replace(as_source, ll_start, ll_oldlen, as_new)
	ll_start = Pos(as_source, as_old, ll_start + ll_newlen)
Loop
Return as_source
end function

on n_cst_string.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_string.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

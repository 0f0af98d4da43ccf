$PBExportHeader$n_cst_cm_string.sru
$PBExportComments$String helpers (cut-down copy of the PFC string service – of_join/of_padright)
forward
global type n_cst_cm_string from nonvisualobject
end type
end forward

global type n_cst_cm_string from nonvisualobject autoinstantiate
end type

forward prototypes
public function string of_join (string as_parts[], string as_separator)
public function string of_padright (string as_text, integer ai_width)
public function integer of_count (string as_text, string as_find)
end prototypes

public function string of_join (string as_parts[], string as_separator);// {"a", "", "b"} joined with ", " -> "a, b" (empty parts are skipped)
string  ls_out
long    ll_i, ll_max
boolean lb_first = true

ll_max = UpperBound(as_parts)
for ll_i = 1 to ll_max
	if IsNull(as_parts[ll_i]) or Len(as_parts[ll_i]) = 0 then continue
	if lb_first then
		ls_out = as_parts[ll_i]
		lb_first = false
	else
		ls_out += as_separator + as_parts[ll_i]
	end if
next
return ls_out
end function

public function string of_padright (string as_text, integer ai_width);if Len(as_text) >= ai_width then return as_text
return as_text + Space(ai_width - Len(as_text))
end function

public function integer of_count (string as_text, string as_find);long ll_pos
integer li_n

ll_pos = Pos(as_text, as_find)
do while ll_pos > 0
	li_n ++
	ll_pos = Pos(as_text, as_find, ll_pos + Len(as_find))
loop
return li_n
end function

on n_cst_cm_string.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_cm_string.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


HA$PBExportHeader$n_cst_string.sru
$PBExportComments$String service (PFC-style): of_format, of_globalreplace
forward
global type n_cst_string from nonvisualobject
end type
end forward

global type n_cst_string from nonvisualobject autoinstantiate
end type

forward prototypes
public function string of_globalreplace (string as_source, string as_old, string as_new)
public function string of_format (string as_format, string as_args[])
end prototypes

public function string of_globalreplace (string as_source, string as_old, string as_new);long	ll_start, ll_oldlen, ll_newlen
string	ls_null

if IsNull(as_source) or IsNull(as_old) or IsNull(as_new) then
	SetNull(ls_null)
	return ls_null
end if

ll_oldlen = Len(as_old)
ll_newlen = Len(as_new)

ll_start = Pos(as_source, as_old)
do while ll_start > 0
	as_source = Replace(as_source, ll_start, ll_oldlen, as_new)
	ll_start = Pos(as_source, as_old, ll_start + ll_newlen)
loop

return as_source
end function

public function string of_format (string as_format, string as_args[]);//	of_Format: fill the %1 .. %n markers, highest first so that %1 does not eat %10.
integer	li_i, li_max
string	ls_result

ls_result = as_format
li_max = UpperBound(as_args)
for li_i = li_max to 1 step -1
	if IsNull(as_args[li_i]) then continue
	ls_result = of_GlobalReplace(ls_result, "%" + String(li_i), as_args[li_i])
next

return ls_result
end function

on n_cst_string.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_string.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

HA$PBExportHeader$n_cst_hm_sqlmap.sru
$PBExportComments$Keyed statement map – keys kept in insertion order
forward
global type n_cst_hm_sqlmap from nonvisualobject
end type
end forward

global type n_cst_hm_sqlmap from nonvisualobject
end type
global n_cst_hm_sqlmap n_cst_hm_sqlmap

type variables
private:
string is_key[]
string is_value[]
long il_count
end variables

forward prototypes
public function long of_find (string as_key)
public subroutine of_put (string as_key, string as_value)
public function string of_get (string as_key)
public function boolean of_has (string as_key)
public function long of_keys (ref string as_keys[])
public function long of_count ()
end prototypes

public function long of_find (string as_key);long ll_i

for ll_i = 1 to il_count
	if is_key[ll_i] = as_key then return ll_i
next
return 0
end function

public subroutine of_put (string as_key, string as_value);long ll_i

ll_i = of_find(as_key)
if ll_i = 0 then
	il_count ++
	ll_i = il_count
	is_key[ll_i] = as_key
end if
is_value[ll_i] = as_value
end subroutine

public function string of_get (string as_key);long ll_i

ll_i = of_find(as_key)
if ll_i = 0 then return ""
return is_value[ll_i]
end function

public function boolean of_has (string as_key);return of_find(as_key) > 0
end function

public function long of_keys (ref string as_keys[]);string ls_empty[]

as_keys = ls_empty
as_keys = is_key
return il_count
end function

public function long of_count ();return il_count
end function

on n_cst_hm_sqlmap.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_hm_sqlmap.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


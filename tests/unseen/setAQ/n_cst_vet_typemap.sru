$PBExportHeader$n_cst_vet_typemap.sru
$PBExportComments$Column type registry (autoinstantiated); vetwise.ini [ColumnTypes] overrides a default
forward
global type n_cst_vet_typemap from nonvisualobject
end type
end forward

global type n_cst_vet_typemap from nonvisualobject autoinstantiate
end type

type variables
protected:
string is_key[]
string is_type[]
end variables

forward prototypes
public function integer of_register (string as_key, string as_default)
public function string of_type (string as_key)
end prototypes

public function integer of_register (string as_key, string as_default);// as_default is used unless the site's INI names another type for the key
integer li_n

li_n = UpperBound(is_key) + 1
is_key[li_n] = Lower(as_key)
is_type[li_n] = ProfileString(gs_ini, "ColumnTypes", as_key, as_default)
Return li_n
end function

public function string of_type (string as_key);integer li_i

For li_i = 1 To UpperBound(is_key)
	If is_key[li_i] = Lower(as_key) Then Return is_type[li_i]
Next
SignalError(0, "n_cst_vet_typemap: no type registered for " + as_key)
Return ""
end function

on n_cst_vet_typemap.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_vet_typemap.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

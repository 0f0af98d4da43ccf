$PBExportHeader$n_cst_sp_sqlbuf.sru
$PBExportComments$Statement buffer (autoinstantiate: no create/destroy, copied on assignment)
forward
global type n_cst_sp_sqlbuf from nonvisualobject
end type
end forward

global type n_cst_sp_sqlbuf from nonvisualobject autoinstantiate
end type

type variables
protected:
string is_line[]
end variables

forward prototypes
public subroutine of_add (string as_line)
public subroutine of_clear ()
public function string of_text ()
public function integer of_count ()
end prototypes

public subroutine of_add (string as_line);is_line[UpperBound(is_line) + 1] = as_line
end subroutine

public subroutine of_clear ();string ls_none[]
is_line = ls_none
end subroutine

public function string of_text ();// the lines joined with CR/LF
string ls_text
integer li_i

For li_i = 1 To UpperBound(is_line)
	If li_i > 1 Then ls_text += "~r~n"
	ls_text += is_line[li_i]
Next
Return ls_text
end function

public function integer of_count ();Return UpperBound(is_line)
end function

on n_cst_sp_sqlbuf.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_sp_sqlbuf.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

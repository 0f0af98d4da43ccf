$PBExportHeader$n_cst_sqlbuffer.sru
$PBExportComments$SQL text buffer – of_append / of_appendline / of_text
forward
global type n_cst_sqlbuffer from nonvisualobject
end type
end forward

global type n_cst_sqlbuffer from nonvisualobject
end type
global n_cst_sqlbuffer n_cst_sqlbuffer

type variables
Private:
string	is_text
long		il_lines

Public:
string	is_newline = "~r~n"
end variables

forward prototypes
public subroutine of_append (string as_text)
public subroutine of_appendline (string as_text)
public function string of_text ()
public subroutine of_clear ()
public function long of_linecount ()
public function boolean of_isempty ()
end prototypes

public subroutine of_append (string as_text);IF IsNull(as_text) THEN RETURN
is_text += as_text
end subroutine

public subroutine of_appendline (string as_text);IF IsNull(as_text) THEN as_text = ""
is_text += as_text + is_newline
il_lines ++
end subroutine

public function string of_text ();RETURN is_text
end function

public subroutine of_clear ();is_text = ""
il_lines = 0
end subroutine

public function long of_linecount ();RETURN il_lines
end function

public function boolean of_isempty ();RETURN (Len(Trim(is_text)) = 0)
end function

on n_cst_sqlbuffer.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_sqlbuffer.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

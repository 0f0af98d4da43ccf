$PBExportHeader$n_cst_string.sru
$PBExportComments$Extension layer of the PFC string service
forward
global type n_cst_string from pfc_n_cst_string
end type
end forward

global type n_cst_string from pfc_n_cst_string autoinstantiate
end type

forward prototypes
public function string of_bracket (string as_name)
end prototypes

public function string of_bracket (string as_name);// [name] quoting for SQL Server identifiers; "dbo.x" becomes "[dbo].[x]", a bracketed name is kept
long	ll_dot

If Left(as_name, 1) = "[" Then Return as_name
ll_dot = Pos(as_name, ".")
If ll_dot > 0 Then Return "[" + Left(as_name, ll_dot - 1) + "].[" + Mid(as_name, ll_dot + 1) + "]"
Return "[" + as_name + "]"
end function

on n_cst_string.create
call super::create
end on

on n_cst_string.destroy
call super::destroy
end on


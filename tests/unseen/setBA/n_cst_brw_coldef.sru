$PBExportHeader$n_cst_brw_coldef.sru
$PBExportComments$One column of n_cst_brw_tabledef – name, type, default, nullability
forward
global type n_cst_brw_coldef from nonvisualobject
end type
end forward

global type n_cst_brw_coldef from nonvisualobject
end type
global n_cst_brw_coldef n_cst_brw_coldef

type variables
public:
string is_name
string is_type
boolean ib_nullable = true
boolean ib_has_default = false
decimal{4} idc_default
string is_default_fmt = "0.00"
end variables

forward prototypes
public function string of_ddl ()
end prototypes

public function string of_ddl ();// "name type [DEFAULT n] NULL|NOT NULL" – the order SQL Server 2000 already accepted
string ls_ddl

ls_ddl = is_name + " " + is_type
If ib_has_default Then
	ls_ddl += " DEFAULT " + String(idc_default, is_default_fmt)
End If
If ib_nullable Then
	ls_ddl += " NULL"
Else
	ls_ddl += " NOT NULL"
End If
Return ls_ddl
end function

on n_cst_brw_coldef.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_brw_coldef.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


$PBExportHeader$n_cst_zoo_sqlspy.sru
$PBExportComments$Keeps and logs every statement the upgrade sends (modelled on PFC's n_cst_sqlspy)
forward
global type n_cst_zoo_sqlspy from nonvisualobject
end type
end forward

global type n_cst_zoo_sqlspy from nonvisualobject
end type
global n_cst_zoo_sqlspy n_cst_zoo_sqlspy

type variables
Protected:
string is_history[]
long il_count
string is_logfile
n_cst_string inv_string
end variables

forward prototypes
public subroutine of_sqlsyntax (string as_sql)
public function long of_gethistory (ref string as_history[])
end prototypes

public subroutine of_sqlsyntax (string as_sql);// Records as_sql before it is sent; nothing is run here
integer li_file

il_count ++
is_history[il_count] = as_sql

If Len(is_logfile) = 0 Then Return
li_file = FileOpen(is_logfile, LineMode!, Write!, LockWrite!, Append!)
If li_file < 0 Then Return
FileWrite(li_file, inv_string.of_padleft(String(il_count), 5) + "  " + String(Now(), "hh:mm:ss") + "  " + as_sql)
FileClose(li_file)
end subroutine

public function long of_gethistory (ref string as_history[]);as_history = is_history
Return il_count
end function

event constructor;is_logfile = ProfileString("zootrack.ini", "Upgrade", "SqlLog", "zoo_upgrade_sql.log")
end event

on n_cst_zoo_sqlspy.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_zoo_sqlspy.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

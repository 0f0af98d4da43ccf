$PBExportHeader$w_fibu_sqlrun.srw
$PBExportComments$Führt eine SQL-Anweisung aus (Parameter Message.StringParm), Rückgabe SQLCode
forward
global type w_fibu_sqlrun from window
end type
end forward

global type w_fibu_sqlrun from window
integer width = 1600
integer height = 420
boolean titlebar = true
string title = "Datenbankanpassung"
windowtype windowtype = response!
long backcolor = 67108864
event ue_ausfuehren ( )
end type
global w_fibu_sqlrun w_fibu_sqlrun

type variables
string is_sql
end variables

event ue_ausfuehren();long ll_rc

EXECUTE IMMEDIATE :is_sql USING SQLCA;
ll_rc = SQLCA.SQLCode
CloseWithReturn(this, ll_rc)
end event

on w_fibu_sqlrun.create
end on

on w_fibu_sqlrun.destroy
end on

event open;is_sql = Message.StringParm
SetPointer(HourGlass!)
this.Post Event ue_ausfuehren()
end event

$PBExportHeader$w_fibu_sqlanzeige.srw
$PBExportComments$Zeigt eine SQL-Anweisung zum Kopieren an (wird NICHT ausgeführt)
forward
global type w_fibu_sqlanzeige from window
end type
type mle_sql from multilineedit within w_fibu_sqlanzeige
end type
end forward

global type w_fibu_sqlanzeige from window
integer width = 2200
integer height = 900
boolean titlebar = true
string title = "SQL für den DBA"
windowtype windowtype = response!
long backcolor = 67108864
mle_sql mle_sql
end type
global w_fibu_sqlanzeige w_fibu_sqlanzeige

on w_fibu_sqlanzeige.create
this.mle_sql=create mle_sql
this.Control[]={this.mle_sql}
end on

on w_fibu_sqlanzeige.destroy
destroy(this.mle_sql)
end on

event open;mle_sql.Text = Message.StringParm
end event

type mle_sql from multilineedit within w_fibu_sqlanzeige
integer width = 2100
integer height = 600
string facename = "Courier New"
boolean vscrollbar = true
boolean displayonly = true
end type

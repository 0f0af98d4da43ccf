HA$PBExportHeader$w_cem_ddl_confirm.srw
$PBExportComments$Shows a statement before it runs – OK returns it, Cancel returns ""
forward
global type w_cem_ddl_confirm from window
end type
type mle_sql from multilineedit within w_cem_ddl_confirm
end type
type cb_ok from commandbutton within w_cem_ddl_confirm
end type
type cb_cancel from commandbutton within w_cem_ddl_confirm
end type
end forward

global type w_cem_ddl_confirm from window
integer width = 2560
integer height = 1480
boolean titlebar = true
string title = "Confirm statement"
windowtype windowtype = response!
mle_sql mle_sql
cb_ok cb_ok
cb_cancel cb_cancel
end type
global w_cem_ddl_confirm w_cem_ddl_confirm

event open;mle_sql.Text = Message.StringParm
end event

on w_cem_ddl_confirm.create
this.mle_sql=create mle_sql
this.cb_ok=create cb_ok
this.cb_cancel=create cb_cancel
this.Control[]={this.mle_sql,&
this.cb_ok,&
this.cb_cancel}
end on

on w_cem_ddl_confirm.destroy
destroy(this.mle_sql)
destroy(this.cb_ok)
destroy(this.cb_cancel)
end on

type mle_sql from multilineedit within w_cem_ddl_confirm
integer x = 37
integer y = 32
integer width = 2459
integer height = 1180
end type

type cb_ok from commandbutton within w_cem_ddl_confirm
integer x = 1719
integer y = 1248
integer width = 357
integer height = 100
string text = "&Run"
end type

event clicked;CloseWithReturn(parent, mle_sql.Text)
end event

type cb_cancel from commandbutton within w_cem_ddl_confirm
integer x = 2121
integer y = 1248
integer width = 357
integer height = 100
string text = "Cancel"
boolean cancel = true
end type

event clicked;CloseWithReturn(parent, "")
end event


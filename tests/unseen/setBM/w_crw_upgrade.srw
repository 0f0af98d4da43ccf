$PBExportHeader$w_crw_upgrade.srw
$PBExportComments$Roster database upgrade wizard: required steps on open, optional steps ticked in a tree
forward
global type w_crw_upgrade from window
end type
type cb_rollback from commandbutton within w_crw_upgrade
end type
type cb_run from commandbutton within w_crw_upgrade
end type
type tv_steps from treeview within w_crw_upgrade
end type
end forward

global type w_crw_upgrade from window
integer width = 2331
integer height = 1412
boolean titlebar = true
string title = "Crew roster - database upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
string icon = "AppIcon!"
boolean center = true
cb_rollback cb_rollback
cb_run cb_run
tv_steps tv_steps
end type
global w_crw_upgrade w_crw_upgrade

type variables
Protected:
n_cst_crw_upgrade	inv_upgrade
constant integer CI_OPTIONAL_STEPS = 4
end variables

forward prototypes
public function long wf_add_step (string as_label, string as_sql)
end prototypes

public function long wf_add_step (string as_label, string as_sql);// one tickable item per optional step; the statement rides in the item's Data
treeviewitem	ltvi_step

ltvi_step.Label = as_label
ltvi_step.Data = as_sql
ltvi_step.PictureIndex = 1
ltvi_step.SelectedPictureIndex = 1
ltvi_step.StatePictureIndex = 1
ltvi_step.Children = False
Return tv_steps.InsertItemLast(0, ltvi_step)
end function

on w_crw_upgrade.create
this.cb_rollback=create cb_rollback
this.cb_run=create cb_run
this.tv_steps=create tv_steps
this.Control[]={this.cb_rollback,&
this.cb_run,&
this.tv_steps}
end on

on w_crw_upgrade.destroy
destroy(this.cb_rollback)
destroy(this.cb_run)
destroy(this.tv_steps)
end on

event open;integer	li_step
string	ls_label, ls_sql

inv_upgrade = CREATE n_cst_crw_upgrade
If inv_upgrade.of_required() < 0 Then
	MessageBox(this.title, "The required roster upgrade failed; see crwupg.log.", StopSign!)
	Close(this)
	Return
End If

tv_steps.SetRedraw(False)
For li_step = 1 To CI_OPTIONAL_STEPS
	ls_sql = inv_upgrade.of_optional(li_step, ls_label)
	If ls_sql <> "" Then wf_add_step(ls_label, ls_sql)
Next
tv_steps.SetRedraw(True)
end event

event close;If IsValid(inv_upgrade) Then DESTROY inv_upgrade
end event

type cb_rollback from commandbutton within w_crw_upgrade
integer x = 1221
integer y = 1168
integer width = 507
integer height = 112
integer taborder = 20
integer textsize = -8
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "Copy rollback"
end type

event clicked;// the DBA runs the rollback by hand in Management Studio
Clipboard(inv_upgrade.of_rollback_script())
MessageBox(parent.title, "The rollback script is on the clipboard.")
end event

type cb_run from commandbutton within w_crw_upgrade
integer x = 1755
integer y = 1168
integer width = 507
integer height = 112
integer taborder = 30
integer textsize = -8
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "Run ticked steps"
boolean default = true
end type

event clicked;long	ll_handle, ll_rows
integer	li_done
treeviewitem	ltvi_step

ll_handle = tv_steps.FindItem(RootTreeItem!, 0)
Do While ll_handle > 0
	tv_steps.GetItem(ll_handle, ltvi_step)
	If ltvi_step.StatePictureIndex = 2 Then
		If inv_upgrade.of_execute(String(ltvi_step.Data)) < 0 Then
			MessageBox(parent.title, "Step failed: " + ltvi_step.Label, Exclamation!)
			Return
		End If
		li_done++
	End If
	ll_handle = tv_steps.FindItem(NextTreeItem!, ll_handle)
Loop

ll_rows = inv_upgrade.of_load_expiring()
MessageBox(parent.title, String(li_done) + " optional step(s) run; " + String(ll_rows) + " qualification(s) expire within 30 days.")
CloseWithReturn(parent, li_done)
end event

type tv_steps from treeview within w_crw_upgrade
integer x = 37
integer y = 32
integer width = 2226
integer height = 1104
integer taborder = 10
integer textsize = -8
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
long textcolor = 33554432
borderstyle borderstyle = stylelowered!
boolean checkboxes = true
boolean linesatroot = true
boolean hideselection = false
string picturename[] = {"Custom039!"}
long picturemaskcolor = 12632256
long statepicturemaskcolor = 536870912
end type


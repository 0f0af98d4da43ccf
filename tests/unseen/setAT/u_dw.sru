HA$PBExportHeader$u_dw.sru
$PBExportComments$PFC DataWindow control – extension layer (PipeLine: services created on demand)
forward
global type u_dw from datawindow
end type
end forward

global type u_dw from datawindow
integer width = 494
integer height = 360
integer taborder = 1
boolean livescroll = true
borderstyle borderstyle = stylelowered!
event type long pfc_retrieve ( )
event type integer pfc_preupdate ( )
event type integer pfc_update ( boolean ab_accepttext,  boolean ab_resetflag )
end type
global u_dw u_dw

type variables
Public:
n_cst_dbmaint	inv_dbmaint
Protected:
n_tr		itr_object
end variables

forward prototypes
public function integer of_settransobject (n_tr atr_object)
public function integer of_setdbmaint (boolean ab_switch)
end prototypes

public function integer of_settransobject (n_tr atr_object);// SetTransObject, remembered for the services created later
integer	li_rc

If IsNull(atr_object) Or Not IsValid(atr_object) Then Return -1
li_rc = this.SetTransObject(atr_object)
If li_rc = 1 Then itr_object = atr_object
If IsValid(inv_dbmaint) Then inv_dbmaint.of_SetTransObject(itr_object)
Return li_rc
end function

public function integer of_setdbmaint (boolean ab_switch);// creates or destroys the database maintenance service on demand (PFC of_Set<service>)
If ab_switch Then
	If IsNull(inv_dbmaint) Or Not IsValid(inv_dbmaint) Then
		inv_dbmaint = Create n_cst_dbmaint
		inv_dbmaint.of_SetRequestor(this)
		If IsValid(itr_object) Then inv_dbmaint.of_SetTransObject(itr_object)
		Return 1
	End If
Else
	If IsValid(inv_dbmaint) Then
		Destroy inv_dbmaint
		Return 1
	End If
End If
Return 0
end function

event type long pfc_retrieve();Return this.Retrieve()
end event

event type integer pfc_preupdate();Return 1
end event

event type integer pfc_update(boolean ab_accepttext, boolean ab_resetflag);integer	li_rc

li_rc = this.Event pfc_preupdate()
If li_rc <> 1 Then Return -1
If this.Update(ab_accepttext, ab_resetflag) <> 1 Then Return -1
Return 1
end event

event destructor;of_SetDBMaint(False)
end event

on u_dw.create
end on

on u_dw.destroy
end on


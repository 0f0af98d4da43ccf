HA$PBExportHeader$w_sp_upgrade.srw
$PBExportComments$SnowPass database upgrade (11.0 - 12.0): shows the stored steps, runs them
forward
global type w_sp_upgrade from window
end type
type dw_steps from datawindow within w_sp_upgrade
end type
type st_info from statictext within w_sp_upgrade
end type
type cb_apply from commandbutton within w_sp_upgrade
end type
end forward

global type w_sp_upgrade from window
integer width = 3200
integer height = 1500
boolean titlebar = true
string title = "SnowPass – Database Upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
boolean center = true
event ue_check ( )
dw_steps dw_steps
st_info st_info
cb_apply cb_apply
end type
global w_sp_upgrade w_sp_upgrade

type variables
n_cst_sp_schema inv_schema
integer ii_version
end variables

on w_sp_upgrade.create
this.dw_steps=create dw_steps
this.st_info=create st_info
this.cb_apply=create cb_apply
this.Control[]={this.dw_steps,&
this.st_info,&
this.cb_apply}
end on

on w_sp_upgrade.destroy
destroy(this.dw_steps)
destroy(this.st_info)
destroy(this.cb_apply)
end on

event open;decimal{2} ldc_version

inv_schema = create n_cst_sp_schema

SELECT db_version INTO :ldc_version FROM sp_config USING SQLCA;
ii_version = Integer(ldc_version * 100)

dw_steps.SetFilter("step_ver > " + String(ii_version))
dw_steps.Filter()
this.PostEvent("ue_check")
end event

event ue_check();// passes sold at the kiosks before 11.0 have no holder
long ll_orphans

SELECT COUNT(*)
  INTO :ll_orphans
  FROM sp_pass
 WHERE holder_id IS NULL
   AND pass_no LIKE 'K%'
 USING SQLCA;

st_info.Text = "Version " + String(ii_version / 100.0, "0.00") + " – " + String(dw_steps.RowCount()) + &
	" stored step(s) to run, " + String(ll_orphans) + " kiosk pass(es) without a holder"
end event

event close;destroy inv_schema
end event

type dw_steps from datawindow within w_sp_upgrade
integer x = 37
integer y = 180
integer width = 3109
integer height = 1040
string dataobject = "d_sp_upgrade_steps"
boolean vscrollbar = true
boolean livescroll = true
borderstyle borderstyle = stylelowered!
end type

type st_info from statictext within w_sp_upgrade
integer x = 37
integer y = 40
integer width = 3109
integer height = 120
integer textsize = -10
string facename = "Tahoma"
long backcolor = 67108864
end type

type cb_apply from commandbutton within w_sp_upgrade
integer x = 2747
integer y = 1260
integer width = 402
integer height = 100
integer textsize = -10
string facename = "Tahoma"
string text = "&Apply"
boolean default = true
end type

event clicked;integer li_rc

SetPointer(HourGlass!)
li_rc = inv_schema.of_apply(ii_version)
If li_rc >= 0 Then li_rc = inv_schema.of_sp_set_addcolumn("sp_lift_scan", "holder_id", "int NULL")
If li_rc >= 0 Then li_rc = inv_schema.of_sp_set_addcolumn("sp_rental", &
	"holder_id", "int NULL")
If li_rc < 0 Then
	ROLLBACK USING SQLCA;
	MessageBox("Database upgrade", inv_schema.of_error(), StopSign!)
	Return
End If

// scans get the holder of their pass (lift_cd statistics are per holder from 12.0)
UPDATE s
   SET holder_id = p.holder_id
  FROM sp_lift_scan s
  JOIN sp_pass p ON p.pass_no = s.pass_no
 WHERE s.holder_id IS NULL
 USING SQLCA;

UPDATE sp_config SET db_version = 12.0 USING SQLCA;
COMMIT USING SQLCA;

Parent.PostEvent("ue_check")
end event

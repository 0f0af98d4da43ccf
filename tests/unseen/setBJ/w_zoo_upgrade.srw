$PBExportHeader$w_zoo_upgrade.srw
$PBExportComments$ZooTrack – schema upgrade and post-upgrade checks
forward
global type w_zoo_upgrade from window
end type
type cb_assign from commandbutton within w_zoo_upgrade
end type
type cb_undo from commandbutton within w_zoo_upgrade
end type
type st_msg from statictext within w_zoo_upgrade
end type
end forward

global type w_zoo_upgrade from window
integer width = 2062
integer height = 780
boolean titlebar = true
string title = "ZooTrack – Database Upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
boolean center = true
cb_assign cb_assign
cb_undo cb_undo
st_msg st_msg
end type
global w_zoo_upgrade w_zoo_upgrade

type variables
n_cst_zoo_schema inv_schema
constant string KEY_DB = "HKEY_LOCAL_MACHINE\SOFTWARE\ZooTrack\Database"
end variables

event open;string ls_level
long ll_level, ll_rc, ll_orphans

If RegistryGet(KEY_DB, "SchemaLevel", RegString!, ls_level) <> 1 Then ls_level = "300"
ll_level = Long(ls_level)

inv_schema = Create n_cst_zoo_schema
ll_rc = inv_schema.of_upgrade(ll_level, SQLCA)
If ll_rc < 0 Then
	st_msg.Text = "The upgrade stopped at statement " + String(-ll_rc) + ": see zoo_upgrade_sql.log"
	Return
End If
RegistrySet(KEY_DB, "SchemaLevel", RegString!, "330")

SELECT count(*)
  INTO :ll_orphans
  FROM zoo_animal
 WHERE enclosure_cd NOT IN (SELECT enclosure_cd FROM zoo_enclosure)
 USING SQLCA;

st_msg.Text = String(ll_rc) + " statements run; " + String(ll_orphans) + " animals without an enclosure."
end event

on w_zoo_upgrade.create
this.cb_assign=create cb_assign
this.cb_undo=create cb_undo
this.st_msg=create st_msg
this.Control[]={this.cb_assign,&
this.cb_undo,&
this.st_msg}
end on

on w_zoo_upgrade.destroy
destroy(this.cb_assign)
destroy(this.cb_undo)
destroy(this.st_msg)
end on

event close;If IsValid(inv_schema) Then Destroy inv_schema
end event

type cb_assign from commandbutton within w_zoo_upgrade
integer x = 1038
integer y = 520
integer width = 462
integer height = 112
integer taborder = 10
integer textsize = -10
string facename = "Tahoma"
string text = "&Assign keepers"
end type

event clicked;// 3.3 moved keepers to the enclosure: copy each enclosure's keeper to its animals
string ls_keeper, ls_encl
long ll_moved

DECLARE c_encl CURSOR FOR
	SELECT enclosure_cd, keeper_no FROM zoo_enclosure WHERE keeper_no IS NOT NULL
	USING SQLCA;

OPEN c_encl;
FETCH c_encl INTO :ls_encl, :ls_keeper;
Do While SQLCA.SQLCode = 0
	UPDATE zoo_animal
	   SET keeper_no = :ls_keeper
	 WHERE enclosure_cd = :ls_encl
	 USING SQLCA;
	ll_moved += SQLCA.SQLNRows
	FETCH c_encl INTO :ls_encl, :ls_keeper;
Loop
CLOSE c_encl;

COMMIT USING SQLCA;
parent.st_msg.Text = String(ll_moved) + " animals given their enclosure's keeper."
end event

type cb_undo from commandbutton within w_zoo_upgrade
integer x = 1536
integer y = 520
integer width = 462
integer height = 112
integer taborder = 20
integer textsize = -10
string facename = "Tahoma"
string text = "Write &undo…"
end type

event clicked;string ls_file, ls_name

If GetFileSaveName("Undo script", ls_file, ls_name, "txt", "Text files (*.txt),*.txt") <> 1 Then Return
parent.inv_schema.of_write_undo(ls_file)
end event

type st_msg from statictext within w_zoo_upgrade
integer x = 37
integer y = 48
integer width = 1961
integer height = 420
integer textsize = -10
string facename = "Tahoma"
long textcolor = 33554432
long backcolor = 67108864
string text = "Upgrading…"
end type

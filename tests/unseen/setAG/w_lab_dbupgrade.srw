HA$$PBExportHeader$w_lab_dbupgrade.srw
$PBExportComments$LabTrack – database upgrade progress
forward
global type w_lab_dbupgrade from w_response
end type
type st_status from statictext within w_lab_dbupgrade
end type
type dw_pending from u_dw within w_lab_dbupgrade
end type
type cb_close from u_cb within w_lab_dbupgrade
end type
end forward

global type w_lab_dbupgrade from w_response
integer width = 2661
integer height = 1336
string title = "LabTrack – Database Upgrade"
st_status st_status
dw_pending dw_pending
cb_close cb_close
end type
global w_lab_dbupgrade w_lab_dbupgrade

type variables
n_cst_lab_dbmaint	inv_maint
integer				ii_schemaver
boolean				ib_qc_module
end variables

forward prototypes
public function integer wf_upgrade ()
end prototypes

public function integer wf_upgrade ();integer	li_rc, li_ver
long		ll_pending, ll_steps

st_status.Text = "Checking schema version ..."
SELECT schema_ver INTO :ii_schemaver FROM dbo.lab_sysinfo WHERE sys_key = 'LABTRACK' USING SQLCA ;
If SQLCA.SQLCode = 100 Then ii_schemaver = 0

If ii_schemaver >= inv_maint.ii_current_ver And Not ib_qc_module Then Return 0

st_status.Text = "Upgrading from " + String(ii_schemaver) + " ..."
li_rc = inv_maint.of_upgrade(ii_schemaver)
If li_rc < 0 Then
	MessageBox("Upgrade", inv_maint.of_lasterror(), StopSign!)
	Return -1
End If

If ib_qc_module Then
	ll_steps = inv_maint.of_loadscript(inv_maint.of_qc_script())
	If ll_steps > 0 Then li_rc = inv_maint.of_execute()
End If

// interface columns that the HL7 installer may already have added
li_rc = f_lab_set_addcolumn("lab_specimen", "abn_flag", "char(1) NULL")
li_rc = f_lab_set_addcolumn("LAB_ORDER", "result_val", "varchar(20) NULL")
//li_rc = f_lab_set_addcolumn("lab_order", "ref_range_lo", "decimal(12,4) NULL")  // LT-2102 withdrawn

li_ver = inv_maint.ii_current_ver
UPDATE dbo.lab_sysinfo SET schema_ver = :li_ver WHERE sys_key = 'LABTRACK' USING SQLCA ;
COMMIT USING SQLCA ;

// results still waiting for autoverification
SELECT COUNT(*)
  INTO :ll_pending
  FROM dbo.lab_result r
 WHERE r.abn_flag IS NULL
   AND r.result_val IS NOT NULL
 USING SQLCA ;
st_status.Text = String(ll_pending) + " result(s) pending autoverification"

dw_pending.SetTransObject(SQLCA)
dw_pending.SetSQLSelect("SELECT s.accession_no, s.collected_dt, r.loinc_cd, r.result_val " + &
	"FROM dbo.lab_specimen s JOIN dbo.lab_result r ON r.specimen_id = s.specimen_id " + &
	"WHERE r.abn_flag IS NULL ORDER BY s.collected_dt")
dw_pending.Retrieve()

Return 1
end function

on w_lab_dbupgrade.create
int iCurrent
call super::create
this.st_status=create st_status
this.dw_pending=create dw_pending
this.cb_close=create cb_close
iCurrent=UpperBound(this.Control)
this.Control[iCurrent+1]=this.st_status
this.Control[iCurrent+2]=this.dw_pending
this.Control[iCurrent+3]=this.cb_close
end on

on w_lab_dbupgrade.destroy
call super::destroy
destroy(this.st_status)
destroy(this.dw_pending)
destroy(this.cb_close)
end on

event open;call super::open;string ls_ini

ls_ini = gnv_app.of_GetAppIniFile()
ib_qc_module = (ProfileString(ls_ini, "Modules", "QC", "N") = "Y")

inv_maint = Create n_cst_lab_dbmaint
inv_maint.of_settransaction(SQLCA)

SetPointer(HourGlass!)
If this.wf_upgrade() < 0 Then
	st_status.Text = "Upgrade failed – see labtrack_dbmaint.log"
Else
	st_status.Text = "Database is current"
End If
end event

event close;call super::close;If IsValid(inv_maint) Then Destroy inv_maint
end event

type st_status from statictext within w_lab_dbupgrade
integer x = 37
integer y = 32
integer width = 2578
integer height = 72
integer textsize = -10
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
long textcolor = 33554432
long backcolor = 67108864
boolean focusrectangle = false
end type

type dw_pending from u_dw within w_lab_dbupgrade
integer x = 37
integer y = 128
integer width = 2578
integer height = 968
integer taborder = 10
string dataobject = "d_lab_pending_results"
boolean hscrollbar = true
boolean vscrollbar = true
end type

type cb_close from u_cb within w_lab_dbupgrade
integer x = 2231
integer y = 1120
integer width = 384
integer height = 92
integer taborder = 20
string text = "&Close"
boolean default = true
end type

event clicked;call super::clicked;Close(parent)
end event

$PBExportHeader$w_qt_schema_upgrade.srw
$PBExportComments$QuayLine – R22 schema upgrade
forward
global type w_qt_schema_upgrade from window
end type
type st_progress from statictext within w_qt_schema_upgrade
end type
type cbx_reefer from checkbox within w_qt_schema_upgrade
end type
type cbx_hazmat from checkbox within w_qt_schema_upgrade
end type
type cbx_vgm from checkbox within w_qt_schema_upgrade
end type
type cbx_oog from checkbox within w_qt_schema_upgrade
end type
type mle_script from multilineedit within w_qt_schema_upgrade
end type
type cb_start from commandbutton within w_qt_schema_upgrade
end type
end forward

global type w_qt_schema_upgrade from window
integer width = 2203
integer height = 1480
boolean titlebar = true
string title = "QuayLine – R22 schema upgrade"
boolean controlmenu = true
boolean minbox = true
windowtype windowtype = main!
long backcolor = 67108864
boolean center = true
event ue_check ( )
st_progress st_progress
cbx_reefer cbx_reefer
cbx_hazmat cbx_hazmat
cbx_vgm cbx_vgm
cbx_oog cbx_oog
mle_script mle_script
cb_start cb_start
end type
global w_qt_schema_upgrade w_qt_schema_upgrade

type variables
n_cst_qt_ddlworker	inv_worker
long				il_sent
constant string		CS_GATE_SCRIPT = "qt_r22_gate.sql"
end variables

forward prototypes
public subroutine wf_send (string as_sql)
public function integer wf_run_script (string as_file)
public function integer wf_modules ()
public subroutine wf_berth ()
public subroutine wf_reefer ()
end prototypes

public subroutine wf_send (string as_sql);// the worker owns the connection: hand the text over and go on
inv_worker.Post of_apply(Blob(as_sql, EncodingUTF8!))
il_sent ++
end subroutine

public function integer wf_run_script (string as_file);integer	li_fh, li_n
long		ll_rc
string	ls_line, ls_batch

li_fh = FileOpen(as_file, LineMode!, Read!, Shared!)
if li_fh < 0 then return -1

ll_rc = FileReadEx(li_fh, ls_line)
do until ll_rc = -100
	if ll_rc < 0 then exit
	if Upper(Trim(ls_line)) = "GO" then
		if Trim(ls_batch) <> "" then
			wf_send(ls_batch)
			li_n ++
		end if
		ls_batch = ""
	elseif Left(Trim(ls_line), 2) <> "--" then
		ls_batch += ls_line + "~r~n"
	end if
	ll_rc = FileReadEx(li_fh, ls_line)
loop
FileClose(li_fh)
if Trim(ls_batch) <> "" then wf_send(ls_batch)
return li_n
end function

public function integer wf_modules ();// every ticked module checkbox carries "table|column|definition" in its Tag
integer		li_c, li_n
long		ll_p1, ll_p2
checkbox	lcbx

for li_c = 1 to UpperBound(Control[])
	if TypeOf(Control[li_c]) <> CheckBox! then continue
	lcbx = Control[li_c]
	if not lcbx.Checked or Len(lcbx.Tag) = 0 then continue
	ll_p1 = Pos(lcbx.Tag, "|")
	ll_p2 = Pos(lcbx.Tag, "|", ll_p1 + 1)
	if ll_p1 = 0 or ll_p2 = 0 then continue
	inv_worker.Post of_qt_set_addcolumn(Left(lcbx.Tag, ll_p1 - 1), &
		Mid(lcbx.Tag, ll_p1 + 1, ll_p2 - ll_p1 - 1), Mid(lcbx.Tag, ll_p2 + 1))
	li_n ++
	il_sent ++
next
return li_n
end function

public subroutine wf_berth ();string	ls_sql

ls_sql  = "IF OBJECT_ID(N'dbo.qt_berth_window', N'U') IS NULL~r~n"
ls_sql += "CREATE TABLE dbo.qt_berth_window (~r~n"
ls_sql += "  berth_cd        char(4)          NOT NULL,~r~n"
ls_sql += "  vessel_visit_id int              NOT NULL,~r~n"
ls_sql += "  eta_dt          datetime2(0)     NOT NULL,~r~n"
ls_sql += "  etd_dt          datetime2(0)     NULL,~r~n"
ls_sql += "  row_guid        uniqueidentifier ROWGUIDCOL NOT NULL DEFAULT NEWSEQUENTIALID(),~r~n"
ls_sql += "  CONSTRAINT pk_qt_berth_window PRIMARY KEY (vessel_visit_id, eta_dt))"
wf_send(ls_sql)

// containers get their berth: add nullable, fill, then tighten
wf_send("ALTER TABLE dbo.qt_container ADD berth_cd char(4) NULL")
wf_send("UPDATE c SET c.berth_cd = v.berth_cd FROM dbo.qt_container c " + &
	"JOIN dbo.qt_vessel_visit v ON v.visit_id = c.visit_id WHERE c.berth_cd IS NULL")
wf_send("UPDATE dbo.qt_container SET berth_cd = 'NONE' WHERE berth_cd IS NULL")
wf_send("ALTER TABLE dbo.qt_container ALTER COLUMN berth_cd char(4) NOT NULL")

wf_send("ALTER TABLE dbo.qt_container ADD gate_in_dt datetime2(0) NULL")
wf_send("UPDATE c SET c.gate_in_dt = g.gate_in_dt " + &
	"FROM dbo.qt_container c JOIN dbo.qt_gate_visit g ON g.container_no = c.container_no " + &
	"WHERE g.gate_out_dt IS NULL")
wf_send("ALTER TABLE dbo.qt_hazmat_decl ALTER COLUMN un_number char(4) NOT NULL")
wf_send("ALTER TABLE dbo.qt_hazmat_decl DROP COLUMN imdg_class_old")
wf_send("UPDATE dbo.qt_container SET vgm_kg = ROUND(gross_kg, 0) WHERE vgm_kg IS NULL AND gross_kg > 0")
end subroutine

public subroutine wf_reefer ();blob	lblb

lblb = Blob("IF OBJECT_ID(N'dbo.qt_reefer_reading', N'U') IS NULL ", EncodingUTF8!)
lblb = lblb + Blob("CREATE TABLE dbo.qt_reefer_reading (", EncodingUTF8!)
lblb = lblb + Blob(" reading_id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,", EncodingUTF8!)
lblb = lblb + Blob(" container_no char(11) NOT NULL,", EncodingUTF8!)
lblb = lblb + Blob(" reefer_temp decimal(4,1) NOT NULL,", EncodingUTF8!)
lblb = lblb + Blob(" setpoint_temp decimal(4,1) NULL,", EncodingUTF8!)
lblb = lblb + Blob(" read_dt datetime2(0) NOT NULL)", EncodingUTF8!)
inv_worker.Post of_apply(lblb)
il_sent ++

wf_send("CREATE OR ALTER PROCEDURE dbo.qt_p_reefer_alarm @max_dev decimal(4,1) AS~r~n" + &
	"BEGIN~r~n" + &
	"  SET NOCOUNT ON;~r~n" + &
	"  SELECT r.container_no, r.reefer_temp, u.setpoint_temp, c.berth_cd~r~n" + &
	"    FROM dbo.qt_reefer_reading r~r~n" + &
	"    JOIN dbo.qt_container c ON c.container_no = r.container_no~r~n" + &
	"    JOIN dbo.qt_reefer_unit u ON u.container_no = c.container_no~r~n" + &
	"   WHERE ABS(r.reefer_temp - u.setpoint_temp) > @max_dev~r~n" + &
	"END")
end subroutine

on w_qt_schema_upgrade.create
this.st_progress=create st_progress
this.cbx_reefer=create cbx_reefer
this.cbx_hazmat=create cbx_hazmat
this.cbx_vgm=create cbx_vgm
this.cbx_oog=create cbx_oog
this.mle_script=create mle_script
this.cb_start=create cb_start
this.Control[]={this.st_progress,&
this.cbx_reefer,&
this.cbx_hazmat,&
this.cbx_vgm,&
this.cbx_oog,&
this.mle_script,&
this.cb_start}
end on

on w_qt_schema_upgrade.destroy
destroy(this.st_progress)
destroy(this.cbx_reefer)
destroy(this.cbx_hazmat)
destroy(this.cbx_vgm)
destroy(this.cbx_oog)
destroy(this.mle_script)
destroy(this.cb_start)
end on

event timer;st_progress.Text = String(inv_worker.of_done() + inv_worker.of_failed()) + " of " + String(il_sent) + " statements"
if inv_worker.of_done() + inv_worker.of_failed() >= il_sent then
	Timer(0)
	if inv_worker.of_failed() > 0 then
		MessageBox("Upgrade", "Last error: " + inv_worker.of_lasterror(), Exclamation!)
	end if
	this.Event ue_check()
end if
end event

event ue_check();long	ll_open, ll_haz

SELECT COUNT(*) INTO :ll_open FROM qt_container
 WHERE berth_cd IS NULL OR vgm_kg IS NULL
 USING SQLCA;

SELECT COUNT(*) INTO :ll_haz
  FROM qt_hazmat_decl h JOIN qt_container c ON c.container_no = h.container_no
 WHERE h.imdg_class IS NULL
 USING SQLCA;

st_progress.Text = String(ll_open) + " containers incomplete, " + String(ll_haz) + " declarations without class"
end event

type st_progress from statictext within w_qt_schema_upgrade
integer x = 55
integer y = 40
integer width = 2062
integer height = 72
integer textsize = -9
string facename = "Segoe UI"
long backcolor = 67108864
string text = "Choose the modules of this terminal"
end type

type cbx_reefer from checkbox within w_qt_schema_upgrade
integer x = 55
integer y = 140
integer width = 1200
integer height = 72
integer textsize = -9
string facename = "Segoe UI"
long backcolor = 67108864
string text = "Reefer monitoring"
boolean checked = true
string tag = "qt_reefer_unit|reefer_temp|decimal(4,1) NULL"
end type

type cbx_hazmat from checkbox within w_qt_schema_upgrade
integer x = 55
integer y = 224
integer width = 1200
integer height = 72
integer textsize = -9
string facename = "Segoe UI"
long backcolor = 67108864
string text = "Dangerous goods (IMDG)"
string tag = "qt_hazmat_decl|imdg_class|varchar(4) NULL"
end type

type cbx_vgm from checkbox within w_qt_schema_upgrade
integer x = 55
integer y = 308
integer width = 1200
integer height = 72
integer textsize = -9
string facename = "Segoe UI"
long backcolor = 67108864
string text = "Verified gross mass (SOLAS)"
boolean checked = true
string tag = "qt_container|vgm_kg|int NULL"
end type

type cbx_oog from checkbox within w_qt_schema_upgrade
integer x = 55
integer y = 392
integer width = 1200
integer height = 72
integer textsize = -9
string facename = "Segoe UI"
long backcolor = 67108864
string text = "Out-of-gauge cargo"
string tag = "qt_container|oog_flag|bit NULL"
end type

type mle_script from multilineedit within w_qt_schema_upgrade
integer x = 55
integer y = 488
integer width = 2062
integer height = 680
integer textsize = -9
string facename = "Consolas"
boolean vscrollbar = true
boolean displayonly = true
end type

event constructor;// what the R23 hazmat screen will need – preview for the terminal's DBA, not run by R22
this.Text = "ALTER TABLE dbo.qt_container ADD imdg_class varchar(4) NULL"
end event

type cb_start from commandbutton within w_qt_schema_upgrade
integer x = 1696
integer y = 1220
integer width = 421
integer height = 112
integer textsize = -9
string facename = "Segoe UI"
string text = "Start"
boolean default = true
end type

event clicked;if SharedObjectGet(GS_DDL_WORKER, inv_worker) <> Success! then
	MessageBox("Upgrade", "The DDL worker is not running.", StopSign!)
	return
end if
if inv_worker.of_connect(SQLCA.ServerName, SQLCA.Database) < 0 then
	MessageBox("Upgrade", inv_worker.of_lasterror(), StopSign!)
	return
end if
this.Enabled = false

if parent.wf_run_script(CS_GATE_SCRIPT) < 0 then
	MessageBox("Upgrade", CS_GATE_SCRIPT + " was not found next to the program.", StopSign!)
	return
end if
inv_worker.Post of_qt_set_addcolumn("qt_vessel_visit", "berth_cd", "char(4) NULL")
il_sent ++
parent.wf_berth()
parent.wf_reefer()
parent.wf_modules()
Timer(1, parent)
end event

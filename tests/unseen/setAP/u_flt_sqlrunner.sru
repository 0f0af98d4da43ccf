HA$PBExportHeader$u_flt_sqlrunner.sru
$PBExportComments$FleetWise – SQL runner panel: runs statements, shows progress, keeps a log list
forward
global type u_flt_sqlrunner from userobject
end type
type st_status from statictext within u_flt_sqlrunner
end type
type hpb_progress from hprogressbar within u_flt_sqlrunner
end type
type lb_log from listbox within u_flt_sqlrunner
end type
end forward

global type u_flt_sqlrunner from userobject
integer width = 2190
integer height = 612
long backcolor = 67108864
string text = "none"
long tabtextcolor = 33554432
long picturemaskcolor = 536870912
st_status st_status
hpb_progress hpb_progress
lb_log lb_log
end type
global u_flt_sqlrunner u_flt_sqlrunner

type variables
protected:
transaction itr_db
long il_done
long il_failed
string is_lasterr
end variables

forward prototypes
public subroutine of_settrans (transaction atr_db)
public subroutine of_setsteps (integer ai_steps)
public function integer of_run (string as_sql)
public function string of_lasterror ()
end prototypes

public subroutine of_settrans (transaction atr_db);itr_db = atr_db
end subroutine

public subroutine of_setsteps (integer ai_steps);hpb_progress.MaxPosition = ai_steps
hpb_progress.Position = 0
il_done = 0
il_failed = 0
lb_log.Reset()
end subroutine

public function integer of_run (string as_sql);long ll_rc
string ls_err, ls_first

// first line of the statement for the status line and the log
ls_first = Trim(Left(as_sql + "~r", Pos(as_sql + "~r", "~r") - 1))
st_status.Text = ls_first
ll_rc = f_flt_exec_sql(itr_db, as_sql, ls_err)
hpb_progress.StepIt()
if ll_rc < 0 then
	il_failed ++
	is_lasterr = ls_err
	lb_log.AddItem("FAILED  " + ls_first + "  " + ls_err)
	return -1
end if
il_done ++
lb_log.AddItem("ok      " + ls_first)
return 0
end function

public function string of_lasterror ();return is_lasterr
end function

on u_flt_sqlrunner.create
this.st_status=create st_status
this.hpb_progress=create hpb_progress
this.lb_log=create lb_log
this.Control[]={this.st_status,&
this.hpb_progress,&
this.lb_log}
end on

on u_flt_sqlrunner.destroy
destroy(this.st_status)
destroy(this.hpb_progress)
destroy(this.lb_log)
end on

type st_status from statictext within u_flt_sqlrunner
integer x = 14
integer y = 8
integer width = 2162
integer height = 64
string facename = "Tahoma"
long textcolor = 33554432
long backcolor = 67108864
string text = "Ready"
boolean focusrectangle = false
end type

type hpb_progress from hprogressbar within u_flt_sqlrunner
integer x = 14
integer y = 84
integer width = 2162
integer height = 56
unsignedinteger maxposition = 100
integer setstep = 1
end type

type lb_log from listbox within u_flt_sqlrunner
integer x = 14
integer y = 152
integer width = 2162
integer height = 448
integer taborder = 10
string facename = "Courier New"
long textcolor = 33554432
boolean vscrollbar = true
borderstyle borderstyle = stylelowered!
end type

$PBExportHeader$n_cst_sqlrunner.sru
$PBExportComments$runs (or only logs) SQL text for the upgrade objects
forward
global type n_cst_sqlrunner from nonvisualobject
end type
end forward

global type n_cst_sqlrunner from nonvisualobject
end type
global n_cst_sqlrunner n_cst_sqlrunner

type variables
transaction itr_trans
string is_logfile = "pipe_sql.log"
long il_fail
end variables

forward prototypes
public subroutine of_set_trans (transaction atr_trans)
public function long of_run (string as_sql)
public subroutine of_log_sql (string as_sql)
public subroutine of_note (long al_pool, string as_msg)
end prototypes

public subroutine of_set_trans (transaction atr_trans);itr_trans = atr_trans
end subroutine

public function long of_run (string as_sql);if isnull(itr_trans) or not isvalid(itr_trans) then itr_trans = sqlca

execute immediate :as_sql using itr_trans;
choose case itr_trans.sqlcode
	case 0
		return 0
	case 100
		return 0
	case else
		il_fail ++
		of_log_sql("-- FAILED: " + itr_trans.sqlerrtext + "~r~n" + as_sql)
		return itr_trans.sqldbcode
end choose
end function

public subroutine of_log_sql (string as_sql);// writes the SQL to the log file; it is NOT executed
integer li_f
li_f = fileopen(is_logfile, streammode!, write!, lockwrite!, append!)
if li_f < 0 then return
filewrite(li_f, as_sql + "~r~ngo~r~n")
fileclose(li_f)
end subroutine

public subroutine of_note (long al_pool, string as_msg);datetime ldt_now
ldt_now = datetime(today(), now())
insert into pipe_settle_log (pool_id, settle_dt, msg)
values (:al_pool, :ldt_now, :as_msg)
using itr_trans;
end subroutine

on n_cst_sqlrunner.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_sqlrunner.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


HA$PBExportHeader$n_cst_mes_ddlrunner.sru
$PBExportComments$Runs upgrade statements and logs them – MES 7.x
forward
global type n_cst_mes_ddlrunner from nonvisualobject
end type
end forward

global type n_cst_mes_ddlrunner from nonvisualobject
end type
global n_cst_mes_ddlrunner n_cst_mes_ddlrunner

type variables
protected:
transaction itr_db
string is_lasterror
string is_tracefile = "mes_upgrade.log"
boolean ib_trace = true
end variables

forward prototypes
public subroutine of_settrans (transaction atr_db)
public function integer of_run (string as_sql)
public subroutine of_trace (string as_text)
public function string of_lasterror ()
end prototypes

public subroutine of_settrans (transaction atr_db);itr_db = atr_db
end subroutine

public function integer of_run (string as_sql);// runs one statement on the upgrade connection and keeps a row in mes_schema_log
string ls_err
integer li_rc

if IsNull(as_sql) or Len(Trim(as_sql)) = 0 then return 0
of_trace(as_sql)

EXECUTE IMMEDIATE :as_sql USING itr_db;
if itr_db.SQLCode <> 0 then
	is_lasterror = itr_db.SQLErrText
	ls_err = Left(is_lasterror, 250)
	li_rc = -1
else
	SetNull(ls_err)
	li_rc = 1
end if

INSERT INTO mes_schema_log (run_dt, stmt_text, rc, err_text)
VALUES (GETDATE(), :as_sql, :li_rc, :ls_err)
USING itr_db;

return li_rc
end function

public subroutine of_trace (string as_text);// append to the upgrade trace file – the service desk asks for it on every call
integer li_file

if not ib_trace then return
li_file = FileOpen(is_tracefile, LineMode!, Write!, LockWrite!, Append!)
if li_file < 0 then return
FileWrite(li_file, String(Now(), "hh:mm:ss") + "  " + as_text)
FileClose(li_file)
end subroutine

public function string of_lasterror ();return is_lasterror
end function

on n_cst_mes_ddlrunner.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_mes_ddlrunner.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

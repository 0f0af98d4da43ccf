$PBExportHeader$n_tr_pay.sru
$PBExportComments$Payroll transaction – runs the upgrade statements, checks the catalogue
forward
global type n_tr_pay from transaction
end type
end forward

global type n_tr_pay from transaction
end type
global n_tr_pay n_tr_pay

forward prototypes
public function long of_execute (string as_sql)
public function boolean of_column_exists (string as_table, string as_column)
public function boolean of_proc_exists (string as_proc)
public subroutine of_trace (string as_text)
end prototypes

public function long of_execute (string as_sql);// runs one statement; a failure goes to the trace file with its text
EXECUTE IMMEDIATE :as_sql USING this;
IF this.SQLCode < 0 THEN
  of_trace(as_sql + "~r~n  -> " + String(this.SQLDBCode) + " " + this.SQLErrText)
  RETURN -1
END IF
RETURN 0
end function

public function boolean of_column_exists (string as_table, string as_column);// TRUE when dbo.as_table has as_column
long ll_n

SELECT count(*) INTO :ll_n
  FROM INFORMATION_SCHEMA.COLUMNS
 WHERE TABLE_SCHEMA = 'dbo' AND TABLE_NAME = :as_table AND COLUMN_NAME = :as_column
 USING this;
RETURN ll_n > 0
end function

public function boolean of_proc_exists (string as_proc);// TRUE when the procedure dbo.as_proc is there (then it is ALTERed, keeping its grants)
long ll_n

SELECT count(*) INTO :ll_n FROM sys.objects
 WHERE object_id = OBJECT_ID('dbo.' + :as_proc) AND type = 'P'
 USING this;
RETURN ll_n > 0
end function

public subroutine of_trace (string as_text);integer li_f

li_f = FileOpen("tna_trace.log", LineMode!, Write!, LockWrite!, Append!)
IF li_f = -1 THEN RETURN
FileWrite(li_f, String(Now(), "yyyy-mm-dd hh:mm:ss") + " « " + as_text)
FileClose(li_f)
end subroutine

on n_tr_pay.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_tr_pay.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

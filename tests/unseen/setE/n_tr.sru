$PBExportHeader$n_tr.sru
$PBExportComments$PFC-style transaction object (u_tr clone)
forward
global type n_tr from transaction
end type
end forward

global type n_tr from transaction
end type
global n_tr n_tr

type variables
Protected:
boolean ib_trace = FALSE
end variables

forward prototypes
public function long of_execute (string as_sql)
public function integer of_settrace (boolean ab_trace)
end prototypes

public function long of_execute (string as_sql);// Execute a non-select statement on this transaction
// JMK 2003-11-04
IF ib_trace THEN FileWrite(FileOpen(gs_logfile, LineMode!, Write!, LockWrite!, Append!), as_sql)
EXECUTE IMMEDIATE :as_sql USING this;
IF this.SQLCode < 0 THEN
	RETURN -1
END IF
RETURN this.SQLNRows
end function

public function integer of_settrace (boolean ab_trace);ib_trace = ab_trace
RETURN 1
end function

on n_tr.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_tr.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

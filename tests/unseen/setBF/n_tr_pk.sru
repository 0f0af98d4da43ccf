HA$PBExportHeader$n_tr_pk.sru
$PBExportComments$Transaction object of PackLine – every dynamic statement runs through ue_exec
forward
global type n_tr_pk from transaction
end type
end forward

global type n_tr_pk from transaction
event type long ue_exec ( string as_sql )
end type
global n_tr_pk n_tr_pk

type variables
long il_statements
string is_last_error
end variables

event type long ue_exec(string as_sql);// one dynamic statement; -1 and the message on failure
if isnull(as_sql) or trim(as_sql) = "" then return 0

execute immediate :as_sql using this;
if this.sqlcode < 0 then
	is_last_error = this.sqlerrtext
	return -1
end if

il_statements ++
return 1
end event

on n_tr_pk.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_tr_pk.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


$PBExportHeader$w_zz_upgrade.srw
forward
global type w_zz_upgrade from window
end type
type cb_run from commandbutton within w_zz_upgrade
end type
type mle_log from multilineedit within w_zz_upgrade
end type
end forward

global type w_zz_upgrade from window
integer width = 2400
integer height = 1400
string title = "zz batch upgrade"
cb_run cb_run
mle_log mle_log
end type
global w_zz_upgrade w_zz_upgrade

type variables
n_cst_sqlexec itr_zz
n_cst_zz_dbmaint inv_maint
end variables

on w_zz_upgrade.create
this.cb_run=create cb_run
this.mle_log=create mle_log
this.control[]={this.cb_run, this.mle_log}
end on

on w_zz_upgrade.destroy
destroy(this.cb_run)
destroy(this.mle_log)
end on

type cb_run from commandbutton within w_zz_upgrade
integer x = 50
integer y = 1200
string text = "&run"
end type

event clicked;string ls_sql, ls_msg, ls_show
datastore lds_chk
long ll_rows

parent.itr_zz = create n_cst_sqlexec
parent.itr_zz.dbms = sqlca.dbms
parent.itr_zz.dbparm = sqlca.dbparm
connect using parent.itr_zz;

ls_sql = "create table zz_batch_audit ("
ls_sql = ls_sql + "~taudit_id int identity(1,1) not null,"
ls_sql = ls_sql + "~tbatch_id int not null,"
ls_sql = ls_sql + "~tclose_dt datetime null,"
ls_sql = ls_sql + "~told_rate decimal(9,4) null)"
parent.itr_zz.of_execddl(ls_sql)

ls_sql = "alter table zz_batch_audit add changed_by varchar(30) null"
if parent.itr_zz.of_execddl(ls_sql) < 0 then return

// trap: text put in the log box only
ls_show = "alter table zz_batch_audit add trap_show int null"
parent.mle_log.text = parent.mle_log.text + ls_show + "~r~n"

parent.inv_maint = create n_cst_zz_dbmaint
parent.inv_maint.event ue_upgrade(4, ls_msg)
parent.inv_maint.event ue_procs(true)
parent.inv_maint.uf_zz_set_addcolumn("zz_batch_audit", "batch_seq", "int null")
messagebox("done", "uf_zz_set_addcolumn('zz_batch_audit', 'trap_txt', 'int') not needed")

lds_chk = create datastore
lds_chk.dataobject = "d_zz_batch_chk"
lds_chk.settransobject(sqlca)
lds_chk.setsqlselect("select batch_id, close_dt from zz_batch_hdr where close_dt is null")
ll_rows = lds_chk.retrieve()
parent.mle_log.text = parent.mle_log.text + ls_msg + " (" + string(ll_rows) + " open batches)"
destroy lds_chk
disconnect using parent.itr_zz;
end event

type mle_log from multilineedit within w_zz_upgrade
integer x = 50
integer y = 50
integer width = 2250
integer height = 1100
boolean vscrollbar = true
end type


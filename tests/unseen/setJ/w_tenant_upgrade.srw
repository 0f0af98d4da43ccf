$PBExportHeader$w_tenant_upgrade.srw
$PBExportComments$Mise à niveau du schéma client (PowerFill) — lancée à l'ouverture
forward
global type w_tenant_upgrade from window
end type
type cb_run from commandbutton within w_tenant_upgrade
end type
type mle_log from multilineedit within w_tenant_upgrade
end type
end forward

global type w_tenant_upgrade from window
integer width = 2400
integer height = 1600
boolean titlebar = true
string title = "Mise à niveau du client"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event ue_after_open ( )
cb_run cb_run
mle_log mle_log
end type
global w_tenant_upgrade w_tenant_upgrade

type variables
string is_eol
n_cst_upg_procs inv_procs
end variables

forward prototypes
public function integer wf_upgrade ()
public function integer wf_price_hist ()
public function integer wf_locks ()
public function integer wf_trades_cols ()
public function integer wf_fee_sched ()
public subroutine wf_build_desk (ref string as_sql)
public function integer wf_run_hdr ()
public subroutine wf_log (string as_text)
public subroutine wf_preview ()
public function integer wf_check_trades ()
end prototypes

event ue_after_open();// Lancement différé : la fenêtre doit être peinte d'abord
this.POST wf_upgrade()
end event

public function integer wf_upgrade ();// Étape 1 : tables ; étape 2 : colonnes ; étape 3 : procédures et vue
integer li_step, li_rc
string ls_text, ls_desk

li_step = 1
CHOOSE CASE TRUE
	CASE wf_price_hist() < 0
		GOTO echec
	CASE wf_locks() < 0
		GOTO echec
	CASE ELSE
		li_step = 2
END CHOOSE
If wf_trades_cols() < 0 Then GOTO echec

TRY
	li_step = 3
	li_rc = inv_procs.of_get_proc_text("psp_pfill_alloc", ls_text)
	If li_rc = 1 Then gnv_exec.uf_run(ls_text)
	gnv_exec.uf_run(inv_procs.is_view_sql)
	wf_fee_sched()
	wf_build_desk(ls_desk)
	EXECUTE IMMEDIATE :ls_desk ;
	wf_run_hdr()
	// l'ancienne largeur ne suffit plus pour les pools FHLMC
	gnv_exec.uf_run("ALTER TABLE " + gs_tbl_trades + " ALTER COLUMN alloc_pct numeric(9,6) NULL")
CATCH (runtimeerror lre)
	wf_log("Erreur d'exécution : " + lre.GetMessage())
	Return -1
FINALLY
	wf_log("Étape atteinte : " + String(li_step))
END TRY
wf_check_trades()
Return 1

echec:
wf_log("Échec à l'étape " + String(li_step) + " : " + SQLCA.SQLErrText)
Return -1
end function

public function integer wf_price_hist ();string ls_sql
long ll_n

SELECT count(*) INTO :ll_n FROM sysobjects WHERE name = 'pfill_price_hist' AND xtype = 'U' ;
If ll_n > 0 Then Return 0
ls_sql = "CREATE TABLE " + gs_dbo + "pfill_price_hist (price_id int IDENTITY(1,1) NOT NULL, cusip char(9) NOT NULL, price_dt datetime NOT NULL, px_bid numeric(11,8) NULL, px_ask numeric(11,8) NULL, fee_bps smallint NULL DEFAULT 0, src_cd varchar(8) NULL, CONSTRAINT pk_pfill_price_hist PRIMARY KEY (price_id))"
EXECUTE IMMEDIATE :ls_sql ;
Return SQLCA.SQLCode
end function

public function integer wf_locks ();string ls_sql

// Table des verrous — créée par l'ancien module « Allocation »
ls_sql = "CREATE TABLE " + gs_dbo + "pfill_lock (" + is_eol + &
	"   lock_id int NOT NULL," + is_eol + &     // clé technique
	"   cusip char(9) NOT NULL," + is_eol + &
	"   is_locked bit NOT NULL DEFAULT 0," + is_eol + &
	"   locked_by varchar(30) NULL," + is_eol + &   // utilisateur Windows
	"   locked_at datetime NULL)"
PREPARE SQLSA FROM :ls_sql USING SQLCA ;
EXECUTE SQLSA ;
If SQLCA.SQLCode <> 0 And SQLCA.SQLDBCode <> 2714 Then Return -1
Return 1
end function

public function integer wf_trades_cols ();powerobject lpo_exec
string ls_sql

lpo_exec = gnv_exec
ls_sql = "ALTER TABLE " + gs_tbl_trades + " ADD cusip varchar(12) NULL"
ls_sql = "ALTER TABLE " + gs_tbl_trades + " ADD" + &
	" trade_amt money NULL," + &
	" is_locked bit NOT NULL DEFAULT 0," + &
	" settle_amt money NULL"
lpo_exec.DYNAMIC uf_run(ls_sql)

// Colonnes ajoutées par le helper (table, définition, colonne)
gnv_exec.uf_tenant_set_addcolumn(gs_tbl_trades, "char(9) NULL", "cusip")
gnv_exec.uf_tenant_set_addcolumn("rmusr_trades", "datetime NULL", "price_dt")
gnv_exec.uf_tenant_set_addcolumn("rmusr_trades", "smallint NULL", "fee_bps")
gnv_exec.uf_tenant_set_addcolumn("dbo.pfill_lock", "varchar(60) NULL", "lock_note")
gnv_exec.POST uf_tenant_set_addcolumn("rmusr_trades", "varchar(20) NULL", "desk_cd")
//gnv_exec.uf_tenant_set_addcolumn("rmusr_trades", "int NULL", "old_qty")
Return 1
end function

public function integer wf_fee_sched ();string ls_parts[]

ls_parts[1] = "CREATE TABLE dbo.pfill_fee_sched ("
ls_parts[2] = "sched_id int NOT NULL,"
ls_parts[3] = "fee_bps smallint NOT NULL,"
ls_parts[4] = "eff_dt datetime NOT NULL,"
ls_parts[5] = "alloc_pct numeric(7,4) NULL)"
Return gnv_exec.uf_exec_list(ls_parts)
end function

public subroutine wf_build_desk (ref string as_sql);// Construit le DDL de la table des desks dans as_sql
as_sql = "CREATE TABLE dbo.pfill_desk ("
as_sql += "desk_id int NOT NULL, "
as_sql += "desk_cd varchar(20) NOT NULL, "
as_sql += "alloc_pct numeric(7,4) NULL, "
as_sql += "active_yn char(1) NULL DEFAULT 'Y')"
end subroutine

public function integer wf_run_hdr ();string ls_sql

ls_sql = "EXEC sp_executesql N'CREATE TABLE dbo.pfill_run_hdr (run_id int NOT NULL, run_dt datetime NULL, trade_cnt int NULL, is_locked bit NULL)'"
EXECUTE IMMEDIATE :ls_sql USING SQLCA ;
Return SQLCA.SQLCode
end function

public subroutine wf_log (string as_text);mle_log.Text += as_text + "~r~n"
end subroutine

public subroutine wf_preview ();// Affiche le script pour le DBA, sans l'exécuter
string ls_show

ls_show = "ALTER TABLE dbo.rmusr_trades ADD trade_amt money NULL;~r~n" + &
	"ALTER TABLE dbo.pfill_lock ADD lock_reason varchar(60) NULL"
MessageBox("Script à exécuter par le DBA", ls_show)
end subroutine

public function integer wf_check_trades ();datastore lds
string ls_sel, ls_cusip
long ll_rows

// Contrôle : trades non verrouillés (réécrit le SELECT du DataWindow)
lds = CREATE datastore
lds.DataObject = "d_upg_trades"
lds.SetTransObject(SQLCA)
ls_sel = "SELECT t.cusip, t.alloc_pct, t.price_dt FROM dbo.rmusr_trades t WHERE t.is_locked = 0 AND t.trade_amt > 0"
lds.SetSQLSelect(ls_sel)
ll_rows = lds.Retrieve(RelativeDate(Today(), -30))
DESTROY lds

DECLARE c_lock CURSOR FOR
 SELECT cusip, locked_by FROM dbo.pfill_lock
  WHERE is_locked = 1 ;
OPEN c_lock ;
FETCH c_lock INTO :ls_cusip ;
DO WHILE SQLCA.SQLCode = 0
	wf_log("Verrouillé : " + ls_cusip)
	FETCH c_lock INTO :ls_cusip ;
LOOP
CLOSE c_lock ;
Return ll_rows
end function

on w_tenant_upgrade.create
this.cb_run=create cb_run
this.mle_log=create mle_log
this.Control[]={this.cb_run,&
this.mle_log}
end on

on w_tenant_upgrade.destroy
destroy(this.cb_run)
destroy(this.mle_log)
end on

event open;If IsNull(is_eol) Or Len(is_eol) = 0 Then is_eol = "~r~n"
inv_procs = CREATE n_cst_upg_procs
this.Event ue_after_open()
end event

event close;DESTROY inv_procs
end event

type cb_run from commandbutton within w_tenant_upgrade
integer x = 1943
integer y = 1376
integer width = 402
integer height = 112
integer taborder = 10
integer textsize = -10
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "Relancer"
end type

event clicked;Parent.POST wf_upgrade()
end event

type mle_log from multilineedit within w_tenant_upgrade
integer x = 37
integer y = 32
integer width = 2309
integer height = 1312
integer taborder = 20
integer textsize = -10
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
long textcolor = 33554432
boolean vscrollbar = true
boolean autovscroll = true
borderstyle borderstyle = stylelowered!
end type

$PBExportHeader$w_admin_upgrade.srw
$PBExportComments$Administration - mise à jour du schéma (René Côté)
forward
global type w_admin_upgrade from window
end type
type cb_upgrade from commandbutton within w_admin_upgrade
end type
type cb_check from commandbutton within w_admin_upgrade
end type
end forward

global type w_admin_upgrade from window
integer width = 1800
integer height = 900
boolean titlebar = true
string title = "Mise à jour base"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
cb_upgrade cb_upgrade
cb_check cb_check
end type
global w_admin_upgrade w_admin_upgrade

type variables
n_cst_dbmigrate_v5 inv_mig
datastore ids_pool
n_tr itr_arch
string is_nl = "~r~n"
end variables

forward prototypes
public function integer wf_create_alloc ()
public function integer wf_misc_ddl ()
public function string wf_grade_ddl ()
public function integer wf_archive ()
end prototypes

public function integer wf_create_alloc ();// RC 2014 - table d'allocation
string ls_tpl, ls_sql
integer li_p
ls_tpl = "CREATE TABLE {T} (alloc_id int NOT NULL, pool_id int NOT NULL, loan_id int NOT NULL, alloc_amt money NULL)"
li_p = Pos(ls_tpl, "{T}")
ls_sql = "IF OBJECT_ID('dbo.lnd_alloc') IS NULL " + Replace(ls_tpl, li_p, 3, Upper("dbo.") + Lower("LND_ALLOC"))
RETURN SQLCA.of_execute(ls_sql)
end function

public function string wf_grade_ddl ();// grade column (RC)
RETURN "ALTER TABLE lnd_pool ADD pool_grade char(2) NULL"
end function

public function integer wf_archive ();// archive table on the archive connection
string ls_sql
itr_arch = CREATE n_tr
itr_arch.DBMS = SQLCA.DBMS
itr_arch.ServerName = SQLCA.ServerName
itr_arch.Database = SQLCA.Database
CONNECT USING itr_arch;
ls_sql = "CREATE TABLE lnd_pool_arch (" + is_nl + &
	"  pool_id     int NOT NULL," + is_nl + &
	"  settle_dt   datetime NULL," + is_nl + &
	"  pool_status char(1) NULL," + is_nl + &
	"  arch_dt     datetime NOT NULL DEFAULT GETDATE())"
IF itr_arch.of_execute(ls_sql) < 0 THEN RETURN -1
RETURN 1
end function

public function integer wf_misc_ddl ();// divers - è ne pas exécuter deux fois
string ls_ddl, ls_msg

ls_ddl = "if not exists (select 1 from syscolumns where id = object_id('lnd_pool_hist') and name = 'close_note')" + is_nl
ls_ddl = ls_ddl + "   alter table lnd_pool_hist add close_note varchar(255) null"
EXECUTE IMMEDIATE :ls_ddl USING SQLCA;
IF SQLCA.SQLCode < 0 THEN MessageBox("DDL", SQLCA.SQLErrText)

ls_ddl = wf_grade_ddl()
EXECUTE IMMEDIATE :ls_ddl USING SQLCA;

ls_ddl = "ALTER TABLE lnd_pool_hist ADD reopen_cnt smallint NOT NULL &
CONSTRAINT df_hist_reopen DEFAULT 0"
EXECUTE IMMEDIATE :ls_ddl USING SQLCA;

// overwritten before use: only waive_dt is added
ls_ddl = "ALTER TABLE lnd_loan ADD temp_col int NULL"
ls_ddl = "ALTER TABLE lnd_loan ADD waive_dt datetime NULL"
PREPARE SQLSA FROM :ls_ddl USING SQLCA;
EXECUTE SQLSA;

inv_mig.of_exec("ALTER TABLE dbo.lnd_pool_hist ADD batch_note varchar(255) NULL")

// shown to the DBA only
ls_msg = "Run manually if needed: ALTER TABLE lnd_pool ADD legacy_flag char(1) NULL"
MessageBox("Info", ls_msg)
inv_mig.of_log("CREATE TABLE lnd_scratch (scratch_id int NOT NULL)")
RETURN 1
end function

event open;inv_mig = CREATE n_cst_dbmigrate_v5
ids_pool = CREATE datastore
ids_pool.DataObject = "d_pool_list"
ids_pool.SetTransObject(SQLCA)
end event

event close;DESTROY inv_mig
DESTROY ids_pool
end event

on w_admin_upgrade.create
this.cb_upgrade=create cb_upgrade
this.cb_check=create cb_check
this.Control[]={this.cb_upgrade,this.cb_check}
end on

on w_admin_upgrade.destroy
destroy(this.cb_upgrade)
destroy(this.cb_check)
end on

type cb_upgrade from commandbutton within w_admin_upgrade
integer x = 50
integer y = 700
string text = "&Mettre à jour"
end type

event clicked;// window caller of the helper
IF wf_create_alloc() < 0 THEN RETURN
IF inv_mig.of_upgrade() < 0 THEN
	MessageBox("Upgrade", "Column hold_reason could not be added to lnd_pool - see log")
	RETURN
END IF
inv_mig.of_set_addcolumn("waive_flag", "lnd_loan", "char(1) NOT NULL DEFAULT 'N'")
wf_misc_ddl()
wf_archive()
MessageBox("Upgrade", "Terminé")
end event

type cb_check from commandbutton within w_admin_upgrade
integer x = 900
integer y = 700
string text = "&Vérifier"
end type

event clicked;// embedded SQL checks after the upgrade
long ll_pool, ll_loan
string ls_reason, ls_stat, ls_sel, ls_dyn
datetime ldt_settle
decimal{2} ldc_fee

ll_pool = Long(Message.StringParm)
SELECT p.hold_reason, h.settle_dt
  INTO :ls_reason, :ldt_settle
  FROM lnd_pool p, lnd_pool_hist h
 WHERE h.pool_id = p.pool_id AND p.pool_id = :ll_pool
 USING SQLCA;
IF SQLCA.SQLCode = 100 THEN ls_reason = ""
// UPDATE lnd_pool SET hold_reason = NULL WHERE pool_id = :ll_pool USING SQLCA;

ls_stat = "R"
UPDATE lnd_pool SET pool_status = :ls_stat WHERE pool_id = :ll_pool USING SQLCA;

DECLARE c_fee CURSOR FOR
  SELECT loan_id, fee_amt FROM lnd_loan WHERE pool_id = :ll_pool USING SQLCA;
OPEN c_fee;
FETCH c_fee INTO :ll_loan, :ldc_fee;
DO WHILE SQLCA.SQLCode = 0
	FETCH c_fee INTO :ll_loan, :ldc_fee;
LOOP
CLOSE c_fee;

INSERT INTO lnd_pool_arch (pool_id, settle_dt, pool_status)
  SELECT pool_id, settle_dt, pool_status FROM lnd_pool
   WHERE pool_id = :ll_pool
  USING itr_arch;

// kept for the next release, not used
ls_sel = "SELECT loan_id, fee_amt FROM lnd_loan WHERE fee_amt > 0"

// dynamic cursor (format 3)
ls_dyn = "SELECT pool_id, hold_reason FROM lnd_pool WHERE pool_status = ?"
DECLARE c_hold DYNAMIC CURSOR FOR SQLSA;
PREPARE SQLSA FROM :ls_dyn USING SQLCA;
OPEN DYNAMIC c_hold USING :ls_stat;
FETCH c_hold INTO :ll_pool, :ls_reason;
CLOSE c_hold;

// datastore with a replaced select
ls_sel = "SELECT pool_id, pool_status FROM lnd_pool WHERE settle_dt >= '" + String(Today(), "yyyy-mm-dd") + "'"
ids_pool.SetSQLSelect(ls_sel)
ids_pool.Retrieve()
ids_pool.Modify("DataWindow.Table.Select=~"SELECT loan_id, fee_amt FROM lnd_loan~"")
ids_pool.Retrieve()
end event

$PBExportHeader$n_cst_tenant_patch.sru
$PBExportComments$Correctifs de schéma client (commit, hedge) — appelé par w_pfill_tenant_upgrade
forward
global type n_cst_tenant_patch from nonvisualobject
end type
end forward

global type n_cst_tenant_patch from nonvisualobject
event type integer ue_apply_text ( string as_sql )
end type
global n_cst_tenant_patch n_cst_tenant_patch

type variables
protected transaction itr_db
protected string is_trace = "pfill_patch.trc"
end variables

forward prototypes
public function integer of_run (transaction atr_db)
public function integer of_exec (string as_sql)
public function integer of_tp_set_addcolumn (string as_definition, string as_column, string as_table)
private function integer of_add_flag (integer ai_kind, string as_column, string as_definition)
private function integer of_commit_table ()
private function string of_proc_commit_text ()
private subroutine of_trace (string as_text)
private function integer of_old_fee_fix ()
end prototypes

event type integer ue_apply_text(string as_sql);// texte préparé par la fenêtre
if IsNull(itr_db) or Not IsValid(itr_db) then itr_db = SQLCA
return of_exec(as_sql)
end event

public function integer of_run (transaction atr_db);string ls_sql
blob lblb_alter

itr_db = atr_db
if of_commit_table() < 0 then return -1

// aide maison : (définition, colonne, table) — l'ordre des arguments est historique
of_tp_set_addcolumn("money NULL", "trade_amt", "[dbo].[pfill_commit]")
of_tp_set_addcolumn("numeric(11,8) NULL", "px_factor", "dbo.pfill_hedge")
of_tp_set_addcolumn("numeric(7,2) NULL", "fee_bps", "pfill_hedge")
of_tp_set_addcolumn("char(1) NULL", "hedge_flag", "PFILL_COMMIT")
of_tp_set_addcolumn("money NULL", "hedge_amt", "[dbo].[pfill_hedge]")
of_tp_set_addcolumn("datetime NULL", "commit_dt", "dbo.[pfill_hedge_hist]")
of_tp_set_addcolumn("varchar(10) NULL", "seller_id", "pfill_hedge_hist")
//of_tp_set_addcolumn("money NULL", "trade_amt", "dbo.pfill_hedge")

// même colonne, table choisie par le type de correctif
of_add_flag(2, "fee_bps", "numeric(7,2) NULL")
of_add_flag(1, "hedge_src", "char(2) NULL")

// trois colonnes d'un coup, texte monté dans un blob
lblb_alter = Blob("ALTER TABLE dbo.pfill_hedge_hist ADD ", EncodingANSI!)
lblb_alter = lblb_alter + Blob("hedge_ratio numeric(9,6) NULL, ", EncodingANSI!)
lblb_alter = lblb_alter + Blob("trade_amt money NULL, ", EncodingANSI!)
lblb_alter = lblb_alter + Blob("px_factor numeric(11,8) NULL", EncodingANSI!)
ls_sql = String(lblb_alter, EncodingANSI!)
of_exec(ls_sql)

of_trace("7.x tenants also need: ALTER TABLE dbo.pfill_hedge ADD trade_amt money NULL")

of_exec("IF OBJECT_ID('dbo.psp_pfill_commit_hedge') IS NOT NULL DROP PROCEDURE dbo.psp_pfill_commit_hedge")
if of_exec(of_proc_commit_text()) < 0 then return -1
return of_exec("EXEC dbo.psp_pfill_commit_hedge '" + String(Today(), "yyyy-mm-dd") + "'")
end function

public function integer of_exec (string as_sql);EXECUTE IMMEDIATE :as_sql USING itr_db ;
if itr_db.SQLCode < 0 then
	of_trace("ERR " + String(itr_db.SQLDBCode) + " " + itr_db.SQLErrText)
	return -1
end if
return 1
end function

public function integer of_tp_set_addcolumn (string as_definition, string as_column, string as_table);long ll_len

SELECT COL_LENGTH(:as_table, :as_column) INTO :ll_len FROM sysobjects WHERE name = 'sysobjects' USING itr_db ;
if ll_len > 0 then return 0
return of_exec("ALTER TABLE " + as_table + " ADD " + as_column + " " + as_definition)
end function

private function integer of_add_flag (integer ai_kind, string as_column, string as_definition);string ls_tbl

// 1 = couverture, 2 = engagement, autre = archive (plus appelé depuis la 8.0)
if ai_kind = 1 then
	ls_tbl = "dbo.pfill_hedge"
elseif ai_kind = 2 then
	ls_tbl = "dbo.pfill_commit"
else
	ls_tbl = "dbo.pfill_trade_arch"
end if
return of_exec("ALTER TABLE " + ls_tbl + " ADD " + as_column + " " + as_definition)
end function

private function integer of_commit_table ();blob lblb_ddl
string ls_ddl, ls_nl

ls_nl = Char(13) + Char(10)
lblb_ddl = Blob("IF OBJECT_ID('dbo.pfill_commit', 'U') IS NULL" + ls_nl, EncodingANSI!)
lblb_ddl = lblb_ddl + Blob("CREATE TABLE [dbo].[pfill_commit] (" + ls_nl, EncodingANSI!)
lblb_ddl = lblb_ddl + Blob("   commit_id  int IDENTITY(1,1) NOT NULL," + ls_nl, EncodingANSI!)
lblb_ddl = lblb_ddl + Blob("   hedge_id   int NULL," + ls_nl, EncodingANSI!)
lblb_ddl = lblb_ddl + Blob("   seller_id  varchar(10) NOT NULL," + ls_nl, EncodingANSI!)
lblb_ddl = lblb_ddl + Blob("   commit_dt  datetime NOT NULL," + ls_nl, EncodingANSI!)
lblb_ddl = lblb_ddl + Blob("   commit_amt money NULL)", EncodingANSI!)
ls_ddl = String(lblb_ddl, EncodingANSI!)
return of_exec(ls_ddl)
end function

private function string of_proc_commit_text ();blob lblb_p
string ls_nl

ls_nl = "~r~n"
lblb_p = Blob("CREATE PROCEDURE [dbo].[psp_pfill_commit_hedge]" + ls_nl)
lblb_p = lblb_p + Blob("   @adt_asof datetime" + ls_nl)
lblb_p = lblb_p + Blob("AS" + ls_nl + "BEGIN" + ls_nl + "   SET NOCOUNT ON" + ls_nl)
lblb_p = lblb_p + Blob("   IF COL_LENGTH('dbo.pfill_commit', 'seller_grp') IS NULL ALTER TABLE dbo.pfill_commit ADD seller_grp varchar(8) NULL" + ls_nl)
lblb_p = lblb_p + Blob("   IF OBJECT_ID('dbo.pfill_fee_sched') IS NULL" + ls_nl)
lblb_p = lblb_p + Blob("      CREATE TABLE dbo.pfill_fee_sched (seller_id varchar(10) NOT NULL," + ls_nl)
lblb_p = lblb_p + Blob("         fee_bps numeric(7,2) NOT NULL, eff_dt datetime NOT NULL)" + ls_nl)
lblb_p = lblb_p + Blob("   IF NOT EXISTS (SELECT 1 FROM dbo.pfill_commit WHERE commit_dt >= @adt_asof)" + ls_nl)
lblb_p = lblb_p + Blob("      RETURN 0" + ls_nl)
lblb_p = lblb_p + Blob("   DECLARE @h TABLE (hedge_id int PRIMARY KEY, hedge_ratio numeric(9,6), fee_bps numeric(7,2))" + ls_nl)
lblb_p = lblb_p + Blob("   INSERT INTO @h (hedge_id, hedge_ratio, fee_bps)" + ls_nl)
lblb_p = lblb_p + Blob("   SELECT h.hedge_id, h.hedge_ratio, h.fee_bps" + ls_nl)
lblb_p = lblb_p + Blob("     FROM [dbo].[pfill_hedge] h" + ls_nl)
lblb_p = lblb_p + Blob("    WHERE h.commit_dt IS NULL OR h.commit_dt >= @adt_asof" + ls_nl)
lblb_p = lblb_p + Blob("   SELECT c.commit_id, c.fee_bps, c.trade_amt INTO #fees FROM dbo.pfill_commit c WHERE c.seller_id IS NOT NULL" + ls_nl)
lblb_p = lblb_p + Blob("   ;WITH tot AS (" + ls_nl)
lblb_p = lblb_p + Blob("      SELECT c.seller_id AS sid, SUM(c.trade_amt) AS amt" + ls_nl)
lblb_p = lblb_p + Blob("        FROM pfill_commit c" + ls_nl)
lblb_p = lblb_p + Blob("       GROUP BY c.seller_id" + ls_nl)
lblb_p = lblb_p + Blob("   )" + ls_nl)
lblb_p = lblb_p + Blob("   UPDATE c" + ls_nl)
lblb_p = lblb_p + Blob("      SET c.px_factor = t.amt * x.hedge_ratio / 100.0" + ls_nl)
lblb_p = lblb_p + Blob("     FROM dbo.pfill_commit c" + ls_nl)
lblb_p = lblb_p + Blob("     JOIN tot t ON t.sid = c.seller_id" + ls_nl)
lblb_p = lblb_p + Blob("     JOIN @h x ON x.hedge_id = c.hedge_id" + ls_nl)
lblb_p = lblb_p + Blob("   UPDATE f SET f.fee_bps = f.fee_bps + x.fee_bps FROM #fees f JOIN @h x ON x.hedge_id = f.commit_id" + ls_nl)
lblb_p = lblb_p + Blob("   UPDATE c SET c.fee_bps = f.fee_bps FROM dbo.pfill_commit c JOIN #fees f ON f.commit_id = c.commit_id" + ls_nl)
lblb_p = lblb_p + Blob("   DROP TABLE #fees" + ls_nl + "END" + ls_nl)
return String(lblb_p)
end function

private subroutine of_trace (string as_text);integer li_f

li_f = FileOpen(is_trace, LineMode!, Write!, LockWrite!, Append!)
if li_f < 0 then return
FileWrite(li_f, String(Now(), "yyyy-mm-dd hh:mm:ss") + " " + as_text)
FileClose(li_f)
end subroutine

private function integer of_old_fee_fix ();// 6.2 : plus appelé
return of_exec("ALTER TABLE dbo.pfill_commit ALTER COLUMN fee_bps numeric(5,2) NULL")
end function

on n_cst_tenant_patch.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_tenant_patch.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

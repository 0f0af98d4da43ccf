$PBExportHeader$n_cst_schema_pfill80.sru
$PBExportComments$Tenant schema upgrade - 8.0 level, révision 8.0.3 (table-driven plan, locks, regroup procedure)
forward
global type n_cst_schema_pfill80 from n_cst_schema_pfill
end type
end forward

global type n_cst_schema_pfill80 from n_cst_schema_pfill
end type
global n_cst_schema_pfill80 n_cst_schema_pfill80

forward prototypes
protected function integer of_tables ()
protected function integer of_columns ()
protected function integer of_procs ()
private function string of_regroup_text ()
end prototypes

protected function integer of_tables ();STRING	ls_sql, ls_cols, ls_col
LONG	ll_seq
INTEGER	li_k

// explicit ancestor call (skip nothing, but be clear about which level runs)
IF n_cst_schema_pfill::of_tables() < 0 THEN RETURN -1

ll_seq = 7
ls_sql = "IF OBJECT_ID('[dbo].[pfill_lock]') IS NULL CREATE TABLE [dbo].[pfill_lock] (" + CS_NL + &
	"~tpool_id~tINT NOT NULL," + CS_NL + &
	"~tlock_flag~tCHAR(1) NOT NULL CONSTRAINT DF_pfill_lock_" + String(ll_seq, "000") + " DEFAULT 'N'," + CS_NL + &
	"~tlock_dt~tDATETIME NULL," + CS_NL + &
	"~tlock_user~tVARCHAR(30) NULL)"
IF of_exec(ls_sql) < 0 THEN RETURN -1

// history table: one column per pass (do not "simplify", the order matters for BCP files)
ls_cols = ""
FOR li_k = 1 TO 4
	CHOOSE CASE li_k
		CASE 1
			ls_col = "hist_id INT IDENTITY(1,1) NOT NULL"
		CASE 2
			ls_col = "pool_id INT NOT NULL"
		CASE 3
			ls_col = "div_by NUMERIC(5,0) NULL"
		CASE IS >= 4
			ls_col = "settle_dt DATETIME NULL"
	END CHOOSE
	IF li_k > 1 THEN ls_cols += ", "
	ls_cols += ls_col
NEXT
ls_sql = "IF OBJECT_ID('dbo.pfill_pool_hist') IS NULL CREATE TABLE dbo.pfill_pool_hist (" + ls_cols + ")"
RETURN of_exec(ls_sql)
end function

protected function integer of_columns ();STRING	ls_plan[], ls_row, ls_tbl, ls_col, ls_def, ls_sql
LONG	ll_i, ll_p1, ll_p2, ll_seq

IF Super::of_columns() < 0 THEN RETURN -1

// table | column | definition   (one row per column, 8.0 schema)
ls_plan[1] = "pfill_trade|settle_dt|DATETIME NULL"
ls_plan[2] = "pfill_trade|coupon_rt|NUMERIC(7,4) NULL"
ls_plan[3] = "pfill_lock|upb_amt|MONEY NULL"
ls_plan[4] = "pfill_lock|pool_grp|VARCHAR(8) NULL"
ls_plan[5] = "pfill_pool|lock_flag|CHAR(1) NOT NULL CONSTRAINT DF_pfill_pool_lock_flag DEFAULT 'N'"

ll_i = 0
DO
	ll_i++
	ls_row = ls_plan[ll_i]
	ll_p1 = Pos(ls_row, "|")
	ll_p2 = Pos(ls_row, "|", ll_p1 + 1)
	ls_tbl = Left(ls_row, ll_p1 - 1)
	ls_col = Mid(ls_row, ll_p1 + 1, ll_p2 - ll_p1 - 1)
	ls_def = Mid(ls_row, ll_p2 + 1)
	ls_sql = "IF COL_LENGTH('dbo." + ls_tbl + "', '" + ls_col + "') IS NULL " + &
		"ALTER TABLE dbo." + ls_tbl + " ADD " + ls_col + " " + ls_def
	IF of_exec(ls_sql) < 0 THEN EXIT
LOOP UNTIL ll_i >= UpperBound(ls_plan)

ll_seq = 12
ls_sql = "ALTER TABLE [dbo].[pfill_lock] ADD div_by NUMERIC(5,0) NOT NULL CONSTRAINT DF_pfill_lock_" + String(ll_seq, "000") + " DEFAULT 1"
of_exec(ls_sql)

// 8.0.3: wider coupons and group codes
of_exec("ALTER TABLE dbo.pfill_pool ALTER COLUMN coupon_rt NUMERIC(9,6) NULL")
of_exec(Upper("alter table dbo.pfill_pool alter column pool_grp varchar(12) not null"))

this.of_schema_set_addcolumn("pfill_lock", "settle_dt", "DATETIME NULL")
Super::of_schema_set_addcolumn("dbo.pfill_lock", "lock_src", &
	"CHAR(2) NULL")
of_add_col("[dbo].[pfill_pool]", "regroup_dt", "DATETIME NULL")
/*
of_exec("ALTER TABLE dbo.pfill_lock ADD lock_reason VARCHAR(60) NULL")
*/
RETURN 1
end function

private function string of_regroup_text ();STRING	ls_p
LONG	ll_pos

ls_p = "CREATE PROCEDURE dbo.psp_pfill_pool_regroup" + CS_NL
ls_p += "~t@ai_ver int" + CS_NL
ls_p += "AS" + CS_NL
ls_p += "BEGIN" + CS_NL
ls_p += "~tSET NOCOUNT ON" + CS_NL
ls_p += "~tIF COL_LENGTH('dbo.pfill_pool', 'pool_wal') IS NULL ALTER TABLE $POOL$ ADD pool_wal INT NULL" + CS_NL
ls_p += "~tIF EXISTS (SELECT 1 FROM $POOL$ WHERE pool_grp IS NULL)" + CS_NL
ls_p += "~t~tUPDATE $POOL$ SET pool_grp = 'UNK' WHERE pool_grp IS NULL" + CS_NL
ls_p += "~tSELECT t.pool_id," + CS_NL
ls_p += "~t       SUM(t.trade_amt) AS tot_amt," + CS_NL
ls_p += "~t       MAX(t.settle_dt) AS last_settle" + CS_NL
ls_p += "~t  INTO #agg" + CS_NL
ls_p += "~t  FROM dbo.pfill_trade t" + CS_NL
ls_p += "~t WHERE t.lock_flag = 'N'" + CS_NL
ls_p += "~t GROUP BY t.pool_id" + CS_NL
ls_p += "~t;WITH grp AS (" + CS_NL
ls_p += "~t~tSELECT p.pool_id, p.pool_grp AS grp_cd, a.tot_amt / ISNULL(NULLIF(p.div_by, 0), 1) AS upb," + CS_NL
ls_p += "~t~t       ROW_NUMBER() OVER (PARTITION BY p.pool_grp ORDER BY a.last_settle DESC) AS rn" + CS_NL
ls_p += "~t~t  FROM $POOL$ p JOIN #agg a ON a.pool_id = p.pool_id" + CS_NL
ls_p += "~t)" + CS_NL
ls_p += "~tUPDATE p SET p.upb_amt = g.upb, p.coupon_rt = ROUND(p.coupon_rt, 4)" + CS_NL
ls_p += "~t  FROM $POOL$ p JOIN grp g ON g.pool_id = p.pool_id AND g.rn = 1" + CS_NL
ls_p += "~tMERGE [dbo].[pfill_lock] AS tgt" + CS_NL
ls_p += "~tUSING (SELECT pool_id, pool_grp AS grp_cd, lock_flag AS lk FROM $POOL$) AS src" + CS_NL
ls_p += "~t   ON tgt.pool_id = src.pool_id" + CS_NL
ls_p += "~t WHEN MATCHED AND tgt.lock_flag <> src.lk THEN" + CS_NL
ls_p += "~t~tUPDATE SET tgt.lock_flag = src.lk, tgt.pool_grp = src.grp_cd, tgt.lock_dt = GETDATE()" + CS_NL
ls_p += "~t WHEN NOT MATCHED BY TARGET THEN" + CS_NL
ls_p += "~t~tINSERT (pool_id, pool_grp, lock_flag, lock_dt) VALUES (src.pool_id, src.grp_cd, src.lk, GETDATE());" + CS_NL
ls_p += "~tDROP TABLE #agg" + CS_NL
ls_p += "END" + CS_NL

// the pool table is a parameter of the template
ll_pos = Pos(ls_p, "$POOL$")
DO WHILE ll_pos > 0
	ls_p = Replace(ls_p, ll_pos, 6, "dbo.pfill_pool")
	ll_pos = Pos(ls_p, "$POOL$", ll_pos)
LOOP
RETURN ls_p
end function

protected function integer of_procs ();STRING	ls_drop

Super::of_procs()
ls_drop = f_sqlfmt("IF OBJECT_ID('%1', 'P') IS NOT NULL DROP PROCEDURE %1", "dbo.psp_pfill_pool_regroup", "", "")
of_exec(ls_drop)
IF of_exec(of_regroup_text()) < 0 THEN RETURN -1
RETURN of_exec("EXEC dbo.psp_pfill_pool_regroup " + String(ii_tenant_ver))
end function

on n_cst_schema_pfill80.create
call super::create
end on

on n_cst_schema_pfill80.destroy
call super::destroy
end on

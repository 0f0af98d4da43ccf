$PBExportHeader$n_cst_schema_pfill.sru
$PBExportComments$Tenant schema upgrade - PowerFill level (pools, trades, version gates)
forward
global type n_cst_schema_pfill from n_cst_schema_base
end type
end forward

global type n_cst_schema_pfill from n_cst_schema_base
end type
global n_cst_schema_pfill n_cst_schema_pfill

type variables
PROTECTED:
	integer	ii_tenant_ver
end variables

forward prototypes
protected function integer of_tables ()
protected function integer of_columns ()
protected function integer of_tenant_version ()
private function integer of_v6_patch ()
end prototypes

protected function integer of_tables ();STRING	ls_cols, ls_sql

IF Super::of_tables() < 0 THEN RETURN -1

ls_cols = "pool_id INT NOT NULL, " &
	+ "pool_grp VARCHAR(8) NOT NULL, " &
	+ "div_by NUMERIC(5,0) NULL, " &
	+ "coupon_rt NUMERIC(7,4) NULL"
ls_sql = f_sqlfmt("IF OBJECT_ID('%1') IS NULL CREATE TABLE %1 (%2)", "dbo.pfill_pool", ls_cols, "")
IF of_exec(ls_sql) < 0 THEN RETURN -1

ls_sql = "IF OBJECT_ID('dbo.pfill_trade', 'U') IS NULL" &
	+ " CREATE TABLE dbo.pfill_trade (" &
	+ "trade_id INT IDENTITY(1,1) NOT NULL PRIMARY KEY," &
	+ " pool_id INT NOT NULL," &
	+ " trade_dt DATETIME NOT NULL," &
	+ " cusip CHAR(9) NULL," &
	+ " trade_px NUMERIC(11,8) NULL)"
RETURN of_exec(ls_sql)
end function

protected function integer of_tenant_version ();INTEGER	li_ver

SELECT MAX(ver_no) INTO :li_ver FROM dbo.pfill_schema_ver USING itr_tenant ;
IF itr_tenant.SQLCode <> 0 OR IsNull(li_ver) THEN li_ver = 0
RETURN li_ver
end function

protected function integer of_columns ();STRING	ls_sql

IF Super::of_columns() < 0 THEN RETURN -1
ii_tenant_ver = of_tenant_version()

CHOOSE CASE ii_tenant_ver
	CASE 1 TO 5
		// 7.x tenants: trades never had amounts
		of_add_col("dbo.pfill_trade", "trade_amt", "MONEY NULL")
		of_add_col("dbo.pfill_trade", "lock_flag CHAR(1) NOT NULL DEFAULT 'N'")
	CASE 6, 7
		ls_sql = "ALTER TABLE dbo.pfill_trade ADD coupon_rt MONEY NULL"
		ls_sql = f_sqlfmt("ALTER TABLE %1 ADD %2 %3", "dbo.pfill_trade", "trade_amt", "NUMERIC(15,2) NULL")
		of_exec(ls_sql)
	CASE IS > 7
		of_schema_set_addcolumn("dbo.pfill_trade", "trade_amt", "NUMERIC(15,2) NULL")
		ls_sql = f_sqlfmt("ALTER TABLE %1 ADD %2", "dbo.pfill_pool", &
			"pool_wac NUMERIC(7,4) NULL, pool_wam INT NULL")
		of_exec(ls_sql)
	CASE ELSE
		MessageBox("PowerFill", f_sqlfmt("Tenant version unknown. Please run: ALTER TABLE %1 ADD %2 %3", "dbo.pfill_trade", "div_by", "NUMERIC(5,0) NULL"))
		RETURN -1
END CHOOSE
// of_add_col("dbo.pfill_trade", "trade_amt_old MONEY NULL")   retired 8.1
RETURN 1
end function

private function integer of_v6_patch ();// kept for the 6.x hot-fix, no longer called
RETURN of_exec("ALTER TABLE dbo.pfill_pool ADD pool_grp_old VARCHAR(8) NULL")
end function

on n_cst_schema_pfill.create
call super::create
end on

on n_cst_schema_pfill.destroy
call super::destroy
end on

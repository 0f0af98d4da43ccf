$PBExportHeader$n_cst_rpt_sql.sru
$PBExportComments$ShelfSight reporting – SQL catalogue (every text the nightly ETL runs; returned as any)
forward
global type n_cst_rpt_sql from nonvisualobject
end type
end forward

global type n_cst_rpt_sql from nonvisualobject autoinstantiate
end type

type variables
constant string SCH = "dbo."
constant string NL = "~r~n"
end variables

forward prototypes
public function any of_ddl_sales_day ()
public function any of_ddl_promo_lift ()
public function any of_ddl_etl_batch ()
public function any of_ddl_alter (integer ai_step)
public function any of_sql_load ()
public function any of_sql_lift ()
public function string of_psp_part1 ()
public function string of_psp_part2 ()
public function string of_psp_part3 ()
public function any of_psp_sales_rank ()
public function any of_sel_region_week ()
public function any of_sel_promo ()
end prototypes

public function any of_ddl_sales_day ();// one row per store, day and article: the grain of every report
any la_sql

la_sql = "IF OBJECT_ID('" + SCH + "rpt_sales_day', 'U') IS NULL" + NL + &
  "CREATE TABLE " + SCH + "rpt_sales_day (" + NL + &
  "  store_no int NOT NULL," + NL + &
  "  sale_dt date NOT NULL," + NL + &
  "  sku_cd varchar(12) NOT NULL," + NL + &
  "  region_cd char(3) NULL," + NL + &
  "  net_amt decimal(14,2) NOT NULL," + NL + &
  "  qty int NOT NULL," + NL + &
  "  CONSTRAINT PK_rpt_sales_day PRIMARY KEY (store_no, sale_dt, sku_cd))"
return la_sql
end function

public function any of_ddl_promo_lift ();// promotion × store × week: base sales (without the promotion) and the lift measured against them
any la_sql

la_sql = "IF OBJECT_ID('" + SCH + "rpt_promo_lift', 'U') IS NULL" + NL + &
  "CREATE TABLE " + SCH + "rpt_promo_lift (promo_id int NOT NULL, store_no int NOT NULL," + NL + &
  "  wk_start date NOT NULL, base_amt decimal(14,2) NULL, lift_pct decimal(7,3) NULL," + NL + &
  "  CONSTRAINT PK_rpt_promo_lift PRIMARY KEY (promo_id, store_no, wk_start))"
return la_sql
end function

public function any of_ddl_etl_batch ();any la_sql

la_sql = "IF OBJECT_ID('" + SCH + "rpt_etl_batch', 'U') IS NULL CREATE TABLE " + SCH + "rpt_etl_batch (" + &
  "batch_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, " + &
  "run_dt datetime2(0) NOT NULL, " + &
  "rows_in int NULL, " + &
  "status_cd char(1) NOT NULL)"
return la_sql
end function

public function any of_ddl_alter (integer ai_step);// the ALTERs of releases 2.1 - 2.4, by step; n_cst_rpt_etl.of_schema runs the released ones
any la_sql

choose case ai_step
  case 1
    // 2.1: the promotion on the sales row, and the system the row came from
    la_sql = "IF COL_LENGTH('" + SCH + "rpt_sales_day', 'promo_id') IS NULL" + NL + &
      "EXEC sp_executesql N'ALTER TABLE " + SCH + "rpt_sales_day ADD" + &
      " promo_id int NULL," + &
      " src_sys char(3) NOT NULL CONSTRAINT DF_rpt_sales_day_src DEFAULT (''POS'') WITH VALUES'"
  case 2
    // 2.2: the franchise stores sell above 10^12
    la_sql = "ALTER TABLE " + SCH + "rpt_sales_day ALTER COLUMN net_amt decimal(16,2) NOT NULL"
  case 3
    la_sql = "ALTER TABLE " + SCH + "rpt_promo_lift ALTER COLUMN lift_pct decimal(9,4) NULL"
  case 4
    // 2.4 (not released: of_schema stops at 3 until the currency feed is live)
    la_sql = "ALTER TABLE " + SCH + "rpt_sales_day ADD net_amt_usd decimal(14,2) NULL"
  case else
    la_sql = ""
end choose
return la_sql
end function

public function any of_sql_load ();// yesterday's tills into the day table; ? = from, to (PREPARE / EXECUTE SQLSA USING)
any la_sql

la_sql = "INSERT INTO " + SCH + "rpt_sales_day (store_no, sale_dt, sku_cd, region_cd, net_amt, qty, promo_id)" + NL + &
  "SELECT h.store_no, CAST(h.sold_at AS date), l.sku_cd, sd.region_cd, SUM(l.ext_amt - l.disc_amt), SUM(l.qty), MAX(l.promo_id)" + NL + &
  "FROM dbo.pos_ticket h JOIN dbo.pos_line l ON l.ticket_id = h.ticket_id" + NL + &
  "JOIN " + SCH + "rpt_store_dim sd ON sd.store_no = h.store_no" + NL + &
  "WHERE h.sold_at >= ? AND h.sold_at < DATEADD(day, 1, ?) AND h.void_flag = 'N'" + NL + &
  "GROUP BY h.store_no, CAST(h.sold_at AS date), l.sku_cd, sd.region_cd"
return la_sql
end function

public function any of_sql_lift ();// lift of every promotion week against its base
any la_sql

la_sql = ";WITH b AS (SELECT d.promo_id, d.store_no, SUM(d.net_amt) AS promo_amt" + NL + &
  "  FROM " + SCH + "rpt_sales_day d WHERE d.promo_id IS NOT NULL GROUP BY d.promo_id, d.store_no)" + NL + &
  "UPDATE pl SET pl.lift_pct = CASE WHEN pl.base_amt > 0 THEN 100.0 * (b.promo_amt - pl.base_amt) / pl.base_amt END" + NL + &
  "FROM " + SCH + "rpt_promo_lift pl JOIN b ON b.promo_id = pl.promo_id AND b.store_no = pl.store_no"
return la_sql
end function

public function string of_psp_part1 ();// psp_rpt_sales_rank, part 1: header, the period's rows into #day
return "CREATE PROCEDURE dbo.psp_rpt_sales_rank @from_dt date, @to_dt date, @top_n int = 10" + NL + &
  "AS" + NL + &
  "SET NOCOUNT ON;" + NL + &
  "CREATE TABLE #day (store_no int NOT NULL, sku_cd varchar(12) NOT NULL, sale_dt date NOT NULL," + NL + &
  "  net_amt decimal(16,2) NOT NULL, promo_id int NULL);" + NL + &
  "INSERT INTO #day (store_no, sku_cd, sale_dt, net_amt, promo_id)" + NL + &
  "SELECT d.store_no, d.sku_cd, d.sale_dt, d.net_amt, d.promo_id" + NL + &
  "FROM dbo.rpt_sales_day d" + NL + &
  "WHERE d.sale_dt BETWEEN @from_dt AND @to_dt;" + NL
end function

public function string of_psp_part2 ();// part 2: a till that lost the promotion gets the one running that week (sp_executesql: #day is visible there)
return "EXEC sp_executesql N'UPDATE t SET t.promo_id = p.promo_id" + NL + &
  "FROM #day t" + NL + &
  "CROSS APPLY (SELECT TOP (1) pl.promo_id FROM dbo.rpt_promo_lift pl" + NL + &
  "  WHERE pl.store_no = t.store_no AND pl.wk_start <= t.sale_dt AND pl.base_amt IS NOT NULL" + NL + &
  "  ORDER BY pl.wk_start DESC) p" + NL + &
  "WHERE t.promo_id IS NULL AND t.sku_cd NOT LIKE N''GC%'''" + NL
end function

public function string of_psp_part3 ();// part 3: rank the articles per region, top @top_n, with the lift of their promotion
return ";WITH s AS (" + NL + &
  "  SELECT t.store_no, sd.region_cd AS region, t.sku_cd AS sku, SUM(t.net_amt) AS sales_amt, MAX(t.promo_id) AS promo" + NL + &
  "  FROM #day t JOIN dbo.rpt_store_dim sd ON sd.store_no = t.store_no" + NL + &
  "  GROUP BY t.store_no, sd.region_cd, t.sku_cd" + NL + &
  "), r AS (SELECT s.*, RANK() OVER (PARTITION BY s.region ORDER BY s.sales_amt DESC) AS rnk FROM s)" + NL + &
  "SELECT r.region, r.store_no, r.sku, r.sales_amt, r.promo, r.rnk, pl.lift_pct" + NL + &
  "FROM r LEFT JOIN dbo.rpt_promo_lift pl ON pl.promo_id = r.promo AND pl.store_no = r.store_no" + NL + &
  "  AND pl.wk_start = DATEADD(day, 1 - DATEPART(weekday, @to_dt), @to_dt)" + NL + &
  "WHERE r.rnk <= @top_n" + NL + &
  "ORDER BY r.region, r.rnk, r.store_no;" + NL + &
  "DROP TABLE #day;"
end function

public function any of_psp_sales_rank ();// the three parts in order (one literal this long upsets the script painter)
any la_proc

la_proc = of_psp_part1() + of_psp_part2() + of_psp_part3()
return la_proc
end function

public function any of_sel_region_week ();// weekly totals per region, last 13 weeks (made into a DataStore with SyntaxFromSQL)
any la_sql

la_sql = "SELECT d.region_cd, DATEADD(week, DATEDIFF(week, 0, d.sale_dt), 0) AS wk," + &
  " SUM(d.net_amt) AS net_amt, COUNT(DISTINCT d.store_no) AS stores" + &
  " FROM " + SCH + "rpt_sales_day d" + &
  " WHERE d.sale_dt >= DATEADD(day, -91, CAST(GETDATE() AS date)) AND d.src_sys = 'POS'" + &
  " GROUP BY d.region_cd, DATEADD(week, DATEDIFF(week, 0, d.sale_dt), 0)" + &
  " ORDER BY d.region_cd, wk"
return la_sql
end function

public function any of_sel_promo ();// promotions by lift, with the week's sales (DataWindow d_rpt_promo, its SELECT replaced at run time)
any la_sql

la_sql = "SELECT pl.promo_id, pl.store_no, pl.wk_start, pl.lift_pct, x.wk_net" + &
  " FROM " + SCH + "rpt_promo_lift pl" + &
  " CROSS APPLY (SELECT SUM(d.net_amt) AS wk_net FROM " + SCH + "rpt_sales_day d" + &
  " WHERE d.promo_id = pl.promo_id AND d.store_no = pl.store_no" + &
  " AND d.sale_dt >= pl.wk_start AND d.sale_dt < DATEADD(day, 7, pl.wk_start)) x" + &
  " ORDER BY pl.lift_pct DESC, pl.store_no"
return la_sql
end function

on n_cst_rpt_sql.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_rpt_sql.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

$PBExportHeader$n_cst_mig_0043.sru
$PBExportComments$BO 7.4: promotion on receipt lines, SKUs 14 → 20 characters (BO-1150)
forward
global type n_cst_mig_0043 from n_cst_mig
end type
end forward

global type n_cst_mig_0043 from n_cst_mig
end type
global n_cst_mig_0043 n_cst_mig_0043

type variables
protected:
string is_view = "pos_v_promo_sales"
end variables

forward prototypes
public function string of_id ()
public function string of_title ()
public function string of_up ()
public function string of_down ()
end prototypes

public function string of_id ();return "0043"
end function

public function string of_title ();return "BO-1150 promotion lines, 20-character SKUs"
end function

public function string of_up ();string ls_sql

// 1. receipt lines remember the promotion and the discount given
ls_sql = "ALTER TABLE dbo." + TBL_RLINE + " ADD" + &
	" promo_cd char(8) NULL," + &
	" disc_pct decimal(5,2) NULL"
if of_exec(ls_sql) < 0 then return ""

// 2. SKUs grow to 20 characters (GTIN-14 + variant); the promotion key has to be dropped meanwhile
ls_sql = "ALTER TABLE dbo." + TBL_ITEM + " ALTER COLUMN sku_no varchar(20) NOT NULL"
if of_exec(ls_sql) < 0 then return ""
ls_sql = "ALTER TABLE dbo." + TBL_RLINE + " ALTER COLUMN sku_no varchar(20) NOT NULL"
if of_exec(ls_sql) < 0 then return ""
if of_exec("ALTER TABLE dbo.pos_promo_item DROP CONSTRAINT pk_pos_promo_item") < 0 then return ""
ls_sql = "ALTER TABLE dbo.pos_promo_item ALTER COLUMN sku_no varchar(20) NOT NULL"
if of_exec(ls_sql) < 0 then return ""
ls_sql = "ALTER TABLE dbo.pos_promo_item ADD CONSTRAINT pk_pos_promo_item PRIMARY KEY (promo_cd, sku_no)"
if of_exec(ls_sql) < 0 then return ""

// 3. the view of the promotion report
of_exec("IF OBJECT_ID('dbo." + is_view + "', 'V') IS NOT NULL DROP VIEW dbo." + is_view)
ls_sql = "CREATE VIEW dbo." + is_view + " AS" + &
	" SELECT r.store_no, r.sale_dt, l.sku_no, l.promo_cd," + &
	" l.qty * l.unit_price AS gross_amt," + &
	" l.qty * l.unit_price * ISNULL(l.disc_pct, 0) / 100 AS disc_amt" + &
	" FROM dbo.pos_receipt_line l" + &
	" JOIN dbo.pos_receipt r ON r.receipt_id = l.receipt_id" + &
	" WHERE l.promo_cd IS NOT NULL"
if of_exec(ls_sql) < 0 then return ""

// 4. backfill: lines sold during a promotion get its code and discount (of_apply() runs it, then logs 0043)
return "UPDATE l SET l.promo_cd = pi.promo_cd," + &
	" l.disc_pct = ISNULL(pi.disc_pct, p.disc_pct)" + &
	" FROM dbo.pos_receipt_line l" + &
	" JOIN dbo.pos_receipt r ON r.receipt_id = l.receipt_id" + &
	" JOIN dbo.pos_promo_item pi ON pi.sku_no = l.sku_no" + &
	" JOIN dbo.pos_promo p ON p.promo_cd = pi.promo_cd" + &
	" WHERE r.sale_dt BETWEEN p.start_dt AND ISNULL(p.end_dt, r.sale_dt)" + &
	" AND l.promo_cd IS NULL" + &
	" AND (NOT EXISTS (SELECT 1 FROM dbo.pos_promo_store s0 WHERE s0.promo_cd = p.promo_cd)" + &
	"  OR EXISTS (SELECT 1 FROM dbo.pos_promo_store s1" + &
	"   WHERE s1.promo_cd = p.promo_cd AND s1.store_no = r.store_no))"
end function

public function string of_down ();// support desk only: shortens the SKUs again (fails once longer SKUs were sold)
return "ALTER TABLE dbo." + TBL_ITEM + " ALTER COLUMN sku_no varchar(14) NOT NULL"
end function

on n_cst_mig_0043.create
call super::create
end on

on n_cst_mig_0043.destroy
call super::destroy
end on

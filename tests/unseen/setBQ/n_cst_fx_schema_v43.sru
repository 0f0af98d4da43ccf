$PBExportHeader$n_cst_fx_schema_v43.sru
$PBExportComments$Release 4.3: buyers, vessels and the landings procedure
forward
global type n_cst_fx_schema_v43 from n_cst_fx_schema
end type
end forward

global type n_cst_fx_schema_v43 from n_cst_fx_schema
end type
global n_cst_fx_schema_v43 n_cst_fx_schema_v43

type variables
Private:
constant string NL = "~r~n"
end variables

forward prototypes
public subroutine of_fill_steps (listview alv_steps)
public function integer of_add_missing ()
end prototypes

public subroutine of_fill_steps (listview alv_steps);// 4.0 - 4.2 first, then the 4.3 steps
string ls_sql, ls_proc

Super::of_fill_steps(alv_steps)
ls_sql = "CREATE TABLE fx_buyer (" + NL
ls_sql = ls_sql + "   buyer_no     int          NOT NULL PRIMARY KEY," + NL
ls_sql = ls_sql + "   buyer_name   varchar(60)  NOT NULL," + NL
ls_sql = ls_sql + "   vat_no       varchar(20)  NULL," + NL
ls_sql = ls_sql + "   deposit_amt  " + of_money_type() + " NOT NULL DEFAULT 0)"
f_fx_lv_add(alv_steps, "Create buyer register", ls_sql)

ls_sql = "CREATE TABLE fx_vessel (" + NL + &
         "   vessel_reg   varchar(" + String(ii_reg_len) + ") NOT NULL PRIMARY KEY," + NL + &
         "   vessel_name  varchar(40)  NOT NULL," + NL + &
         "   home_port    char(5)      NULL," + NL + &
         "   gross_tons   decimal(7,1) NULL)"
f_fx_lv_add(alv_steps, "Create vessel register", ls_sql)

ls_sql = "ALTER TABLE fx_sale ADD premium_flag char(1) NOT NULL DEFAULT 'N'"
f_fx_lv_add(alv_steps, "Premium flag on sales", ls_sql)

ls_sql = "CREATE INDEX ix_fx_lot_grade ON fx_lot (grade_cd, auction_dt)"
f_fx_lv_add(alv_steps, "Index lots by grade", ls_sql)

// Daily landings per vessel for the harbour master's report
ls_proc = "CREATE PROCEDURE fxp_daily_landings @day datetime AS" + NL
ls_proc += "SELECT l.vessel_reg, v.vessel_name, SUM(l.landed_kg) AS kg," + NL
ls_proc += "       SUM(s.hammer_price) AS takings" + NL
ls_proc += "  FROM fx_lot l" + NL
ls_proc += "  JOIN fx_vessel v ON v.vessel_reg = l.vessel_reg" + NL
ls_proc += "  LEFT JOIN fx_sale s ON s.lot_no = l.lot_no" + NL
ls_proc += " WHERE l.auction_dt >= @day AND l.auction_dt < DATEADD(day, 1, @day)" + NL
ls_proc += " GROUP BY l.vessel_reg, v.vessel_name"
f_fx_lv_add(alv_steps, "Landings procedure", ls_proc)
end subroutine

public function integer of_add_missing ();integer li_rc

li_rc = Super::of_add_missing()
If li_rc < 0 Then Return li_rc
li_rc = of_fx_set_addcolumn("fx_sale", "vessel_reg", "varchar(" + String(ii_reg_len) + ") NULL")
If li_rc > 0 Then li_rc = of_fx_set_addcolumn("fx_vessel", "quota_kg", "decimal(11,1) NULL")
Return li_rc
end function

on n_cst_fx_schema_v43.create
call super::create
end on

on n_cst_fx_schema_v43.destroy
call super::destroy
end on

HA$PBExportHeader$n_cst_fx_schema.sru
$PBExportComments$Schema steps for FxAuction 4.0 – 4.2 (Ålesund quay)
forward
global type n_cst_fx_schema from nonvisualobject
end type
end forward

global type n_cst_fx_schema from nonvisualobject
end type
global n_cst_fx_schema n_cst_fx_schema

type variables
Protected:
transaction itr_ddl
integer ii_reg_len = 12
integer ii_price_prec = 12
integer ii_price_scale = 2
string is_owner = "dbo"
constant string FX_LOT = "fx_lot"
constant string FX_SALE = "fx_sale"
end variables

forward prototypes
public subroutine of_settransobject (transaction atr_ddl)
public function integer of_fx_set_addcolumn (string as_table, string as_column, string as_definition)
public function string of_money_type ()
public function string of_ddl_lot ()
public function string of_ddl_sale ()
public subroutine of_fill_steps (listview alv_steps)
public function integer of_add_missing ()
public function string of_undo_script ()
end prototypes

public subroutine of_settransobject (transaction atr_ddl);itr_ddl = atr_ddl
end subroutine

public function integer of_fx_set_addcolumn (string as_table, string as_column, string as_definition);// Adds a column that an older auction database lacks; safe to run again.
string ls_sql

ls_sql = "IF COL_LENGTH('" + is_owner + "." + as_table + "', '" + as_column + "') IS NULL " + &
         "ALTER TABLE " + is_owner + "." + as_table + " ADD " + as_column + " " + as_definition

EXECUTE IMMEDIATE :ls_sql USING itr_ddl ;
If itr_ddl.SQLCode <> 0 Then
	MessageBox("Upgrade", "Could not add " + as_table + "." + as_column + "~r~n" + itr_ddl.SQLErrText, StopSign!)
	Return -1
End If
Return 1
end function

public function string of_money_type ();// Money columns follow the clearing house's precision (4.2 widened 10,2 to 12,2)
Return "decimal(" + String(ii_price_prec) + "," + String(ii_price_scale) + ")"
end function

public function string of_ddl_lot ();string ls_sql

// One row per lot landed at the quay; grade_cd is set at the sorting table
ls_sql = "CREATE TABLE " + FX_LOT + " (" + &
         "lot_no int NOT NULL PRIMARY KEY, " + &
         "vessel_reg varchar(" + String(ii_reg_len) + ") NOT NULL, " + &
         "species_cd char(3) NOT NULL, " + &
         "landed_kg decimal(9,1) NULL, " + &
         "grade_cd char(1) NULL, " + &
         "auction_dt datetime NOT NULL)"

Return ls_sql
end function

public function string of_ddl_sale ();string ls_sql

ls_sql = "CREATE TABLE ~"" + FX_SALE + "~" ("
ls_sql += "sale_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, "
ls_sql += "lot_no int NOT NULL REFERENCES fx_lot, "
ls_sql += "buyer_no int NOT NULL, "
ls_sql += "hammer_price decimal(10,2) NOT NULL, "
ls_sql += "sold_dt datetime NOT NULL DEFAULT GETDATE())"

Return ls_sql
end function

public subroutine of_fill_steps (listview alv_steps);// Release 4.0 - 4.2 steps, in the order they must run
string ls_sql

f_fx_lv_add(alv_steps, "Create lot table", this.of_ddl_lot())
f_fx_lv_add(alv_steps, "Create sale table", of_ddl_sale())

ls_sql = "ALTER TABLE " + FX_LOT + " ADD ice_pct decimal(5,2) NULL"
f_fx_lv_add(alv_steps, "Ice percentage on lots", ls_sql)

ls_sql = "ALTER TABLE " + FX_LOT + " ALTER COLUMN landed_kg decimal(10,2) NOT NULL"
f_fx_lv_add(alv_steps, "Landed weight to 2 decimals", ls_sql)

ls_sql = "UPDATE " + FX_LOT + " SET grade_cd = 'U' WHERE grade_cd IS NULL"
f_fx_lv_add(alv_steps, "Mark ungraded lots", ls_sql)

ls_sql = "ALTER TABLE " + FX_SALE + " ALTER COLUMN hammer_price " + of_money_type() + " NOT NULL"
f_fx_lv_add(alv_steps, "Widen hammer price", ls_sql)
end subroutine

public function integer of_add_missing ();// Columns added in service packs; older quay databases may lack them
integer li_rc

li_rc = of_fx_set_addcolumn(FX_LOT, "box_count", "smallint NULL")
If li_rc > 0 Then li_rc = of_fx_set_addcolumn(FX_LOT, "temp_c", "decimal(4,1) NULL")
If li_rc > 0 Then li_rc = of_fx_set_addcolumn(FX_SALE, "buyer_no", "int NOT NULL DEFAULT 0")
//li_rc = of_fx_set_addcolumn(FX_SALE, "hammer_price", "money NULL")  // 4.0 beta only
Return li_rc
end function

public function string of_undo_script ();// Shown to the DBA and saved beside the log; never run by the wizard
string ls_undo

ls_undo = "UPDATE fx_sale SET hammer_price = NULL WHERE sold_dt > GETDATE() - 1;~r~n"
ls_undo += "ALTER TABLE fx_lot DROP COLUMN ice_pct;~r~n"
ls_undo += "CREATE TABLE fx_lot_keep (lot_no int NOT NULL, note varchar(80) NULL);~r~n"
Return ls_undo
end function

on n_cst_fx_schema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_fx_schema.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

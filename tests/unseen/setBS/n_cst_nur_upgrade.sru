$PBExportHeader$n_cst_nur_upgrade.sru
$PBExportComments$GreenLeaf schema upgrade – statements collected per release in a keyed cache, then run in order
forward
global type n_cst_nur_upgrade from nonvisualobject
end type
end forward

global type n_cst_nur_upgrade from nonvisualobject
end type
global n_cst_nur_upgrade n_cst_nur_upgrade

type variables
Public:
integer ii_failed = 0
string is_lasterror

Protected:
n_cst_nur_ddlconst inv_const
n_cst_nur_sqlcache inv_cache
n_cst_nur_sqlcache inv_undo
transaction itr_sql
end variables

forward prototypes
public function integer of_init (transaction atr_sql)
public function integer of_nur_set_addcolumn (string as_table, string as_column, string as_definition)
public function long of_add_from_spec (string as_table, string as_spec)
public subroutine of_prepare (integer ai_from)
protected subroutine of_release_7 ()
protected subroutine of_release_8 ()
protected subroutine of_release_9 ()
protected function string of_draft_release_10 ()
public function integer of_run ()
protected function integer of_exec (string as_key, string as_sql)
public subroutine of_fixups (integer ai_from)
public function string of_undo_script ()
end prototypes

public function integer of_init (transaction atr_sql);If Not IsValid(atr_sql) Then Return -1
itr_sql = atr_sql
Return 1
end function

public function integer of_nur_set_addcolumn (string as_table, string as_column, string as_definition);// adds one column unless the catalog already has it; runs at once
long ll_found
string ls_sql

SELECT Count(*) INTO :ll_found FROM sys.columns
 WHERE object_id = OBJECT_ID(:as_table) AND name = :as_column
 USING itr_sql;
If itr_sql.SQLCode <> 0 Then Return -1
If ll_found > 0 Then Return 0

ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " " + as_definition
EXECUTE IMMEDIATE :ls_sql USING itr_sql;
If itr_sql.SQLCode <> 0 Then
	is_lasterror = itr_sql.SQLErrText
	Return -1
End If
Return 1
end function

public function long of_add_from_spec (string as_table, string as_spec);// as_spec: "name definition, name definition, ..." – one ALTER TABLE ... ADD per column, queued
string ls_items[], ls_name, ls_def
long ll_n, ll_i, ll_sp

ll_n = f_nur_split(as_spec, ",", ls_items)
For ll_i = 1 To ll_n
	ll_sp = Pos(ls_items[ll_i], " ")
	If ll_sp = 0 Then Continue
	ls_name = Left(ls_items[ll_i], ll_sp - 1)
	ls_def = Trim(Mid(ls_items[ll_i], ll_sp + 1))
	inv_cache.of_put("add." + as_table + "." + ls_name, "ALTER TABLE " + as_table + " ADD " + ls_name + " " + ls_def)
Next
Return ll_n
end function

public subroutine of_prepare (integer ai_from);// collects what brings a database from release ai_from to the current one
inv_cache.of_clear()
inv_undo.of_clear()

Choose Case True
	Case ai_from < 7
		of_release_7()
		of_release_8()
		of_release_9()
	Case ai_from < 8
		of_release_8()
		of_release_9()
	Case ai_from < 9
		of_release_9()
	Case Else
		// current release: nothing to collect
End Choose
end subroutine

protected subroutine of_release_7 ();string ls_sql

// benches first: trays point at them
ls_sql = "CREATE TABLE " + inv_const.TBL_BENCH + " (~r~n" + &
	"   bench_id char(4) NOT NULL PRIMARY KEY,~r~n" + &
	"   house_cd char(3) NOT NULL,~r~n" + &
	"   bench_len_m decimal(6,2) NULL)"
inv_cache.of_put("v7.bench", ls_sql)

ls_sql = "CREATE TABLE " + inv_const.TBL_TRAY + " ("
ls_sql += "tray_id int IDENTITY(1,1) NOT NULL, "
ls_sql += "lot_no " + inv_const.DEF_LOT_NO + ", "
ls_sql += "bench_id char(4) NULL, "
ls_sql += "tray_qty int NOT NULL, "
ls_sql += "sow_dt datetime NULL)"
inv_cache.of_put("v7.tray", ls_sql)
inv_undo.of_put("v7.tray", "DROP TABLE " + inv_const.TBL_TRAY)

// lot master: the release spec, one ALTER per column
of_add_from_spec(inv_const.TBL_LOT, inv_const.SPEC_LOT_V7)
inv_undo.of_put("v7.lot", "ALTER TABLE " + inv_const.TBL_LOT + " DROP COLUMN sow_dt, tray_qty, bench_id")

// one tray row per existing lot
inv_cache.of_put("v7.tray.fill", &
	"INSERT INTO " + inv_const.TBL_TRAY + " (lot_no, bench_id, tray_qty, sow_dt)~r~n" + &
	"SELECT lot_no, bench_id, tray_qty, sow_dt FROM " + inv_const.TBL_LOT + " WHERE tray_qty > 0")
end subroutine

protected subroutine of_release_8 ();string ls_cols[], ls_sql
integer li_i

ls_cols[1] = "test_id int IDENTITY(1,1) NOT NULL"
ls_cols[2] = "lot_no " + inv_const.DEF_LOT_NO
ls_cols[3] = "test_dt " + inv_const.DEF_STAMP
ls_cols[4] = "germ_pct " + inv_const.DEF_PCT
ls_cols[5] = "grade_cd " + inv_const.DEF_GRADE

ls_sql = "CREATE TABLE " + inv_const.TBL_GERM + " ("
For li_i = 1 To UpperBound(ls_cols)
	If li_i > 1 Then ls_sql += ", "
	ls_sql += ls_cols[li_i]
Next
ls_sql += ")"
inv_cache.of_put("v8.germ", ls_sql)
inv_undo.of_put("v8.germ", "DROP TABLE " + inv_const.TBL_GERM)

// order lines carry the lot and its grade from release 8 on
of_add_from_spec(inv_const.TBL_ORDER_LINE, "lot_no char(12) NULL, grade_cd char(2) NULL")
end subroutine

protected subroutine of_release_9 ();string ls_sql

// lot history, written by the grading screen from release 9 on
ls_sql = "CREATE TABLE " + inv_const.TBL_LOT_HIST + " (" + &
	"hist_id bigint IDENTITY(1,1) NOT NULL, " + &
	"lot_no " + inv_const.DEF_LOT_NO + ", " + &
	"grade_cd " + inv_const.DEF_GRADE + ", " + &
	"changed_dt " + inv_const.DEF_STAMP + ", " + &
	"changed_by varchar(30) NULL)"
inv_cache.of_put("v9.hist", ls_sql)

// germination: no more NULL percentages, one more decimal
inv_cache.of_put("v9.germ.fill", "UPDATE " + inv_const.TBL_GERM + " SET germ_pct = 0 WHERE germ_pct IS NULL")
inv_cache.of_put("v9.germ.pct", "ALTER TABLE " + inv_const.TBL_GERM + " ALTER COLUMN germ_pct decimal(6,3) NOT NULL")
inv_cache.of_put("v9.lot.grade", "ALTER TABLE " + inv_const.TBL_LOT + " ALTER COLUMN grade_cd char(3) NULL")
end subroutine

protected function string of_draft_release_10 ();// draft for release 10 – kept for the design review, not called yet
string ls_sql

ls_sql = "CREATE TABLE dbo.nur_sticking (" + &
	"stick_id int IDENTITY(1,1) NOT NULL, " + &
	"lot_no char(12) NOT NULL, " + &
	"tray_qty int NULL)"
Return ls_sql
end function

public function integer of_run ();// runs the cached statements in the order they were collected
long ll_i, ll_n
string ls_key, ls_sql

ii_failed = 0
ll_n = inv_cache.of_count()
For ll_i = 1 To ll_n
	ls_key = inv_cache.of_key(ll_i)
	ls_sql = inv_cache.of_get(ls_key)
	If IsNull(ls_sql) Or ls_sql = "" Then Continue
	Try
		of_exec(ls_key, ls_sql)
	Catch (RuntimeError lre_step)
		ii_failed++
		is_lasterror = lre_step.GetMessage()
	Finally
		Yield()
	End Try
Next
Return ii_failed
end function

protected function integer of_exec (string as_key, string as_sql);RuntimeError lre_sql

EXECUTE IMMEDIATE :as_sql USING itr_sql;
If itr_sql.SQLCode < 0 Then
	lre_sql = Create RuntimeError
	lre_sql.SetMessage("Step " + as_key + " failed: " + itr_sql.SQLErrText)
	ROLLBACK USING itr_sql;
	Throw lre_sql
End If
COMMIT USING itr_sql;
Return 1
end function

public subroutine of_fixups (integer ai_from);// columns some sites added by hand in release 8; the helper skips them where present
If ai_from >= 9 Then Return

of_nur_set_addcolumn(inv_const.TBL_LOT, "grade_cd", inv_const.DEF_GRADE)
of_nur_set_addcolumn(inv_const.TBL_LOT, "germ_pct", inv_const.DEF_PCT)
of_nur_set_addcolumn(inv_const.TBL_BENCH, "heat_zone", "tinyint NULL")
If of_nur_set_addcolumn(inv_const.TBL_ORDER_LINE, "tray_qty", "int NULL") < 0 Then
	MessageBox("GreenLeaf upgrade", is_lasterror, StopSign!)
End If
end subroutine

public function string of_undo_script ();Return inv_undo.of_script(";~r~nGO~r~n")
end function

event constructor;inv_cache = Create n_cst_nur_sqlcache
inv_undo = Create n_cst_nur_sqlcache
end event

event destructor;If IsValid(inv_cache) Then Destroy inv_cache
If IsValid(inv_undo) Then Destroy inv_undo
end event

on n_cst_nur_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_nur_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


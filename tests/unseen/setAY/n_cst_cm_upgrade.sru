$PBExportHeader$n_cst_cm_upgrade.sru
$PBExportComments$CaskMaster 5.0 schema upgrade
forward
global type n_cst_cm_upgrade from nonvisualobject
end type
end forward

global type n_cst_cm_upgrade from nonvisualobject
end type
global n_cst_cm_upgrade n_cst_cm_upgrade

type variables
protected:
n_cst_cm_ddlstack inv_stack
n_cst_cm_ddlstack inv_preview
constant string CS_OWNER = "dbo."
end variables

forward prototypes
public function string of_collist (string as_item[], integer ai_from)
public function integer of_cm_set_addcolumn (string as_table, string as_column, string as_definition)
protected subroutine of_barrel_fill ()
protected subroutine of_bottling_run ()
protected subroutine of_lot_columns ()
protected subroutine of_tasting (boolean ab_lab)
protected subroutine of_version_fixes (string as_ver)
protected subroutine of_helpers ()
protected subroutine of_procs ()
protected subroutine of_backfill ()
public function integer of_run ()
public function long of_preview ()
public function string of_preview_text ()
end prototypes

public function string of_collist (string as_item[], integer ai_from);// Joins as_item[ai_from .. UpperBound] into a list, one item a line:
// item, <newline> rest – the rest comes from the same function one item further on.
integer li_last

li_last = UpperBound(as_item)
if ai_from > li_last then return ""
if ai_from = li_last then return "~t" + as_item[ai_from]
return "~t" + as_item[ai_from] + ",~r~n" + this.of_collist(as_item, ai_from + 1)
end function

public function integer of_cm_set_addcolumn (string as_table, string as_column, string as_definition);// Queues ALTER TABLE <as_table> ADD <as_column> <as_definition> unless the column is there.
// Returns 1 when queued, 0 when the column already exists.
long ll_cnt

SELECT COUNT(*) INTO :ll_cnt FROM sys.columns
 WHERE object_id = OBJECT_ID(:as_table) AND name = :as_column
 USING SQLCA;
if ll_cnt > 0 then return 0

inv_stack.of_push("ALTER TABLE " + CS_OWNER + as_table + " ADD " + as_column + " " + as_definition)
return 1
end function

protected subroutine of_barrel_fill ();// one row per barrel fill; the list is joined by of_collist
string ls_col[], ls_sql

ls_col[1] = "fill_id int IDENTITY(1,1) NOT NULL"
ls_col[2] = "barrel_id int NOT NULL"
ls_col[3] = "lot_no varchar(12) NOT NULL"
ls_col[4] = "fill_dt date NOT NULL"
ls_col[5] = "fill_litres decimal(7,1) NOT NULL"
ls_col[6] = "topped_dt date NULL"
ls_col[7] = "CONSTRAINT PK_cm_barrel_fill PRIMARY KEY (fill_id)"

ls_sql = "IF OBJECT_ID('" + CS_OWNER + "cm_barrel_fill') IS NULL~r~n" + &
	"CREATE TABLE " + CS_OWNER + "cm_barrel_fill (~r~n" + this.of_collist(ls_col, 1) + "~r~n)"
inv_stack.of_push(ls_sql)
end subroutine

protected subroutine of_bottling_run ();// The column list is kept as UTF-16LE bytes; the last ", " (two code units,
// four bytes) is cut off with BlobMid before the list is closed.
blob lblb_cols, lblb_sql
string ls_piece[]
integer li_i

ls_piece[1] = "run_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, "
ls_piece[2] = "lot_no varchar(12) NOT NULL, "
ls_piece[3] = "bottle_dt date NOT NULL, "
ls_piece[4] = "abv_pct decimal(4,2) NOT NULL, "
ls_piece[5] = "case_cnt int NOT NULL CONSTRAINT DF_cm_bottling_run_case_cnt DEFAULT 0, "

for li_i = 1 to UpperBound(ls_piece)
	lblb_cols = lblb_cols + Blob(ls_piece[li_i], EncodingUTF16LE!)
next
lblb_cols = BlobMid(lblb_cols, 1, Len(lblb_cols) - 4)

lblb_sql = Blob("CREATE TABLE " + CS_OWNER + "cm_bottling_run (", EncodingUTF16LE!) + lblb_cols + &
	Blob(")", EncodingUTF16LE!)
inv_stack.of_push_blob(lblb_sql)
end subroutine

protected subroutine of_lot_columns ();// cm_lot: sugar reading and varietal code; cm_barrel: toast level.
blob{400} lblb_buf
blob lblb_head, lblb_tail
ulong lul_pos
string ls_sql

// the retired sugar level goes first (pushed last)
inv_stack.of_push("ALTER TABLE " + CS_OWNER + "cm_lot DROP COLUMN sugar_lvl")

// sugar reading: written into a fixed buffer, then the written part taken back
lul_pos = BlobEdit(lblb_buf, 1, "ALTER TABLE dbo.cm_lot ADD ", EncodingUTF16LE!)
lul_pos = BlobEdit(lblb_buf, lul_pos, "brix decimal(4,1) NULL", EncodingUTF16LE!)
ls_sql = String(BlobMid(lblb_buf, 1, lul_pos - 1), EncodingUTF16LE!)
inv_stack.of_push(ls_sql)

ls_sql = "ALTER TABLE dbo.cm_lot ADD~r~n~tvarietal_cd char(4) NOT NULL CONSTRAINT DF_cm_lot_varietal_cd DEFAULT ~039UNK~039"
inv_stack.of_push(ls_sql)

lblb_head = Blob("ALTER TABLE dbo.cm_barrel", EncodingUTF16LE!)
lblb_tail = Blob(" ADD toast_lvl char(2) NULL", EncodingUTF16LE!)
inv_stack.of_push_blob(lblb_head + lblb_tail)
end subroutine

protected subroutine of_tasting (boolean ab_lab);// tasting-room notes; the column list comes from f_cm_note_columns
string ls_cols[], ls_sql

f_cm_note_columns(ls_cols, ab_lab)
ls_sql = "CREATE TABLE dbo.cm_tasting_note (~r~n" + this.of_collist(ls_cols, 1) + "~r~n)"
inv_stack.of_push(ls_sql)
end subroutine

protected subroutine of_version_fixes (string as_ver);// as_ver: cm_sysinfo.schema_ver of the cellar module ("3.8", "4.1", "4.6" ...)
choose case as_ver
	case is < "4.2"
		// up to 4.1 the alcohol was a whole percentage
		inv_stack.of_push("ALTER TABLE dbo.cm_lot ALTER COLUMN abv_pct decimal(4,2) NULL")
		inv_stack.of_push("ALTER TABLE dbo.cm_barrel ADD fill_dt date NULL")
	case "4.2" to "4.9"
		inv_stack.of_push("ALTER TABLE dbo.cm_barrel ADD fill_dt date NULL")
	case else
		// 5.0 and later have both
end choose
end subroutine

protected subroutine of_helpers ();string ls_tab[] = {"cm_lot", "cm_barrel"}
string ls_col[] = {"malo_done_dt", "cooper_cd"}
string ls_def[] = {"date NULL", "char(3) NULL"}
integer li_i

for li_i = 1 to UpperBound(ls_tab)
	this.of_cm_set_addcolumn(ls_tab[li_i], ls_col[li_i], ls_def[li_i])
next
this.of_cm_set_addcolumn("cm_barrel_fill", "abv_pct", "decimal(4,2) NULL")
// this.of_cm_set_addcolumn("cm_lot", "lot_grade", "char(1) NULL")   dropped in 4.6
end subroutine

protected subroutine of_procs ();// report procedure; the select list goes through of_collist like the tables
string ls_sel[], ls_sql

ls_sel[1] = "f.lot_no"
ls_sel[2] = "f.barrel_id"
ls_sel[3] = "MAX(f.fill_dt) AS last_fill_dt"
ls_sel[4] = "l.varietal_cd"
ls_sel[5] = "AVG(l.brix) AS avg_brix"

ls_sql = "CREATE PROCEDURE dbo.cm_fill_summary @ai_vintage smallint AS~r~n" + &
	"SELECT " + this.of_collist(ls_sel, 1) + "~r~n" + &
	"  FROM dbo.cm_barrel_fill f~r~n" + &
	"  JOIN dbo.cm_lot l ON l.lot_no = f.lot_no~r~n" + &
	" WHERE l.vintage_yr = @ai_vintage~r~n" + &
	" GROUP BY f.lot_no, f.barrel_id, l.varietal_cd"
inv_stack.of_push(ls_sql)
end subroutine

protected subroutine of_backfill ();// pushed before the DDL, so they run after it
inv_stack.of_push("UPDATE b SET b.fill_dt = f.fill_dt" + &
	" FROM dbo.cm_barrel b JOIN dbo.cm_barrel_fill f ON f.barrel_id = b.barrel_id" + &
	" WHERE f.topped_dt IS NULL AND b.fill_dt IS NULL")
inv_stack.of_push("UPDATE dbo.cm_lot SET varietal_cd = LEFT(lot_no, 4) WHERE varietal_cd = 'UNK'")
end subroutine

public function integer of_run ();// The whole 5.0 upgrade. The stack runs last-pushed first, so the backfills and
// the procedure are pushed before the DDL they need.
string ls_ver
boolean lb_lab
integer li_rc

SELECT schema_ver INTO :ls_ver FROM dbo.cm_sysinfo WHERE module_cd = 'CELLAR' USING SQLCA;
if SQLCA.SQLCode <> 0 then ls_ver = "4.0"
lb_lab = (Upper(ProfileString(gs_ini, "Modules", "Lab", "N")) = "Y")

this.of_backfill()
this.of_procs()
this.of_helpers()
this.of_version_fixes(ls_ver)
this.of_lot_columns()
if ProfileString(gs_ini, "Modules", "TastingRoom", "0") <> "0" then
	this.of_tasting(lb_lab)
end if
this.of_bottling_run()
this.of_barrel_fill()

li_rc = inv_stack.of_drain(SQLCA)
if li_rc < 0 then
	ROLLBACK USING SQLCA;
	return -1
end if
UPDATE dbo.cm_sysinfo SET schema_ver = '5.0' WHERE module_cd = 'CELLAR' USING SQLCA;
COMMIT USING SQLCA;
return li_rc
end function

public function long of_preview ();// What 5.1 will change, shown in the window before anyone agrees to it.
// Only listed (of_preview_text), never run from here.
inv_preview.of_push("ALTER TABLE dbo.cm_barrel ALTER COLUMN barrel_id bigint NOT NULL")
inv_preview.of_push("ALTER TABLE dbo.cm_lot ADD harvest_wk smallint NULL")
return inv_preview.of_depth()
end function

public function string of_preview_text ();string ls_sql, ls_all

do while inv_preview.of_pop(ls_sql)
	ls_all = ls_all + ls_sql + ";~r~n"
loop
return ls_all
end function

on n_cst_cm_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_cm_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

event constructor;inv_stack = create n_cst_cm_ddlstack
inv_preview = create n_cst_cm_ddlstack
end event

event destructor;destroy inv_stack
destroy inv_preview
end event

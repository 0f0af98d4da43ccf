HA$PBExportHeader$n_cst_hb_mig_0620.sru
$PBExportComments$Release 6.2 – lookback/recall, unit attributes, ISBT 128 unit numbers
forward
global type n_cst_hb_mig_0620 from n_cst_hb_migstep
end type
end forward

global type n_cst_hb_mig_0620 from n_cst_hb_migstep
end type
global n_cst_hb_mig_0620 n_cst_hb_mig_0620

type variables
Private:
// unit attributes of 6.2: column, definition, column, definition ...
string is_unit_cols[] = {"irradiated", "bit NOT NULL CONSTRAINT DF_hb_unit_irradiated DEFAULT (0)", &
	"abo_rh", "varchar(3) NULL", &
	"expire_dt", "datetime NULL"}
end variables

forward prototypes
public function integer of_apply (n_tr_hemo atr_db)
public function integer of_undo (n_tr_hemo atr_db)
end prototypes

public function integer of_apply (n_tr_hemo atr_db);// 6.2: recall table (ancestor), unit attributes, ISBT 128 unit numbers, expiry backfill
integer li_rc, li_i
string ls_sql, ls_fix[], ls_unit
datetime ldt_collect, ldt_expire

li_rc = Super::of_apply(atr_db)
If li_rc < 0 Then Return li_rc

li_rc = of_add_pairs(atr_db, "hb_unit", is_unit_cols)
If li_rc < 0 Then Return li_rc

atr_db.of_hb_set_addcolumn("hb_donor", "defer_reason", "varchar(60) NULL")   // last reason, for the kiosk
// atr_db.of_hb_set_addcolumn("hb_donor", "hgb_value", "decimal(4,1) NULL")   moved to hb_donation in 6.1
atr_db.of_hb_set_addcolumn("hb_unit", &
	"collect_dt", "datetime NULL")   // copied from the donation for the expiry job
ls_sql = "UPDATE u SET u.collect_dt = d.collect_dt " + &
	"FROM dbo.hb_unit u JOIN dbo.hb_donation d ON d.donation_no = u.donation_no WHERE u.collect_dt IS NULL"
If atr_db.of_exec(ls_sql) < 0 Then Return -1

// ISBT 128: unit numbers grow from 10 to 13 characters (the index goes first and comes back)
ls_fix[1] = "DROP INDEX IX_hb_unit_unit_no ON dbo.hb_unit"
ls_fix[2] = "ALTER TABLE dbo.hb_unit ALTER COLUMN unit_no varchar(13) NOT NULL"
ls_fix[3] = "CREATE UNIQUE INDEX IX_hb_unit_unit_no ON dbo.hb_unit (unit_no)"
For li_i = 1 To UpperBound(ls_fix)
	If atr_db.of_exec(ls_fix[li_i]) < 0 Then
		of_log(atr_db, "6.2 ISBT step " + String(li_i) + ": " + atr_db.SQLErrText)
		Return -1
	End If
Next

// units the old quarantine screen marked as recalled
ls_sql = "INSERT INTO dbo.hb_recall (unit_no, recall_reason, notified_dt) " + &
	"SELECT q.unit_no, q.reason_text, q.entered_dt FROM dbo.hb_quarantine q WHERE q.status = 'R'"
If atr_db.of_exec(ls_sql) < 0 Then Return -1

// red cells collected before expire_dt existed: 42 days
DECLARE lc_units CURSOR FOR
	SELECT unit_no, collect_dt FROM hb_unit
	 WHERE expire_dt IS NULL AND component_cd = 'RBC'
	USING atr_db;
OPEN lc_units;
FETCH lc_units INTO :ls_unit, :ldt_collect;
Do While atr_db.SQLCode = 0
	ldt_expire = DateTime(RelativeDate(Date(ldt_collect), 42), Time("23:59:59"))
	UPDATE hb_unit SET expire_dt = :ldt_expire WHERE unit_no = :ls_unit USING atr_db;
	FETCH lc_units INTO :ls_unit, :ldt_collect;
Loop
CLOSE lc_units;

of_log(atr_db, "6.2 applied")
Return 1
end function

public function integer of_undo (n_tr_hemo atr_db);// Back-out of 6.2 for the test laboratory only; the migrator never calls it
Return atr_db.of_exec("ALTER TABLE dbo.hb_unit DROP COLUMN irradiated, abo_rh, expire_dt")
end function

on n_cst_hb_mig_0620.create
call super::create
end on

on n_cst_hb_mig_0620.destroy
call super::destroy
end on

event constructor;call super::constructor;ii_version = 620

// table 1: lookback / recall
is_layout[10] = "hb_recall"
is_layout[11] = "recall_id int IDENTITY(1,1) NOT NULL PRIMARY KEY"
is_layout[12] = "unit_no varchar(13) NOT NULL"
is_layout[13] = "recall_reason varchar(60) NOT NULL"
is_layout[14] = "notified_dt datetime NULL"
end event


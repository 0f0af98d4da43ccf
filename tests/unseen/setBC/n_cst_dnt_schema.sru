$PBExportHeader$n_cst_dnt_schema.sru
$PBExportComments$DentaFlow schema R17 / R17.2 / R18 – queued into n_cst_dnt_stmtchain
forward
global type n_cst_dnt_schema from nonvisualobject
end type
end forward

global type n_cst_dnt_schema from nonvisualobject
end type
global n_cst_dnt_schema n_cst_dnt_schema

type variables
protected:
n_cst_dnt_stmtchain inv_chain
constant integer CI_RULE = 60
constant string CS_OWNER = "dbo."
end variables

forward prototypes
public function n_cst_dnt_stmtchain of_chain ()
protected function string of_banner (string as_title)
protected function string of_join (string as_items[], integer ai_from)
protected function string of_ddl_insur_plan ()
public function integer of_dnt_set_addcolumn (string as_table, string as_column, string as_definition)
public subroutine of_build_r17 ()
public subroutine of_build_r17_2 ()
public subroutine of_build_r18 ()
end prototypes

public function n_cst_dnt_stmtchain of_chain ();return inv_chain
end function

protected function string of_banner (string as_title);// a comment block on top of every statement, so the DBA trace shows where it came from
string ls_rule

ls_rule = Fill("-", CI_RULE)
return "/* " + ls_rule + "~r~n * " + as_title + "~r~n * DentaFlow schema upgrade~r~n * " + ls_rule + " */~r~n"
end function

protected function string of_join (string as_items[], integer ai_from);// as_items[ai_from] .. as_items[last], one per line, comma separated
integer li_last

li_last = UpperBound(as_items)
if ai_from > li_last then return ""
if ai_from = li_last then return "   " + as_items[ai_from]
return "   " + as_items[ai_from] + ",~r~n" + of_join(as_items, ai_from + 1)
end function

protected function string of_ddl_insur_plan ();return of_banner("R18.0 insurance plans") + &
	"CREATE TABLE dbo.dnt_insur_plan (~r~n" + &
	"   insur_plan_id int NOT NULL PRIMARY KEY,~r~n" + &
	"   carrier_nm varchar(60) NOT NULL,~r~n" + &
	"   group_no varchar(20) NULL,~r~n" + &
	"   annual_max money NOT NULL DEFAULT (0),~r~n" + &
	"   deduct_amt money NOT NULL DEFAULT (0))"
end function

public function integer of_dnt_set_addcolumn (string as_table, string as_column, string as_definition);// queues ALTER TABLE ... ADD unless the column is there already
long ll_found

SELECT COUNT(*) INTO :ll_found
  FROM INFORMATION_SCHEMA.COLUMNS
 WHERE TABLE_NAME = :as_table AND COLUMN_NAME = :as_column
 USING SQLCA;
if SQLCA.SQLCode <> 0 then return -1
if ll_found > 0 then return 0

inv_chain.of_append("addcol " + as_table + "." + as_column, &
	"ALTER TABLE " + CS_OWNER + as_table + " ADD " + as_column + " " + as_definition, true)
return 1
end function

public subroutine of_build_r17 ();string ls_cols[]
string ls_sql

// R17.0 - periodontal charting, six sites per tooth
ls_cols[1] = "perio_id int IDENTITY(1,1) NOT NULL"
ls_cols[2] = "patient_no int NOT NULL"
ls_cols[3] = "tooth_no tinyint NOT NULL"
ls_cols[4] = "site_cd char(2) NOT NULL"
ls_cols[5] = "depth_mm tinyint NULL"
ls_cols[6] = "exam_dt datetime NOT NULL CONSTRAINT DF_perio_exam DEFAULT (GETDATE())"

ls_sql = of_banner("R17.0 periodontal chart") + "CREATE TABLE " + CS_OWNER + "dnt_perio_chart (~r~n" + &
	of_join(ls_cols, 1) + ",~r~n   CONSTRAINT PK_dnt_perio_chart PRIMARY KEY (perio_id))"
inv_chain.of_append("r17_perio", ls_sql)

// recall scheduling moves from the appointment book onto the patient
ls_sql = of_banner("supersedes the R16 draft: ALTER TABLE dnt_appt ADD recall_dt smalldatetime NULL")
ls_sql += "ALTER TABLE " + CS_OWNER + "dnt_patient ADD recall_dt datetime NULL"
inv_chain.of_append("r17_recall", ls_sql)

ls_sql = of_banner("R17.0 first recall = last visit + 6 months")
ls_sql += "UPDATE " + CS_OWNER + "dnt_patient SET recall_dt = ~r~n" + &
	"   (SELECT DATEADD(month, 6, MAX(v.visit_dt)) FROM " + CS_OWNER + "dnt_visit v~r~n" + &
	"     WHERE v.patient_no = dnt_patient.patient_no)~r~n" + &
	" WHERE recall_dt IS NULL"
inv_chain.of_append("r17_recall_fill", ls_sql, true)

// insurance moves from a free-text field to a plan table (the table itself comes with R18)
of_dnt_set_addcolumn("dnt_patient", "insur_plan_id", "int NULL")
of_dnt_set_addcolumn("dnt_appt", "chair_no", "tinyint NULL")
this.of_dnt_set_addcolumn("dnt_claim", &
	"insur_plan_id", &
	"int NULL")

// claims need the tooth surface per line
inv_chain.of_append("r17_surface", "ALTER TABLE " + CS_OWNER + "dnt_claim_line ADD surface_cd char(4) NULL")
end subroutine

public subroutine of_build_r17_2 ();string ls_sql

// R17.2 hotfix: surfaces go up to five letters (MODBL), char(4) was too short
inv_chain.of_replace("r17_surface", "ALTER TABLE " + CS_OWNER + "dnt_claim_line ADD surface_cd varchar(5) NULL")

// CDT codes carry the D prefix now (D0150), five characters were not enough
ls_sql = of_banner("R17.2 procedure codes")
ls_sql = ls_sql + "ALTER TABLE " + CS_OWNER + "dnt_tx_plan ALTER COLUMN proc_cd varchar(7) NOT NULL"
inv_chain.of_append("r17_2_proccd", ls_sql)
of_dnt_set_addcolumn("dnt_appt", "proc_cd", "varchar(7) NULL")
end subroutine

public subroutine of_build_r18 ();string ls_item, ls_view

// R18.0 - treatment plan items, one line of the CREATE at a time
ls_item = "r18_txitem"
inv_chain.of_extend(ls_item, of_banner("R18.0 treatment plan items") + "CREATE TABLE " + CS_OWNER + "dnt_tx_plan_item (")
inv_chain.of_extend(ls_item, "   item_id int IDENTITY(1,1) NOT NULL PRIMARY KEY,")
inv_chain.of_extend(ls_item, "   plan_id int NOT NULL,")
inv_chain.of_extend(ls_item, "   patient_no int NOT NULL,")
inv_chain.of_extend(ls_item, "   tooth_no tinyint NULL,")
inv_chain.of_extend(ls_item, "   surface_cd varchar(5) NULL,")
inv_chain.of_extend(ls_item, "   proc_cd varchar(7) NOT NULL,")
inv_chain.of_extend(ls_item, "   fee_amt money NOT NULL CONSTRAINT DF_txitem_fee DEFAULT (0),")
inv_chain.of_extend(ls_item, "   status_cd char(1) NOT NULL CONSTRAINT DF_txitem_status DEFAULT ('P'))")

inv_chain.of_append("r18_plan", of_ddl_insur_plan())

// claims inherit the patient's plan
inv_chain.of_append("r18_claim_plan", of_banner("R18.0 claim plan backfill") + &
	"UPDATE c SET c.insur_plan_id = p.insur_plan_id~r~n" + &
	"  FROM dbo.dnt_claim c JOIN dbo.dnt_patient p ON p.patient_no = c.patient_no~r~n" + &
	" WHERE c.insur_plan_id IS NULL", true)

// the front desk's recall list
ls_view = "r18_recall_view"
inv_chain.of_extend(ls_view, "CREATE VIEW dbo.v_dnt_recall_due AS")
inv_chain.of_extend(ls_view, "SELECT r.patient_no, p.insur_plan_id, r.recall_dt, r.recall_type")
inv_chain.of_extend(ls_view, "  FROM dbo.dnt_recall r")
inv_chain.of_extend(ls_view, "  JOIN dbo.dnt_patient p ON p.patient_no = r.patient_no")
inv_chain.of_extend(ls_view, " WHERE r.sent_flag = 0")
end subroutine

on n_cst_dnt_schema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_dnt_schema.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

event constructor;inv_chain = create n_cst_dnt_stmtchain
end event

event destructor;destroy inv_chain
end event


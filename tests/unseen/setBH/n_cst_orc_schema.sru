HA$PBExportHeader$n_cst_orc_schema.sru
$PBExportComments$Packing house schema – base plan (2019 season)
forward
global type n_cst_orc_schema from nonvisualobject
end type
end forward

global type n_cst_orc_schema from nonvisualobject
end type
global n_cst_orc_schema n_cst_orc_schema

type variables
protected:
n_cst_list inv_plan
long il_level
end variables

forward prototypes
public function integer of_build ()
public function integer of_apply ()
public function integer of_exec (string as_sql, boolean ab_optional)
public function integer of_orc_set_addcolumn (string as_table, string as_column, string as_definition)
end prototypes

public function integer of_build ();// the 2019 plan: each item is a string, a blob (UTF-8 text), a str_orc_cmd or a level number
string ls_sql
str_orc_cmd lstr_cmd

inv_plan.of_add(Long(2019))

ls_sql = "CREATE TABLE dbo.orc_block (" + &
	"block_cd char(6) NOT NULL PRIMARY KEY, " + &
	"variety_cd char(3) NOT NULL, " + &
	"acres decimal(6,2) NULL, " + &
	"planted_yr smallint NULL, " + &
	"rootstock varchar(20) NULL)"
inv_plan.of_add(ls_sql)

// bins: kept as a UTF-8 blob, as the 2018 importer wrote them
ls_sql = "CREATE TABLE dbo.orc_bin (" + &
	"bin_tag varchar(12) NOT NULL PRIMARY KEY, " + &
	"block_cd char(6) NOT NULL, " + &
	"picker_id int NULL, " + &
	"pick_dt date NOT NULL, " + &
	"net_lbs decimal(7,1) NULL, " + &
	"lot_no varchar(12) NULL)"
inv_plan.of_add(Blob(ls_sql, EncodingUTF8!))
inv_plan.of_add("CREATE INDEX ix_orc_bin_pick ON dbo.orc_bin (pick_dt, block_cd)")

of_orc_set_addcolumn("orc_lot", "grade_cd", "char(2) NULL")

lstr_cmd.s_sql = "ALTER TABLE dbo.orc_lot ADD brix_pct decimal(4,1) NULL"
lstr_cmd.b_optional = True
lstr_cmd.s_note = "sugar reading per lot"
inv_plan.of_add(lstr_cmd)
return 1
end function

public function integer of_apply ();// runs the plan in order; the level items record how far it got
long ll_i, ll_n
any la_item
string ls_sql
blob lblb_sql
boolean lb_optional
str_orc_cmd lstr_cmd

ll_n = inv_plan.of_count()
for ll_i = 1 to ll_n
	la_item = inv_plan.of_get(ll_i)
	lb_optional = False
	choose case ClassName(la_item)
		case "string"
			ls_sql = String(la_item)
		case "blob"
			lblb_sql = la_item
			ls_sql = String(lblb_sql, EncodingUTF8!)
		case "str_orc_cmd"
			lstr_cmd = la_item
			ls_sql = lstr_cmd.s_sql
			lb_optional = lstr_cmd.b_optional
		case "long", "integer"
			il_level = Long(la_item)
			UPDATE dbo.orc_setting SET setting_value = :il_level WHERE setting_name = 'plan_level' USING SQLCA;
			continue
		case else
			continue
	end choose
	if of_exec(ls_sql, lb_optional) < 0 then return -1
next
return 1
end function

public function integer of_exec (string as_sql, boolean ab_optional);// an optional statement may fail; any other failure is thrown
RuntimeError lrte

EXECUTE IMMEDIATE :as_sql USING SQLCA;
if SQLCA.SQLCode = -1 then
	if ab_optional then return 0
	lrte = create RuntimeError
	lrte.SetMessage("Plan level " + String(il_level) + ": " + SQLCA.SQLErrText)
	throw lrte
end if
return 1
end function

public function integer of_orc_set_addcolumn (string as_table, string as_column, string as_definition);// queues a guarded ALTER TABLE ... ADD on the plan
str_orc_cmd lstr_cmd

lstr_cmd.s_sql = "IF COL_LENGTH('dbo." + as_table + "', '" + as_column + "') IS NULL " + &
	"ALTER TABLE dbo." + as_table + " ADD " + as_column + " " + as_definition
lstr_cmd.b_optional = False
lstr_cmd.s_note = as_table + "." + as_column
inv_plan.of_add(lstr_cmd)
return 1
end function

event constructor;inv_plan = create n_cst_list
end event

event destructor;destroy inv_plan
end event

on n_cst_orc_schema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_orc_schema.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

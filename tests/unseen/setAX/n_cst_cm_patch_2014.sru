HA$PBExportHeader$n_cst_cm_patch_2014.sru
$PBExportComments$Release 14.0 (harvest 2014): lab results, barrel fills – pH on the lot card
forward
global type n_cst_cm_patch_2014 from n_cst_cm_patch
end type
end forward

global type n_cst_cm_patch_2014 from n_cst_cm_patch
end type
global n_cst_cm_patch_2014 n_cst_cm_patch_2014

forward prototypes
protected function integer of_spec (string as_table, ref str_cm_tablespec astr_spec)
end prototypes

event type string ue_lot_columns();call super::ue_lot_columns;
// the ancestor's list (Brix) plus the pH the lab now reports per lot
return AncestorReturnValue + ", ph_value decimal(3,2) NULL"
end event

protected function integer of_spec (string as_table, ref str_cm_tablespec astr_spec);choose case Lower(as_table)
	case "cm_lab_result"
		astr_spec.s_coldef[1] = "result_id int IDENTITY(1,1) NOT NULL"
		astr_spec.s_coldef[2] = "lot_no varchar(12) NOT NULL"
		astr_spec.s_coldef[3] = "vessel_id int NULL"
		astr_spec.s_coldef[4] = "sampled_at datetime NOT NULL"
		astr_spec.s_coldef[5] = "brix decimal(4,1) NULL"
		astr_spec.s_coldef[6] = "ph_value decimal(3,2) NULL"
		astr_spec.s_pk = "result_id"
		astr_spec.b_guard = true
	case "cm_fill"
		astr_spec.s_coldef[1] = "fill_id int IDENTITY(1,1) NOT NULL"
		astr_spec.s_coldef[2] = "vessel_id int NOT NULL"
		astr_spec.s_coldef[3] = "lot_no varchar(12) NOT NULL"
		astr_spec.s_coldef[4] = "fill_dt date NOT NULL"
		astr_spec.s_coldef[5] = "volume_l decimal(9,1) NOT NULL"
		astr_spec.s_pk = "fill_id"
		astr_spec.b_guard = true
	case else
		return 0
end choose

// audit columns and the table name come from the ancestor
return Super::of_spec(as_table, astr_spec)
end function

event constructor;call super::constructor;
is_tables[1] = "cm_lab_result"
is_tables[2] = "cm_fill"
il_release = 1400
end event

on n_cst_cm_patch_2014.create
call super::create
end on

on n_cst_cm_patch_2014.destroy
call super::destroy
end on


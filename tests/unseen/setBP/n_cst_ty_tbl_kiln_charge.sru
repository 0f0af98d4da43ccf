$PBExportHeader$n_cst_ty_tbl_kiln_charge.sru
$PBExportComments$one row per kiln load – table ty_kiln_charge
forward
global type n_cst_ty_tbl_kiln_charge from n_cst_ty_tbl
end type
end forward

global type n_cst_ty_tbl_kiln_charge from n_cst_ty_tbl
end type
global n_cst_ty_tbl_kiln_charge n_cst_ty_tbl_kiln_charge

on n_cst_ty_tbl_kiln_charge.create
call super::create
end on

on n_cst_ty_tbl_kiln_charge.destroy
call super::destroy
end on

event constructor;call super::constructor;of_col("charge_no", "int identity(1,1) not null")
of_col("kiln_id", "int not null")
of_col("species_cd", "varchar(6) not null")
of_col("board_ft", "decimal(11,2) not null")
of_col("moisture_pct", "decimal(5,2) null")     // target moisture of the schedule
of_col("charge_dt", "datetime not null")
of_col("unload_dt", "datetime null")
is_pk = "charge_no"
end event


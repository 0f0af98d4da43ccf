$PBExportHeader$n_cst_bo_td_comp.sru
$PBExportComments$Complimentary seats – overrides ue_columns
forward
global type n_cst_bo_td_comp from n_cst_bo_tabledef
end type
end forward

global type n_cst_bo_td_comp from n_cst_bo_tabledef
end type
global n_cst_bo_td_comp n_cst_bo_td_comp

on n_cst_bo_td_comp.create
call super::create
end on

on n_cst_bo_td_comp.destroy
call super::destroy
end on

event constructor;is_table = "bo_comp_seat"
is_pk = "comp_id"
end event

event type string ue_columns();// Comps follow the production, not the hall: no venue column here.
// The ancestor's list is asked for and cut after its first column.
string ls_base

ls_base = Super::Event ue_columns()
ls_base = Left(ls_base, Pos(ls_base, ",") - 1)
return ls_base + ",~r~n" + &
	"~tcomp_id int IDENTITY(1,1) NOT NULL,~r~n" + &
	"~tseat_row char(3) NULL,~r~n" + &
	"~tcomp_flag char(1) NOT NULL CONSTRAINT DF_bo_comp_seat_comp_flag DEFAULT 'P',~r~n" + &
	"~tissued_by char(8) NOT NULL"
end event

$PBExportHeader$n_cst_bo_td_hold.sru
$PBExportComments$Seat holds – extends ue_columns
forward
global type n_cst_bo_td_hold from n_cst_bo_tabledef
end type
end forward

global type n_cst_bo_td_hold from n_cst_bo_tabledef
end type
global n_cst_bo_td_hold n_cst_bo_td_hold

on n_cst_bo_td_hold.create
call super::create
end on

on n_cst_bo_td_hold.destroy
call super::destroy
end on

event constructor;is_table = "bo_seat_hold"
is_pk = "hold_id"
end event

event type string ue_columns();call super::ue_columns;// a seat kept for a caller until the hold runs out;
// dbo.bo_release_expired_holds gives it back.
string ls_cols

ls_cols = AncestorReturnValue + ",~r~n" + &
	"~thold_id int IDENTITY(1,1) NOT NULL,~r~n" + &
	"~tseat_row char(3) NOT NULL,~r~n" + &
	"~tseat_no smallint NOT NULL,~r~n" + &
	"~thold_until " + this.of_dt_type() + " NOT NULL,~r~n" + &
	"~thold_reason varchar(40) NULL,~r~n" + &
	"~tprice_tier char(1) NULL"
return ls_cols
end event

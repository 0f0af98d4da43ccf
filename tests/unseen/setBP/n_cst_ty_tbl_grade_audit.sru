HA$PBExportHeader$n_cst_ty_tbl_grade_audit.sru
$PBExportComments$regrades of a tally line – table ty_grade_audit
forward
global type n_cst_ty_tbl_grade_audit from n_cst_ty_tbl
end type
end forward

global type n_cst_ty_tbl_grade_audit from n_cst_ty_tbl
end type
global n_cst_ty_tbl_grade_audit n_cst_ty_tbl_grade_audit

forward prototypes
public function string of_create_sql ()
end prototypes

public function string of_create_sql ();// the footage at grading time came late, after the constructor list was signed off
of_col("board_ft", "decimal(11,2) null")
return super::of_create_sql()
end function

on n_cst_ty_tbl_grade_audit.create
call super::create
end on

on n_cst_ty_tbl_grade_audit.destroy
call super::destroy
end on

event constructor;call super::constructor;of_col("audit_id", "int identity(1,1) not null")
of_col("tally_no", "int not null")
of_col("grade_cd", "char(3) not null")
of_col("old_grade_cd", "char(3) null")
of_col("graded_by", "varchar(30) not null")
of_col("graded_dt", "datetime not null")
is_pk = "audit_id"
end event


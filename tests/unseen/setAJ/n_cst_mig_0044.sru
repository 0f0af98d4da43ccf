$PBExportHeader$n_cst_mig_0044.sru
$PBExportComments$BO 7.5 DRAFT: loyalty tiers (BO-1187) – not registered in f_pos_migrate yet
forward
global type n_cst_mig_0044 from n_cst_mig
end type
end forward

global type n_cst_mig_0044 from n_cst_mig
end type
global n_cst_mig_0044 n_cst_mig_0044

forward prototypes
public function string of_id ()
public function string of_up ()
end prototypes

public function string of_id ();return "0044"
end function

public function string of_up ();string ls_sql

ls_sql = "CREATE TABLE dbo.pos_loyalty_tier (" + &
	"tier_cd char(1) NOT NULL PRIMARY KEY, " + &
	"min_pts int NOT NULL, " + &
	"disc_pct decimal(5,2) NOT NULL)" + "~r~n"
ls_sql += "ALTER TABLE dbo." + TBL_CUSTOMER + " ALTER COLUMN loyalty_pts bigint NOT NULL"
return ls_sql
end function

on n_cst_mig_0044.create
call super::create
end on

on n_cst_mig_0044.destroy
call super::destroy
end on

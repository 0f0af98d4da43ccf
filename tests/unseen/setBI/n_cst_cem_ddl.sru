HA$PBExportHeader$n_cst_cem_ddl.sru
$PBExportComments$DDL of each Cemetery Manager release (4.1 – 5.1)
forward
global type n_cst_cem_ddl from nonvisualobject
end type
end forward

global type n_cst_cem_ddl from nonvisualobject autoinstantiate
end type

type variables
Protected:
long il_plot_len = 12
long il_deed_len = 16
long il_name_len = 40
constant string CS_NN = " NOT NULL"
end variables

forward prototypes
public function integer of_sql_ddl (long al_version, ref string as_sql[])
protected function string of_varchar (long al_len)
end prototypes

protected function string of_varchar (long al_len);Return "varchar(" + String(al_len) + ")"
end function

public function integer of_sql_ddl (long al_version, ref string as_sql[]);// Writes the statements of release al_version into as_sql[] and returns how many
integer li_n
string ls_sql, ls_none[]

as_sql = ls_none

Choose Case al_version
	Case 390
		// 3.9 clean-up, retired: every site left 3.9 before 2011
		li_n ++
		as_sql[li_n] = "ALTER TABLE cem_plot DROP COLUMN grid_ref"
		li_n ++
		as_sql[li_n] = "ALTER TABLE cem_plot ALTER COLUMN plot_no varchar(8) NOT NULL"

	Case 410
		ls_sql = "CREATE TABLE cem_section ("
		ls_sql += "section_cd char(3) NOT NULL, "
		ls_sql += "section_name " + of_varchar(il_name_len) + CS_NN + ", "
		ls_sql += "acreage decimal(7,2) NULL, "
		ls_sql += "CONSTRAINT pk_cem_section PRIMARY KEY (section_cd))"
		li_n ++
		as_sql[li_n] = Trim(ls_sql)

		ls_sql = "CREATE TABLE cem_plot (" + &
			"plot_no " + of_varchar(il_plot_len) + " NOT NULL PRIMARY KEY, " + &
			"section_cd char(3) NOT NULL, " + &
			"row_no smallint NOT NULL, " + &
			"plot_status char(1) NOT NULL DEFAULT 'A', " + &
			"list_price money NULL)"
		li_n ++
		as_sql[li_n] = ls_sql

		li_n ++
		as_sql[li_n] = "CREATE INDEX ix_cem_plot_section ON cem_plot (section_cd, row_no)"

	Case 420
		ls_sql  = "CREATE TABLE cem_deed (~r~n"
		ls_sql += "   deed_id       int IDENTITY(1,1) NOT NULL PRIMARY KEY,~r~n"
		ls_sql += "   deed_no       " + of_varchar(il_deed_len) + " NOT NULL,~r~n"
		ls_sql += "   plot_no       " + of_varchar(il_plot_len) + " NOT NULL,~r~n"
		ls_sql += "   owner_name    " + of_varchar(il_name_len + 20) + " NULL,~r~n"
		ls_sql += "   issue_dt      datetime NULL,~r~n"
		ls_sql += "   care_fund_amt money NOT NULL DEFAULT 0)"
		li_n ++
		as_sql[li_n] = ls_sql

		li_n ++
		as_sql[li_n] = "ALTER TABLE cem_plot ADD vault_type char(2) NULL"
		li_n ++
		as_sql[li_n] = "UPDATE cem_plot SET vault_type = 'CN' WHERE plot_status = 'S'"
		li_n ++
		as_sql[li_n] = "INSERT INTO cem_deed (deed_no, plot_no, issue_dt) " + &
			"SELECT 'L-' + plot_no, plot_no, GETDATE() " + &
			"FROM cem_plot WHERE plot_status = 'S'"

	Case 500
		ls_sql = "CREATE TABLE cem_interment ("
		ls_sql = ls_sql + " interment_id int IDENTITY(1,1) NOT NULL PRIMARY KEY,"
		ls_sql = ls_sql + " plot_no " + of_varchar(il_plot_len) + " NOT NULL,"
		ls_sql = ls_sql + " deed_no " + of_varchar(il_deed_len) + " NULL,"
		ls_sql = ls_sql + " decedent_name " + of_varchar(il_name_len * 2) + " NOT NULL,"
		ls_sql = ls_sql + " interment_dt datetime NOT NULL,"
		ls_sql = ls_sql + " vault_type char(2) NULL )"
		li_n ++
		as_sql[li_n] = ls_sql

		// deed numbers grew with the county's new format
		li_n ++
		as_sql[li_n] = "ALTER TABLE cem_deed ALTER COLUMN deed_no " + of_varchar(il_deed_len + 4) + " NOT NULL"
		// permit numbers are kept by the county since 2016
		// li_n ++
		// as_sql[li_n] = "ALTER TABLE cem_interment ADD permit_no varchar(20) NULL"

	Case 510
		ls_sql = "CREATE TABLE cem_care_fund (" + &
			" fund_id int IDENTITY(1,1) NOT NULL PRIMARY KEY," + &
			" deed_no " + of_varchar(il_deed_len + 4) + " NOT NULL," + &
			" plot_no " + of_varchar(il_plot_len) + " NOT NULL," + &
			" care_fund_amt money NOT NULL," + &
			" posted_dt datetime NOT NULL DEFAULT GETDATE() )"
		li_n ++
		as_sql[li_n] = ls_sql

		li_n ++
		as_sql[li_n] = "ALTER TABLE cem_deed ADD " + &
			"recorded_dt datetime NULL, " + &
			"book_page varchar(12) NULL"
		li_n ++
		as_sql[li_n] = "ALTER TABLE cem_interment ALTER COLUMN vault_type char(3) NULL"
		li_n ++
		as_sql[li_n] = "UPDATE i SET i.section_cd = p.section_cd " + &
			"FROM cem_interment i JOIN cem_plot p " + &
			"ON p.plot_no = i.plot_no WHERE i.section_cd IS NULL"
		li_n ++
		as_sql[li_n] = "CREATE VIEW v_cem_occupancy AS " + &
			"SELECT p.section_cd, p.plot_no, " + &
			"i.interment_dt, i.vault_type " + &
			"FROM cem_plot p LEFT JOIN cem_interment i " + &
			"ON i.plot_no = p.plot_no"

	Case Else
		Return 0
End Choose

Return li_n
end function

on n_cst_cem_ddl.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_cem_ddl.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

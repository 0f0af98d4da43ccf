$PBExportHeader$n_cst_hm_ddl_catalog.sru
$PBExportComments$HarborMaster 12.x DDL catalogue, keyed version.seq
forward
global type n_cst_hm_ddl_catalog from nonvisualobject
end type
end forward

global type n_cst_hm_ddl_catalog from nonvisualobject
end type
global n_cst_hm_ddl_catalog n_cst_hm_ddl_catalog

type variables
constant integer CI_KWH_SCALE = 3
constant string CS_Q = "'"
end variables

forward prototypes
public subroutine of_register (n_cst_hm_sqlmap anv_map)
end prototypes

public subroutine of_register (n_cst_hm_sqlmap anv_map);string ls_sql

// 12.0.010  shore power metering per slip
ls_sql = "CREATE TABLE dbo.hm_slip_meter ("
ls_sql = ls_sql + " meter_id int IDENTITY(1,1) NOT NULL PRIMARY KEY,"
ls_sql = ls_sql + " slip_no int NOT NULL,"
ls_sql = ls_sql + " shore_power_amp smallint NOT NULL,"
ls_sql = ls_sql + " reading_kwh decimal(12," + String(CI_KWH_SCALE) + ") NOT NULL,"
ls_sql = ls_sql + " read_dt datetime NOT NULL)"
anv_map.of_put("12.0.010", ls_sql)

// 12.0.020  slips get a power rating and their own rate
anv_map.of_put("12.0.020", "ALTER TABLE dbo.hm_slip ADD~n" + &
	"   shore_power_amp smallint NULL,~n" + &
	"   berth_rate money NULL")

// 12.0.030  length overall in feet and hundredths (catamarans were rounded)
anv_map.of_put("12.0.030", "ALTER TABLE dbo.hm_vessel ALTER COLUMN loa_ft decimal(6,2) NOT NULL")

// 12.0.040  first rate = class rate per foot x the boat in the slip
ls_sql = "UPDATE s SET s.berth_rate = c.rate_per_ft * v.loa_ft~n"
ls_sql += "  FROM dbo.hm_slip s~n"
ls_sql += "  JOIN dbo.hm_lease l ON l.slip_no = s.slip_no AND l.end_dt IS NULL~n"
ls_sql += "  JOIN dbo.hm_vessel v ON v.vessel_reg = l.vessel_reg~n"
ls_sql += "  JOIN dbo.hm_slip_class c ON c.class_cd = s.class_cd~n"
ls_sql += " WHERE s.berth_rate IS NULL"
anv_map.of_put("12.0.040", ls_sql)

// 12.1.010  waiting list
ls_sql = "CREATE TABLE dbo.hm_waitlist (" + &
	"wait_id int IDENTITY(1,1) NOT NULL PRIMARY KEY, " + &
	"owner_id int NOT NULL, " + &
	"vessel_reg varchar(12) NOT NULL, " + &
	"loa_ft decimal(6,2) NOT NULL, " + &
	"req_dt datetime NOT NULL DEFAULT (GETDATE()), " + &
	"slip_class char(1) NOT NULL DEFAULT (" + CS_Q + "B" + CS_Q + "))"
anv_map.of_put("12.1.010", ls_sql)

// 12.1.020  assignment procedure (the harbour office runs it when a slip frees up)
ls_sql = "CREATE PROCEDURE dbo.hm_p_assign_waitlist @ai_slip int AS~n"
ls_sql += "BEGIN~n"
ls_sql += "   SET NOCOUNT ON~n"
ls_sql += "   SELECT w.wait_id, w.owner_id, w.vessel_reg, w.loa_ft INTO #cand~n"
ls_sql += "     FROM dbo.hm_waitlist w~n"
ls_sql += "    WHERE w.loa_ft <= (SELECT max_loa_ft FROM dbo.hm_slip WHERE slip_no = @ai_slip)~n"
ls_sql += "   DELETE FROM dbo.hm_waitlist WHERE wait_id = (SELECT MIN(wait_id) FROM #cand)~n"
ls_sql += "   UPDATE dbo.hm_slip SET status_cd = 'R' WHERE slip_no = @ai_slip~n"
ls_sql += "END"
anv_map.of_put("12.1.020", ls_sql)

// not released yet - the runner skips draft keys
anv_map.of_put("draft.12.2.010", "ALTER TABLE dbo.hm_invoice ADD berth_rate money NULL")
end subroutine

on n_cst_hm_ddl_catalog.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_hm_ddl_catalog.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


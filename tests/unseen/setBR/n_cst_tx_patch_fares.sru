$PBExportHeader$n_cst_tx_patch_fares.sru
$PBExportComments$Fares area: trips, zones and the takings procedure
forward
global type n_cst_tx_patch_fares from n_cst_tx_patch
end type
end forward

global type n_cst_tx_patch_fares from n_cst_tx_patch
end type
global n_cst_tx_patch_fares n_cst_tx_patch_fares

event ue_ddl;string ls_sql

choose case ai_release
	case 5
		ls_sql = "CREATE TABLE tx_trip (" + NL
		ls_sql += "   trip_id    int IDENTITY(1,1) NOT NULL PRIMARY KEY," + NL
		ls_sql += "   cab_no     varchar(" + String(ii_cab_len) + ") NOT NULL," + NL
		ls_sql += "   zone_cd    char(3)      NULL," + NL
		ls_sql += "   fare_amt   decimal(7,2) NOT NULL," + NL
		ls_sql += "   pickup_dt  datetime     NOT NULL)"
	case 6
		ls_sql = "CREATE TABLE tx_zone (zone_cd char(3) NOT NULL PRIMARY KEY, zone_name varchar(40) NOT NULL, base_fare decimal(5,2) NOT NULL)"
	case 7
		ls_sql = "ALTER TABLE tx_trip ADD shift_id int NULL"
	case 8
		ls_sql = "CREATE PROCEDURE txp_shift_takings @from datetime, @to datetime AS" + NL + &
			"SELECT s.shift_id, s.cab_no, s.driver_lic," + NL + &
			"       COUNT(*) AS trips, SUM(t.fare_amt) AS takings," + NL + &
			"       MAX(c.meter_km) AS odometer" + NL + &
			"  FROM tx_shift s" + NL + &
			"  JOIN tx_trip t ON t.shift_id = s.shift_id" + NL + &
			"  JOIN tx_cab c ON c.cab_no = s.cab_no" + NL + &
			" WHERE s.start_dt >= @from AND s.start_dt < @to" + NL + &
			" GROUP BY s.shift_id, s.cab_no, s.driver_lic"
	case 9
		ls_sql = "ALTER TABLE tx_trip ALTER COLUMN fare_amt decimal(9,2) NOT NULL"
end choose

return ls_sql
end event

event ue_area;return "fares"
end event

on n_cst_tx_patch_fares.create
call super::create
end on

on n_cst_tx_patch_fares.destroy
call super::destroy
end on

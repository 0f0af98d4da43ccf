$PBExportHeader$htl_app.sra
$PBExportComments$HotelDesk front office – application object: connection, the schema script of this build (gstr_ddl)
forward
global type htl_app from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
// the schema script of this build: filled in open, run by f_htl_run_ddl; f_htl_set_addcolumn appends to it
s_htl_ddl gstr_ddl[]
integer gi_ddl
string gs_ini = "hoteldesk.ini"
string gs_log
datastore gds_inhouse
end variables

global type htl_app from application
string appname = "htl_app"
end type
global htl_app htl_app

forward prototypes
public function datastore of_inhouse_ds ()
end prototypes

public function datastore of_inhouse_ds ();// the in-house list of the night audit, as a DataStore made from its SELECT
datastore lds
string ls_syntax, ls_err

ls_syntax = SQLCA.SyntaxFromSQL("SELECT s.room_no, s.checkin_dt, s.nightly_rate, f.folio_bal" + &
	" FROM dbo.htl_stay s LEFT JOIN dbo.htl_folio f ON f.stay_id = s.stay_id" + &
	" WHERE s.checkout_dt IS NULL", "style(type=grid)", ls_err)
If Len(ls_err) > 0 Then Return lds
lds = Create datastore
lds.Create(ls_syntax, ls_err)
lds.SetTransObject(SQLCA)
Return lds
end function

on htl_app.create
appname = "htl_app"
message = create message
sqlca = create transaction
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on htl_app.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// connect, queue this build's schema script (one element per DBA ticket), run it, then the front office
integer li_rc, li_file
long ll_plat
string ls_undo

SQLCA.DBMS = "MSOLEDBSQL SQL Server"
SQLCA.ServerName = ProfileString(gs_ini, "db", "server", "")
SQLCA.Database = ProfileString(gs_ini, "db", "database", "hoteldesk")
SQLCA.DBParm = "Provider='MSOLEDBSQL',TrustedConnection=1,AppName='HotelDesk'"
SQLCA.AutoCommit = True
CONNECT USING SQLCA ;
If SQLCA.SQLCode <> 0 Then
	MessageBox("HotelDesk", "Cannot connect – " + SQLCA.SQLErrText, StopSign!)
	Halt Close
End If
gs_log = ProfileString(gs_ini, "db", "ddl_log", "hoteldesk_ddl.log")

// HD-1400 the schema-bound view goes first: it would block the ALTER COLUMNs below
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1400"
gstr_ddl[gi_ddl].s_tag = "drop v_htl_in_house"
gstr_ddl[gi_ddl].s_sql = "IF OBJECT_ID(N'dbo.v_htl_in_house', N'V') IS NOT NULL DROP VIEW dbo.v_htl_in_house"

// HD-1412 guest tier (S standard, G gold, P platinum)
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1412"
gstr_ddl[gi_ddl].s_tag = "guest tier"
gstr_ddl[gi_ddl].s_sql = "IF NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS" + &
	" WHERE TABLE_SCHEMA = N'dbo' AND TABLE_NAME = N'htl_guest' AND COLUMN_NAME = N'guest_tier')" + &
	" BEGIN" + &
	" ALTER TABLE ~"dbo~".~"htl_guest~" ADD ~"guest_tier~" char(1) NOT NULL CONSTRAINT df_htl_guest_tier DEFAULT ('S');" + &
	" END"

// HD-1420 rate plans
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1420"
gstr_ddl[gi_ddl].s_tag = "rate plan table"
gstr_ddl[gi_ddl].s_sql = "IF OBJECT_ID(QUOTENAME(N'dbo') + N'.' + QUOTENAME(N'htl_rate_plan'), N'U') IS NULL" + &
	" BEGIN" + &
	" CREATE TABLE [dbo].[htl_rate_plan] (" + &
	" [rate_code] varchar(10) NOT NULL," + &
	" [rate_name] nvarchar(60) NOT NULL," + &
	" [nightly_rate] decimal(9,2) NOT NULL," + &
	" [guest_tier] char(1) NULL," + &
	" [valid_from] date NOT NULL," + &
	" CONSTRAINT [PK_htl_rate_plan] PRIMARY KEY CLUSTERED ([rate_code], [valid_from])" + &
	" );" + &
	" END"

// HD-1421 what the nightly rate import changed (MERGE ... OUTPUT below); columns in the order of inserted.*
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1421"
gstr_ddl[gi_ddl].s_tag = "rate plan log"
gstr_ddl[gi_ddl].s_sql = "IF OBJECT_ID(QUOTENAME(N'dbo') + N'.' + QUOTENAME(N'htl_rate_plan_log'), N'U') IS NULL" + &
	" CREATE TABLE [dbo].[htl_rate_plan_log] (" + &
	" [action_cd] nvarchar(10) NOT NULL, [rate_code] varchar(10) NOT NULL," + &
	" [rate_name] nvarchar(60) NOT NULL, [nightly_rate] decimal(12,2) NOT NULL," + &
	" [guest_tier] char(1) NULL, [valid_from] date NOT NULL" + &
	" )"

// HD-1433 the stay carries its rate (one ALTER for the three; the guard tests the first)
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1433"
gstr_ddl[gi_ddl].s_tag = "stay rate columns"
gstr_ddl[gi_ddl].s_sql = "IF COL_LENGTH(N'dbo.htl_stay', N'rate_code') IS NULL" + &
	" ALTER TABLE [dbo].[htl_stay] ADD" + &
	" [rate_code] varchar(10) NULL," + &
	" [nightly_rate] decimal(9,2) NULL," + &
	" [checkin_dt] datetime2(0) NULL"

// HD-1434 the default of the stay rate, named by our standard df_<table>_<column>
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1434"
gstr_ddl[gi_ddl].s_tag = "df_htl_stay_nightly_rate"
gstr_ddl[gi_ddl].s_sql = "IF OBJECT_ID(N'dbo.df_htl_stay_nightly_rate', N'D') IS NULL" + &
	" ALTER TABLE [dbo].[htl_stay] ADD CONSTRAINT [df_htl_stay_nightly_rate] DEFAULT (0) FOR [nightly_rate]"

// HD-1440 folio balance, kept by the night audit
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1440"
gstr_ddl[gi_ddl].s_tag = "folio balance"
gstr_ddl[gi_ddl].s_sql = "IF COL_LENGTH(N'dbo.htl_folio', N'folio_bal') IS NULL" + &
	" ALTER TABLE [dbo].[htl_folio] ADD [folio_bal] money NOT NULL CONSTRAINT [df_htl_folio_folio_bal] DEFAULT (0)"

// HD-1452 widening: the channel manager's rate codes are 16 long, IDR rates overflow decimal(9,2)
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1452"
gstr_ddl[gi_ddl].s_tag = "widen rates"
gstr_ddl[gi_ddl].s_sql = "ALTER TABLE [dbo].[htl_rate_plan] ALTER COLUMN [nightly_rate] decimal(12,2) NOT NULL;" + &
	" ALTER TABLE [dbo].[htl_stay] ALTER COLUMN [rate_code] varchar(16) NULL;"

// HD-1399 room numbers to 12 characters – withdrawn (the key card interface stays at 8); kept so nobody reopens it
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1399"
gstr_ddl[gi_ddl].s_tag = "widen room_no (withdrawn)"
gstr_ddl[gi_ddl].b_skip = True
gstr_ddl[gi_ddl].s_sql = "ALTER TABLE [dbo].[htl_room] ALTER COLUMN [room_no] varchar(12) NOT NULL"

// HD-1461 room blocks for groups
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1461"
gstr_ddl[gi_ddl].s_tag = "room blocks"
gstr_ddl[gi_ddl].s_sql = "IF OBJECT_ID(N'dbo.htl_room_block', N'U') IS NULL" + &
	" CREATE TABLE dbo.htl_room_block (" + &
	" block_id int IDENTITY(1,1) NOT NULL CONSTRAINT pk_htl_room_block PRIMARY KEY," + &
	" room_no varchar(8) NOT NULL, block_dt date NOT NULL," + &
	" rate_code varchar(16) NULL, nightly_rate decimal(12,2) NULL" + &
	" )"

/* HD-1388 first try at the folio balance, superseded by HD-1440 (a computed column could not be indexed)
gi_ddl ++
gstr_ddl[gi_ddl].s_sql = "ALTER TABLE dbo.htl_folio ADD folio_bal AS (charges_amt - paid_amt)"
*/

// PMS interface spec 3.2: one column each, appended by the helper
f_htl_set_addcolumn("htl_room", "room_no_alt", "varchar(8) NULL")
f_htl_set_addcolumn("htl_folio", "checkin_dt", "datetime2(0) NULL")
f_htl_set_addcolumn("htl_guest", "rate_code", "varchar(16) NULL")
f_htl_set_addcolumn("htl_room", "floor_no", "smallint NULL")

// HD-1466 the USD rate copy is gone from the channel feed
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1466"
gstr_ddl[gi_ddl].s_tag = "drop nightly_rate_usd"
gstr_ddl[gi_ddl].s_sql = "IF COL_LENGTH(N'dbo.htl_stay', N'nightly_rate_usd') IS NOT NULL" + &
	" ALTER TABLE [dbo].[htl_stay] DROP COLUMN [nightly_rate_usd]"

// HD-1470 nightly rate import (the log table above takes what changed)
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1470"
gstr_ddl[gi_ddl].s_tag = "rate import"
gstr_ddl[gi_ddl].s_sql = "MERGE dbo.htl_rate_plan WITH (HOLDLOCK) AS t" + &
	" USING dbo.htl_rate_import AS s" + &
	" ON t.rate_code = s.rate_code AND t.valid_from = s.valid_from" + &
	" WHEN MATCHED THEN" + &
	" UPDATE SET t.nightly_rate = s.nightly_rate, t.rate_name = s.rate_name" + &
	" WHEN NOT MATCHED BY TARGET THEN" + &
	" INSERT ([rate_code], [rate_name], [nightly_rate], [guest_tier], [valid_from])" + &
	" VALUES (s.rate_code, s.rate_name, s.nightly_rate, 'S', s.valid_from)" + &
	" OUTPUT $action, inserted.* INTO dbo.htl_rate_plan_log;"

// HD-1471 folio balances from the folio lines
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1471"
gstr_ddl[gi_ddl].s_tag = "folio balance backfill"
gstr_ddl[gi_ddl].s_sql = "UPDATE f SET f.folio_bal = x.bal" + &
	" FROM dbo.htl_folio AS f" + &
	" JOIN (SELECT l.folio_id, SUM(l.amount) AS bal FROM dbo.htl_folio_line AS l GROUP BY l.folio_id) AS x" + &
	" ON x.folio_id = f.folio_id" + &
	" WHERE f.folio_bal = 0 AND x.bal <> 0"

// HD-1472 group blocks from the sales module, one row per room and night
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1472"
gstr_ddl[gi_ddl].s_tag = "room block fill"
gstr_ddl[gi_ddl].s_sql = "INSERT INTO dbo.htl_room_block (room_no, block_dt, rate_code, nightly_rate)" + &
	" SELECT r.room_no, g.block_dt, g.rate_code, p.nightly_rate" + &
	" FROM dbo.htl_room AS r" + &
	" JOIN dbo.htl_group_block AS g ON g.room_type = r.room_type" + &
	" JOIN dbo.htl_rate_plan AS p ON p.rate_code = g.rate_code AND g.block_dt >= p.valid_from" + &
	" WHERE NOT EXISTS (SELECT 1 FROM dbo.htl_room_block AS b WHERE b.room_no = r.room_no AND b.block_dt = g.block_dt)" + &
	" ORDER BY r.room_no, g.block_dt"

// HD-1400 the in-house view, made again last (WITH SCHEMABINDING: two-part names, no *)
gi_ddl ++
gstr_ddl[gi_ddl].s_ticket = "HD-1400"
gstr_ddl[gi_ddl].s_tag = "create v_htl_in_house"
gstr_ddl[gi_ddl].s_sql = "CREATE VIEW dbo.v_htl_in_house WITH SCHEMABINDING AS" + &
	" SELECT s.stay_id, s.room_no, s.checkin_dt, s.nightly_rate," + &
	" g.guest_tier, f.folio_bal" + &
	" FROM dbo.htl_stay AS s" + &
	" JOIN dbo.htl_guest AS g ON g.guest_id = s.guest_id" + &
	" LEFT JOIN dbo.htl_folio AS f ON f.stay_id = s.stay_id" + &
	" WHERE s.checkout_dt IS NULL"

li_rc = f_htl_run_ddl(gstr_ddl, SQLCA)
If li_rc < 0 Then
	MessageBox("HotelDesk", "Schema script stopped at statement " + String(-li_rc) + " (" + &
		gstr_ddl[-li_rc].s_ticket + ") – see " + gs_log, Exclamation!)
End If

// undo of HD-1452 for the test copies: run by hand in SSMS, here it only goes to the log
ls_undo = "ALTER TABLE dbo.htl_stay ALTER COLUMN rate_code varchar(10) NULL"
li_file = FileOpen(gs_log, LineMode!, Write!, LockWrite!, Append!)
FileWrite(li_file, "undo HD-1452: " + ls_undo)
FileClose(li_file)

SELECT COUNT(*) INTO :ll_plat FROM dbo.htl_stay s JOIN dbo.htl_guest g ON g.guest_id = s.guest_id
	WHERE g.guest_tier = 'P' AND s.checkout_dt IS NULL USING SQLCA ;
gds_inhouse = this.of_inhouse_ds()
If IsValid(gds_inhouse) Then gds_inhouse.Retrieve()
Open(w_htl_frame)
w_htl_frame.Title = "HotelDesk – " + String(ll_plat) + " platinum guests in house"
end event

event close;If IsValid(gds_inhouse) Then Destroy gds_inhouse
DISCONNECT USING SQLCA ;
end event

event systemerror;MessageBox("HotelDesk", "Error " + String(Error.Number) + " in " + Error.Object + "." + Error.ObjectEvent + &
	" line " + String(Error.Line) + ": " + Error.Text, StopSign!)
end event

HA$PBExportHeader$n_cst_grn_dbschema.sru
$PBExportComments$GrainLink Elevator – schema maintenance for scale tickets, bins and settlements (DB 4.10 to 4.60)
forward
global type n_cst_grn_dbschema from nonvisualobject
end type
end forward

global type n_cst_grn_dbschema from nonvisualobject
end type
global n_cst_grn_dbschema n_cst_grn_dbschema

type prototypes
function ulong GetTickCount () library "kernel32.dll"
end prototypes

type variables
protected:
transaction itr_app
transaction itr_dba
long il_dbver
long il_target = 460
boolean ib_metric
boolean ib_dba_open
string is_owner = "dbo"
string is_inifile = "grainlnk.ini"
string is_lasterr
ulong iul_started
end variables

forward prototypes
public function integer of_settransobject (transaction atr_app)
public function string of_domain (string as_domain)
public function string of_sqlbind (string as_tpl, string as_p1, string as_p2, string as_p3)
protected function integer of_open_dba ()
protected function integer of_close_dba ()
protected function integer of_run (string as_sql)
protected function boolean of_colexists (string as_table, string as_column)
public function integer of_grn_set_addcolumn (string as_table, string as_column, string as_datatype)
protected function string of_ddl_ticket ()
protected function string of_ddl_bin ()
protected function integer of_create_ticket ()
protected function integer of_create_bin ()
protected function string of_proc_page (string as_proc, integer ai_page)
protected function integer of_install_proc (string as_proc)
protected function integer of_upgrade_to (long al_ver)
protected function long of_dbversion ()
protected function integer of_setversion (long al_ver)
protected function integer of_backfill ()
public function integer of_reset_shrink (string as_commodity, decimal adec_pct)
public function integer of_upgrade ()
public function string of_lasterror ()
end prototypes

public function integer of_settransobject (transaction atr_app);if IsNull(atr_app) or not IsValid(atr_app) then return -1
itr_app = atr_app
return 1
end function

public function string of_domain (string as_domain);// GrainLink data dictionary: every column type comes from a domain (DD 4.x, see \\grain01\dd\domains.xls)
choose case Upper(as_domain)
	case "D_ID"
		return "int"
	case "D_CODE"
		return "char(3)"
	case "D_BIN"
		return "varchar(8)"
	case "D_WEIGHT"
		return "decimal(11,1)"
	case "D_BUSHEL"
		return "decimal(13,2)"
	case "D_PCT"
		return "decimal(5,2)"
	case "D_PRICE"
		return "decimal(9,4)"
	case "D_DATE"
		return "datetime"
end choose
return "varchar(255)"
end function

public function string of_sqlbind (string as_tpl, string as_p1, string as_p2, string as_p3);// Fills the ? marks of as_tpl from left to right (like an ODBC statement, but on the client)
string ls_out, ls_arg[3]
long ll_pos
integer li_i

ls_out = as_tpl
ls_arg[1] = as_p1
ls_arg[2] = as_p2
ls_arg[3] = as_p3
for li_i = 1 to 3
	ll_pos = Pos(ls_out, "?")
	if ll_pos = 0 then exit
	ls_out = Replace(ls_out, ll_pos, 1, ls_arg[li_i])
next
return ls_out
end function

protected function integer of_open_dba ();// DDL runs under the DBA login from the INI file, never under the operator's login
if ib_dba_open then return 1
itr_dba = create transaction
itr_dba.DBMS = itr_app.DBMS
itr_dba.ServerName = itr_app.ServerName
itr_dba.Database = itr_app.Database
itr_dba.DBParm = itr_app.DBParm
itr_dba.LogId = ProfileString(is_inifile, "DBA", "LogId", itr_app.LogId)
itr_dba.LogPass = ProfileString(is_inifile, "DBA", "LogPass", itr_app.LogPass)
itr_dba.AutoCommit = true
connect using itr_dba;
if itr_dba.SQLCode <> 0 then
	is_lasterr = "DBA connect failed: " + itr_dba.SQLErrText
	destroy itr_dba
	return -1
end if
ib_dba_open = true
iul_started = GetTickCount()
return 1
end function

protected function integer of_close_dba ();if not ib_dba_open then return 0
disconnect using itr_dba;
destroy itr_dba
ib_dba_open = false
return 1
end function

protected function integer of_run (string as_sql);if not ib_dba_open then
	if of_open_dba() < 0 then return -1
end if
execute immediate :as_sql using itr_dba;
if itr_dba.SQLCode < 0 then
	is_lasterr = String(itr_dba.SQLDBCode) + " " + itr_dba.SQLErrText
	return -1
end if
return 0
end function

protected function boolean of_colexists (string as_table, string as_column);long ll_cnt

select count(*) into :ll_cnt
  from syscolumns c, sysobjects o
 where c.id = o.id and o.name = :as_table and c.name = :as_column
 using itr_app;
return (ll_cnt > 0)
end function

public function integer of_grn_set_addcolumn (string as_table, string as_column, string as_datatype);// Adds as_column to as_table unless it is there already (4.20 and later)
if of_colexists(as_table, as_column) then return 0
return of_run("ALTER TABLE " + is_owner + "." + as_table + " ADD " + as_column + " " + as_datatype)
end function

protected function string of_ddl_ticket ();// Scale ticket as laid out in DD 4.10; of_create_ticket() appends the 4.20 columns
string ls_sql

ls_sql = "CREATE TABLE dbo.grn_ticket (&
ticket_no int NOT NULL,&
ticket_dt datetime NOT NULL,&
grower_id int NOT NULL,&
commodity_cd char(3) NOT NULL,&
gross_wt decimal(11,1) NOT NULL,&
tare_wt decimal(11,1) NOT NULL,&
net_wt decimal(11,1) NULL,&
bin_no varchar(8) NULL,&
CONSTRAINT pk_grn_ticket PRIMARY KEY (ticket_no))"
return ls_sql
end function

protected function string of_ddl_bin ();// Storage bins; /*EXT*/ is where of_create_bin() puts the site-dependent columns
return "CREATE TABLE dbo.grn_bin (&
   bin_no varchar(8) NOT NULL,&
   site_cd char(3) NOT NULL,&
   capacity_bu decimal(13,2) NOT NULL,&
   commodity_cd char(3) NULL/*EXT*/,&
   CONSTRAINT pk_grn_bin PRIMARY KEY (bin_no))"
end function

protected function integer of_create_ticket ();string ls_sql

ls_sql = of_ddl_ticket()
// 4.20: moisture and dockage are graded at the probe and stored on the ticket.
// Drop the closing parenthesis and go on with the column list.
ls_sql = Left(ls_sql, Len(ls_sql) - 1) + ",~r~n   moisture_pct " + of_domain("D_PCT") + " NULL" + &
         ",~r~n   dockage_pct " + of_domain("D_PCT") + " NULL)"
return of_run(ls_sql)
end function

protected function integer of_create_bin ();string ls_sql
long ll_at

ls_sql = of_ddl_bin()
ll_at = Pos(ls_sql, "/*EXT*/")
if ll_at > 0 then
	ls_sql = Replace(ls_sql, ll_at, 7, ",~r~n   shrink_pct " + of_domain("D_PCT") + " NOT NULL DEFAULT 0")
end if
return of_run(ls_sql)
end function

protected function string of_proc_page (string as_proc, integer ai_page);// Procedure texts, one page per arm (the 4.x painter cut lines at 1,000 characters).
// of_install_proc() asks for page 1, 2, ... until it gets an empty string.
choose case Lower(as_proc) + ":" + String(ai_page)
	case "psp_grn_shrink:1"
		return "CREATE PROCEDURE dbo.psp_grn_shrink @ticket_no int AS~r~n&
BEGIN~r~n&
  SET NOCOUNT ON~r~n&
  UPDATE t~r~n&
     SET t.shrink_pct = s.shrink_pct,~r~n&
         t.net_wt = t.gross_wt - t.tare_wt~r~n&
    FROM dbo.grn_ticket t~r~n&
    JOIN dbo.grn_shrink_sched s ON s.commodity_cd = t.commodity_cd~r~n&
     AND s.moisture_pct = ROUND(t.moisture_pct, 1)~r~n&
   WHERE t.ticket_no = @ticket_no~r~n"
	case "psp_grn_shrink:2"
		return "  UPDATE dbo.grn_ticket~r~n&
     SET dry_bu = net_wt * (100 - shrink_pct - dockage_pct) / 100 / 60~r~n&
   WHERE ticket_no = @ticket_no~r~n&
END"
	case "psp_grn_settle:1"
		return "CREATE PROCEDURE dbo.psp_grn_settle @contract_no varchar(12), @price decimal(9,4) AS~r~n&
BEGIN~r~n&
  SET NOCOUNT ON~r~n&
  INSERT INTO dbo.grn_settlement (ticket_no, contract_no, dry_bu, settle_price, shrink_pct)~r~n&
  SELECT k.ticket_no, @contract_no, k.dry_bu, @price, k.shrink_pct~r~n"
	case "psp_grn_settle:2"
		return "    FROM dbo.grn_ticket k~r~n&
   WHERE k.ticket_no NOT IN (SELECT ticket_no FROM dbo.grn_settlement)~r~n&
     AND k.dry_bu IS NOT NULL~r~n"
	case "psp_grn_settle:3"
		return "  UPDATE b SET b.last_fill_dt = GETDATE()~r~n&
    FROM dbo.grn_bin b~r~n&
   WHERE EXISTS (SELECT 1 FROM dbo.grn_ticket k2 WHERE k2.bin_no = b.bin_no)~r~n&
END"
	case "psp_grn_purge:1"
		// kept for the 5.0 archive job, not installed by 4.x
		return "CREATE PROCEDURE dbo.psp_grn_purge @before datetime AS~r~n&
  DELETE FROM dbo.grn_ticket~r~n&
   WHERE ticket_dt < @before AND bin_no IS NULL"
end choose
return ""
end function

protected function integer of_install_proc (string as_proc);string ls_text, ls_page
integer li_page

li_page = 1
ls_page = of_proc_page(as_proc, li_page)
do while ls_page <> ""
	ls_text = ls_text + ls_page
	li_page ++
	ls_page = of_proc_page(as_proc, li_page)
loop
if ls_text = "" then return 0
if of_run("IF OBJECT_ID('dbo." + as_proc + "', 'P') IS NOT NULL DROP PROCEDURE dbo." + as_proc) < 0 then return -1
return of_run(ls_text)
end function

protected function integer of_upgrade_to (long al_ver);// Brings the database to release al_ver: first to the release before it (recursively), then this one.
integer li_rc
string ls_sql, ls_manual

if al_ver <= il_dbver or al_ver < 420 then return 0
li_rc = of_upgrade_to(al_ver - 10)
if li_rc < 0 then return li_rc

choose case al_ver
	case 420
		li_rc = of_create_ticket()
		if li_rc = 0 then li_rc = of_create_bin()

	case 430
		if not of_colexists("grn_ticket", "dry_bu") then li_rc = of_run(of_sqlbind("ALTER TABLE ? ADD dry_bu ?", "dbo.grn_ticket", of_domain("D_BUSHEL") + " NULL", ""))
		if li_rc = 0 then li_rc = of_grn_set_addcolumn("grn_bin", "last_fill_dt", of_domain("D_DATE") + " NULL")
		if li_rc < 0 then return li_rc
		ls_sql = of_sqlbind("CREATE TABLE ?.grn_settlement (&
settle_no int IDENTITY(1,1) NOT NULL,&
ticket_no int NOT NULL,&
contract_no varchar(12) NULL,&
dry_bu ?,&
settle_price ?,&
shrink_pct decimal(5,2) NULL)", is_owner, of_domain("D_BUSHEL") + " NOT NULL", of_domain("D_PRICE") + " NULL")
		li_rc = of_run(ls_sql)
		if li_rc < 0 then return li_rc
		if ib_metric then li_rc = of_grn_set_addcolumn("grn_settlement", "dry_kg", of_domain("D_WEIGHT") + " NULL") else li_rc = of_grn_set_addcolumn("grn_settlement", "test_wt_lb", "decimal(5,1) NULL")

	case 440
		// moisture meters now report thousandths (GAC 2100)
		li_rc = of_run(of_sqlbind("ALTER TABLE ? ALTER COLUMN ? ?", "dbo.grn_ticket", "moisture_pct", "decimal(6,3) NULL"))
		if li_rc = 0 then li_rc = this.of_grn_set_addcolumn("grn_ticket", "shrink_pct", of_domain("D_PCT") + " NULL")
		/* 4.40 beta had dry bushels on the bin as well - taken out again before release
		if li_rc = 0 then li_rc = of_grn_set_addcolumn("grn_bin", "dry_bu", of_domain("D_BUSHEL") + " NULL")
		*/

	case 450
		li_rc = of_run("ALTER TABLE dbo.grn_bin ADD &
avg_moisture_pct decimal(5,2) NULL,&
dockage_pct decimal(5,2) NULL")
		if li_rc = 0 then li_rc = of_run(of_sqlbind("ALTER TABLE ? ALTER COLUMN capacity_bu ?", "dbo.grn_bin", "decimal(15,2) NOT NULL", ""))
		if li_rc = 0 then li_rc = of_run(of_sqlbind("ALTER TABLE ? ALTER COLUMN bin_no ?", "dbo.grn_ticket", "varchar(12) NULL", ""))
		// the 4.10 test-weight column was never filled by the scale interface
		if li_rc = 0 then li_rc = of_run(of_sqlbind("ALTER TABLE ? DROP COLUMN ?", "dbo.grn_ticket", "test_wt", ""))
		if li_rc = 0 then li_rc = of_install_proc("psp_grn_settle")

	case 460
		li_rc = of_run(of_sqlbind("CREATE TABLE ?.grn_shrink_sched (&
commodity_cd char(3) NOT NULL,&
moisture_pct decimal(5,2) NOT NULL,&
shrink_pct decimal(5,2) NOT NULL,&
handling_pct decimal(5,2) NOT NULL,&
CONSTRAINT pk_grn_shrink_sched PRIMARY KEY (commodity_cd, moisture_pct))", is_owner, "", ""))
		if li_rc = 0 then li_rc = this.of_grn_set_addcolumn("grn_settlement", "net_wt", of_domain("D_WEIGHT") + " NULL")
		if li_rc = 0 then li_rc = of_install_proc("psp_grn_shrink")
		if li_rc < 0 then
			// older SQL Server 2000 sites: tell the operator what to run by hand
			ls_manual = "ALTER TABLE dbo.grn_ticket ADD dockage_pct decimal(5,2) NULL"
			MessageBox("GrainLink", "Upgrade to 4.60 failed: " + is_lasterr + "~r~nAsk the DBA to check:~r~n" + ls_manual, StopSign!)
		end if

	case else
		li_rc = 0
end choose

if li_rc = 0 then li_rc = of_setversion(al_ver)
return li_rc
end function

protected function long of_dbversion ();long ll_ver

select max(db_version) into :ll_ver from grn_sysinfo using itr_app;
if itr_app.SQLCode <> 0 or IsNull(ll_ver) then ll_ver = 410
return ll_ver
end function

protected function integer of_setversion (long al_ver);update grn_sysinfo set db_version = :al_ver, upgraded_dt = getdate() using itr_dba;
if itr_dba.SQLCode < 0 then
	is_lasterr = itr_dba.SQLErrText
	return -1
end if
il_dbver = al_ver
return 0
end function

protected function integer of_backfill ();// Tickets weighed before 4.20 have no net weight and no dry bushels
long ll_open

update grn_ticket
   set net_wt = gross_wt - tare_wt
 where net_wt is null
 using itr_dba;
if itr_dba.SQLCode < 0 then return -1

select count(*) into :ll_open
  from grn_ticket
 where bin_no is null and dry_bu is null
 using itr_app;
if ll_open > 0 then
	declare lp_shrink procedure for dbo.psp_grn_shrink @ticket_no = 0 using itr_dba;
	execute lp_shrink;
	close lp_shrink;
end if
return 0
end function

public function integer of_reset_shrink (string as_commodity, decimal adec_pct);// Called by w_grn_bins when the grading table changes
if of_open_dba() < 0 then return -1
prepare sqlsa from "UPDATE dbo.grn_bin SET shrink_pct = ? WHERE commodity_cd = ?" using itr_dba;
execute sqlsa using :adec_pct, :as_commodity;
if itr_dba.SQLCode < 0 then
	is_lasterr = itr_dba.SQLErrText
	return -1
end if
return 0
end function

public function integer of_upgrade ();integer li_rc

il_dbver = of_dbversion()
if il_dbver >= il_target then return 0
if of_open_dba() < 0 then return -1
li_rc = of_upgrade_to(il_target)
if li_rc = 0 then li_rc = of_backfill()
// if li_rc = 0 then li_rc = of_grn_set_addcolumn("grn_ticket", "net_wt_kg", "decimal(11,1) NULL")
of_close_dba()
return li_rc
end function

public function string of_lasterror ();return is_lasterr
end function

event constructor;ib_metric = (Upper(ProfileString(is_inifile, "Site", "Units", "US")) = "METRIC")
is_owner = ProfileString(is_inifile, "Database", "Owner", "dbo")
end event

event destructor;of_close_dba()
end event

on n_cst_grn_dbschema.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_grn_dbschema.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on


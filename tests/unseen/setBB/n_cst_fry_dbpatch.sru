HA$PBExportHeader$n_cst_fry_dbpatch.sru
$PBExportComments$Database patches 3.00 – 3.30 (Harbourline Software, 2011–2015)
forward
global type n_cst_fry_dbpatch from nonvisualobject
end type
end forward

global type n_cst_fry_dbpatch from nonvisualobject
end type
global n_cst_fry_dbpatch n_cst_fry_dbpatch

type variables
protected:
n_cst_fry_colset inv_audit
string is_add_tpl
constant string CS_ADD_TPL = "ALTER TABLE {t} ADD {c} {d}"
end variables

forward prototypes
public function long of_run ()
public function string of_fill (string as_text, string as_token, string as_value)
public function long of_fry_set_addcolumn (string as_table, string as_column, string as_definition)
protected function long of_patch_300 ()
protected function long of_patch_310 ()
protected function long of_patch_320 ()
protected function long of_patch_330 ()
protected subroutine of_stamp (long al_ver)
public function long of_lanes_without_length (long al_sailing)
end prototypes

public function long of_run ();long ll_ver

select isnull(max(ver_no), 0) into :ll_ver from fry_db_version using sqlca;
if sqlca.sqlcode < 0 then return -1

if ll_ver < 300 then
	if of_patch_300() < 0 then return -1
	of_stamp(300)
end if
if ll_ver < 310 then
	if of_patch_310() < 0 then return -1
	of_stamp(310)
end if
if ll_ver < 320 then
	if of_patch_320() < 0 then return -1
	of_stamp(320)
end if
if ll_ver < 330 then
	if of_patch_330() < 0 then return -1
	of_stamp(330)
end if
return 1
end function

public function string of_fill (string as_text, string as_token, string as_value);long ll_pos

ll_pos = Pos(as_text, as_token)
do while ll_pos > 0
	as_text = Replace(as_text, ll_pos, Len(as_token), as_value)
	ll_pos = Pos(as_text, as_token, ll_pos + Len(as_value))
loop
return as_text
end function

public function long of_fry_set_addcolumn (string as_table, string as_column, string as_definition);// template from the INI ([Patch] AddTemplate=…) so a site can add WITH VALUES or a schema prefix
string ls_sql
long ll_len

select col_length(name, :as_column) into :ll_len from sys.tables where name = :as_table using sqlca;
if ll_len > 0 then return 0

ls_sql = of_fill(is_add_tpl, "{t}", as_table)
ls_sql = of_fill(ls_sql, "{c}", as_column)
ls_sql = of_fill(ls_sql, "{d}", as_definition)
return f_fry_exec(ls_sql)
end function

protected function long of_patch_300 ();// 3.00: fares per sailing and the lanes of each vessel's car deck
n_cst_fry_colset lnv_cs
long ll_rc

lnv_cs = inv_audit          // autoinstantiated: a copy, the audit columns come first
lnv_cs.of_set("sailing_id", "int", false)
lnv_cs.of_set("fare_class", "char(2)", false)
lnv_cs.of_set("fare_amt", "money NOT NULL")
lnv_cs.of_set("port_cd", "char(5)", false)
ll_rc = f_fry_exec(lnv_cs.of_create("fry_sailing_fare"))
if ll_rc < 0 then return ll_rc

lnv_cs = inv_audit
lnv_cs.of_set("vessel_cd", "char(4)", false)
lnv_cs.of_set("deck_lane", "char(2)", false)
lnv_cs.of_set("lane_len_m", "decimal(6,2) NOT NULL")
return f_fry_exec(lnv_cs.of_create("fry_vessel_deck"))
end function

protected function long of_patch_310 ();// 3.10: bookings carry vessel, lane, vehicle length and fare; sailings their vessel and port
integer li_i
string ls_pair[] = {"vessel_cd", "char(4) NULL", &
	"deck_lane", "char(2) NULL", &
	"vehicle_len", "decimal(5,2) NULL", &
	"fare_amt", "money NULL"}

for li_i = 1 to UpperBound(ls_pair) step 2
	if of_fry_set_addcolumn("fry_booking", ls_pair[li_i], ls_pair[li_i + 1]) < 0 then return -1
next

if of_fry_set_addcolumn("fry_sailing", "vessel_cd", "char(4) NULL") < 0 then return -1
if of_fry_set_addcolumn("fry_sailing", "port_cd", "char(5) NULL") < 0 then return -1
// if of_fry_set_addcolumn("fry_booking", "port_cd", "char(5) NULL") < 0 then return -1  (3.10 beta, taken out)
return 1
end function

protected function long of_patch_320 ();// 3.20: deck side and vehicle height in one ALTER
n_cst_fry_colset lnv_cs

lnv_cs.of_set("deck_side", "char(1) NULL")
lnv_cs.of_set("vehicle_ht", "decimal(4,2)", true)
if lnv_cs.of_count() = 0 then return 0
return f_fry_exec(lnv_cs.of_add("fry_booking"))
end function

protected function long of_patch_330 ();// 3.30: lengths and fares made mandatory, the port list, a fare snapshot before repricing
string ls_step[]
integer li_i

ls_step[UpperBound(ls_step) + 1] = "UPDATE fry_booking SET vehicle_len = 0 WHERE vehicle_len IS NULL"
ls_step[UpperBound(ls_step) + 1] = "ALTER TABLE fry_booking ALTER COLUMN vehicle_len decimal(5,2) NOT NULL"
ls_step[UpperBound(ls_step) + 1] = "ALTER TABLE fry_sailing_fare ALTER COLUMN fare_amt decimal(9,2) NOT NULL"
ls_step[UpperBound(ls_step) + 1] = "CREATE TABLE fry_port (" + &
	"port_cd char(5) NOT NULL PRIMARY KEY, " + &
	"port_name nvarchar(60) NOT NULL, " + &
	"berth_cnt smallint NULL)"
ls_step[UpperBound(ls_step) + 1] = "SELECT sailing_id, fare_class, fare_amt, port_cd INTO fry_fare_snap_330" + &
	" FROM fry_sailing_fare"
ls_step[UpperBound(ls_step) + 1] = "UPDATE b SET fare_amt = f.fare_amt FROM fry_booking b" + &
	" JOIN fry_sailing_fare f ON f.sailing_id = b.sailing_id AND f.fare_class = b.fare_class" + &
	" WHERE b.fare_amt IS NULL"
ls_step[UpperBound(ls_step) + 1] = "CREATE INDEX IX_fry_booking_lane ON fry_booking (sailing_id, deck_lane)"
ls_step[UpperBound(ls_step) + 1] = "ALTER TABLE fry_sailing DROP COLUMN tide_flag"

for li_i = 1 to UpperBound(ls_step)
	if f_fry_exec(ls_step[li_i]) < 0 then return -1
next
return 1
end function

protected subroutine of_stamp (long al_ver);insert into fry_db_version (ver_no, applied_at) values (:al_ver, getdate()) using sqlca;
end subroutine

public function long of_lanes_without_length (long al_sailing);// lanes of a sailing with a vehicle of unknown length (shown after 3.30)
long ll_count

execute immediate "CREATE TABLE #fry_lane (deck_lane char(2) NOT NULL, vehicle_len decimal(5,2) NULL)" using sqlca;
if sqlca.sqlcode < 0 then return -1
insert into #fry_lane (deck_lane, vehicle_len)
	select deck_lane, vehicle_len from fry_booking
	where sailing_id = :al_sailing and vehicle_len is null using sqlca;
select count(distinct deck_lane) into :ll_count from #fry_lane using sqlca;
execute immediate "DROP TABLE #fry_lane" using sqlca;
return ll_count
end function

on n_cst_fry_dbpatch.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_fry_dbpatch.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

event constructor;is_add_tpl = ProfileString(gs_ini, "Patch", "AddTemplate", CS_ADD_TPL)

inv_audit.of_set("created_by", "varchar(30) NOT NULL DEFAULT SUSER_SNAME()")
inv_audit.of_set("created_at", "datetime NOT NULL DEFAULT GETDATE()")
end event


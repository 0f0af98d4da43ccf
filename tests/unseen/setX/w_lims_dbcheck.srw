$PBExportHeader$w_lims_dbcheck.srw
$PBExportComments$LIMS – database check and upgrade (results in µmol/L need the 4.6 columns)
forward
global type w_lims_dbcheck from window
end type
type st_status from statictext within w_lims_dbcheck
end type
type lb_steps from listbox within w_lims_dbcheck
end type
type dw_pending from datawindow within w_lims_dbcheck
end type
type dw_audit from datawindow within w_lims_dbcheck
end type
end forward

global type w_lims_dbcheck from window
integer width = 2606
integer height = 1700
boolean titlebar = true
string title = "LIMS database check"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event ue_upgrade ( )
event type long ue_exec ( string as_sql )
st_status st_status
lb_steps lb_steps
dw_pending dw_pending
dw_audit dw_audit
end type
global w_lims_dbcheck w_lims_dbcheck

type prototypes
function ulong GetTickCount() library "kernel32.dll"
end prototypes

type variables
s_lims_step istr_step[]
integer ii_dbver
constant string TPL_ADD = "IF COL_LENGTH('<OWNER>.<TABLE>', '<COL>') IS NULL ALTER TABLE <OWNER>.<TABLE> ADD <COL> <TYPE>"
end variables

forward prototypes
public function string wf_add (string as_table, string as_col, string as_type)
public function integer wf_lims_set_addcolumn (string as_col, string as_type, string as_table)
public function string wf_bind (string as_tpl, string as_val[])
public subroutine wf_load_steps ()
public function string wf_proc_flag ()
end prototypes

event ue_upgrade();// posted from open, so the window is painted while the schema is brought up to date
string ls_sql, ls_val[], ls_dbms, ls_sel, ls_err, ls_syntax
long ll_i, ll_cnt
ulong lul_start = GetTickCount()

setpointer(hourglass!)
select db_version into :ii_dbver from dbo.lab_sysinfo using sqlca;
if sqlca.sqlcode <> 0 then ii_dbver = 0
st_status.text = "Schema version " + string(ii_dbver)

// 1. columns of 4.0 - 4.4 (the helper skips what the tenant has)
wf_lims_set_addcolumn("specimen_no", "varchar(20) NULL", "lab_result")
wf_lims_set_addcolumn("loinc_cd", "varchar(10) NULL", "lab_test")
wf_lims_set_addcolumn("collect_site", "varchar(10) NULL", "lab_specimen")
// wf_lims_set_addcolumn("loinc_cd", "varchar(10) NULL", "lab_order")   // 4.1 only, see the DROP below

// 2. datetime2 needs the native driver; over ODBC / old OLE DB keep datetime
ls_dbms = upper(left(sqlca.dbms, 3))
if ls_dbms = "SNC" or ls_dbms = "MSO" then
   wf_lims_set_addcolumn("collect_ts", "datetime2(0) NULL", "lab_specimen")
elseif ls_dbms = "ODB" or ls_dbms = "OLE" then
   wf_lims_set_addcolumn("collect_ts", "datetime NULL", "lab_specimen")
elseif ls_dbms = "TRA" then
   st_status.text = "Trace driver: no schema change"
else
   wf_lims_set_addcolumn("collect_ts", "smalldatetime NULL", "lab_specimen")
end if

// 3. numeric results: before 3.0 they were kept as text
choose case ii_dbver
   case is < 30
      this.event ue_exec("UPDATE dbo.lab_result SET result_val = NULL WHERE ISNUMERIC(result_val) = 0")
      this.event ue_exec("ALTER TABLE dbo.lab_result ALTER COLUMN result_val decimal(18,6) NULL")
   case 30 to 44
      ls_sql = wf_add("lab_test", "ref_range", "varchar(40) NULL")
      this.event ue_exec(ls_sql)
   case else
      // 4.5 and later have both
end choose

// 4. link table, filled through the @@ template (table twice, then the columns)
ls_val[1] = "lab_order_link"
ls_val[2] = ls_val[1]
ls_val[3] = "order_id int NOT NULL"
ls_val[4] = "specimen_no varchar(20) NOT NULL"
ls_val[5] = "loinc_cd varchar(10) NULL"
ls_sql = wf_bind("IF OBJECT_ID('dbo.@@', 'U') IS NULL CREATE TABLE dbo.@@ (@@, @@, @@)", ls_val)
this.event ue_exec(ls_sql)

// 5. the 4.6 steps, shown one by one
wf_load_steps()
for ll_i = 1 to upperbound(istr_step)
   lb_steps.additem(istr_step[ll_i].s_label)
   if not istr_step[ll_i].b_required and ii_dbver >= 46 then continue
   if this.event ue_exec(istr_step[ll_i].s_sql) < 0 then lb_steps.additem("   failed")
next

// 6. results the new verification rule would reject (format 3: dynamic cursor)
ls_sql = "SELECT COUNT(*) FROM dbo.lab_result r JOIN dbo.lab_test t ON t.test_id = r.test_id" + &
   " WHERE r.verified_by IS NULL AND t.loinc_cd IS NOT NULL"
declare lc_unverified dynamic cursor for sqlsa;
prepare sqlsa from :ls_sql using sqlca;
open dynamic lc_unverified;
fetch lc_unverified into :ll_cnt;
close lc_unverified;
lb_steps.additem(string(ll_cnt) + " results wait for verification")

// 7. flagging procedure, then run once for the last 30 days (format 4: dynamic procedure)
declare lp_flag dynamic procedure for sqlsa;
try
   this.event ue_exec("IF OBJECT_ID('dbo.lsp_lims_flag_results', 'P') IS NOT NULL DROP PROCEDURE dbo.lsp_lims_flag_results")
   this.event ue_exec(wf_proc_flag())
   ls_sql = "dbo.lsp_lims_flag_results"
   prepare sqlsa from :ls_sql using sqlca;
   describe sqlsa into sqlda;
   setdynamicparm(sqlda, 1, datetime(relativedate(today(), -30)))
   execute dynamic lp_flag using descriptor sqlda;
   close lp_flag;
catch (runtimeerror lrte)
   lb_steps.additem("flagging failed: " + lrte.getmessage())
finally
   setpointer(arrow!)
end try

// 8. the 4.1 order column moved to lab_test
ls_sql = "IF COL_LENGTH('dbo.lab_order', 'loinc_cd') IS NOT NULL" + &
   " ALTER TABLE dbo.lab_order DROP COLUMN loinc_cd"
this.event ue_exec(ls_sql)

// 9. the pending-results list reads the new columns
ls_sel = "SELECT s.specimen_no, s.collect_ts, r.result_val, r.ref_range_lo, t.loinc_cd" + &
   " FROM dbo.lab_specimen s JOIN dbo.lab_result r ON r.specimen_no = s.specimen_no" + &
   " JOIN dbo.lab_test t ON t.test_id = r.test_id" + &
   " WHERE r.verified_by IS NULL ORDER BY s.collect_ts"
ls_err = dw_pending.modify("DataWindow.Table.Select='" + ls_sel + "'")
if ls_err = "" then
   dw_pending.settransobject(sqlca)
   dw_pending.retrieve()
end if

// 10. audit grid built from its SELECT
ls_sel = "SELECT a.audit_id, a.specimen_no, a.result_val, a.verified_by, a.audit_ts" + &
   " FROM dbo.lab_result_audit a WHERE a.audit_ts >= DATEADD(day, -7, GETDATE())"
ls_syntax = sqlca.syntaxfromsql(ls_sel, "style(type=grid)", ls_err)
if len(ls_err) = 0 then
   dw_audit.create(ls_syntax, ls_err)
   dw_audit.settransobject(sqlca)
   dw_audit.retrieve()
end if

// 11. the 4.2 pending view was retired in 4.6; the code stays for the 4.5 branch
goto done
this.event ue_exec("ALTER TABLE dbo.lab_specimen ADD verified_by int NULL")
ls_sql = "CREATE VIEW dbo.v_lab_pending AS SELECT specimen_no, collect_ts FROM dbo.lab_specimen WHERE verified_by IS NULL"
this.event ue_exec(ls_sql)

done:
// 12. for the DBA: the NOT NULL step is copied to the clipboard, never run from here
ls_sql = "ALTER TABLE dbo.lab_result ALTER COLUMN specimen_no varchar(20) NOT NULL"
clipboard(ls_sql)
st_status.text = "Done in " + string((GetTickCount() - lul_start) / 1000) + " s - the NOT NULL step is on the clipboard"
end event

event type long ue_exec(string as_sql);// every statement of the check; errors go to the list box
execute immediate :as_sql using sqlca;
if sqlca.sqlcode < 0 then
   lb_steps.additem("ERROR " + string(sqlca.sqldbcode) + ": " + sqlca.sqlerrtext)
   return -1
end if
return 0
end event

public function string wf_add (string as_table, string as_col, string as_type);// TPL_ADD with its tokens filled by the string service
string ls_sql

ls_sql = gnv_string.of_globalreplace(TPL_ADD, "<OWNER>", gs_owner)
ls_sql = gnv_string.of_globalreplace(ls_sql, "<TABLE>", as_table)
ls_sql = gnv_string.of_globalreplace(ls_sql, "<COL>", as_col, false)
ls_sql = gnv_string.of_globalreplace(ls_sql, "<TYPE>", as_type)
return ls_sql
end function

public function integer wf_lims_set_addcolumn (string as_col, string as_type, string as_table);// one column unless the tenant has it; PREPARE/EXECUTE so the driver trace shows the statement
string ls_sql

ls_sql = wf_add(as_table, as_col, as_type)
prepare sqlsa from :ls_sql using sqlca;
execute sqlsa;
if sqlca.sqlcode < 0 then
   lb_steps.additem("ERROR " + as_table + "." + as_col + ": " + sqlca.sqlerrtext)
   return -1
end if
return 0
end function

public function string wf_bind (string as_tpl, string as_val[]);// fills the @@ markers of as_tpl left to right with as_val[1], as_val[2], ...
string ls_out
long ll_pos, ll_n

ls_out = as_tpl
ll_pos = pos(ls_out, "@@")
do while ll_pos > 0
   ll_n ++
   if ll_n > upperbound(as_val) then exit
   ls_out = mid(ls_out, 1, ll_pos - 1) + as_val[ll_n] + mid(ls_out, ll_pos + 2)
   ll_pos = pos(ls_out, "@@", ll_pos + len(as_val[ll_n]))
loop
return ls_out
end function

public subroutine wf_load_steps ();// the 4.6 steps; b_required = false: skipped on databases already at 4.6
istr_step[1].s_label = "Result audit table"
istr_step[1].s_sql = "IF OBJECT_ID('dbo.lab_result_audit', 'U') IS NULL CREATE TABLE dbo.lab_result_audit (" + &
   "audit_id bigint IDENTITY(1,1) NOT NULL PRIMARY KEY, " + &
   "specimen_no varchar(20) NOT NULL, " + &
   "result_val decimal(18,6) NULL, " + &
   "verified_by int NULL, " + &
   "audit_ts datetime NOT NULL DEFAULT (GETDATE()))"
istr_step[1].b_required = true
istr_step[2].s_label = "Reference range per result"
istr_step[2].s_sql = "ALTER TABLE dbo.lab_result ADD ref_range varchar(40) NULL, ref_range_lo decimal(18,6) NULL"
istr_step[2].b_required = false
istr_step[3].s_label = "Verification"
istr_step[3].s_sql = "ALTER TABLE dbo.lab_result ADD verified_by int NULL, verified_ts datetime NULL"
istr_step[3].b_required = true
istr_step[4].s_label = "Result text (reports)"
istr_step[4].s_sql = "ALTER TABLE dbo.lab_result ADD result_val_txt varchar(80) NULL"
istr_step[4].b_required = false
istr_step[5].s_label = "Copy specimen numbers"
istr_step[5].s_sql = "UPDATE r SET r.specimen_no = s.specimen_no FROM dbo.lab_result r" + &
   " JOIN dbo.lab_specimen s ON s.specimen_id = r.specimen_id WHERE r.specimen_no IS NULL"
istr_step[5].b_required = true
end subroutine

public function string wf_proc_flag ();// lsp_lims_flag_results: H/L flag from the test's reference range; <OWNER> filled at the end
string ls_p

ls_p = "CREATE PROCEDURE <OWNER>.lsp_lims_flag_results @since datetime AS" + "~r~n" + &
   "BEGIN" + "~r~n" + &
   "   SET NOCOUNT ON;" + "~r~n" + &
   "   UPDATE r SET r.abn_flag = CASE" + "~r~n" + &
   "          WHEN r.result_val < t.ref_low THEN 'L'" + "~r~n" + &
   "          WHEN r.result_val > t.ref_high THEN 'H' ELSE 'N' END" + "~r~n" + &
   "     FROM <OWNER>.lab_result r" + "~r~n" + &
   "     JOIN <OWNER>.lab_specimen s ON s.specimen_no = r.specimen_no" + "~r~n" + &
   "     JOIN <OWNER>.lab_test t ON t.test_id = r.test_id" + "~r~n" + &
   "    WHERE s.collect_ts >= @since AND t.ref_range IS NOT NULL;" + "~r~n" + &
   "END"
return gnv_string.of_globalreplace(ls_p, "<OWNER>", gs_owner)
end function

on w_lims_dbcheck.create
this.st_status = create st_status
this.lb_steps = create lb_steps
this.dw_pending = create dw_pending
this.dw_audit = create dw_audit
this.Control[] = {this.st_status, this.lb_steps, this.dw_pending, this.dw_audit}
end on

on w_lims_dbcheck.destroy
destroy(this.st_status)
destroy(this.lb_steps)
destroy(this.dw_pending)
destroy(this.dw_audit)
end on

event open;// the upgrade runs after the window is painted
this.post event ue_upgrade()
end event

type st_status from statictext within w_lims_dbcheck
integer x = 37
integer y = 32
integer width = 2514
integer height = 72
string text = "Checking the database..."
end type

type lb_steps from listbox within w_lims_dbcheck
integer x = 37
integer y = 120
integer width = 1115
integer height = 1300
integer taborder = 10
boolean vscrollbar = true
end type

type dw_pending from datawindow within w_lims_dbcheck
integer x = 1179
integer y = 120
integer width = 1371
integer height = 640
integer taborder = 20
string dataobject = "d_lims_pending"
boolean vscrollbar = true
end type

type dw_audit from datawindow within w_lims_dbcheck
integer x = 1179
integer y = 780
integer width = 1371
integer height = 640
integer taborder = 30
boolean vscrollbar = true
end type

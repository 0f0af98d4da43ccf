$PBExportHeader$w_hm_upgrade_base.srw
$PBExportComments$Ancestor of the upgrade windows: statements are posted to ue_apply one by one
forward
global type w_hm_upgrade_base from window
end type
type st_progress from statictext within w_hm_upgrade_base
end type
end forward

global type w_hm_upgrade_base from window
integer width = 2290
integer height = 1240
boolean titlebar = true
string title = "HarborMaster – Upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event type long ue_prepare ( )
event ue_apply pbm_custom01
event ue_done ( )
event ue_rollback ( )
st_progress st_progress
end type
global w_hm_upgrade_base w_hm_upgrade_base

type variables
protected:
long il_posted, il_done, il_failed
string is_errors[]
string is_undo[]
string is_level
end variables

forward prototypes
public subroutine wf_queue (string as_sql)
public subroutine wf_push_undo (string as_sql)
public function string wf_pop_undo ()
public function integer wf_hm_set_addcolumn (string as_table, string as_column, string as_definition)
end prototypes

public subroutine wf_queue (string as_sql);// the statement travels in Message.StringParm; ue_apply runs it when the queue gets there
il_posted ++
this.PostEvent("ue_apply", 0, as_sql)
end subroutine

public subroutine wf_push_undo (string as_sql);is_undo[UpperBound(is_undo) + 1] = as_sql
end subroutine

public function string wf_pop_undo ();string ls_sql, ls_rest[]
long ll_n, ll_i

ll_n = UpperBound(is_undo)
if ll_n = 0 then return ""
ls_sql = is_undo[ll_n]
for ll_i = 1 to ll_n - 1
	ls_rest[ll_i] = is_undo[ll_i]
next
is_undo = ls_rest
return ls_sql
end function

public function integer wf_hm_set_addcolumn (string as_table, string as_column, string as_definition);long ll_has

SELECT COUNT(*) INTO :ll_has
  FROM sys.columns
 WHERE object_id = OBJECT_ID(:as_table) AND name = :as_column
 USING SQLCA;
if ll_has > 0 then return 0

wf_queue("ALTER TABLE dbo." + as_table + " ADD " + as_column + " " + as_definition)
wf_push_undo("ALTER TABLE dbo." + as_table + " DROP COLUMN " + as_column)
return 1
end function

event type long ue_prepare();if SQLCA.DBHandle() = 0 then return -1

SELECT param_value INTO :is_level
  FROM dbo.hm_sysparm
 WHERE param_cd = 'SCHEMA'
 USING SQLCA;
if SQLCA.SQLCode < 0 then return -1
if is_level >= "12.1" then return 1
return 0
end event

event ue_apply;string ls_sql

ls_sql = Message.StringParm
if IsNull(ls_sql) or Len(Trim(ls_sql)) = 0 then return

EXECUTE IMMEDIATE :ls_sql USING SQLCA;
if SQLCA.SQLCode < 0 then
	il_failed ++
	is_errors[UpperBound(is_errors) + 1] = SQLCA.SQLErrText
end if
il_done ++
st_progress.Text = String(il_done) + " / " + String(il_posted)
end event

event ue_done();if il_failed > 0 then
	this.Event ue_rollback()
	MessageBox("Upgrade", String(il_failed) + " statement(s) failed:~r~n" + is_errors[1], StopSign!)
	return
end if
UPDATE dbo.hm_sysparm SET param_value = '12.1' WHERE param_cd = 'SCHEMA' USING SQLCA;
COMMIT USING SQLCA;
end event

event ue_rollback();string ls_sql

ls_sql = wf_pop_undo()
do while Len(ls_sql) > 0
	EXECUTE IMMEDIATE :ls_sql USING SQLCA;
	ls_sql = wf_pop_undo()
loop
end event

on w_hm_upgrade_base.create
this.st_progress=create st_progress
this.Control[]={this.st_progress}
end on

on w_hm_upgrade_base.destroy
destroy(this.st_progress)
end on

type st_progress from statictext within w_hm_upgrade_base
integer x = 46
integer y = 1040
integer width = 1200
integer height = 64
long backcolor = 67108864
string text = "0 / 0"
end type


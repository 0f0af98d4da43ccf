$PBExportHeader$w_upd_progress.srw
$PBExportComments$バージョンアップ進捗画面（タイマーで 1 ステップずつ実行）
forward
global type w_upd_progress from window
end type
type hpb_step from hprogressbar within w_upd_progress
end type
type lb_next from listbox within w_upd_progress
end type
end forward

global type w_upd_progress from window
integer width = 1800
integer height = 900
boolean titlebar = true
string title = "データベース バージョンアップ"
windowtype windowtype = popup!
long backcolor = 67108864
event ue_postopen ( )
hpb_step hpb_step
lb_next lb_next
end type
global w_upd_progress w_upd_progress

type variables
string is_step[]
integer ii_pos
n_upd_patcher inv_patch
end variables

forward prototypes
public subroutine wf_build ()
end prototypes

event ue_postopen();inv_patch = Create n_upd_patcher
If inv_patch.of_run(SQLCA) = -1 Then
	MessageBox("バージョンアップ", "パッチの適用に失敗しました。", StopSign!)
	Return
End If
wf_build()
hpb_step.MaxPosition = UpperBound(is_step)
Timer(0.5)
end event

public subroutine wf_build ();// 7.x 在庫ロット関連の文を順に積む（実行は timer イベント、両 DBMS 共通の構文のみ）
is_step[UpperBound(is_step) + 1] = "CREATE TABLE t_zaiko_lot (" + &
	"lot_no varchar(20) NOT NULL, " + &
	"shiire_cd varchar(8) NULL, " + &
	"nohin_bi date NULL, " + &
	"zaiko_su numeric(12,3) NOT NULL, " + &
	"tanka numeric(13,2) NULL, " + &
	"PRIMARY KEY (lot_no))"
is_step[UpperBound(is_step) + 1] = "CREATE INDEX ix_t_zaiko_lot_shiire ON t_zaiko_lot (shiire_cd, nohin_bi)"
is_step[UpperBound(is_step) + 1] = "ALTER TABLE t_shiire ADD tax_kbn char(1) NULL"
is_step[UpperBound(is_step) + 1] = "ALTER TABLE t_chumon_meisai ADD lot_no varchar(20) NULL"
is_step[UpperBound(is_step) + 1] = "UPDATE t_chumon_meisai SET lot_no = '' WHERE lot_no IS NULL"
// 次のバージョンで適用予定（一覧に表示するだけ）
lb_next.AddItem("ALTER TABLE t_zaiko_lot ADD tax_kbn char(1) NULL")
end subroutine

on w_upd_progress.create
this.hpb_step=create hpb_step
this.lb_next=create lb_next
this.Control[]={this.hpb_step,&
this.lb_next}
end on

on w_upd_progress.destroy
destroy(this.hpb_step)
destroy(this.lb_next)
end on

event open;this.Post Event ue_postopen()
end event

event timer;string ls_sql

ii_pos++
If ii_pos > UpperBound(is_step) Then
	Timer(0)
	COMMIT USING SQLCA ;
	this.Title = "完了しました"
	Return
End If
hpb_step.Position = ii_pos
ls_sql = is_step[ii_pos]
EXECUTE IMMEDIATE :ls_sql USING SQLCA ;
If SQLCA.SQLCode = -1 Then
	Timer(0)
	ROLLBACK USING SQLCA ;
	MessageBox("エラー", SQLCA.SQLErrText, StopSign!)
End If
end event

event close;Destroy inv_patch
#IF DEFINED PBWEBFORM THEN
	// Web Forms 版ではログを書かない
#ELSE
	f_upd_script_save("upd_history.log", "8.0 " + String(Today(), "yyyy-mm-dd"))
#END IF
end event

type hpb_step from hprogressbar within w_upd_progress
integer x = 37
integer y = 40
integer width = 1700
integer height = 64
unsignedinteger maxposition = 100
unsignedinteger position = 0
integer setstep = 1
end type

type lb_next from listbox within w_upd_progress
integer x = 37
integer y = 140
integer width = 1700
integer height = 600
boolean vscrollbar = true
borderstyle borderstyle = stylelowered!
end type

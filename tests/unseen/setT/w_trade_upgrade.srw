$PBExportHeader$w_trade_upgrade.srw
$PBExportComments$Trade desk – tenant upgrade (support team only)
forward
global type w_trade_upgrade from window
end type
type st_sql from statictext within w_trade_upgrade
end type
type cb_upgrade from commandbutton within w_trade_upgrade
end type
type cb_close from commandbutton within w_trade_upgrade
end type
end forward

global type w_trade_upgrade from window
integer width = 2400
integer height = 1200
boolean titlebar = true
string title = "Trade desk – tenant upgrade"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
st_sql st_sql
cb_upgrade cb_upgrade
cb_close cb_close
end type
global w_trade_upgrade w_trade_upgrade

type variables
n_cst_trade_ddl inv_ddl
end variables

forward prototypes
public function integer wf_run (string as_sql)
end prototypes

public function integer wf_run (string as_sql);string ls_err

If gf_ddl_run(SQLCA, as_sql, ls_err) <> 0 Then
	MessageBox(this.title, 'Upgrade step failed:~r~n' + ls_err, StopSign!)
	Return -1
End If
Return 0
end function

on w_trade_upgrade.create
this.st_sql=create st_sql
this.cb_upgrade=create cb_upgrade
this.cb_close=create cb_close
this.Control[]={this.st_sql,&
this.cb_upgrade,&
this.cb_close}
end on

on w_trade_upgrade.destroy
destroy(this.st_sql)
destroy(this.cb_upgrade)
destroy(this.cb_close)
end on

event open;inv_ddl = Create n_cst_trade_ddl
// what support still does by hand on 7.x tenants – shown, not run
st_sql.Text = 'ALTER TABLE dbo.pfill_trade ADD trade_dt datetime NULL   -- DBA only, 7.x'
end event

event close;Destroy inv_ddl
end event

type st_sql from statictext within w_trade_upgrade
integer x = 37
integer y = 32
integer width = 2300
integer height = 820
integer textsize = -9
fontcharset fontcharset = ansi!
fontfamily fontfamily = modern!
string facename = "Courier New"
long textcolor = 33554432
long backcolor = 67108864
string text = "none"
end type

type cb_upgrade from commandbutton within w_trade_upgrade
integer x = 1577
integer y = 900
integer width = 343
integer height = 100
integer taborder = 10
integer textsize = -9
string facename = "Tahoma"
string text = "&Upgrade"
boolean default = true
end type

event clicked;string ls_sql, ls_script
long ll_missing
integer li_file

SetPointer(HourGlass!)
If inv_ddl.of_migrate(SQLCA) > 0 Then
	MessageBox(parent.title, String(inv_ddl.il_failed) + ' step(s) failed – see the log.')
End If

// the bid history gets the same price column as the bid table
ls_sql = 'ALTER TABLE dbo.pfill_bid_hist ADD ' + inv_ddl.of_coldef_bid()   // bid_px
st_sql.Text = ls_sql
If wf_run(ls_sql) <> 0 Then Return

// servicer cross-reference (only this window creates it)
ls_sql = 'CREATE TABLE dbo.pfill_svc_xref (' + &
	'servicer_cd char(4) NOT NULL, ' + &          // same width as pfill_trade
	'svc_name nvarchar(60) NOT NULL, ' + &
	'wac_rate decimal(7,5) NULL, ' + &
	'hedge_ratio decimal(7,4) NULL, ' + &         // default hedge for the servicer
	'CONSTRAINT PK_pfill_svc_xref PRIMARY KEY (servicer_cd))'
wf_run('IF OBJECT_ID(~'dbo.pfill_svc_xref~') IS NULL ' + ls_sql)

inv_ddl.of_trd_set_addcolumn('upb_amt', 'pfill_bid', 'money NULL')
inv_ddl.of_trd_set_addcolumn('servicer_cd', &
	'pfill_bid_hist', 'char(4) NULL')
/* 7.9 had this; 8.0 keeps wac_rate on the trade only
inv_ddl.of_trd_set_addcolumn('wac_rate', 'pfill_bid_hist', 'float NULL')
*/

// fill the new servicer codes from the cross-reference
ls_sql = "UPDATE b SET b.servicer_cd = ISNULL(x.servicer_cd, 'NONE') " + &
	"FROM dbo.pfill_bid b JOIN dbo.pfill_trade t ON t.trade_id = b.trade_id " + &
	"LEFT JOIN dbo.pfill_svc_xref x ON x.servicer_cd = t.servicer_cd"
wf_run(ls_sql)

// the summary procedure comes from the template object as one text
wf_run("IF OBJECT_ID('dbo.psp_pfill_bid_summary', 'P') IS NOT NULL DROP PROCEDURE dbo.psp_pfill_bid_summary")
ls_sql = inv_ddl.of_proc_bid_summary()
wf_run(ls_sql)

SELECT COUNT(*) INTO :ll_missing FROM dbo.pfill_trade WHERE trade_dt IS NULL USING SQLCA ;
If ll_missing > 0 Then
	MessageBox(parent.title, 'ALTER TABLE dbo.pfill_trade ALTER COLUMN trade_dt datetime NOT NULL' + &
		'~r~ncannot run yet: ' + String(ll_missing) + ' trade(s) without a date.')
	// saved for the DBA, not run
	ls_script = 'UPDATE dbo.pfill_trade SET trade_dt = settle_dt WHERE trade_dt IS NULL;~r~n' + &
		'ALTER TABLE dbo.pfill_trade ALTER COLUMN trade_dt datetime NOT NULL;'
	li_file = FileOpen('trade_dt_fix.sql', TextMode!, Write!, LockWrite!, Replace!)
	FileWrite(li_file, ls_script)
	FileClose(li_file)
	Return
End If
ls_sql = 'ALTER TABLE dbo.pfill_trade ALTER COLUMN trade_dt datetime NOT NULL'
wf_run(ls_sql)
end event

type cb_close from commandbutton within w_trade_upgrade
integer x = 1979
integer y = 900
integer width = 343
integer height = 100
integer taborder = 20
integer textsize = -9
string facename = "Tahoma"
string text = "&Close"
boolean cancel = true
end type

event clicked;Close(parent)
end event

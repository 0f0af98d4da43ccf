HA$PBExportHeader$w_tenant_upgrade.srw
$PBExportComments$Fenêtre de mise à niveau des locataires
forward
global type w_tenant_upgrade from w_master
end type
type st_sql from statictext within w_tenant_upgrade
end type
type dw_pool from datawindow within w_tenant_upgrade
end type
type cb_run from commandbutton within w_tenant_upgrade
end type
end forward

global type w_tenant_upgrade from w_master
integer width = 2514
integer height = 1620
string title = "Mise à niveau"
st_sql st_sql
dw_pool dw_pool
cb_run cb_run
end type
global w_tenant_upgrade w_tenant_upgrade

type variables
n_cst_tenant_upgrade inv_upgrade
datastore ids_trades
long il_investor = 1
end variables

on w_tenant_upgrade.create
int iCurrent
call super::create
this.st_sql=create st_sql
this.dw_pool=create dw_pool
this.cb_run=create cb_run
iCurrent=UpperBound(this.Control)
this.Control[iCurrent+1]=this.st_sql
this.Control[iCurrent+2]=this.dw_pool
this.Control[iCurrent+3]=this.cb_run
end on

on w_tenant_upgrade.destroy
call super::destroy
destroy(this.st_sql)
destroy(this.dw_pool)
destroy(this.cb_run)
end on

event open;call super::open;string ls_select, ls_rc

inv_upgrade = CREATE n_cst_tenant_upgrade
ids_trades = CREATE datastore
ids_trades.DataObject = "d_rx_trades"
ids_trades.SetTransObject(SQLCA)
ls_select = "SELECT t.trade_id, t.trade_amt, t.coupon_rt " + &
	"FROM rx_trade t " + &
	"WHERE t.investor_id = " + String(il_investor)
ids_trades.SetSQLSelect(ls_select)
ids_trades.Retrieve()

dw_pool.SetTransObject(SQLCA)
ls_rc = dw_pool.Modify("DataWindow.Table.Select='SELECT pool_id, div_by, factor_dt FROM rx_pool WHERE active_yn = ~~'Y~~''")
If ls_rc <> "" Then MessageBox("Modify", ls_rc)
dw_pool.Retrieve()

// pour information seulement : le DBA l'exécute à la main
st_sql.Text = "ALTER TABLE rx_trade ADD pay_rate numeric(9,4) NULL"
end event

event close;call super::close;DESTROY inv_upgrade
DESTROY ids_trades
end event

type st_sql from statictext within w_tenant_upgrade
integer x = 41
integer y = 1380
integer width = 2400
integer height = 64
integer textsize = -8
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
long textcolor = 33554432
long backcolor = 67108864
boolean focusrectangle = false
end type

type dw_pool from datawindow within w_tenant_upgrade
integer x = 41
integer y = 32
integer width = 2400
integer height = 1300
integer taborder = 10
string title = "none"
string dataobject = "d_rx_pool"
boolean vscrollbar = true
boolean livescroll = true
borderstyle borderstyle = stylelowered!
end type

type cb_run from commandbutton within w_tenant_upgrade
integer x = 2030
integer y = 1460
integer width = 411
integer height = 100
integer taborder = 20
integer textsize = -8
integer weight = 400
fontcharset fontcharset = ansi!
fontpitch fontpitch = variable!
fontfamily fontfamily = swiss!
string facename = "Tahoma"
string text = "&Exécuter"
end type

event clicked;long ll_rc

SetPointer(HourGlass!)
ll_rc = parent.inv_upgrade.of_upgrade()
If ll_rc <> 0 Then
	MessageBox("Mise à niveau", "Échec (" + String(ll_rc) + ")", StopSign!)
End If
end event


$PBExportHeader$pay_app.sra
$PBExportComments$Time & attendance - application object
forward
global type pay_app from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
n_tr_pay gtr_pay
string gs_schema = "dbo"
end variables

global type pay_app from application
string appname = "pay_app"
end type
global pay_app pay_app

on pay_app.create
appname = "pay_app"
message = CREATE message
sqlca = CREATE transaction
sqlda = CREATE dynamicdescriptionarea
sqlsa = CREATE dynamicstagingarea
error = CREATE error
end on

on pay_app.destroy
DESTROY(sqlca)
DESTROY(sqlda)
DESTROY(sqlsa)
DESTROY(error)
DESTROY(message)
end on

event open;/* the payroll database is opened through gtr_pay; SQLCA stays for the report DataWindows */
n_cst_pay_upgrade lnv_upg
string ls_ini = "tna.ini"

gtr_pay = CREATE n_tr_pay
gtr_pay.DBMS = ProfileString(ls_ini, "db", "dbms", "MSOLEDBSQL SQL Server")
gtr_pay.ServerName = ProfileString(ls_ini, "db", "server", "")
gtr_pay.Database = ProfileString(ls_ini, "db", "database", "tna")
gtr_pay.DBParm = "TrustedConnection=1,Provider='MSOLEDBSQL'"
gtr_pay.AutoCommit = TRUE
CONNECT USING gtr_pay;
IF gtr_pay.SQLCode <> 0 THEN
  MessageBox("Time & attendance", "No database: " + gtr_pay.SQLErrText, StopSign!)
  HALT CLOSE
END IF

// contracts end on a date, badge swipes keep the badge they were read with
f_pay_set_addcolumn("term_dt", "pay_contract", "date NULL")
f_pay_set_addcolumn("emp_badge", "pay_badge_swipe", "varchar(12) NOT NULL DEFAULT ('')")

lnv_upg = CREATE n_cst_pay_upgrade
IF lnv_upg.of_run() < 0 THEN
  MessageBox("Time & attendance", "The database upgrade failed, see tna_trace.log", Exclamation!)
END IF
DESTROY lnv_upg
end event

event close;DISCONNECT USING gtr_pay;
DESTROY gtr_pay
end event

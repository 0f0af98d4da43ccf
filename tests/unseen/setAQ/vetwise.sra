HA$PBExportHeader$vetwise.sra
$PBExportComments$VetWise practice management – application object
forward
global type vetwise from application
end type
global n_tr_vet sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_ini = "vetwise.ini"
string gs_clinic
end variables

global type vetwise from application
string appname = "vetwise"
string displayname = "VetWise"
end type
global vetwise vetwise

on vetwise.create
appname="vetwise"
message=create message
sqlca=create n_tr_vet
sqlda=create dynamicdescriptionarea
sqlsa=create dynamicstagingarea
error=create error
end on

on vetwise.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;str_vet_newcol lstr_new

SQLCA.DBMS = ProfileString(gs_ini, "Database", "DBMS", "MSOLEDBSQL SQL Server")
SQLCA.ServerName = ProfileString(gs_ini, "Database", "Server", "(local)")
SQLCA.Database = ProfileString(gs_ini, "Database", "Database", "VetWise")
SQLCA.DBParm = "Provider='MSOLEDBSQL',TrustedConnection=1"
SQLCA.AutoCommit = True
gs_clinic = ProfileString(gs_ini, "Clinic", "Code", "MAIN")

CONNECT USING SQLCA;
If SQLCA.SQLCode <> 0 Then
	MessageBox("VetWise", "Cannot connect to the practice database:~r~n" + SQLCA.SQLErrText, StopSign!)
	Halt Close
End If

// Columns the 2021 lab interface (IDEXX/Antech orders) needs, whatever the schema level.
// The upgrade dialog shows them and adds the missing ones.
lstr_new.s_table[1] = "vet_patient"
lstr_new.s_column[1] = "rabies_tag"
lstr_new.s_definition[1] = "varchar(12) NULL"
lstr_new.s_table[2] = "vet_visit"
lstr_new.s_column[2] = "lab_order_no"
lstr_new.s_definition[2] = "varchar(20) NULL"
lstr_new.s_table[3] = "vet_weight_hist"
lstr_new.s_column[3] = "species_cd"
lstr_new.s_definition[3] = "char(3) NULL"
lstr_new.i_count = 3

OpenWithParm(w_vet_dbupgrade, lstr_new)
If Message.DoubleParm = -1 Then
	DISCONNECT USING SQLCA;
	Halt Close
End If
Open(w_vet_frame)
end event

event close;DISCONNECT USING SQLCA;
end event

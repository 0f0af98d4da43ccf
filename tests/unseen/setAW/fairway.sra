HA$PBExportHeader$fairway.sra
$PBExportComments$FairwayPro – tee sheet, members and carts (club edition)
forward
global type fairway from application
end type
global transaction sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_ini = "fairway.ini"
string gs_club_cd
integer gi_edition
end variables

global type fairway from application
string appname = "fairway"
string themepath = "C:\Program Files (x86)\Appeon\PowerBuilder 17.0\IDE\theme"
string themename = "Do Not Use Themes"
boolean nativepdfvalid = false
boolean nativepdfincludecustomfont = false
string nativepdfappname = ""
long richtextedittype = 2
long richtexteditx64type = 3
long richtexteditversion = 1
string richtexteditkey = ""
string appicon = "fairway.ico"
string appruntimeversion = "17.2.0.1914"
boolean manualsession = false
boolean unsupportedapierror = false
end type
global fairway fairway

on fairway.create
appname="fairway"
message=create message
sqlca=create transaction
sqlda=create dynamicdescriptionarea
sqlsa=create dynamicstagingarea
error=create error
end on

on fairway.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;long ll_rated

SQLCA.DBMS       = ProfileString(gs_ini, "Database", "DBMS", "SNC SQL Native Client(OLE DB)")
SQLCA.ServerName = ProfileString(gs_ini, "Database", "ServerName", "(local)")
SQLCA.Database   = ProfileString(gs_ini, "Database", "Database", "fairway")
SQLCA.DBParm     = "Provider='SQLNCLI11',Database='" + SQLCA.Database + "',TrustedConnection=1"
SQLCA.AutoCommit = true   // the upgrade runs DDL
CONNECT USING SQLCA;
if SQLCA.SQLCode <> 0 then
	MessageBox("FairwayPro", "No connection to the club database:~r~n" + SQLCA.SQLErrText, StopSign!)
	HALT CLOSE
end if

gs_club_cd = ProfileString(gs_ini, "Club", "Code", "01")
gi_edition = ProfileInt(gs_ini, "Club", "Edition", 1)
if ProfileInt(gs_ini, "Upgrade", "Pending", 1) = 1 then
	Open(w_gc_upgrade)
end if

// members with an official handicap, for the status bar
SELECT COUNT(*) INTO :ll_rated FROM gc_member
  WHERE handicap_idx IS NOT NULL AND club_cd = :gs_club_cd USING SQLCA;
end event

event close;DISCONNECT USING SQLCA;
end event

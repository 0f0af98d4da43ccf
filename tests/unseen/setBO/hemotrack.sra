HA$PBExportHeader$hemotrack.sra
$PBExportComments$HemoTrack – regional blood centre: donors, collections, inventory
forward
global type hemotrack from application
end type
global n_tr_hemo sqlca
global dynamicdescriptionarea sqlda
global dynamicstagingarea sqlsa
global error error
global message message
end forward

global variables
string gs_ini = "hemotrack.ini"
long gl_site_id
end variables

global type hemotrack from application
string appname = "hemotrack"
string displayname = "HemoTrack"
end type
global hemotrack hemotrack

on hemotrack.create
appname = "hemotrack"
message = create message
sqlca = create n_tr_hemo
sqlda = create dynamicdescriptionarea
sqlsa = create dynamicstagingarea
error = create error
end on

on hemotrack.destroy
destroy(sqlca)
destroy(sqlda)
destroy(sqlsa)
destroy(error)
destroy(message)
end on

event open;// Connect, bring the schema up to date, then open the frame
n_cst_hb_migrator lnv_mig
integer li_rc
long ll_unknown, ll_deferred
datetime ldt_now

gl_site_id = ProfileInt(gs_ini, "Site", "Id", 1)
sqlca.DBMS = ProfileString(gs_ini, "Database", "DBMS", "MSS")
sqlca.ServerName = ProfileString(gs_ini, "Database", "Server", "")
sqlca.Database = ProfileString(gs_ini, "Database", "Database", "HemoTrack")
sqlca.DBParm = "Provider='SQLNCLI11',TrustedConnection=1"
sqlca.AutoCommit = True
Connect Using sqlca;
If sqlca.SQLCode <> 0 Then
	MessageBox("HemoTrack", "Cannot connect: " + sqlca.SQLErrText, StopSign!)
	Halt Close
End If

lnv_mig = Create n_cst_hb_migrator
li_rc = lnv_mig.of_run(sqlca)
Destroy lnv_mig
If li_rc < 0 Then
	MessageBox("HemoTrack", "The database upgrade failed – see hb_schema_log.", StopSign!)
	Halt Close
End If

// units in stock without a blood group block the issue screen
ldt_now = DateTime(Today(), Now())
SELECT Count(*)
  INTO :ll_unknown
  FROM hb_unit
 WHERE abo_rh IS NULL
   AND expire_dt > :ldt_now
 USING sqlca;
If ll_unknown > 0 Then
	MessageBox("HemoTrack", String(ll_unknown) + " units in stock have no ABO/Rh – quarantine them.", Exclamation!)
End If

SELECT Count(*) INTO :ll_deferred FROM hb_deferral
 WHERE defer_until_dt >= :ldt_now AND defer_reason <> 'TRAVEL'
 USING sqlca;

Open(w_hb_frame)
end event


$PBExportHeader$n_cst_fibu_migration.sru
$PBExportComments$FiBu-Datenbankanpassung Releases 4.x bis 6.x (Abteilung Anwendungsentwicklung, Köln)
forward
global type n_cst_fibu_migration from nonvisualobject
end type
end forward

global type n_cst_fibu_migration from nonvisualobject
end type
global n_cst_fibu_migration n_cst_fibu_migration

type variables
Protected:
transaction	itr
n_cst_string	inv_string
string	is_dbms
string	is_schema = "dbo."
constant string CS_VORLAGE_ADD = "IF COL_LENGTH('@TAB@','@COL@') IS NULL ALTER TABLE @TAB@ ADD @COL@ @TYP@"
constant string CS_TAB_ZAHLPLAN = "zahl_plan"
constant string CS_TYP_PROZENT = "decimal(5,2) NULL"
end variables

forward prototypes
public function integer of_start (transaction atr)
public function long of_exec (string as_sql)
public function long of_exec_direkt (string as_sql)
public function long of_fibu_set_addcolumn (string as_tabelle, string as_spalte, string as_typ)
protected function integer of_tabellen ()
protected function s_fibu_schritt of_schritt (integer ai_nr)
protected function integer of_schritte ()
protected function integer of_dbms_spalten ()
protected subroutine of_zeile (ref string as_puffer, string as_zeile)
protected function integer of_trigger ()
protected function integer of_korrektur ()
end prototypes

public function integer of_start (transaction atr);// Einstieg aus dem Menü (m_fibu_haupt, Extras -> Datenbank aktualisieren)
itr = atr
is_dbms = Upper(Left(itr.DBMS, 3))
If of_tabellen() < 0 Then Return -1
If of_schritte() < 0 Then Return -1
of_dbms_spalten()
// 6.0: Zusatzspalten über den Vorlagen-Helfer
of_fibu_set_addcolumn("op_posten", "bonitaet_kz", "char(1) NULL")
of_fibu_set_addcolumn(is_schema + "kunde", "bonitaet_kz", "char(1) NOT NULL DEFAULT 'B'")
//of_fibu_set_addcolumn("fibu_konto", "mahn_stufe", "smallint NULL")
If of_fibu_set_addcolumn("zahl_plan", "zins_satz", "decimal(6,3) NULL") <> 0 Then Return -1
of_fibu_set_addcolumn(CS_TAB_ZAHLPLAN, "mwst_satz", CS_TYP_PROZENT)
of_fibu_set_addcolumn(CS_TAB_ZAHLPLAN, "faellig_am", "datetime NULL")
of_trigger()
of_korrektur()
UPDATE op_posten SET mahn_stufe = 0 WHERE mahn_stufe IS NULL USING itr;
COMMIT USING itr;
Return 1
end function

public function long of_exec (string as_sql);// Ausführung mit Hinweisfenster: w_fibu_sqlrun führt aus und gibt SQLCode zurück
OpenWithParm(w_fibu_sqlrun, as_sql)
Return Message.DoubleParm
end function

public function long of_exec_direkt (string as_sql);EXECUTE IMMEDIATE :as_sql USING itr;
Return itr.SQLCode
end function

public function long of_fibu_set_addcolumn (string as_tabelle, string as_spalte, string as_typ);// Spalte nur anlegen, wenn sie fehlt (Vorlage mit Platzhaltern)
string ls_sql

ls_sql = inv_string.of_globalreplace(CS_VORLAGE_ADD, "@TAB@", as_tabelle)
ls_sql = inv_string.of_globalreplace(ls_sql, "@COL@", as_spalte)
ls_sql = inv_string.of_globalreplace(ls_sql, "@TYP@", as_typ)
Return of_exec_direkt(ls_sql)
end function

protected function integer of_tabellen ();string ls_sql

// 4.0: Mahnwesen (@S@ = Schema des Mandanten)
ls_sql = "CREATE TABLE @S@mahnung (~r~n" + &
	"  mahn_id     int           NOT NULL,~r~n" + &
	"  beleg_nr    char(12)      NOT NULL,~r~n" + &
	"  mahn_stufe  smallint      NOT NULL DEFAULT 0,~r~n" + &
	"  mahn_datum  datetime      NULL,~r~n" + &
	"  zins_satz   decimal(6,3)  NULL,~r~n" + &
	"  gebuehr     money         NULL,~r~n" + &
	"  CONSTRAINT pk_mahnung PRIMARY KEY (mahn_id))"
ls_sql = inv_string.of_globalreplace(ls_sql, "@S@", is_schema)
If of_exec(ls_sql) <> 0 Then Return -1

// 4.2: Bonität (Kleinschreibung aus dem Skript der Kreditabteilung übernommen)
If of_exec_direkt("create table kunde_bonitaet (" + &
	"kd_nr char(10) not null primary key, " + &
	"bonitaet_kz char(1) not null default 'B', " + &
	"pruef_datum datetime null, limit_betrag money null)") <> 0 Then
	Return -1
End If
Return 1
end function

protected function s_fibu_schritt of_schritt (integer ai_nr);// Spaltenschritte 5.x - ein Schritt je Aufruf, b_ende beendet die Liste
s_fibu_schritt lstr

lstr.b_aktiv = True
lstr.b_ende = False
Choose Case ai_nr
	Case 1
		lstr.s_tabelle = "op_posten"
		lstr.s_spalte = "zins_satz decimal(6,3) NULL"
	Case 2
		lstr.s_tabelle = "op_posten"
		lstr.s_spalte = "mahn_stufe smallint NOT NULL DEFAULT 0"
	Case 3
		lstr.s_tabelle = "fibu_konto"
		lstr.s_spalte = "mwst_satz decimal(5,2) NULL"
	Case 4
		// seit 5.3 über of_dbms_spalten (Oracle-Syntax weicht ab) - Schritt stillgelegt
		lstr.s_tabelle = "fibu_konto"
		lstr.s_spalte = "skonto_pct decimal(5,2) NULL"
		lstr.b_aktiv = False
	Case 5
		lstr.s_tabelle = "op_posten"
		lstr.s_spalte = "faellig_am datetime NULL"
	Case 6
		lstr.b_ende = True
	Case 7
		// 5.4 geplant, nie freigegeben (steht hinter dem Ende-Schritt)
		lstr.s_tabelle = "zahl_plan"
		lstr.s_spalte = "bonitaet_kz char(1) NULL"
End Choose
Return lstr
end function

protected function integer of_schritte ();s_fibu_schritt lstr
integer li_nr
string ls_sql

For li_nr = 1 To 20
	lstr = of_schritt(li_nr)
	If lstr.b_ende Then Exit
	If Not lstr.b_aktiv Then Continue
	ls_sql = "ALTER TABLE " + is_schema + lstr.s_tabelle + " ADD " + lstr.s_spalte
	If of_exec_direkt(ls_sql) <> 0 Then Return -1
Next
Return 1
end function

protected function integer of_dbms_spalten ();string ls_sql

// 5.3: Skonto - Syntax je Datenbanksystem (Kunden mit Oracle, SQL Anywhere und MS SQL Server)
Choose Case is_dbms
	Case "O73", "O84", "O90", "O10", "ORA"
		ls_sql = "ALTER TABLE fibu_konto ADD (" + &
			"skonto_pct NUMBER(5,2) NULL, " + &
			"skonto_tage NUMBER(3) NULL)"
	Case "ODB", "ASA"
		ls_sql = "ALTER TABLE fibu_konto ADD skonto_pct numeric(5,2) NULL, " + &
			"ADD skonto_tage smallint NULL"
	Case Else
		ls_sql = "ALTER TABLE fibu_konto ADD skonto_pct decimal(5,2) NULL, skonto_tage smallint NULL"
End Choose
Return of_exec(ls_sql)
end function

protected subroutine of_zeile (ref string as_puffer, string as_zeile);// hängt eine Zeile an den Puffer an
If Len(as_puffer) > 0 Then as_puffer = as_puffer + "~r~n"
as_puffer = as_puffer + as_zeile
end subroutine

protected function integer of_trigger ();// 6.0: Mahnstufe bei Änderung des Fälligkeitsdatums fortschreiben
string ls_trg

of_exec_direkt("IF OBJECT_ID('dbo.trg_op_posten_mahn', 'TR') IS NOT NULL DROP TRIGGER dbo.trg_op_posten_mahn")
of_zeile(ls_trg, "CREATE TRIGGER dbo.trg_op_posten_mahn ON dbo.op_posten FOR UPDATE AS")
of_zeile(ls_trg, "BEGIN")
of_zeile(ls_trg, "  IF NOT UPDATE(faellig_am) RETURN")
of_zeile(ls_trg, "  UPDATE m SET m.mahn_stufe = m.mahn_stufe + 1, m.zins_satz = k.zins_satz")
of_zeile(ls_trg, "    FROM dbo.mahnung m")
of_zeile(ls_trg, "    JOIN inserted i ON i.beleg_nr = m.beleg_nr")
of_zeile(ls_trg, "    JOIN dbo.fibu_konto k ON k.konto_nr = i.konto_nr")
of_zeile(ls_trg, "   WHERE i.faellig_am < GETDATE() AND k.mwst_satz IS NOT NULL")
of_zeile(ls_trg, "  INSERT INTO dbo.mahnung (beleg_nr, mahn_stufe, mahn_datum, zins_satz)")
of_zeile(ls_trg, "  SELECT i.beleg_nr, 1, GETDATE(), i.zins_satz FROM inserted i")
of_zeile(ls_trg, "   WHERE NOT EXISTS (SELECT 1 FROM dbo.mahnung x WHERE x.beleg_nr = i.beleg_nr)")
of_zeile(ls_trg, "END")
Return of_exec(ls_trg)
end function

protected function integer of_korrektur ();string ls_sql

// 6.1: höhere Genauigkeit für Verzugszinsen
ls_sql = "ALTER TABLE mahnung ALTER COLUMN zins_satz decimal(7,4) NULL"
of_exec(ls_sql)
// nur zur Kontrolle durch den DBA anzeigen - NICHT ausführen (tinyint bricht Altdaten)
OpenWithParm(w_fibu_sqlanzeige, "ALTER TABLE op_posten ALTER COLUMN mahn_stufe tinyint NOT NULL")
UPDATE op_posten SET faellig_am = DATEADD(day, 30, beleg_datum) WHERE faellig_am IS NULL USING itr;
Return 1
end function

on n_cst_fibu_migration.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_fibu_migration.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

$PBExportHeader$n_cst_maj_v126.sru
$PBExportComments$Mise à jour du schéma Caissa 12.6 (remises, TVA, clôtures, fidélité)
forward
global type n_cst_maj_v126 from n_cst_maj_base
end type
end forward

global type n_cst_maj_v126 from n_cst_maj_base
end type
global n_cst_maj_v126 n_cst_maj_v126

type variables
Private:
// Schéma 11.x abandonné : gardé pour mémoire, jamais activé
constant boolean CB_SCHEMA_V11 = false
constant integer CI_LARGEUR = 16
// Colonnes de pdv_ligne au format fixe : le nom sur 16 caractères, puis la définition
string is_fixe[] = { &
	"taux_remise     decimal(5,2) NULL", &
	"code_tva        char(2) NOT NULL DEFAULT ('T1') WITH VALUES", &
	"prix_net        money NULL" }
end variables

forward prototypes
protected function string of_colonnes_ticket ()
private function string of_aligner (string as_nom)
private subroutine of_lignes_fixes ()
private function string of_proc_cloture ()
end prototypes

event ue_preparer;call super::ue_preparer;// 12.6 : étapes propres à cette version (l'ancêtre a déjà rangé pdv_ticket)
string ls_sql, ls_tables[]
any la_def
integer li_k

// 1. Clôtures de caisse
ls_sql = "CREATE TABLE dbo.pdv_cloture (" + is_nl
ls_sql += of_aligner("id_cloture") + "int IDENTITY(1,1) NOT NULL," + is_nl
ls_sql += of_aligner("num_caisse") + "smallint NOT NULL," + is_nl
ls_sql += of_aligner("date_cloture") + "datetime2(0) NOT NULL," + is_nl
ls_sql += of_aligner("total_ttc") + "money NOT NULL," + is_nl
ls_sql += "   CONSTRAINT PK_pdv_cloture PRIMARY KEY CLUSTERED (num_caisse, date_cloture))"
of_ajouter(ls_sql)

// 2. Selon la version trouvée dans pdv_param
Choose Case True
	Case ii_version < 1200
		// bases 11.x : ni date de clôture ni motif d'annulation sur les tickets
		of_ajouter("ALTER TABLE dbo.pdv_ticket ADD date_cloture datetime NULL, " + &
			"motif_annul nvarchar(80) NULL")
	Case ii_version < 1260
		of_ajouter("ALTER TABLE dbo.pdv_ticket ADD date_cloture datetime NULL")
		of_ajouter("ALTER TABLE dbo.pdv_ticket ALTER COLUMN motif_annul nvarchar(120) COLLATE French_CI_AS NULL")
	Case Else
		// déjà à jour
End Choose

If CB_SCHEMA_V11 Then
	of_ajouter("ALTER TABLE dbo.pdv_ticket ALTER COLUMN taux_remise decimal(4,2) NULL")
End If

// 3. Fidélité : la définition passe par un any (héritage de l'ancien assistant de paramétrage)
la_def = "int NOT NULL CONSTRAINT DF_pdv_client_points DEFAULT (0)"
of_pdv_set_addcolumn("points_fidelite", String(la_def), "pdv_client")
of_pdv_set_addcolumn("code_tva", "char(2) NULL", "pdv_article")
If ii_version >= 1100 Then of_pdv_set_addcolumn("num_caisse", "smallint NULL", "pdv_client")
of_pdv_set_addcolumn("date_cloture", &
	"datetime NULL", &
	"pdv_fond_caisse")

ls_tables = {"pdv_carte", "pdv_carte_hist"}
li_k = 0
Do
	li_k ++
	of_ajouter("ALTER TABLE dbo." + ls_tables[li_k] + " ADD points_fidelite int NOT NULL DEFAULT (0)")
Loop While li_k < UpperBound(ls_tables)
of_ajouter("ALTER TABLE dbo.pdv_client ALTER COLUMN points_fidelite bigint NOT NULL")

/* Reporté à la 12.7 (demande du support, fiche 4711) :
of_ajouter("ALTER TABLE dbo.pdv_ligne ADD motif_annul nvarchar(80) NULL")
*/
of_differer("ALTER TABLE dbo.pdv_cloture ADD motif_annul nvarchar(80) NULL")

// 4. Lignes de ticket (format fixe) puis la procédure de clôture
of_lignes_fixes()
of_ajouter("IF OBJECT_ID(N'dbo.ps_pdv_cloturer', N'P') IS NOT NULL DROP PROCEDURE dbo.ps_pdv_cloturer")
of_ajouter(of_proc_cloture())
end event

protected function string of_colonnes_ticket ();// 12.6 : remise, TVA et motif d'annulation au niveau du ticket, après les colonnes de base
string ls_col

ls_col = super::of_colonnes_ticket()
ls_col += of_aligner("taux_remise") + "decimal(5,2) NULL," + is_nl
ls_col += of_aligner("code_tva") + "char(2) NOT NULL CONSTRAINT DF_pdv_ticket_tva DEFAULT ('T1')," + is_nl
ls_col += of_aligner("motif_annul") + "nvarchar(80) NULL," + is_nl
Return ls_col
end function

private function string of_aligner (string as_nom);// Aligne les noms de colonne comme dans les scripts du support
Return "   " + as_nom + Fill(" ", CI_LARGEUR - Len(as_nom))
end function

private subroutine of_lignes_fixes ();// Une étape ALTER par enregistrement de is_fixe
string ls_nom, ls_def
integer li_k

For li_k = 1 To UpperBound(is_fixe)
	ls_nom = Trim(Mid(is_fixe[li_k], 1, CI_LARGEUR))
	ls_def = Trim(Mid(is_fixe[li_k], CI_LARGEUR + 1))
	of_ajouter("ALTER TABLE dbo.pdv_ligne ADD " + ls_nom + " " + ls_def)
Next
end subroutine

private function string of_proc_cloture ();// Clôture journalière d'une caisse (appelée par le serveur de caisse à minuit)
string ls_p

ls_p = "CREATE PROCEDURE dbo.ps_pdv_cloturer @caisse smallint, @jour date AS" + is_nl
ls_p += "BEGIN" + is_nl
ls_p += "   SET NOCOUNT ON;" + is_nl
ls_p += "   DECLARE @res TABLE (action nvarchar(10), num_caisse smallint);" + is_nl
ls_p += "   WITH jour AS (" + is_nl
ls_p += "      SELECT k.num_caisse, SUM(l.prix_net * (1 - ISNULL(k.taux_remise, 0) / 100)) AS total" + is_nl
ls_p += "        FROM dbo.pdv_ticket k JOIN dbo.pdv_ligne l ON l.id_ticket = k.id_ticket" + is_nl
ls_p += "       WHERE k.num_caisse = @caisse AND k.motif_annul IS NULL" + is_nl
ls_p += "         AND CAST(k.date_ticket AS date) = @jour" + is_nl
ls_p += "       GROUP BY k.num_caisse)" + is_nl
ls_p += "   MERGE dbo.pdv_cloture AS c" + is_nl
ls_p += "   USING jour AS j ON c.num_caisse = j.num_caisse AND c.date_cloture = @jour" + is_nl
ls_p += "   WHEN MATCHED THEN UPDATE SET c.total_ttc = j.total" + is_nl
ls_p += "   WHEN NOT MATCHED BY TARGET THEN" + is_nl
ls_p += "      INSERT (num_caisse, date_cloture, total_ttc) VALUES (j.num_caisse, @jour, j.total)" + is_nl
ls_p += "   OUTPUT $action, inserted.num_caisse INTO @res;" + is_nl
ls_p += "   UPDATE dbo.pdv_ticket SET date_cloture = SYSDATETIME()" + is_nl
ls_p += "    WHERE num_caisse = @caisse AND date_cloture IS NULL;" + is_nl
ls_p += "   SELECT action, COUNT(*) AS nb FROM @res GROUP BY action;" + is_nl
ls_p += "END"
Return ls_p
end function

on n_cst_maj_v126.create
call super::create
end on

on n_cst_maj_v126.destroy
call super::destroy
end on

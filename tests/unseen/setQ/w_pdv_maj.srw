$PBExportHeader$w_pdv_maj.srw
$PBExportComments$Fenêtre de mise à jour de la base (ouverte au démarrage quand la version change)
forward
global type w_pdv_maj from window
end type
type mle_apercu from multilineedit within w_pdv_maj
end type
type dw_tickets from datawindow within w_pdv_maj
end type
type cb_copier from commandbutton within w_pdv_maj
end type
end forward

global type w_pdv_maj from window
integer width = 2400
integer height = 1500
boolean titlebar = true
string title = "Mise à jour de la base Caissa"
boolean controlmenu = true
windowtype windowtype = response!
long backcolor = 67108864
event ue_demarrer ( )
mle_apercu mle_apercu
dw_tickets dw_tickets
cb_copier cb_copier
end type
global w_pdv_maj w_pdv_maj

type variables
n_cst_maj_base inv_maj
end variables

forward prototypes
private subroutine wf_controle ()
end prototypes

event ue_demarrer();// La classe de mise à jour est donnée par caissa.ini (une classe par version livrée)
string ls_classe, ls_extra

ls_classe = ProfileString("caissa.ini", "MiseAJour", "Classe", "n_cst_maj_v126")
inv_maj = Create Using ls_classe
If inv_maj.of_init(SQLCA) <> 1 Then
	MessageBox("Mise à jour", "Version du schéma illisible : " + SQLCA.SQLErrText, StopSign!)
	Return
End If
inv_maj.event ue_preparer()
mle_apercu.Text = inv_maj.of_resume()
inv_maj.event ue_appliquer()

// Instruction complémentaire que le support peut placer dans le .ini (vide par défaut)
ls_extra = ProfileString("caissa.ini", "MiseAJour", "SqlSupport", "")
If Len(Trim(ls_extra)) > 0 Then
	EXECUTE IMMEDIATE :ls_extra USING SQLCA ;
End If

// Anciens clients : points à zéro
UPDATE dbo.pdv_client SET points_fidelite = 0
 WHERE points_fidelite IS NULL
 USING SQLCA ;
COMMIT USING SQLCA ;
wf_controle()
end event

private subroutine wf_controle ();// Tickets non clôturés, pour contrôle visuel après la mise à jour
string ls_sel

ls_sel = "SELECT id_ticket, num_caisse, taux_remise, code_tva, motif_annul " + &
	"FROM dbo.pdv_ticket WHERE date_cloture IS NULL ORDER BY num_caisse"
dw_tickets.SetTransObject(SQLCA)
dw_tickets.Object.DataWindow.Table.Select = ls_sel
dw_tickets.Retrieve()
end subroutine

on w_pdv_maj.create
this.mle_apercu=create mle_apercu
this.dw_tickets=create dw_tickets
this.cb_copier=create cb_copier
this.Control[]={this.mle_apercu,&
this.dw_tickets,&
this.cb_copier}
end on

on w_pdv_maj.destroy
destroy(this.mle_apercu)
destroy(this.dw_tickets)
destroy(this.cb_copier)
end on

event open;PostEvent("ue_demarrer")
end event

event close;If IsValid(inv_maj) Then Destroy inv_maj
end event

type mle_apercu from multilineedit within w_pdv_maj
integer x = 37
integer y = 32
integer width = 2304
integer height = 300
integer taborder = 10
integer textsize = -9
string facename = "Tahoma"
long textcolor = 33554432
long backcolor = 67108864
boolean vscrollbar = true
boolean displayonly = true
borderstyle borderstyle = stylelowered!
end type

type dw_tickets from datawindow within w_pdv_maj
integer x = 37
integer y = 360
integer width = 2304
integer height = 860
integer taborder = 20
string title = "none"
string dataobject = "d_pdv_tickets"
boolean vscrollbar = true
boolean livescroll = true
borderstyle borderstyle = stylelowered!
end type

type cb_copier from commandbutton within w_pdv_maj
integer x = 1870
integer y = 1260
integer width = 471
integer height = 100
integer taborder = 30
integer textsize = -9
string facename = "Tahoma"
string text = "Copier (support)"
end type

event clicked;// Pour le support : l'instruction à passer à la main sur une base 11.x restaurée
Clipboard("ALTER TABLE dbo.pdv_ticket ADD motif_annul nvarchar(80) NULL")
MessageBox("Support", "Instruction copiée dans le presse-papiers.")
end event

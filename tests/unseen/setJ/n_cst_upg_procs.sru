$PBExportHeader$n_cst_upg_procs.sru
$PBExportComments$Textes des procédures stockées — générés à l'exécution (Übernahme aus 7.x)
forward
global type n_cst_upg_procs from nonvisualobject
end type
end forward

global type n_cst_upg_procs from nonvisualobject
end type
global n_cst_upg_procs n_cst_upg_procs

type variables
Public:
string is_view_sql
Private:
string is_nl = "~r~n"
end variables

forward prototypes
public function integer of_get_proc_text (string as_name, ref string as_text)
private function string of_alloc_proc ()
private function string of_archive_proc ()
end prototypes

public function integer of_get_proc_text (string as_name, ref string as_text);// Renvoie le texte de la procédure demandée dans as_text
CHOOSE CASE Lower(as_name)
	CASE "psp_pfill_alloc"
		as_text = of_alloc_proc()
	CASE "psp_pfill_archive"
		as_text = of_archive_proc()
	CASE ELSE
		as_text = ""
		Return -1
END CHOOSE
Return 1
end function

private function string of_alloc_proc ();string ls

ls  = "CREATE PROCEDURE [dbo].[psp_pfill_alloc] (@ad_asof datetime)" + is_nl
ls += "AS" + is_nl
ls += "BEGIN" + is_nl
ls += "SET NOCOUNT ON;" + is_nl
ls += "IF OBJECT_ID(N'[dbo].[pfill_trade_alloc]', N'U') IS NULL" + is_nl
ls += "CREATE TABLE [dbo].[pfill_trade_alloc] (" + is_nl
ls += "  [alloc_id] [int] IDENTITY(1,1) NOT NULL," + is_nl
ls += "  [cusip] [char](9) NOT NULL," + is_nl
ls += "  [alloc_pct] [numeric](7, 4) NULL," + is_nl
ls += "  [trade_amt] [money] NULL," + is_nl
ls += "  [price_dt] [datetime] NULL," + is_nl
ls += "  CONSTRAINT [pk_pfill_trade_alloc] PRIMARY KEY CLUSTERED ([alloc_id]))" + is_nl
ls += "IF COL_LENGTH('dbo.pfill_trade_alloc', 'fee_bps') IS NULL" + is_nl
ls += "  ALTER TABLE [dbo].[pfill_trade_alloc] ADD [fee_bps] [smallint] NULL" + is_nl
ls += "SELECT t.cusip, t.trade_amt, t.price_dt" + is_nl
ls += "  INTO #open" + is_nl
ls += "  FROM [dbo].[rmusr_trades] AS t WITH (NOLOCK)" + is_nl
ls += " WHERE t.is_locked = 0 AND t.price_dt <= @ad_asof;" + is_nl
ls += "DECLARE @ins TABLE (alloc_id int, cusip char(9));" + is_nl
ls += "INSERT INTO [dbo].[pfill_trade_alloc] (cusip, alloc_pct, trade_amt, price_dt)" + is_nl
ls += "OUTPUT inserted.alloc_id, inserted.cusip INTO @ins (alloc_id, cusip)" + is_nl
ls += "SELECT o.cusip, x.pct, o.trade_amt, o.price_dt" + is_nl
ls += "  FROM #open o" + is_nl
ls += " CROSS APPLY (SELECT TOP 1 s.alloc_pct AS pct FROM dbo.pfill_fee_sched s WHERE s.fee_bps > 0 ORDER BY s.eff_dt DESC) x;" + is_nl
ls += "UPDATE a SET a.fee_bps = f.fee_bps" + is_nl
ls += "  FROM [dbo].[pfill_trade_alloc] a" + is_nl
ls += "  JOIN @ins i ON i.alloc_id = a.alloc_id" + is_nl
ls += "  JOIN dbo.pfill_fee_sched f ON f.alloc_pct = a.alloc_pct;" + is_nl
ls += "DELETE l FROM dbo.pfill_lock l JOIN @ins i ON i.cusip = l.cusip WHERE l.is_locked = 0;" + is_nl
ls += "DROP TABLE #open;" + is_nl
ls += "END"
Return ls
end function

private function string of_archive_proc ();// Archivage : jamais demandé par la fenêtre (prévu pour 9.0)
string ls

ls = "CREATE PROCEDURE dbo.psp_pfill_archive AS" + is_nl
ls += "INSERT INTO dbo.pfill_price_hist_arch (cusip, price_dt)" + is_nl
ls += "SELECT cusip, price_dt FROM dbo.pfill_price_hist WHERE price_dt < DATEADD(year, -2, GETDATE())" + is_nl
Return ls
end function

on n_cst_upg_procs.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_upg_procs.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

event constructor;// Vue des frais — exécutée par la fenêtre après les procédures
is_view_sql = "CREATE VIEW dbo.v_pfill_trade_fees AS " + &
	"SELECT a.cusip, a.trade_amt * f.fee_bps / 10000.0 AS fee_amt " + &
	"FROM dbo.pfill_trade_alloc a JOIN dbo.pfill_fee_sched f ON f.alloc_pct = a.alloc_pct"
end event

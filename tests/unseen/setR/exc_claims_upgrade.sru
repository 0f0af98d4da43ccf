$PBExportHeader$exc_claims_upgrade.sru
$PBExportComments$Thrown when a release batch fails; keeps the batch and the server’s error
forward
global type exc_claims_upgrade from exception
end type
end forward

global type exc_claims_upgrade from exception
end type
global exc_claims_upgrade exc_claims_upgrade

type variables
string is_batch
long il_dbcode
end variables

forward prototypes
public subroutine of_set (string as_batch, long al_dbcode, string as_text)
end prototypes

public subroutine of_set (string as_batch, long al_dbcode, string as_text);is_batch = as_batch
il_dbcode = al_dbcode
SetMessage("SQL error " + String(al_dbcode) + ": " + as_text)
end subroutine

on exc_claims_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on exc_claims_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

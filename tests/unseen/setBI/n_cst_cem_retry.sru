$PBExportHeader$n_cst_cem_retry.sru
$PBExportComments$Second pass over the statements n_tr_cem.of_execute could not run
forward
global type n_cst_cem_retry from nonvisualobject
end type
end forward

global type n_cst_cem_retry from nonvisualobject
end type
global n_cst_cem_retry n_cst_cem_retry

type variables
Private:
integer ii_maxpass = 3
string is_undo_file = "cem_undo.sql"
end variables

forward prototypes
public function integer of_rerun (n_tr_cem atr_db)
private subroutine of_write_undo (string as_text)
end prototypes

public function integer of_rerun (n_tr_cem atr_db);// A statement can fail only because an earlier one did (a view before its table):
// run the failed ones again until a pass runs none of them
str_cem_failed lstr_todo[]
integer li_pass, li_i, li_left, li_done

For li_pass = 1 To ii_maxpass
	lstr_todo = atr_db.istr_failed
	li_left = UpperBound(lstr_todo)
	If li_left = 0 Then Exit
	atr_db.of_clear_failed()
	li_done = 0
	For li_i = 1 To li_left
		Choose Case lstr_todo[li_i].l_sqldbcode
			Case 2714, 1913, 2705
				// already there (table, index, column): nothing to do
				Continue
		End Choose
		If atr_db.of_execute(lstr_todo[li_i].s_sql) = 1 Then li_done ++
	Next
	If li_done = 0 Then Exit
Next

// rows converted from the old grid system carry lower-case section codes
atr_db.of_execute("UPDATE cem_interment SET section_cd = UPPER(section_cd) WHERE section_cd <> UPPER(section_cd)")

// what the DBA runs to go back to 5.0 (written, never run here)
of_write_undo("ALTER TABLE cem_plot DROP COLUMN vault_type")
of_write_undo("ALTER TABLE cem_interment ALTER COLUMN vault_type char(2) NULL")

Return atr_db.ii_failed
end function

private subroutine of_write_undo (string as_text);integer li_file

li_file = FileOpen(is_undo_file, LineMode!, Write!, LockWrite!, Append!)
If li_file < 0 Then Return
FileWrite(li_file, as_text + "~r~nGO")
FileClose(li_file)
end subroutine

on n_cst_cem_retry.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_cem_retry.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

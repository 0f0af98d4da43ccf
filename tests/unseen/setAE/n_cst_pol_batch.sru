$PBExportHeader$n_cst_pol_batch.sru
$PBExportComments$PolicyOne – runs a batch of SQL statements in order, one transaction, stops at the first error
forward
global type n_cst_pol_batch from nonvisualobject
end type
end forward

global type n_cst_pol_batch from nonvisualobject
end type
global n_cst_pol_batch n_cst_pol_batch

type variables
transaction itr_db
string is_last_error
long il_failed_at
end variables

forward prototypes
public subroutine of_settrans (transaction atr_db)
public function long of_run_batch (string as_batch[])
end prototypes

public subroutine of_settrans (transaction atr_db);itr_db = atr_db
end subroutine

public function long of_run_batch (string as_batch[]);// every non-empty element in order; returns how many ran, -1 when one failed (then nothing of the batch stays)
long ll_i, ll_last, ll_done
string ls_sql

il_failed_at = 0
is_last_error = ""
// the callers' Case arms can leave empty slots at the end: find the last real statement from the back
For ll_i = UpperBound(as_batch) To 1 Step -1
	If Len(Trim(as_batch[ll_i])) > 0 Then
		ll_last = ll_i
		Exit
	End If
Next
If ll_last = 0 Then Return 0

For ll_i = 1 To ll_last
	ls_sql = Trim(as_batch[ll_i])
	If ls_sql = "" Then Continue
	EXECUTE IMMEDIATE :ls_sql USING itr_db ;
	If itr_db.SQLCode < 0 Then
		is_last_error = "Step " + String(ll_i) + " – " + itr_db.SQLErrText
		il_failed_at = ll_i
		Exit
	End If
	ll_done ++
Next

If il_failed_at > 0 Then
	ROLLBACK USING itr_db ;
	Return -1
End If
COMMIT USING itr_db ;
Return ll_done
end function

on n_cst_pol_batch.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_pol_batch.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

HA$PBExportHeader$n_cst_string.sru
$PBExportComments$String service (PFC-style subset kept after the PFC was removed in 2009)
forward
global type n_cst_string from nonvisualobject
end type
end forward

global type n_cst_string from nonvisualobject autoinstantiate
end type

forward prototypes
public function string of_padright (string as_source, long al_length)
public function string of_padleft (string as_source, long al_length)
end prototypes

public function string of_padright (string as_source, long al_length);//////////////////////////////////////////////////////////////////////////////
//	Function:  		of_PadRight
//	Arguments:		as_source	The string being padded.
//						al_length	The desired length of the string.
//	Returns:  		string - as_source followed by spaces up to al_length,
//						as_source itself when it is that long already.
//////////////////////////////////////////////////////////////////////////////
long ll_len
string ls_null

If IsNull(as_source) Or IsNull(al_length) Then
	SetNull(ls_null)
	Return ls_null
End If

ll_len = Len(as_source)
If ll_len >= al_length Then Return as_source

Return as_source + Space(al_length - ll_len)
end function

public function string of_padleft (string as_source, long al_length);//////////////////////////////////////////////////////////////////////////////
//	Function:  		of_PadLeft
//	Returns:  		string - spaces up to al_length, then as_source
//////////////////////////////////////////////////////////////////////////////
long ll_len
string ls_null

If IsNull(as_source) Or IsNull(al_length) Then
	SetNull(ls_null)
	Return ls_null
End If

ll_len = Len(as_source)
If ll_len >= al_length Then Return as_source

Return Space(al_length - ll_len) + as_source
end function

on n_cst_string.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_string.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

$PBExportHeader$pfc_n_cst_string.sru
$PBExportComments$PFC String service (trimmed to the functions PipeLine uses)
forward
global type pfc_n_cst_string from n_base
end type
end forward

global type pfc_n_cst_string from n_base autoinstantiate
end type

forward prototypes
public function long of_parsetoarray (string as_source, string as_delimiter, ref string as_array[])
public function long of_arraytostring (string as_source[], string as_delimiter, ref string as_ref_string)
end prototypes

public function long of_parsetoarray (string as_source, string as_delimiter, ref string as_array[]);//////////////////////////////////////////////////////////////////////////////
//	Public Function:	of_ParseToArray
//	Arguments:		as_Source		The string to parse.
//						as_Delimiter	The delimeter string.
//						as_Array[]		The array to be filled with the parsed strings, by reference.
//	Returns:			long		The number of elements in the array.
//////////////////////////////////////////////////////////////////////////////
long		ll_DelLen, ll_Pos, ll_Count, ll_Start, ll_Length
string 	ls_holder
IF IsNull(as_source) or IsNull(as_delimiter) Then
	long ll_null
	SetNull(ll_null)
	Return ll_null
End If
If Trim (as_source) = '' Then
	Return 0
End If
ll_DelLen = Len(as_Delimiter)
ll_Pos = Pos(Upper(as_source), Upper(as_Delimiter))
if ll_Pos = 0 then
	as_Array[1] = as_source
	return 1
end if
ll_Count = 0
ll_Start = 1
Do While ll_Pos > 0
	ll_Length = ll_Pos - ll_Start
	ls_holder = Mid (as_source, ll_start, ll_length)
	ll_Count ++
	as_Array[ll_Count] = ls_holder
	ll_Start = ll_Pos + ll_DelLen
	ll_Pos = Pos(Upper(as_source), Upper(as_Delimiter), ll_Start)
Loop
ls_holder = Mid (as_source, ll_start, Len (as_source))
if Len (ls_holder) > 0 then
	ll_count++
	as_Array[ll_Count] = ls_holder
end if
Return ll_Count
end function

public function long of_arraytostring (string as_source[], string as_delimiter, ref string as_ref_string);//////////////////////////////////////////////////////////////////////////////
//	Public Function:	of_ArrayToString
//	Arguments:		as_source[]		The array of string to be moved into a single string.
//						as_Delimiter	The delimeter string.
//						as_ref_string	The string to be filled with the array of strings, by reference.
//	Returns:			long		1 for a successful transfer, -1 if the array has no elements.
//////////////////////////////////////////////////////////////////////////////
long		ll_Count, ll_ArrayUpBound
ll_ArrayUpBound = UpperBound(as_source[])
IF IsNull(as_delimiter) or (Not ll_ArrayUpBound > 0) Then
	Return -1
End If
as_ref_string = ''
For ll_Count = 1 to ll_ArrayUpBound
	If as_source[ll_Count] <> '' Then
		If Len(as_ref_string) = 0 Then
			as_ref_string = as_source[ll_Count]
		else
			as_ref_string = as_ref_string + as_delimiter + as_source[ll_Count]
		End If
	End If
Next
Return 1
end function
on pfc_n_cst_string.create
call super::create
end on

on pfc_n_cst_string.destroy
call super::destroy
end on


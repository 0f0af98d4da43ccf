$PBExportHeader$n_cst_sqlexec.sru
$PBExportComments$zz framework - sql execution service
forward
global type n_cst_sqlexec from transaction
end type
end forward

global type n_cst_sqlexec from transaction
end type
global n_cst_sqlexec n_cst_sqlexec

type variables
protected:
transaction itr_trans
string is_logfile = "c:\zz\upgrade.log"
long il_lasterr
end variables

forward prototypes
public function integer of_execute (string as_sql)
public function integer of_log (string as_text)
public subroutine of_settrans (transaction atr_trans)
public function integer of_execddl (string as_sql)
end prototypes

public function integer of_execute (string as_sql);string ls_err

if isnull(as_sql) or len(trim(as_sql)) = 0 then return 0
if not isvalid(itr_trans) then itr_trans = sqlca

execute immediate :as_sql using itr_trans;

choose case true
	case itr_trans.sqlcode < 0
		ls_err = itr_trans.sqlerrtext
		il_lasterr = itr_trans.sqldbcode
		this.of_log("error: " + ls_err)
		return -1
	case else
		return 1
end choose
end function

public function integer of_log (string as_text);integer li_file
// write only - nothing here reaches the database
li_file = fileopen(is_logfile, linemode!, write!, lockwrite!, append!)
if li_file < 0 then return -1
filewrite(li_file, string(today(), "yyyy-mm-dd hh:mm:ss") + "~t" + as_text)
fileclose(li_file)
return 1
end function

public subroutine of_settrans (transaction atr_trans);itr_trans = atr_trans
end subroutine

public function integer of_execddl (string as_sql);// ddl on this transaction itself
execute immediate :as_sql using this;
if this.sqlcode < 0 then
	this.of_log(this.sqlerrtext)
	return -1
end if
return 1
end function

on n_cst_sqlexec.create
call super::create
triggerevent( this, "constructor" )
end on

on n_cst_sqlexec.destroy
triggerevent( this, "destructor" )
call super::destroy
end on


$PBExportHeader$n_cst_upg_exec.sru
$PBExportComments$Exécution SQL dynamique — helper d'ajout de colonnes
forward
global type n_cst_upg_exec from nonvisualobject
end type
end forward

global type n_cst_upg_exec from nonvisualobject
end type
global n_cst_upg_exec n_cst_upg_exec

forward prototypes
public function integer uf_run (string as_sql)
public function integer uf_exec_list (string as_parts[])
public function integer uf_tenant_set_addcolumn (string as_tbl, string as_def, string as_col)
end prototypes

public function integer uf_run (string as_sql);// Format 2 du SQL dynamique : PREPARE puis EXECUTE
If IsNull(as_sql) Or Len(as_sql) = 0 Then Return 0
PREPARE SQLSA FROM :as_sql USING SQLCA ;
EXECUTE SQLSA ;
Return SQLCA.SQLCode
end function

public function integer uf_exec_list (string as_parts[]);string ls_all
long ll_i

For ll_i = 1 To UpperBound(as_parts)
	ls_all = ls_all + as_parts[ll_i] + " "
Next
Return uf_run(ls_all)
end function

public function integer uf_tenant_set_addcolumn (string as_tbl, string as_def, string as_col);// Ajoute la colonne as_col (définition as_def) à as_tbl si elle manque
string ls_sql

ls_sql = "IF COL_LENGTH('" + as_tbl + "', '" + as_col + "') IS NULL ALTER TABLE " + as_tbl + " ADD " + as_col + " " + as_def
Return uf_run(ls_sql)
end function

on n_cst_upg_exec.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_upg_exec.destroy
TriggerEvent( this, "destroy" )
call super::destroy
end on

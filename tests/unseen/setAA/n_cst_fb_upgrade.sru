$PBExportHeader$n_cst_fb_upgrade.sru
$PBExportComments$FreightBook – schema upgrade, releases 1 – 6 (a release object inherits from this one)
forward
global type n_cst_fb_upgrade from nonvisualobject
end type
end forward

global type n_cst_fb_upgrade from nonvisualobject
event ue_prepare ( )
end type
global n_cst_fb_upgrade n_cst_fb_upgrade

type variables
protected:
n_cst_sqlb inv_b
transaction itr_db
integer ii_target = 6
string is_done[]
end variables

forward prototypes
public function integer of_upgrade (transaction atr_db, integer ai_from)
protected function integer of_step (integer ai_ver)
protected function n_cst_sqlb of_carrier_cols (n_cst_sqlb anv_b)
protected function string of_lane_view_cols ()
protected function long of_lane_view ()
protected function boolean of_has_column (string as_table, string as_column)
public function long of_fb_set_addcolumn (string as_table, string as_column, string as_definition)
end prototypes

public function integer of_upgrade (transaction atr_db, integer ai_from);// every release step after ai_from, then the lane view
integer li_ver

itr_db = atr_db
inv_b.of_using(itr_db)
this.Event ue_prepare()
li_ver = ai_from + 1
Do Until li_ver > ii_target
	If of_step(li_ver) < 0 Then Return -1
	is_done[UpperBound(is_done) + 1] = String(li_ver)
	li_ver ++
Loop
If of_lane_view() < 0 Then Return -1
Return 1
end function

protected function integer of_step (integer ai_ver);// releases 1 – 6
long ll_rc

Choose Case ai_ver
	Case 1
		// carriers; a release object may add columns in of_carrier_cols
		inv_b.of_create("fb_carrier")
		of_carrier_cols(inv_b)
		ll_rc = inv_b.of_pk("carrier_id").of_run()
	Case 2
		ll_rc = inv_b.of_create("fb_load") &
			.of_add("load_id", "int IDENTITY(1,1) NOT NULL") &
			.of_add("carrier_id", "int NULL") &
			.of_add("load_status", "char(1) NOT NULL DEFAULT ('O')") &
			.of_add("pickup_win", "varchar(11) NULL") &
			.of_pk("load_id") &
			.of_run()
	Case 3
		ll_rc = of_fb_set_addcolumn("fb_load", "tender_ts", "datetime NULL")
	Case 4
		// fuel surcharge per lane
		ll_rc = inv_b.of_alter("fb_lane_rate").of_add("fuel_pct", "decimal(5,2) NULL").of_run()
	Case 5
		ll_rc = of_fb_set_addcolumn("fb_load", "hazmat_flag", "bit NOT NULL DEFAULT (0)")
		If ll_rc >= 0 Then
			// open loads of carriers that only haul hazmat
			ll_rc = inv_b.of_exec("UPDATE l SET l.hazmat_flag = 1" + &
				" FROM dbo.fb_load l JOIN dbo.fb_carrier c ON c.carrier_id = l.carrier_id" + &
				" WHERE c.hazmat_flag = 1 AND l.load_status = 'O'")
		End If
	Case 6
		ll_rc = of_fb_set_addcolumn("fb_carrier", "carrier_mc_verified", "bit NULL")
		// inv_b.of_alter("fb_load").of_add("hazmat_flag", "bit NULL").of_run()   // 5.0 beta, now the helper call of step 5
	Case Else
		ll_rc = 0
End Choose
If ll_rc < 0 Then Return -1
Return 1
end function

protected function n_cst_sqlb of_carrier_cols (n_cst_sqlb anv_b);// the carrier columns of 1.0; a release object extends this piece with Super::
Return anv_b.of_add("carrier_id", "int IDENTITY(1,1) NOT NULL") &
	.of_add("carrier_name", "nvarchar(80) NOT NULL") &
	.of_add("hazmat_flag", "bit NOT NULL DEFAULT (0)")
end function

protected function string of_lane_view_cols ();// select list of v_fb_lane_rate (the rate screen binds to these aliases)
Return "l.lane_id, l.origin_zip, l.dest_zip, r.rate_amt AS linehaul_amt, " + &
	"r.fuel_pct AS fuel_surcharge_pct, c.hazmat_flag AS hazmat_ok"
end function

protected function long of_lane_view ();// CREATE VIEW must be alone in its batch; EXECUTE IMMEDIATE sends one text
Return inv_b.of_exec("CREATE VIEW dbo.v_fb_lane_rate AS SELECT " + of_lane_view_cols() + &
	" FROM dbo.fb_lane l" + &
	" JOIN dbo.fb_lane_rate r ON r.lane_id = l.lane_id" + &
	" JOIN dbo.fb_carrier c ON c.carrier_id = r.carrier_id")
end function

protected function boolean of_has_column (string as_table, string as_column);// sys.columns, so a failed upgrade can run again
long ll_n
string ls_obj

ls_obj = "dbo." + as_table
SELECT COUNT(*) INTO :ll_n FROM sys.columns WHERE object_id = OBJECT_ID(:ls_obj) AND name = :as_column USING itr_db ;
Return ll_n > 0
end function

public function long of_fb_set_addcolumn (string as_table, string as_column, string as_definition);// one column through the builder; 0 when the tenant has it already
If of_has_column(as_table, as_column) Then Return 0
Return inv_b.of_alter(as_table).of_add(as_column, as_definition).of_run()
end function

on n_cst_fb_upgrade.create
call super::create
TriggerEvent( this, "constructor" )
end on

on n_cst_fb_upgrade.destroy
TriggerEvent( this, "destructor" )
call super::destroy
end on

event ue_prepare();// objects rebuilt on every run are dropped first
inv_b.of_exec("IF OBJECT_ID('dbo.v_fb_lane_rate', 'V') IS NOT NULL DROP VIEW dbo.v_fb_lane_rate")
end event

event constructor;inv_b = Create n_cst_sqlb
end event

event destructor;Destroy inv_b
end event

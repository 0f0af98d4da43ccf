"""Accuracy on exports written by testers who had not read nvo-scan (``tests/unseen/``, see its README).

Every migration row and where-used row of each set's answer key is compared with what the pipeline
reports; the rows still missed and the rows still extra are asserted exactly, so a fix or a regression
shows here. Sites that the key marks as built but never run must come out flagged ``unexecuted``.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from powerfill_nvo.migrations import enumerate_migrations
from powerfill_nvo.pipeline import run_pipeline
from powerfill_nvo.whereused import where_used

UNSEEN = Path(__file__).resolve().parent / "unseen"

#: Rows of the keys not found yet, by set: (file, line, kind, table, column) for migrations,
#: (file, line, table, kind) for where-used sites.
KNOWN_MISSED = {
    "setA": {"migrations": set(), "sites": set()},
    "setB": {"migrations": set(), "sites": set()},
    # the table comes from PFC's of_GlobalReplace on an object not in the sources: found since session 7 (PFC's
    # string service read as PFC documents it where the sources do not define it)
    "setC": {"migrations": set(), "sites": set()},
    "setD": {"migrations": set(), "sites": set()},
    "setE": {"migrations": set(), "sites": set()},
    "setF": {"migrations": set(), "sites": set()},
    # a string-builder object (of_append adds to an instance variable of another object, of_text returns
    # it): found since session 5 (the calls on the object are replayed in its own file)
    "setG": {"migrations": set(), "sites": set()},
    "setH": {"migrations": set(), "sites": set()},
    # Scored before any change for them (tests/unseen/setI_setJ_NOTES.md). Another object's instance variable
    # run by a global object's function (setJ 95-96) is reported at its own lines since session 7 (no longer a
    # copy at the window's line 67), as embedded_sql where the key says proc_reference (a view's body). Found since session 5: the builder
    # filling a ref array (109-111: another object's ref outputs asked for the call's arguments), the block
    # comment spanning a line break before a ``+`` (93-94: the statement goes on), the string array joined and
    # run by another function (setJ 137-140: walked in its own file for the call's array); since session 6 the
    # array of structures filled through a ``ref`` parameter in an ``If`` condition and turned into ALTERs by
    # another function (154-166: structures' fields followed, the function walked for the call's array).
    "setI": {"migrations": set(), "sites": set()},
    "setJ": {"migrations": set(), "sites": {
        ('n_cst_upg_procs.sru', 95, 'pfill_fee_sched', 'proc_reference'),
        ('n_cst_upg_procs.sru', 95, 'pfill_trade_alloc', 'proc_reference'),
        ('n_cst_upg_procs.sru', 96, 'pfill_fee_sched', 'proc_reference'),
        ('n_cst_upg_procs.sru', 96, 'pfill_trade_alloc', 'proc_reference'),
    }},
    # Session 4 sets (tests/unseen/setK_setL_NOTES.md); still missed: a call with fewer arguments than the
    # function has parameters (setK 69, not valid PowerScript). Found since session 5: the builder object whose
    # functions return ``this`` (setL 77-109), an ancestor's function running SQL it builds with another file's
    # function from its parameters (setK 60-61, 91: walked in its file for the call's arguments).
    "setK": {"migrations": {
        ('n_cst_schema_pfill.sru', 69, 'alter_add', 'pfill_pool', 'pool_wac'),
        ('n_cst_schema_pfill.sru', 69, 'alter_add', 'pfill_pool', 'pool_wam'),
    }, "sites": set()},
    "setL": {"migrations": set(), "sites": set()},
    # Written after the session-4 changes and scored on main eda3956 (tests/unseen/setM_setN_NOTES.md); missed
    # then: a DataStore used as a statement queue (InsertRow/SetItem, then GetItemString and EXECUTE IMMEDIATE:
    # setN), an iterator function with two ``ref`` outputs driven by ``Do While`` (setN), a ``;`` list consumed
    # with Pos/Left/Mid in a loop (setM). All found since session 5 (stores into instance state run elsewhere,
    # ``ref`` outputs of loop conditions, values a loop sets itself choosing its arms).
    "setM": {"migrations": set(), "sites": set()},
    "setN": {"migrations": set(), "sites": set()},
    # Session 5 sets (tests/unseen/setO_setP_NOTES.md), first run on main 1cc463a: O 1.000/0.346, 0.680/0.630;
    # P 0.957/0.733, 0.796/0.896 (tester's score.py). Since found: SQL sent to a window with OpenWithParm and
    # run from Message.StringParm, a text built through a ref line appender, a trigger's body as procedure text
    # on its table, PostgreSQL IF NOT EXISTS and ALTER COLUMN … TYPE, SetNull; since session 6 the steps of a
    # structure a function returns from CHOOSE CASE, consumed by a loop with a sure ``Exit`` and ``Continue``
    # (setO 107-121; 117 and 127 are skipped as the key says).
    "setO": {"migrations": set(), "sites": set()},
    "setP": {"migrations": set(), "sites": set()},
    # Session 6 sets (tests/unseen/setQ_setR_NOTES.md), first run on main 6757049: Q 0.955/0.875, 1.000/0.925;
    # R 1.000/0.238, 0.471/0.780 (tester's score.py). Since found: a private constant boolean's dead branch,
    # ``dw.Object.DataWindow.Table.Select = …`` run by the DataWindow, overloads told apart by their array
    # parameters, a script starting with ``SET ANSI_NULLS ON``, a text another file's function returns whole
    # reported there only; since session 11, the columns a descendant's override adds to a text its ancestor
    # builds (setQ 94-96), where the override writes them (a text maps each character to the file writing it).
    "setQ": {"migrations": set(), "sites": set()},
    "setR": {"migrations": set(), "sites": set()},
    # Written and frozen by a second tester this session, first run on main 758427f (without the session-6
    # changes above): S 1.000/0.840, 1.000/0.932; T 1.000/1.000, 0.878/1.000 (tester's score.py). Since found:
    # an array of two dimensions (``ls_spec[li_i, 1]``, ``UpperBound(ls_spec, 1)``; setS 89-92) and a procedure
    # text another object's function returns whole, assigned and run in the window, no longer copied at the
    # window's line (setT 132).
    "setS": {"migrations": set(), "sites": set()},
    # setT 104: a rule that session's tester brief gave (a text mixing the window's characters and the object's
    # returned column text keyed at the window's line); since session 11 nvo-scan reports the column where its
    # name is written, the object's ``Return 'bid_px decimal(9,6) NULL'`` (107), the line ``grep -n bid_px``
    # finds, as the keys of setQ, setAL and setAM (written from the README alone) expect.
    "setT": {"migrations": {
        ('w_trade_upgrade.srw', 104, 'alter_add', 'pfill_bid_hist', 'bid_px'),
    }, "sites": {
        ('w_trade_upgrade.srw', 104, 'pfill_bid_hist', 'alter_add'),
    }},
    # Session 7 sets (tests/unseen/setU_setV_NOTES.md, setW_setX_NOTES.md), first run on main 2923dbe (before
    # the session-7 changes of issue 8): U 1.000/0.458, 1.000/0.850; V 0.867/0.500, 1.000/0.846; W 0.250/0.080,
    # 1.000/0.514; X 1.000/0.524, 0.881/1.000 (testers' score.py). Found since: constants read through a variable
    # the ancestor declares (W, V), the descendant's override of a step the ancestor runs (V), an instance
    # structure array filled element by element and run by another script (X), a procedure template given back
    # filled by a string service's other overload (X's aliases read as tables), a plan of steps appended to an
    # instance structure array by calls of an own function (``of_add(…)``: ``li_n = UpperBound(istr_plan) +
    # 1``) and run by another (set U: each call's effect on the object's arrays replayed in call order), DDL
    # passed as the parameter of a prepared procedure call (``PREPARE SQLSA FROM "EXECUTE dbo.p @stmt = ?"``,
    # ``EXECUTE DYNAMIC lp_run USING :as_sql``: set V 158-159, run by the procedure).
    "setU": {"migrations": set(), "sites": set()},
    "setV": {"migrations": set(), "sites": set()},
    "setW": {"migrations": set(), "sites": set()},
    "setX": {"migrations": set(), "sites": set()},
    # Session 8 sets (tests/unseen/setY_setZ_NOTES.md, setAA_setAB_NOTES.md), first run on main 0c255b5 (after the
    # session-8 changes for U and V): Y 0.852/0.852, 0.897/0.897; Z, AB 1.000 all; AA 1.000/0.192, 0.875/0.583
    # (testers' score.py). Y: a helper called in a loop over a two-dimensional array is reported at the call
    # (179: the README's rule, a call's line), the key puts each at the line writing its values (174-177).
    # AA: a fluent builder whose own ``of_run()`` runs the SQL its chained calls built
    # (``inv_b.of_create("t").of_col(…).of_run()``: the state the chain leaves is not carried into the walk of
    # of_run), a builder filled across scripts (the ancestor begins it, the override adds columns) or from a loop
    # over arrays, and a view piece a descendant's override adds (reported at the ancestor's call, 99).
    "setY": {"migrations": {
        ('n_cst_wms_schema.sru', 174, 'addcolumn_call', 'wms_stock', 'bin_cd'),
        ('n_cst_wms_schema.sru', 175, 'addcolumn_call', 'wms_stock', 'expiry_dt'),
        ('n_cst_wms_schema.sru', 176, 'addcolumn_call', 'wms_bin', 'hazmat_cls'),
        ('n_cst_wms_schema.sru', 177, 'addcolumn_call', 'wms_route', 'carrier_scac'),
    }, "sites": {
        ('n_cst_wms_schema.sru', 174, 'wms_stock', 'addcolumn_call'),
        ('n_cst_wms_schema.sru', 175, 'wms_stock', 'addcolumn_call'),
        ('n_cst_wms_schema.sru', 176, 'wms_bin', 'addcolumn_call'),
        ('n_cst_wms_schema.sru', 177, 'wms_route', 'addcolumn_call'),
    }},
    "setZ": {"migrations": set(), "sites": set()},
    # setAA's fluent builder (``inv_b.of_create(t).of_add(c, d)….of_run()``, of_run asking its own of_sql for the
    # statement its state describes, then resetting it): found since session 9 (a walk of the object's state reads
    # and leaves the instance values through its own functions; an object passed to an own function keeps the
    # calls made on the parameter; ``lnv_b = inv_b.of_create(t)`` goes on with the same object). Still missed:
    # the columns the descendant's override of ``of_carrier_cols(anv_b)`` adds through its parameter (r9 90).
    "setAA": {"migrations": {
        ('n_cst_fb_upgrade_r9.sru', 90, 'create_table', 'fb_carrier', 'carrier_mc'),
        ('n_cst_fb_upgrade_r9.sru', 90, 'create_table', 'fb_carrier', 'dot_no'),
    }, "sites": {
        ('n_cst_fb_upgrade_r9.sru', 90, 'fb_carrier', 'create_table'),
    }},
    "setAB": {"migrations": set(), "sites": set()},
    # Session 9 sets (tests/unseen/setAC_setAD_NOTES.md, setAE_setAF_NOTES.md), first run on main 440c8ea by the
    # testers' score.py: AC 0.963/1.000, 1.000/1.000; AD 0.960/1.000, 0.938/0.900; AE 1.000/0.310, 1.000/0.939;
    # AF 0.964/1.000, 1.000/1.000. Found since: a text starting ";WITH" (AD 105-108) and no row for the helper's
    # overload forwarding its parameters (AC 264). Found since in session 10 (AE, now none missed): elements
    # stored at a count that branches left unknown (``li_n ++; ls_batch[li_n] = is_step[ci_add_fee]`` in the arms
    # of a ``Choose Case``) and an array passed to another object's batch runner with them, ``Trim`` of any element,
    # the steps a descendant's override of ``this.of_release(…)`` leaves in its ``ref string as_batch[]`` (r11
    # 23-29, 90-92), and an array filled in an arm when not known before it (the ``ref`` parameter).
    "setAC": {"migrations": set(), "sites": set()},
    "setAD": {"migrations": set(), "sites": set()},
    "setAE": {"migrations": set(), "sites": set()},
    "setAF": {"migrations": set(), "sites": set()},
    # Session 10 sets (tests/unseen/setAG_setAH_NOTES.md, setAI_setAJ_NOTES.md), first run on main c1f5336 (this
    # file's rule; the testers' own score.py counts a site marked unexecuted as missed): AG 1.000/0.128,
    # 1.000/0.811; AH 1.000/0.154, 0.667/0.278; AI 1.000/0.833, 0.958/0.657; AJ 0.867/1.000, 0.952/1.000. Found since:
    # rows imported into a DataStore (``ImportString``) and run from its cells, an ancestor's function written bare
    # (``of_row(…)``), an instance buffer object appended to and run by an own function reading its text, a
    # number an own function returns, ``string[]`` results, an array literal of built statements, a prefix set
    # in two places multiplying a procedure's pieces.
    "setAG": {"migrations": set(), "sites": set()},
    "setAH": {"migrations": set(), "sites": set()},
    "setAI": {"migrations": set(), "sites": set()},
    "setAJ": {"migrations": set(), "sites": set()},
    # Session 10's second sets (tests/unseen/setAK_setAL_NOTES.md, setAM_setAN_NOTES.md), first run on main 51743e9
    # (a worktree the testers ran, with the changes for AE-AJ): AK 1.000/1.000, 1.000/1.000; AL 1.000/0.583,
    # 1.000/0.771; AM 0.714/0.577, 0.769/0.714; AN 1.000/1.000, 1.000/1.000. Found since session 11 (a text
    # maps each character to the file that writes it): setAL's columns, literals of n_cst_schema's functions
    # filling a ``ref str_coldef`` array the caller builds its ALTERs from, and setAM's plans, n_cst_mes_schema's
    # constants (and its ``of_plan_0720()`` result) the window passes back to its interpreter, where those files
    # write them. Still missed: setAM W 64, a helper call inside an event ``Event Trigger``-ed from another file
    # with literals (the event's parameters are not followed back).
    "setAK": {"migrations": set(), "sites": set()},
    "setAL": {"migrations": set(), "sites": set()},
    "setAM": {"migrations": {
        ('w_mes_dbupgrade.srw', 64, 'addcolumn_call', 'mes_qc_result', 'scrap_qty'),
    }, "sites": {
        ('w_mes_dbupgrade.srw', 64, 'mes_qc_result', 'addcolumn_call'),
    }},
    "setAN": {"migrations": set(), "sites": set()},
    # Session 11 sets (tests/unseen/setAO_setAP_NOTES.md, setAQ_setAR_NOTES.md), first run on main b93e639 by the
    # testers' score.py: AO 1.000/0.722, 0.846/0.821; AP 1.000/1.000, 1.000/0.848; AQ 0.926/0.893, 1.000/0.944;
    # AR 1.000/0.182, 0.706/0.297. Found since: a buffer object passed to an own runner function, or filled by
    # another own function first (AR); two CREATE TABLEs whose ``?`` marks a client-side binder fills with an
    # owner read from an INI file (AO 273-307: ``Replace`` with a value not known leaves a placeholder, ``Pos``
    # of a character no name holds is known past it); ``PREPARE SQLSA FROM "<literal>"`` (AO 363); a
    # procedure whose ``{…}`` array a global function in another file joins (AP 112-117: a template marks
    # strings only, so a call passing an array is evaluated); helper calls whose arguments are a structure's
    # fields the window reads from ``Message.PowerObjectParm`` (AQ 47: ``OpenWithParm``); statements stored in a
    # DataWindow's ``data(…)`` rows run from ``this.Object.step_sql[row]`` (AR .srd 14-19); no more the ``Case 9``
    # past the last pass of a version loop (AQ 73, ``For li_v = ai_from + 1 To ci_target``). Still missed: AO 173
    # and 307, a PRIMARY KEY constraint's columns, which the tester keyed as sites and leans to not counting.
    "setAO": {"migrations": set(), "sites": {
        ('n_cst_grn_dbschema.sru', 173, 'grn_bin', 'create_table'),
        ('n_cst_grn_dbschema.sru', 307, 'grn_shrink_sched', 'create_table'),
    }},
    "setAP": {"migrations": set(), "sites": set()},
    "setAQ": {"migrations": set(), "sites": set()},
    "setAR": {"migrations": set(), "sites": set()},
    # Session 11's second sets (tests/unseen/setAS_setAT_NOTES.md, setAU_setAV_NOTES.md), first run on main 0c5e028
    # (with the changes for AO-AR) by the testers' score.py: AS 1.000/0.889, 1.000/0.918; AT 0.667/0.231,
    # 1.000/0.773; AU 0.857/0.250, 1.000/0.744; AV 0.938/0.600, 1.000/0.833. Found since: AT's array passed to the
    # ancestor's ``this.of_CreateTable(t, ls_cols[])``, joined there by the string service's ``of_ArrayToString``
    # in an ``If`` condition (a ``ref`` output of a third file), and the ``;`` lists its ``of_AddColumns`` splits
    # (an answer given while its walk waited on another file is asked again); AU 168, the helper called inside a
    # function walked for its caller's arrays (a walk for one call keeps the helper calls it resolves); AV 100,
    # the ``table|column|definition`` of checkboxes' ``Tag``s read in a loop over ``Control[]`` (a control's
    # string properties from its ``type`` block); AU 76-101 (session 13), table structures holding arrays of
    # column structures filled through overloads, stored whole by ``of_add`` and read back at an index parameter.
    # Still missed: AS 189-192, a plan read with ``JSONParser`` (said in a warning at 218); AV, a bundled ``.sql``
    # file read at run time (qt_r22_gate.sql).
    "setAS": {"migrations": {
        ('n_ld_pipeline_schema.sru', 189, 'alter_add', 'ld_lock', 'srp_bps'),
        ('n_ld_pipeline_schema.sru', 190, 'alter_add', 'ld_loan', 'commit_no'),
        ('n_ld_pipeline_schema.sru', 191, 'alter_add', 'ld_loan', 'lock_exp_dt'),
        ('n_ld_pipeline_schema.sru', 192, 'alter_add', 'ld_commit', 'fallout_pct'),
    }, "sites": {
        ('n_ld_pipeline_schema.sru', 189, 'ld_lock', 'alter_add'),
        ('n_ld_pipeline_schema.sru', 190, 'ld_loan', 'alter_add'),
        ('n_ld_pipeline_schema.sru', 191, 'ld_loan', 'alter_add'),
        ('n_ld_pipeline_schema.sru', 192, 'ld_commit', 'alter_add'),
    }},
    "setAT": {"migrations": set(), "sites": set()},
    "setAU": {"migrations": set(), "sites": set()},
    "setAV": {"migrations": {
        ('qt_r22_gate.sql', 5, 'create_table', 'qt_gate_visit', 'visit_id'),
        ('qt_r22_gate.sql', 6, 'create_table', 'qt_gate_visit', 'container_no'),
        ('qt_r22_gate.sql', 7, 'create_table', 'qt_gate_visit', 'truck_plate'),
        ('qt_r22_gate.sql', 8, 'create_table', 'qt_gate_visit', 'gate_in_dt'),
        ('qt_r22_gate.sql', 9, 'create_table', 'qt_gate_visit', 'vgm_kg'),
        ('qt_r22_gate.sql', 12, 'alter_add', 'qt_gate_visit', 'gate_out_dt'),
    }, "sites": {
        ('qt_r22_gate.sql', 6, 'qt_gate_visit', 'create_table'),
        ('qt_r22_gate.sql', 8, 'qt_gate_visit', 'create_table'),
        ('qt_r22_gate.sql', 9, 'qt_gate_visit', 'create_table'),
    }},
    # Session 12's sets (tests/unseen/setAW_setAX_NOTES.md, setAY_setAZ_NOTES.md), first run on main 035faa0 by
    # the testers' score.py: AW 0.944/0.654, 1.000/0.833; AX 1.000/0.357, 0.917/0.489; AY 1.000/0.111,
    # 0.276/0.189; AZ 0.733/0.458, 0.882/0.789. Found since: an ancestor's function run on the descendant an
    # object variable was created as (its instance values, its overrides of functions and events, Super:: and
    # AncestorReturnValue; AX's table specs, AZ's column lists), a stack object's ref-popped items, a function
    # calling itself, a global function filling a ref array under a flag, numbers in an any[] array (AW's
    # printf), what Describe says of a DataWindow's columns and update table (AW, AX), text written into blobs
    # with BlobEdit and cut by byte counts (AX, AY), AY's preview stack (a second object of the class, never
    # drained) not run. Still extra: AZ's release Choose Case cases 14 and 16, never asked for.
    "setAW": {"migrations": set(), "sites": set()},
    "setAX": {"migrations": set(), "sites": set()},
    "setAY": {"migrations": set(), "sites": set()},
    "setAZ": {"migrations": set(), "sites": set()},
    # Session 12's third and fourth sets (tests/unseen/setBA_setBB_NOTES.md, setBC_setBD_NOTES.md), first run on
    # dev 6f2283c (the changes for AW-AZ in) by the testers' score.py: BA 1.000/0.522, 0.962/0.735; BB
    # 0.933/0.583, 0.767/0.767; BC 0.917/0.710, 0.929/0.706; BD 1.000/0.167, 0.229/0.206. Found since: a string
    # posted to an event read as Message.StringParm, a dictionary object's values run where its getter is (BD);
    # an autoinstantiated object copied from one its constructor filled, an overload handing over to another
    # in its return, a loop with no pass in a function walked for its result (BB). Still missed: BA's table and
    # column objects set from outside, BC's linked list of node objects; BB's helper calls keyed where the
    # column is written (the README keys them at the call) and a temp table's kind.
    "setBA": {"migrations": set(), "sites": {
        ('n_cst_brw_schema.sru', 153, 'brw_batch_log', 'addcolumn_call'),
    }},
    "setBB": {"migrations": set(), "sites": {
        ('n_cst_fry_dbpatch.sru', 99, 'fry_booking', 'addcolumn_call'),
        ('n_cst_fry_dbpatch.sru', 100, 'fry_booking', 'addcolumn_call'),
        ('n_cst_fry_dbpatch.sru', 101, 'fry_booking', 'addcolumn_call'),
        ('n_cst_fry_dbpatch.sru', 102, 'fry_booking', 'addcolumn_call'),
    }},
    "setBC": {"migrations": {
        ('n_cst_dnt_schema.sru', 114, 'alter_add', 'dnt_claim_line', 'surface_cd'),
        ('n_cst_dnt_schema.sru', 128, 'create_table', 'dnt_tx_plan_item', 'item_id'),
        ('n_cst_dnt_schema.sru', 129, 'create_table', 'dnt_tx_plan_item', 'plan_id'),
        ('n_cst_dnt_schema.sru', 130, 'create_table', 'dnt_tx_plan_item', 'patient_no'),
        ('n_cst_dnt_schema.sru', 131, 'create_table', 'dnt_tx_plan_item', 'tooth_no'),
        ('n_cst_dnt_schema.sru', 132, 'create_table', 'dnt_tx_plan_item', 'surface_cd'),
        ('n_cst_dnt_schema.sru', 133, 'create_table', 'dnt_tx_plan_item', 'proc_cd'),
        ('n_cst_dnt_schema.sru', 134, 'create_table', 'dnt_tx_plan_item', 'fee_amt'),
        ('n_cst_dnt_schema.sru', 135, 'create_table', 'dnt_tx_plan_item', 'status_cd'),
    }, "sites": {
        ('n_cst_dnt_schema.sru', 130, 'dnt_tx_plan_item', 'create_table'),
        ('n_cst_dnt_schema.sru', 131, 'dnt_tx_plan_item', 'create_table'),
        ('n_cst_dnt_schema.sru', 132, 'dnt_tx_plan_item', 'create_table'),
        ('n_cst_dnt_schema.sru', 133, 'dnt_tx_plan_item', 'create_table'),
        ('n_cst_dnt_schema.sru', 148, 'dnt_patient', 'embedded_sql'),
        ('n_cst_dnt_schema.sru', 148, 'dnt_recall', 'embedded_sql'),
        ('n_cst_dnt_schema.sru', 150, 'dnt_patient', 'embedded_sql'),
        ('n_cst_dnt_schema.sru', 150, 'dnt_recall', 'embedded_sql'),
    }},
    "setBD": {"migrations": set(), "sites": set()},
    # Session 13's sets (tests/unseen/setBE_setBF_NOTES.md, setBG_setBH_NOTES.md), first run on main 36a115b by
    # the testers' score.py: BE 0.824/1.000, 0.894/0.955; BF 1.000/0.148, 0.194/0.175 (0.778 precision leaving
    # out the rows marked unexecuted); BG 0.812/0.963, 0.909/0.968; BH 0.957/0.815, 1.000/0.943. Found since: a
    # ListBox as a statement queue (``AddItem`` here and through a parameter in another object, ``Text(i)`` run
    # by a button), a structure returned by a global function (BF); the object's own constants read while its
    # instance values are worked out (BE's ``$T`` template filled before it is kept); a ref function's result
    # read afresh in each walk (BG's tokenizer: the last token, each column's own DEFAULT); a returned text not
    # rebuilt per call with every arm (BG's ``f_pke_ddl``); structures passed whole to a list object (BH), and
    # a second list object of the same class only dumped to a file (BH's preview); a temp table's columns are
    # proc_temp_ddl outside a procedure too (BE, session 14). Still: BG's event no script registers (an event
    # may be triggered from outside the sources, as a public function may be called).
    "setBE": {"migrations": set(), "sites": set()},
    "setBF": {"migrations": set(), "sites": set()},
    "setBG": {"migrations": set(), "sites": set()},
    "setBH": {"migrations": set(), "sites": set()},
    # Session 13's second sets (tests/unseen/setBI_setBJ_NOTES.md, setBK_setBL_NOTES.md), first run on dev 1933319
    # (the changes for BE-BH in) by the testers' score.py: BI 0.972/1.000, 0.973/0.973; BJ 1.000/0.094,
    # 0.229/0.229; BK 1.000/0.630, 0.657/0.639; BL 1.000/0.414, 0.750/0.615.
    "setBI": {"migrations": set(), "sites": set()},
    "setBJ": {"migrations": set(), "sites": set()},
    "setBK": {"migrations": set(), "sites": set()},
    "setBL": {"migrations": set(), "sites": set()},
    # Session 14's sets (tests/unseen/setBM_setBN_NOTES.md, …), first run on main 29b9f62 by the testers' score.py:
    # BM 1.000/0.522, 0.719/0.605; BN 0.850/0.810, 0.902/0.881.
    "setBM": {"migrations": set(), "sites": {
        ('n_cst_crw_upgrade.sru', 156, 'crw_member', 'embedded_sql'),
        ('n_cst_crw_upgrade.sru', 157, 'crw_member', 'embedded_sql'),
        ('n_cst_crw_upgrade.sru', 160, 'crw_rest_log', 'embedded_sql'),
    }},
    "setBN": {"migrations": set(), "sites": set()},
    # BO 0.875/0.280, 1.000/0.842; BP 1.000/0.160, 0.242/0.211; BS 1.000/1.000, 1.000/0.929; BT 1.000/0.148,
    # 0.282/0.282.
    "setBO": {"migrations": set(), "sites": set()},
    "setBP": {"migrations": set(), "sites": set()},
    "setBQ": {"migrations": set(), "sites": {
        ('w_fx_upgrade.srw', 162, 'fx_lot', 'embedded_sql'),
    }},
    "setBR": {"migrations": {
        ('w_tx_upgrade.srw', 137, 'addcolumn_call', 'tx_cab', 'zone_cd'),
        ('w_tx_upgrade.srw', 137, 'addcolumn_call', 'tx_shift', 'meter_km'),
        ('w_tx_upgrade.srw', 137, 'addcolumn_call', 'tx_trip', 'meter_km'),
        ('w_tx_upgrade.srw', 137, 'addcolumn_call', 'tx_trip', 'tip_amt'),
    }, "sites": {
        ('w_tx_upgrade.srw', 137, 'tx_cab', 'addcolumn_call'),
        ('w_tx_upgrade.srw', 137, 'tx_shift', 'addcolumn_call'),
        ('w_tx_upgrade.srw', 137, 'tx_trip', 'addcolumn_call'),
    }},
    "setBS": {"migrations": set(), "sites": set()},
    "setBT": {"migrations": set(), "sites": set()},
}
KNOWN_EXTRA = {name: {"migrations": set(), "sites": set()} for name in KNOWN_MISSED}
KNOWN_EXTRA.update({
    # Since session 12 the columns a constraint added by ALTER TABLE reads (CHECK, DEFAULT … FOR, PRIMARY KEY,
    # UNIQUE, FOREIGN KEY … REFERENCES) are where-used rows: a tenant without the column fails that statement.
    # Set BA's key lists its CHECK row; AF's and P's keys list theirs as neutral; AJ, AL, S and T's keys had
    # none, so those rows are extra here.
    # setI 292: ALTER in a public function nothing calls (the key says never run; public functions may be
    # called from outside the sources, so it counts); setJ: see KNOWN_MISSED (the same rows, other kinds).
    "setI": {"migrations": {
        ('n_cst_tenant_migrate.sru', 292, 'alter_add', 'rmusr_payups', 'legacy_flag'),
    }, "sites": {
        ('n_cst_tenant_migrate.sru', 293, 'rmusr_payups', 'embedded_sql'),
    }},
    "setJ": {"migrations": set(), "sites": {
        ('n_cst_upg_procs.sru', 78, 'pfill_price_hist_arch', 'proc_reference'),
        ('n_cst_upg_procs.sru', 79, 'pfill_price_hist', 'proc_reference'),
        ('n_cst_upg_procs.sru', 95, 'pfill_fee_sched', 'embedded_sql'),
        ('n_cst_upg_procs.sru', 95, 'pfill_trade_alloc', 'embedded_sql'),
        ('n_cst_upg_procs.sru', 96, 'pfill_fee_sched', 'embedded_sql'),
        ('n_cst_upg_procs.sru', 96, 'pfill_trade_alloc', 'embedded_sql'),
    }},
    # setO 179/181 and setP 76: rows the key lists as neither expected nor wrong (``inserted`` read in a
    # trigger, a computed column's expression). (The template "CREATE TABLE @S@mahnung (…" a string service
    # fills, reported unexecuted at 81/83 before session 6, is a piece of the filled text that runs.)
    "setO": {"migrations": set(), "sites": {
        ('n_cst_fibu_migration.sru', 179, 'op_posten', 'proc_reference'),
        ('n_cst_fibu_migration.sru', 181, 'op_posten', 'proc_reference'),
    }},
    "setP": {"migrations": set(), "sites": {
        ('n_upd_patcher.sru', 63, 't_shohin', 'embedded_sql'),
        ('n_upd_patcher.sru', 76, 't_chumon_meisai', 'embedded_sql'),
    }},
    # Rows the keys list as neutral (neither expected nor wrong): a CTE's and MERGE OUTPUT's columns read
    # through their tables (setQ 129-133), a computed column's expression (setR 62).
    "setQ": {"migrations": set(), "sites": {
        ('n_cst_maj_v126.sru', 129, 'pdv_ticket', 'proc_reference'),
        ('n_cst_maj_v126.sru', 132, 'pdv_ticket', 'proc_reference'),
        ('n_cst_maj_v126.sru', 133, 'pdv_cloture', 'proc_reference'),
    }},
    "setR": {"migrations": set(), "sites": {('n_claims_dbscript.sru', 62, 'claim', 'embedded_sql')}},
    # a filtered unique index's columns, which the key lists as neutral (setS 110-111)
    "setS": {"migrations": set(), "sites": {
        ('n_cst_pfill_schema.sru', 107, 'pfill_pool', 'embedded_sql'),
        ('n_cst_pfill_schema.sru', 110, 'pfill_pool', 'embedded_sql'),
        ('n_cst_pfill_schema.sru', 111, 'pfill_pool', 'embedded_sql'),
    }},
    # setN 112: queued, then taken off the queue again (``ids_queue.DeleteRow(ll_row)`` of the row the call
    # returned): nvo-scan does not follow which rows of a DataStore are deleted.
    "setN": {"migrations": {
        ('n_hmx_migrator.sru', 112, 'alter_add', 'hmx_strike', 'fee_bps'),
    }, "sites": {
        ('n_hmx_migrator.sru', 112, 'hmx_strike', 'alter_add'),
    }},
    # setV 57: the ancestor's own step 3, which the only object the sources create overrides (values as sets:
    # an ancestor's script may run on the ancestor itself); setW 89: a site the key lists as never run.
    "setV": {"migrations": {("n_cst_los_patch.sru", 57, "alter_add", "los_application", "dti_ratio")},
             "sites": {("n_cst_los_patch.sru", 57, "los_application", "alter_add")}},
    "setW": {"migrations": set(), "sites": {("n_cst_clm_migr_v9.sru", 89, "clm_claim", "embedded_sql")}},

    # setY 179: see KNOWN_MISSED (the same rows at the call's line).
    "setY": {"migrations": {
        ('n_cst_wms_schema.sru', 179, 'addcolumn_call', 'wms_bin', 'hazmat_cls'),
        ('n_cst_wms_schema.sru', 179, 'addcolumn_call', 'wms_route', 'carrier_scac'),
        ('n_cst_wms_schema.sru', 179, 'addcolumn_call', 'wms_stock', 'bin_cd'),
        ('n_cst_wms_schema.sru', 179, 'addcolumn_call', 'wms_stock', 'expiry_dt'),
    }, "sites": {
        ('n_cst_wms_schema.sru', 179, 'wms_bin', 'addcolumn_call'),
        ('n_cst_wms_schema.sru', 179, 'wms_route', 'addcolumn_call'),
        ('n_cst_wms_schema.sru', 179, 'wms_stock', 'addcolumn_call'),
    }},

    # setAD 83: ``case 4`` of a ``choose case ai_step`` only ``for li_step = 1 to 3`` calls (the callers' range is
    # not followed); 108: a row the key lists as not run (a CTE's column read through its table); 125-140: rows of
    # the procedure's text again as embedded SQL: gone since session 11 (a function's result run as a piece of a
    # text that runs is not a statement of its own). setAF 158: a step whose structure says ``b_skip = True``,
    # skipped by the global runner (``If astr_ddl[li_i].b_skip Then Continue``: the flag is not followed there).
    "setAD": {"migrations": {
        ('n_cst_rpt_sql.sru', 83, 'alter_add', 'rpt_sales_day', 'net_amt_usd'),
    }, "sites": {
        ('n_cst_rpt_sql.sru', 108, 'rpt_sales_day', 'embedded_sql'),
    }},
    "setAF": {"migrations": {
        ('htl_app.sra', 158, 'alter_column', 'htl_room', 'room_no'),
    }, "sites": {
        ('htl_app.sra', 137, 'htl_stay', 'embedded_sql'),
        ('htl_app.sra', 158, 'htl_room', 'alter_column'),
    }},
    # setAG L 94: an imported row whose run flag is "N", which ``SetFilter("run_flag = 'Y'")`` + ``Filter()``
    # moves out of the rows the runner reads (a DataStore's filter is not evaluated). setAJ n_cst_mig_0044: a
    # migration class that the runner's ``create using ls_class[li_i]`` list leaves out (every descendant of the
    # class a script creates by name is taken to run: it may be created from outside the sources).
    "setAG": {"migrations": {('n_cst_lab_dbmaint.sru', 94, 'alter_column', 'lab_result', 'result_val')},
              "sites": {('n_cst_lab_dbmaint.sru', 94, 'lab_result', 'alter_column')}},
    "setAJ": {"migrations": {
        ('n_cst_mig_0044.sru', 23, 'create_table', 'pos_loyalty_tier', 'tier_cd'),
        ('n_cst_mig_0044.sru', 24, 'create_table', 'pos_loyalty_tier', 'min_pts'),
        ('n_cst_mig_0044.sru', 25, 'create_table', 'pos_loyalty_tier', 'disc_pct'),
        ('n_cst_mig_0044.sru', 26, 'alter_column', 'pos_customer', 'loyalty_pts'),
    }, "sites": {
        ('n_cst_mig_0042.sru', 55, 'pos_item', 'embedded_sql'),
        ('n_cst_mig_0042.sru', 56, 'pos_tax_grp', 'embedded_sql'),
        ('n_cst_mig_0043.sru', 46, 'pos_promo_item', 'embedded_sql'),
        ('n_cst_mig_0044.sru', 25, 'pos_loyalty_tier', 'create_table'),
        ('n_cst_mig_0044.sru', 26, 'pos_customer', 'alter_column'),
    }},
    # setAM S 21 (the ``IDX`` entry's CREATE INDEX), 184/186 (the scratch table ``#mes_dup``): run through the
    # runner; the key lists these rows as neutral (its ``score.py`` counts a run site there as neither).
    "setAM": {"migrations": set(), "sites": {
        ('n_cst_mes_schema.sru', 21, 'mes_lot', 'embedded_sql'),
        ('n_cst_mes_schema.sru', 184, '#mes_dup', 'proc_temp_ddl'),
        ('n_cst_mes_schema.sru', 186, '#mes_dup', 'embedded_sql'),
    }},
    # Session 11 sets: AO 235, a page of a procedure no caller asks for, taken to run (the key says never run);
    # AR .srd 20: the CREATE INDEX row, which the key lists as neutral.
    "setAO": {"migrations": set(), "sites": {
        ('n_cst_grn_dbschema.sru', 235, 'grn_ticket', 'proc_reference'),
    }},
    "setAQ": {"migrations": set(), "sites": set()},
    "setAR": {"migrations": set(), "sites": {
        ('d_sp_upgrade_steps.srd', 20, 'sp_rental', 'embedded_sql'),
    }},
    "setT": {"migrations": {
        ('n_cst_trade_ddl.sru', 107, 'alter_add', 'pfill_bid_hist', 'bid_px'),
    }, "sites": {
        ('n_cst_trade_ddl.sru', 107, 'pfill_bid_hist', 'alter_add'),
        ('n_cst_trade_ddl.sru', 194, 'pfill_trade', 'embedded_sql'),
    }},
    # setAS 484: the CREATE INDEX of revision 4107, which the key lists as not run.
    "setAS": {"migrations": set(), "sites": {
        ('n_ld_pipeline_schema.sru', 484, 'ld_lock', 'embedded_sql'),
    }},
    "setAX": {"migrations": set(), "sites": set()},
    "setAY": {"migrations": set(), "sites": set()},
    "setAZ": {"migrations": {
        ('n_cst_bo_upgrade.sru', 84, 'alter_add', 'bo_performance', 'venue_cd'),
        ('n_cst_bo_upgrade.sru', 88, 'alter_column', 'bo_seat', 'seat_row'),
    }, "sites": {
        ('n_cst_bo_upgrade.sru', 84, 'bo_performance', 'alter_add'),
        ('n_cst_bo_upgrade.sru', 88, 'bo_seat', 'alter_column'),
    }},
    "setBA": {"migrations": set(), "sites": {
        ('n_cst_brw_schema.sru', 152, 'brw_batch_log', 'addcolumn_call'),
    }},
    "setBB": {"migrations": set(), "sites": {
        ('n_cst_fry_dbpatch.sru', 105, 'fry_booking', 'addcolumn_call'),
        ('n_cst_fry_dbpatch.sru', 134, 'fry_fare_snap_330', 'embedded_sql'),
    }},
    "setBC": {"migrations": {
        ('n_cst_dnt_schema.sru', 108, 'alter_add', 'dnt_claim_line', 'surface_cd'),
    }, "sites": {
        ('n_cst_dnt_schema.sru', 108, 'dnt_claim_line', 'alter_add'),
    }},
    "setBD": {"migrations": {
        ('n_cst_hm_ddl_catalog.sru', 72, 'alter_add', 'hm_invoice', 'berth_rate'),
    }, "sites": {
        ('n_cst_hm_ddl_catalog.sru', 72, 'hm_invoice', 'alter_add'),
    }},
    "setAL": {"migrations": set(), "sites": {
        ('n_cst_bo_upgrade.sru', 61, 'bo_payment', 'embedded_sql'),
        ('n_cst_bo_upgrade.sru', 62, 'bo_hold_reason', 'embedded_sql'),
    }},
    "setBE": {"migrations": set(), "sites": set()},
    "setBF": {"migrations": set(), "sites": {
        ('n_cst_pk_schema.sru', 86, 'pk_bin_lot_bak', 'embedded_sql'),
    }},
    "setBG": {"migrations": {
        ('n_cst_pke_upgrade.sru', 104, 'alter_column', 'pke_appeal', 'appeal_status'),
    }, "sites": {
        ('n_cst_pke_upgrade.sru', 104, 'pke_appeal', 'alter_column'),
    }},
    "setBH": {"migrations": set(), "sites": set()},
    "setBI": {"migrations": {
        ('n_cst_cem_ddl.sru', 39, 'alter_column', 'cem_plot', 'plot_no'),
    }, "sites": {
        ('n_cst_cem_ddl.sru', 39, 'cem_plot', 'alter_column'),
    }},
    "setBN": {"migrations": set(), "sites": set()},
    "setBP": {"migrations": set(), "sites": set()},
    "setBR": {"migrations": {
        ('n_cst_tx_patch_fleet.sru', 36, 'alter_add', 'tx_cab', 'battery_kwh'),
    }, "sites": set()},
})
#: Rows found whose definition differs from the key's: the definition CHOOSE CASE picks by ``sqlca.DBMS`` is
#: not known from the source (nvo-scan gives none, with a warning; the key took the SQL Server arm).
KNOWN_OTHER_DEFINITION = {
    "setG": {("n_tenant_schema.sru", 337, "addcolumn_call", "tm_price_grid", "settle_dt")},
    # setAQ: column types a lookup object reads from an INI file with ``ProfileString`` and a default (not known
    # from the source: placeholders).
    "setAQ": {
        ('n_cst_vet_upgrade.sru', 41, 'alter_add', 'vet_patient', 'microchip_no'),
        ('n_cst_vet_upgrade.sru', 44, 'alter_add', 'vet_patient', 'species_cd'),
        ('n_cst_vet_upgrade.sru', 48, 'alter_column', 'vet_patient', 'weight_kg'),
        ('n_cst_vet_upgrade.sru', 55, 'addcolumn_call', 'vet_visit', 'weight_kg'),
        ('n_cst_vet_upgrade.sru', 121, 'create_table', 'vet_vaccination', 'rabies_tag'),
    },
    # setAZ: the type ``of_dt_type()`` picks by ``SQLCA.DBMS`` (the key took the SQL Native Client arm).
    "setAZ": {('n_cst_bo_td_hold.sru', 32, 'create_table', 'bo_seat_hold', 'hold_until')},
    # setBA: the default rate ``Dec(ProfileString(gs_ini, "Brewhouse", "DefaultAbv", "5.0"))``, read at run time.
    "setBA": {('n_cst_brw_schema.sru', 119, 'create_table', 'brw_batch_log', 'abv_pct')},
}


def _definition(text: str) -> str:
    """A definition compared without case, brackets around names, or spacing."""
    text = re.sub(r"\s+", " ", (text or "").lower().replace("[", "").replace("]", "")).strip()
    return re.sub(r"\s*([(),])\s*", r"\1", text)


def _score(name: str) -> dict:
    folder = UNSEEN / name
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    result = run_pipeline([str(folder)])
    found_migrations: dict[tuple, str] = {}
    for m in enumerate_migrations(result).migrations:
        base = os.path.basename(m.file)
        if m.kind == "create_table":
            for d in m.columns:  # each column in the file that writes it
                found_migrations[(os.path.basename(d.file), d.line, m.kind, m.table.lower(), d.column.lower())] = \
                    d.definition
        elif m.table and m.column:
            found_migrations[(base, m.line, m.kind, m.table.lower(), m.column.lower())] = m.definition
    wanted_migrations = {(r["file"], r["line"], r["kind"], r["table"].lower(), r["column"].lower()): r["definition"]
                         for r in key["migrations"]}
    columns = key.get("where_used_columns") or key.get("key_columns") or key.get("tracked_columns") \
        or sorted({r["column"] for r in key["where_used"]})
    unexecuted_key = {(r["file"], r["line"], r["table"].lower(), r["kind"])
                      for r in key.get("unexecuted_sites", []) + key.get("logged_only_sites", [])}
    found_sites, flagged = set(), set()
    for column in columns:
        for site in where_used(result, column):
            row = (os.path.basename(site.file), site.line, (site.table or "").lower(), site.kind)
            (flagged if site.origin == "unexecuted" else found_sites).add(row)
    wanted_sites = {(r["file"], r["line"], r["table"].lower(), r["kind"]) for r in key["where_used"]}
    return {
        "migrations": (set(wanted_migrations), set(found_migrations)),
        "definitions": [(k, wanted_migrations[k], found_migrations[k]) for k in wanted_migrations
                        if k in found_migrations and _definition(wanted_migrations[k]) != _definition(found_migrations[k])],
        "sites": (wanted_sites, found_sites | (flagged - unexecuted_key)),
        "flagged": flagged & unexecuted_key,
        "unexecuted_key": unexecuted_key,
    }


@pytest.mark.parametrize("name", sorted(KNOWN_MISSED))
def test_unseen_set_scores(name):
    score = _score(name)
    for kind in ("migrations", "sites"):
        wanted, found = score[kind]
        assert wanted - found == KNOWN_MISSED[name][kind], f"{name} {kind} missed"
        assert found - wanted == KNOWN_EXTRA[name][kind], f"{name} {kind} extra"
    assert {row for row, _, _ in score["definitions"]} == KNOWN_OTHER_DEFINITION.get(name, set())
    # What the keys mark as built but never run is reported as such when it is reported at all.
    assert score["flagged"] <= score["unexecuted_key"]

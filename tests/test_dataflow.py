"""String data flow: values as sets, PowerScript string functions, arrays of parts joined in loops,
functions' results, and SQL sinks across functions, objects and global functions (issue 8, items 1-5).

Each test writes small exports whose line numbers are counted in the test (line 1 is the first line).
"""
from __future__ import annotations

from powerfill_nvo.migrations import UNKNOWN_DDL_TABLE, enumerate_migrations
from powerfill_nvo.pipeline import run_pipeline
from powerfill_nvo.views.migrations import render_sql, render_table_view
from powerfill_nvo.whereused import all_sites, where_used


def _object(folder, name: str, body: str, variables: str = "", ancestor: str = "nonvisualobject",
            extension: str = "sru"):
    """An export: lines 1-2 the type, line 4 ``type variables``, then ``variables`` and ``body``."""
    path = folder / f"{name}.{extension}"
    path.write_text(f"global type {name} from {ancestor}\nend type\n\ntype variables\n{variables}end variables\n\n"
                    f"{body}", encoding="utf-8")
    return str(path)


def _migrations(paths):
    report = enumerate_migrations(run_pipeline(paths))
    rows = []
    for m in report.migrations:
        if m.kind == "create_table":
            rows += [(d.file.rsplit("/", 1)[-1], d.line, "create_table", m.table, d.column, d.definition)
                     for d in m.columns]
        else:
            rows.append((m.file.rsplit("/", 1)[-1], m.line, m.kind, m.table, m.column, m.definition))
    return rows, report


def _sites(paths, column):
    return [(s.file.rsplit("/", 1)[-1], s.line, s.table, s.kind, s.origin) for s in
            sorted(where_used(run_pipeline(paths), column), key=lambda s: (s.file, s.line, s.table))]


def test_a_newline_variable_set_by_a_guard_reads_as_a_line_break(tmp_path):
    # is_nl is declared without a value ("" by PowerScript's default) and set only by a guard.
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_sql\n"
                   "If IsNull(is_nl) Or Len(is_nl) = 0 Then is_nl = Char(13) + Char(10)\n"
                   'ls_sql = "CREATE PROCEDURE psp_pfill_roll" + is_nl + "AS" + is_nl\n'
                   'ls_sql += "UPDATE pfill_pool SET div_by = 1" + is_nl\n'
                   "ls_sql += \"WHERE pool_status = ~'O~'\"\n"
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n",
                   "string is_nl\n")
    result = run_pipeline([path])
    [text] = [a for a in result.sql if a.text.origin == "execute_immediate"]
    assert text.text.text.text == ("CREATE PROCEDURE psp_pfill_roll\r\nAS\r\nUPDATE pfill_pool SET div_by = 1\r\n"
                                   "WHERE pool_status = 'O'")
    assert text.text.text.complete
    assert text.facts.procedure.name == "psp_pfill_roll"
    assert _sites([path], "div_by") == [("n_a.sru", 11, "pfill_pool", "proc_reference", "execute_immediate")]
    assert _sites([path], "pool_status") == [("n_a.sru", 12, "pfill_pool", "proc_reference", "execute_immediate")]


def test_each_candidate_a_branch_assigns_is_followed(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run (boolean ab_temp);string ls_table, ls_sql\n"
                   'If ab_temp Then\n\tls_table = "#work"\nElse\n\tls_table = "pfill_work"\nEnd If\n'
                   'ls_sql = "ALTER TABLE " + ls_table + " ADD div_by numeric(5,0) NULL"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    # Both statements can run: the temp table's is no migration, the other one is.
    assert rows == [("n_a.sru", 13, "alter_add", "pfill_work", "div_by", "numeric(5,0) NULL")]


def test_statements_chosen_in_choose_case_arms_are_each_run(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run (integer ai_step);string ls_sql\n"
                   "Choose Case ai_step\n"
                   '\tCase 1\n\t\tls_sql = "ALTER TABLE pfill_pool ADD upd_user varchar(30) NULL"\n'
                   '\tCase 2\n\t\tls_sql = "ALTER TABLE pfill_bx ADD upd_user varchar(30) NULL, " + &\n'
                   '\t\t\t"upd_dt datetime NULL"\n'
                   "End Choose\n"
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 10, "alter_add", "pfill_pool", "upd_user", "varchar(30) NULL"),
                    ("n_a.sru", 12, "alter_add", "pfill_bx", "upd_user", "varchar(30) NULL"),
                    ("n_a.sru", 13, "alter_add", "pfill_bx", "upd_dt", "datetime NULL")]


def test_more_candidates_than_the_cap_leave_the_piece_unknown(tmp_path):
    arms = "".join(f'\tCase {i}\n\t\tls_table = "t{i}"\n' for i in range(1, 10))
    path = _object(tmp_path, "n_a",
                   "public function integer of_run (integer ai_step);string ls_sql, ls_table\n"
                   f"Choose Case ai_step\n{arms}End Choose\n"
                   'of_set_addcolumn(SQLCA, ls_table, "c1", "int NULL")\n'
                   "return 1\nend function\n")
    _, report = _migrations([path])
    [call] = report.migrations
    assert (call.line, call.table, call.column, call.resolved) == (28, None, "c1", False)
    assert call.warnings == ["table not known from the source: ls_table"]


def test_string_functions_constants_and_array_initialisers(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_sql\n"
                   "string ls_types[] = {\"int NULL\", \"varchar(10) NULL\"}\n"
                   'ls_sql = Upper(ics_alter) + Space(1) + WordCap("pfill_pool") + " ADD " + Left("div_byXX", 6)\n'
                   'ls_sql += Fill(" ", 2) + Mid("--numeric(5,0) NULL", 3) + Char(10)\n'
                   "EXECUTE IMMEDIATE :ls_sql;\n"
                   'ls_sql = ics_alter + " pfill_bx ADD " + Replace("pool_xx", 6, 2, "id") + " " + ls_types[2]\n'
                   "EXECUTE IMMEDIATE :ls_sql;\n"
                   'ls_sql = ics_alter + " pfill_bx ADD seq_" + String(7) + " " + Right("xxint NULL", 8)\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n",
                   'constant string ics_alter_word = "alter"\n'
                   'constant string ics_alter = ics_alter_word + " table"\n')
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 11, "alter_add", "Pfill_Pool", "div_by", "numeric(5,0) NULL"),
                    ("n_a.sru", 14, "alter_add", "pfill_bx", "pool_id", "varchar(10) NULL"),
                    ("n_a.sru", 16, "alter_add", "pfill_bx", "seq_7", "int NULL")]


def test_array_of_parts_joined_in_a_loop_maps_each_part_to_its_line(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_part[], ls_sql\ninteger li_n, li_i\n"
                   'li_n++\nls_part[li_n] = "CREATE TABLE pfill_log ("\n'
                   'li_n = li_n + 1\nls_part[li_n] = "  log_id int NOT NULL,"\n'
                   'li_n += 1\nls_part[li_n] = "  div_by numeric(5,0) NULL)"\n'
                   'For li_i = 1 To li_n\n\tls_sql += ls_part[li_i] + "~r~n"\nNext\n'
                   "EXECUTE IMMEDIATE :ls_sql;\n"
                   'ls_part[1] = "ALTER TABLE pfill_log ADD run_at datetime NULL"\n'
                   'ls_part[2] = "ALTER TABLE pfill_log ADD run_by varchar(30) NULL"\n'
                   "For li_i = 1 To UpperBound(ls_part)\n\tEXECUTE IMMEDIATE :ls_part[li_i];\nNext\n"
                   "return 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 12, "create_table", "pfill_log", "log_id", "int NOT NULL"),
                    ("n_a.sru", 14, "create_table", "pfill_log", "div_by", "numeric(5,0) NULL"),
                    ("n_a.sru", 19, "alter_add", "pfill_log", "run_at", "datetime NULL"),
                    ("n_a.sru", 20, "alter_add", "pfill_log", "run_by", "varchar(30) NULL")]


def test_helper_arguments_picked_from_arrays_in_a_loop_are_known(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();integer li_i\n"
                   'string ls_col[] = {"div_by", "pool_status"}\n'
                   'string ls_def[] = {"numeric(5,0) NULL", "char(1) NULL"}\n'
                   "For li_i = 1 To 2\n"
                   '\tof_set_addcolumn(SQLCA, "pfill_pool", ls_col[li_i], ls_def[li_i])\nNext\n'
                   "return 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 11, "addcolumn_call", "pfill_pool", "div_by", "numeric(5,0) NULL"),
                    ("n_a.sru", 11, "addcolumn_call", "pfill_pool", "pool_status", "char(1) NULL")]


def test_a_function_that_returns_the_built_string_gives_its_callers_the_value(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function string of_column_sql (string as_table, string as_col);\n"
                   'return "ALTER TABLE " + as_table + " ADD " + as_col + " int NULL"\nend function\n'
                   "public function integer of_run ();string ls_sql\n"
                   'ls_sql = of_column_sql("pfill_bx", "lot_seq")\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 11, "alter_add", "pfill_bx", "lot_seq", "int NULL")]  # the name comes from line 11


def test_sql_run_by_a_function_of_another_object_and_by_a_global_function(tmp_path):
    runner = _object(tmp_path, "n_cst_runner",
                     "public function integer of_run (string as_sql);string ls_stmt\n"
                     "ls_stmt = as_sql\nEXECUTE IMMEDIATE :ls_stmt USING SQLCA;\n"
                     "return 1\nend function\n")
    gf = tmp_path / "gf_exec.srf"
    gf.write_text("global type gf_exec from function_object\nend type\n\n"
                  "global function integer gf_exec (transaction atr, string as_sql);\n"
                  "EXECUTE IMMEDIATE :as_sql USING atr;\nreturn 1\nend function\n", encoding="utf-8")
    caller = _object(tmp_path, "n_cst_caller",
                     "public function integer of_pass (string as_text);return inv_run.of_run(as_text)\n"
                     "end function\n"
                     "public function integer of_go ();\n"
                     'of_pass("ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL")\n'
                     'gf_exec(SQLCA, "ALTER TABLE pfill_bx ADD lot_seq int NULL")\n'
                     'of_log("ALTER TABLE pfill_bx ADD never_run int NULL")\n'
                     "return 1\nend function\n"
                     "public subroutine of_log (string as_line);FileWrite(ii_log, as_line)\nend subroutine\n",
                     "n_cst_runner inv_run\nlong ii_log\n")
    rows, report = _migrations([runner, str(gf), caller])
    assert rows == [("n_cst_caller.sru", 12, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL"),
                    ("n_cst_caller.sru", 13, "alter_add", "pfill_bx", "lot_seq", "int NULL")]
    [div_by, lot_seq] = report.migrations
    assert div_by.notes == [f"run: passed to n_cst_caller.of_pass, n_cst_runner.of_run at {caller}:9 → "
                            f"EXECUTE IMMEDIATE at {runner}:9"]
    assert lot_seq.notes == [f"run: passed to gf_exec, EXECUTE IMMEDIATE at {gf}:5"]
    assert [(d.line, d.message) for d in report.diagnostics if "reaches no SQL sink" in d.message] == [
        (14, "DDL for pfill_bx is built but reaches no SQL sink nvo-scan can see "
             "(passed to n_cst_caller.of_log, which does not run it): not counted as a migration")]
    # The SQL that is never run is still a use of its column, flagged as such.
    assert _sites([runner, str(gf), caller], "never_run") == [
        ("n_cst_caller.sru", 14, "pfill_bx", "alter_add", "unexecuted")]


def test_a_function_of_an_ancestor_and_an_instance_variable_run_elsewhere(tmp_path):
    base = _object(tmp_path, "n_cst_base",
                   "public function integer of_exec (string as_sql);\n"
                   "EXECUTE IMMEDIATE :as_sql;\nreturn 1\nend function\n")
    child = _object(tmp_path, "n_cst_child",
                    "public subroutine of_build ();\n"
                    'is_pending = "ALTER TABLE pfill_pool ADD "\n'
                    'is_pending = is_pending + "max_upb money NULL"\nend subroutine\n'
                    "public function integer of_flush ();string ls\nls = is_pending\n"
                    "return of_exec(ls)\nend function\n"
                    "public function integer of_direct ();\n"
                    'return this.of_exec("ALTER TABLE pfill_bx ADD lot_seq int NULL")\nend function\n',
                    "string is_pending\n", ancestor="n_cst_base")
    rows, report = _migrations([base, child])
    assert rows == [("n_cst_child.sru", 10, "alter_add", "pfill_pool", "max_upb", "money NULL"),
                    ("n_cst_child.sru", 17, "alter_add", "pfill_bx", "lot_seq", "int NULL")]
    assert report.migrations[0].notes == [
        f"run: kept in is_pending, passed to n_cst_base.of_exec at {child}:14, EXECUTE IMMEDIATE at {base}:8"]


def test_sql_passed_to_a_function_not_in_the_sources_counts_with_a_warning(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();\n"
                   'gnv_app.inv_db.of_execute("ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL")\n'
                   'MessageBox("SQL", "ALTER TABLE pfill_pool ADD shown_only int NULL")\n'
                   "return 1\nend function\n")
    rows, report = _migrations([path])
    assert rows == [("n_a.sru", 8, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL")]
    assert report.migrations[0].warnings == [
        "assumed run: passed to gnv_app.inv_db.of_execute, which is not defined in the sources"]


def test_an_element_picked_by_an_index_not_known_is_any_element(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_ddl[]\nlong ll_i\n"
                   'ls_ddl[1] = "create table pipe_pool (pool_id int not null)"\n'
                   'ls_ddl[2] = "alter table pipe_pool add settle_dt datetime null"\n'
                   "for ll_i = 1 to upperbound(ls_ddl)\n"
                   "\tif inv_runner.of_run(ls_ddl[ll_i]) <> 0 then exit\nnext\n"
                   "return 1\nend function\n"
                   "public function integer of_run (string as_sql);execute immediate :as_sql;\n"
                   "return 1\nend function\n",
                   "n_a inv_runner\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 10, "create_table", "pipe_pool", "pool_id", "int not null"),
                    ("n_a.sru", 11, "alter_add", "pipe_pool", "settle_dt", "datetime null")]


def test_a_name_completed_from_a_constant_is_placed_where_it_is_completed(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_sql\n"
                   'ls_sql = "create table pipe_commit (commit_id int not null, "\n'
                   'ls_sql += ic_px + "_pct numeric(11,8) null)"\n'
                   "execute immediate :ls_sql;\nreturn 1\nend function\n",
                   'constant string ic_px = "price"\n')
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 9, "create_table", "pipe_commit", "commit_id", "int not null"),
                    ("n_a.sru", 10, "create_table", "pipe_commit", "price_pct", "numeric(11,8) null")]


def test_datawindow_sql_set_by_modify_and_setsqlselect_and_a_literal_run_immediately(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run (datastore ads);string ls_sel\n"
                   'ls_sel = "SELECT p.div_by FROM pfill_pool p"\n'
                   "ads.Modify(\"DataWindow.Table.Select='\" + ls_sel + \"'\")\n"
                   'ads.SetSQLSelect("SELECT pool_status FROM pfill_pool")\n'
                   'EXECUTE IMMEDIATE "ALTER TABLE pfill_pool ADD max_upb money NULL" USING SQLCA;\n'
                   "return 1\nend function\n")
    assert _sites([path], "div_by") == [("n_a.sru", 8, "pfill_pool", "embedded_sql", "sink_call")]
    assert _sites([path], "pool_status") == [("n_a.sru", 10, "pfill_pool", "embedded_sql", "sink_call")]
    rows, report = _migrations([path])
    assert rows == [("n_a.sru", 11, "alter_add", "pfill_pool", "max_upb", "money NULL")]
    assert report.migrations[0].notes == [f"run: EXECUTE IMMEDIATE at {path}:11"]


def test_a_string_function_called_with_a_choice_gives_each_candidate_result(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function string of_add (string as_col);\n"
                   'return "ALTER TABLE pfill_pool ADD " + as_col + " int NULL"\nend function\n'
                   "public function integer of_run (boolean ab_x);string ls_col, ls_sql\n"
                   'if ab_x then\n\tls_col = "lot_a"\nelse\n\tls_col = "lot_b"\nend if\n'
                   "ls_sql = of_add(ls_col)\nEXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 12, "alter_add", "pfill_pool", "lot_a", "int NULL"),
                    ("n_a.sru", 14, "alter_add", "pfill_pool", "lot_b", "int NULL")]


def test_an_array_filled_by_a_function_is_not_empty_and_its_loop_is_read(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run (string as_list);string ls_ids[]\ninteger li_i\n"
                   "inv_string.of_parsetoarray(as_list, ',', ls_ids)\n"
                   "for li_i = 1 to UpperBound(ls_ids)\n"
                   "\tdelete pfill_pool where pool_id = :ls_ids[li_i];\nnext\n"
                   'this.MicroHelp = "Delete the current row"\n'
                   "return 1\nend function\n")
    assert _sites([path], "pool_id") == [("n_a.sru", 11, "pfill_pool", "embedded_sql", "embedded")]
    assert [a.text.text.text for a in run_pipeline([path]).sql] == [
        "delete pfill_pool where pool_id = :ls_ids[li_i]"]


def test_sql_that_starts_with_a_comment_is_sql(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_sql\n"
                   'ls_sql = "/* 8.2 */ -- widen px_adj" + Char(10)\n'
                   'ls_sql += "ALTER TABLE pfill_price ALTER COLUMN px_adj numeric(11,8) NULL"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 9, "alter_column", "pfill_price", "px_adj", "numeric(11,8) NULL")]


def test_inherited_constants_instance_variables_and_the_application_transaction_type(tmp_path):
    app = tmp_path / "ms_app.sra"
    app.write_text("forward\nglobal n_tr sqlca\nend forward\n\nglobal type ms_app from application\nend type\n",
                   encoding="utf-8")
    transaction = _object(tmp_path, "n_tr",
                          "public function long of_execute (string as_sql);\n"
                          "EXECUTE IMMEDIATE :as_sql USING this;\nreturn sqlcode\nend function\n",
                          ancestor="transaction")
    base = _object(tmp_path, "n_cst_base",
                   "public function integer of_run_sql (string as_sql);return SQLCA.of_execute(as_sql)\n"
                   "end function\n",
                   'constant string CRLF = "~r~n"\nstring is_table\n')
    child = _object(tmp_path, "n_cst_child",
                    "public function integer of_go ();string ls_sql\n"
                    'is_table = "ms_trade"\n'
                    'ls_sql = "CREATE TABLE ms_alloc (" + CRLF + "alloc_id int NOT NULL," + CRLF\n'
                    'ls_sql += "alloc_amt money NULL)"\n'
                    "of_run_sql(ls_sql)\n"
                    'of_run_sql("ALTER TABLE " + is_table + " ADD trade_ref varchar(20) NULL")\n'
                    "return 1\nend function\n",
                    ancestor="n_cst_base")
    rows, report = _migrations([str(app), transaction, base, child])
    assert rows == [("n_cst_child.sru", 9, "create_table", "ms_alloc", "alloc_id", "int NOT NULL"),
                    ("n_cst_child.sru", 10, "create_table", "ms_alloc", "alloc_amt", "money NULL"),
                    ("n_cst_child.sru", 12, "alter_add", "ms_trade", "trade_ref", "varchar(20) NULL")]
    assert report.migrations[0].notes == [
        f"run: passed to n_cst_base.of_run_sql, n_tr.of_execute at {base}:9 → EXECUTE IMMEDIATE at {transaction}:8"]


def test_arrays_assigned_a_literal_and_a_loop_that_may_exit_early(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_cols[], ls_defs[], ls_tpl, ls_sql\ninteger li, li_p\n"
                   'ls_cols = {"fee_amt", "fee_pct"}\n'
                   'ls_defs = {"decimal(12,2) NULL", "decimal(9,6) NULL"}\n'
                   "FOR li = 1 TO UpperBound(ls_cols)\n"
                   '\tIF of_set_addcolumn(ls_cols[li], "lnd_loan", ls_defs[li]) < 0 THEN EXIT\nNEXT\n'
                   'ls_tpl = "CREATE TABLE {T} (alloc_id int NOT NULL)"\n'
                   'li_p = Pos(ls_tpl, "{T}")\n'
                   'ls_sql = Replace(ls_tpl, li_p, 3, Lower("LND_ALLOC"))\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n"
                   "public function integer of_set_addcolumn (string as_column, string as_table, string as_def);\n"
                   "return 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 12, "addcolumn_call", "lnd_loan", "fee_amt", "decimal(12,2) NULL"),
                    ("n_a.sru", 12, "addcolumn_call", "lnd_loan", "fee_pct", "decimal(9,6) NULL"),
                    ("n_a.sru", 14, "create_table", "lnd_alloc", "alloc_id", "int NOT NULL")]


def test_a_helper_table_in_the_default_schema_is_the_table_the_sql_names(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();\n"
                   'of_set_addcolumn(SQLCA, "dbo.zz_batch_hdr", "prio" + "_no", "smallint null")\n'
                   'of_set_addcolumn(SQLCA, "[dbo].[zz_batch_hdr]", "ext_ref", "nvarchar(50) null")\n'
                   'of_set_addcolumn(SQLCA, "arch.zz_batch_hdr", "arch_ref", "int null")\n'
                   "return 1\nend function\n")
    rows, _ = _migrations([path])
    assert [(line, table, column) for _, line, _, table, column, _ in rows] == [
        (8, "zz_batch_hdr", "prio_no"), (9, "zz_batch_hdr", "ext_ref"), (10, "arch.zz_batch_hdr", "arch_ref")]


def test_an_instance_array_appended_in_one_function_and_run_in_another(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public subroutine of_update ();\n"
                   'is_sql[upperbound(is_sql) + 1] = "alter table icred_settings add set_51 int null; "\n'
                   'if gs_dbtype = "SQL" then\n'
                   '\tis_sql[upperbound(is_sql) + 1] = "alter table code_lookup alter column code varchar(30) null; "\n'
                   "end if\n"
                   'is_sql[upperbound(is_sql) + 1] = "ALTER TABLE export_fields ADD ctx_scrn_id int null;"\n'
                   "end subroutine\n"
                   "public subroutine of_execute ();long ll_i\nstring ls_null[]\n"
                   "for ll_i = 1 to upperbound(is_sql)\n\tEXECUTE IMMEDIATE :is_sql[ll_i] USING sqlca;\nnext\n"
                   "is_sql = ls_null\nend subroutine\n",
                   "string is_sql[]\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 9, "alter_add", "icred_settings", "set_51", "int null"),
                    ("n_a.sru", 11, "alter_column", "code_lookup", "code", "varchar(30) null"),
                    ("n_a.sru", 13, "alter_add", "export_fields", "ctx_scrn_id", "int null")]


def test_an_ancestor_array_filled_by_a_descendant_and_run_by_the_ancestor(tmp_path):
    base = _object(tmp_path, "n_cst_update",
                   "public function integer of_run ();long ll_i\nstring ls_null[]\n"
                   "for ll_i = 1 to upperbound(is_sql)\n\tEXECUTE IMMEDIATE :is_sql[ll_i];\nnext\n"
                   "is_sql = ls_null\nreturn 1\nend function\n",
                   "string is_sql[]\n")
    child = _object(tmp_path, "n_cst_update_v140",
                    "public function integer of_table1 ();\n"
                    "is_sql[upperbound(is_sql) + 1] = &\n"
                    '"if not exists (select 1 from syscolumns c, sysobjects t where c.id = t.id and " + &\n'
                    '"c.name = \'set_patch_ver\' and t.name = \'icred_settings\') " + &\n'
                    '"alter table icred_settings add set_patch_ver varchar(250) null"\n'
                    "return 1\nend function\n",
                    ancestor="n_cst_update")
    rows, report = _migrations([base, child])
    assert rows == [("n_cst_update_v140.sru", 11, "alter_add", "icred_settings", "set_patch_ver", "varchar(250) null")]
    assert report.migrations[0].notes == [f"run: kept in is_sql, EXECUTE IMMEDIATE at {base}:11"]


def test_sql_left_in_a_ref_parameter_runs_where_the_caller_runs_it(tmp_path):
    # n_ddl fills its caller's variable; n_up runs it, n_log only writes it to a file.
    builder = _object(tmp_path, "n_ddl",
                      "public subroutine of_build (ref string as_sql);\n"
                      'as_sql = "ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL"\n'
                      "end subroutine\n"
                      "public subroutine of_view (ref string as_sql);\n"
                      'as_sql = "ALTER TABLE pfill_log ADD log_div_by int NULL"\n'
                      "end subroutine\n")
    runner = _object(tmp_path, "n_up",
                     "public function integer of_run ();string ls_sql\n"
                     "inv_ddl.of_build(ls_sql)\n"
                     "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n",
                     "n_ddl inv_ddl\n")
    logger = _object(tmp_path, "n_log",
                     "public function integer of_run ();string ls_sql\n"
                     "inv_ddl.of_view(ls_sql)\n"
                     "FileWrite(1, ls_sql)\nreturn 1\nend function\n",
                     "n_ddl inv_ddl\n")
    rows, report = _migrations([builder, runner, logger])
    assert rows == [("n_ddl.sru", 8, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL")]
    assert report.migrations[0].notes == [
        "run: left in argument 1 of n_ddl.of_build, run by n_up.of_run (EXECUTE IMMEDIATE at "
        f"{runner}:10)"]
    [logged] = _sites([builder, runner, logger], "log_div_by")
    assert logged == ("n_ddl.sru", 11, "pfill_log", "alter_add", "unexecuted")


def test_a_ref_parameter_filled_through_two_functions_runs(tmp_path):
    path = _object(tmp_path, "n_a",
                   "private subroutine of_text (ref string as_out);\n"
                   'as_out = "ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL"\n'
                   "end subroutine\n"
                   "private subroutine of_wrap (ref string as_sql);\n"
                   "of_text(as_sql)\n"
                   "end subroutine\n"
                   "public function integer of_run ();string ls_sql\n"
                   "of_wrap(ls_sql)\n"
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 8, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL")]


def test_sql_a_global_function_builds_from_its_arguments_is_found_at_the_call(tmp_path):
    # f_ddl_add (another file) returns an ALTER TABLE made of its arguments; the caller runs the result.
    function = _object(tmp_path, "f_ddl_add",
                       "global function string f_ddl_add (string as_table, string as_column, string as_def);\n"
                       "return \"IF COL_LENGTH(~'\" + as_table + \"~', ~'\" + as_column + \"~') IS NULL \" + &\n"
                       '\t"ALTER TABLE " + as_table + " ADD " + as_column + " " + as_def\n'
                       "end function\n", ancestor="function_object", extension="srf")
    caller = _object(tmp_path, "n_up",
                     "public function integer of_run ();string ls_sql\n"
                     'ls_sql = f_ddl_add("pfill_pool", "div_by", "numeric(5,0) NULL")\n'
                     "EXECUTE IMMEDIATE :ls_sql;\n"
                     'ls_sql = f_ddl_add("pfill_bx", &\n\t"lock_bps", "int NULL")\n'
                     "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    rows, report = _migrations([function, caller])
    # each column where the call writes it (the second call continues onto line 11)
    assert rows == [("n_up.sru", 8, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL"),
                    ("n_up.sru", 11, "alter_add", "pfill_bx", "lock_bps", "int NULL")]
    assert report.migrations[0].notes == [f"run: EXECUTE IMMEDIATE at {caller}:9"]  # f_ddl_add's result, here
    # the text with the parameters unknown is gone: every call filled it
    assert not [d for d in report.diagnostics if "f_ddl_add" in d.message]


def test_sql_a_function_builds_from_its_parameters_is_rebuilt_for_each_call_in_the_file(tmp_path):
    path = _object(tmp_path, "n_a",
                   "private subroutine of_add (string as_table, string as_column);string ls_sql\n"
                   'ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " int NULL"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\n"
                   "end subroutine\n"
                   "public function integer of_run ();\n"
                   'of_add("pfill_pool", "div_by")\n'
                   'of_add("pfill_bx", "lock_bps")\n'
                   "return 1\nend function\n")
    rows, _ = _migrations([path])
    # the table and column come from the calls' literals, the rest from the function's own line
    assert rows == [("n_a.sru", 12, "alter_add", "pfill_pool", "div_by", "int NULL"),
                    ("n_a.sru", 13, "alter_add", "pfill_bx", "lock_bps", "int NULL")]


def test_a_quoted_table_name_passed_to_a_function_is_followed(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_sql\n"
                   'ls_sql = "ALTER TABLE ~"pfill_pool~" ADD div_by numeric(5,0) NULL"\n'
                   "of_exec(ls_sql)\nreturn 1\nend function\n"
                   "public function integer of_exec (string as_sql);\n"
                   "EXECUTE IMMEDIATE :as_sql;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 8, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL")]


def test_ddl_inside_a_procedure_body_is_a_migration_and_a_private_function_never_called_is_not(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_sql\n"
                   'ls_sql = "CREATE PROCEDURE psp_pfill_fix AS~r~nBEGIN~r~n" + &\n'
                   "\t\"IF COL_LENGTH('pfill_pool', 'div_by') IS NULL ALTER TABLE pfill_pool ADD div_by int NULL~r~n\" + &\n"
                   '\t"END"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n"
                   "private function integer of_dead ();\n"
                   'EXECUTE IMMEDIATE "ALTER TABLE pfill_pool ADD dead_col int NULL";\n'
                   "return 1\nend function\n")
    rows, report = _migrations([path])
    assert rows == [("n_a.sru", 9, "alter_add", "pfill_pool", "div_by", "int NULL")]
    assert report.migrations[0].notes[0] == "inside procedure psp_pfill_fix: runs whenever the procedure runs"
    [dead] = _sites([path], "dead_col")
    assert dead == ("n_a.sru", 15, "pfill_pool", "alter_add", "unexecuted")


def test_sql_built_under_hundreds_of_nested_blocks_is_still_followed(tmp_path):
    depth = 400  # past Python's default recursion limit for the walk
    body = ("public function integer of_run (integer ai);string ls_sql\n"
            + "".join(f"if ai > {i} then\n" for i in range(depth))
            + 'ls_sql = "ALTER TABLE pfill_pool ADD deep_col int NULL"\nEXECUTE IMMEDIATE :ls_sql;\n'
            + "end if\n" * depth
            + 'EXECUTE IMMEDIATE "ALTER TABLE pfill_pool ADD flat_col int NULL";\nreturn 1\nend function\n')
    path = _object(tmp_path, "n_deep", body)
    rows, report = _migrations([path])
    assert rows == [("n_deep.sru", 8 + depth, "alter_add", "pfill_pool", "deep_col", "int NULL"),
                    ("n_deep.sru", 10 + 2 * depth, "alter_add", "pfill_pool", "flat_col", "int NULL")]
    assert report.diagnostics == []


def test_a_placeholder_of_another_file_stays_a_placeholder_in_the_rebuilt_text(tmp_path):
    # of_tbl's result is not known: the table stays unknown when the text is rebuilt at the caller.
    function = _object(tmp_path, "f_add",
                       "global function string f_add (string as_table, string as_coldef);\n"
                       'return "ALTER TABLE " + of_tbl(as_table) + " ADD " + as_coldef\n'
                       "end function\n", ancestor="function_object", extension="srf")
    caller = _object(tmp_path, "n_up",
                     "public function integer of_run ();string ls_sql\n"
                     'ls_sql = f_add("pfill_pool", "div_by int NULL")\n'
                     "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    result = run_pipeline([function, caller])
    # the column is a site of no known table (said so), never of the placeholder
    assert [(s.file, s.line, s.table, s.kind, s.resolved) for s in all_sites(result) if s.column == "div_by"] == \
        [(caller, 8, None, "alter_add", False)]
    assert [(d.file, d.line, d.message) for d in enumerate_migrations(result).diagnostics] == \
        [(caller, 8, "div_by: table not known from the source; reported without a table"),
         (caller, 8, UNKNOWN_DDL_TABLE)]


def test_constants_of_another_object_and_global_variables_are_read_where_used(tmp_path):
    constants = _object(tmp_path, "n_cst_const", "", 'constant string TBL_POOL = "pfill_pool"\n')
    application = tmp_path / "app.sra"
    application.write_text("global type app from application\nend type\n\nglobal variables\n"
                           'string gs_schema = "dbo"\nn_cst_const gnv_const\nend variables\n', encoding="utf-8")
    runner = _object(tmp_path, "n_up",
                     "public function integer of_run ();string ls_sql\n"
                     'ls_sql = "ALTER TABLE " + gs_schema + "." + inv_c.TBL_POOL + " ADD div_by int NULL"\n'
                     "EXECUTE IMMEDIATE :ls_sql;\n"
                     'ls_sql = "ALTER TABLE " + gnv_const.TBL_POOL + " ADD lock_bps int NULL"\n'
                     "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n",
                     "n_cst_const inv_c\n")
    rows, _ = _migrations([constants, str(application), runner])
    assert rows == [("n_up.sru", 9, "alter_add", "pfill_pool", "div_by", "int NULL"),  # dbo: the default schema
                    ("n_up.sru", 11, "alter_add", "pfill_pool", "lock_bps", "int NULL")]


def test_global_constants_and_lists_of_globals_are_read_and_an_unknown_schema_qualified_table_is_said(tmp_path):
    application = tmp_path / "app.sra"
    application.write_text("global type app from application\nend type\n\nglobal variables\n"
                           'constant string GS_POOL = "pfill_pool"\nstring gs_a, gs_hist\nend variables\n'
                           "event open;gs_hist = \"pfill_hist\"\nend event\n", encoding="utf-8")
    runner = _object(tmp_path, "n_up",
                     "public function integer of_run ();string ls_sql\n"
                     'ls_sql = "ALTER TABLE dbo." + GS_POOL + " ADD div_by int NULL"\n'
                     "EXECUTE IMMEDIATE :ls_sql;\n"
                     'ls_sql = "ALTER TABLE dbo." + gs_hist + " ADD lock_bps int NULL"\n'
                     "EXECUTE IMMEDIATE :ls_sql;\n"
                     'ls_sql = "ALTER TABLE dbo." + gs_nowhere + " ADD pool_wac int NULL"\n'
                     "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    rows, report = _migrations([str(application), runner])
    assert rows == [("n_up.sru", 8, "alter_add", "pfill_pool", "div_by", "int NULL"),
                    ("n_up.sru", 10, "alter_add", "pfill_hist", "lock_bps", "int NULL")]
    # gs_nowhere is declared nowhere: the ALTER is said, not dropped (its table is the part after ``dbo.``)
    assert [(d.file, d.line, d.message) for d in report.not_counted] == [(runner, 12, UNKNOWN_DDL_TABLE)]
    assert f"not counted: {runner}:12: {UNKNOWN_DDL_TABLE}" in render_table_view(report).splitlines()


def test_an_ancestors_script_reads_what_each_descendant_override_returns(tmp_path):
    base = _object(tmp_path, "n_base",
                   "public function string of_table ();return \"pfill_pool\"\nend function\n"
                   "public function string of_cols ();return \"id int NOT NULL, \"\nend function\n"
                   "public function integer of_run ();string ls_sql\n"
                   'ls_sql = "ALTER TABLE dbo." + this.of_table() + " ADD div_by int NULL"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\n"
                   'ls_sql = "CREATE TABLE dbo.pfill_hist (" + of_cols() + "settle_dt datetime NULL)"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    child = _object(tmp_path, "n_child",
                    "public function string of_table ();return \"pfill_pool_arch\"\nend function\n"
                    "public function string of_cols ();return super::of_cols() + \"lock_bps int NULL, \"\n"
                    "end function\n", ancestor="n_base")
    rows, report = _migrations([base, child])
    # the object running of_run may be the ancestor or the descendant: both results, each column where its
    # name is written (the override's lock_bps in n_child, the ancestor's id in n_base, through super::)
    assert rows == [("n_base.sru", 12, "alter_add", "pfill_pool", "div_by", "int NULL"),
                    ("n_base.sru", 12, "alter_add", "pfill_pool_arch", "div_by", "int NULL"),
                    ("n_base.sru", 9, "create_table", "pfill_hist", "id", "int NOT NULL"),
                    ("n_base.sru", 14, "create_table", "pfill_hist", "settle_dt", "datetime NULL"),
                    ("n_base.sru", 9, "create_table", "pfill_hist", "id", "int NOT NULL"),
                    ("n_child.sru", 9, "create_table", "pfill_hist", "lock_bps", "int NULL"),
                    ("n_base.sru", 14, "create_table", "pfill_hist", "settle_dt", "datetime NULL")]
    # the 007 block creates the table from the text with most columns
    sql = render_sql(report, [], "", None)
    assert "CREATE TABLE dbo.pfill_hist (\n        id INT NOT NULL,\n        lock_bps INT NULL,\n" \
           "        settle_dt DATETIME NULL\n    );" in sql


def test_a_fragment_another_object_returns_from_its_parameters_is_filled_at_the_call(tmp_path):
    # of_open's result is not SQL by itself; the caller completes it.
    builder = _object(tmp_path, "n_sqlb",
                      "public function string of_open (string as_table);\n"
                      'return "CREATE TABLE " + is_schema + as_table + " ("\n'
                      "end function\n"
                      "public function string of_col (string as_name, string as_type);\n"
                      'return "  " + as_name + " " + as_type + " NULL,"\n'
                      "end function\n",
                      'string is_schema = "dbo."\n')
    caller = _object(tmp_path, "n_up",
                     "public function integer of_run ();string ls_sql\n"
                     'ls_sql = inv_b.of_open("pfill_hist") + inv_b.of_col("div_by", "int") + &\n'
                     '\t"  pool_id int NOT NULL)"\n'
                     "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n",
                     "n_sqlb inv_b\n")
    rows, _ = _migrations([builder, caller])
    assert rows == [("n_up.sru", 9, "create_table", "pfill_hist", "div_by", "int NULL"),
                    ("n_up.sru", 10, "create_table", "pfill_hist", "pool_id", "int NOT NULL")]


def test_builder_functions_of_another_object_give_each_call_the_arm_its_arguments_choose(tmp_path):
    # of_col's boolean parameter picks the arm per call (a flag literal, or a condition such as
    # li_i = UpperBound(…)); of_tbl's result depends on a condition over its parameter, so of_open is evaluated
    # in the builder's file for each call's known table.
    builder = _object(tmp_path, "n_cst_builder",
                      "public function string of_tbl (string as_table);"
                      'If Pos(as_table, ".") > 0 Then Return as_table\n'
                      'Return "dbo." + as_table\nend function\n'
                      'public function string of_open (string as_table);Return "CREATE TABLE " + of_tbl(as_table)'
                      ' + " ("\nend function\n'
                      "public function string of_col (string as_name, string as_def, boolean ab_last);"
                      "string ls_ret\n"
                      'ls_ret = "  " + as_name + " " + as_def\n'
                      'If ab_last Then\n  ls_ret += ")"\nElse\n  ls_ret += ","\nEnd If\nReturn ls_ret\nend function\n')
    caller = _object(tmp_path, "n_cst_migrate",
                     "public function integer of_run_log ();string ls_sql\n"
                     'ls_sql = inv_b.of_open("pfill_run_log")\n'
                     'ls_sql += inv_b.of_col("run_id", "int NOT NULL", False)\n'
                     'ls_sql += inv_b.of_col("div_by", "numeric(11,8) NULL", True)\n'
                     "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n"
                     "public function integer of_hist ();string ls_sql\ninteger li_i\n"
                     'string ls_names[] = {"hist_id", "settle_dt"}\n'
                     'ls_sql = inv_b.of_open("dbo.pfill_hist")\n'
                     "For li_i = 1 To UpperBound(ls_names)\n"
                     '  ls_sql += inv_b.of_col(ls_names[li_i], "int NULL", li_i = UpperBound(ls_names))\n'
                     "Next\nEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n",
                     "n_cst_builder inv_b\n")
    rows, report = _migrations([builder, caller])
    assert rows == [("n_cst_migrate.sru", 10, "create_table", "pfill_run_log", "run_id", "int NOT NULL"),
                    ("n_cst_migrate.sru", 11, "create_table", "pfill_run_log", "div_by", "numeric(11,8) NULL"),
                    ("n_cst_migrate.sru", 17, "create_table", "pfill_hist", "hist_id", "int NULL"),
                    ("n_cst_migrate.sru", 17, "create_table", "pfill_hist", "settle_dt", "int NULL")]
    # of_open is evaluated in the builder's file for each call's known table: of_tbl's condition is decided
    assert [m.statement for m in report.migrations] == [
        "CREATE TABLE dbo.pfill_run_log (  run_id int NOT NULL,  div_by numeric(11,8) NULL)",
        "CREATE TABLE dbo.pfill_hist (  hist_id int NULL,  settle_dt int NULL)"]


def test_a_function_of_the_same_object_is_evaluated_for_the_flags_a_call_passes(tmp_path):
    path = _object(tmp_path, "n_cst_one",
                   "private function string of_add (string as_col, boolean ab_nullable);"
                   'If Not ab_nullable Then Return as_col + " int NOT NULL DEFAULT 0"\n'
                   'Return as_col + " int NULL"\nend function\n'
                   "public function integer of_go ();string ls_sql\n"
                   'ls_sql = "ALTER TABLE pfill_pool ADD " + of_add("lot_cnt", True)\n'
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                   'ls_sql = "ALTER TABLE pfill_pool ADD " + of_add("pool_cnt", 1 = 2)\n'
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_cst_one.sru", 11, "alter_add", "pfill_pool", "lot_cnt", "int NULL"),
                    ("n_cst_one.sru", 13, "alter_add", "pfill_pool", "pool_cnt", "int NOT NULL DEFAULT 0")]


def test_a_function_branching_on_its_parameters_builds_for_each_call_the_arm_it_takes(tmp_path):
    path = _object(tmp_path, "n_cst_patch",
                   "private function integer of_add (integer ai_kind, string as_column, string as_def);"
                   "string ls_tbl\n"
                   "if ai_kind = 1 then\n  ls_tbl = \"dbo.pfill_hedge\"\n"
                   "elseif ai_kind = 2 then\n  ls_tbl = \"dbo.pfill_commit\"\n"
                   "else\n  ls_tbl = \"dbo.pfill_trade_arch\"\nend if\n"
                   'return of_exec("ALTER TABLE " + ls_tbl + " ADD " + as_column + " " + as_def)\nend function\n'
                   "private function integer of_exec (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;\n"
                   "return SQLCA.SQLCode\nend function\n"
                   "public function integer of_run ();\n"
                   'of_add(2, "fee_bps", "numeric(7,2) NULL")\n'
                   'of_add(1, "hedge_src", "char(2) NULL")\n'
                   "return 1\nend function\n")
    rows, report = _migrations([path])
    assert rows == [("n_cst_patch.sru", 21, "alter_add", "pfill_commit", "fee_bps", "numeric(7,2) NULL"),
                    ("n_cst_patch.sru", 22, "alter_add", "pfill_hedge", "hedge_src", "char(2) NULL")]
    assert report.migrations[0].notes == [
        f"built by of_add for the call at {path}:21",
        f"run: passed to n_cst_patch.of_exec, EXECUTE IMMEDIATE at {path}:17"]


def test_what_an_own_event_returns_for_the_call_runs_where_the_caller_runs_it(tmp_path):
    path = _object(tmp_path, "n_up",
                   "event type string ue_sql(integer ai_step);Choose Case ai_step\n"
                   "Case 1\n"
                   '\tReturn "ALTER TABLE dbo.pfill_pool ADD div_by int NULL"\n'
                   "Case Else\n"
                   '\tReturn "ALTER TABLE dbo.pfill_pool ADD lock_bps int NULL"\n'
                   "End Choose\nend event\n"
                   "public function integer of_run ();string ls_sql\n"
                   "ls_sql = this.Event ue_sql(1)\n"
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n")
    result = run_pipeline([path])
    # the call's own text (line 9, for ai_step 1); the event's other result runs wherever it is called
    assert [(t.text.line, t.text.text.text, t.text.via) for t in result.sql if t.text.executed] == [
        (9, "ALTER TABLE dbo.pfill_pool ADD div_by int NULL", f"EXECUTE IMMEDIATE at {path}:16"),
        (11, "ALTER TABLE dbo.pfill_pool ADD lock_bps int NULL",
         f"its result is run by n_up.of_run (EXECUTE IMMEDIATE at {path}:16)")]
    assert result.diagnostics == []  # the value at the sink is known: nothing said to be not followed


def test_a_controls_script_runs_sql_through_its_parent_windows_function(tmp_path):
    window = tmp_path / "w_upg.srw"
    window.write_text("global type w_upg from window\ncb_go cb_go\nend type\n\n"
                      "public function integer wf_exec (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;\n"
                      "return 1\nend function\n\n"
                      "type cb_go from commandbutton within w_upg\nend type\n\n"
                      "event clicked;parent.wf_exec(\"ALTER TABLE dbo.pfill_pool ADD div_by int NULL\")\nend event\n",
                      encoding="utf-8")
    rows, report = _migrations([str(window)])
    assert rows == [("w_upg.srw", 12, "alter_add", "pfill_pool", "div_by", "int NULL")]
    assert report.migrations[0].warnings == []  # not "assumed run": wf_exec is the window's own function


def test_another_objects_instance_variable_run_here_is_reported_where_that_object_sets_it(tmp_path):
    holder = _object(tmp_path, "n_holder",
                     'event constructor;is_sql = "ALTER TABLE dbo.pfill_pool ADD div_by int NULL"\nend event\n',
                     'string is_sql\nconstant string CS_SQL = "ALTER TABLE dbo.pfill_pool ADD lock_bps int NULL"\n')
    runner = _object(tmp_path, "n_runner",
                     "public subroutine of_run ();string ls_sql\n"
                     "inv_h = create n_holder\n"
                     "ls_sql = inv_h.is_sql\n"
                     "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                     "EXECUTE IMMEDIATE :inv_h.CS_SQL USING SQLCA;\n"
                     "end subroutine\n", "n_holder inv_h\n")
    result = run_pipeline([holder, runner])
    # each text where the holder writes it: the constant's declaration, the constructor's assignment
    assert sorted((t.text.file, t.text.line, t.text.executed, t.text.via) for t in result.sql) == [
        (holder, 6, True, f"kept in n_holder.cs_sql, EXECUTE IMMEDIATE at {runner}:12"),
        (holder, 9, True, f"kept in n_holder.is_sql, EXECUTE IMMEDIATE at {runner}:11")]
    assert result.diagnostics == []


def test_another_objects_formatter_is_evaluated_for_an_array_of_arguments(tmp_path):
    formatter = _object(tmp_path, "n_fmt",
                        "public function string of_format (string as_template, string as_args[]);"
                        "string ls_out, ls_token\nlong ll_i, ll_pos\n"
                        "ls_out = as_template\n"
                        "For ll_i = 1 To UpperBound(as_args)\n"
                        '\tls_token = "%" + String(ll_i)\n'
                        "\tll_pos = Pos(ls_out, ls_token)\n"
                        "\tDo While ll_pos > 0\n"
                        "\t\tls_out = Replace(ls_out, ll_pos, Len(ls_token), as_args[ll_i])\n"
                        "\t\tll_pos = Pos(ls_out, ls_token, ll_pos + Len(as_args[ll_i]))\n"
                        "\tLoop\nNext\nReturn ls_out\nend function\n")
    runner = _object(tmp_path, "n_up",
                     "public subroutine of_run ();string ls_sql, ls_args[]\n"
                     'ls_args[1] = "pfill_pool"\n'
                     'ls_args[2] = "div_by"\n'
                     'ls_sql = inv_fmt.of_format("ALTER TABLE dbo.%1 ADD %2 int NULL", ls_args)\n'
                     "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                     'ls_sql = inv_fmt.of_format("UPDATE dbo.%1 SET %2 = 0", {"pfill_hist", "div_by"})\n'
                     "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                     "end subroutine\n", "n_fmt inv_fmt\n")
    rows, _ = _migrations([formatter, runner])
    assert rows == [("n_up.sru", 10, "alter_add", "pfill_pool", "div_by", "int NULL")]
    assert _sites([formatter, runner], "div_by") == [
        ("n_up.sru", 10, "pfill_pool", "alter_add", "execute_immediate"),
        ("n_up.sru", 13, "pfill_hist", "embedded_sql", "execute_immediate")]


def test_pfc_global_replace_not_in_the_sources_fills_every_token(tmp_path):
    path = _object(tmp_path, "n_up",
                   "public subroutine of_run ();string ls_sql\n"
                   "ls_sql = \"IF COL_LENGTH(~'dbo.%TBL%~', ~'div_by~') IS NULL ALTER TABLE dbo.%TBL% ADD div_by int\"\n"
                   'ls_sql = inv_string.of_GlobalReplace(ls_sql, "%tbl%", "pfill_pool", True)\n'
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                   "end subroutine\n", "n_cst_string inv_string\n")
    result = run_pipeline([path])
    assert [(t.text.line, t.text.text.text, t.text.executed) for t in result.sql] == [
        (9, "IF COL_LENGTH('dbo.pfill_pool', 'div_by') IS NULL ALTER TABLE dbo.pfill_pool ADD div_by int", True)]
    rows, _ = _migrations([path])
    assert rows == [("n_up.sru", 9, "alter_add", "pfill_pool", "div_by", "int")]


def test_a_function_of_an_object_just_created_gives_its_result(tmp_path):
    service = _object(tmp_path, "n_exec",
                      "public function string of_tbl ();return \"pfill_pool\"\nend function\n"
                      "public function integer of_run (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;\n"
                      "return 1\nend function\n")
    runner = _object(tmp_path, "n_up",
                     "public subroutine of_go ();n_exec lnv_typed\npowerobject lpo\nnonvisualobject lnv\n"
                     "string ls_sql\n"
                     "lnv_typed = create n_exec\n"
                     'ls_sql = "ALTER TABLE dbo." + lnv_typed.of_tbl() + " ADD div_by int NULL"\n'
                     "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                     "lpo = create n_exec\n"
                     'lpo.DYNAMIC of_run("ALTER TABLE dbo.pfill_pool ADD lock_bps int NULL")\n'
                     'lnv = create using "n_exec"\n'
                     'ls_sql = "ALTER TABLE dbo." + lnv.DYNAMIC of_tbl() + " ADD pool_wac int NULL"\n'
                     "lnv.DYNAMIC of_run(ls_sql)\n"
                     "end subroutine\n"
                     "public subroutine of_self ();powerobject lpo_self\n"
                     "lpo_self = this\n"
                     'lpo_self.DYNAMIC of_go2("ALTER TABLE dbo.pfill_pool ADD pool_wam int NULL")\n'
                     "end subroutine\n"
                     "public subroutine of_go2 (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;\n"
                     "end subroutine\n")
    rows, report = _migrations([service, runner])
    # a variable declared powerobject or nonvisualobject holds the class it is created as (its calls resolve)
    assert rows == [("n_up.sru", 12, "alter_add", "pfill_pool", "div_by", "int NULL"),
                    ("n_up.sru", 15, "alter_add", "pfill_pool", "lock_bps", "int NULL"),
                    ("n_up.sru", 17, "alter_add", "pfill_pool", "pool_wac", "int NULL"),
                    ("n_up.sru", 22, "alter_add", "pfill_pool", "pool_wam", "int NULL")]  # ``lpo_self = this``
    assert [m.warnings for m in report.migrations] == [[], [], [], []] and report.not_counted == []


def test_calls_and_variables_reached_through_another_objects_variables(tmp_path):
    service = _object(tmp_path, "n_exec",
                      "public function string of_tbl ();return \"pfill_pool\"\nend function\n"
                      "public function integer of_run (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;\n"
                      "return 1\nend function\n", 'string is_hist = "pfill_hist"\n')
    manager = _object(tmp_path, "n_app", "event constructor;inv_exec = create n_exec\nend event\n",
                      "n_exec inv_exec\n")
    application = tmp_path / "app.sra"
    application.write_text("global type app from application\nend type\nglobal n_app gnv_app\n", encoding="utf-8")
    runner = _object(tmp_path, "n_up",
                     "public subroutine of_go ();string ls_sql\n"
                     'ls_sql = "ALTER TABLE dbo." + this.inv_x.of_tbl() + " ADD div_by int NULL"\n'
                     "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                     'ls_sql = "ALTER TABLE dbo." + gnv_app.inv_exec.is_hist + " ADD lock_bps int NULL"\n'
                     "gnv_app.inv_exec.of_run(ls_sql)\n"
                     "end subroutine\n", "n_exec inv_x\n")
    rows, report = _migrations([service, manager, str(application), runner])
    assert rows == [("n_up.sru", 9, "alter_add", "pfill_pool", "div_by", "int NULL"),
                    ("n_up.sru", 11, "alter_add", "pfill_hist", "lock_bps", "int NULL")]
    assert report.migrations[1].notes == [f"run: passed to n_exec.of_run, EXECUTE IMMEDIATE at {service}:10"]


def test_a_descendant_reads_constants_through_its_ancestors_variable_and_overrides_a_step(tmp_path):
    constants = _object(tmp_path, "n_const", "", 'constant string TBL_POOL = "pfill_pool"\n')
    base = _object(tmp_path, "n_base",
                   "public function string of_step_sql (integer ai_step);return \"\"\nend function\n"
                   "public function integer of_run ();string ls_sql\ninteger li_step\n"
                   "For li_step = 1 To 2\n"
                   "\tls_sql = this.of_step_sql(li_step)\n"
                   "\tIf ls_sql <> \"\" Then EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                   "Next\nreturn 1\nend function\n", "protected:\nn_const inv_const\n")
    child = _object(tmp_path, "n_v9",
                    "public function string of_step_sql (integer ai_step);Choose Case ai_step\n"
                    "Case 1\n"
                    '\tReturn "ALTER TABLE dbo." + inv_const.TBL_POOL + " ADD div_by int NULL"\n'
                    "End Choose\nReturn \"\"\nend function\n", ancestor="n_base")
    rows, report = _migrations([constants, base, child])
    # inv_const is the ancestor's variable; of_run (the ancestor's) runs the override's result
    assert rows == [("n_v9.sru", 9, "alter_add", "pfill_pool", "div_by", "int NULL")]
    assert report.not_counted == []


def test_an_instance_structure_array_filled_by_one_script_is_run_by_another(tmp_path):
    structure = tmp_path / "s_step.srs"
    structure.write_text("global type s_step from structure\n\tstring s_sql\n\tboolean b_required\nend type\n",
                         encoding="utf-8")
    path = _object(tmp_path, "n_up",
                   "public subroutine of_load ();\n"
                   'istr_step[1].s_sql = "ALTER TABLE dbo.pfill_pool ADD div_by int NULL"\n'
                   "istr_step[1].b_required = true\n"
                   'istr_step[2].s_sql = "ALTER TABLE dbo.pfill_pool ADD lock_bps int NULL"\n'
                   "end subroutine\n"
                   "public subroutine of_exec (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;\n"
                   "end subroutine\n"
                   "public subroutine of_run ();integer li\n"
                   "For li = 1 To UpperBound(istr_step)\n"
                   "\tof_exec(istr_step[li].s_sql)\n"
                   "Next\nend subroutine\n", "s_step istr_step[]\n")
    rows, report = _migrations([str(structure), path])
    assert rows == [("n_up.sru", 9, "alter_add", "pfill_pool", "div_by", "int NULL"),
                    ("n_up.sru", 11, "alter_add", "pfill_pool", "lock_bps", "int NULL")]
    assert report.not_counted == []


def test_execute_immediate_of_a_field_of_an_array_element(tmp_path):
    path = _object(tmp_path, "n_up",
                   "public subroutine of_load ();\n"
                   'istr_step[1].s_sql = "ALTER TABLE dbo.pfill_pool ADD div_by int NULL"\n'
                   "end subroutine\n"
                   "public subroutine of_run ();integer li\n"
                   "For li = 1 To UpperBound(istr_step)\n"
                   "\tEXECUTE IMMEDIATE :istr_step[li].s_sql USING SQLCA;\n"
                   "Next\nend subroutine\n", "s_step istr_step[]\n")
    result = run_pipeline([path])
    assert [(t.text.line, t.text.executed, t.text.via) for t in result.sql] == [
        (9, True, f"EXECUTE IMMEDIATE at {path}:13")]


def test_sql_passed_to_an_event_through_triggerevent_and_message_longparm_runs_there(tmp_path):
    path = _object(tmp_path, "w_upgrade",
                   "event ue_exec;string ls_sql\n"
                   'ls_sql = String(Message.LongParm, "address")\n'
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nend event\n"
                   "event ue_step(integer ai_step);string ls_sql\n"
                   "choose case ai_step\n"
                   '  case 1\n    ls_sql = "ALTER TABLE pfill_commit ALTER COLUMN fee_bps numeric(9,4) NULL"\n'
                   "  case 2 to 4\n    ls_sql = inv_unknown.of_sql()\n"
                   "  case else\n    return\nend choose\n"
                   "this.TriggerEvent(\"ue_exec\", 0, ls_sql)\nend event\n"
                   "event open;string ls_sql\n"
                   'ls_sql = "ALTER TABLE pfill_commit ADD px_factor numeric(11,8) NULL"\n'
                   'this.TriggerEvent("ue_exec", 0, ls_sql)\n'
                   "this.event post ue_step(1)\nend event\n", ancestor="window", extension="srw")
    rows, report = _migrations([path])
    assert rows == [("w_upgrade.srw", 14, "alter_column", "pfill_commit", "fee_bps", "numeric(9,4) NULL"),
                    ("w_upgrade.srw", 23, "alter_add", "pfill_commit", "px_factor", "numeric(11,8) NULL")]
    assert [m.notes for m in report.migrations] == [
        [f"built by ue_exec for the call at {path}:20", f"run: EXECUTE IMMEDIATE at {path}:9"],
        [f"built by ue_exec for the call at {path}:24", f"run: EXECUTE IMMEDIATE at {path}:9"]]
    # nothing is left saying the SQL was only passed to TriggerEvent
    assert _sites([path], "px_factor") == [("w_upgrade.srw", 23, "pfill_commit", "alter_add", "execute_immediate")]


def test_a_loop_choosing_one_column_per_pass_adds_each_column_once(tmp_path):
    path = _object(tmp_path, "n_cst_hist",
                   "public function integer of_create ();string ls_sql\ninteger li_n\n"
                   'ls_sql = "CREATE TABLE dbo.pfill_pool_hist ("\n'
                   "FOR li_n = 1 TO 3\n"
                   "  CHOOSE CASE li_n\n"
                   '    CASE 1\n      ls_sql += "hist_id int NOT NULL, "\n'
                   '    CASE 2\n      ls_sql += "div_by numeric(11,8) NULL, "\n'
                   '    CASE ELSE\n      ls_sql += "settle_dt datetime NULL)"\n'
                   "  END CHOOSE\n"
                   "  IF li_n = 2 THEN ls_sql += \"pool_id int NULL, \"\n"
                   "NEXT\nEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_cst_hist.sru", 13, "create_table", "pfill_pool_hist", "hist_id", "int NOT NULL"),
                    ("n_cst_hist.sru", 15, "create_table", "pfill_pool_hist", "div_by", "numeric(11,8) NULL"),
                    ("n_cst_hist.sru", 19, "create_table", "pfill_pool_hist", "pool_id", "int NULL"),
                    ("n_cst_hist.sru", 17, "create_table", "pfill_pool_hist", "settle_dt", "datetime NULL")]


def test_a_function_of_another_file_is_evaluated_for_the_known_arguments_of_each_call(tmp_path):
    # f_fmt fills %1/%2 in loops over Pos/Replace: no template can say what it returns, so it is evaluated in
    # its own file for each call's arguments; the arguments' characters keep their lines, the function's own
    # characters are placed at the call.
    gf = tmp_path / "f_fmt.srf"
    gf.write_text("global type f_fmt from function_object\nend type\n\n"
                  "global function string f_fmt (string as_fmt, string as_1, string as_2);string ls\nlong ll\n"
                  "ls = as_fmt\nll = Pos(ls, \"%1\")\nDO WHILE ll > 0\n  ls = Replace(ls, ll, 2, as_1)\n"
                  "  ll = Pos(ls, \"%1\", ll)\nLOOP\nll = Pos(ls, \"%2\")\nDO WHILE ll > 0\n"
                  "  ls = Replace(ls, ll, 2, as_2 + \" NULL\")\n  ll = Pos(ls, \"%2\", ll)\nLOOP\n"
                  "return ls\nend function\n", encoding="utf-8")
    caller = _object(tmp_path, "n_cst_up",
                     "public function integer of_go ();string ls_sql\n"
                     "ls_sql = f_fmt(\"IF COL_LENGTH('%1', 'div_by') IS NULL ALTER TABLE %1 ADD div_by %2\", &\n"
                     '   "dbo.pfill_pool", "numeric(11,8)")\n'
                     "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n")
    rows, report = _migrations([str(gf), caller])
    assert rows == [("n_cst_up.sru", 8, "alter_add", "pfill_pool", "div_by", "numeric(11,8) NULL")]
    assert report.migrations[0].table_expr == "pfill_pool"
    assert _sites([str(gf), caller], "div_by") == [("n_cst_up.sru", 8, "pfill_pool", "alter_add",
                                                    "execute_immediate")]


def test_a_column_added_after_its_table_is_created_in_the_same_text_is_an_alter(tmp_path):
    path = _object(tmp_path, "n_cst_proc",
                   "public function integer of_go ();string ls\n"
                   "ls = \"IF OBJECT_ID(N'dbo.pfill_alloc') IS NULL\" + \"~r~n\"\n"
                   'ls += "CREATE TABLE dbo.pfill_alloc (alloc_id int NOT NULL)" + "~r~n"\n'
                   "ls += \"IF COL_LENGTH('dbo.pfill_alloc', 'fee_bps') IS NULL\" + \"~r~n\"\n"
                   'ls += "  ALTER TABLE dbo.pfill_alloc ADD fee_bps smallint NULL"\n'
                   "EXECUTE IMMEDIATE :ls USING SQLCA;\nreturn 1\nend function\n")
    rows, report = _migrations([path])
    assert rows == [("n_cst_proc.sru", 9, "create_table", "pfill_alloc", "alloc_id", "int NOT NULL"),
                    ("n_cst_proc.sru", 11, "alter_add", "pfill_alloc", "fee_bps", "smallint NULL")]
    assert report.migrations[0].statement == "CREATE TABLE dbo.pfill_alloc (alloc_id int NOT NULL)"


def test_sql_one_branch_sets_is_run_when_another_branch_sets_a_value_not_known(tmp_path):
    path = _object(tmp_path, "n_z",
                   "public function integer of_go ();string ls_sql\n"
                   "If ib_mss Then\n"
                   '  ls_sql = "ALTER TABLE pfill_pool ADD div_by numeric(11,8) NULL"\n'
                   "Else\n  ls_sql = inv_other.of_oracle_sql()\nEnd If\n"
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                   "ls_sql = dw_1.GetItemString(1, 'sql_text')\n"
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n",
                   "boolean ib_mss\n")
    rows, report = _migrations([path])
    assert rows == [("n_z.sru", 10, "alter_add", "pfill_pool", "div_by", "numeric(11,8) NULL")]
    assert [(d.line, d.message) for d in report.diagnostics if d.file == path] == [
        (14, "a branch sets ls_sql to SQL not known from the source: the statements of the other branches are "
             "followed"),
        (16, "the SQL ls_sql holds here is not known from the source: not followed")]


def test_statements_after_a_return_or_goto_do_not_run_up_to_the_next_label(tmp_path):
    path = _object(tmp_path, "n_dead",
                   "public function integer of_go ();string ls_sql\n"
                   "of_tp_set_addcolumn(\"pfill_pool\", \"live_col\", \"int NULL\")\n"
                   "GOTO done\n"
                   "of_tp_set_addcolumn(\"pfill_pool\", \"skipped_col\", \"int NULL\")\n"
                   "done:\n"
                   "ls_sql = \"ALTER TABLE pfill_pool ADD after_label int NULL\"\n"
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                   "Return 0\n"
                   "of_tp_set_addcolumn(\"pfill_pool\", \"dead_col\", \"int NULL\")\n"
                   "end function\n"
                   "public function integer of_tp_set_addcolumn (string as_table, string as_column, string as_def);"
                   "return 1\nend function\n")
    rows, _ = _migrations([path])
    assert [(line, column) for _, line, _, _, column, _ in rows] == [(8, "live_col"), (12, "after_label")]


def test_sql_kept_in_a_datastore_queue_that_another_function_runs_is_run(tmp_path):
    # of_enqueue keeps its argument in a cell of an instance DataStore; of_flush reads the cells back and
    # runs them: every caller's statement runs, through the queue.
    path = _object(tmp_path, "n_q",
                   "public function long of_enqueue (string as_sql);long ll_row\n"
                   "ll_row = ids_queue.InsertRow(0)\n"
                   'ids_queue.SetItem(ll_row, "sql_text", as_sql)\n'
                   "return ll_row\nend function\n"
                   "public function integer of_flush ();long ll_i\nstring ls_sql\n"
                   "For ll_i = 1 To ids_queue.RowCount()\n"
                   '\tls_sql = ids_queue.GetItemString(ll_i, "sql_text")\n'
                   "\tEXECUTE IMMEDIATE :ls_sql USING itr_db;\n"
                   "Next\nreturn 1\nend function\n"
                   "public subroutine of_plan ();string ls_sql\n"
                   'of_enqueue("ALTER TABLE hmx_mod ADD mod_flag char(1) NULL")\n'
                   'ls_sql = "CREATE TABLE dbo.hmx_lock (lock_id int NOT NULL, "\n'
                   'ls_sql += "fee_bps numeric(7,2) NULL)"\n'
                   "of_enqueue(ls_sql)\n"
                   'of_audit("planned: ALTER TABLE hmx_lock ADD lock_tz varchar(6) NULL")\n'
                   "end subroutine\n"
                   "public subroutine of_audit (string as_text);FileWrite(ii_log, as_text)\nend subroutine\n",
                   "datastore ids_queue\ntransaction itr_db\nint ii_log\n")
    rows, _ = _migrations([path])
    assert sorted(rows) == [
        ("n_q.sru", 24, "alter_add", "hmx_mod", "mod_flag", "char(1) NULL"),
        ("n_q.sru", 25, "create_table", "hmx_lock", "lock_id", "int NOT NULL"),
        ("n_q.sru", 26, "create_table", "hmx_lock", "fee_bps", "numeric(7,2) NULL"),
    ]
    [run] = [a for a in run_pipeline([path]).sql if "mod_flag" in a.text.text.text]
    assert run.text.executed and "ids_queue.sql_text" in run.text.via and "n_q.sru:19" in run.text.via


def test_an_iterator_function_filling_ref_arguments_drives_a_do_while_loop(tmp_path):
    # of_next_piece gives one (table, column) pair per step through its ref parameters and False after the
    # last: the loop runs once per pair, each ALTER placed where the pair is written.
    path = _object(tmp_path, "n_it",
                   "public function boolean of_next_piece (integer ai_step, ref string as_table, "
                   "ref string as_coldef);Choose Case ai_step\n"
                   "\tCase 1\n"
                   '\t\tas_table = "dbo.hmx_mod_hist"\n'
                   '\t\tas_coldef = "curtail_amt money NULL"\n'
                   "\tCase 2\n"
                   '\t\tas_table = "dbo.hmx_lock"\n'
                   '\t\tas_coldef = "relock_cnt smallint NOT NULL DEFAULT 0"\n'
                   "\tCase Else\n\t\treturn False\nEnd Choose\nreturn True\nend function\n"
                   "public subroutine of_plan ();string ls_t, ls_c, ls_sql\ninteger li_step\n"
                   "li_step = 1\n"
                   "Do While of_next_piece(li_step, ls_t, ls_c)\n"
                   '\tls_sql = "ALTER TABLE " + ls_t + " ADD " + ls_c\n'
                   "\tEXECUTE IMMEDIATE :ls_sql;\n"
                   "\tli_step++\nLoop\nend subroutine\n")
    rows, _ = _migrations([path])
    assert sorted(rows) == [
        ("n_it.sru", 10, "alter_add", "hmx_mod_hist", "curtail_amt", "money NULL"),
        ("n_it.sru", 13, "alter_add", "hmx_lock", "relock_cnt", "smallint NOT NULL DEFAULT 0"),
    ]


def test_a_separated_list_split_with_pos_and_mid_in_a_loop_gives_one_statement_per_item(tmp_path):
    # ll_pos is set only by the loop's own statements, so ``If ll_pos = 0`` is decided on each pass.
    path = _object(tmp_path, "n_ls",
                   "public function integer of_cols ();string ls_list, ls_item, ls_sql\nlong ll_pos\n"
                   'ls_list = "inv_grp char(4) NULL;" + &\n'
                   '\t"remit_day tinyint NULL"\n'
                   "Do\n"
                   '\tll_pos = Pos(ls_list, ";")\n'
                   "\tIf ll_pos = 0 Then ll_pos = Len(ls_list) + 1\n"
                   "\tls_item = Trim(Left(ls_list, ll_pos - 1))\n"
                   "\tls_list = Mid(ls_list, ll_pos + 1)\n"
                   '\tIf ls_item <> "" Then\n'
                   '\t\tls_sql = "ALTER TABLE dbo.lns_investor ADD " + ls_item\n'
                   "\t\tEXECUTE IMMEDIATE :ls_sql;\n"
                   "\tEnd If\n"
                   "Loop Until Len(ls_list) = 0\nreturn 0\nend function\n")
    rows, _ = _migrations([path])
    assert sorted(rows) == [
        ("n_ls.sru", 9, "alter_add", "lns_investor", "inv_grp", "char(4) NULL"),
        ("n_ls.sru", 10, "alter_add", "lns_investor", "remit_day", "tinyint NULL"),
    ]


def test_a_string_builder_object_appended_to_then_read_gives_the_whole_statement(tmp_path):
    # n_sb keeps a buffer; the caller appends pieces on a fresh builder, reads of_text() and runs it.
    builder = _object(tmp_path, "n_sb",
                      "public function n_sb of_append (string as_piece);buffer += as_piece + separator\n"
                      "return this\nend function\n"
                      "public function string of_text ();return buffer\nend function\n"
                      'public subroutine of_reset ();buffer = ""\nend subroutine\n',
                      'string buffer\nstring separator = " "\n')
    caller = _object(tmp_path, "n_caller",
                     "public function integer of_run ();n_sb lnv_b\nstring ls_stmt\n"
                     "lnv_b = create n_sb\n"
                     'lnv_b.of_append("CREATE TABLE dbo.tm_pool (")\n'
                     'lnv_b.of_append("pool_id varchar(20) NOT NULL,")\n'
                     'lnv_b.of_append("pool_factor numeric(9,4) NULL)")\n'
                     "ls_stmt = lnv_b.of_text()\n"
                     "EXECUTE IMMEDIATE :ls_stmt;\n"
                     "lnv_b.of_reset()\n"
                     'lnv_b.of_append("ALTER TABLE dbo.tm_pool ADD settle_dt datetime NULL")\n'
                     "ls_stmt = lnv_b.of_text()\n"
                     "EXECUTE IMMEDIATE :ls_stmt;\n"
                     "return 0\nend function\n")
    rows, _ = _migrations([builder, caller])
    assert sorted(rows) == [
        ("n_caller.sru", 11, "create_table", "tm_pool", "pool_id", "varchar(20) NOT NULL"),
        ("n_caller.sru", 12, "create_table", "tm_pool", "pool_factor", "numeric(9,4) NULL"),
        ("n_caller.sru", 16, "alter_add", "tm_pool", "settle_dt", "datetime NULL"),
    ]


def test_a_fluent_builder_chain_on_an_instance_variable_is_replayed_in_its_own_file(tmp_path):
    # Each function of n_ddl returns the object itself; of_sql turns its state (mode, table, column array)
    # into a statement. The caller's chain and its separate calls are replayed in order.
    builder = _object(tmp_path, "n_ddl",
                      "public function n_ddl of_create (string as_table);string ls_empty[]\n"
                      'is_mode = "C"\nis_table = as_table\nis_cols = ls_empty\nreturn this\nend function\n'
                      "public function n_ddl of_col (string as_name, string as_def);"
                      'is_cols[UpperBound(is_cols) + 1] = as_name + " " + as_def\nreturn this\nend function\n'
                      "public function string of_sql ();string ls_sql, ls_sep\nlong ll_i\n"
                      'ls_sql = "CREATE TABLE " + is_table + " ("\n'
                      "for ll_i = 1 to UpperBound(is_cols)\n"
                      "\tls_sql += ls_sep + is_cols[ll_i]\n"
                      '\tls_sep = ", "\nnext\n'
                      'return ls_sql + ")"\nend function\n',
                      "string is_table\nstring is_mode\nstring is_cols[]\n")
    caller = _object(tmp_path, "w_up",
                     "public function integer wf_tables ();string ls_sql\n"
                     'ls_sql = inv_ddl.of_create("dbo.pfill_seller").of_col("seller_id", "varchar(10) NOT NULL")'
                     '.of_col("fee_bps", "numeric(7,2) NULL").of_sql()\n'
                     "EXECUTE IMMEDIATE :ls_sql;\n"
                     'inv_ddl.of_create("dbo.pfill_hedge")\n'
                     'inv_ddl.of_col("hedge_id", "int NOT NULL")\n'
                     'inv_ddl.of_col("hedge_dt", "datetime NULL")\n'
                     "ls_sql = inv_ddl.of_sql()\n"
                     "EXECUTE IMMEDIATE :ls_sql;\n"
                     "return 0\nend function\n",
                     "n_ddl inv_ddl\n", extension="srw")
    rows, _ = _migrations([builder, caller])
    assert sorted(rows) == [
        ("w_up.srw", 9, "create_table", "pfill_seller", "fee_bps", "numeric(7,2) NULL"),
        ("w_up.srw", 9, "create_table", "pfill_seller", "seller_id", "varchar(10) NOT NULL"),
        ("w_up.srw", 12, "create_table", "pfill_hedge", "hedge_id", "int NOT NULL"),
        ("w_up.srw", 13, "create_table", "pfill_hedge", "hedge_dt", "datetime NULL"),
    ]


def test_statements_another_object_leaves_in_a_ref_array_are_run_by_the_caller(tmp_path):
    # n_sqlb appends one ALTER per call to the caller's array (a ref parameter); the caller runs each.
    builder = _object(tmp_path, "n_sqlb",
                      "public subroutine of_add_alter (ref string as_stmts[], string as_table, string as_coldef);"
                      "long ll_next\n"
                      "ll_next = UpperBound(as_stmts) + 1\n"
                      'as_stmts[ll_next] = "ALTER TABLE " + as_table + " ADD " + as_coldef\n'
                      "end subroutine\n")
    caller = _object(tmp_path, "n_mig",
                     "public function integer of_payups ();string ls_stmts[]\ninteger li_i\n"
                     'inv_sql.of_add_alter(ls_stmts, "dbo.rmusr_payups", "div_by numeric(5,0) NULL")\n'
                     'inv_sql.of_add_alter(ls_stmts, "dbo.rmusr_payups", "pay_rate numeric(9,4) NULL")\n'
                     'inv_sql.of_add_alter(ls_stmts, "dbo.rmusr_payups", "pay_src char(2) NULL")\n'
                     "For li_i = 1 To UpperBound(ls_stmts)\n"
                     "\tEXECUTE IMMEDIATE :ls_stmts[li_i];\n"
                     "Next\nreturn 1\nend function\n",
                     "n_sqlb inv_sql\n")
    rows, _ = _migrations([builder, caller])
    assert sorted(rows) == [
        ("n_mig.sru", 10, "alter_add", "rmusr_payups", "div_by", "numeric(5,0) NULL"),
        ("n_mig.sru", 11, "alter_add", "rmusr_payups", "pay_rate", "numeric(9,4) NULL"),
        ("n_mig.sru", 12, "alter_add", "rmusr_payups", "pay_src", "char(2) NULL"),
    ]


def test_an_array_another_object_joins_and_runs_is_reported_where_its_parts_are_written(tmp_path):
    # uf_exec_list joins the parts it is given and runs them through its own uf_run: the statement is found
    # by walking it for this call's array, each column at the line of its part.
    runner = _object(tmp_path, "n_exec",
                     "public function integer uf_run (string as_sql);PREPARE SQLSA FROM :as_sql USING SQLCA ;\n"
                     "EXECUTE SQLSA ;\nreturn SQLCA.SQLCode\nend function\n"
                     "public function integer uf_exec_list (string as_parts[]);string ls_all\nlong ll_i\n"
                     "For ll_i = 1 To UpperBound(as_parts)\n"
                     '\tls_all = ls_all + as_parts[ll_i] + " "\n'
                     "Next\nreturn uf_run(ls_all)\nend function\n")
    caller = _object(tmp_path, "w_upg",
                     "public function integer wf_fee_sched ();string ls_parts[]\n"
                     'ls_parts[1] = "CREATE TABLE dbo.pfill_fee_sched ("\n'
                     'ls_parts[2] = "sched_id int NOT NULL,"\n'
                     'ls_parts[3] = "fee_bps smallint NOT NULL)"\n'
                     "return inv_exec.uf_exec_list(ls_parts)\nend function\n",
                     "n_exec inv_exec\n", extension="srw")
    rows, _ = _migrations([runner, caller])
    assert sorted(rows) == [
        ("w_upg.srw", 10, "create_table", "pfill_fee_sched", "sched_id", "int NOT NULL"),
        ("w_upg.srw", 11, "create_table", "pfill_fee_sched", "fee_bps", "smallint NOT NULL"),
    ]
    [built] = [a for a in run_pipeline([runner, caller]).sql if "fee_bps" in a.text.text.text]
    assert built.text.built_for == "built by uf_exec_list for the call at " + caller + ":12"
    assert built.text.executed and built.text.via == f"PREPARE at {runner}:7"  # uf_run walked for it too


def test_an_ancestor_function_building_sql_with_a_global_function_is_walked_for_each_call(tmp_path):
    # of_add_col (in the ancestor) fills a format through gf_fmt (a global function whose result depends on
    # its arguments through a loop) and runs it; the descendant's calls pass literals: each ALTER is found at
    # the call, the format's own text placed at the call's line.
    fmt = _object(tmp_path, "gf_fmt",
                  "global function string gf_fmt (string as_fmt, string as_a1, string as_a2);string ls_out\n"
                  "long ll_pos\nls_out = as_fmt\n"
                  'll_pos = Pos(ls_out, "%1")\n'
                  "If ll_pos > 0 Then ls_out = Replace(ls_out, ll_pos, 2, as_a1)\n"
                  'll_pos = Pos(ls_out, "%2")\n'
                  "If ll_pos > 0 Then ls_out = Replace(ls_out, ll_pos, 2, as_a2)\n"
                  "return ls_out\nend function\n", ancestor="function_object", extension="srf")
    base = _object(tmp_path, "n_base",
                   "public function integer of_add_col (string as_table, string as_spec);string ls_sql\n"
                   'ls_sql = gf_fmt("ALTER TABLE %1 ADD %2", as_table, as_spec)\n'
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn SQLCA.SQLCode\nend function\n")
    child = _object(tmp_path, "n_child",
                    "public function integer of_columns ();\n"
                    'of_add_col("dbo.pfill_trade", "trade_amt MONEY NULL")\n'
                    'of_add_col("dbo.pfill_pool", "regroup_dt DATETIME NULL")\n'
                    "return 0\nend function\n", ancestor="n_base")
    rows, _ = _migrations([fmt, base, child])
    assert sorted(rows) == [
        ("n_child.sru", 8, "alter_add", "pfill_trade", "trade_amt", "MONEY NULL"),
        ("n_child.sru", 9, "alter_add", "pfill_pool", "regroup_dt", "DATETIME NULL"),
    ]


def test_sql_sent_to_a_window_with_openwithparm_runs_where_the_window_runs_message_stringparm(tmp_path):
    # w_run keeps Message.StringParm in an instance variable and runs it in another event; w_show only shows it.
    runner = _object(tmp_path, "w_run",
                     "event open;is_sql = Message.StringParm\nthis.Post Event ue_run()\nend event\n"
                     "event ue_run();EXECUTE IMMEDIATE :is_sql USING SQLCA;\nend event\n",
                     "string is_sql\n", ancestor="window", extension="srw")
    viewer = _object(tmp_path, "w_show", "event open;mle_sql.Text = Message.StringParm\nend event\n",
                     ancestor="window", extension="srw")
    caller = _object(tmp_path, "n_mig",
                     "public function long of_exec (string as_sql);OpenWithParm(w_run, as_sql)\n"
                     "return Message.DoubleParm\nend function\n"
                     "public subroutine of_run ();\n"
                     'of_exec("ALTER TABLE mahnung ADD zins_satz decimal(6,3) NULL")\n'
                     'OpenWithParm(w_show, "ALTER TABLE op_posten ADD mahn_stufe smallint NULL")\n'
                     "end subroutine\n")
    rows, _ = _migrations([runner, viewer, caller])
    assert rows == [("n_mig.sru", 11, "alter_add", "mahnung", "zins_satz", "decimal(6,3) NULL")]
    [run] = [a for a in run_pipeline([runner, viewer, caller]).sql if "zins_satz" in a.text.text.text]
    assert run.text.via == (f"passed to n_mig.of_exec, w_run.openwithparm at {caller}:7 → read as "
                            f"Message.StringParm, kept in is_sql, EXECUTE IMMEDIATE at {runner}:11")


def test_setnull_empties_the_variable_before_a_guarded_run(tmp_path):
    path = _object(tmp_path, "n_p",
                   "public subroutine of_run ();string ls_sql\n"
                   'ls_sql = "ALTER TABLE t_zaiko ALTER COLUMN lot_no varchar(30) NULL"\n'
                   "SetNull(ls_sql)\n"
                   "If Not IsNull(ls_sql) Then EXECUTE IMMEDIATE :ls_sql;\n"
                   'ls_sql = "ALTER TABLE t_zaiko ADD tanka numeric(13,2) NULL"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, _ = _migrations([path])
    assert rows == [("n_p.sru", 11, "alter_add", "t_zaiko", "tanka", "numeric(13,2) NULL")]


def test_a_text_built_line_by_line_through_an_own_ref_appender_is_run_whole(tmp_path):
    # of_line appends to the caller's buffer (a ref parameter); the lines passed are pieces of the trigger
    # that runs, not texts of their own.
    path = _object(tmp_path, "n_t",
                   "protected subroutine of_line (ref string as_buffer, string as_line);"
                   'If Len(as_buffer) > 0 Then as_buffer = as_buffer + "~r~n"\n'
                   "as_buffer = as_buffer + as_line\nend subroutine\n"
                   "public subroutine of_trigger ();string ls_trg\n"
                   'of_line(ls_trg, "CREATE TRIGGER dbo.trg_mahn ON dbo.op_posten FOR UPDATE AS")\n'
                   'of_line(ls_trg, "  UPDATE m SET m.mahn_stufe = m.mahn_stufe + 1")\n'
                   'of_line(ls_trg, "    FROM dbo.mahnung m JOIN inserted i ON i.beleg_nr = m.beleg_nr")\n'
                   "EXECUTE IMMEDIATE :ls_trg;\nend subroutine\n")
    assert _sites([path], "mahn_stufe") == [("n_t.sru", 12, "mahnung", "proc_reference", "execute_immediate")]
    [text] = run_pipeline([path]).sql
    assert text.text.text.text == ("CREATE TRIGGER dbo.trg_mahn ON dbo.op_posten FOR UPDATE AS\r\n"
                                   "  UPDATE m SET m.mahn_stufe = m.mahn_stufe + 1\r\n"
                                   "    FROM dbo.mahnung m JOIN inserted i ON i.beleg_nr = m.beleg_nr")


def test_steps_a_function_returns_as_a_structure_run_until_the_sure_exit_and_skip_on_continue(tmp_path):
    # of_step returns a structure chosen by its argument; the loop leaves on the end step (Exit) and skips the
    # inactive one (Continue): step 2 and the step after the end never run.
    path = _object(tmp_path, "n_a",
                   "protected function s_step of_step (integer ai_n);s_step lstr\n"  # 7
                   "lstr.b_active = True\nlstr.b_end = False\n"  # 8-9
                   "Choose Case ai_n\n"  # 10
                   '\tCase 1\n\t\tlstr.s_table = "pfill_pool"\n\t\tlstr.s_column = "div_by numeric(5,0) NULL"\n'
                   '\tCase 2\n\t\tlstr.s_table = "pfill_pool"\n\t\tlstr.s_column = "old_flag char(1) NULL"\n'
                   "\t\tlstr.b_active = False\n"  # 17
                   '\tCase 3\n\t\tlstr.s_table = "pfill_bx"\n\t\tlstr.s_column = "div_by numeric(5,0) NULL"\n'
                   "\tCase 4\n\t\tlstr.b_end = True\n"  # 21-22
                   '\tCase 5\n\t\tlstr.s_table = "pfill_never"\n\t\tlstr.s_column = "div_by int NULL"\n'
                   "End Choose\nReturn lstr\nend function\n\n"  # 26-28
                   "public function integer of_run ();s_step lstr\ninteger li_n\nstring ls_sql\n"  # 30-32
                   "For li_n = 1 To 20\n\tlstr = of_step(li_n)\n\tIf lstr.b_end Then Exit\n"  # 33-35
                   "\tIf Not lstr.b_active Then Continue\n"  # 36
                   '\tls_sql = "ALTER TABLE " + lstr.s_table + " ADD " + lstr.s_column\n'  # 37
                   "\tEXECUTE IMMEDIATE :ls_sql;\nNext\nReturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 13, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL"),
                    ("n_a.sru", 20, "alter_add", "pfill_bx", "div_by", "numeric(5,0) NULL")]
    assert _sites([path], "div_by") == [("n_a.sru", 13, "pfill_pool", "alter_add", "execute_immediate"),
                                        ("n_a.sru", 20, "pfill_bx", "alter_add", "execute_immediate")]


def test_an_array_of_structures_filled_through_ref_in_a_condition_is_run_by_another_function(tmp_path):
    path = _object(tmp_path, "n_a",
                   "private function integer of_defs (ref s_coldef astr[]);integer li_n\n"  # 7
                   'li_n++\nastr[li_n].s_table = "pfill_pool"\nastr[li_n].s_column = "div_by"\n'  # 8-10
                   'astr[li_n].s_type = "numeric(5,0) NULL"\n'  # 11
                   'li_n++\nastr[li_n].s_table = "pfill_bx"\nastr[li_n].s_column = "pay_rate"\n'  # 12-14
                   'astr[li_n].s_type = "numeric(11,8) NULL"\nReturn li_n\nend function\n\n'  # 15-17
                   "private function integer of_apply (s_coldef astr[]);integer li_i\nstring ls_sql\n"  # 19-20
                   "For li_i = 1 To UpperBound(astr)\n"  # 21
                   '\tls_sql = "ALTER TABLE " + astr[li_i].s_table + " ADD " + astr[li_i].s_column + " " + '
                   "astr[li_i].s_type\n\tEXECUTE IMMEDIATE :ls_sql;\nNext\nReturn 1\nend function\n\n"  # 22-26
                   "public function integer of_run ();s_coldef lstr_defs[]\n"  # 28
                   "If of_defs(lstr_defs) > 0 Then of_apply(lstr_defs)\nReturn 1\nend function\n")  # 29
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 10, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL"),
                    ("n_a.sru", 14, "alter_add", "pfill_bx", "pay_rate", "numeric(11,8) NULL")]


def test_sql_kept_in_a_structure_field_is_run_where_the_field_is_executed(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();s_job lstr_job\n"  # 7
                   'lstr_job.s_sql = "ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL"\n'  # 8
                   "EXECUTE IMMEDIATE :lstr_job.s_sql;\nReturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 8, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL")]
    assert _sites([path], "div_by") == [("n_a.sru", 8, "pfill_pool", "alter_add", "execute_immediate")]


def test_overloads_taking_an_array_or_a_string_are_told_apart_by_the_argument(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function long of_exec (string as_batch[]);long ll_i\n"  # 7
                   "For ll_i = 1 To UpperBound(as_batch)\n\tof_exec(as_batch[ll_i])\nNext\n"  # 8-10
                   "Return 1\nend function\n\n"  # 11-13
                   "public function long of_exec (string as_batch);\n"  # 14
                   "EXECUTE IMMEDIATE :as_batch;\nReturn 1\nend function\n\n"  # 15-18
                   "public function long of_run ();string ls_batch[]\n"  # 19
                   'ls_batch[1] = "ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL"\n'  # 20
                   'ls_batch[2] = "ALTER TABLE pfill_bx ADD pay_rate money NULL"\n'  # 21
                   "Return of_exec(ls_batch)\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 20, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL"),
                    ("n_a.sru", 21, "alter_add", "pfill_bx", "pay_rate", "money NULL")]


def test_a_branch_on_a_local_set_above_or_a_constant_is_chosen(tmp_path):
    # li_mode is set by the script only, CB_OLD is a constant: the arms they rule out never run.
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_sql\ninteger li_mode\n"  # 8-9 (5: CB_OLD)
                   "li_mode = 2\n"  # 10
                   "Choose Case True\n\tCase li_mode = 1\n"  # 11-12
                   '\t\tls_sql = "ALTER TABLE pfill_pool ADD old_col int NULL"\n'  # 13
                   "\tCase li_mode = 2\n"  # 14
                   '\t\tls_sql = "ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL"\n'  # 15
                   "End Choose\nEXECUTE IMMEDIATE :ls_sql;\n"  # 16-17
                   'If CB_OLD Then\n\tls_sql = "ALTER TABLE pfill_pool ALTER COLUMN div_by int NULL"\n'  # 18-19
                   "\tEXECUTE IMMEDIATE :ls_sql;\nEnd If\nReturn 1\nend function\n",  # 20-23
                   "private constant boolean CB_OLD = false\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 15, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL")]


def test_a_select_given_to_a_datawindow_by_dot_notation_runs(tmp_path):
    path = _object(tmp_path, "w_a",
                   "public subroutine wf_load ();string ls_sel\n"  # 8 (line 5 declares dw_1)
                   'ls_sel = "SELECT div_by FROM pfill_pool"\n'  # 9
                   "dw_1.Object.DataWindow.Table.Select = ls_sel\ndw_1.Retrieve()\nend subroutine\n",
                   "datawindow dw_1\n", ancestor="window", extension="srw")
    assert _sites([path], "div_by") == [("w_a.srw", 9, "pfill_pool", "embedded_sql", "sink_call")]


def test_a_script_another_objects_function_returns_is_reported_where_it_is_written(tmp_path):
    # The window passes the script object's own text to its runner: the text and its sites are the script
    # object's (lines 8-9), run through the runner, not copies at the window's call.
    scripts = _object(tmp_path, "n_scripts",
                      "public function string of_release ();string ls_s\n"  # 7
                      'ls_s = "SET ANSI_NULLS ON~r~nGO~r~n" + &\n'  # 8
                      '\t"ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL~r~nGO~r~n"\n'  # 9
                      "Return ls_s\nend function\n\n"  # 10-12
                      "public function long of_run (string as_script);\n"  # 13
                      "EXECUTE IMMEDIATE :as_script;\nReturn 1\nend function\n", ancestor="nonvisualobject")
    window = _object(tmp_path, "w_up",
                     "public subroutine wf_up ();\n"  # 7
                     "inv_scripts.of_run(inv_scripts.of_release())\nend subroutine\n",  # 8
                     "n_scripts inv_scripts\n", ancestor="window", extension="srw")
    assert _sites([scripts, window], "div_by") == [("n_scripts.sru", 9, "pfill_pool", "alter_add", "returned")]
    rows, _ = _migrations([scripts, window])
    assert rows == [("n_scripts.sru", 9, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL")]


def test_a_site_is_inside_a_procedure_only_in_the_procedures_batch(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_s\n"  # 7
                   'ls_s = "ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL~r~nGO~r~n" + &\n'  # 8
                   '\t"CREATE PROCEDURE psp_roll AS~r~n" + &\n'  # 9
                   '\t"UPDATE pfill_pool SET div_by = 1~r~n"\n'  # 10
                   "EXECUTE IMMEDIATE :ls_s;\nReturn 1\nend function\n")
    sites = sorted(where_used(run_pipeline([path]), "div_by"), key=lambda s: s.line)
    assert [(s.line, s.kind, s.procedure) for s in sites] == [(8, "alter_add", None),
                                                              (10, "proc_reference", "psp_roll")]


def test_an_ancestor_function_called_with_super_gives_its_result(tmp_path):
    # n_desc's override adds to what super::of_cols() returns; the ancestor's characters stay where it writes them.
    base = _object(tmp_path, "n_base", 'public function string of_cols ();Return "num_caisse int NOT NULL"\n'
                                       "end function\n")
    desc = _object(tmp_path, "n_desc",
                   "public function string of_cols ();string ls\n"  # 7
                   "ls = super::of_cols()\n"  # 8
                   'ls += ", div_by numeric(5,0) NULL"\nReturn ls\nend function\n\n'  # 9-12
                   "public function integer of_run ();string ls_sql\n"  # 13
                   'ls_sql = "CREATE TABLE pfill_ticket (" + of_cols() + ")"\n'  # 14
                   "EXECUTE IMMEDIATE :ls_sql;\nReturn 1\nend function\n", ancestor="n_base")
    rows, _ = _migrations([base, desc])
    assert rows == [("n_base.sru", 7, "create_table", "pfill_ticket", "num_caisse", "int NOT NULL"),
                    ("n_desc.sru", 9, "create_table", "pfill_ticket", "div_by", "numeric(5,0) NULL")]


def test_a_template_a_string_service_fills_is_no_statement_of_its_own(tmp_path):
    # The template with its @T@ token goes to n_str.of_fill, whose result runs: only the filled text is SQL.
    service = _object(tmp_path, "n_str",
                      "public function string of_fill (string as_text, string as_value);long ll_pos\n"  # 7
                      'll_pos = Pos(as_text, "@T@")\nDo While ll_pos > 0\n'  # 8-9
                      "\tas_text = Replace(as_text, ll_pos, 3, as_value)\n"  # 10
                      '\tll_pos = Pos(as_text, "@T@")\nLoop\nReturn as_text\nend function\n')  # 11-14
    user = _object(tmp_path, "n_mig",
                   "public function integer of_run ();string ls_sql\n"  # 8 (line 5 declares inv_str)
                   'ls_sql = inv_str.of_fill("ALTER TABLE @T@ ADD div_by numeric(5,0) NULL", "pfill_pool")\n'  # 9
                   "EXECUTE IMMEDIATE :ls_sql;\nReturn 1\nend function\n", "n_str inv_str\n")
    assert _sites([service, user], "div_by") == [("n_mig.sru", 9, "pfill_pool", "alter_add", "execute_immediate")]


def test_a_variable_a_select_into_fills_is_not_known_after_it(tmp_path):
    # ls_list comes from the database: the loop splitting it is not pruned as if it were still "".
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_list\nlong ll_pos\n"  # 7-8
                   "SELECT cfg_value INTO :ls_list FROM pfill_cfg USING SQLCA;\n"  # 9
                   'll_pos = Pos(ls_list, ";")\n'  # 10
                   "If ll_pos > 0 Then\n\tUPDATE pfill_pool SET div_by = 1 USING SQLCA;\nEnd If\n"  # 11-13
                   "Return 1\nend function\n")
    assert _sites([path], "div_by") == [("n_a.sru", 12, "pfill_pool", "embedded_sql", "embedded")]


def test_an_array_of_two_dimensions_gives_each_row_its_pair(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public function integer of_run ();string ls_sql\nstring ls_spec[2,2]\ninteger li_i\n"  # 7-9
                   'ls_spec[1,1] = "div_by"; ls_spec[1,2] = "numeric(5,0) NULL"\n'  # 10
                   'ls_spec[2,1] = "pay_rate"; ls_spec[2,2] = "money NULL"\n'  # 11
                   "For li_i = 1 To UpperBound(ls_spec, 1)\n"  # 12
                   '\tls_sql = "ALTER TABLE pfill_pool ADD " + ls_spec[li_i, 1] + " " + ls_spec[li_i, 2]\n'  # 13
                   "\tEXECUTE IMMEDIATE :ls_sql;\nNext\nReturn 1\nend function\n")
    rows, _ = _migrations([path])
    assert rows == [("n_a.sru", 10, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL"),
                    ("n_a.sru", 11, "alter_add", "pfill_pool", "pay_rate", "money NULL")]


def test_a_text_another_objects_function_returns_whole_and_the_caller_runs_is_reported_there_only(tmp_path):
    ddl = _object(tmp_path, "n_ddl", "public function string of_proc ();string ls\n"  # 7
                                     'ls = "CREATE PROCEDURE psp_sum AS~r~n" + &\n'  # 8
                                     '\t"UPDATE pfill_pool SET div_by = 1"\nReturn ls\nend function\n')  # 9
    window = _object(tmp_path, "w_up",
                     "public subroutine wf_run (string as_sql);\nEXECUTE IMMEDIATE :as_sql;\nend subroutine\n\n"
                     "public subroutine wf_up ();string ls_sql\n"  # 12 (line 5 declares inv_ddl)
                     "ls_sql = inv_ddl.of_proc()\nwf_run(ls_sql)\n"  # 13-14
                     'ls_sql = "UPDATE pfill_bx SET div_by = 0"\nwf_run(ls_sql)\nend subroutine\n',  # 15-16
                     "n_ddl inv_ddl\n", ancestor="window", extension="srw")
    assert _sites([ddl, window], "div_by") == [("n_ddl.sru", 9, "pfill_pool", "proc_reference", "returned"),
                                               ("w_up.srw", 15, "pfill_bx", "embedded_sql", "call_arg")]


def test_a_text_an_object_keeps_in_its_state_is_run_where_the_caller_runs_its_result(tmp_path):
    # of_text returns what of_std left in the object (whatever calls were made before, the only text it can
    # hold): the text is the builder's, at the line that writes it, run through of_text's result.
    builder = _object(tmp_path, "n_bld",
                      'public subroutine of_std ();is_buf = "ALTER TABLE pfill_pool ADD div_by numeric(5,0) NULL"\n'
                      "end subroutine\n\npublic function string of_text ();Return is_buf\nend function\n",
                      "string is_buf\n")
    user = _object(tmp_path, "n_use",
                   "public function integer of_run ();n_bld lnv\nstring ls_sql\nlnv = Create n_bld\n"  # 7-9
                   "lnv.of_std()\nls_sql = lnv.of_text()\nEXECUTE IMMEDIATE :ls_sql;\nReturn 1\nend function\n")  # 10-11
    rows, _ = _migrations([builder, user])
    assert rows == [("n_bld.sru", 8, "alter_add", "pfill_pool", "div_by", "numeric(5,0) NULL")]
    assert _sites([builder, user], "div_by") == [("n_bld.sru", 8, "pfill_pool", "alter_add", "assigned")]


def test_a_queue_appended_by_calls_of_an_own_function_is_run_by_another_in_call_order(tmp_path):
    structure = tmp_path / "s_job.srs"
    structure.write_text("global type s_job from structure\n\tinteger kind\n\tstring tbl\n\tstring col\n"
                         "\tstring spec\n\tstring stmt\nend type\n", encoding="utf-8")
    path = _object(tmp_path, "n_schema_queue",
                   "protected subroutine uf_queue (integer ai_kind, string as_tbl, string as_col, string as_spec, "
                   "string as_stmt);\n"
                   "ii_jobs = ii_jobs + 1\n"
                   "istr_job[ii_jobs].kind = ai_kind\n"
                   "istr_job[ii_jobs].tbl = as_tbl\n"
                   "istr_job[ii_jobs].col = as_col\n"
                   "istr_job[ii_jobs].spec = as_spec\n"
                   "istr_job[ii_jobs].stmt = as_stmt\n"
                   "end subroutine\n"
                   "public subroutine uf_prepare ();\n"
                   'uf_queue(1, "wh_bin", "bin_zone", "char(2) NULL", "")\n'
                   'uf_queue(3, "wh_bin", "pick_seq", "int NULL", "")\n'
                   'uf_queue(2, "", "", "", "CREATE TABLE wh_dock (dock_no int NOT NULL, door_cnt int NULL)")\n'
                   'uf_queue(1, "wh_lot", "expiry_dt", "date NULL", "")\n'
                   "end subroutine\n"
                   "public subroutine uf_apply ();integer li_job\nstring ls_stmt\ns_job lstr_job\n"
                   "For li_job = 1 To UpperBound(istr_job)\n"
                   "\tlstr_job = istr_job[li_job]\n"
                   "\tIf lstr_job.kind = 1 Then\n"
                   '\t\tls_stmt = "ALTER TABLE " + lstr_job.tbl + " ADD " + lstr_job.col + " " + lstr_job.spec\n'
                   "\tElseIf lstr_job.kind = 2 Then\n"
                   "\t\tls_stmt = lstr_job.stmt\n"
                   "\tElse\n"
                   "\t\tContinue\n"
                   "\tEnd If\n"
                   "\tEXECUTE IMMEDIATE :ls_stmt USING SQLCA;\n"
                   "Next\nend subroutine\n", "s_job istr_job[]\ninteger ii_jobs\n")
    rows, report = _migrations([str(structure), path])
    assert rows == [("n_schema_queue.sru", 18, "alter_add", "wh_bin", "bin_zone", "char(2) NULL"),
                    ("n_schema_queue.sru", 20, "create_table", "wh_dock", "dock_no", "int NOT NULL"),
                    ("n_schema_queue.sru", 20, "create_table", "wh_dock", "door_cnt", "int NULL"),
                    ("n_schema_queue.sru", 21, "alter_add", "wh_lot", "expiry_dt", "date NULL")]
    assert report.not_counted == []
    assert _sites([str(structure), path], "bin_zone") == [
        ("n_schema_queue.sru", 18, "wh_bin", "alter_add", "execute_immediate")]
    assert _sites([str(structure), path], "pick_seq") == []  # queued as a kind the runner skips


def test_sql_bound_to_a_prepared_procedure_call_is_run_by_the_procedure(tmp_path):
    runner = _object(tmp_path, "f_wh_batch",
                     "global function integer f_wh_batch (transaction atr, string as_batch);\n"
                     "DECLARE lp_exec DYNAMIC PROCEDURE FOR SQLSA ;\n"
                     'PREPARE SQLSA FROM "EXEC sp_executesql ?" USING atr ;\n'
                     "EXECUTE DYNAMIC lp_exec USING :as_batch ;\n"
                     "return atr.SQLCode\nend function\n", ancestor="function_object", extension="srf")
    caller = _object(tmp_path, "n_wh_schema",
                     "public subroutine of_upgrade ();string ls_ddl, ls_note\n"
                     'f_wh_batch(SQLCA, "ALTER TABLE wh_rack ADD rack_hgt int NULL")\n'
                     'ls_ddl = "ALTER TABLE wh_rack ADD rack_wdt int NULL"\n'
                     "PREPARE SQLSA FROM :is_runner USING SQLCA ;\n"
                     "EXECUTE SQLSA USING :ls_ddl ;\n"
                     'ls_note = "ALTER TABLE wh_rack ADD rack_old int NULL"\n'
                     'PREPARE SQLSA FROM "INSERT INTO wh_log (msg) VALUES (?)" USING SQLCA ;\n'
                     "EXECUTE SQLSA USING :ls_note ;\n"
                     "end subroutine\n", 'string is_runner = "EXECUTE dbo.wh_run_batch @batch = ?"\n')
    rows, report = _migrations([runner, caller])
    assert rows == [("n_wh_schema.sru", 9, "alter_add", "wh_rack", "rack_hgt", "int NULL"),
                    ("n_wh_schema.sru", 10, "alter_add", "wh_rack", "rack_wdt", "int NULL")]
    assert [m.notes for m in report.migrations] == [
        [f"run: passed to f_wh_batch, parameter of sp_executesql, EXECUTE at {runner}:10"],
        [f"run: parameter of dbo.wh_run_batch, EXECUTE at {caller}:12"]]
    # a text bound to an INSERT's value is data, not a statement: a use of its column, never run
    assert _sites([runner, caller], "rack_old") == [("n_wh_schema.sru", 13, "wh_rack", "alter_add", "unexecuted")]


def test_the_definition_of_a_helper_call_is_what_the_helpers_body_builds_from_it(tmp_path):
    base = _object(tmp_path, "n_wh_base",
                   "public function integer uf_wh_set_addcolumn (string as_tab, string as_fld, string as_type, "
                   "boolean ab_nullable);string ls_spec\n"
                   "Choose Case ab_nullable\n"
                   "Case True\n"
                   '\tls_spec = as_type + " NULL"\n'
                   "Case Else\n"
                   '\tls_spec = as_type + " NOT NULL"\n'
                   "End Choose\n"
                   'ls_spec = "ALTER TABLE " + as_tab + " ADD " + as_fld + " " + ls_spec\n'
                   "EXECUTE IMMEDIATE :ls_spec USING SQLCA;\n"
                   "return SQLCA.SQLCode\nend function\n"
                   "public subroutine uf_base_cols ();\n"
                   'uf_wh_set_addcolumn("wh_zone", "temp_ctl", "bit DEFAULT (0)", False)\n'
                   "end subroutine\n")
    child = _object(tmp_path, "n_wh_v3",
                    "public subroutine uf_v3_cols ();\n"
                    'uf_wh_set_addcolumn("wh_zone", "max_wt", "decimal(9,2)", True)\n'
                    "end subroutine\n", ancestor="n_wh_base")
    entry = _object(tmp_path, "f_wh_patch",
                    "global subroutine f_wh_patch ();n_wh_base lnv_wh\n"
                    "lnv_wh = create n_wh_base\n"
                    'lnv_wh.uf_wh_set_addcolumn("wh_bay", "bay_cd", "char(4)", True)\n'
                    "destroy lnv_wh\nend subroutine\n", ancestor="function_object", extension="srf")
    rows, report = _migrations([base, child, entry])
    assert rows == [("f_wh_patch.srf", 9, "addcolumn_call", "wh_bay", "bay_cd", "char(4) NULL"),
                    ("n_wh_base.sru", 19, "addcolumn_call", "wh_zone", "temp_ctl", "bit DEFAULT (0) NOT NULL"),
                    ("n_wh_v3.sru", 8, "addcolumn_call", "wh_zone", "max_wt", "decimal(9,2) NULL")]
    # the argument as written stays the definition's expression
    assert [(m.definition_expr, m.notes) for m in report.migrations] == [
        ('"char(4)"', ["definition as uf_wh_set_addcolumn builds it from the call's arguments"]),
        ('"bit DEFAULT (0)"', ["definition as uf_wh_set_addcolumn builds it from the call's arguments"]),
        ('"decimal(9,2)"', ["definition as uf_wh_set_addcolumn builds it from the call's arguments"])]


def test_steps_queued_on_another_object_are_run_by_its_function_in_call_order(tmp_path):
    runner = _object(tmp_path, "n_ddl_batch",
                     "public subroutine of_push (string as_tab, string as_ddl);\n"
                     "il_n++\n"
                     "is_tab[il_n] = as_tab\n"
                     "is_ddl[il_n] = as_ddl\n"
                     "end subroutine\n"
                     "public function integer of_flush ();long ll_i\n"
                     "For ll_i = 1 To il_n\n"
                     '\tof_run("ALTER TABLE " + is_tab[ll_i] + " ADD " + is_ddl[ll_i])\n'
                     "Next\nreturn 1\nend function\n"
                     "private subroutine of_run (string as_stmt);EXECUTE IMMEDIATE :as_stmt USING SQLCA;\n"
                     "end subroutine\n", "string is_tab[]\nstring is_ddl[]\nlong il_n\n")
    caller = _object(tmp_path, "w_yard_setup",
                     "event open;n_ddl_batch lnv_batch\n"
                     "lnv_batch = create n_ddl_batch\n"
                     'lnv_batch.of_push("yd_slot", "slot_len numeric(6,2) NULL")\n'
                     'lnv_batch.of_push("yd_gate", "gate_lane smallint NULL")\n'
                     "lnv_batch.of_flush()\n"
                     "destroy lnv_batch\nend event\n", ancestor="window", extension="srw")
    rows, report = _migrations([runner, caller])
    assert rows == [("w_yard_setup.srw", 9, "alter_add", "yd_slot", "slot_len", "numeric(6,2) NULL"),
                    ("w_yard_setup.srw", 10, "alter_add", "yd_gate", "gate_lane", "smallint NULL")]
    assert [m.notes for m in report.migrations] == [[f"built by of_flush for the call at {caller}:11",
                                                     f"run: EXECUTE IMMEDIATE at {runner}:21"]] * 2



def test_a_chain_of_a_builders_calls_ending_in_the_call_that_runs_what_it_built(tmp_path):
    """``inv_qb.of_table(…).of_col(…).of_go()``: each link returns the object, the last runs the statement the
    earlier ones built in its state; reported at the chain's arguments, on a fresh object when the script has
    made no call on it before, and after the calls it has."""
    builder = _object(tmp_path, "n_qb",
                      "public function n_qb of_table (string as_tbl);is_tbl = as_tbl\nis_cols = \"\"\nreturn this\n"
                      "end function\n"
                      "public function n_qb of_col (string as_col, string as_def);"
                      'if is_cols <> "" then is_cols += ", "\n'
                      'is_cols += as_col + " " + as_def\nreturn this\nend function\n'
                      "public function integer of_go ();string ls_ddl\n"
                      'ls_ddl = "CREATE TABLE " + is_tbl + " (" + is_cols + ")"\n'
                      "EXECUTE IMMEDIATE :ls_ddl;\nreturn SQLCA.SQLCode\nend function\n",
                      "string is_tbl\nstring is_cols\n")
    user = _object(tmp_path, "n_mig",
                   "public function integer of_migrate ();\n"
                   'inv_qb.of_table("wh_pallet").of_col("pallet_no", "varchar(20) NOT NULL") &\n'
                   '\t.of_col("gross_kg", "decimal(9,2) NULL").of_go()\n'
                   "n_qb lnv_qb\nlnv_qb = create n_qb\n"
                   'lnv_qb.of_table("wh_rack").of_col("rack_no", "int NOT NULL").of_go()\n'
                   "return 1\nend function\n", "n_qb inv_qb\n")
    rows, report = _migrations([builder, user])
    assert rows == [("n_mig.sru", 9, "create_table", "wh_pallet", "pallet_no", "varchar(20) NOT NULL"),
                    ("n_mig.sru", 10, "create_table", "wh_pallet", "gross_kg", "decimal(9,2) NULL"),
                    ("n_mig.sru", 13, "create_table", "wh_rack", "rack_no", "int NOT NULL")]
    assert [m.line for m in report.migrations] == [9, 13]

def test_a_runner_choosing_on_an_element_only_the_objects_own_calls_fill_skips_the_other_kinds(tmp_path):
    path = _object(tmp_path, "n_dock_plan",
                   "private subroutine of_plan (string as_verb, string as_tbl, string as_col, string as_def);\n"
                   "long ll_at\n"
                   "ll_at = UpperBound(is_verb) + 1\n"
                   "is_verb[ll_at] = as_verb\n"
                   'is_text[ll_at] = as_tbl + " ADD " + as_col + " " + as_def\n'
                   "end subroutine\n"
                   "public subroutine of_build ();\n"
                   'of_plan("run", "dk_door", "door_wd", "int NULL")\n'
                   'of_plan("doc", "dk_door", "door_ht", "int NULL")\n'
                   "end subroutine\n"
                   "public subroutine of_go ();long ll\nstring ls_run\n"
                   "For ll = 1 To UpperBound(is_verb)\n"
                   "\tChoose Case is_verb[ll]\n"
                   '\tCase "run"\n'
                   '\t\tls_run = "ALTER TABLE " + is_text[ll]\n'
                   "\tCase Else\n"
                   "\t\tContinue\n"
                   "\tEnd Choose\n"
                   "\tEXECUTE IMMEDIATE :ls_run USING SQLCA;\n"
                   "Next\nend subroutine\n", "string is_verb[]\nstring is_text[]\n")
    rows, _ = _migrations([path])
    assert rows == [("n_dock_plan.sru", 16, "alter_add", "dk_door", "door_wd", "int NULL")]
    assert _sites([path], "door_ht") == []  # planned as a "doc" step, which the runner skips


def _state_builder(folder):
    """A fluent builder whose runner asks its own functions for the statement its state describes, then resets it
    (``of_reset()`` from every starting call, parts appended at ``UpperBound + 1``, the verb chosen by CHOOSE CASE)."""
    return _object(folder, "n_sb",
                   "public function n_sb of_reset ();is_verb = \"\"\nis_table = \"\"\nis_parts = is_none\n"
                   "return this\nend function\n"
                   "public function n_sb of_create (string as_table);of_reset()\nis_verb = \"CREATE\"\n"
                   "is_table = as_table\nreturn this\nend function\n"
                   "public function n_sb of_alter (string as_table);of_reset()\nis_verb = \"ALTER\"\n"
                   "is_table = as_table\nreturn this\nend function\n"
                   "public function n_sb of_add (string as_col, string as_def);"
                   "is_parts[UpperBound(is_parts) + 1] = as_col + \" \" + as_def\nreturn this\nend function\n"
                   "public function string of_sql ();string ls_sql\nlong ll\n"
                   "choose case is_verb\n"
                   "case \"CREATE\"\n\tls_sql = \"CREATE TABLE \" + is_table + \" (\"\n"
                   "case \"ALTER\"\n\tls_sql = \"ALTER TABLE \" + is_table + \" ADD \"\n"
                   "case else\n\treturn \"\"\nend choose\n"
                   "for ll = 1 to UpperBound(is_parts)\n"
                   "\tif ll > 1 then ls_sql += \", \"\n\tls_sql += is_parts[ll]\nnext\n"
                   "if is_verb = \"CREATE\" then ls_sql += \")\"\nreturn ls_sql\nend function\n"
                   "public function long of_exec (string as_sql);EXECUTE IMMEDIATE :as_sql USING SQLCA;\n"
                   "return SQLCA.SQLCode\nend function\n"
                   "public function long of_run ();string ls_sql\nls_sql = of_sql()\nof_reset()\n"
                   "return of_exec(ls_sql)\nend function\n",
                   "string is_verb\nstring is_table\nstring is_parts[]\nstring is_none[]\n")


def test_a_builders_runner_reads_the_state_its_own_functions_leave(tmp_path):
    """``inv_b.of_create(t).of_add(c, d).of_run()`` where of_run asks its own of_sql (CHOOSE CASE on the verb, a loop
    over the appended parts) and then resets: each statement holds its own chain's columns only."""
    user = _object(tmp_path, "n_rel",
                   "public function long of_go ();long ll_rc\n"
                   "ll_rc = inv_b.of_create(\"fr_load\") &\n"
                   "\t.of_add(\"load_id\", \"int NOT NULL\") &\n"
                   "\t.of_add(\"load_wt\", \"decimal(9,2) NULL\") &\n"
                   "\t.of_run()\n"
                   "ll_rc = inv_b.of_alter(\"fr_lane\").of_add(\"fuel_pct\", \"decimal(5,2) NULL\").of_run()\n"
                   "return ll_rc\nend function\n", "n_sb inv_b\n")
    rows, _ = _migrations([_state_builder(tmp_path), user])
    assert rows == [("n_rel.sru", 10, "create_table", "fr_load", "load_id", "int NOT NULL"),
                    ("n_rel.sru", 11, "create_table", "fr_load", "load_wt", "decimal(9,2) NULL"),
                    ("n_rel.sru", 13, "alter_add", "fr_lane", "fuel_pct", "decimal(5,2) NULL")]


def test_a_builder_passed_to_an_own_function_and_one_held_by_a_second_variable_keep_their_calls(tmp_path):
    """``of_cols(inv_b)`` adds columns through its parameter (``return anv_b.of_add(…)``); ``lnv_b =
    inv_b.of_create(t)`` goes on with the same object, filled in a loop over arrays."""
    user = _object(tmp_path, "n_rel",
                   "protected function n_sb of_cols (n_sb anv_b);return anv_b.of_add(\"dock_no\", \"int NOT NULL\") &\n"
                   "\t.of_add(\"dock_wd\", \"int NULL\")\nend function\n"
                   "public function long of_go ();long ll_rc\ninteger li\nstring ls_col[], ls_def[]\nn_sb lnv_b\n"
                   "inv_b.of_create(\"fr_dock\")\n"
                   "of_cols(inv_b)\n"
                   "ll_rc = inv_b.of_run()\n"
                   "lnv_b = inv_b.of_create(\"fr_door\")\n"
                   "ls_col[1] = \"door_no\"; ls_def[1] = \"int NOT NULL\"\n"
                   "ls_col[2] = \"door_ht\"; ls_def[2] = \"int NULL\"\n"
                   "for li = 1 to UpperBound(ls_col)\n\tlnv_b.of_add(ls_col[li], ls_def[li])\nnext\n"
                   "return lnv_b.of_run()\nend function\n", "n_sb inv_b\n")
    rows, _ = _migrations([_state_builder(tmp_path), user])
    assert rows == [("n_rel.sru", 8, "create_table", "fr_dock", "dock_no", "int NOT NULL"),
                    ("n_rel.sru", 9, "create_table", "fr_dock", "dock_wd", "int NULL"),
                    ("n_rel.sru", 19, "create_table", "fr_door", "door_no", "int NOT NULL"),
                    ("n_rel.sru", 20, "create_table", "fr_door", "door_ht", "int NULL")]
    assert _sites([_state_builder(tmp_path), user], "door_ht") == [
        ("n_rel.sru", 20, "fr_door", "create_table", "execute_immediate")]


def test_an_objects_own_builder_functions_called_in_turn_build_each_statement_from_the_state_they_leave(tmp_path):
    """``of_begin(t)``, ``of_col(c, d)`` … ``of_flush()``, all the object's own: each flush runs the statement
    the calls before it left in the instance variables, columns at the lines of their ``of_col`` calls."""
    path = _object(tmp_path, "n_own",
                   "private subroutine of_begin (string as_table);is_table = as_table\nis_cols = is_none\n"
                   "end subroutine\n"
                   "private subroutine of_col (string as_col, string as_def);"
                   "is_cols[UpperBound(is_cols) + 1] = as_col + \" \" + as_def\nend subroutine\n"
                   "private function integer of_flush ();string ls_sql\ninteger li\n"
                   "ls_sql = \"CREATE TABLE \" + is_table + \" (\"\n"
                   "for li = 1 to UpperBound(is_cols)\n\tif li > 1 then ls_sql += \", \"\n\tls_sql += is_cols[li]\n"
                   "next\nls_sql += \")\"\nEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn SQLCA.SQLCode\nend function\n"
                   "public function integer of_upgrade ();\n"
                   "of_begin(\"pf_lot\")\n"
                   "of_col(\"lot_id\", \"int NOT NULL\")\n"
                   "of_col(\"lot_amt\", \"money NULL\")\n"
                   "of_flush()\n"
                   "of_begin(\"pf_pool\")\n"
                   "of_col(\"pool_id\", \"int NOT NULL\")\n"
                   "of_flush()\nreturn 1\nend function\n",
                   "string is_table\nstring is_cols[]\nstring is_none[]\n")
    rows, report = _migrations([path])
    assert rows == [("n_own.sru", 28, "create_table", "pf_lot", "lot_id", "int NOT NULL"),
                    ("n_own.sru", 29, "create_table", "pf_lot", "lot_amt", "money NULL"),
                    ("n_own.sru", 32, "create_table", "pf_pool", "pool_id", "int NOT NULL")]
    assert [m.line for m in report.migrations] == [17, 17]  # the CREATE TABLE the flush writes, once per flush
    assert _sites([path], "lot_amt") == [("n_own.sru", 29, "pf_lot", "create_table", "execute_immediate")]


def test_lines_an_own_function_appends_to_an_instance_string_run_by_another_are_one_statement(tmp_path):
    """``of_line("CREATE TABLE t (")`` … ``of_go()`` (EXECUTE IMMEDIATE :is_sql, then ``is_sql = ""``): one
    statement per run, each column at its line; a line is not a statement of its own."""
    path = _object(tmp_path, "n_acc",
                   "private subroutine of_line (string as_text);is_sql += as_text + \"~r~n\"\nend subroutine\n"
                   "private function integer of_go ();EXECUTE IMMEDIATE :is_sql USING SQLCA;\nis_sql = \"\"\n"
                   "return SQLCA.SQLCode\nend function\n"
                   "public function integer of_upgrade ();\n"
                   "of_line(\"CREATE TABLE pf_fee (\")\n"
                   "of_line(\"  fee_id int NOT NULL,\")\n"
                   "of_line(\"  fee_amt money NULL)\")\n"
                   "of_go()\n"
                   "of_line(\"ALTER TABLE pf_pool ADD div_by numeric(11,8) NULL\")\n"
                   "of_go()\nreturn 1\nend function\n",
                   "string is_sql\n")
    rows, report = _migrations([path])
    assert rows == [("n_acc.sru", 16, "create_table", "pf_fee", "fee_id", "int NOT NULL"),
                    ("n_acc.sru", 17, "create_table", "pf_fee", "fee_amt", "money NULL"),
                    ("n_acc.sru", 19, "alter_add", "pf_pool", "div_by", "numeric(11,8) NULL")]
    assert [m.line for m in report.migrations] == [15, 19]


def test_a_function_returning_any_gives_the_string_it_returns(tmp_path):
    """``any la_sql`` … ``return la_sql``; the caller runs ``String(la_proc)``: the procedure's text is run."""
    path = _object(tmp_path, "n_anyret",
                   "private function any of_proc_sql ();any la_sql\n"
                   "la_sql = \"ALTER TABLE pol_policy ADD fee_amt money NULL\"\nreturn la_sql\nend function\n"
                   "public function integer of_upgrade ();string ls_sql\nany la_step\n"
                   "la_step = of_proc_sql()\nls_sql = String(la_step)\n"
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n")
    rows, report = _migrations([path])
    assert rows == [("n_anyret.sru", 8, "alter_add", "pol_policy", "fee_amt", "money NULL")]
    assert report.diagnostics == []


def test_a_global_array_of_structures_filled_by_the_application_and_run_by_a_global_function(tmp_path):
    """The application's ``open`` event fills ``gstr_steps[li_n].s_sql`` (``li_n ++``), a global function runs
    each element: the statements are run, reported where the application writes them."""
    application = tmp_path / "pol_app.sra"
    application.write_text(
        "global type pol_app from application\nend type\n\n"
        "global type s_step from structure\n\tstring s_sql\nend type\n\n"
        "global variables\ns_step gstr_steps[]\nend variables\n\n"
        "event open;integer li_n\nli_n = 1\n"
        "gstr_steps[li_n].s_sql = \"ALTER TABLE pol_policy ADD fee_amt money NULL\"\n"
        "li_n ++\n"
        "gstr_steps[li_n].s_sql = \"ALTER TABLE pol_rider ADD rider_cd char(4) NULL\"\n"
        "f_run_steps()\nend event\n", encoding="utf-8")
    runner = _object(tmp_path, "f_run_steps",
                     "global function integer f_run_steps ();long ll\nstring ls_sql\n"
                     "For ll = 1 To UpperBound(gstr_steps)\n\tls_sql = gstr_steps[ll].s_sql\n"
                     "\tEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nNext\nreturn 1\nend function\n",
                     ancestor="function_object", extension="srf")
    rows, report = _migrations([str(application), runner])
    assert rows == [("pol_app.sra", 14, "alter_add", "pol_policy", "fee_amt", "money NULL"),
                    ("pol_app.sra", 16, "alter_add", "pol_rider", "rider_cd", "char(4) NULL")]
    assert report.not_counted == []


def test_an_instance_array_an_event_fills_at_a_counted_index_is_known_to_the_function_running_it(tmp_path):
    """``ii = ii + 1`` … ``is_step[ii] = "…"`` in the constructor; a function runs ``is_step[1 to UpperBound]``:
    every step once, at its line."""
    path = _object(tmp_path, "n_steps",
                   "public function integer of_run ();long ll\n"
                   "For ll = 1 To UpperBound(is_step)\n\tEXECUTE IMMEDIATE :is_step[ll] USING SQLCA;\nNext\n"
                   "return 1\nend function\n"
                   "event constructor;integer li\nli = li + 1\n"
                   "is_step[li] = \"ALTER TABLE pol_policy ADD fee_amt money NULL\"\n"
                   "li = li + 1\nis_step[li] = \"ALTER TABLE pol_rider ADD rider_cd char(4) NULL\"\nend event\n",
                   "string is_step[]\n")
    rows, _ = _migrations([path])
    assert rows == [("n_steps.sru", 16, "alter_add", "pol_policy", "fee_amt", "money NULL"),
                    ("n_steps.sru", 18, "alter_add", "pol_rider", "rider_cd", "char(4) NULL")]


def test_a_text_another_object_returns_that_starts_with_a_terminator_is_sql(tmp_path):
    """``";WITH b AS (…) UPDATE …"`` (the ``;`` T-SQL wants before a WITH) returned by another object's function
    and run by the caller: its columns are used where the function writes them."""
    texts = _object(tmp_path, "n_rpt_sql",
                    "public function any of_sql_lift ();any la_sql\n"
                    "la_sql = \";WITH b AS (SELECT d.promo_id, SUM(d.net_amt) AS amt FROM dbo.rpt_sales_day d \" + &\n"
                    "\t\"GROUP BY d.promo_id) UPDATE pl SET pl.lift_pct = b.amt FROM dbo.rpt_promo_lift pl \" + &\n"
                    "\t\"JOIN b ON b.promo_id = pl.promo_id\"\nreturn la_sql\nend function\n")
    runner = _object(tmp_path, "n_rpt_run",
                     "public function integer of_run ();string ls_sql\n"
                     "ls_sql = String(inv_sql.of_sql_lift())\nEXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"
                     "return 1\nend function\n", "n_rpt_sql inv_sql\n")
    assert [(f, line, table) for f, line, table, _, _ in _sites([texts, runner], "lift_pct")] == [
        ("n_rpt_sql.sru", 9, "rpt_promo_lift")]
    assert [(f, line, table) for f, line, table, _, _ in _sites([texts, runner], "net_amt")] == [
        ("n_rpt_sql.sru", 8, "rpt_sales_day")]


def test_an_overload_of_the_helper_passing_its_parameters_to_the_other_is_no_migration_of_its_own(tmp_path):
    """``of_set_addcolumn(t, c, d)`` returning ``of_set_addcolumn(t, c, d, "")``: the calls of the three-argument
    overload are the migrations; the forwarding call inside it is none (no row with unknown arguments)."""
    path = _object(tmp_path, "n_ms",
                   "public function integer of_ms_set_addcolumn (string as_table, string as_column, string as_type);"
                   "return of_ms_set_addcolumn(as_table, as_column, as_type, \"\")\nend function\n"
                   "public function integer of_ms_set_addcolumn (string as_table, string as_column, string as_type, "
                   "string as_default);string ls_sql\n"
                   "ls_sql = \"ALTER TABLE \" + as_table + \" ADD \" + as_column + \" \" + as_type\n"
                   "if len(as_default) > 0 then ls_sql += \" DEFAULT \" + as_default\n"
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\nend function\n"
                   "public function integer of_upgrade ();\n"
                   "of_ms_set_addcolumn(\"ms_loan\", \"escrow_amt\", \"money NULL\")\n"
                   "of_ms_set_addcolumn(\"ms_loan\", \"pmi_flag\", \"char(1) NOT NULL\", \"'N'\")\n"
                   "return 1\nend function\n")
    rows, report = _migrations([path])
    assert [row[:5] for row in rows] == [("n_ms.sru", 16, "addcolumn_call", "ms_loan", "escrow_amt"),
                                         ("n_ms.sru", 17, "addcolumn_call", "ms_loan", "pmi_flag")]


_BATCH_RUNNER = ("public function long of_run_batch (string as_batch[]);long ll_i, ll_last\nstring ls_sql\n"
                 "For ll_i = UpperBound(as_batch) To 1 Step -1\n"
                 "\tIf Len(Trim(as_batch[ll_i])) > 0 Then\n\t\tll_last = ll_i\n\t\tExit\n\tEnd If\nNext\n"
                 "For ll_i = 1 To ll_last\n\tls_sql = Trim(as_batch[ll_i])\n\tIf ls_sql = \"\" Then Continue\n"
                 "\tEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nNext\nreturn ll_last\nend function\n")


def test_steps_counted_in_the_arms_of_a_choose_case_and_run_by_another_objects_batch_runner(tmp_path):
    """``li_n ++; ls_batch[li_n] = is_step[ci_add_fee]`` in each arm of a ``Choose Case`` on the release (the
    count differs by arm, so no element's index is known after it), the array passed to a batch runner of
    another object that finds the last element from the back and runs ``Trim(as_batch[ll_i])``: every step
    an arm stores runs, at the line written in the declaration; the step no arm takes does not."""
    runner = _object(tmp_path, "n_batch", _BATCH_RUNNER)
    patch = _object(tmp_path, "n_patch",
                    "public function integer of_apply (decimal adc_rel);string ls_batch[]\ninteger li_n\n"
                    "Choose Case adc_rel\n"
                    "\tCase Is < 9.0\n"
                    "\t\tli_n ++; ls_batch[li_n] = is_step[ci_add_fee]\n"
                    "\t\tli_n ++; ls_batch[li_n] = is_step[ci_widen]\n"
                    "\tCase 9.0 To 9.99\n"
                    "\t\tli_n ++; ls_batch[li_n] = is_step[ci_widen]\n"
                    "\tCase Else\n"
                    "End Choose\n"
                    "inv_batch.of_run_batch(ls_batch)\nreturn li_n\nend function\n",
                    "CONSTANT integer ci_add_fee = 1\nCONSTANT integer ci_widen = 2\nCONSTANT integer ci_undo = 3\n"
                    "n_batch inv_batch\nstring is_step[] = { &\n"
                    "\t\"ALTER TABLE dbo.pol_policy ADD fee_amt money NULL\", &\n"
                    "\t\"ALTER TABLE dbo.pol_policy ALTER COLUMN premium_amt decimal(13,2) NOT NULL\", &\n"
                    "\t\"ALTER TABLE dbo.pol_policy ALTER COLUMN premium_amt decimal(11,2) NULL\" }\n")
    rows, _ = _migrations([runner, patch])
    assert rows == [("n_patch.sru", 10, "alter_add", "pol_policy", "fee_amt", "money NULL"),
                    ("n_patch.sru", 11, "alter_column", "pol_policy", "premium_amt", "decimal(13,2) NOT NULL")]
    assert _sites([runner, patch], "premium_amt") == [
        ("n_patch.sru", 11, "pol_policy", "alter_column", "execute_immediate")]


def test_steps_a_descendants_override_leaves_in_a_ref_array_run_with_the_ancestors_batch(tmp_path):
    """The ancestor's ``of_apply`` calls ``this.of_release(adc_rel, ls_batch)`` (its own version only returns the
    count) and runs the batch; a descendant overrides ``of_release`` and appends its steps to the ``ref`` array,
    one of them only in the first arm of an ``If … Else If`` on the release: each runs, at its own line."""
    runner = _object(tmp_path, "n_batch", _BATCH_RUNNER)
    patch = _object(tmp_path, "n_patch",
                    "public function integer of_apply (decimal adc_rel);string ls_batch[]\ninteger li_n\n"
                    "li_n = this.of_release(adc_rel, ls_batch)\ninv_batch.of_run_batch(ls_batch)\nreturn li_n\n"
                    "end function\n"
                    "protected function integer of_release (decimal adc_rel, ref string as_batch[]);"
                    "return UpperBound(as_batch)\nend function\n",
                    "n_batch inv_batch\n")
    release = _object(tmp_path, "n_patch_r11",
                      "protected function integer of_release (decimal adc_rel, ref string as_batch[]);integer li_n\n"
                      "li_n = Super::of_release(adc_rel, as_batch)\n"
                      "If adc_rel < 11.0 Then\n"
                      "\tli_n ++; as_batch[li_n] = \"ALTER TABLE dbo.pol_rider ADD rider_cd_desc varchar(60) NULL\"\n"
                      "Else If adc_rel < 11.2 Then\n"
                      "\tli_n ++; as_batch[li_n] = \"ALTER TABLE dbo.pol_rider ALTER COLUMN rider_cd varchar(6) NULL\"\n"
                      "Else\n\tReturn li_n\nEnd If\nEnd If\n"
                      "li_n ++; as_batch[li_n] = \"ALTER TABLE dbo.pol_claim ADD reserve_amt money NULL\"\n"
                      "return li_n\nend function\n", ancestor="n_patch")
    rows, _ = _migrations([runner, patch, release])
    assert rows == [("n_patch_r11.sru", 10, "alter_add", "pol_rider", "rider_cd_desc", "varchar(60) NULL"),
                    ("n_patch_r11.sru", 12, "alter_column", "pol_rider", "rider_cd", "varchar(6) NULL"),
                    ("n_patch_r11.sru", 17, "alter_add", "pol_claim", "reserve_amt", "money NULL")]
    [text] = [a.text for a in run_pipeline([runner, patch, release]).sql if "reserve_amt" in a.text.text.text]
    assert text.executed and text.via.startswith("left in argument 2 of n_patch_r11.of_release, run by "
                                                 "n_patch.of_apply (passed to n_batch.of_run_batch")


def test_an_array_literal_of_built_statements_and_a_procedure_named_through_a_prefix_set_in_two_places(tmp_path):
    """``is_pfx`` is ``"dbo."`` in its declaration and ``is_owner + "."`` in ``of_init`` (``is_owner`` from the
    registry or ``"dbo"``): the same text at two places. A function returning ``string[]`` assigns an array literal
    whose elements concatenate it; another builds a procedure with ``+=`` through ``of_tbl(…)`` six times: both
    are followed (the procedure's name and body whole, not cut by the combinations of where the prefix is set)."""
    path = _object(tmp_path, "n_up",
                   "public function integer of_init ();string ls_owner\n"
                   "if RegistryGet(\"HKEY_LOCAL_MACHINE\\Software\\X\", \"Owner\", RegString!, ls_owner) = 1 then "
                   "is_owner = ls_owner\n"
                   "is_pfx = is_owner + \".\"\nreturn 1\nend function\n"
                   "public function string of_tbl (string as_table);return is_pfx + as_table\nend function\n"
                   "public function string[] of_levy_steps ();string ls_ret[]\n"
                   "ls_ret = { &\n"
                   "\t\"CREATE TABLE \" + is_pfx + \"tx_levy (\" + &\n"
                   "\t\t\"mill_rate decimal(9,6) NOT NULL)\", &\n"
                   "\t\"ALTER TABLE \" + is_pfx + \"tx_bill ADD due_dt datetime NULL\" }\n"
                   "return ls_ret\nend function\n"
                   "public function string of_proc ();string ls\n"
                   "ls = \"CREATE PROCEDURE \" + of_tbl(\"tx_apply_penalty\") + \" AS~r~n\"\n"
                   "ls += \"UPDATE b SET b.penalty_amt = 1 FROM \" + of_tbl(\"tx_bill\") + \" b~r~n\"\n"
                   "ls += \"UPDATE b SET b.penalty_amt = 2 FROM \" + of_tbl(\"tx_bill\") + \" b~r~n\"\n"
                   "ls += \"UPDATE b SET b.penalty_amt = 3 FROM \" + of_tbl(\"tx_bill\") + \" b~r~n\"\n"
                   "ls += \"INSERT INTO \" + of_tbl(\"tx_penalty_log\") + \" (penalty_amt) SELECT 1~r~n\"\n"
                   "ls += \"DELETE FROM \" + of_tbl(\"tx_penalty_log\") + \" WHERE penalty_amt = 0\"\n"
                   "return ls\nend function\n"
                   "public function integer of_run ();string ls_s[], ls_sql\nlong ll\n"
                   "ls_s = of_levy_steps()\nls_s[UpperBound(ls_s) + 1] = of_proc()\n"
                   "for ll = 1 to UpperBound(ls_s)\n\tls_sql = ls_s[ll]\n\tEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nnext\n"
                   "return 1\nend function\n",
                   "string is_owner = \"dbo\"\nstring is_pfx = \"dbo.\"\n")
    rows, _ = _migrations([path])
    assert rows == [("n_up.sru", 19, "create_table", "tx_levy", "mill_rate", "decimal(9,6) NOT NULL"),
                    ("n_up.sru", 20, "alter_add", "tx_bill", "due_dt", "datetime NULL")]
    [procedure] = [a for a in run_pipeline([path]).sql if a.facts.procedure]
    assert procedure.facts.procedure.name == "tx_apply_penalty" and procedure.text.text.complete
    assert _sites([path], "penalty_amt") == [
        ("n_up.sru", 25, "tx_bill", "proc_reference", "execute_immediate"),
        ("n_up.sru", 26, "tx_bill", "proc_reference", "execute_immediate"),
        ("n_up.sru", 27, "tx_bill", "proc_reference", "execute_immediate"),
        ("n_up.sru", 28, "tx_penalty_log", "proc_reference", "execute_immediate"),
        ("n_up.sru", 29, "tx_penalty_log", "proc_reference", "execute_immediate")]


def test_a_buffer_object_appended_to_in_turn_and_run_by_an_own_function_reading_its_text(tmp_path):
    """``inv_sql.of_appendline(…)`` … in each step function, then ``IF of_exec() < 0`` where ``of_exec`` runs
    ``inv_sql.of_text()`` and clears the buffer; a length from an own function (``of_len("DOOR")``) and the
    helper's own appends through ``RETURN of_exec()``: each statement is the lines appended since the last run,
    and nothing appended to the undo buffer (never run) is reported as run."""
    buffer = _object(tmp_path, "n_buf",
                     "public subroutine of_append (string as_text);is_text += as_text\nend subroutine\n"
                     "public subroutine of_appendline (string as_text);is_text += as_text + \"~r~n\"\nend subroutine\n"
                     "public function string of_text ();return is_text\nend function\n"
                     "public subroutine of_clear ();is_text = \"\"\nend subroutine\n", "string is_text\n")
    steps = _object(tmp_path, "n_steps",
                    "protected function integer of_exec ();string ls_sql\nls_sql = inv_sql.of_text()\n"
                    "inv_sql.of_clear()\nIF Trim(ls_sql) = \"\" THEN RETURN 0\n"
                    "EXECUTE IMMEDIATE :ls_sql USING SQLCA ;\nRETURN 1\nend function\n"
                    "protected function long of_len (string as_domain);CHOOSE CASE Upper(as_domain)\n"
                    "\tCASE \"DOOR\"\n\t\tRETURN 6\nEND CHOOSE\nRETURN 50\nend function\n"
                    "public function integer of_addcol (string as_table, string as_column, string as_type);\n"
                    "inv_sql.of_append(\"ALTER TABLE \" + as_table + \" ADD \" + as_column + \" \" + as_type)\n"
                    "RETURN of_exec()\nend function\n"
                    "public function integer of_v6 ();long ll_len\n"
                    "inv_sql.of_appendline(\"CREATE TABLE DOCK_APPT (\")\n"
                    "ll_len = of_len(\"DOOR\")\n"
                    "inv_sql.of_appendline(\"   DOCK_DOOR varchar(\" + String(ll_len) + \") NOT NULL,\")\n"
                    "inv_sql.of_append(\"   ETA_DT datetime NULL)\")\n"
                    "IF of_exec() < 0 THEN RETURN -1\n"
                    "inv_undo.of_appendline(\"ALTER TABLE DOCK_APPT DROP COLUMN ETA_DT\")\n"
                    "IF of_addcol(\"SHIP_STOP\", \"ETA_DT\", \"datetime NULL\") < 0 THEN RETURN -1\n"
                    "inv_sql.of_appendline(\"UPDATE s SET ETA_DT = h.PROMISED_DT\")\n"
                    "inv_sql.of_append(\"  FROM SHIP_STOP s JOIN SHIP_HDR h ON h.SHIP_NO = s.SHIP_NO\")\n"
                    "IF of_exec() < 0 THEN RETURN -1\nRETURN 1\nend function\n"
                    "event constructor;inv_sql = CREATE n_buf\ninv_undo = CREATE n_buf\nend event\n",
                    "n_buf inv_sql\nn_buf inv_undo\n")
    rows, _ = _migrations([buffer, steps])
    assert rows == [("n_steps.sru", 29, "create_table", "DOCK_APPT", "DOCK_DOOR", "varchar(6) NOT NULL"),
                    ("n_steps.sru", 30, "create_table", "DOCK_APPT", "ETA_DT", "datetime NULL"),
                    ("n_steps.sru", 33, "alter_add", "SHIP_STOP", "ETA_DT", "datetime NULL")]
    assert _sites([buffer, steps], "eta_dt") == [  # (line 32: the undo buffer's DROP, never run)
        ("n_steps.sru", 30, "DOCK_APPT", "create_table", "execute_immediate"),
        ("n_steps.sru", 33, "SHIP_STOP", "alter_add", "execute_immediate"),
        ("n_steps.sru", 34, "SHIP_STOP", "embedded_sql", "execute_immediate")]


def test_rows_imported_into_a_datastore_run_from_its_cells_with_an_ancestors_row_builder(tmp_path):
    """A descendant builds a tab-separated buffer (a row written inline, a row through the ancestor's
    ``of_row(…)`` written bare) and passes it to the ancestor's loader (``ids_ddl.ImportString(as_buffer)``); the
    runner executes ``Trim(ids_ddl.GetItemString(ll_row, "ddl_text"))``: each row's statement runs, at its lines."""
    service = _object(tmp_path, "n_maint",
                      "public function long of_load (string as_buffer);ids_ddl.Reset()\n"
                      "return ids_ddl.ImportString(as_buffer)\nend function\n"
                      "public function integer of_execute ();long ll_row\nstring ls_sql\n"
                      "For ll_row = 1 To ids_ddl.RowCount()\n"
                      "\tls_sql = Trim(ids_ddl.GetItemString(ll_row, \"ddl_text\"))\n"
                      "\tEXECUTE IMMEDIATE :ls_sql USING SQLCA ;\nNext\nreturn 1\nend function\n"
                      "protected function string of_row (long al_step, string as_sql);"
                      "return String(al_step) + ics_tab + as_sql + \"~r~n\"\nend function\n"
                      "event constructor;ids_ddl = Create datastore\nend event\n",
                      "datastore ids_ddl\nconstant string ics_tab = \"~t\"\n")
    steps = _object(tmp_path, "n_lab_maint",
                    "public function string of_script ();string ls_buf\n"
                    "ls_buf += \"400\" + ics_tab + \"ALTER TABLE lab_result ADD loinc_cd varchar(10) NULL\" + \"~r~n\"\n"
                    "ls_buf += of_row(410, \"CREATE TABLE lab_order (order_id int NOT NULL, \" + &\n"
                    "\t\"loinc_cd varchar(10) NULL)\")\n"
                    "return ls_buf\nend function\n"
                    "public function integer of_upgrade ();\nthis.of_load(this.of_script())\n"
                    "return this.of_execute()\nend function\n", ancestor="n_maint")
    rows, _ = _migrations([service, steps])
    assert rows == [("n_lab_maint.sru", 8, "alter_add", "lab_result", "loinc_cd", "varchar(10) NULL"),
                    ("n_lab_maint.sru", 9, "create_table", "lab_order", "order_id", "int NOT NULL"),
                    ("n_lab_maint.sru", 10, "create_table", "lab_order", "loinc_cd", "varchar(10) NULL")]


def test_structures_another_object_fills_through_a_ref_array_build_alters_in_a_loop_up_to_its_count(tmp_path):
    """``li_cnt = gnv_schema.of_cols(lstr_cols)`` (a global object filling a ``ref str_coldef`` array with
    literals and returning its count), then ``FOR li = 1 TO li_cnt`` building ``ALTER TABLE … ADD`` from each
    element's fields with ``If lstr_cols[li].b_nullable Then``: one row per element, its own table, column and
    nullability (no mixing of elements), each found where the other object writes its column's name."""
    schema = _object(tmp_path, "n_cst_schema",
                     "public function integer of_cols (ref str_coldef astr_cols[]);integer li_n\n"
                     "li_n ++\nastr_cols[li_n].s_table = \"bo_account\"\nastr_cols[li_n].s_column = \"iban_no\"\n"
                     "astr_cols[li_n].s_type = \"varchar(34)\"\nastr_cols[li_n].b_nullable = True\n"
                     "li_n ++\nastr_cols[li_n].s_table = \"bo_payment\"\nastr_cols[li_n].s_column = \"channel_cd\"\n"
                     "astr_cols[li_n].s_type = \"char(3)\"\nastr_cols[li_n].b_nullable = False\n"
                     "return li_n\nend function\n")
    app = tmp_path / "bankbo.sra"
    app.write_text("global type bankbo from application\nend type\nglobal variables\nn_cst_schema gnv_schema\n"
                   "end variables\n\nevent open;gnv_schema = create n_cst_schema\nend event\n", encoding="utf-8")
    upgrade = _object(tmp_path, "n_cst_upgrade",
                      "public function integer of_add_columns ();str_coldef lstr_cols[]\ninteger li, li_cnt\n"
                      "string ls_sql, ls_null\n"
                      "li_cnt = gnv_schema.of_cols(lstr_cols)\n"
                      "FOR li = 1 TO li_cnt\n"
                      "\tIf lstr_cols[li].b_nullable Then\n\t\tls_null = \"NULL\"\n\tElse\n\t\tls_null = \"NOT NULL\"\n"
                      "\tEnd If\n"
                      "\tls_sql = \"ALTER TABLE \" + lstr_cols[li].s_table + \" ADD \" + lstr_cols[li].s_column + "
                      "\" \" + lstr_cols[li].s_type + \" \" + ls_null\n"
                      "\tEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nNEXT\nRETURN li_cnt\nend function\n")
    rows, _ = _migrations([schema, str(app), upgrade])
    assert rows == [("n_cst_schema.sru", 10, "alter_add", "bo_account", "iban_no", "varchar(34) NULL"),
                    ("n_cst_schema.sru", 15, "alter_add", "bo_payment", "channel_cd", "char(3) NOT NULL")]


def test_an_ancestors_variables_read_in_a_descendants_sql_are_found_where_the_ancestor_writes_them(tmp_path):
    """``is_col`` is n_base's instance variable (line 6); n_child runs ``"ALTER TABLE " + is_tbl + " ADD " + is_col``:
    the column is the ancestor's text, so its row is n_base.sru:6 (not line 6 of n_child, which holds other code),
    and the site's text is that line."""
    base = _object(tmp_path, "n_base", "", 'string is_tbl = "pf_alpha"\nstring is_col = "div_by"\n')
    child = _object(tmp_path, "n_child",
                    "public subroutine of_run ();string ls\n"  # 8
                    'ls = "ALTER TABLE " + is_tbl + " ADD " + is_col + " int NULL"\n'  # 9
                    "EXECUTE IMMEDIATE :ls ;\nend subroutine\n", ancestor="n_base")
    rows, _ = _migrations([base, child])
    assert rows == [("n_base.sru", 6, "alter_add", "pf_alpha", "div_by", "int NULL")]
    sites = list(where_used(run_pipeline([base, child]), "div_by"))
    assert [(s.file, s.line, s.table, s.kind, s.text) for s in sites] == \
        [(base, 6, "pf_alpha", "alter_add", 'string is_col = "div_by"')]


def _line_buffer(folder) -> str:
    """An autoinstantiated line buffer: ``of_add(line)`` appends, ``of_text()`` joins the lines with CR/LF."""
    return _object(folder, "n_buf",
                   "public subroutine of_add (string as_line);is_line[UpperBound(is_line) + 1] = as_line\n"
                   "end subroutine\n"
                   "public function string of_text ();string ls_text\ninteger li_i\n"
                   "For li_i = 1 To UpperBound(is_line)\n"
                   '\tIf li_i > 1 Then ls_text += "~r~n"\n\tls_text += is_line[li_i]\nNext\n'
                   "Return ls_text\nend function\n", "string is_line[]\n", ancestor="nonvisualobject autoinstantiate")


def test_a_buffer_object_passed_to_an_own_runner_runs_the_lines_added_to_it(tmp_path):
    """An autoinstantiated buffer (``lnv_buf.of_add(…)`` twice, never created) passed to the object's own
    ``of_run_buf(n_buf anv_buf)``, which runs ``anv_buf.of_text()``: the text the buffer's class joins for those
    calls runs, each column at the line adding it."""
    buffer = _line_buffer(tmp_path)
    runner = _object(tmp_path, "n_up",
                     "public function integer of_apply ();n_buf lnv_buf\n"  # 7
                     'lnv_buf.of_add("ALTER TABLE dbo.sp_pass")\n'  # 8
                     'lnv_buf.of_add(" ADD photo_ref varchar(64) NULL")\n'  # 9
                     "Return of_run_buf(lnv_buf)\nend function\n"  # 10-11
                     "protected function integer of_run_buf (n_buf anv_buf);string ls_sql\n"  # 12
                     "ls_sql = anv_buf.of_text()\nEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nReturn 0\nend function\n")
    assert _migrations([buffer, runner])[0] == [("n_up.sru", 9, "alter_add", "sp_pass", "photo_ref",
                                                 "varchar(64) NULL")]
    assert _sites([buffer, runner], "photo_ref") == [("n_up.sru", 9, "sp_pass", "alter_add", "execute_immediate")]


def test_a_binder_filling_question_marks_with_a_value_not_known_leaves_a_placeholder_in_the_owner(tmp_path):
    """``of_bind("CREATE TABLE ?.pf_x (…, div_by ?)", is_owner, "int NULL")`` replaces each ``?`` in turn with
    ``Replace(ls_out, Pos(ls_out, "?"), 1, ls_arg[li_i])``: the owner, read from an INI file, is not known, so a
    placeholder stands there (a name: ``Pos`` of ``?`` is known past it) and the table and columns are found."""
    path = _object(tmp_path, "n_bind",
                   "public function string of_bind (string as_tpl, string as_p1, string as_p2);string ls_out\n"  # 8
                   "string ls_arg[2]\nlong ll_pos\ninteger li_i\nls_out = as_tpl\n"  # 9-12
                   "ls_arg[1] = as_p1\nls_arg[2] = as_p2\nfor li_i = 1 to 2\n"  # 13-15
                   '\tll_pos = Pos(ls_out, "?")\n\tif ll_pos = 0 then exit\n'  # 16-17
                   "\tls_out = Replace(ls_out, ll_pos, 1, ls_arg[li_i])\nnext\nreturn ls_out\nend function\n"  # 18-21
                   "public function integer of_run ();string ls_sql\n"  # 22
                   'ls_sql = of_bind("CREATE TABLE ?.pf_x (id int NOT NULL, div_by ?)", is_owner, "int NULL")\n'  # 23
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n"
                   'event constructor;is_owner = ProfileString("app.ini", "Database", "Owner", "dbo")\nend event\n',
                   'string is_owner = "dbo"\n')
    rows, _ = _migrations([path])
    assert rows == [("n_bind.sru", 23, "create_table", "pf_x", "id", "int NOT NULL"),
                    ("n_bind.sru", 23, "create_table", "pf_x", "div_by", "int NULL")]


def test_a_buffer_an_own_function_fills_is_run_by_the_runner_it_is_passed_to(tmp_path):
    """``of_fill()`` adds lines to the instance buffer ``inv_buf``; ``of_run_buf(inv_buf)`` then runs its text:
    the calls the own function made on the buffer are the buffer's after the call."""
    buffer = _line_buffer(tmp_path)
    runner = _object(tmp_path, "n_up",
                     "public function integer of_apply ();of_fill()\nReturn of_run_buf(inv_buf)\nend function\n"  # 8-10
                     'protected subroutine of_fill ();inv_buf.of_add("CREATE TABLE dbo.sp_scan (")\n'  # 11
                     'inv_buf.of_add("scan_id int NOT NULL,")\ninv_buf.of_add("lift_cd varchar(4) NULL)")\n'  # 12-13
                     "end subroutine\n"
                     "protected function integer of_run_buf (n_buf anv_buf);string ls_sql\n"
                     "ls_sql = anv_buf.of_text()\nEXECUTE IMMEDIATE :ls_sql USING SQLCA;\nReturn 0\nend function\n",
                     "n_buf inv_buf\n")
    assert _migrations([buffer, runner])[0] == [("n_up.sru", 12, "create_table", "sp_scan", "scan_id", "int NOT NULL"),
                                                ("n_up.sru", 13, "create_table", "sp_scan", "lift_cd", "varchar(4) NULL")]


def test_prepare_from_a_literal_runs_the_literal(tmp_path):
    path = _object(tmp_path, "n_prep",
                   "public function integer of_reset (string as_cd);\n"  # 7
                   'PREPARE SQLSA FROM "UPDATE dbo.grn_bin SET shrink_pct = 0 WHERE commodity_cd = ?" USING SQLCA;\n'
                   "EXECUTE SQLSA USING :as_cd;\nreturn 1\nend function\n")
    assert _sites([path], "shrink_pct") == [("n_prep.sru", 8, "grn_bin", "embedded_sql", "prepare")]


def test_pages_of_a_procedure_a_function_returns_are_not_statements_of_their_own(tmp_path):
    """``of_page(ai_page)`` returns a procedure's text in pages that a loop glues together and runs: the second
    page (an UPDATE) is a statement of the procedure, not one run by itself."""
    path = _object(tmp_path, "n_pages",
                   "protected function string of_page (integer ai_page);choose case ai_page\n"  # 7
                   '\tcase 1\n\t\treturn "CREATE PROCEDURE dbo.psp_x AS BEGIN~r~n"\n'  # 8-9
                   '\tcase 2\n\t\treturn "  UPDATE dbo.grn_ticket SET dry_bu = 0~r~nEND"\n'  # 10-11
                   'end choose\nreturn ""\nend function\n'  # 12-14
                   "public function integer of_install ();string ls_text, ls_page\ninteger li_page = 1\n"  # 15-16
                   'ls_page = of_page(li_page)\ndo while ls_page <> ""\n\tls_text += ls_page\n'  # 17-19
                   "\tli_page ++\n\tls_page = of_page(li_page)\nloop\n"  # 20-22
                   "EXECUTE IMMEDIATE :ls_text;\nreturn 1\nend function\n")
    assert _sites([path], "dry_bu") == [("n_pages.sru", 11, "grn_ticket", "proc_reference", "execute_immediate")]


def test_an_array_a_global_function_in_another_file_joins_is_the_text_it_returns(tmp_path):
    join = _object(tmp_path, "f_join",
                   "global function string f_join (string as_parts[], string as_sep);string ls_out\nlong ll_i\n"
                   "for ll_i = 1 to UpperBound(as_parts)\n\tif ll_i > 1 then ls_out += as_sep\n"
                   "\tls_out += as_parts[ll_i]\nnext\nreturn ls_out\nend function\n",
                   ancestor="function_object", extension="srf")
    caller = _object(tmp_path, "n_procs",
                     "public function integer of_procs ();string ls_body[], ls_sql\n"  # 7
                     'ls_body = {"CREATE PROCEDURE dbo.psp_due AS", &\n'  # 8
                     '\t"SELECT v.vin, v.odometer_km", &\n'  # 9
                     '\t"  FROM dbo.flt_vehicle v"}\n'  # 10
                     'ls_sql = f_join(ls_body, "~r~n")\nEXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n')
    assert _sites([join, caller], "odometer_km") == [("n_procs.sru", 9, "flt_vehicle", "proc_reference",
                                                      "execute_immediate")]


def test_a_structure_a_window_is_opened_with_is_what_it_reads_from_message(tmp_path):
    """The application fills a structure and opens the upgrade window with it (``OpenWithParm``); the window's
    open event keeps ``Message.PowerObjectParm`` and a function of the window calls the migration helper for
    each element: each call is a migration with the values the application wrote."""
    app = tmp_path / "vet.sra"
    app.write_text("global type vet from application\nend type\n\nevent open;str_newcol lstr_new\n"  # 1-4
                   'lstr_new.s_table[1] = "vet_patient"\nlstr_new.s_column[1] = "rabies_tag"\n'  # 5-6
                   'lstr_new.s_table[2] = "vet_visit"\nlstr_new.s_column[2] = "lab_order_no"\n'  # 7-8
                   "lstr_new.i_count = 2\nOpenWithParm(w_upgrade, lstr_new)\nend event\n", encoding="utf-8")
    window = tmp_path / "w_upgrade.srw"
    window.write_text("global type w_upgrade from window\nend type\nglobal w_upgrade w_upgrade\n\n"  # 1-4
                      "type variables\nstr_newcol istr_new\nend variables\n\n"  # 5-8
                      "public function integer wf_add ();integer li_i\n"  # 9
                      "For li_i = 1 To istr_new.i_count\n"  # 10
                      '\tof_vet_set_addcolumn(istr_new.s_table[li_i], istr_new.s_column[li_i], "varchar(20) NULL")\n'
                      "Next\nReturn 0\nend function\n\n"
                      "event open;istr_new = Message.PowerObjectParm\nwf_add()\nend event\n", encoding="utf-8")
    rows, _ = _migrations([str(app), str(window)])
    assert [(file, line, kind, table, column) for file, line, kind, table, column, _ in rows] == [
        ("w_upgrade.srw", 11, "addcolumn_call", "vet_patient", "rabies_tag"),
        ("w_upgrade.srw", 11, "addcolumn_call", "vet_visit", "lab_order_no")]


def test_statements_a_datawindow_keeps_in_its_data_rows_run_where_a_datastore_reads_them(tmp_path):
    """d_steps keeps its upgrade steps as rows (``data(…)``); n_ds_steps (``dataobject = "d_steps"``) runs
    ``this.Object.step_sql[ll_row]`` for each row up to ``RowCount()``, skipping the ``NOTE`` rows: each run row
    is found at its line of the .srd, the note is not."""
    dw = tmp_path / "d_steps.srd"
    dw.write_text('release 12.5;\ndatawindow(units=0 )\n'  # 1-2
                  'table(column=(type=char(4) updatewhereclause=yes name=step_kind dbname="step_kind" )\n'  # 3
                  ' column=(type=char(400) updatewhereclause=yes name=step_sql dbname="step_sql" )\n )\n'  # 4-5
                  'data( "DDL","ALTER TABLE dbo.sp_pass ADD blackout_cd char(2) NULL",\n'  # 6
                  ' "NOTE","ALTER TABLE dbo.sp_pass ADD pass_pin char(4) NULL",\n'  # 7
                  " \"DML\",\"UPDATE dbo.sp_pass SET blackout_cd = 'NO' WHERE blackout_cd IS NULL\",)\n"  # 8
                  'text(band=header text="Kind" name=step_kind_t )\n', encoding="utf-8")
    runner = tmp_path / "n_ds_steps.sru"
    runner.write_text("global type n_ds_steps from datastore\nstring dataobject = \"d_steps\"\nend type\n\n"  # 1-4
                      "public function long of_run ();long ll_row\nstring ls_sql, ls_kind\n"  # 5-6
                      "For ll_row = 1 To this.RowCount()\n\tls_kind = Trim(this.Object.step_kind[ll_row])\n"  # 7-8
                      '\tIf ls_kind = "NOTE" Then Continue\n'  # 9
                      "\tls_sql = this.Object.step_sql[ll_row]\n\tEXECUTE IMMEDIATE :ls_sql USING SQLCA;\n"  # 10-11
                      "Next\nReturn 1\nend function\n", encoding="utf-8")
    paths = [str(dw), str(runner)]
    assert _migrations(paths)[0] == [("d_steps.srd", 6, "alter_add", "sp_pass", "blackout_cd", "char(2) NULL")]
    assert _sites(paths, "blackout_cd") == [("d_steps.srd", 6, "sp_pass", "alter_add", "execute_immediate"),
                                            ("d_steps.srd", 8, "sp_pass", "embedded_sql", "execute_immediate")]
    assert _sites(paths, "pass_pin") == []


def test_a_case_past_the_last_pass_of_the_version_loop_never_runs(tmp_path):
    """``For li_v = ai_from + 1 To ci_target`` (8) with ``Choose Case li_v``: ``Case 9``, an upgrade not released,
    never runs, whatever the first pass; ``Case 8`` may."""
    path = _object(tmp_path, "n_upg",
                   "public function integer of_upgrade (integer ai_from);integer li_v\n"  # 8
                   "For li_v = ai_from + 1 To ci_target\n\tChoose Case li_v\n"  # 9-10
                   '\t\tCase 8\n\t\t\tEXECUTE IMMEDIATE "ALTER TABLE dbo.vet_visit ADD lab_no varchar(20) NULL";\n'  # 11-12
                   '\t\tCase 9\n\t\t\tEXECUTE IMMEDIATE "ALTER TABLE dbo.vet_visit ADD rabies_tag varchar(12) NULL";\n'
                   "\tEnd Choose\nNext\nReturn 1\nend function\n", "constant integer ci_target = 8\n")
    assert _migrations([path])[0] == [("n_upg.sru", 12, "alter_add", "vet_visit", "lab_no", "varchar(20) NULL")]


def test_lastpos_splits_owner_table_and_column_written_as_one_string(tmp_path):
    """``"dbo.mus_object.hazard_flag"`` split at its last dot (``LastPos``): the table is what is left of it."""
    path = _object(tmp_path, "n_split",
                   "public function integer of_add (string as_spec, string as_def);long ll_dot\nstring ls_sql\n"  # 7-8
                   "ll_dot = LastPos(as_spec, \".\")\n"  # 9
                   'ls_sql = "ALTER TABLE " + Left(as_spec, ll_dot - 1) + " ADD " + Mid(as_spec, ll_dot + 1) '
                   '+ " " + as_def\nEXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n'  # 10-13
                   'public function integer of_run ();of_add("dbo.mus_object.hazard_flag", "bit NULL")\n'  # 14
                   "return 1\nend function\n")
    assert _migrations([path])[0] == [("n_split.sru", 14, "alter_add", "mus_object", "hazard_flag", "bit NULL")]


def test_helper_calls_a_function_makes_from_its_callers_arrays_are_found_with_their_values(tmp_path):
    """``of_apply(ls_spec, ls_def)``: for each ``"owner.table.column"`` the function splits it with ``LastPos`` and
    calls the migration helper; walked for the only call's arrays, each helper call is a migration at its line,
    and no call with a table not known is left."""
    path = _object(tmp_path, "n_patch",
                   "public function integer of_x_set_addcolumn (string as_table, string as_column, string as_def);"
                   "string ls\nls = \"ALTER TABLE \" + as_table + \" ADD \" + as_column + \" \" + as_def\n"
                   "EXECUTE IMMEDIATE :ls;\nreturn 1\nend function\n"  # 8-11
                   "protected function integer of_apply (string as_spec[], string as_def[]);integer li_i\n"  # 12
                   "long ll_dot\nstring ls_table, ls_column\nfor li_i = 1 to UpperBound(as_spec)\n"  # 13-15
                   '\tll_dot = LastPos(as_spec[li_i], ".")\n\tls_table = Left(as_spec[li_i], ll_dot - 1)\n'  # 16-17
                   "\tls_column = Mid(as_spec[li_i], ll_dot + 1)\n"  # 18
                   "\tof_x_set_addcolumn(ls_table, ls_column, as_def[li_i])\nnext\nreturn 1\nend function\n"  # 19-22
                   "public function integer of_upgrade ();string ls_spec[], ls_def[]\n"  # 23
                   'ls_spec[1] = "dbo.mus_object.hazard_flag"; ls_def[1] = "bit NULL"\n'  # 24
                   'ls_spec[2] = "dbo.mus_lender.country_cd"; ls_def[2] = "char(2) NULL"\n'  # 25
                   "return of_apply(ls_spec, ls_def)\nend function\n")
    rows, report = _migrations([path])
    assert [r for r in rows if r[2] == "addcolumn_call"] == [
        ("n_patch.sru", 19, "addcolumn_call", "mus_object", "hazard_flag", "bit NULL"),
        ("n_patch.sru", 19, "addcolumn_call", "mus_lender", "country_cd", "char(2) NULL")]
    assert not [m for m in report.migrations if not m.resolved]


def test_checkbox_tags_read_over_a_windows_control_array_give_the_helper_its_values(tmp_path):
    """A window's checkboxes carry ``"table|column|definition"`` in their ``Tag`` (their ``type`` blocks); a loop
    over ``Control[]`` keeps the checkboxes (``TypeOf(Control[li_c]) <> CheckBox!``) and calls the helper with the
    Tag's three parts: one migration per checkbox, at the call's line."""
    window = tmp_path / "w_up.srw"
    window.write_text(
        "forward\nglobal type w_up from window\nend type\ntype cbx_vgm from checkbox within w_up\nend type\n"  # 1-5
        "type st_note from statictext within w_up\nend type\nend forward\n\n"  # 6-9
        "global type w_up from window\ncbx_vgm cbx_vgm\nst_note st_note\nend type\nglobal w_up w_up\n\n"  # 10-15
        "forward prototypes\npublic function integer wf_modules ()\nend prototypes\n\n"  # 16-19
        "public function integer wf_modules ();integer li_c\nlong ll_p1, ll_p2\ncheckbox lcbx\n"  # 20-22
        "for li_c = 1 to UpperBound(Control[])\n"  # 23
        "\tif TypeOf(Control[li_c]) <> CheckBox! then continue\n\tlcbx = Control[li_c]\n"  # 24-25
        '\tll_p1 = Pos(lcbx.Tag, "|")\n\tll_p2 = Pos(lcbx.Tag, "|", ll_p1 + 1)\n'  # 26-27
        "\tof_qt_set_addcolumn(Left(lcbx.Tag, ll_p1 - 1), Mid(lcbx.Tag, ll_p1 + 1, ll_p2 - ll_p1 - 1), "
        "Mid(lcbx.Tag, ll_p2 + 1))\nnext\nreturn 1\nend function\n\n"  # 28-31
        "on w_up.create\nthis.cbx_vgm=create cbx_vgm\nthis.st_note=create st_note\n"  # 33-35
        "this.Control[]={this.cbx_vgm,&\nthis.st_note}\nend on\n\n"  # 36-38
        'type cbx_vgm from checkbox within w_up\nstring text = "VGM"\nstring tag = "qt_container|vgm_kg|int NULL"\n'
        "end type\n\ntype st_note from statictext within w_up\nstring text = \"Modules\"\nend type\n",
        encoding="utf-8")
    rows, report = _migrations([str(window)])
    assert rows == [("w_up.srw", 28, "addcolumn_call", "qt_container", "vgm_kg", "int NULL")]
    assert not [m for m in report.migrations if not m.resolved]


def test_an_ancestors_function_joining_a_callers_array_through_a_third_objects_ref_output_is_walked_again(
        tmp_path):
    """n_maint calls its ancestor's ``this.of_create(t, ls_cols)``; the ancestor joins the array with the string
    service's ``If inv_str.of_join(as_cols, ", ", ls_list) < 0 Then`` (a ``ref`` output of a third file, asked by
    the walk made for n_maint's call) and runs the CREATE TABLE: the walk is made again once the service has
    answered, and each column is found where n_maint writes it."""
    service = _object(tmp_path, "n_str",
                      "public function integer of_join (string as_parts[], string as_sep, ref string as_out);"
                      "long ll_i\nas_out = \"\"\nfor ll_i = 1 to UpperBound(as_parts)\n"
                      "\tif ll_i > 1 then as_out += as_sep\n\tas_out += as_parts[ll_i]\nnext\nreturn 1\nend function\n")
    base = _object(tmp_path, "n_maint_base",
                   "public function integer of_create (string as_table, string as_cols[]);string ls_list, ls_sql\n"
                   "If inv_str.of_join(as_cols, \", \", ls_list) < 0 Then Return -1\n"
                   'ls_sql = "CREATE TABLE " + as_table + " (" + ls_list + ")"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n", "n_str inv_str\n")
    maint = _object(tmp_path, "n_maint",
                    "public function integer of_step ();string ls_cols[]\n"  # 7
                    'ls_cols[1] = "trade_no varchar(16) NOT NULL"\nls_cols[2] = "trade_px decimal(9,6) NULL"\n'  # 8-9
                    'return this.of_create("pl_trade", ls_cols)\nend function\n', ancestor="n_maint_base")
    rows, _ = _migrations([service, base, maint])
    assert rows == [("n_maint.sru", 8, "create_table", "pl_trade", "trade_no", "varchar(16) NOT NULL"),
                    ("n_maint.sru", 9, "create_table", "pl_trade", "trade_px", "decimal(9,6) NULL")]


def test_a_structure_field_never_set_holds_powerscripts_default(tmp_path):
    # s_coldef is a global structure of another file; s_default is never set, so it is "" (no DEFAULT clause),
    # and b_null, never set either, is false (the NOT NULL arm)
    structure = tmp_path / "s_coldef.srs"
    structure.write_text("global type s_coldef from structure\n\tstring s_table\n\tstring s_column\n"
                         "\tstring s_default\n\tboolean b_null\nend type\n", encoding="utf-8")
    path = _object(tmp_path, "n_up",
                   "public subroutine of_add (s_coldef astr);string ls_sql\n"
                   'ls_sql = "ALTER TABLE " + astr.s_table + " ADD " + astr.s_column + " int"\n'
                   'If astr.b_null Then ls_sql += " NULL" Else ls_sql += " NOT NULL"\n'
                   'If Len(astr.s_default) > 0 Then ls_sql += " DEFAULT " + astr.s_default\n'
                   "EXECUTE IMMEDIATE :ls_sql;\n"
                   "end subroutine\n"
                   "public subroutine of_run ();s_coldef lstr\n"
                   'lstr.s_table = "pfill_pool"\n'
                   'lstr.s_column = "div_by"\n'
                   "of_add(lstr)\n"
                   "end subroutine\n")
    rows, report = _migrations([str(structure), path])
    assert rows == [("n_up.sru", 15, "alter_add", "pfill_pool", "div_by", "int NOT NULL")]
    # of_add walked on its own (its parameter not known) cannot name the table, and says so
    assert [(d.line, d.message) for d in report.not_counted] == [
        (8, "the table of this CREATE/ALTER TABLE is not known from the source: its columns are not counted")]


def test_nested_structures_filled_through_an_overload_that_hands_over_its_ref_parameter(tmp_path):
    # of_col (3 arguments) returns of_col (4 arguments), which appends to the table's array of column
    # structures by UpperBound; the loop over that array builds the CREATE TABLE
    path = tmp_path / "n_def.sru"
    path.write_text(
        "forward\nglobal type n_def from nonvisualobject\nend type\n"
        "type s_col from structure within n_def\nend type\ntype s_tab from structure within n_def\nend type\n"
        "end forward\n\n"
        "type s_col from structure\n\tstring s_name\n\tstring s_type\n\tboolean b_null\nend type\n\n"  # 10-14
        "type s_tab from structure\n\tstring s_table\n\ts_col col[]\nend type\n\n"  # 16-19
        "global type n_def from nonvisualobject\nend type\n\n"
        "private function integer of_col (ref s_tab astr, string as_name, string as_type);\n"  # 24
        "return of_col(astr, as_name, as_type, false)\n"
        "end function\n"
        "private function integer of_col (ref s_tab astr, string as_name, string as_type, boolean ab_null);"
        "integer li_n\n"
        "li_n = UpperBound(astr.col) + 1\n"
        "astr.col[li_n].s_name = as_name\n"
        "astr.col[li_n].s_type = as_type\n"
        "astr.col[li_n].b_null = ab_null\n"
        "return li_n\n"
        "end function\n"
        "public subroutine of_run ();s_tab lstr\nstring ls_sql\ninteger li_c\n"  # 34
        'lstr.s_table = "pfill_lock"\n'
        'of_col(lstr, "lock_id", "int")\n'  # 38
        'of_col(lstr, "div_by", "numeric(5,0)", true)\n'
        'ls_sql = "CREATE TABLE " + lstr.s_table + " ("\n'
        "for li_c = 1 to UpperBound(lstr.col)\n"
        '\tif li_c > 1 then ls_sql += ", "\n'
        '\tls_sql += lstr.col[li_c].s_name + " " + lstr.col[li_c].s_type\n'
        "next\n"
        'ls_sql += ")"\n'
        "EXECUTE IMMEDIATE :ls_sql;\n"
        "end subroutine\n", encoding="utf-8")
    rows, report = _migrations([str(path)])
    assert rows == [("n_def.sru", 38, "create_table", "pfill_lock", "lock_id", "int"),
                    ("n_def.sru", 39, "create_table", "pfill_lock", "div_by", "numeric(5,0)")]
    assert report.not_counted == []


def test_statements_pushed_on_a_stack_object_run_where_it_pops_them_into_an_execute(tmp_path):
    stack = _object(tmp_path, "n_stack",
                    "public function long of_push (string as_sql);il_top ++\n"  # 10
                    "is_item[il_top] = as_sql\nreturn il_top\nend function\n"
                    "public function boolean of_pop (ref string as_sql);if il_top < 1 then return false\n"  # 14
                    "as_sql = is_item[il_top]\nil_top --\nreturn true\nend function\n"
                    "public function integer of_drain ();string ls_sql\n"  # 19
                    "do while this.of_pop(ls_sql)\n\tEXECUTE IMMEDIATE :ls_sql;\nloop\nreturn 1\nend function\n",
                    "protected:\nstring is_item[]\nlong il_top = 0\n")
    runner = _object(tmp_path, "n_up",  # (pushed in one function, drained in another)
                     "public subroutine of_queue ();\n"  # 8
                     'inv_stack.of_push("ALTER TABLE pfill_pool ADD div_by int NULL")\n'
                     "end subroutine\n"
                     "public function integer of_run ();of_queue()\ninv_stack.of_drain()\nreturn 1\nend function\n",
                     "n_stack inv_stack\n")
    rows, report = _migrations([stack, runner])
    assert rows == [("n_up.sru", 9, "alter_add", "pfill_pool", "div_by", "int NULL")]
    assert report.migrations[0].notes == [
        "run: passed to n_stack.of_push, kept in n_stack.is_item, given back by n_stack.of_pop: left in argument 1 "
        f"of n_stack.of_pop, run by n_stack.of_drain (EXECUTE IMMEDIATE at {stack}:21)"]


def test_a_function_joining_a_list_by_calling_itself_is_followed_to_the_end(tmp_path):
    path = _object(tmp_path, "n_up",
                   "public function string of_list (string as_item[], integer ai_from);\n"  # 7
                   "if ai_from > UpperBound(as_item) then return \"\"\n"
                   "if ai_from = UpperBound(as_item) then return as_item[ai_from]\n"
                   'return as_item[ai_from] + ", " + this.of_list(as_item, ai_from + 1)\n'
                   "end function\n"
                   "public subroutine of_run ();string ls_col[], ls_sql\n"  # 12
                   + "".join(f'ls_col[{i}] = "c{i} int NULL"\n' for i in range(1, 8))  # 13-19
                   + 'ls_sql = "CREATE TABLE pfill_wide (" + of_list(ls_col, 1) + ")"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, _ = _migrations([path])
    assert rows == [("n_up.sru", 12 + i, "create_table", "pfill_wide", f"c{i}", "int NULL") for i in range(1, 8)]


def test_an_array_a_global_function_fills_by_reference_under_a_flag_not_known(tmp_path):
    function = tmp_path / "f_cols.srf"
    function.write_text(
        "global type f_cols from function_object\nend type\n\n"
        "global function integer f_cols (ref string as_cols[], boolean ab_lab);\n"  # 4
        'as_cols[1] = "lock_id int NOT NULL"\n'
        "if ab_lab then\n"
        '\tas_cols[2] = "div_by numeric(5,0) NULL"\n'  # 7
        "end if\nreturn UpperBound(as_cols)\nend function\n", encoding="utf-8")
    path = _object(tmp_path, "n_up",
                   "public subroutine of_run (boolean ab_lab);string ls_cols[], ls_sql\n"
                   "f_cols(ls_cols, ab_lab)\n"
                   'ls_sql = "CREATE TABLE pfill_lock (" + ls_cols[1] + ", " + ls_cols[2] + ")"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, _ = _migrations([str(function), path])
    assert rows == [("f_cols.srf", 5, "create_table", "pfill_lock", "lock_id", "int NOT NULL"),
                    ("f_cols.srf", 7, "create_table", "pfill_lock", "div_by", "numeric(5,0) NULL")]


def test_numbers_in_an_any_array_handed_to_a_format_function(tmp_path):
    function = tmp_path / "f_format.srf"
    function.write_text(
        "global type f_format from function_object\nend type\n\n"
        "global function string f_format (string as_format, any aa_arg[]);string ls_out\nlong ll_pos, ll_n\n"
        'ls_out = as_format\nll_pos = Pos(ls_out, "%s")\n'
        "do while ll_pos > 0\n\tll_n ++\n\tls_out = Replace(ls_out, ll_pos, 2, String(aa_arg[ll_n]))\n"
        '\tll_pos = Pos(ls_out, "%s")\nloop\nreturn ls_out\nend function\n', encoding="utf-8")
    path = _object(tmp_path, "n_up",
                   "public subroutine of_run ();string ls_sql\n"
                   'ls_sql = f_format("ALTER TABLE %s ALTER COLUMN %s decimal(%s,%s) NULL", '
                   '{"pfill_pool", "div_by", 9, 4})\n'  # 8
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, _ = _migrations([str(function), path])
    assert rows == [("n_up.sru", 8, "alter_column", "pfill_pool", "div_by", "decimal(9,4) NULL")]


def test_an_ancestors_function_run_on_a_descendant_reads_its_values_overrides_and_ancestor_return_value(tmp_path):
    # n_def builds the CREATE TABLE from is_table and ue_columns; n_def_lock sets is_table in its constructor and
    # extends ue_columns after AncestorReturnValue; n_up creates an n_def_lock into an n_def variable
    ancestor = tmp_path / "n_def.sru"
    ancestor.write_text(
        "global type n_def from nonvisualobject\nevent type string ue_columns ( )\nend type\n\n"
        "type variables\nstring is_table\nend variables\n\n"
        'event type string ue_columns();return "lock_id int NOT NULL"\nend event\n\n'  # 9
        'public function string of_create_sql ();return "CREATE TABLE " + is_table + " (" + '
        'this.event ue_columns() + ")"\nend function\n', encoding="utf-8")
    descendant = tmp_path / "n_def_lock.sru"
    descendant.write_text(
        "global type n_def_lock from n_def\nend type\n\n"
        'event constructor;is_table = "pfill_lock"\nend event\n\n'  # 4
        "event type string ue_columns();call super::ue_columns;\n"
        'return AncestorReturnValue + ", div_by numeric(5,0) NULL"\nend event\n', encoding="utf-8")  # 8
    runner = _object(tmp_path, "n_up",
                     "public subroutine of_run ();n_def lnv_def\nstring ls_sql\n"
                     "lnv_def = create n_def_lock\n"
                     "ls_sql = lnv_def.of_create_sql()\n"
                     "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, report = _migrations([str(ancestor), str(descendant), runner])
    assert rows == [("n_def.sru", 9, "create_table", "pfill_lock", "lock_id", "int NOT NULL"),
                    ("n_def_lock.sru", 8, "create_table", "pfill_lock", "div_by", "numeric(5,0) NULL")]
    # the ancestor walked on its own builds a name from an empty is_table: not a table, and said so
    assert [(d.file.rsplit("/", 1)[-1], d.message) for d in report.not_counted] == [
        ("n_def.sru", "the table of this CREATE/ALTER TABLE is not known from the source: its columns are not "
                      "counted")]


def test_an_instance_variable_created_as_a_descendant_runs_the_ancestors_script_with_its_overrides(tmp_path):
    # w_up's open event creates n_patch_9 into its n_patch variable; of_apply (the ancestor's) runs the table
    # list n_patch_9's constructor fills, and of_spec, which n_patch_9 overrides and which hands its ref
    # structure over to the ancestor's with Super::
    structure = tmp_path / "s_spec.srs"
    structure.write_text("global type s_spec from structure\n\tstring s_table\n\tstring s_cols\nend type\n",
                         encoding="utf-8")
    ancestor = _object(tmp_path, "n_patch",
                       "protected function integer of_spec (string as_table, ref s_spec astr);\n"  # 9
                       "astr.s_table = as_table\n"
                       'astr.s_cols += ", created_at datetime NULL"\n'  # 11
                       "return 1\nend function\n"
                       "public function integer of_apply ();s_spec lstr\ninteger li\nstring ls_sql\n"
                       "for li = 1 to UpperBound(is_tables)\n"
                       "\tthis.of_spec(is_tables[li], lstr)\n"
                       '\tls_sql = "CREATE TABLE " + lstr.s_table + " (" + lstr.s_cols + ")"\n'
                       "\tEXECUTE IMMEDIATE :ls_sql;\n"
                       "next\nreturn 1\nend function\n",
                       "protected:\nstring is_tables[]\n")
    descendant = tmp_path / "n_patch_9.sru"
    descendant.write_text(
        "global type n_patch_9 from n_patch\nend type\n\n"
        'event constructor;is_tables[1] = "pfill_lock"\nend event\n\n'  # 4
        "protected function integer of_spec (string as_table, ref s_spec astr);\n"
        'astr.s_cols = "div_by numeric(5,0) NULL"\n'  # 8
        "return Super::of_spec(as_table, astr)\nend function\n", encoding="utf-8")
    window = _object(tmp_path, "w_up", "event open;inv_patch = create n_patch_9\nend event\n"
                     "event close;inv_patch.of_apply()\nend event\n", "n_patch inv_patch\n", ancestor="window",
                     extension="srw")
    rows, report = _migrations([str(structure), ancestor, str(descendant), window])
    assert rows == [("n_patch_9.sru", 8, "create_table", "pfill_lock", "div_by", "numeric(5,0) NULL"),
                    ("n_patch.sru", 11, "create_table", "pfill_lock", "created_at", "datetime NULL")]
    # of_apply walked as n_patch's own (its table list empty, the table name "") says it cannot name the table
    assert [(d.line, d.message) for d in report.not_counted] == [
        (19, "the table of this CREATE/ALTER TABLE is not known from the source: its columns are not counted")]


def test_a_table_created_from_what_describe_says_of_a_datawindows_columns(tmp_path):
    datawindow = tmp_path / "d_lock.srd"
    datawindow.write_text(
        "release 17;\ndatawindow(units=0 )\n"
        "table(column=(type=long updatewhereclause=yes key=yes name=lock_id dbname=\"lock_id\" )\n"  # 3
        " column=(type=decimal(4) updatewhereclause=yes name=div_by dbname=\"div_by\" )\n"  # 4
        " retrieve=\"SELECT lock_id, div_by FROM pfill_lock\" update=\"pfill_lock\" updatewhere=1 )\n", encoding="utf-8")
    path = _object(tmp_path, "n_up",
                   "public subroutine of_run ();datastore lds\nstring ls_sql\ninteger li, li_n\n"
                   'lds = create datastore\nlds.DataObject = "d_lock"\n'
                   'li_n = Integer(lds.Describe("DataWindow.Column.Count"))\n'
                   'ls_sql = "CREATE TABLE pfill_lock_hist ("\n'
                   "for li = 1 to li_n\n"
                   '\tif li > 1 then ls_sql += ", "\n'
                   '\tls_sql += lds.Describe("#" + String(li) + ".Name") + " " + '
                   'lds.Describe("#" + String(li) + ".ColType") + " NULL"\n'
                   'next\nls_sql += ")"\nEXECUTE IMMEDIATE :ls_sql;\n'
                   'ls_sql = "ALTER TABLE " + lds.Describe("DataWindow.Table.UpdateTable") + " ADD lock_bps int NULL"\n'  # 20
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, _ = _migrations([str(datawindow), path])
    assert rows == [("d_lock.srd", 3, "create_table", "pfill_lock_hist", "lock_id", "long NULL"),
                    ("d_lock.srd", 4, "create_table", "pfill_lock_hist", "div_by", "decimal(4) NULL"),
                    ("n_up.sru", 20, "alter_add", "pfill_lock", "lock_bps", "int NULL")]


def test_text_written_into_a_blob_with_blobedit_and_cut_by_bytes(tmp_path):
    # BlobEdit writes UTF-16LE (two bytes a character) unless told otherwise; BlobMid and Len count bytes
    path = _object(tmp_path, "n_up",
                   "public subroutine of_run ();blob{400} lblb\nblob lblb_cols\nulong lul\nstring ls_sql\n"
                   'lul = BlobEdit(lblb, 1, "ALTER TABLE pfill_pool ")\n'
                   'lul = BlobEdit(lblb, lul, "ADD div_by int NULL")\n'  # 12
                   "ls_sql = String(BlobMid(lblb, 1, lul - 1))\nEXECUTE IMMEDIATE :ls_sql;\n"
                   'lblb_cols = Blob("lock_id int, ", EncodingUTF16LE!) + Blob("lock_bps int, ", EncodingUTF16LE!)\n'
                   "lblb_cols = BlobMid(lblb_cols, 1, Len(lblb_cols) - 4)\n"  # 16: the last ", " cut
                   'ls_sql = "CREATE TABLE pfill_lock (" + String(lblb_cols, EncodingUTF16LE!) + ")"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, _ = _migrations([path])
    assert rows == [("n_up.sru", 12, "alter_add", "pfill_pool", "div_by", "int NULL"),
                    ("n_up.sru", 15, "create_table", "pfill_lock", "lock_id", "int"),
                    ("n_up.sru", 15, "create_table", "pfill_lock", "lock_bps", "int")]


def test_a_string_posted_to_an_event_runs_where_the_event_runs_message_stringparm(tmp_path):
    window = _object(tmp_path, "w_up",
                     "public subroutine wf_queue (string as_sql);this.PostEvent(\"ue_apply\", 0, as_sql)\n"
                     "end subroutine\n"
                     "public subroutine wf_run ();\n"
                     'wf_queue("ALTER TABLE pfill_pool ADD div_by int NULL")\n'  # 10
                     "end subroutine\n"
                     "event ue_apply;string ls_sql\nls_sql = Message.StringParm\nEXECUTE IMMEDIATE :ls_sql;\n"
                     "end event\n", ancestor="window", extension="srw")
    rows, report = _migrations([window])
    assert rows == [("w_up.srw", 10, "alter_add", "pfill_pool", "div_by", "int NULL")]
    assert report.migrations[0].notes == [
        f"run: passed to w_up.wf_queue, w_up.postevent at {window}:7 → read as Message.StringParm, "
        f"EXECUTE IMMEDIATE at {window}:14"]


def test_a_dictionary_objects_values_run_where_its_getter_is_run_but_not_a_second_one_only_shown(tmp_path):
    # n_map keeps values in an array; n_up puts two statements into inv_map, whose values it runs, and one into
    # inv_shown, whose values it only shows
    store = _object(tmp_path, "n_map",
                    "public subroutine of_put (string as_key, string as_value);il_n ++\n"
                    "is_key[il_n] = as_key\nis_value[il_n] = as_value\nend subroutine\n"
                    "public function string of_get (long al_i);return is_value[al_i]\nend function\n",
                    "protected:\nstring is_key[], is_value[]\nlong il_n\n")
    runner = _object(tmp_path, "n_up",
                     "public subroutine of_run ();string ls_sql\nlong ll\n"
                     'inv_map.of_put("a", "ALTER TABLE pfill_pool ADD div_by int NULL")\n'  # 10
                     'inv_shown.of_put("b", "ALTER TABLE pfill_pool ADD lock_bps int NULL")\n'
                     "for ll = 1 to 2\n\tls_sql = inv_map.of_get(ll)\n\tEXECUTE IMMEDIATE :ls_sql;\n"
                     "\tMessageBox(\"next\", inv_shown.of_get(ll))\nnext\nend subroutine\n",
                     "n_map inv_map, inv_shown\n")
    rows, _ = _migrations([store, runner])
    assert rows == [("n_up.sru", 10, "alter_add", "pfill_pool", "div_by", "int NULL")]
    [shown] = _sites([store, runner], "lock_bps")
    assert shown == ("n_up.sru", 11, "pfill_pool", "alter_add", "unexecuted")


def test_an_autoinstantiated_object_copied_from_one_its_constructor_filled_and_an_overload_handing_over(tmp_path):
    colset = _object(tmp_path, "n_colset",
                     "public function integer of_set (string as_col, string as_def);integer li\n"
                     "for li = 1 to ii_n\n\tif is_col[li] = as_col then\n\t\tis_def[li] = as_def\n\t\treturn li\n"
                     "\tend if\nnext\nii_n ++\nis_col[ii_n] = as_col\nis_def[ii_n] = as_def\nreturn ii_n\nend function\n"
                     "public function integer of_set (string as_col, string as_type, boolean ab_null);"
                     'if ab_null then return of_set(as_col, as_type + " NULL") else return of_set(as_col, as_type)\n'
                     "end function\n"
                     "public function string of_create (string as_table);string ls\ninteger li\n"
                     'ls = "CREATE TABLE " + as_table + " ("\nfor li = 1 to ii_n\n\tif li > 1 then ls += ", "\n'
                     '\tls += is_col[li] + " " + is_def[li]\nnext\nreturn ls + ")"\nend function\n',
                     "private:\nstring is_col[], is_def[]\ninteger ii_n\n", ancestor="nonvisualobject autoinstantiate")
    runner = _object(tmp_path, "n_up",
                     "event constructor;inv_audit.of_set(\"created_at\", \"datetime NULL\")\nend event\n"  # 8
                     "public subroutine of_run ();n_colset lnv\nstring ls_sql\n"
                     "lnv = inv_audit\n"
                     'lnv.of_set("div_by", "numeric(5,0)", true)\n'  # 13
                     'ls_sql = lnv.of_create("pfill_lock")\nEXECUTE IMMEDIATE :ls_sql;\nend subroutine\n',
                     "n_colset inv_audit\n")
    rows, _ = _migrations([colset, runner])
    assert rows == [("n_up.sru", 8, "create_table", "pfill_lock", "created_at", "datetime NULL"),
                    ("n_up.sru", 13, "create_table", "pfill_lock", "div_by", "numeric(5,0) NULL")]


def test_the_columns_a_constraint_added_to_a_table_reads_are_uses(tmp_path):
    path = _object(tmp_path, "n_a",
                   "public subroutine of_run ();string ls_sql\n"
                   'ls_sql = "ALTER TABLE pfill_pool WITH NOCHECK ADD CONSTRAINT ck_div CHECK (div_by > 0)"\n'  # 8
                   "EXECUTE IMMEDIATE :ls_sql;\n"
                   'ls_sql = "ALTER TABLE pfill_lock ADD CONSTRAINT df_div DEFAULT 1 FOR div_by, "'  # 10
                   ' + "CONSTRAINT fk_pool FOREIGN KEY (pool_id) REFERENCES pfill_pool (div_by)"\n'
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, report = _migrations([path])
    assert rows == [] and report.not_counted == []  # a constraint adds no column
    assert _sites([path], "div_by") == [("n_a.sru", 8, "pfill_pool", "embedded_sql", "execute_immediate"),
                                        ("n_a.sru", 10, "pfill_lock", "embedded_sql", "execute_immediate"),
                                        ("n_a.sru", 10, "pfill_pool", "embedded_sql", "execute_immediate")]
    assert _sites([path], "pool_id") == [("n_a.sru", 10, "pfill_lock", "embedded_sql", "execute_immediate")]


def test_structures_stored_whole_in_an_instance_array_and_read_back_by_an_index_parameter(tmp_path):
    # of_load fills local structures (a field, and a nested array through a ref function) and stores each whole
    # with of_add; of_create_sql(ai) reads istr_tab[ai]: each stored table with its own columns
    definer = tmp_path / "n_def.sru"
    definer.write_text(
        "forward\nglobal type n_def from nonvisualobject\nend type\n"
        "type str_col from structure within n_def\nend type\ntype str_tab from structure within n_def\nend type\n"
        "end forward\n\ntype str_col from structure\n\tstring s_name\n\tstring s_type\nend type\n\n"  # 8-14
        "type str_tab from structure\n\tstring s_table\n\tstr_col col[]\nend type\n\n"  # 15-19
        "global type n_def from nonvisualobject\nend type\n\ntype variables\nprivate:\n"  # 20-24
        "str_tab istr_tab[]\ninteger ii_n\nend variables\n\n"  # 25-28
        "private subroutine of_add (str_tab astr);ii_n ++\nistr_tab[ii_n] = astr\nend subroutine\n\n"  # 29-32
        "private subroutine of_col (ref str_tab astr, string as_name, string as_type);integer li\n"  # 33
        "li = UpperBound(astr.col) + 1\nastr.col[li].s_name = as_name\nastr.col[li].s_type = as_type\n"
        "end subroutine\n\n"  # 37-38
        "public function integer of_load ();str_tab lstr_none[], lstr_a, lstr_b\n"  # 39
        "istr_tab = lstr_none\nii_n = 0\n"  # 40-41
        'lstr_a.s_table = "pfill_pool"\nof_col(lstr_a, "div_by", "int NULL")\nof_add(lstr_a)\n'  # 42-44
        'lstr_b.s_table = "pfill_lock"\nof_col(lstr_b, "lock_bps", "numeric(9,4) NULL")\n'  # 45-46
        'of_col(lstr_b, "lock_dt", "datetime NULL")\nof_add(lstr_b)\nreturn ii_n\nend function\n\n'  # 47-50
        "public function string of_create_sql (integer ai);string ls\ninteger li\n"  # 52
        'if ai < 1 or ai > ii_n then return ""\n'
        'ls = "CREATE TABLE " + istr_tab[ai].s_table + " ("\n'
        "for li = 1 to UpperBound(istr_tab[ai].col)\n\tif li > 1 then ls += \", \"\n"
        '\tls += istr_tab[ai].col[li].s_name + " " + istr_tab[ai].col[li].s_type\nnext\n'
        'return ls + ")"\nend function\n', encoding="utf-8")
    runner = _object(tmp_path, "n_up",
                     "public subroutine of_run ();string ls_sql\ninteger li, li_n\n"
                     "li_n = inv_def.of_load()\nfor li = 1 to li_n\n\tls_sql = inv_def.of_create_sql(li)\n"
                     "\tEXECUTE IMMEDIATE :ls_sql;\nnext\nend subroutine\n", "n_def inv_def\n")
    rows, report = _migrations([str(definer), runner])
    assert rows == [("n_def.sru", 43, "create_table", "pfill_pool", "div_by", "int NULL"),
                    ("n_def.sru", 46, "create_table", "pfill_lock", "lock_bps", "numeric(9,4) NULL"),
                    ("n_def.sru", 47, "create_table", "pfill_lock", "lock_dt", "datetime NULL")]
    # of_load's reset (istr_tab = lstr_none) is not followed: an element not known may be there too, said
    assert [(d.file.rsplit("/", 1)[-1], d.line) for d in report.not_counted] == [("n_def.sru", 55)]


def test_a_column_another_files_function_writes_is_said_unattributed_at_that_files_line(tmp_path):
    definer = _object(tmp_path, "n_def",
                      "public function string of_sql ();string ls_table\n"  # 7
                      'ls_table = ProfileString("app.ini", "db", "table", "")\n'
                      'return "UPDATE " + ls_table + " SET div_by = 0"\nend function\n')  # 9
    runner = _object(tmp_path, "n_up",  # kept in an instance variable another function runs
                     "public subroutine of_keep ();is_sql = inv_def.of_sql()\nend subroutine\n"
                     "public subroutine of_run ();EXECUTE IMMEDIATE :is_sql;\nend subroutine\n",
                     "n_def inv_def\nstring is_sql\n")
    result = run_pipeline([definer, runner])
    said = [(d.file.rsplit("/", 1)[-1], d.line, d.message) for d in result.diagnostics if "div_by" in d.message]
    assert said and set(said) == {("n_def.sru", 9, "div_by: table not known from the source; reported without a table")}


def test_listbox_items_are_a_queue_run_where_its_text_is_run(tmp_path):
    # the window adds one statement to lb_steps, n_q adds another through its listbox parameter; cb_run runs
    # the items; lb_log's items are only shown
    window = tmp_path / "w_up.srw"
    window.write_text(
        "forward\nglobal type w_up from window\nend type\ntype lb_steps from listbox within w_up\nend type\n"
        "type lb_log from listbox within w_up\nend type\ntype cb_run from commandbutton within w_up\nend type\n"
        "end forward\n\nglobal type w_up from window\nlb_steps lb_steps\nlb_log lb_log\ncb_run cb_run\n"  # 10-14
        "end type\n\ntype variables\nn_q inv_q\nend variables\n\n"  # 15-20
        "public subroutine wf_queue ();inv_q.of_queue(lb_steps)\n"  # 22
        'lb_steps.AddItem("ALTER TABLE pfill_pool ADD div_by int NULL")\n'  # 23
        'lb_log.AddItem("ALTER TABLE pfill_pool ADD lock_bps int NULL")\nend subroutine\n\n'  # 24
        "type cb_run from commandbutton within w_up\nend type\n\n"
        "event clicked;integer li\nstring ls_sql\nparent.wf_queue()\n"
        "for li = 1 to lb_steps.TotalItems()\n\tls_sql = lb_steps.Text(li)\n\tEXECUTE IMMEDIATE :ls_sql;\nnext\n"
        "end event\n", encoding="utf-8")
    queue = _object(tmp_path, "n_q", "public subroutine of_queue (listbox alb);"
                    'alb.AddItem("ALTER TABLE pfill_lock ADD lock_dt datetime NULL")\nend subroutine\n')  # 7
    rows, _ = _migrations([str(window), queue])
    assert rows == [("n_q.sru", 7, "alter_add", "pfill_lock", "lock_dt", "datetime NULL"),
                    ("w_up.srw", 23, "alter_add", "pfill_pool", "div_by", "int NULL")]
    assert _sites([str(window), queue], "lock_bps") == [("w_up.srw", 24, "pfill_pool", "alter_add", "unexecuted")]


def test_structures_from_a_global_function_and_passed_whole_to_a_list_object(tmp_path):
    structure = tmp_path / "str_col.srs"
    structure.write_text("global type str_col from structure\n\tstring s_name\n\tstring s_sql\nend type\n",
                         encoding="utf-8")
    maker = tmp_path / "f_col.srf"
    maker.write_text("global type f_col from function_object\nend type\n\n"
                     "global function str_col f_col (string as_name, string as_type);str_col lstr\n"  # 4
                     'lstr.s_name = as_name\nlstr.s_sql = as_name + " " + as_type\nreturn lstr\nend function\n',
                     encoding="utf-8")
    listing = _object(tmp_path, "n_list", "public subroutine of_add (any aa);il_n ++\nia[il_n] = aa\n"
                      "end subroutine\npublic function any of_get (long al);return ia[al]\nend function\n",
                      "protected:\nany ia[]\nlong il_n\n")
    builder = _object(tmp_path, "n_up",
                      "public subroutine of_run ();str_col lstr[], lstr_cmd\nany la\nlong ll\nstring ls\n"  # 8
                      'lstr[1] = f_col("div_by", "int NULL")\n'  # 12
                      'ls = "CREATE TABLE pfill_pool (" + lstr[1].s_sql + ")"\nEXECUTE IMMEDIATE :ls;\n'  # 13-14
                      'lstr_cmd.s_sql = "ALTER TABLE pfill_lock ADD lock_dt datetime NULL"\n'  # 15
                      "inv_list.of_add(lstr_cmd)\n"
                      'lstr_cmd.s_sql = "ALTER TABLE pfill_lock ADD lock_bps int NULL"\n'  # 17
                      "inv_preview.of_add(lstr_cmd)\n"
                      "for ll = 1 to 2\n\tla = inv_list.of_get(ll)\n\tlstr_cmd = la\n\tls = lstr_cmd.s_sql\n"
                      "\tEXECUTE IMMEDIATE :ls;\nnext\nend subroutine\n", "n_list inv_list, inv_preview\n")
    paths = [str(structure), str(maker), listing, builder]
    rows, _ = _migrations(paths)
    assert rows == [("n_up.sru", 12, "create_table", "pfill_pool", "div_by", "int NULL"),
                    ("n_up.sru", 15, "alter_add", "pfill_lock", "lock_dt", "datetime NULL")]
    assert _sites(paths, "lock_bps") == [("n_up.sru", 17, "pfill_lock", "alter_add", "unexecuted")]


def test_a_token_function_filling_a_ref_argument_gives_each_call_its_own_tokens(tmp_path):
    # of_coldef takes "name:type:null[:default]" apart with of_token (a ref parameter keeps the rest); the
    # last spec of the list has no trailing ";"
    path = _object(tmp_path, "n_t",
                   "public function string of_token (ref string as_src, string as_sep);long ll\nstring ls\n"
                   "ll = Pos(as_src, as_sep)\nif ll = 0 then\n\tls = as_src\n\tas_src = \"\"\nelse\n"
                   "\tls = Left(as_src, ll - 1)\n\tas_src = Mid(as_src, ll + Len(as_sep))\nend if\nreturn ls\n"
                   "end function\n"
                   "public function string of_coldef (string as_spec);string ls_name, ls_type, ls_null, ls_def\n"
                   'ls_name = of_token(as_spec, ":")\nls_type = of_token(as_spec, ":")\n'
                   'ls_null = of_token(as_spec, ":")\nls_def = ls_name + " " + ls_type\n'
                   'if as_spec <> "" then ls_def += " DEFAULT " + as_spec\n'
                   'if ls_null = "N" then ls_def += " NOT NULL" else ls_def += " NULL"\nreturn ls_def\nend function\n'
                   "public subroutine of_run ();string ls_sql, ls_specs\n"  # 28
                   'ls_sql = "CREATE TABLE pfill_pool (" + of_coldef("pool_id:int:N") + ", " + '  # 29
                   'of_coldef("div_by:numeric(5,0):N:1") + ")"\nEXECUTE IMMEDIATE :ls_sql;\n'
                   'ls_specs = "lock_bps:int:Y;lock_dt:datetime:Y"\n'  # 31
                   'do while Len(ls_specs) > 0\n\tls_sql = "ALTER TABLE pfill_lock ADD " + of_coldef(of_token(ls_specs, ";"))\n'
                   "\tEXECUTE IMMEDIATE :ls_sql;\nloop\nend subroutine\n")
    rows, _ = _migrations([path])
    assert rows == [("n_t.sru", 29, "create_table", "pfill_pool", "pool_id", "int NOT NULL"),
                    ("n_t.sru", 29, "create_table", "pfill_pool", "div_by", "numeric(5,0) DEFAULT 1 NOT NULL"),
                    ("n_t.sru", 31, "alter_add", "pfill_lock", "lock_bps", "int NULL"),
                    ("n_t.sru", 31, "alter_add", "pfill_lock", "lock_dt", "datetime NULL")]


def test_a_template_filled_by_an_own_function_with_constants_and_a_global_function_choosing_by_argument(tmp_path):
    # is_ddl holds the template filled with the table (CS_TOKEN a constant of the object); f_ddl's arms are
    # chosen by each call's "add"/"drop"
    schema = _object(tmp_path, "n_s",
                     "public function string of_fill (string as_text, string as_table);long ll\n"  # 10
                     "ll = Pos(as_text, CS_TOKEN)\ndo while ll > 0\n"
                     "\tas_text = Replace(as_text, ll, Len(CS_TOKEN), as_table)\n\tll = Pos(as_text, CS_TOKEN)\n"
                     "loop\nreturn as_text\nend function\n"
                     "public function string of_ddl ();if Len(is_ddl) = 0 then\n"  # 17
                     '\tis_ddl = of_fill("CREATE TABLE $T (div_by int NULL)", "pfill_pool")\nend if\n'  # 18
                     "return is_ddl\nend function\n"
                     "public subroutine of_run ();string ls\nls = of_ddl()\nEXECUTE IMMEDIATE :ls;\n"
                     'ls = f_ddl("add", "pfill_lock", "lock_bps int")\nEXECUTE IMMEDIATE :ls;\n'  # 25
                     'ls = f_ddl("drop", "pfill_lock", "lock_dt")\nEXECUTE IMMEDIATE :ls;\nend subroutine\n',
                     'constant string CS_TOKEN = "$T"\nstring is_ddl\n')
    ddl = tmp_path / "f_ddl.srf"
    ddl.write_text("global type f_ddl from function_object\nend type\n\n"
                   "global function string f_ddl (string as_op, string as_table, string as_col);string ls\n"
                   'choose case as_op\n\tcase "add"\n\t\tls = "ALTER TABLE " + as_table + " ADD " + as_col\n'
                   '\tcase "alter"\n\t\tls = "ALTER TABLE " + as_table + " ALTER COLUMN " + as_col\n'
                   '\tcase else\n\t\tls = ""\nend choose\nreturn ls\nend function\n', encoding="utf-8")
    rows, report = _migrations([schema, str(ddl)])
    assert rows == [("n_s.sru", 18, "create_table", "pfill_pool", "div_by", "int NULL"),
                    ("n_s.sru", 25, "alter_add", "pfill_lock", "lock_bps", "int")]
    assert report.not_counted == []


def test_a_datastore_handed_to_another_object_runs_where_that_object_runs_its_cells(tmp_path):
    # n_build fills ids_build (and ids_undo, only saved) through of_add(ads, sql); n_run keeps the DataStore it
    # is handed in ids_stmt and runs its stmt_text cells, and a second plan read whole as an array
    build = _object(tmp_path, "n_build",
                    "public subroutine of_add (datastore ads, string as_sql);long ll\nll = ads.InsertRow(0)\n"
                    'ads.SetItem(ll, "stmt_text", as_sql)\nend subroutine\n'
                    "public subroutine of_go ();"
                    'of_add(ids_build, "ALTER TABLE pfill_pool ADD div_by int NULL")\n'  # 13
                    'of_add(ids_undo, "ALTER TABLE pfill_pool ADD lock_bps int NULL")\n'  # 14
                    'ids_plan.Object.sql_text[1] = "ALTER TABLE pfill_lock ADD lock_dt datetime NULL"\n'  # 15
                    "inv_run.of_set_datastore(ids_build)\ninv_run.of_run()\ninv_run.of_exec(ids_plan.Object.sql_text.Primary)\n"
                    'ids_undo.SaveAs("undo.sql", Text!, false)\nend subroutine\n',
                    "datastore ids_build, ids_undo, ids_plan\nn_run inv_run\n")
    run = _object(tmp_path, "n_run",
                  "public subroutine of_set_datastore (datastore ads);ids_stmt = ads\nend subroutine\n"
                  "public subroutine of_run ();long ll\nstring ls\nfor ll = 1 to ids_stmt.RowCount()\n"
                  '\tls = ids_stmt.GetItemString(ll, "stmt_text")\n\tEXECUTE IMMEDIATE :ls;\nnext\nend subroutine\n'
                  "public subroutine of_exec (any aa);string ls[], ls_sql\nlong ll\n"
                  'if ClassName(aa) = "string[]" then ls = aa else ls[1] = String(aa)\n'
                  "for ll = 1 to UpperBound(ls)\n\tls_sql = ls[ll]\n\tEXECUTE IMMEDIATE :ls_sql;\nnext\nend subroutine\n",
                  "datastore ids_stmt\n")
    rows, _ = _migrations([build, run])
    assert rows == [("n_build.sru", 13, "alter_add", "pfill_pool", "div_by", "int NULL"),
                    ("n_build.sru", 15, "alter_add", "pfill_lock", "lock_dt", "datetime NULL")]
    assert _sites([build, run], "lock_bps") == [("n_build.sru", 14, "pfill_pool", "alter_add", "unexecuted")]


def test_a_structure_passed_to_another_files_function_gives_that_calls_text(tmp_path):
    # n_def fills a ref array of structures; n_up passes each element back to n_def.of_create_sql: the text
    # that call gives is reported where its names are written, not only n_def's text with places marked
    structure = tmp_path / "str_tab.srs"
    structure.write_text("global type str_tab from structure\n\tstring s_name\n\tstring s_cols[]\nend type\n",
                         encoding="utf-8")
    definer = _object(tmp_path, "n_def",
                      "public function integer of_tables (ref str_tab astr[]);"
                      'astr[1].s_name = "pfill_hist"\n'  # 7
                      'astr[1].s_cols = {"div_by int NULL", &\n\t"lock_dt datetime NULL"}\n'  # 8-9
                      "return UpperBound(astr)\nend function\n"
                      "public function string of_create_sql (str_tab astr);string ls\ninteger li\n"
                      "for li = 1 to UpperBound(astr.s_cols)\n\tif li > 1 then ls += \", \"\n\tls += astr.s_cols[li]\n"
                      'next\nreturn "CREATE TABLE " + astr.s_name + " (" + ls + ")"\nend function\n')
    runner = _object(tmp_path, "n_up",
                     "public subroutine of_run ();str_tab lstr[]\ninteger li, li_n\nstring ls\n"
                     "li_n = inv_def.of_tables(lstr)\nfor li = 1 to li_n\n\tls = inv_def.of_create_sql(lstr[li])\n"
                     "\tEXECUTE IMMEDIATE :ls;\nnext\nend subroutine\n", "n_def inv_def\n")
    rows, report = _migrations([str(structure), definer, runner])
    assert rows == [("n_def.sru", 8, "create_table", "pfill_hist", "div_by", "int NULL"),
                    ("n_def.sru", 9, "create_table", "pfill_hist", "lock_dt", "datetime NULL")]


def test_a_string_a_confirm_window_gives_back_and_an_events_ref_argument(tmp_path):
    # w_up adds columns through its event's ref argument, hands the statement to w_ok, which shows it in
    # mle_sql and gives it back with CloseWithReturn; w_up runs what comes back as Message.StringParm
    confirm = tmp_path / "w_ok.srw"
    confirm.write_text(
        "forward\nglobal type w_ok from window\nend type\ntype mle_sql from multilineedit within w_ok\nend type\n"
        "type cb_ok from commandbutton within w_ok\nend type\nend forward\n\n"
        "global type w_ok from window\nmle_sql mle_sql\ncb_ok cb_ok\nend type\n\n"
        "event open;mle_sql.Text = Message.StringParm\nend event\n\n"
        "type cb_ok from commandbutton within w_ok\nend type\n\n"
        "event clicked;CloseWithReturn(parent, mle_sql.Text)\nend event\n", encoding="utf-8")
    upgrade = tmp_path / "w_up.srw"
    upgrade.write_text(
        "forward\nglobal type w_up from window\nend type\nend forward\n\n"
        "global type w_up from window\nevent ue_cols ( ref string as_cols )\nend type\n\n"  # 6-8
        'event ue_cols(ref string as_cols);as_cols += ", lock_dt datetime NULL"\nend event\n\n'  # 10
        "public function integer wf_run (string as_sql);string ls_sql\n"  # 13
        "OpenWithParm(w_ok, as_sql)\nls_sql = Message.StringParm\nEXECUTE IMMEDIATE :ls_sql;\nreturn 1\n"
        "end function\n\n"
        'event open;string ls_cols\nls_cols = "div_by int NULL"\n'  # 20-21
        'this.Event ue_cols(ls_cols)\nwf_run("CREATE TABLE pfill_hist (" + ls_cols + ")")\nend event\n',
        encoding="utf-8")
    rows, _ = _migrations([str(confirm), str(upgrade)])
    assert rows == [("w_up.srw", 21, "create_table", "pfill_hist", "div_by", "int NULL"),
                    ("w_up.srw", 10, "create_table", "pfill_hist", "lock_dt", "datetime NULL")]


def test_a_tree_view_item_carrying_sql_in_data_runs_where_the_item_read_back_runs(tmp_path):
    # Lines 8-12: a step added as a TreeViewItem whose Data holds the statement; 14-22: the items read back with
    # GetItem and their Data run; 23: the window adds a step.
    window = _object(tmp_path, "w_steps",
                     "public function long wf_add (string as_sql);treeviewitem ltvi\n"
                     "ltvi.Label = \"step\"\n"
                     "ltvi.Data = as_sql\n"
                     "Return tv_steps.InsertItemLast(0, ltvi)\n"
                     "end function\n"
                     "\n"
                     "public subroutine wf_run ();long ll_h\ntreeviewitem ltvi\n"
                     "ll_h = tv_steps.FindItem(RootTreeItem!, 0)\n"
                     "Do While ll_h > 0\n"
                     "\ttv_steps.GetItem(ll_h, ltvi)\n"
                     "\tEXECUTE IMMEDIATE :ltvi.Data;\n"
                     "\tll_h = tv_steps.FindItem(NextTreeItem!, ll_h)\n"
                     "Loop\nend subroutine\n"
                     "event open;wf_add(\"ALTER TABLE pfill_pool ADD div_by numeric(11,8) NULL\")\n"
                     "end event\n",
                     "treeview tv_steps\n", ancestor="window", extension="srw")
    rows, _ = _migrations([window])
    assert rows == [("w_steps.srw", 23, "alter_add", "pfill_pool", "div_by", "numeric(11,8) NULL")]


def test_a_list_view_handed_on_as_a_parameter_keeps_its_items_where_the_caller_s_control_runs_them(tmp_path):
    # f_lv_add keeps the text in the ListView it is given; n_fill hands on the ListView it was given; the window
    # passes its own control and runs each item's Data (``:llvi.Data``).
    adder = tmp_path / "f_lv_add.srf"
    adder.write_text("global type f_lv_add from function_object\nend type\n\n"
                     "global function long f_lv_add (listview alv, string as_sql);listviewitem llvi\n"
                     "llvi.Data = as_sql\nReturn alv.AddItem(llvi)\nend function\n", encoding="utf-8")
    filler = _object(tmp_path, "n_fill",
                     "public subroutine of_fill (listview alv_steps);string ls_sql\n"
                     "ls_sql = \"ALTER TABLE pfill_pool ADD div_by int NULL\"\n"
                     "f_lv_add(alv_steps, ls_sql)\nend subroutine\n")
    window = _object(tmp_path, "w_run",
                     "event open;inv_fill.of_fill(lv_steps)\nend event\n"
                     "public subroutine wf_run ();long ll_i\nlistviewitem llvi\n"
                     "For ll_i = 1 To lv_steps.TotalItems()\n"
                     "\tlv_steps.GetItem(ll_i, llvi)\n"
                     "\tEXECUTE IMMEDIATE :llvi.Data;\nNext\nend subroutine\n",
                     "listview lv_steps\nn_fill inv_fill\n", ancestor="window", extension="srw")
    rows, _ = _migrations([str(adder), filler, window])
    assert rows == [("n_fill.sru", 8, "alter_add", "pfill_pool", "div_by", "int NULL")]


def test_byte_functions_split_an_ascii_column_spec(tmp_path):
    # PosA/MidA/LenA over ASCII text are Pos/Mid/Len: the spec split at "|" gives each column its own line.
    path = _object(tmp_path, "n_split",
                   "public subroutine of_run ();string ls_spec, ls_col, ls_sql\nlong ll_bar\n"
                   "ls_spec = \"pool_id int NOT NULL|\" + &\n"
                   "\t\"div_by numeric(11,8) NULL\"\n"
                   "ls_sql = \"CREATE TABLE pfill_pool (\"\n"
                   "ll_bar = PosA(ls_spec, \"|\")\n"
                   "Do While ll_bar > 0\n"
                   "\tls_sql += MidA(ls_spec, 1, ll_bar - 1) + \", \"\n"
                   "\tls_spec = MidA(ls_spec, ll_bar + 1)\n"
                   "\tll_bar = PosA(ls_spec, \"|\")\n"
                   "Loop\n"
                   "ls_sql += ls_spec + \")\"\n"
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    rows, _ = _migrations([path])
    assert rows == [("n_split.sru", 9, "create_table", "pfill_pool", "pool_id", "int NOT NULL"),
                    ("n_split.sru", 10, "create_table", "pfill_pool", "div_by", "numeric(11,8) NULL")]


def test_a_quoting_function_of_another_object_is_asked_with_the_call_s_argument(tmp_path):
    # of_quote doubles apostrophes in a loop: its result with the place marked cannot say what it gives, so the
    # call is evaluated with "FO" (no loop pass), not rebuilt from the loop's every pass.
    quoter = _object(tmp_path, "n_sql",
                     "public function string of_quote (string as_value);string ls_value\nlong ll_pos\n"
                     "ls_value = as_value\n"
                     "ll_pos = Pos(ls_value, Char(39))\n"
                     "Do While ll_pos > 0\n"
                     "\tls_value = Replace(ls_value, ll_pos, 1, Char(39) + Char(39))\n"
                     "\tll_pos = Pos(ls_value, Char(39), ll_pos + 2)\n"
                     "Loop\n"
                     "Return Char(39) + ls_value + Char(39)\nend function\n")
    user = _object(tmp_path, "n_use",
                   "public subroutine of_run ();string ls_sql\n"
                   "ls_sql = \"ALTER TABLE pfill_pool ADD rank_cd char(2) NOT NULL DEFAULT \" + "
                   "inv_sql.of_quote(\"FO\")\n"
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n",
                   "n_sql inv_sql\n")
    rows, _ = _migrations([quoter, user])
    assert rows == [("n_use.sru", 9, "alter_add", "pfill_pool", "rank_cd", "char(2) NOT NULL DEFAULT 'FO'")]


def test_the_ancestor_s_function_called_with_super_builds_from_the_descendant_s_values(tmp_path):
    # The ancestor creates the table its is_layout names; the descendant fills is_layout in its constructor
    # (lines 10-11) and calls Super::of_apply.
    base = _object(tmp_path, "n_step",
                   "public function integer of_apply (transaction atr_db);string ls_sql\n"
                   "ls_sql = \"CREATE TABLE \" + is_layout[1] + \" (\" + is_layout[2] + \")\"\n"
                   "EXECUTE IMMEDIATE :ls_sql USING atr_db;\nreturn 1\nend function\n",
                   "string is_layout[]\n")
    step = _object(tmp_path, "n_step_62",
                   "public function integer of_apply (transaction atr_db);return Super::of_apply(atr_db)\n"
                   "end function\n"
                   "event constructor;call super::constructor\n"
                   "is_layout[1] = \"pfill_recall\"\n"
                   "is_layout[2] = \"div_by numeric(11,8) NULL\"\n"
                   "end event\n", ancestor="n_step")
    rows, _ = _migrations([base, step])
    assert rows == [("n_step_62.sru", 11, "create_table", "pfill_recall", "div_by", "numeric(11,8) NULL")]


def test_the_helper_s_own_queueing_is_its_call_s_migration_only(tmp_path):
    # The helper queues its ALTER in is_pending (run by of_flush); the call at line 23 is the migration, not a
    # second alter_add of the text the helper queued.
    path = _object(tmp_path, "n_mig",
                   "public subroutine of_queue (string as_sql);il_n++\nis_pending[il_n] = as_sql\nend subroutine\n"
                   "public function integer of_pf_set_addcolumn (string as_table, string as_column, string as_def)\n"
                   "of_queue(\"ALTER TABLE \" + as_table + \" ADD \" + as_column + \" \" + as_def)\nreturn 1\n"
                   "end function\n"
                   "public subroutine of_flush ();long ll_i\nstring ls_sql\nFor ll_i = 1 To il_n\n"
                   "\tls_sql = is_pending[ll_i]\n\tEXECUTE IMMEDIATE :ls_sql;\nNext\nend subroutine\n"
                   "public subroutine of_release ();of_pf_set_addcolumn(\"pfill_pool\", \"div_by\", \"int NULL\")\n"
                   "end subroutine\n",
                   "string is_pending[]\nlong il_n\n")
    rows, _ = _migrations([path])
    assert rows == [("n_mig.sru", 23, "addcolumn_call", "pfill_pool", "div_by", "int NULL")]


def test_an_override_s_result_runs_where_a_call_on_an_array_of_its_ancestor_runs(tmp_path):
    # inv_patch[li].Event ue_ddl(…) on an array of the ancestor's type: the descendant's override (line 8) gives
    # the text the window runs.
    base = _object(tmp_path, "n_patch", "event type string ue_ddl (integer ai_rel);return \"\"\nend event\n")
    fleet = _object(tmp_path, "n_patch_fleet",
                    "event ue_ddl;string ls_sql\n"
                    "ls_sql = \"ALTER TABLE pfill_pool ADD div_by int NULL\"\nreturn ls_sql\nend event\n",
                    ancestor="n_patch")
    window = _object(tmp_path, "w_up",
                     "event open;string ls_sql\ninteger li\ninv_patch[1] = create n_patch_fleet\n"
                     "For li = 1 To UpperBound(inv_patch)\n"
                     "\tls_sql = String(inv_patch[li].Event Dynamic ue_ddl(7))\n"
                     "\tEXECUTE IMMEDIATE :ls_sql;\nNext\nend event\n",
                     "n_patch inv_patch[]\n", ancestor="window", extension="srw")
    rows, _ = _migrations([base, fleet, window])
    assert rows == [("n_patch_fleet.sru", 8, "alter_add", "pfill_pool", "div_by", "int NULL")]


def test_a_descendant_s_constructor_calling_an_inherited_setter_makes_the_ancestor_s_text(tmp_path):
    # n_tbl builds CREATE TABLE from the columns of_col keeps and a name from ClassName(this); n_tbl_pfill_pool's
    # constructor adds two columns (lines 8-9), n_tbl_pfill_bx's override one more before Super:: (line 7).
    base = _object(tmp_path, "n_tbl",
                   "protected subroutine of_col (string as_name, string as_def);long ll_n\n"
                   "ll_n = UpperBound(is_col) + 1\nis_col[ll_n] = as_name + \" \" + as_def\nend subroutine\n"
                   "public function string of_create_sql ();string ls_sql\nlong ll_i\n"
                   "ls_sql = \"CREATE TABLE \" + Mid(ClassName(this), 7) + \" (\"\n"
                   "For ll_i = 1 To UpperBound(is_col)\n"
                   "\tIf ll_i > 1 Then ls_sql += \", \"\n\tls_sql += is_col[ll_i]\nNext\n"
                   "Return ls_sql + \")\"\nend function\n",
                   "string is_col[]\n")
    pool = _object(tmp_path, "n_tbl_pfill_pool",
                   "event constructor;call super::constructor\n"
                   "of_col(\"pool_id\", \"int NOT NULL\")\nof_col(\"div_by\", \"numeric(11,8) NULL\")\nend event\n",
                   ancestor="n_tbl")
    bx = _object(tmp_path, "n_tbl_pfill_bx",
                 "public function string of_create_sql ();of_col(\"div_by\", \"int NULL\")\n"
                 "return super::of_create_sql()\nend function\n", ancestor="n_tbl")
    user = _object(tmp_path, "n_use",
                   "public subroutine of_run ();string ls_sql\nn_tbl lnv\n"
                   "lnv = create n_tbl_pfill_pool\nls_sql = lnv.of_create_sql()\nEXECUTE IMMEDIATE :ls_sql;\n"
                   "lnv = create n_tbl_pfill_bx\nls_sql = lnv.of_create_sql()\nEXECUTE IMMEDIATE :ls_sql;\n"
                   "end subroutine\n")
    rows, _ = _migrations([base, pool, bx, user])
    # (pfill_bx's text is reported by the script building it and by the one running it: one row each)
    assert sorted(set(rows)) == [("n_tbl_pfill_bx.sru", 7, "create_table", "pfill_bx", "div_by", "int NULL"),
                                 ("n_tbl_pfill_pool.sru", 8, "create_table", "pfill_pool", "pool_id", "int NOT NULL"),
                                 ("n_tbl_pfill_pool.sru", 9, "create_table", "pfill_pool", "div_by",
                                  "numeric(11,8) NULL")]


def test_the_helper_called_in_an_ancestor_s_loop_is_a_migration_per_value_a_descendant_passes(tmp_path):
    # n_base.of_add_pairs calls the helper on its transaction for each (column, definition) pair (line 15); the
    # descendant passes its pairs (lines 5-6) and a transaction: one migration per pair, at the helper's call.
    base = _object(tmp_path, "n_base",
                   "protected function integer of_add_pairs (transaction atr, string as_table, string as_pairs[])\n"
                   "integer li\nstring ls_column\n"
                   "For li = 1 To UpperBound(as_pairs)\n"
                   "\tIf Mod(li, 2) = 1 Then\n\t\tls_column = as_pairs[li]\n\t\tContinue\n\tEnd If\n"
                   "\tatr.of_pf_set_addcolumn(as_table, ls_column, as_pairs[li])\nNext\nreturn 1\nend function\n")
    step = _object(tmp_path, "n_step",
                   "public function integer of_apply (transaction atr_db);\n"
                   "return of_add_pairs(atr_db, \"pfill_pool\", is_cols)\nend function\n",
                   "string is_cols[] = {\"div_by\", \"numeric(11,8) NULL\", &\n"
                   "\t\"pool_grp\", \"char(4) NULL\"}\n", ancestor="n_base")
    rows, _ = _migrations([base, step])
    assert rows == [("n_base.sru", 15, "addcolumn_call", "pfill_pool", "div_by", "numeric(11,8) NULL"),
                    ("n_base.sru", 15, "addcolumn_call", "pfill_pool", "pool_grp", "char(4) NULL")]


def test_an_autoinstantiated_object_holding_values_starts_as_its_declared_values(tmp_path):
    # n_attr (autoinstantiate, variables only) is a value like a structure: s_where, never set, is "" (not a
    # value the walk cannot know), so the statement is known whole.
    attr = tmp_path / "n_attr.sru"
    attr.write_text("global type n_attr from nonvisualobject autoinstantiate\nend type\n\ntype variables\n"
                    "string s_table\nstring s_set\nstring s_where\nend variables\n", encoding="utf-8")
    user = _object(tmp_path, "n_use",
                   "public subroutine of_run ();n_attr lnv_attr[]\nstring ls_sql\n"
                   "lnv_attr[1].s_table = \"pfill_pool\"\nlnv_attr[1].s_set = \"div_by = 1\"\n"
                   "ls_sql = \"UPDATE \" + lnv_attr[1].s_table + \" SET \" + lnv_attr[1].s_set + lnv_attr[1].s_where\n"
                   "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n")
    result = run_pipeline([str(attr), user])
    assert [a.text.text.text for a in result.sql if a.text.executed] == ["UPDATE pfill_pool SET div_by = 1"]


def test_a_pbdom_manifest_built_from_a_known_string_gives_each_element_s_helper_call(tmp_path):
    # of_manifest's XML (lines 9-12) read with PBDOM by of_apply (another object calls it with that text): the
    # helper call for the <column> (line 26) with its attribute values, and the <alter> element's ALTER COLUMN
    # kept in is_pending and run by of_run, at the line its XML writes (11).
    migrator = _object(tmp_path, "n_mig",
                       "public function string of_manifest ();string ls_xml\n"
                       "ls_xml = \"<manifest>\" + &\n"
                       "\t\"<column table=~\"pfill_pool~\" name=~\"div_by~\" type=~\"numeric(11,8) NULL~\"/>\" + &\n"
                       "\t\"<alter table=~\"pfill_bx~\" name=~\"qty~\" type=~\"numeric(15,2) NULL~\"/>\" + &\n"
                       "\t\"</manifest>\"\nreturn ls_xml\nend function\n"
                       "public function integer of_apply (string as_xml);PBDOM_BUILDER lb\nPBDOM_DOCUMENT ld\n"
                       "PBDOM_ELEMENT le_root, le_items[]\nlong ll\n"
                       "lb = CREATE PBDOM_BUILDER\nld = lb.BuildFromString(as_xml)\nle_root = ld.GetRootElement()\n"
                       "le_root.GetChildElements(le_items)\n"
                       "For ll = 1 To UpperBound(le_items)\n"
                       "\tChoose Case le_items[ll].GetName()\n"
                       "\t\tCase \"column\"\n"
                       "\t\t\tof_pf_set_addcolumn(le_items[ll].GetAttributeValue(\"table\"), "
                       "le_items[ll].GetAttributeValue(\"name\"), le_items[ll].GetAttributeValue(\"type\"))\n"
                       "\t\tCase \"alter\"\n"
                       "\t\t\tis_pending[1] = \"ALTER TABLE \" + le_items[ll].GetAttributeValue(\"table\") + "
                       "\" ALTER COLUMN \" + le_items[ll].GetAttributeValue(\"name\") + \" \" + "
                       "le_items[ll].GetAttributeValue(\"type\")\n"
                       "\tEnd Choose\nNext\nreturn 1\nend function\n"
                       "public subroutine of_run ();string ls_sql\nls_sql = is_pending[1]\n"
                       "EXECUTE IMMEDIATE :ls_sql;\nend subroutine\n"
                       "public function integer of_pf_set_addcolumn (string as_t, string as_c, string as_d)\n"
                       "return 1\nend function\n",
                       "string is_pending[]\n")
    app = _object(tmp_path, "n_app", "public subroutine of_go ();n_mig lnv\n"
                  "lnv.of_apply(lnv.of_manifest())\nlnv.of_run()\nend subroutine\n")
    rows, _ = _migrations([migrator, app])
    assert rows == [("n_mig.sru", 11, "alter_column", "pfill_bx", "qty", "numeric(15,2) NULL"),
                    ("n_mig.sru", 26, "addcolumn_call", "pfill_pool", "div_by", "numeric(11,8) NULL")]

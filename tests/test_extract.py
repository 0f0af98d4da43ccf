"""The extract stage: strings folded through scripts, each character mapped back to its line and column."""
from __future__ import annotations

import re

from powerfill_nvo.extract import extract
from powerfill_nvo.extract.textscan import NOTE, scan_calls
from powerfill_nvo.parse import parse_source
from powerfill_nvo.reader import decode_bytes

HELPER = re.compile(r"_set_addcolumn$", re.I)


def _export(body: str, variables: str = "", extra: str = "") -> str:
    return ("global type n_t from nonvisualobject\nend type\n\n"
            f"type variables\n{variables}end variables\n\n"
            f"public function integer of_t ();{body}end function\n{extra}")


def _extract(text: str):
    source = decode_bytes(text.encode("utf-8"), "t.sru")
    file = parse_source(source)
    assert file.clean, file.diagnostics
    return source, file, extract(source, file, HELPER)


def _values(call) -> list:
    return [a.value.text if a.resolved else None for a in call.args]


def test_sql_rebuilt_from_lines_maps_every_character_to_its_source():
    text = _export('string ls_sql\nls_sql = "UPDATE t" + is_crlf\nls_sql = ls_sql + "  SET a = 1"\n'
                   "EXECUTE IMMEDIATE :ls_sql USING SQLCA;\nreturn 1\n",
                   'string is_crlf\n', 'event constructor;is_crlf = "~r~n"\nend event\n')
    _, _, result = _extract(text)
    [sql] = [s for s in result.sql if s.origin == "execute_immediate"]
    assert sql.text.text == "UPDATE t\r\n  SET a = 1"
    assert sql.text.complete
    assert (sql.text.lines[0], sql.text.cols[0]) == (9, 11)       # "U" of "UPDATE t" on line 9
    assert (sql.text.lines[8], sql.text.cols[8]) == (14, 30)      # "\r" from "~r" in the constructor, line 14
    assert (sql.text.lines[12], sql.text.cols[12]) == (10, 22)    # "S" of "SET" on line 10
    assert (sql.line, sql.end_line) == (9, 14)


def test_branches_join_appended_text_and_loops_run_once():
    text = _export('string ls\nls = "SELECT a"\nif ib_x then\n\tls += ", b"\nelse\n\tls += ", c"\nend if\n'
                   'do while ib_x\n\tls = ls + ", d"\nloop\nls += " FROM t"\nreturn ls\n', "boolean ib_x\n")
    _, _, result = _extract(text)
    [sql] = [s for s in result.sql if s.origin == "returned"]
    assert sql.text.text == "SELECT a, b, c, d FROM t"


def test_values_that_differ_between_branches_are_unknown():
    text = _export('string ls_t\nif ib_x then\n\tls_t = "a"\nelse\n\tls_t = "b"\nend if\n'
                   'of_set_addcolumn(SQLCA, ls_t, "c", "int null")\nls_t = "z"\n'
                   'of_set_addcolumn(SQLCA, ls_t, "c", "int null")\nreturn 1\n', "boolean ib_x\n")
    _, _, result = _extract(text)
    assert [_values(c) for c in result.calls] == [[None, None, "c", "int null"], [None, "z", "c", "int null"]]
    assert result.calls[0].args[1].source == "ls_t"


def test_constants_instance_variables_and_concatenation():
    text = _export('of_set_addcolumn(SQLCA, ics_t, is_prefix + "_col", "varchar(" + "10) null")\n'
                   'of_set_addcolumn(SQLCA, This.is_multi, lds.GetItemString(1, "c"), "int")\nreturn 1\n',
                   'constant string ics_t = "t_a"\nstring is_prefix = "x"\nstring is_multi = "m1"\n',
                   'event constructor;is_multi = "m2"\nend event\n')
    _, _, result = _extract(text)
    assert _values(result.calls[0]) == [None, "t_a", "x_col", "varchar(10) null"]
    assert _values(result.calls[1]) == [None, None, None, "int"]


def test_partial_text_has_placeholders():
    text = _export('string ls\nls = "DELETE FROM " + as_t + " WHERE a = 1"\nEXECUTE IMMEDIATE :ls;\nreturn 1\n')
    text = text.replace("of_t ()", "of_t (string as_t)")
    _, _, result = _extract(text)
    [sql] = [s for s in result.sql if s.origin == "execute_immediate"]
    assert sql.text.text == "DELETE FROM __as_t__ WHERE a = 1"
    assert not sql.text.complete
    assert list(sql.text.cols[12:20]) == [0] * 8


def test_strings_that_are_not_sql_are_not_sql_texts():
    text = _export('MessageBox("Update failed", "Select a row")\nls_x = "ALTER TABLE failed: " + ls_y\n'
                   'dw_1.SetItem(1, "div_by", 0)\nreturn 1\n')
    _, _, result = _extract(text)
    assert result.sql == []


def test_text_scan_finds_calls_in_a_script_that_did_not_parse():
    text = _export('of_set_addcolumn(SQLCA, "t_a", "c_1", &\n   "int null") // of_set_addcolumn(x, "no", "no", "no")\n'
                   'this.of_set_addcolumn(SQLCA, ls_t, "c_2", "int null")\nreturn 1\n')
    source = decode_bytes(text.encode("utf-8"), "t.sru")
    file = parse_source(source)
    script = file.scripts[0]
    script.parsed = False
    calls = list(scan_calls(source, file, script, HELPER.search))
    assert [(c.line, c.last_line, c.qualifier, _values(c), c.note) for c in calls] == [
        (7, 8, "", [None, "t_a", "c_1", "int null"], NOTE),
        (9, 9, "this", [None, None, "c_2", "int null"], NOTE)]
    assert calls[1].args[1].source == "ls_t"


def test_sql_kept_in_array_elements_and_overwritten_variables_is_still_analysed():
    text = _export('string ls_sql\nls_sql = "ALTER TABLE t_a ADD c_1 int null"\n'
                   'is_sqls[UpperBound(is_sqls) + 1] = ls_sql\n'
                   'is_sqls[UpperBound(is_sqls) + 1] = "ALTER TABLE t_b ADD c_2 int null"\n'
                   'ls_sql = "ALTER TABLE t_c ADD c_3 int null"\nof_execute_all(is_sqls)\nreturn 1\n',
                   "string is_sqls[]\n")
    _, _, result = _extract(text)
    assert sorted((s.text.text, s.line, s.origin) for s in result.sql) == [
        ("ALTER TABLE t_a ADD c_1 int null", 9, "assigned"),
        ("ALTER TABLE t_b ADD c_2 int null", 11, "assigned"),
        ("ALTER TABLE t_c ADD c_3 int null", 12, "assigned")]


def test_execute_immediate_without_a_space_before_the_host_variable():
    text = _export('string ls_sql\nif ib_x then\n\tls_sql = "DELETE FROM t_a WHERE a = 1"\n'
                   '\tEXECUTE IMMEDIATE: ls_sql USING SQLCA;\nend if\nreturn 1\n', "boolean ib_x\n")
    _, _, result = _extract(text)
    assert [(s.text.text, s.origin) for s in result.sql] == [("DELETE FROM t_a WHERE a = 1", "execute_immediate")]


def test_blob_statements_are_read_as_sql():
    text = _export("SELECTBLOB doc INTO :lb_doc FROM t_blob WHERE id = :ll_id USING SQLCA;\n"
                   "UPDATEBLOB t_blob SET doc = :lb_doc WHERE id = :ll_id;\nreturn 1\n")
    _, _, result = _extract(text)
    assert [(s.text.text[:17], s.line) for s in result.sql] == [("SELECT     doc IN", 7), ("UPDATE     t_blob", 8)]


def test_datawindow_painter_sql_becomes_a_select_with_positions():
    text = ('release 10;\ntable(column=(type=long dbname="sys_fields.field_id" )\n'
            ' retrieve="PBSELECT( VERSION(400) TABLE(NAME=~"sys_fields~" ) TABLE(NAME=~"sys_tables~" ALIAS=~"t~" )'
            ' COLUMN(NAME=~"sys_fields.field_id~")\n JOIN (LEFT=~"sys_fields.table_id~" OP =~"=~"'
            'RIGHT=~"t.table_id~" )WHERE( EXP1 =~"sys_fields.use_validation~" OP =~">~" EXP2 =~"0~" ) " )\n')
    source = decode_bytes(text.encode(), "d_fields.srd")
    result = extract(source, parse_source(source))
    [sql] = result.sql
    assert sql.origin == "datawindow"
    assert sql.text.text == ("SELECT sys_fields.field_id, sys_fields.table_id, t.table_id, sys_fields.use_validation"
                             " FROM sys_fields, sys_tables t")
    field_id = sql.text.text.index("field_id")
    use_validation = sql.text.text.index("use_validation")
    assert (sql.text.lines[field_id], sql.text.lines[use_validation]) == (3, 4)


def test_sql_behind_an_unknown_header_is_still_sql():
    text = _export('string ls_sql\nls_sql = of_view_header("v_pool") + "~r~nAS~r~nSELECT p.div_by FROM pfill_pool p"\n'
                   'of_run(ls_sql)\nreturn 1\n')
    _, _, result = _extract(text)
    assert [s.text.text for s in result.sql] == ["__of_view_header_v_pool__\r\nAS\r\nSELECT p.div_by FROM pfill_pool p"]


def test_string_functions_of_known_values_are_folded():
    text = _export('of_set_addcolumn(SQLCA, Upper(" t_a "), Trim(" c_1 "), Lower("INT NULL") + RightTrim(" x "))\n'
                   'of_set_addcolumn(SQLCA, Upper(ls_unknown), Mid("abc", 2), "int")\nreturn 1\n')
    _, _, result = _extract(text)
    assert _values(result.calls[0]) == [None, " T_A ", "c_1", "int null x"]
    assert _values(result.calls[1]) == [None, None, "bc", "int"]  # Mid of a known string is folded too
    trimmed = result.calls[0].args[2].value
    assert (trimmed.lines[0], trimmed.cols[0]) == (7, 80)  # the "c" of " c_1 "

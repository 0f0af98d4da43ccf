"""Odd and hostile input: deep nesting, unclosed comments, damaged block ends, undecodable files
and odd line endings never lose the rest of the file, and each problem is reported at its line;
bad options and settings are one line and exit code 2."""
import json
import os
import shutil

import pytest
from click.testing import CliRunner

from powerfill_nvo import model as m
from powerfill_nvo.cli import main
from powerfill_nvo.parse import parse_source
from powerfill_nvo.reader import decode_bytes

HEAD = "global type n_x from nonvisualobject\nend type\n\n"
TAIL = "public function integer of_b ();\nreturn 2\nend function\n"


def parse_text(text: str) -> m.SourceFile:
    return parse_source(decode_bytes(text.encode(), "t.sru"))


def outline(sf: m.SourceFile) -> list[tuple]:
    return [(s.name, s.line, s.end_line, s.parsed, len(s.body)) for s in sf.scripts]


def depth_of(stmt: m.Stmt) -> int:
    """How many blocks deep the innermost statement of ``stmt`` is (without recursion)."""
    depth = 0
    while isinstance(stmt, (m.If, m.Loop)):
        depth += 1
        body = stmt.arms[0].body if isinstance(stmt, m.If) else stmt.body
        stmt = body[0]
    return depth


def test_three_hundred_nested_ifs_and_fors_parse_whole():
    ifs = "".join(f"if li > {i} then\n" for i in range(300)) + "li = 1\n" + "end if\n" * 300
    fors = "".join(f"for l{i} = 1 to 2\n" for i in range(300)) + "li = 1\n" + "next\n" * 300
    text = HEAD + "public function integer of_a ();\n" + ifs + fors + "end function\n\n" + TAIL
    sf = parse_text(text)
    assert sf.diagnostics == []
    assert outline(sf) == [("of_a", 4, 1207, True, 2), ("of_b", 1209, 1211, True, 1)]
    assert [depth_of(s) for s in sf.scripts[0].body] == [300, 300]


def test_three_hundred_nested_parentheses_parse_whole():
    text = HEAD + "public function integer of_a ();\nli = " + "(" * 300 + "1" + ")" * 300 + \
        "\nreturn li\nend function\n\n" + TAIL
    sf = parse_text(text)
    assert sf.diagnostics == []
    assert outline(sf) == [("of_a", 4, 7, True, 2), ("of_b", 9, 11, True, 1)]


def diags(sf: m.SourceFile) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in sf.diagnostics]


def test_unclosed_block_comment_hides_the_rest_of_its_script_only():
    sf = parse_text(HEAD + "public function integer of_a ();\nli = 1 /* a comment\nli = 2\nend function\n\n" + TAIL)
    assert diags(sf) == [(5, "`/*` at line 5 is never closed: lines 5-6 read as a comment")]
    assert outline(sf) == [("of_a", 4, 7, True, 1), ("of_b", 9, 11, True, 1)]


def test_unclosed_nested_block_comment_in_a_variables_block():
    sf = parse_text(HEAD + "type variables\nstring is_a /* /* nested */\nend variables\n\n" + TAIL)
    assert diags(sf) == [(5, "`/*` at line 5 is never closed: lines 5-5 read as a comment")]
    assert [v.name for v in sf.variables] == ["is_a"]
    assert outline(sf) == [("of_b", 8, 10, True, 1)]


def test_undecodable_bytes_under_a_bom_are_reported_and_the_rest_of_the_file_kept():
    text = HEAD + "public function integer of_a ();\nls = 'a\x01'\nend function\n\n" + TAIL
    data = b"\xff\xfe" + text.encode("utf-16-le").replace("\x01".encode("utf-16-le"), b"\x00\xdc")  # lone surrogate
    sf = parse_source(decode_bytes(data, "t.sru"))
    assert diags(sf) == [(5, "cannot decode as utf-16-le: bytes 00 dc at offset 176 (line 5): illegal encoding; "
                             "undecodable bytes read as U+FFFD")]
    assert outline(sf) == [("of_a", 4, 6, True, 1), ("of_b", 8, 10, True, 1)]


PROTOTYPES = "forward prototypes\npublic function integer of_a ()\npublic function integer of_b ()\n"
SCRIPTS = "public function integer of_a ();\nreturn 1\nend function\n\n" + TAIL


def test_damaged_end_prototypes_keeps_the_next_script():
    sf = parse_text(HEAD + PROTOTYPES + "end prototype\n\n" + SCRIPTS)
    assert diags(sf) == [
        (4, "missing `end prototypes` for the prototypes block starting at line 4"),
        (7, "unexpected `end`; expected `constant`, `function`, `global`, `indirect`, `private`, `privateread`"),
    ]
    assert [p.name for p in sf.prototypes] == ["of_a", "of_b"]
    assert outline(sf) == [("of_a", 9, 11, True, 1), ("of_b", 13, 15, True, 1)]


def test_deleted_end_prototypes_keeps_the_next_script():
    sf = parse_text(HEAD + PROTOTYPES + "\n" + SCRIPTS)
    assert diags(sf) == [(4, "missing `end prototypes` for the prototypes block starting at line 4")]
    assert [p.name for p in sf.prototypes] == ["of_a", "of_b"]
    assert outline(sf) == [("of_a", 8, 10, True, 1), ("of_b", 12, 14, True, 1)]


# --------------------------------------------------------------------------- bad input on the command line

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "fixtures")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def export_with_bytes_name(tmp_path):
    """A copy of the ANSI fixture under a file name that is not UTF-8 (bytes ff fe)."""
    shutil.copy(os.path.join(FIXTURES, "n_cst_ansi.sru"), os.path.join(os.fsencode(tmp_path), b"n_\xff\xfe.sru"))
    return tmp_path


def test_file_name_that_is_not_utf8_in_report_and_output_files(export_with_bytes_name, monkeypatch):
    monkeypatch.chdir(export_with_bytes_name)
    result = run("enumerate-migrations", ".", "--no-cache", "--format", "json", "-o", "m.json")
    assert (result.exit_code, result.stderr) == (0, "")
    with open("m.json", encoding="utf-8") as f:
        assert {m["file"] for m in json.load(f)["migrations"]} == {"./n_\\xff\\xfe.sru"}
    result = run("report", ".", "--no-cache", "-o", "r.html")
    assert (result.exit_code, result.stderr) == (0, "nvo-scan: report written to r.html\n")
    with open("r.html", encoding="utf-8") as f:
        assert "./n_\\xff\\xfe.sru:" in f.read()
    result = run("check", ".", "--format", "json", "-o", "c.json")
    with open("c.json", encoding="utf-8") as f:
        assert [(c["path"], c["errors"]) for c in json.load(f)["files"]] == [("./n_\\xff\\xfe.sru", [])]


def test_encoding_checked_before_reading_by_check_too():
    # (where-used and enumerate-migrations with rot13, cp1252x, base64, --helper "(": tests/test_trust.py)
    for args in (["check", "--encoding", "rot13"], ["enumerate-migrations", "--encoding", ""]):
        result = run(*args, os.path.join(FIXTURES, "n_cst_ansi.sru"))
        assert (result.exit_code, result.stdout, result.stderr) == \
            (2, "", f"nvo-scan: --encoding: unknown text encoding {args[-1]!r}\n")


def test_phases_file_that_is_not_utf8(tmp_path):
    phases = tmp_path / "phases.toml"
    phases.write_bytes(b'p1 = ["\xe9"]\n')
    result = run("enumerate-migrations", os.path.join(FIXTURES, "n_cst_ansi.sru"), "--no-cache", "--phases",
                 str(phases))
    assert (result.exit_code, result.stderr) == \
        (2, f"nvo-scan: {phases}: not UTF-8 text (TOML files are UTF-8): byte 0xe9 at offset 7\n")


def test_schema_file_in_an_ansi_code_page(tmp_path):
    from powerfill_nvo.sql import Catalog

    schema = tmp_path / "schema.sql"
    schema.write_bytes(b"-- caf\xe9\nCREATE TABLE t_extra (c_extra int NULL)\n")
    column = Catalog.from_schema_file(str(schema)).find("t_extra", "c_extra")
    assert (column.table, column.column, column.line) == ("t_extra", "c_extra", 2)
    result = run("where-used", "c_extra", os.path.join(FIXTURES, "n_cst_ansi.sru"), "--no-cache", "--schema",
                 str(schema))
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize("setting, message", [
    ("sources = 5", "sources must be a path or a list of paths, not a number"),
    ("sources = [1]", "sources must be a path or a list of paths, not a list holding a number"),
    ("helper = 7", "helper must be a regular expression (a string), not a number"),
    ('helper = "("', "helper: invalid regular expression '(': missing ), unterminated subpattern at position 0"),
    ('phases = ["x"]', "phases must be a file path (a string), not a list"),
    ("schema = 1", "schema must be a file path (a string), not a number"),
    ("existing = false", "existing must be a file path (a string), not a boolean"),
])
def test_settings_of_the_wrong_type_are_one_line_and_exit_2(tmp_path, monkeypatch, setting, message):
    (tmp_path / "nvo-scan.toml").write_text(setting + "\n")
    monkeypatch.chdir(tmp_path)
    result = run("enumerate-migrations", "--no-cache")
    assert (result.exit_code, result.stdout, result.stderr) == \
        (2, "", f"nvo-scan: {tmp_path / 'nvo-scan.toml'}: {message}\n")


def test_a_pbselect_naming_a_table_many_times_names_it_once():
    from powerfill_nvo.extract import extract

    tables = 'TABLE(NAME=~"t_pool~" ) ' * 3000 + 'TABLE(NAME=~"T_POOL~" ALIAS=~"p~" ) '
    text = (f'release 10;\ntable(column=(type=long dbname="t_pool.div_by" )\n retrieve="PBSELECT( VERSION(400) '
            f'{tables}\n COLUMN(NAME=~"t_pool.div_by~") COLUMN(NAME=~"p.pool_id~")" )\n')
    source = decode_bytes(text.encode(), "d_pool.srd")
    [sql] = extract(source, parse_source(source)).sql
    assert sql.text.text == "SELECT t_pool.div_by, p.pool_id FROM t_pool, T_POOL p"
    assert [sql.text.lines[sql.text.text.index(name)] for name in ("div_by", "pool_id", "t_pool,", "T_POOL")] == \
        [4, 4, 3, 3]

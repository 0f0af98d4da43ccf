"""The compiled parser of the ``fast`` extra (lark-cython): the same outputs, byte for byte, as plain Lark.

Plain Lark re-parses exactly the sections the compiled parser cannot read, so recovery and diagnostics do
not change. Without lark-cython these tests skip and say so, except in CI's run with the extra
(``NVO_SCAN_EXPECT_FAST=1``), where a missing lark-cython is a failure.
"""
from __future__ import annotations

import json
import os
import pickle
import re

import pytest
from click.testing import CliRunner

from powerfill_nvo import parse
from powerfill_nvo.cli import main
from powerfill_nvo.parse.build import Builder
from powerfill_nvo.parse.grammar import fast_parser, powerscript_parser
from powerfill_nvo.reader import read_source

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)

if fast_parser(Builder) is None:
    if os.environ.get("NVO_SCAN_EXPECT_FAST"):
        raise RuntimeError("NVO_SCAN_EXPECT_FAST is set but lark-cython is not installed")
    pytest.skip("lark-cython (the fast extra) is not installed", allow_module_level=True)

COMMANDS = [
    ["check", "fixtures", "--format", "json"],
    ["enumerate-migrations", "fixtures", "--phases", "fixtures/phases.toml", "--format", "json"],
    ["enumerate-migrations", "fixtures", "--phases", "fixtures/phases.toml", "--format", "sql"],
    ["where-used", "div_by", "fixtures", "--format", "json"],
    ["where-used", "px_factor", "fixtures", "--format", "json"],
    ["schema", "pfill_pool", "fixtures", "--format", "json"],
    ["graph", "fixtures", "--format", "json"],
    ["drift", "fixtures", "--snapshot", "fixtures/tenant/ads_columns.csv", "--phases", "fixtures/phases.toml",
     "--format", "json"],
    ["cite-check", "fixtures/docs", "--sources", "fixtures/n_cst_powerfill.sru", "--format", "json"],
    ["compare-procs", "fixtures/impl/slips", "--sources", "fixtures/n_cst_powerfill.sru", "--format", "json"],
]
_TIMING = re.compile(r'"seconds": [0-9.e-]+')  # check and cite-check time themselves


def outputs(monkeypatch, fast: bool) -> list[tuple[int, str, str]]:
    """(exit code, stdout, stderr) of every command, run from the repository root without the cache."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(parse, "fast_parser", fast_parser if fast else lambda transformer_class: None)
    results = []
    for command in COMMANDS:
        result = CliRunner().invoke(main, [*command, "--no-cache"])
        results.append((result.exit_code, _TIMING.sub('"seconds": 0', result.stdout), result.stderr))
    return results


def test_every_output_is_byte_identical_with_and_without_the_compiled_parser(monkeypatch):
    compiled, plain = outputs(monkeypatch, True), outputs(monkeypatch, False)
    for command, a, b in zip(COMMANDS, compiled, plain):
        assert a == b, " ".join(command)
        assert a[0] in (0, 1) and a[1].strip(), " ".join(command)
    check = json.loads(plain[0][1])
    assert sum(len(f["errors"]) for f in check["files"]) > 0  # the broken fixtures: recovery was exercised


class _CountingParser:
    """Stands in for a Lark parser and counts the sections it parses."""

    def __init__(self, parser):
        self.parser, self.starts = parser, []

    def __getattr__(self, name):
        return getattr(self.parser, name)

    def parse(self, text, start, **options):
        self.starts.append(start)
        return self.parser.parse(text, start=start, **options)


@pytest.mark.parametrize("name, plain_sections", [
    ("n_cst_powerfill.sru", 0),
    ("broken/missing_end_if.sru", 1),
    ("broken/double_equals.sru", 1),
])
def test_plain_lark_parses_exactly_the_sections_that_fail(monkeypatch, name, plain_sections):
    source = read_source(os.path.join(ROOT, "fixtures", name))
    alone = _CountingParser(powerscript_parser(Builder))
    monkeypatch.setattr(parse, "fast_parser", lambda transformer_class: None)
    monkeypatch.setattr(parse, "powerscript_parser", lambda transformer_class: alone)
    expected = parse.parse_source(source)

    compiled, plain = _CountingParser(fast_parser(Builder)), _CountingParser(powerscript_parser(Builder))
    monkeypatch.setattr(parse, "fast_parser", lambda transformer_class: compiled)
    monkeypatch.setattr(parse, "powerscript_parser", lambda transformer_class: plain)
    assert parse.parse_source(source) == expected
    assert compiled.starts == alone.starts  # every section is tried compiled first
    assert len(plain.starts) == plain_sections


def test_generated_reductions_build_the_models_lark_callbacks_build(monkeypatch):
    """The compiled parser reduces through callbacks generated per rule (``parse.reductions``), its table's
    rules hashed by identity; every fixture's model, script bodies included, is the plain parser's."""
    from powerfill_nvo.parse.reductions import _Reduction

    frontend = fast_parser(Builder).parser
    reduced = {type(arg) for actions in frontend.parser._parse_table.states.values() for _, arg in actions.values()}
    assert _Reduction in reduced and not any(t.__name__ == "Rule" for t in reduced)
    sources = [read_source(os.path.join(folder, name)) for folder, _, names in os.walk(os.path.join(ROOT, "fixtures"))
               for name in sorted(names) if name.lower().endswith((".sru", ".srw", ".srf", ".sra", ".srm", ".srs"))]
    assert len(sources) >= 8
    compiled = [parse.parse_source(source, jobs=1) for source in sources]
    monkeypatch.setattr(parse, "fast_parser", lambda transformer_class: None)
    plain = [parse.parse_source(source, jobs=1) for source in sources]
    assert [pickle.dumps(f) for f in compiled] == [pickle.dumps(f) for f in plain]
    assert sum(len(s.body) for f in compiled for s in f.scripts) > 300


_LONE_OPERANDS = """li = 1
li
"abc"
42
true
x!
(li)
((li))
(li + 1)
li.of_y
of_y()
li[1]
create n_y
{1, 2}
if li > 0 then li else of_y()
if li > 0 then
\tli.x
\t(("s"))
end if
return li
"""


def test_check_builds_headers_and_diagnostics_not_bodies(monkeypatch):
    """Without bodies (``check``), the compiled parser reduces scripts through ``HeaderBuilder``, which builds
    no statement or expression: every fixture, unseen export and lone-operand statement gives the file that a
    whole parse with its bodies dropped gives, diagnostics included."""
    from powerfill_nvo.parse.build import HeaderBuilder
    from powerfill_nvo.parse.grammar import fast_header_parser
    from powerfill_nvo.reader import decode_bytes
    from parse_helpers import HEAD

    paths = [os.path.join(folder, name) for base in ("fixtures", os.path.join("tests", "unseen"))
             for folder, _, names in sorted(os.walk(os.path.join(ROOT, base))) for name in sorted(names)
             if name.lower().endswith((".sru", ".srw", ".srf", ".sra", ".srm", ".srs"))]
    sources = [read_source(path) for path in paths]
    sources.append(decode_bytes((HEAD + _LONE_OPERANDS + "end function\n").encode(), "lone.sru"))
    assert len(sources) > 60
    frontend, header_builder = fast_header_parser(Builder, HeaderBuilder)
    counted = _CountingParser(frontend)
    monkeypatch.setattr(parse, "fast_header_parser", lambda *classes: (counted, header_builder))
    headers = [parse.parse_source(source, jobs=1, bodies=False) for source in sources]
    assert len(counted.starts) > 300 and set(counted.starts) == {"script"}
    whole = [parse.parse_source(source, jobs=1) for source in sources]
    for file in whole:
        for script in file.scripts:
            script.body = []
    assert [pickle.dumps(f) for f in headers] == [pickle.dumps(f) for f in whole]
    assert [(d.line, d.message) for d in headers[-1].diagnostics] == [
        (line, "statement is neither a call nor an assignment") for line in (6, 7, 8, 9, 10, 11, 12, 19, 22)]
    plain = _CountingParser(powerscript_parser(Builder))
    monkeypatch.setattr(parse, "powerscript_parser", lambda transformer_class: plain)
    assert parse.parse_source(sources[-1], jobs=1, bodies=False) == headers[-1]
    assert plain.starts == []  # those came from HeaderBuilder.expr_stmt, not from plain Lark

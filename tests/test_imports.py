"""Lazy imports: a command loads the modules it runs and no others, measured in a fresh interpreter."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from powerfill_nvo.cli import main
from powerfill_nvo.parse import COMPILED_PARSER_CHARS

ROOT = Path(__file__).resolve().parent.parent

_LOADED = r"""
import json, sys
from powerfill_nvo.__main__ import run
sys.argv = ["nvo-scan", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
ours = sorted(name for name in sys.modules if name.split(".")[0] == "powerfill_nvo")
others = {name.split(".")[0] for name in sys.modules} - set(sys.stdlib_module_names) - {"powerfill_nvo"}
print(json.dumps([ours, sorted(n for n in others if not n.startswith("_"))]), file=sys.__stderr__)
"""

#: What ``check`` loads: the reader (with its stat-indexed reading), the parser and the views of ``check``; not
#: the extract modules, the pipeline, the SQL stage, sqlglot, jinja2 or networkx.
PARSING = ["powerfill_nvo", "powerfill_nvo.__main__", "powerfill_nvo.api", "powerfill_nvo.cache",
           "powerfill_nvo.cli", "powerfill_nvo.config", "powerfill_nvo.escapes", "powerfill_nvo.forked",
           "powerfill_nvo.grammars", "powerfill_nvo.model", "powerfill_nvo.parse", "powerfill_nvo.parse.build",
           "powerfill_nvo.parse.comments", "powerfill_nvo.parse.datawindow", "powerfill_nvo.parse.grammar",
           "powerfill_nvo.parse.split", "powerfill_nvo.reader", "powerfill_nvo.sources", "powerfill_nvo.tenant",
           "powerfill_nvo.views", "powerfill_nvo.views.check", "powerfill_nvo.views.output",
           "powerfill_nvo.views.table", "powerfill_nvo.workers"]


#: The parser's packages for a small input: lark alone (the compiled parser of the ``fast`` extra loads past
#: ``parse.COMPILED_PARSER_CHARS``).
PARSER = ["lark"]
COMPILED = ["cython_runtime", "lark_cython"] if importlib.util.find_spec("lark_cython") else []


def packages(*names: str) -> list[str]:
    return sorted([*names, *PARSER])


def loaded(*args: str) -> tuple[list[str], list[str]]:
    """nvo-scan's modules and the other packages (top-level names, not the standard library) that
    ``nvo-scan ARGS`` imports."""
    done = subprocess.run([sys.executable, "-c", _LOADED, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    ours, others = json.loads(done.stderr.splitlines()[-1])
    return ours, others


def test_version_imports_nothing_but_the_package():
    assert loaded("--version") == (["powerfill_nvo", "powerfill_nvo.__main__"], [])


def test_version_words_it_as_click_does():
    out = subprocess.run([sys.executable, "-m", "powerfill_nvo", "--version"], capture_output=True, text=True)
    assert out.stdout == CliRunner().invoke(main, ["--version"]).stdout == "nvo-scan, version 0.1.0\n"


def test_check_imports_the_parser_and_no_later_stage():
    """A table of printable ASCII text is laid out without rich; rich counts the cells of any other text."""
    assert loaded("check", "fixtures/n_cst_ansi.sru", "--no-cache") == (PARSING, packages("click"))
    assert loaded("check", "fixtures/n_cst_ansi.sru", "--no-cache", "--format", "json") == \
        (PARSING, packages("click"))


def test_check_of_a_file_with_a_wide_character_in_its_name_counts_cells_with_rich(tmp_path):
    wide = tmp_path / "n_日本.sru"
    wide.write_bytes((ROOT / "fixtures" / "n_cst_ansi.sru").read_bytes())
    assert loaded("check", str(wide), "--no-cache") == (PARSING, packages("click", "rich"))


def test_where_used_imports_the_pipeline_and_sqlglot_but_no_report_graph_or_database():
    ours, others = loaded("where-used", "div_by", "fixtures/n_cst_ansi.sru", "--no-cache", "--format", "json")
    assert others == packages("click", "sqlglot")
    assert sorted(set(ours) - set(PARSING)) == [
        "powerfill_nvo.extract", "powerfill_nvo.extract.common", "powerfill_nvo.extract.flows",
        "powerfill_nvo.extract.fold", "powerfill_nvo.extract.inline", "powerfill_nvo.extract.link",
        "powerfill_nvo.extract.literals", "powerfill_nvo.extract.objects", "powerfill_nvo.extract.pbselect",
        "powerfill_nvo.extract.textscan", "powerfill_nvo.extract.values", "powerfill_nvo.extract.xmldom",
        "powerfill_nvo.helpers", "powerfill_nvo.pipeline", "powerfill_nvo.siteindex", "powerfill_nvo.sourcemap",
        "powerfill_nvo.sql", "powerfill_nvo.sql.analysis", "powerfill_nvo.sql.catalog", "powerfill_nvo.sql.ddl", "powerfill_nvo.sql.dynamic",
        "powerfill_nvo.sql.model", "powerfill_nvo.sql.parse", "powerfill_nvo.sql.resolve", "powerfill_nvo.sql.scan", "powerfill_nvo.sql.split",
        "powerfill_nvo.sql.tokens", "powerfill_nvo.tsql", "powerfill_nvo.views.whereused", "powerfill_nvo.whereused"]
    assert set(PARSING) <= set(ours)


def test_enumerate_migrations_loads_jinja2_for_the_007_script_only():
    """The 007 generator's templates are rendered for ``--format sql``; the JSON, CSV and table views of the
    same report do not load jinja2."""
    for fmt in ("json", "csv", "table"):
        _, others = loaded("enumerate-migrations", "fixtures/n_cst_ansi.sru", "--no-cache", "--format", fmt)
        assert "jinja2" not in others, fmt
    _, others = loaded("enumerate-migrations", "fixtures/n_cst_ansi.sru", "--no-cache", "--format", "sql")
    assert "jinja2" in others


def test_the_compiled_parser_does_not_load_plain_lark_for_sections_it_parses():
    """With the ``fast`` extra, plain Lark (and its lexer) is loaded only to parse again a section the compiled
    parser cannot parse: a file the compiled parser reads whole never loads it."""
    import pytest

    if importlib.util.find_spec("lark_cython") is None:
        pytest.skip("the fast extra is not installed")
    script = r"""
import sys
from powerfill_nvo import parse
from powerfill_nvo.parse import grammar, parse_source
from powerfill_nvo.reader import read_source
parse.COMPILED_PARSER_CHARS = 0  # the compiled parser from the first file on, whatever its size
file = parse_source(read_source(sys.argv[1]), jobs=1)
print(grammar.fast_parser.cache_info().currsize, grammar.powerscript_parser.cache_info().currsize,
      len(file.scripts), len(file.diagnostics))
"""
    export = ROOT / "fixtures" / "n_cst_powerfill.sru"
    done = subprocess.run([sys.executable, "-c", script, str(export)], capture_output=True, text=True, timeout=300)
    fast, plain, scripts, diagnostics = map(int, done.stdout.split())
    assert (fast, plain) == (1, 0) and scripts > 0 and diagnostics == 0


def test_the_compiled_parser_is_imported_only_for_a_large_input(tmp_path):
    big = tmp_path / "n_cst_powerfill.sru"
    text = (ROOT / "fixtures" / "n_cst_powerfill.sru").read_text(encoding="utf-8")
    big.write_text(text * (COMPILED_PARSER_CHARS // len(text) + 1), encoding="utf-8")
    assert loaded("check", str(big), "--no-cache", "--format", "json", "--jobs", "1") == \
        (sorted(PARSING + ["powerfill_nvo.parse.keywords", "powerfill_nvo.parse.reductions"]) if COMPILED else PARSING,
         packages("click", *COMPILED))

"""Issue 13.6: the mechanisms that keep memory proportional to the input (the figures themselves come from
``benchmarks/bench_worst.py``): the report rendered as it is written, excerpts cut without copying long lines,
long statements neither memoized nor handed to sqlglot, loop unrolling that nested loops cannot multiply."""
from __future__ import annotations

import sys

from click.testing import CliRunner

from powerfill_nvo import api
from powerfill_nvo.cli import main
from powerfill_nvo.drift import CreatedColumnFix
from powerfill_nvo.extract import fold
from powerfill_nvo.reader import decode_bytes
from powerfill_nvo.report import EXCERPT_WIDTH, excerpt
from powerfill_nvo.sourcemap import MappedText
from powerfill_nvo.sql import Catalog, analyze, collect_definitions
from powerfill_nvo.sql import analysis
from powerfill_nvo.views.output import write_output
from powerfill_nvo.views.templates import PIECE_SIZE

from test_extract import _export, _extract

WIDE = 3000  # columns: past the piece size of the page, past MEMO_TOKENS, not past PARSE_TOKENS


def wide_export(columns: int) -> str:
    names = ", ".join(f"c{i}" for i in range(columns))
    definitions = ", ".join(f"c{i} int null" for i in range(columns))
    return ("$PBExportHeader$n_wide.sru\nglobal type n_wide from nonvisualobject\nend type\nglobal n_wide n_wide\n\n"
            "public function integer of_run ();string ls_sql\n"
            f'ls_sql = "CREATE TABLE t_wide ({definitions})"\nEXECUTE IMMEDIATE :ls_sql;\n'
            f'ls_sql = "SELECT {names} FROM t_wide"\nEXECUTE IMMEDIATE :ls_sql;\n'
            "return 1\nend function\n")


def test_the_report_is_written_in_pieces_and_is_the_same_page(tmp_path):
    path = tmp_path / "n_wide.sru"
    path.write_text(wide_export(WIDE), encoding="utf-8")
    pieces = list(api.report_pieces([str(path)], use_cache=False))
    page = "".join(pieces)
    assert len(pieces) > len(page) // (4 * PIECE_SIZE) and max(map(len, pieces)) < len(page) // 10
    assert page == api.report([str(path)], use_cache=False)
    write_output(iter(pieces), str(tmp_path / "r.html"))
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == page
    result = CliRunner().invoke(main, ["report", "-o", str(tmp_path / "cli.html"), str(path), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cli.html").read_text(encoding="utf-8").count('<details class="column"') == WIDE
    # the page says how long lines are shown
    assert (f"each cut to its first {EXCERPT_WIDTH} characters: a line cut there ends with “…”") in page


def test_write_output_to_stdout_ends_pieces_with_one_line_break(capsys):
    write_output(iter(["a", "b", ""]), "-")
    write_output(iter(["c\n"]), None)
    assert capsys.readouterr().out == "ab\nc\n"


def test_excerpt_lines_are_cut_at_the_width_and_trailing_blanks_dropped():
    long_line = "x" * (EXCERPT_WIDTH + 500)
    blank_tail = "y" * 10 + " " * 5000
    exact = "z" * EXCERPT_WIDTH + "   \t"
    source = decode_bytes(f"first\r\n{long_line}\r\n{blank_tail}\r\n{exact}\r\nlast".encode(), "t.sru")
    assert excerpt(source, 2) == [(1, "first", False), (2, "x" * (EXCERPT_WIDTH - 1) + "…", True),
                                  (3, "y" * 10, False)]
    assert excerpt(source, 4) == [(3, "y" * 10, False), (4, "z" * EXCERPT_WIDTH, True), (5, "last", False)]
    assert excerpt(None, 1) == []


def test_long_statements_are_not_memoized_and_short_ones_are():
    catalog = Catalog()
    text = MappedText.from_source("w.sql", "CREATE TABLE t (a int, b int)\nSELECT a, b FROM t\n", 1)
    for definition in collect_definitions(text):
        catalog.add_column(definition)
    analyze(text, catalog)
    assert len(catalog.memo) == 1
    names = ", ".join(["a", "b"] * analysis.MEMO_TOKENS)
    facts = analyze(MappedText.from_source("w.sql", f"SELECT {names} FROM t\n", 1), catalog)
    assert len(catalog.memo) == 1  # the long SELECT's key and hits are not kept
    assert len(facts.refs) == 2 and not facts.diagnostics


def test_a_statement_past_the_parse_limit_is_read_by_the_token_scan_and_says_so(monkeypatch):
    monkeypatch.setattr(analysis, "PARSE_TOKENS", 50)
    catalog = Catalog()
    names = ", ".join(f"c{i}" for i in range(40))
    text = MappedText.from_source("w.sql", f"CREATE TABLE t ({', '.join(f'c{i} int' for i in range(40))})\n"
                                           f"SELECT {names}\nFROM t\n", 1)
    for definition in collect_definitions(text):
        catalog.add_column(definition)
    facts = analyze(text, catalog)
    reads = [(r.table, r.column, r.line) for r in facts.refs if r.access == "read"]
    assert reads == [("t", f"c{i}", 2) for i in range(40)]
    assert facts.diagnostics == [(2, analysis.TOO_LONG, None)]
    assert analysis.TOO_LONG == "statement of more than 20,000 tokens, not parsed; token scan used"


def test_unrolling_is_budgeted_in_statements_so_nested_loops_cannot_multiply_it():
    # a loop of 2,000 passes over one statement is still run as written (an array joined in a loop)
    body = ('string ls_parts[]\nlong ll_i\nstring ls\nfor ll_i = 1 to 2000\n\tls_parts[ll_i] = "x"\nnext\n'
            'ls = "SELECT a FROM t"\nfor ll_i = 1 to 3\n\tls = ls + " WHERE 1 = 1"\nnext\nreturn ls\n')
    _, _, result = _extract(_export(body))
    [sql] = [s for s in result.sql if s.origin == "returned"]
    assert sql.text.text == "SELECT a FROM t WHERE 1 = 1 WHERE 1 = 1 WHERE 1 = 1"
    # 40 nested loops of 2 passes: 2^40 passes as written; the budget (statements) runs most of them once
    nested = ("string ls\nls = \"SELECT a FROM t\"\n" + "".join(f"for l{i} = 1 to 2\n" for i in range(40))
              + "ls = ls + \" \"\n" + "next\n" * 40 + "return ls\n")
    _, _, result = _extract(_export(nested, "".join(f"long l{i}\n" for i in range(40))))
    assert [s.text.text.rstrip() for s in result.sql if s.origin == "returned"] == ["SELECT a FROM t"]
    assert fold.UNROLL_BUDGET == 20_000


def test_names_are_one_string_however_many_statements_use_them():
    text = MappedText.from_source("w.sql", "CREATE TABLE t (column_name int)\nSELECT column_name FROM t\n", 1)
    catalog = Catalog()
    definitions = collect_definitions(text)
    for definition in definitions:
        catalog.add_column(definition)
    [ref] = [r for r in analyze(text, catalog).refs if r.access == "read"]
    assert ref.column is definitions[0].column is sys.intern("column_name")


def _networkx_graphml(graph) -> str:
    import io

    import networkx as nx

    out = io.BytesIO()
    nx.write_graphml(graph, out)
    return out.getvalue().decode("utf-8")


def test_the_graph_command_writes_networkx_text_item_by_item_from_the_compact_graph(fixtures_result):
    import json

    import networkx as nx

    from powerfill_nvo.views import graph as graph_views

    graph = api.graph(result=fixtures_result)
    compact = api.graph(result=fixtures_result, compact=True)
    assert isinstance(graph, nx.MultiDiGraph) and not isinstance(compact, nx.MultiDiGraph)
    assert list(compact.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(compact.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    pieces = list(graph_views.json_pieces(compact))
    assert len(pieces) == nodes + edges + 5
    assert "".join(pieces) == json.dumps(nx.node_link_data(graph, edges="edges"), indent=2, ensure_ascii=False)
    empty = nx.MultiDiGraph()
    assert "".join(graph_views.json_pieces(empty)) == json.dumps(nx.node_link_data(empty, edges="edges"), indent=2)
    dot = list(graph_views.dot_pieces(compact))
    assert dot[:1] == ["digraph nvo_scan {\n  rankdir=LR;\n"] and dot[-1] == "}\n"
    assert len(dot) == nodes + edges + 2 and "".join(dot) == "".join(graph_views.dot_pieces(graph))
    graphml = list(graph_views.graphml_pieces(compact))
    assert len(graphml) == 1 + 6 + 1 + nodes + edges  # head, 6 keys, <graph>, each node and edge
    assert "".join(graphml) == _networkx_graphml(graph)
    assert "".join(graph_views.graphml_pieces(empty)) == _networkx_graphml(empty)


def test_graphml_escapes_as_networkx_does():
    import networkx as nx

    from powerfill_nvo.graph import ColumnGraph
    from powerfill_nvo.views import graph as graph_views

    hostile = ['a&b<c>"d\'', "line\nbreak\r\ttab", "\x01\x1b[31m\u2028\u0085", "é€𝄞", "lone \ud800 surrogate", ""]
    graphs = ColumnGraph(), nx.MultiDiGraph()
    for graph in graphs:
        for i, text in enumerate(hostile):
            graph.add_node(f"column:{text}", kind="column", label=text)
            graph.add_edge(f"script:{i}", f"column:{text}", file=text, line=i, kind="embedded_sql", access=text)
            graph.add_edge(f"script:{i}", f"column:{text}", file=text, line=i + 1, kind="has")
        graph.add_node("script:0", kind="script", label="late data for a node an edge added")
    assert list(graphs[0].nodes(data=True)) == list(graphs[1].nodes(data=True))
    assert list(graphs[0].edges(keys=True, data=True)) == list(graphs[1].edges(keys=True, data=True))
    text = "".join(graph_views.graphml_pieces(graphs[0]))
    assert text == _networkx_graphml(graphs[1])
    assert "&#55296;" in text and "a&amp;b&lt;c&gt;&quot;d'" in text and '<data key="d5" />' in text


def test_drift_makes_the_fix_of_a_created_column_when_it_is_read(tmp_path):
    """A column of the plugin's CREATE TABLE that the tenant's table lacks holds no migration copy: its fix is
    the ``alter_add`` migration made from the CREATE TABLE on reading, the same each time."""
    path, snapshot = tmp_path / "n_wide.sru", tmp_path / "tenant.sql"
    path.write_text(wide_export(4), encoding="utf-8")
    snapshot.write_text("CREATE TABLE t_wide (c0 int NULL, c2 int NULL);\n", encoding="utf-8")
    report = api.drift([str(path)], snapshot=str(snapshot), use_cache=False, fixes=False)
    assert [(f.status, f.column) for f in report.findings] == [("missing_column", "c1"), ("missing_column", "c3")]
    finding = report.findings[1]
    assert isinstance(finding.fixes, CreatedColumnFix) and len(finding.fixes) == 1 and finding.needed_by == ()
    create = finding.migration
    assert create.kind == "create_table" and len(create.columns) == 4
    first, again = finding.fixes[0], list(finding.fixes)[0]
    assert first is not again and first == again
    assert (first.kind, first.table, first.column, first.definition, first.sql_type, first.line, first.columns,
            first.table_expr, first.column_expr, first.definition_expr, first.definition_line, first.notes) == (
        "alter_add", "t_wide", "c3", "int null", "INT", 7, [], "t_wide", "c3", "int null", 7,
        [f"a column of the plugin's CREATE TABLE t_wide ({path}:7); this tenant's table lacks it"])
    assert create.columns and create.kind == "create_table"  # the CREATE TABLE itself is untouched

"""A string literal's characters keep the line and column they are written at (tilde escapes: the escape's
column), also for a literal far longer than a line of code (its positions are built as compact arrays)."""
from __future__ import annotations

from powerfill_nvo.pipeline import run_pipeline

HEAD = "$PBExportHeader$n_lit.sru\nglobal type n_lit from nonvisualobject\nend type\nglobal n_lit n_lit\n\n"


def sql_texts(tmp_path, body: str):
    path = tmp_path / "n_lit.sru"
    path.write_text(HEAD + "public function integer of_run ();string ls_sql\n" + body + "return 1\nend function\n")
    return [t for d in run_pipeline([str(path)]).documents for t in d.extraction.sql]


def test_each_character_maps_to_its_column_and_an_escape_to_the_tilde(tmp_path):
    (text,) = sql_texts(tmp_path, 'ls_sql = "ALTER TABLE t ADD c~tint"\nEXECUTE IMMEDIATE :ls_sql;\n')
    mapped = text.text
    assert mapped.text == "ALTER TABLE t ADD c\tint"
    assert set(mapped.lines) == {7}
    first = len('ls_sql = "') + 1
    assert list(mapped.cols) == [*range(first, first + 19), first + 19, *range(first + 21, first + 24)]


def test_a_long_literal_maps_every_character(tmp_path):
    filler = "x" * 200_000
    (text,) = sql_texts(tmp_path, f'ls_sql = "SELECT a FROM t WHERE b = \'{filler}\'"\nEXECUTE IMMEDIATE :ls_sql;\n')
    mapped = text.text
    assert len(mapped.lines) == len(mapped.cols) == len(mapped.text) == 200_028
    assert mapped.cols[-1] == len('ls_sql = "') + 200_028
    assert mapped.lines.itemsize == 4 and set(mapped.lines) == {7}

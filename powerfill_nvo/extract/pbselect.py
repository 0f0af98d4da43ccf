"""DataWindow painter SQL (``retrieve="PBSELECT( … )"``) read as plain SQL with source positions.

``TABLE(NAME=~"t~" ALIAS=~"a~")`` gives the FROM list; every qualified name in
``COLUMN(NAME=…)``, ``JOIN(LEFT=… RIGHT=…)``, ``WHERE(EXP1=… EXP2=…)`` and
``ORDER(NAME=…)`` becomes a select-list item whose characters map to where the
export wrote them, so each reference lands on its own line.
"""
from __future__ import annotations

import re
from array import array
from typing import Optional

from ..model import EmbeddedSql
from ..reader import SourceText
from ..sourcemap import MappedText

_TABLE = re.compile(r'TABLE\s*\(\s*NAME\s*=\s*~"([^~"]+)~"(?:\s*ALIAS\s*=\s*~"([^~"]+)~")?', re.I)
_NAMED = re.compile(r'\b(?:NAME|EXP1|EXP2|LEFT|RIGHT)\s*=\s*~"([^~"]+)~"', re.I)
_QUALIFIED = re.compile(r"[A-Za-z_#@$][\w#@$]*(?:\.[A-Za-z_#@$][\w#@$]*)+")


def pbselect_text(source: SourceText, statement: EmbeddedSql) -> Optional[MappedText]:
    """``SELECT <qualified names> FROM <tables>`` for one PBSELECT property; None when it names no table."""
    base, raw = statement.start, source.text[statement.start:statement.end]
    every_table = list(_TABLE.finditer(raw))
    if not every_table:
        return None
    table_names = {t.start(1) for t in every_table}
    tables, seen = [], set()
    for table in every_table:  # each table once: a repeated name adds nothing but quadratic work downstream
        key = (table.group(1).lower(), (table.group(2) or "").lower())
        if key not in seen:
            seen.add(key)
            tables.append(table)
    columns = [c for c in _NAMED.finditer(raw) if c.start(1) not in table_names and _QUALIFIED.fullmatch(c.group(1))]
    pieces: list[str] = []  # joined once at the end: a text grown piece by piece is copied at each piece
    lines, cols = array("I"), array("I")

    def position(offset: int) -> tuple[int, int]:
        line = source.line_of(base + offset)
        return line, base + offset - source.line_starts[line - 1] + 1

    def word(match: re.Match, group: int) -> None:
        line, col = position(match.start(group))
        piece = MappedText.from_source(source.path, match.group(group), line, col)
        pieces.append(piece.text)
        lines.extend(piece.lines)
        cols.extend(piece.cols)

    def glue(words: str, offset: int) -> None:
        line, col = position(offset)
        pieces.append(words)
        lines.extend([line] * len(words))
        cols.extend([col] * len(words))

    glue("SELECT ", tables[0].start(1))
    for i, column in enumerate(columns):
        glue(", " if i else "", column.start(1))
        word(column, 1)
    if not columns:
        glue("*", tables[0].start(1))
    for i, table in enumerate(tables):
        glue(", " if i else " FROM ", table.start(1))
        word(table, 1)
        if table.group(2):
            glue(" ", table.start(2))
            word(table, 2)
    return MappedText(source.path, "".join(pieces), lines, cols)

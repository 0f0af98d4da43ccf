"""DataWindow (.srd) exports: the SQL of their ``retrieve=`` property, with its lines, the columns of their
``table(…)`` section and the rows stored in their ``data(…)`` section."""
from __future__ import annotations

import re

from .. import model as m
from ..reader import SourceText
from ..escapes import unescape_string

# retrieve="…" where the value may span lines and escapes quotes as ~"
_RETRIEVE = re.compile(r'\bretrieve\s*=\s*("(?:[^"~]+|~.)*+")', re.I | re.S)
# a column of the table() section: column=(type=… name=x dbname="…" …)
_COLUMN = re.compile(r'\bcolumn\s*=\s*\((?:[^()]|\([^()]*\))*?\bname\s*=\s*(\w+)', re.I)
# the type of a column of the table() section: char(10), decimal(2), long …
_COLUMN_TYPE = re.compile(r'\bcolumn\s*=\s*\(\s*type\s*=\s*(\w+(?:\([^()]*\))?)', re.I)
_TABLE = re.compile(r"^\s*table\s*\(", re.I | re.M)
# the table a DataWindow updates: update="cm_barrel" in its table() section
_UPDATE = re.compile(r'\bupdate\s*=\s*"(\w+(?:\.\w+)?)"', re.I)
_DATA = re.compile(r"^\s*data\s*\(", re.I | re.M)
# one value of the data() section: a string (group 1, ~ escapes), or a number or null (group 2)
_VALUE = re.compile(r'\s*("(?:[^"~]+|~.)*+")\s*,?|\s*([^",)\s]+)\s*,?', re.S)


def retrieve_statements(source: SourceText) -> list[m.EmbeddedSql]:
    """One EmbeddedSql of kind ``retrieve`` (plain SQL) or ``pbselect`` (painter syntax) per property."""
    result = []
    for match in _RETRIEVE.finditer(source.text):
        value = unescape_string(match.group(1))
        start, end = match.span(1)
        kind = "pbselect" if value.lstrip().upper().startswith("PBSELECT") else "retrieve"
        result.append(m.EmbeddedSql(source.line_of(start), source.line_of(end - 1), kind, value, start, end))
    return result


def stored_rows(source: SourceText) -> dict[str, list[tuple[int, int] | None]]:
    """The rows a DataWindow keeps in its ``data(…)`` section, by lower-case column name (as its ``table()``
    section names them in order): each row's value as the span of its string literal (quotes included), None
    for a number or null; empty when it keeps no rows."""
    table, data = _TABLE.search(source.text), _DATA.search(source.text)
    if table is None or data is None or data.start() < table.start():
        return {}
    columns = [name.lower() for name in _COLUMN.findall(source.text, table.end(), data.start())]
    if not columns:
        return {}
    cells: list[tuple[int, int] | None] = []
    at = data.end()
    while at < len(source.text) and source.text[at] != ")":
        value = _VALUE.match(source.text, at)
        if value is None or value.end() == at:
            break
        cells.append(value.span(1) if value.group(1) is not None else None)
        at = value.end()
    rows = len(cells) // len(columns)
    return {column: cells[index::len(columns)][:rows] for index, column in enumerate(columns)}


def table_columns(source: SourceText) -> list[tuple[tuple[int, int], tuple[int, int] | None]]:
    """The columns of a DataWindow's ``table(…)`` section in order (``Describe("#2.Name")`` numbers them so):
    the span of each one's name and of its type (None when its ``type=`` does not come first)."""
    table = _TABLE.search(source.text)
    if table is None:
        return []
    end = _DATA.search(source.text, table.end())
    stop = end.start() if end else len(source.text)
    types = {match.start(): match.span(1) for match in _COLUMN_TYPE.finditer(source.text, table.end(), stop)}
    return [(match.span(1), types.get(match.start())) for match in _COLUMN.finditer(source.text, table.end(), stop)]


def update_table(source: SourceText) -> tuple[int, int] | None:
    """The span of the name of the table a DataWindow updates (``update="t"`` in its ``table(…)`` section);
    None when it updates none."""
    table = _TABLE.search(source.text)
    found = _UPDATE.search(source.text, table.end()) if table else None
    return found.span(1) if found else None

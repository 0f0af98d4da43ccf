"""What an existing ``007_*.sql`` deploy script already backfills, read with the project's T-SQL splitter."""
from __future__ import annotations

import re
from typing import Optional

from .reader import read_source
from .sourcemap import MappedText
from .sql.ddl import table_declaration
from .sql.split import split
from .sql.tokens import lex, object_name
from .tsql import UnsafeIdentifier, table_parts, unquote_identifier

_COL_LENGTH = re.compile(r"col_length\s*\(\s*N?'((?:[^']|'')*)'\s*,\s*N?'((?:[^']|'')*)'", re.I)


def qualified_table(table: str) -> Optional[str]:
    """``schema.table`` in lower case (schema ``dbo`` when none is written); None for a name that is not one
    table of this database."""
    try:
        schema, name = table_parts(table)
    except UnsafeIdentifier:
        return None
    return f"{schema}.{name}".lower()


def covers(existing: set[tuple[str, str]], table: Optional[str], column: Optional[str]) -> bool:
    """Whether ``existing`` (from ``covered_pairs``) adds ``table.column``, or creates ``table`` when
    ``column`` is empty; schema-qualified names match exactly (``other.t`` does not cover ``dbo.t``)."""
    key = qualified_table(table) if table else None
    return key is not None and (key, (column or "").lower()) in existing


def covered_pairs(path: str) -> set[tuple[str, str]]:
    """(schema.table, column) pairs the script adds (every column of ``ALTER TABLE … ADD a …, b …`` and
    every ``COL_LENGTH`` guard), and (schema.table, "") for the tables it creates; lower case."""
    text = MappedText.from_source(path, read_source(path).text, 1)
    lexed = lex(text)
    pairs = set()
    for statement in split(lexed):
        if statement.keyword not in ("create_table", "alter_table"):
            continue
        declared = table_declaration(lexed, statement)
        start = lexed.words.index("TABLE", statement.start, statement.end) + 1
        _, stop = object_name(lexed, start, statement.end)
        table = qualified_table(lexed.text[lexed.tokens[start].start:lexed.tokens[stop - 1].end + 1])
        if declared is None or table is None:
            continue
        if statement.keyword == "create_table":
            pairs.add((table, ""))
        pairs |= {(table, unquote_identifier(lexed.text[lexed.tokens[c.name].start:lexed.tokens[c.name].end + 1])
                   .lower()) for c in declared.columns}
    for table, column in _COL_LENGTH.findall(lexed.text):
        key = qualified_table(table.replace("''", "'"))
        if key:
            pairs.add((key, column.replace("''", "'").lower()))
    return pairs

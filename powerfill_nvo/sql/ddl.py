"""Column definitions of CREATE TABLE, DECLARE @t TABLE, ALTER TABLE … ADD and … ALTER COLUMN,
and the columns of CREATE INDEX, read directly from the tokens."""
from __future__ import annotations

import sys
from dataclasses import dataclass

from sqlglot.tokens import TokenType

from .model import UNKNOWN_TABLE
from .split import Statement
from .tokens import NAME_TYPES, Lexed, closing, find_top_level, object_name, top_level_items

CONSTRAINT_WORDS = frozenset(
    {"CONSTRAINT", "PRIMARY", "PRIMARY KEY", "UNIQUE", "FOREIGN", "FOREIGN KEY", "CHECK", "INDEX", "PERIOD"}
)


@dataclass(slots=True)
class ColumnDecl:
    """A column in a table declaration: token indexes of its name and of the first
    and last token of the definition after the name (``last < first`` if none)."""

    name: int
    sql_type: str
    first: int
    last: int


@dataclass
class TableDecl:
    """A declared table (last name part, ``#``/``@`` kept) and its columns; ``altered``: the
    columns are redefined by ``ALTER TABLE … ALTER COLUMN``; ``added``: added by ``ALTER TABLE … ADD``."""

    table: str
    columns: list[ColumnDecl]
    altered: bool = False
    added: bool = False


_OTHER_ALTERATIONS = frozenset({"MODIFY", "DROP", "ALTER", "RENAME", "DELETE"})


def table_declaration(lexed: Lexed, statement: Statement) -> TableDecl | None:
    """The table and columns a create_table / declare / alter_table … ADD or … ALTER COLUMN
    statement defines (the table ``UNKNOWN_TABLE`` when its name is a placeholder)."""
    words, start, end = lexed.words, statement.start, statement.end
    if statement.keyword == "declare":
        name, i = _table_name(lexed, start + 1, end)
        if i < end and words[i] == "AS":
            i += 1
        if not name.startswith("@") or i + 1 >= end or words[i] != "TABLE" or words[i + 1] != "(":
            return None
        return TableDecl(name, _columns(lexed, i + 2, closing(lexed, i + 1, end)))
    name, i = _table_name(lexed, _past_if_not_exists(words, words.index("TABLE", start, end) + 1), end)
    if not name:
        return None
    if statement.keyword == "create_table":
        if i >= end or words[i] != "(":
            return None
        return TableDecl(name, _columns(lexed, i + 1, closing(lexed, i, end)))
    if words[i:i + 2] == ["ALTER", "COLUMN"] and i + 2 < end:
        first = i + 3 + (words[i + 3:i + 4] == ["TYPE"])  # PostgreSQL: ALTER COLUMN c TYPE numeric(13,4)
        return TableDecl(name, [ColumnDecl(i + 2, _sql_type(lexed, first, end), first, end - 1)], altered=True)
    add = find_top_level(lexed, "ADD", i, end)
    if add is None:
        return None
    if add + 1 < end and words[add + 1] == "(":  # ADD (a int, b int), as Sybase and Oracle write it
        return TableDecl(name, _columns(lexed, add + 2, closing(lexed, add + 1, end)), added=True)
    return TableDecl(name, _columns(lexed, add + 1, end), added=True)


def index_columns(lexed: Lexed, statement: Statement) -> tuple[str, list[int]] | None:
    """The table of a CREATE INDEX and the token indexes of its key and INCLUDE columns and of the
    columns its filter (``WHERE status = 'N'``) reads."""
    end = statement.end
    on = find_top_level(lexed, "ON", statement.start, end)
    if on is None:
        return None
    table, i = object_name(lexed, on + 1, end)
    columns: list[int] = []
    while i < end and lexed.words[i] == "(":
        close = closing(lexed, i, end)
        columns.extend(first for first, _ in top_level_items(lexed, i + 1, close))
        i = close + 1
        i += i < end and lexed.words[i] == "INCLUDE"
    if i < end and lexed.words[i] == "WHERE":
        stop = next((j for j in range(i + 1, end) if lexed.words[j] in ("WITH", "ON")), end)
        columns += expression_columns(lexed, i + 1, stop)
    return table, columns


def added_constraint_columns(lexed: Lexed, statement: Statement) -> list[tuple[int, str | None]]:
    """The columns the constraints an ``ALTER TABLE … [WITH NOCHECK] ADD`` adds read: token index and table (None
    for the altered one) — ``CHECK (expr)``, ``PRIMARY KEY``/``UNIQUE (cols)``, ``FOREIGN KEY (cols) REFERENCES
    t2 (cols2)``, ``DEFAULT x FOR col``."""
    words, end = lexed.words, statement.end
    add = find_top_level(lexed, "ADD", statement.start, end) if statement.keyword == "alter_table" else None
    found: list[tuple[int, str | None]] = []
    for first, stop in top_level_items(lexed, add + 1, end) if add is not None else ():
        i = first + 2 if words[first] == "CONSTRAINT" else first
        if i >= stop:
            continue
        if words[i] == "DEFAULT":
            at = find_top_level(lexed, "FOR", i + 1, stop)
            found += [(at + 1, None)] if at is not None and at + 1 < stop else []
        elif words[i] == "CHECK" and "(" in words[i:stop]:
            opening = words.index("(", i, stop)
            found += [(j, None) for j in expression_columns(lexed, opening + 1, closing(lexed, opening, stop))]
        elif words[i].partition(" ")[0] in ("PRIMARY", "UNIQUE", "FOREIGN") and "(" in words[i:stop]:  # (``PRIMARY KEY``
            # is one token, or two)
            opening = words.index("(", i, stop)
            close = closing(lexed, opening, stop)
            found += [(j, None) for j, _ in top_level_items(lexed, opening + 1, close)]
            refers = find_top_level(lexed, "REFERENCES", close + 1, stop)
            if refers is not None:
                table, after = object_name(lexed, refers + 1, stop)
                if table and after < stop and words[after] == "(":
                    found += [(j, table) for j, _ in top_level_items(lexed, after + 1, closing(lexed, after, stop))]
    return found


def computed_columns(lexed: Lexed, column: ColumnDecl) -> list[int]:
    """Token indexes of the columns a computed column (``c AS (a * b) PERSISTED``) is computed from."""
    first, end = column.first, column.last + 1
    if first >= end or lexed.words[first] != "AS":
        return []
    if first + 1 < end and lexed.words[first + 1] == "(":
        end = closing(lexed, first + 1, end)
    return [j for j in expression_columns(lexed, first + 1, end) if lexed.words[j] != "PERSISTED"]


def expression_columns(lexed: Lexed, start: int, end: int) -> list[int]:
    """Token indexes of the column names in an expression over one table (a filter, a computed column):
    names that are not functions, not ``@variables`` and not after a dot."""
    tokens = lexed.tokens
    return [j for j in range(start, end) if tokens[j].token_type in NAME_TYPES
            and not (j + 1 < end and lexed.words[j + 1] == "(")
            and not (j > start and tokens[j - 1].token_type in (TokenType.PARAMETER, TokenType.DOT))]


def _past_if_not_exists(words: list[str], i: int) -> int:
    """``i``, or past an ``IF NOT EXISTS`` written there (PostgreSQL: ``CREATE TABLE IF NOT EXISTS t``,
    ``ADD COLUMN IF NOT EXISTS c``)."""
    return i + 3 if words[i:i + 3] == ["IF", "NOT", "EXISTS"] else i


def names_unknown_table(lexed: Lexed, statement: Statement) -> bool:
    """Whether a CREATE / ALTER TABLE names its table (any part: ``dbo.`` + a variable) with a placeholder."""
    words, end = lexed.words, statement.end
    if "TABLE" not in words[statement.start:end]:
        return False
    first = _past_if_not_exists(words, words.index("TABLE", statement.start, end) + 1)
    _, after = object_name(lexed, first, end)
    return any(lexed.tokens[i].start in lexed.unknown for i in range(first, max(after, first + 1)) if i < end)


def _table_name(lexed: Lexed, i: int, end: int) -> tuple[str, int]:
    """The table's name and the index after it; ``UNKNOWN_TABLE`` for a placeholder, an empty name or one whose
    last part is missing (``dbo. (``) (its columns are still read), "" for no name."""
    name, j = object_name(lexed, i, end)
    if not name:  # ``CREATE TABLE  (``: a name built from a value that was empty
        return (UNKNOWN_TABLE, j) if j < end and lexed.words[j] == "(" else (name, j)
    unknown = lexed.tokens[j - 1].start in lexed.unknown or lexed.tokens[j - 1].token_type is TokenType.DOT
    return (UNKNOWN_TABLE, j) if unknown else (name, j)


def _columns(lexed: Lexed, start: int, end: int) -> list[ColumnDecl]:
    """The column definitions among the comma-separated items of ``start:end``; in an ALTER TABLE
    that changes several things (``ADD a int, MODIFY b …, ADD c int``) only the added columns."""
    columns = []
    for first, stop in top_level_items(lexed, start, end):
        if lexed.words[first] in _OTHER_ALTERATIONS:
            continue
        first += lexed.words[first] == "ADD"
        first += first < stop and lexed.words[first] == "COLUMN"
        first = _past_if_not_exists(lexed.words, first)
        if first < stop and lexed.words[first] not in CONSTRAINT_WORDS:
            columns.append(ColumnDecl(first, _sql_type(lexed, first + 1, stop), first + 1, stop - 1))
    return columns


def _sql_type(lexed: Lexed, i: int, end: int) -> str:
    """The normalized type at token ``i``: ``numeric (11, 8)`` -> ``NUMERIC(11,8)``
    ('' for a computed column or none)."""
    if i >= end or lexed.words[i] == "AS":
        return ""
    name, j = object_name(lexed, i, end)  # [dbo].[udt] -> udt
    if not name:  # a keyword of several words: DOUBLE PRECISION
        name, j = lexed.tokens[i].text, i + 1
    name = " ".join(name.upper().split())
    if j < end and lexed.words[j] == "(":
        close = closing(lexed, j, end)
        name += "(" + "".join(tok.text.upper() for tok in lexed.tokens[j + 1:close]) + ")"
    return sys.intern(name)  # one string per type, shared by the columns of that type

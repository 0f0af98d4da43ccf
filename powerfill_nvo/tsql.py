"""Safe T-SQL text from untrusted source values: identifiers, string literals, column definitions."""
from __future__ import annotations

import re
from typing import Optional

_REGULAR = re.compile(r"[A-Za-z_][A-Za-z0-9_@$#]{0,127}")
_RESERVED = frozenset("""add all alter and any as asc authorization backup begin between break browse bulk by
cascade case check checkpoint close clustered coalesce collate column commit compute constraint contains
containstable continue convert create cross current current_date current_time current_timestamp current_user
cursor database dbcc deallocate declare default delete deny desc disk distinct distributed double drop dump
else end errlvl escape except exec execute exists exit external fetch file fillfactor for foreign freetext
freetexttable from full function goto grant group having holdlock identity identity_insert identitycol if in
index inner insert intersect into is join key kill left like lineno load merge national nocheck nonclustered
not null nullif of off offsets on open opendatasource openquery openrowset openxml option or order outer over
percent pivot plan precision primary print proc procedure public raiserror read readtext reconfigure
references replication restore restrict return revert revoke right rollback rowcount rowguidcol rule save
schema securityaudit select semantickeyphrasetable semanticsimilaritydetailstable semanticsimilaritytable
session_user set setuser shutdown some statistics system_user table tablesample textsize then to top tran
transaction trigger truncate try_convert tsequal union unique unpivot update updatetext use user values varying
view waitfor when where while with within writetext""".split())
# Characters that never belong in an identifier taken from legacy source text.
_SUSPICIOUS = re.compile(r"[\x00-\x1f\x7f';]|--|/\*|\*/")
_UNSAFE_DEFINITION = re.compile(r"[\x00-\x1f\x7f;]|--|/\*|\*/")
# The same for a multi-line text, where tabs and line breaks are ordinary.
_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f;]|--|/\*|\*/")
_DOUBLE_QUOTED_DEFAULT = re.compile(r'(\bdefault\s*\(?\s*)"((?:[^"]|"")*)"', re.I)


class UnsafeIdentifier(ValueError):
    """An identifier that must not be written into executable SQL."""


def unquote_identifier(name: str) -> str:
    """``[x]`` or ``"x"`` as written in SQL, to the bare name ``x``."""
    name = name.strip()
    if len(name) > 1 and name[0] == "[" and name[-1] == "]":
        return name[1:-1].replace("]]", "]")
    if len(name) > 1 and name[0] == name[-1] == '"':
        return name[1:-1].replace('""', '"')
    return name


def quote_identifier(name: Optional[str]) -> str:
    """``name`` as written when it is a regular identifier, else quoted: in brackets, or in
    double quotes (``"`` doubled) when it holds a ``]``.

    Raises UnsafeIdentifier for an empty, over-long or suspicious name (control
    characters, quotes, ``;``, comment markers): those become review TODOs.
    """
    if not name or not name.strip():
        raise UnsafeIdentifier("empty identifier")
    if len(name) > 128:
        raise UnsafeIdentifier(f"identifier longer than 128 characters: {name[:40]}…")
    if _SUSPICIOUS.search(name):
        raise UnsafeIdentifier(f"identifier holds characters that need review: {name!r}")
    if _REGULAR.fullmatch(name) and name.lower() not in _RESERVED:
        return name
    if "]" in name:  # valid as [a]]b] too, but common T-SQL tools misread "]]"; the script sets QUOTED_IDENTIFIER ON
        return '"' + name.replace('"', '""') + '"'
    return "[" + name + "]"


def string_literal(text: str, unicode: bool = False) -> str:
    """A T-SQL string literal (``'`` doubled; line breaks folded to spaces)."""
    flat = re.sub(r"[\r\n\t]+", " ", text)
    return ("N" if unicode else "") + "'" + flat.replace("'", "''") + "'"


def comment_text(text: str) -> str:
    """Text safe inside a ``--`` comment line."""
    return re.sub(r"[\r\n]+", " ", text)


def quote_double_quoted_defaults(text: str) -> tuple[str, list[str]]:
    """``default "U"`` written as ``default 'U'``, with a note for each change.

    Legacy definitions were written for the plugin's connection, where a default
    in double quotes is a string (QUOTED_IDENTIFIER OFF); under the default
    settings it would be an identifier.
    """
    notes = []

    def single(match: re.Match) -> str:
        notes.append(f'default "{match.group(2)}" written as a string: \'{match.group(2)}\' '
                     "(it was a string only under QUOTED_IDENTIFIER OFF)")
        return match.group(1) + "'" + match.group(2).replace('""', '"').replace("'", "''") + "'"

    return _DOUBLE_QUOTED_DEFAULT.sub(single, text), notes


def normalize_definition(definition: str) -> tuple[str, list[str]]:
    """A column definition on one line, double-quoted defaults as strings; and the notes."""
    text, notes = quote_double_quoted_defaults(definition)
    return " ".join(text.split()), notes


def _parse_one(statement: str, what: str):
    """The one sqlglot tree of ``statement``; UnsafeIdentifier when it does not parse as T-SQL or gives a
    column a default that is a bare name (``default autoincrement``, which T-SQL does not have)."""
    import sqlglot  # loaded only when SQL is generated
    from sqlglot import exp

    from .sql.tokens import parse_tsql

    try:
        parsed = parse_tsql(statement)
    except sqlglot.errors.ParseError as e:
        raise UnsafeIdentifier(f"{what} is not valid T-SQL ({str(e).splitlines()[0]})") from None
    if len(parsed) != 1 or parsed[0] is None:
        raise UnsafeIdentifier(f"{what} is not one statement")
    for default in parsed[0].find_all(exp.DefaultColumnConstraint):
        if isinstance(default.this, exp.Column):
            raise UnsafeIdentifier(f"{what} has a default T-SQL does not know: {default.this.sql()}")
    return parsed[0]


def checked_create_table(table_sql: str, statement: str) -> str:
    """The original ``CREATE TABLE … (…)`` text with its name replaced by ``table_sql``,
    after proving it parses as exactly one CREATE TABLE."""
    from sqlglot import exp

    if _UNSAFE_TEXT.search(statement):
        raise UnsafeIdentifier("the CREATE TABLE text holds characters that need review")
    body = statement[statement.index("("):]
    text = f"CREATE TABLE {table_sql} " + "\n".join(line.rstrip() for line in body.replace("\r", "").split("\n")) + ";"
    tree = _parse_one(text, "the CREATE TABLE text")
    if not isinstance(tree, exp.Create) or tree.kind != "TABLE":
        raise UnsafeIdentifier("the CREATE TABLE text does not parse as one CREATE TABLE")
    return text


def checked_add_column(table_sql: str, column_sql: str, definition: str) -> str:
    """``ALTER TABLE t ADD c definition;`` after proving it parses as exactly one ADD of one column."""
    from sqlglot import exp

    if _UNSAFE_DEFINITION.search(definition):
        raise UnsafeIdentifier(f"definition holds characters that need review: {definition!r}")
    statement = f"ALTER TABLE {table_sql} ADD {column_sql} {definition};"
    tree = _parse_one(statement, f"definition {definition!r}")
    actions = tree.args.get("actions") or [] if isinstance(tree, exp.Alter) else []
    if len(actions) != 1 or not isinstance(actions[0], exp.ColumnDef):
        raise UnsafeIdentifier(f"definition is not one column definition: {definition!r}")
    return statement

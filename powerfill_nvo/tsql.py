"""Safe T-SQL text from untrusted source values: identifiers, string literals, comment lines, and column
definitions that an allow-list grammar accepts token for token and that are written back in one canonical form.

Nothing from the source is copied into executable SQL as written: a definition is read into a
``ColumnDefinition`` (type, collation, identity, nullability, default, key, check) and rendered from it, so a
tail the grammar does not know (``execute (…)``, ``unique shutdown``, ``;``, a line break, a comment) cannot
reach the output; it raises ``UnsafeIdentifier`` with the reason, and the block becomes a commented TODO.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .escapes import escape_hidden, has_hidden

_REGULAR = re.compile(r"[A-Za-z_][A-Za-z0-9_@$#]{0,127}")
# T-SQL's reserved words, and GO: sqlcmd's batch separator must never appear as a bare name.
RESERVED_WORDS = frozenset("""add all alter and any as asc authorization backup begin between break browse bulk by
cascade case check checkpoint close clustered coalesce collate column commit compute constraint contains
containstable continue convert create cross current current_date current_time current_timestamp current_user
cursor database dbcc deallocate declare default delete deny desc disk distinct distributed double drop dump
else end errlvl escape except exec execute exists exit external fetch file fillfactor for foreign freetext
freetexttable from full function go goto grant group having holdlock identity identity_insert identitycol if in
index inner insert intersect into is join key kill left like lineno load merge national nocheck nonclustered
not null nullif of off offsets on open opendatasource openquery openrowset openxml option or order outer over
percent pivot plan precision primary print proc procedure public raiserror read readtext reconfigure
references replication restore restrict return revert revoke right rollback rowcount rowguidcol rule save
schema securityaudit select semantickeyphrasetable semanticsimilaritydetailstable semanticsimilaritytable
session_user set setuser shutdown some statistics system_user table tablesample textsize then to top tran
transaction trigger truncate try_convert tsequal union unique unpivot update updatetext use user values varying
view waitfor when where while with within writetext""".split())
# Text that never belongs in a name taken from legacy source text: quotes, statement ends, comment markers,
# and sqlcmd's variable syntax $(…), which sqlcmd substitutes anywhere in a script.
_SUSPICIOUS = re.compile(r"[';]|--|/\*|\*/|\$\(")


def is_reserved(word: str) -> bool:
    """True for a T-SQL reserved word (never a bare table, alias or column name)."""
    return word.lower() in RESERVED_WORDS


class UnsafeIdentifier(ValueError):
    """A name or definition that must not be written into executable SQL; the message is the reason."""


def unquote_identifier(name: str) -> str:
    """``[x]`` or ``"x"`` as written in SQL, to the bare name ``x``."""
    name = name.strip()
    if len(name) > 1 and name[0] == "[" and name[-1] == "]":
        return name[1:-1].replace("]]", "]")
    if len(name) > 1 and name[0] == name[-1] == '"':
        return name[1:-1].replace('""', '"')
    return name


def quote_identifier(name: Optional[str], brackets: bool = False) -> str:
    """``name`` as written when it is a regular identifier, else quoted: in brackets, or in
    double quotes (``"`` doubled) when it holds a ``]`` or ``[`` (in brackets, ``]`` doubled, with ``brackets``:
    the form OBJECT_ID and COL_LENGTH read in their string arguments).

    Raises UnsafeIdentifier for an empty, over-long or suspicious name (control or line-separator
    characters, quotes, ``;``, comment markers, ``$(``): those become review TODOs.
    """
    if not name or not name.strip():
        raise UnsafeIdentifier("empty identifier")
    if len(name) > 128:
        raise UnsafeIdentifier(f"identifier longer than 128 characters: {name[:40]}…")
    if has_hidden(name):
        raise UnsafeIdentifier(f"identifier holds a control or line-separator character: {escape_hidden(name)}")
    if _SUSPICIOUS.search(name):
        raise UnsafeIdentifier(f"identifier holds characters that need review: {name!r}")
    if _REGULAR.fullmatch(name) and name.lower() not in RESERVED_WORDS:
        return name
    if ("]" in name or "[" in name) and not brackets:  # [a]]b], [a[b] are valid; tools misread them (QUOTED_IDENTIFIER ON)
        return '"' + name.replace('"', '""') + '"'
    return "[" + name.replace("]", "]]") + "]"


_NAME_PART = re.compile(r'\s*(?:\[((?:[^\]]|\]\])*)\]|"((?:[^"]|"")*)"|([^.\[\]"]+))\s*')


def split_name(text: str) -> list[str]:
    """The parts of a dotted name, quoting respected: ``[a.b]`` is one part, ``x.[y]]z]`` two."""
    parts, i = [], 0
    while True:
        match = _NAME_PART.match(text, i)
        if not match:
            raise UnsafeIdentifier(f"not a well-formed name: {text!r}")
        bracketed, quoted, bare = match.groups()
        parts.append(bracketed.replace("]]", "]") if bracketed is not None
                     else quoted.replace('""', '"') if quoted is not None else bare.strip())
        i = match.end()
        if i == len(text):
            return parts
        if text[i] != ".":
            raise UnsafeIdentifier(f"not a well-formed name: {text!r}")
        i += 1


def table_parts(table: str) -> tuple[str, str]:
    """(schema, name) of a table written as ``t``, ``dbo.t`` or ``[dbo].[t]``; a name that reaches into
    another database or server (``x.y.z``) is refused."""
    parts = split_name(table)
    if len(parts) > 2:
        raise UnsafeIdentifier(f"the name {table!r} reaches another database ({'.'.join(parts[:-2])}); "
                               "a tenant deploy script changes only its own database")
    return (parts[0] if len(parts) == 2 else "dbo"), parts[-1]


def table_sql(schema: str, name: str, brackets: bool = False) -> str:
    return f"{quote_identifier(schema, brackets)}.{quote_identifier(name, brackets)}"


def string_literal(text: str, unicode: bool = False) -> str:
    """A T-SQL string literal (``'`` doubled; line breaks folded to spaces)."""
    flat = re.sub(r"[\r\n\t]+", " ", text)
    return ("N" if unicode else "") + "'" + flat.replace("'", "''") + "'"


def comment_text(text: str) -> str:
    """Text safe inside a ``--`` comment line: one line, control and line-separator characters escaped
    (``\\x0a``, ``\\u2028``), and ``$(`` broken so that sqlcmd substitutes nothing."""
    return escape_hidden(text).replace("$(", "$ (")


# ---------------------------------------------------------------- column definitions: the allow-list
_TOKEN = re.compile(r"""
    (?P<space>[ \t]+)
  | (?P<newline>\r\n?|\n)
  | (?P<comment>--|/\*|\*/)
  | (?P<string>[Nn]?'(?:[^']|'')*')
  | (?P<dquoted>"(?:[^"]|"")*")
  | (?P<bracket>\[(?:[^\]]|\]\])*\])
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d][\w@#$]*)
  | (?P<op><>|!=|<=|>=|[(),.=<>+\-*/%])
""", re.X)

# type -> the arguments it takes: "" none, "n" one number, "p" precision[,scale], "max" a number or MAX
_TYPES = {
    "BIGINT": "", "INT": "", "INTEGER": "", "SMALLINT": "", "TINYINT": "", "BIT": "",
    "DECIMAL": "p", "DEC": "p", "NUMERIC": "p", "MONEY": "", "SMALLMONEY": "", "FLOAT": "n", "REAL": "",
    "DATE": "", "DATETIME": "", "SMALLDATETIME": "", "DATETIME2": "n", "DATETIMEOFFSET": "n", "TIME": "n",
    "CHAR": "n", "VARCHAR": "max", "NCHAR": "n", "NVARCHAR": "max", "TEXT": "", "NTEXT": "",
    "BINARY": "n", "VARBINARY": "max", "IMAGE": "", "UNIQUEIDENTIFIER": "", "XML": "", "SQL_VARIANT": "",
    "ROWVERSION": "", "TIMESTAMP": "", "SYSNAME": "", "HIERARCHYID": "",
}
_NILADIC_FUNCTIONS = frozenset({"GETDATE", "GETUTCDATE", "SYSDATETIME", "SYSUTCDATETIME", "SYSDATETIMEOFFSET",
                                "NEWID", "NEWSEQUENTIALID", "SUSER_SNAME", "HOST_NAME", "APP_NAME"})
_NILADIC_KEYWORDS = frozenset({"CURRENT_TIMESTAMP", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER"})
_CHECK_WORDS = frozenset({"AND", "OR", "NOT", "IN", "BETWEEN", "IS", "NULL", "LIKE"})
_CHECK_FUNCTIONS = frozenset({"LEN", "DATALENGTH", "ABS", "UPPER", "LOWER", "LTRIM", "RTRIM"})
_GO_LINE = re.compile(r"^[ \t]*go(?:[ \t]+\d+)?[ \t]*\r?$", re.I | re.M)
_DOUBLE_QUOTED_NOTE = ('default "{0}" written as a string: \'{0}\' '
                       "(it was a string only under QUOTED_IDENTIFIER OFF)")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str

    @property
    def word(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def _tokens(text: str, what: str, line_breaks: bool) -> list[_Token]:
    """The tokens of ``text``; UnsafeIdentifier for anything the grammar has no token for."""
    if has_hidden(text.replace("\r", "").replace("\n", "").replace("\t", "")):
        raise UnsafeIdentifier(f"{what} holds a control or line-separator character: {escape_hidden(text)}")
    if "$(" in text:
        raise UnsafeIdentifier(f"{what} holds $(, which sqlcmd would substitute: {text!r}")
    tokens, i = [], 0
    while i < len(text):
        match = _TOKEN.match(text, i)
        if not match:
            raise UnsafeIdentifier(f"{what} holds {text[i]!r}, which no column definition has: {text!r}")
        kind = match.lastgroup
        if kind == "comment":
            raise UnsafeIdentifier(f"{what} holds a comment marker {match.group()}: {text!r}")
        if kind == "newline" and not line_breaks:
            raise UnsafeIdentifier(f"{what} holds a line break: {text!r}")
        if kind in ("string", "dquoted", "bracket") and ("\n" in match.group() or "\r" in match.group()):
            raise UnsafeIdentifier(f"{what} holds a quoted text that spans lines: {text!r}")
        if kind not in ("space", "newline"):
            tokens.append(_Token(kind, match.group()))
        i = match.end()
    return tokens


def _string_value(token: _Token) -> str:
    """The value of a '…' or "…" token."""
    body = token.text[token.text.index(token.text[-1]) + 1:-1]
    return body.replace(token.text[-1] * 2, token.text[-1])


def _name_value(token: Optional[_Token]) -> Optional[str]:
    """The name a word, [bracketed] or "quoted" token stands for (None for other tokens)."""
    if token is None or token.kind not in ("word", "bracket", "dquoted"):
        return None
    return unquote_identifier(token.text)


class _Reader:
    """A cursor over a definition's tokens that knows what it was reading when it fails."""

    def __init__(self, tokens: list[_Token], what: str):
        self.tokens, self.i, self.what = tokens, 0, what

    def peek(self, ahead: int = 0) -> Optional[_Token]:
        return self.tokens[self.i + ahead] if self.i + ahead < len(self.tokens) else None

    def next(self) -> Optional[_Token]:
        token = self.peek()
        self.i += token is not None
        return token

    def word(self, *words: str) -> Optional[str]:
        token = self.peek()
        if token is not None and token.word in words:
            self.i += 1
            return token.word
        return None

    def op(self, text: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "op" and token.text == text:
            self.i += 1
            return True
        return False

    def fail(self, expected: str) -> UnsafeIdentifier:
        token = self.peek()
        found = "the end" if token is None else repr(token.text)
        rest = " ".join(t.text for t in self.tokens[self.i:])[:80]
        return UnsafeIdentifier(f"{self.what}: expected {expected}, found {found}"
                                + (f" (not accepted: {rest})" if rest else ""))

    def expect_op(self, text: str) -> None:
        if not self.op(text):
            raise self.fail(repr(text))

    def integer(self, signed: bool = False) -> str:
        sign = "-" if signed and self.op("-") else ""
        token = self.peek()
        if token is None or token.kind != "number" or not token.text.isdigit():
            raise self.fail("a whole number")
        self.i += 1
        return sign + str(int(token.text))

    def done(self) -> None:
        if self.peek() is not None:
            raise self.fail("the end of the definition")


@dataclass(frozen=True)
class ColumnDefinition:
    """A column definition the allow-list accepted, each part in canonical form."""

    sql_type: str                       # VARCHAR(10), NUMERIC(11,8), DOUBLE PRECISION
    collation: Optional[str] = None
    identity: Optional[str] = None      # IDENTITY or IDENTITY(1,1)
    nullable: Optional[bool] = None     # NULL, NOT NULL, or not said
    constraint: Optional[str] = None    # the constraint name the source gives
    default: Optional[str] = None       # 'U', N'x', 0, -1.5, NULL, GETDATE(), CURRENT_TIMESTAMP
    key: Optional[str] = None           # PRIMARY KEY, UNIQUE NONCLUSTERED, …
    check: Optional[str] = None         # the CHECK expression, without its parentheses
    notes: tuple[str, ...] = ()

    @property
    def fails_on_rows(self) -> bool:
        """NOT NULL without a default or identity: cannot be added to a table that has rows."""
        return self.nullable is False and self.default is None and self.identity is None

    def sql(self, default_name: Optional[str]) -> str:
        """The definition as written into the script; a default is a named constraint (``default_name``
        when the source names none), so a later script can drop it."""
        parts = [self.sql_type]
        if self.collation:
            parts += ["COLLATE", self.collation]
        if self.identity:
            parts.append(self.identity)
        if self.nullable is not None:
            parts.append("NULL" if self.nullable else "NOT NULL")
        if self.default is not None:
            parts += ["CONSTRAINT", quote_identifier(self.constraint or default_name), f"DEFAULT ({self.default})"]
        elif self.constraint:
            parts += ["CONSTRAINT", quote_identifier(self.constraint)]
        if self.key:
            parts.append(self.key)
        if self.check:
            parts.append(f"CHECK ({self.check})")
        return " ".join(parts)


def _sql_type(reader: _Reader) -> str:
    token = reader.next()
    name = (_name_value(token) or "").upper() if token and token.kind in ("word", "bracket") else ""  # [numeric]
    if name == "DOUBLE" and reader.word("PRECISION"):
        return "DOUBLE PRECISION"
    if name not in _TYPES:
        reader.i -= token is not None
        raise reader.fail("a T-SQL type (" + ", ".join(sorted(t.lower() for t in _TYPES)) + ")")
    arguments = _TYPES[name]
    if not arguments or not reader.op("("):
        return name
    if arguments == "max" and reader.word("MAX"):
        size = "MAX"
    else:
        size = reader.integer()
        if arguments == "p" and reader.op(","):
            size += "," + reader.integer()
    reader.expect_op(")")
    return f"{name}({size})"


def _default_value(reader: _Reader, notes: list[str]) -> str:
    """A literal, a literal in parentheses, or an allowed niladic function: canonical text."""
    if reader.op("("):
        value = _default_value(reader, notes)
        reader.expect_op(")")
        return value
    sign = "-" if reader.op("-") else ""
    if not sign:
        reader.op("+")
    token = reader.next()
    if token is None:
        raise reader.fail("a default value")
    if token.kind == "number":
        return sign + token.text
    if sign:
        reader.i -= 1
        raise reader.fail("a number after the sign")
    if token.kind == "string":
        return string_literal(_string_value(token), unicode=token.text[0] in "Nn")
    if token.kind == "dquoted":
        notes.append(_DOUBLE_QUOTED_NOTE.format(_string_value(token)))
        return string_literal(_string_value(token))
    if token.word in _NILADIC_KEYWORDS or token.word == "NULL":
        return token.word
    if token.word in _NILADIC_FUNCTIONS and reader.op("("):
        reader.expect_op(")")
        return token.word + "()"
    reader.i -= 1
    raise reader.fail("a literal or one of " + ", ".join(sorted(f.lower() + "()" for f in _NILADIC_FUNCTIONS)))


def _check_expression(reader: _Reader, columns: set[str]) -> str:
    """``( expression )`` over ``columns`` (lower-case names): literals, comparisons, AND/OR/NOT/IN/
    BETWEEN/IS/LIKE and a few string and number functions; rendered without the outer parentheses."""
    reader.expect_op("(")
    pieces, depth = [], 1
    while True:
        token = reader.next()
        if token is None:
            raise reader.fail("')' closing the CHECK")
        if token.kind == "op" and token.text != ".":
            depth += (token.text == "(") - (token.text == ")")
            if depth == 0:
                break
            pieces.append(token.text)
        elif token.kind in ("number",):
            pieces.append(token.text)
        elif token.kind == "string":
            pieces.append(string_literal(_string_value(token), unicode=token.text[0] in "Nn"))
        elif token.word in _CHECK_WORDS:
            pieces.append(token.word)
        elif token.word in _CHECK_FUNCTIONS and reader.peek() and reader.peek().text == "(":
            pieces.append(token.word + "\0")  # glued to its "("
        elif token.kind in ("word", "bracket") and _name_value(token).lower() in columns:
            pieces.append(quote_identifier(_name_value(token)))
        else:
            reader.i -= 1
            raise reader.fail("a literal, an operator or a column of this table inside CHECK")
    if not pieces:
        raise reader.fail("an expression inside CHECK")
    text = " ".join(pieces).replace("\0 ", "")
    return re.sub(r"\( | \)| ,", lambda m: m.group().strip(), text)


def _definition(reader: _Reader, columns: set[str]) -> ColumnDefinition:
    """``type [(n[,m])] [COLLATE x] [IDENTITY[(s,i)]] [[NOT] NULL] [CONSTRAINT name] [DEFAULT …]
    [PRIMARY KEY | UNIQUE [CLUSTERED|NONCLUSTERED]] [CHECK (…)]``, in this order, each at most once."""
    notes: list[str] = []
    sql_type = _sql_type(reader)
    collation = identity = constraint = default = key = check = None
    nullable = None
    if reader.word("COLLATE"):
        token = reader.next()
        if token is None or token.kind != "word":
            reader.i -= token is not None
            raise reader.fail("a collation name")
        collation = token.text
    if reader.word("IDENTITY"):
        identity = "IDENTITY"
        if reader.op("("):
            seed = reader.integer(signed=True)
            reader.expect_op(",")
            identity += f"({seed},{reader.integer(signed=True)})"
            reader.expect_op(")")
    if reader.word("NOT"):
        if not reader.word("NULL"):
            raise reader.fail("NULL after NOT")
        nullable = False
    elif reader.word("NULL"):
        nullable = True
    if reader.word("CONSTRAINT"):
        constraint = _name_value(reader.next())
        if constraint is None:
            reader.i -= 1
            raise reader.fail("a constraint name")
        quote_identifier(constraint)
        if not (reader.peek() and reader.peek().word in ("DEFAULT", "PRIMARY", "UNIQUE", "CHECK")):
            raise reader.fail("DEFAULT, PRIMARY KEY, UNIQUE or CHECK after the constraint name")
    if reader.word("DEFAULT"):
        default = _default_value(reader, notes)
    if reader.word("PRIMARY"):
        if not reader.word("KEY"):
            raise reader.fail("KEY after PRIMARY")
        key = "PRIMARY KEY"
    elif reader.word("UNIQUE"):
        key = "UNIQUE"
    if key and reader.peek() and reader.peek().word in ("CLUSTERED", "NONCLUSTERED"):
        key += " " + reader.next().word
    if reader.word("CHECK"):
        check = _check_expression(reader, columns)
    return ColumnDefinition(sql_type, collation, identity, nullable, constraint, default, key, check, tuple(notes))


def parse_column_definition(definition: str, column: str) -> ColumnDefinition:
    """``definition`` (the text after the column's name) read by the allow-list grammar, nothing left over."""
    what = f"definition {definition!r}"
    reader = _Reader(_tokens(definition, what, line_breaks=False), what)
    parsed = _definition(reader, {column.lower()})
    reader.done()
    return parsed


def default_constraint_name(table: str, column: str) -> str:
    """The team's name for a column's default: ``DF_<table>_<column>``."""
    return f"DF_{table}_{column}"


def alter_table_statement(schema: str, table: str, column: str, definition: str,
                          action: str = "ADD") -> tuple[str, ColumnDefinition]:
    """``ALTER TABLE schema.table ADD column <definition>;`` (or ``ALTER COLUMN``, which takes only a
    type, a collation and NULL / NOT NULL) with the definition rewritten from what the grammar accepted."""
    parsed = parse_column_definition(definition, column)
    if action == "ALTER COLUMN":
        extra = [name for name, value in (("IDENTITY", parsed.identity), ("a constraint", parsed.constraint),
                                          ("DEFAULT", parsed.default), (parsed.key, parsed.key),
                                          ("CHECK", parsed.check)) if value]
        if extra:
            raise UnsafeIdentifier(f"ALTER COLUMN cannot set {', '.join(extra)}: {definition!r}")
    elif action != "ADD":
        raise ValueError(f"unknown ALTER TABLE action {action!r}")
    text = parsed.sql(default_constraint_name(table, column))
    return f"ALTER TABLE {table_sql(schema, table)} {action} {quote_identifier(column)} {text};", parsed


def _split_items(tokens: list[_Token]) -> list[list[_Token]]:
    """Tokens split at the commas outside parentheses."""
    items: list[list[_Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == "op" and token.text in "()":
            depth += 1 if token.text == "(" else -1
        if depth == 0 and token.kind == "op" and token.text == ",":
            items.append([])
        else:
            items[-1].append(token)
    return items


def _column_list(reader: _Reader, columns: set[str], order: bool) -> str:
    """``(a [ASC|DESC], b)`` naming declared columns."""
    reader.expect_op("(")
    names = []
    while True:
        name = _name_value(reader.next())
        if name is None or name.lower() not in columns:
            reader.i -= 1
            raise reader.fail("a column of this table")
        direction = reader.word("ASC", "DESC") if order else None
        names.append(quote_identifier(name) + (f" {direction}" if direction else ""))
        if reader.op(")"):
            return "(" + ", ".join(names) + ")"
        reader.expect_op(",")


def _table_constraint(reader: _Reader, columns: set[str]) -> str:
    """``[CONSTRAINT name] PRIMARY KEY | UNIQUE [CLUSTERED|NONCLUSTERED] (cols)``, ``FOREIGN KEY (cols)
    REFERENCES t [(cols)]`` or ``CHECK (…)``."""
    parts = []
    if reader.word("CONSTRAINT"):
        name = _name_value(reader.next())
        if name is None:
            reader.i -= 1
            raise reader.fail("a constraint name")
        parts += ["CONSTRAINT", quote_identifier(name)]
    if reader.word("PRIMARY") or reader.word("UNIQUE"):
        key = reader.tokens[reader.i - 1].word
        if key == "PRIMARY" and not reader.word("KEY"):
            raise reader.fail("KEY after PRIMARY")
        parts.append("PRIMARY KEY" if key == "PRIMARY" else "UNIQUE")
        clustering = reader.word("CLUSTERED", "NONCLUSTERED")
        parts += [clustering] if clustering else []
        parts.append(_column_list(reader, columns, order=True))
    elif reader.word("FOREIGN"):
        if not reader.word("KEY"):
            raise reader.fail("KEY after FOREIGN")
        parts += ["FOREIGN KEY", _column_list(reader, columns, order=False)]
        if not reader.word("REFERENCES"):
            raise reader.fail("REFERENCES")
        parts += ["REFERENCES", table_sql(*_referenced_table(reader))]
        if reader.peek() and reader.peek().text == "(":
            reader.expect_op("(")
            referenced = []
            while True:
                name = _name_value(reader.next())
                if name is None:
                    reader.i -= 1
                    raise reader.fail("a referenced column")
                referenced.append(quote_identifier(name))
                if reader.op(")"):
                    break
                reader.expect_op(",")
            parts.append("(" + ", ".join(referenced) + ")")
    elif reader.word("CHECK"):
        parts.append(f"CHECK ({_check_expression(reader, columns)})")
    else:
        raise reader.fail("PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK")
    return " ".join(parts)


def _referenced_table(reader: _Reader) -> tuple[str, str]:
    """The (schema, name) after REFERENCES: one or two name tokens joined by a dot."""
    parts = [_name_value(reader.next())]
    while reader.op("."):
        parts.append(_name_value(reader.next()))
    if None in parts or len(parts) > 2:
        reader.i -= 1
        raise reader.fail("a table of this database after REFERENCES")
    return (parts[0], parts[1]) if len(parts) == 2 else ("dbo", parts[0])


_TABLE_CONSTRAINT_WORDS = frozenset({"CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK"})


def create_table_statement(schema: str, table: str, statement: str) -> tuple[str, list[str]]:
    """``CREATE TABLE schema.table (…);`` rewritten, one item a line, from the column list of ``statement``
    (the source's ``CREATE TABLE x (…)``) after the allow-list accepted every item; and the notes."""
    if _GO_LINE.search(statement):
        raise UnsafeIdentifier("the CREATE TABLE text holds a line with only GO (sqlcmd's batch separator)")
    open_paren = statement.find("(")
    if open_paren < 0 or not statement.rstrip().endswith(")"):
        raise UnsafeIdentifier("the CREATE TABLE text does not end with its column list")
    what = "the CREATE TABLE column list"
    items = _split_items(_tokens(statement.rstrip()[open_paren + 1:-1], what, line_breaks=True))
    is_column = [bool(item) and item[0].word not in _TABLE_CONSTRAINT_WORDS for item in items]
    columns = {(_name_value(item[0]) or "").lower() for item, column in zip(items, is_column) if column}
    lines, notes = [], []
    for item, column in zip(items, is_column):
        if not item:
            raise UnsafeIdentifier(f"{what} has an empty item")
        if column:
            name = _name_value(item[0])
            if name is None:
                raise UnsafeIdentifier(f"{what}: expected a column name, found {item[0].text!r}")
            reader = _Reader(item[1:], f"column {name!r}")
            parsed = _definition(reader, {name.lower()})
            reader.done()
            lines.append(f"{quote_identifier(name)} {parsed.sql(default_constraint_name(table, name))}")
            notes += parsed.notes
        else:
            reader = _Reader(item, what)
            lines.append(_table_constraint(reader, columns))
            reader.done()
    body = ",\n".join("    " + line for line in lines)
    return f"CREATE TABLE {table_sql(schema, table)} (\n{body}\n);", notes


# type -> (sys.columns TYPE_NAME values, what its argument sets: "length" bytes per character, "p" precision
# and scale, "scale" fractional seconds); the default argument T-SQL gives it when none is written
_CURRENT_TYPE = {
    "DECIMAL": (("decimal", "numeric"), "p", "18"), "DEC": (("decimal", "numeric"), "p", "18"),
    "NUMERIC": (("decimal", "numeric"), "p", "18"), "INTEGER": (("int",), "", ""),
    "CHAR": (("char",), 1, "1"), "VARCHAR": (("varchar",), 1, "1"), "BINARY": (("binary",), 1, "1"),
    "VARBINARY": (("varbinary",), 1, "1"), "NCHAR": (("nchar",), 2, "1"), "NVARCHAR": (("nvarchar",), 2, "1"),
    "DATETIME2": (("datetime2",), "scale", "7"), "DATETIMEOFFSET": (("datetimeoffset",), "scale", "7"),
    "TIME": (("time",), "scale", "7"), "ROWVERSION": (("timestamp",), "", ""),
    "DOUBLE PRECISION": (("float",), "", ""),
}


def column_type_condition(definition: ColumnDefinition) -> str:
    """A condition over a ``sys.columns`` row that holds when the column already has ``definition``'s type
    (and its NULL / NOT NULL, when the definition says it): ``TYPE_NAME(user_type_id)``, ``max_length``,
    ``[precision]`` (a reserved word), ``scale``, ``is_nullable``. Raises UnsafeIdentifier for a type it cannot compare (FLOAT(n))."""
    name, _, argument = definition.sql_type.partition("(")
    argument = argument.rstrip(")")
    names, sets, default = _CURRENT_TYPE.get(name, ((name.lower(),), "", ""))
    if argument and not sets:
        raise UnsafeIdentifier(f"the current type cannot be compared with {definition.sql_type}")
    argument = argument or default
    parts = ["TYPE_NAME(user_type_id) " + (f"= N'{names[0]}'" if len(names) == 1
                                           else "IN (" + ", ".join(f"N'{n}'" for n in names) + ")")]
    if sets == "p":
        precision, _, scale = argument.partition(",")
        parts += [f"[precision] = {int(precision)}", f"scale = {int(scale or 0)}"]
    elif sets == "scale":
        parts.append(f"scale = {int(argument)}")
    elif sets:
        parts.append(f"max_length = {-1 if argument == 'MAX' else int(argument) * sets}")
    if definition.nullable is not None:
        parts.append(f"is_nullable = {int(definition.nullable)}")
    return " AND ".join(parts)

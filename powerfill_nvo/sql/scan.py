"""Token-scan fallback for statements sqlglot cannot read (``INSERT … EXEC``,
``OUTPUT … INTO``, MERGE, broken text): tables and aliases from FROM/JOIN/
UPDATE/INTO/INSERT/DELETE, then every name or ``alias.name`` resolved against them.

Unlike the parse path, an unqualified name is only reported when a statement
table has it in the catalog (or the single table is unknown there), since
without a parse a bare word may be anything.
"""
from __future__ import annotations

from sqlglot.tokens import TokenType

from .catalog import SchemaView
from .model import UNKNOWN_TABLE, Hit
from .tokens import NAME_TYPES, Lexed, closing, object_name, top_level_items

TABLE_WORDS = frozenset({"FROM", "JOIN", "UPDATE", "INTO", "MERGE", "USING"})
#: Functions whose first argument is a date part (``DATEADD(day, …)``), not a column.
DATE_PART_FUNCTIONS = frozenset({"DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART", "DATENAME", "DATETRUNC"})
#: Words after which a name is not a column (alias, cursor, procedure).
NOT_AFTER = frozenset({"AS", "OF", "EXEC", "EXECUTE"})
SET_END = frozenset({"FROM", "WHERE", "OUTPUT", "OPTION"})


class _Scan:
    def __init__(self, lexed: Lexed, start: int, end: int, schema: SchemaView) -> None:
        self.lexed, self.start, self.end, self.schema = lexed, start, end, schema
        self.tables: list[str] = []
        self.aliases: dict[str, str] = {}
        self.taken: set[int] = set()        # tokens naming tables or aliases
        self.writes: dict[int, str] = {}    # written column token -> its table ('' = SET target)
        self.target = ""

    def run(self) -> list[Hit]:
        self._find_tables()
        hits = []
        i = self.start
        while i < self.end:
            parts, after = self._chain(i)
            if parts and self._is_column(i, after):
                hit = self._resolve(parts, after - 1)
                if hit:
                    hits.append(hit)
            i = max(after, i + 1)
        return hits

    # -- tables ---------------------------------------------------------------

    def _find_tables(self) -> None:
        words = self.lexed.words
        for i in range(self.start, self.end):
            word, nxt = words[i], words[i + 1] if i + 1 < self.end else ""
            if word in TABLE_WORDS or (word in ("DELETE", "INSERT") and nxt not in ("FROM", "INTO")):
                table, j = self._table_at(i + 1)
                if word == "FROM":
                    while table and j < self.end and words[j] == ",":
                        table, j = self._table_at(j + 1)
                elif table and word in ("INTO", "INSERT") and j < self.end and words[j] == "(":
                    for first, _ in top_level_items(self.lexed, j + 1, closing(self.lexed, j, self.end)):
                        self.writes[first] = table
                if table and word in ("UPDATE", "INSERT", "INTO", "DELETE", "MERGE") and not self.target:
                    self.target = table
            elif word == "SET" and "UPDATE" in words[self.start:i]:
                self._set_targets(i + 1)

    def _table_at(self, i: int) -> tuple[str, int]:
        name, j = object_name(self.lexed, i, self.end)
        if not name:
            return "", i
        if self.lexed.tokens[j - 1].start in self.lexed.unknown:
            name = UNKNOWN_TABLE
        self.taken.update(range(i, j))
        self.tables.append(name)
        self.aliases[name.lower()] = name
        if j < self.end and self.lexed.words[j] == "AS":
            j += 1
        tokens = self.lexed.tokens
        if j < self.end and tokens[j].token_type is TokenType.VAR:
            self.aliases[tokens[j].text.lower()] = name
            self.taken.add(j)
            j += 1
        return name, j

    def _set_targets(self, i: int) -> None:
        """``SET a = …, t.b = …``: the names before each top-level ``=`` are written."""
        words, depth, in_target = self.lexed.words, 0, True
        for j in range(i, self.end):
            word = words[j]
            depth += (word == "(") - (word == ")")
            if depth:
                continue
            if word in SET_END:
                return
            if word == ",":
                in_target = True
            elif word == "=" and in_target:
                self.writes[j - 1] = ""
                in_target = False

    # -- columns --------------------------------------------------------------

    def _chain(self, i: int) -> tuple[list[str], int]:
        """The parts of ``a.b.c`` (``#t.c``) starting at token i and the index after it."""
        tokens = self.lexed.tokens
        if i in self.taken or tokens[i].token_type is TokenType.PARAMETER \
                or (i > self.start and tokens[i - 1].token_type in (TokenType.DOT, TokenType.PARAMETER)):
            return [], i + 1
        parts: list[str] = []
        j = i
        while j < self.end:
            prefix = ""
            if tokens[j].token_type is TokenType.HASH and j + 1 < self.end:
                prefix, j = "#", j + 1
            if tokens[j].token_type not in NAME_TYPES and not (parts and self.lexed.words[j].isidentifier()):
                break
            parts.append(prefix + tokens[j].text)
            j += 1
            if not (j + 1 < self.end and tokens[j].token_type is TokenType.DOT):
                break
            j += 1
        if len(parts) == 1 and parts[0].startswith("#"):
            return [], j  # a temp table's name
        return parts, j

    def _is_column(self, first: int, after: int) -> bool:
        words = self.lexed.words
        if after < self.end and words[after] == "(":
            return False  # a function
        prev = words[first - 1] if first > self.start else ""
        if prev in NOT_AFTER:
            return False
        return not (prev == "(" and first - 2 >= self.start and words[first - 2] in DATE_PART_FUNCTIONS)

    def _resolve(self, parts: list[str], index: int) -> Hit | None:
        column = parts[-1]
        written = self.writes.get(index)
        access = "read" if written is None else "write"
        table = written or (self.target if written == "" and len(parts) == 1 else "")
        resolved = True
        if not table and len(parts) > 1:
            qualifier = parts[-2].lower()
            table = self.aliases.get(qualifier, "")
            if not table and qualifier in ("inserted", "deleted"):
                table = self.target
            if not table and self.schema.known(qualifier):
                table = parts[-2]
            if not table:
                return None
        elif not table:
            having = [t for t in self.tables if self.schema.column(t, column)]
            if len(having) == 1:
                table = having[0]
            elif having:
                table, resolved = having[0], False
            elif len(self.tables) == 1 and not self.schema.known(self.tables[0]):
                table, resolved = self.tables[0], False
            else:
                return None
        spelled = self.schema.column(table, column) or column
        return Hit(index - self.start, self.schema.table_name(table), spelled, access, resolved)


def scan(lexed: Lexed, start: int, end: int, schema: SchemaView) -> list[Hit]:
    """Hits of tokens ``start:end`` found without a parse (indexes relative to ``start``)."""
    return _Scan(lexed, start, end, schema).run()

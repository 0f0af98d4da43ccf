"""Token-scan fallback for statements sqlglot cannot read (broken text, shapes it does not know).

The statement's own sources come first: tables after FROM/JOIN/APPLY/USING/INTO and the
verbs (``UPDATE x``, ``DELETE x FROM t x``, ``MERGE [INTO] t``, ``INSERT [INTO] t``), each
with its alias; derived tables, table functions and CTEs are sources without a table.
A reserved word is never a table or an alias, and a name the statement declares as an
alias is never a table. Then every ``alias.name`` and name is resolved against them:

* ``q.c``: the table of alias ``q`` (``inserted``/``deleted``: the statement's target);
  no table when ``q`` is a derived source; ``table None`` (unattributed) when ``q`` is
  neither an alias nor a known table;
* ``c``: a SET target or a MERGE ``INSERT (…)`` column is the target's; otherwise only
  reported when a statement table has it in the catalog (or the single table is unknown
  there), since without a parse a bare word may be anything.
"""
from __future__ import annotations

from sqlglot.tokens import TokenType

from ..tsql import is_reserved
from .catalog import SchemaView
from .model import UNKNOWN_TABLE, Hit, is_system
from .tokens import NAME_TYPES, Lexed, closing, object_name, top_level_items

SOURCE_WORDS = frozenset({"FROM", "JOIN", "APPLY", "USING", "INTO"})
#: Verbs naming the statement's target, and the word that may stand between verb and table.
TARGET_VERBS = {"UPDATE": "", "DELETE": "FROM", "INSERT": "INTO", "MERGE": "INTO"}
#: Functions whose first argument is a date part or a type (``DATEADD(day, …)``), not a column.
NOT_COLUMN_FUNCTIONS = frozenset(
    {"DATEADD", "DATEDIFF", "DATEDIFF_BIG", "DATEPART", "DATENAME", "DATETRUNC", "CONVERT", "TRY_CONVERT"})
#: Words after which a name is not a column (alias, cursor, procedure, MERGE's BY TARGET/SOURCE).
NOT_AFTER = frozenset({"AS", "OF", "EXEC", "EXECUTE", "BY"})
NOT_COLUMNS = frozenset({"MATCHED"})
SET_END = frozenset({"FROM", "WHERE", "OUTPUT", "OPTION"})
TARGET_QUALIFIERS = frozenset({"inserted", "deleted"})


class _Scan:
    def __init__(self, lexed: Lexed, start: int, end: int, schema: SchemaView) -> None:
        self.lexed, self.start, self.end, self.schema = lexed, start, end, schema
        self.words = lexed.words
        self.tables: list[tuple[str, int]] = []  # (table, its scope: see _scopes)
        self.scopes = self._scopes()
        self.aliases: dict[str, str] = {}   # lower-case alias or table name -> table
        self.derived: set[str] = set()      # lower-case names of sources without a table
        self.taken: set[int] = set()        # tokens naming tables or aliases
        self.writes: dict[int, str] = {}    # written column token -> its table ('' = the target's)
        self.target = ""

    def run(self) -> list[Hit]:
        self._find_sources()
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

    def _scopes(self) -> list[int]:
        """For each token, the index of the ``(`` of the innermost subquery around it (-1: none)."""
        words, scopes, stack = self.words, [], []
        for j in range(self.start, self.end):
            if words[j] == ")" and stack:
                stack.pop()
            scopes.append(next((s for s in reversed(stack) if s >= 0), -1))
            if words[j] == "(":
                stack.append(j if j + 1 < self.end and words[j + 1] in ("SELECT", "WITH") else -1)
        return scopes

    def _scope_tables(self, index: int) -> list[str]:
        """The tables of the innermost scope around token ``index`` that has any (subquery, then outer)."""
        scope = self.scopes[index - self.start]
        while True:
            tables = [t for t, s in self.tables if s == scope]
            if tables or scope < 0:
                return tables
            scope = self.scopes[scope - self.start]

    # -- sources --------------------------------------------------------------

    def _find_sources(self) -> None:
        words, end = self.words, self.end
        target_name = ""
        if words[self.start] == "WITH":
            self._ctes(self.start + 1)
        i = self.start
        while i < end:
            word = words[i]
            nxt = words[i + 1] if i + 1 < end else ""
            if word in TARGET_VERBS and nxt != "(" and not self.target and not target_name:
                j = i + 1 + (nxt == TARGET_VERBS[word] != "")
                if word in ("UPDATE", "DELETE") and j == i + 1:  # UPDATE x / DELETE x: x may be an alias
                    target_name, j = self._name_at(j)
                else:
                    table, j = self._source(j, column_list=word != "DELETE")
                    self.target = table or ""
                i = max(j, i + 1)
                continue
            if word == "INSERT" and nxt == "(":  # MERGE … THEN INSERT (a, b): the target's columns
                self._column_list(i + 1, "")
            elif word == "SET" and "UPDATE" in words[self.start:i]:
                self._set_targets(i + 1)
            elif word in SOURCE_WORDS:
                table, j = self._source(i + 1, column_list=word == "INTO")
                while word == "FROM" and table is not None and j < end and words[j] == ",":
                    table, j = self._source(j + 1)
                i = max(j, i + 1)
                continue
            i += 1
        if target_name:
            key = target_name.lower()
            self.target = "" if key in self.derived else self.aliases.get(key) or self._add(target_name, "", self.start)

    def _ctes(self, i: int) -> None:
        """``WITH a AS (…), b (x, y) AS (…)``: a and b are sources without a table."""
        while i < self.end:
            name, j = self._name_at(i)
            if not name:
                return
            if j < self.end and self.words[j] == "(":
                j = closing(self.lexed, j, self.end) + 1
            if j + 1 >= self.end or self.words[j] != "AS" or self.words[j + 1] != "(":
                return
            self.derived.add(name.lower())
            i = closing(self.lexed, j + 1, self.end) + 1
            if i >= self.end or self.words[i] != ",":
                return
            i += 1

    def _name_at(self, i: int) -> tuple[str, int]:
        """The table name at token i (``""`` for a reserved word or none) and the index after it."""
        name, j = object_name(self.lexed, i, self.end)
        if not name or (self.lexed.tokens[j - 1].token_type not in NAME_TYPES and is_reserved(name)):
            return "", i
        self.taken.update(range(i, j))
        if self.lexed.tokens[j - 1].start in self.lexed.unknown:
            name = UNKNOWN_TABLE
        return name, j

    def _source(self, i: int, column_list: bool = False) -> tuple[str | None, int]:
        """The source at token i: its table ('' for a derived table or a table function, None for
        no source) with its alias registered, and the index after it. With ``column_list``
        (``INTO t (a, b)``) a parenthesis after the name lists columns written to it."""
        words, end = self.words, self.end
        if i < end and words[i] == "(":
            return self._derived(i)
        name, j = self._name_at(i)
        if not name:
            return None, i
        if j < end and words[j] == "(" and not column_list:  # a table function: dbo.fn(@x) f
            return self._derived(j)
        schema = self.lexed.tokens[i].text if j - i > 1 else ""
        alias, j = self._alias_at(j)
        if is_system(schema, name):  # the engine's catalog: no table
            self.derived.update({name.lower(), alias.lower()} - {""})
            return "", j
        self._add(name, alias, i)
        if j < end and words[j] == "(" and column_list:
            self._column_list(j, name)
        return name, j

    def _derived(self, open_paren: int) -> tuple[str, int]:
        """A derived table or table function at ``open_paren``: its alias is registered, and the scan
        goes on inside it (its own FROM names tables of its own scope)."""
        alias, _ = self._alias_at(closing(self.lexed, open_paren, self.end) + 1)
        if alias:
            self.derived.add(alias.lower())
        return "", open_paren + 1

    def _alias_at(self, j: int) -> tuple[str, int]:
        """The alias at token j (after an optional AS) and the index after it."""
        if j < self.end and self.words[j] == "AS":
            j += 1
        tokens = self.lexed.tokens
        if j < self.end and (tokens[j].token_type is TokenType.IDENTIFIER
                             or tokens[j].token_type is TokenType.VAR and not is_reserved(tokens[j].text)) \
                and not (j + 1 < self.end and tokens[j + 1].token_type is TokenType.DOT):
            self.taken.add(j)
            return tokens[j].text, j + 1
        return "", j

    def _add(self, table: str, alias: str, index: int) -> str:
        self.tables.append((table, self.scopes[index - self.start]))
        self.aliases.setdefault(table.lower(), table)
        if alias:
            self.aliases[alias.lower()] = table
        return table

    def _column_list(self, i: int, table: str) -> None:
        """``(a, b, …)`` at token i: columns written to ``table`` ('' = the target)."""
        for first, _ in top_level_items(self.lexed, i + 1, closing(self.lexed, i, self.end)):
            self.writes[first] = table

    def _set_targets(self, i: int) -> None:
        """``SET a = …, t.b = …``: the names before each top-level ``=`` are written."""
        words, depth, in_target = self.words, 0, True
        for j in range(i, self.end):
            word = words[j]
            depth += (word == "(") - (word == ")")
            if depth:
                continue
            if word in SET_END or word == "WHEN":
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
            if not (tokens[j].token_type in NAME_TYPES or self._keyword_name(j, after_dot=bool(parts))):
                break
            parts.append(prefix + tokens[j].text)
            j += 1
            if not (j + 1 < self.end and tokens[j].token_type is TokenType.DOT):
                break
            j += 1
        if len(parts) == 1 and parts[0].startswith("#"):
            return [], j  # a temp table's name
        return parts, j

    def _keyword_name(self, j: int, after_dot: bool) -> bool:
        """A keyword token that can be a column name: a word T-SQL does not reserve, after a dot or when
        it is a known column here (``text``, ``date``, ``first``)."""
        word = self.words[j]
        if not word.isidentifier() or is_reserved(word):
            return False
        return after_dot or any(self.schema.column(t, word) for t, _ in self.tables)

    def _is_column(self, first: int, after: int) -> bool:
        words = self.words
        if after < self.end and words[after] == "(":
            return False  # a function
        if words[first] in NOT_COLUMNS:
            return False
        prev = words[first - 1] if first > self.start else ""
        if prev in NOT_AFTER:
            return False
        return not (prev == "(" and first - 2 >= self.start and words[first - 2] in NOT_COLUMN_FUNCTIONS)

    def _resolve(self, parts: list[str], index: int) -> Hit | None:
        column = parts[-1]
        written = self.writes.get(index)
        access = "read" if written is None else "write"
        table: str | None = written or (self.target if written == "" and len(parts) == 1 else "")
        resolved = True
        if not table and len(parts) > 1:
            qualifier = parts[-2].lower()
            if qualifier in self.derived:
                return None  # a derived table's column: found inside it
            table = self.aliases.get(qualifier, "")
            if not table and qualifier in TARGET_QUALIFIERS:
                table = self.target or None
            if not table and self.schema.known(qualifier):
                table = parts[-2]
            if not table:
                table, resolved = None, False
        elif not table:
            tables = self._scope_tables(index)
            having = [t for t in tables if self.schema.column(t, column)]
            if len(having) == 1:
                table = having[0]
            elif having:
                table, resolved = having[0], False
            elif len(tables) == 1 and not self.schema.known(tables[0]) \
                    and self.lexed.tokens[index].token_type in NAME_TYPES:
                table, resolved = tables[0], False
            else:
                return None
        if table is None:
            return Hit(index - self.start, None, column, access, False)
        spelled = self.schema.column(table, column) or column
        return Hit(index - self.start, self.schema.table_name(table), spelled, access, resolved)


def scan(lexed: Lexed, start: int, end: int, schema: SchemaView) -> list[Hit]:
    """Hits of tokens ``start:end`` found without a parse (indexes relative to ``start``)."""
    return _Scan(lexed, start, end, schema).run()

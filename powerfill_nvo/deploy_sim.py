"""Deploy scripts applied to a tenant schema in simulation, and DDL snapshots read the same way.

The script is split with the project's T-SQL splitter (``sql/split.py``); ``IF`` / ``ELSE`` / ``BEGIN`` …
``END`` / ``BEGIN TRY`` are followed, and guards are evaluated against the simulated schema:
``OBJECT_ID(…) IS [NOT] NULL``, ``COL_LENGTH(…) IS [NOT] NULL`` and ``[NOT] EXISTS (SELECT … FROM
sys.columns | syscolumns | INFORMATION_SCHEMA.COLUMNS | sys.tables | sys.objects | sysobjects |
INFORMATION_SCHEMA.TABLES WHERE …)`` with AND, OR, NOT and parentheses. ``CREATE TABLE``, ``ALTER TABLE …
ADD / DROP COLUMN / ALTER COLUMN``, ``DROP TABLE``, ``sp_rename`` and ``EXEC('…')`` of a literal change the
schema. Everything that could change it but cannot be followed is listed in ``not_simulated``, never
silently skipped; a guard that tests another table or column than the statement it guards changes is
warned.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional

from sqlglot import exp
from sqlglot.errors import ParseError
from sqlglot.tokens import TokenType

from .reader import ReadError, read_source
from .sourcemap import MappedText
from .sql.analysis import column_defs
from .sql.ddl import table_declaration
from .sql.dynamic import Variables, assign, executed_text, is_dynamic
from .sql.split import Statement, split, starts_body
from .sql.tokens import STRING_TYPES, Lexed, find_top_level, lex, parse_tsql, top_level_items
from .tsql import UnsafeIdentifier, split_name
from .tenant import TenantColumn, TenantError, TenantSchema, declared_nullable, declared_type

#: Statements that never change tables or columns (``begin`` here is BEGIN TRAN; ``create`` one without a
#: body: CREATE SCHEMA, TYPE, USER, ROLE, SYNONYM, SEQUENCE, STATISTICS).
NO_SCHEMA_EFFECT = frozenset(
    "select insert update delete merge with set declare print raiserror commit rollback save open close fetch "
    "deallocate use grant revoke deny checkpoint truncate waitfor label create_index readtext writetext "
    "updatetext dbcc break continue begin end else create".split())
#: Procedures that are run in deploy scripts and never change tables or columns.
HARMLESS_PROCEDURES = frozenset(
    "sp_addextendedproperty sp_updateextendedproperty sp_dropextendedproperty sp_refreshview sp_recompile "
    "sp_help sp_helptext sp_settriggerorder sp_bindefault sp_unbindefault".split())
#: ALTER TABLE actions that leave the columns as they are.
ALTER_NO_COLUMN_EFFECT = frozenset({"CHECK", "NOCHECK", "WITH", "ENABLE", "DISABLE", "SET", "REBUILD"})


@dataclass(frozen=True)
class NotSimulated:
    """A statement whose effect on the schema is not known, or a guard that looks wrong (``warning``)."""

    file: str
    line: int
    statement: str
    reason: str
    warning: bool = False


@dataclass
class Simulation:
    tenant: TenantSchema
    files: list[str] = field(default_factory=list)
    not_simulated: list[NotSimulated] = field(default_factory=list)
    applied: int = 0


def _short(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 100 else first[:99] + "…"


class _Unknown(Exception):
    """A condition that cannot be evaluated against the simulated schema."""


class _Script:
    """One script run against ``sim.tenant``; ``strict`` (a DDL snapshot) makes unreadable DDL an error."""

    def __init__(self, sim: Simulation, path: str, text: MappedText, strict: bool) -> None:
        self.sim, self.path, self.text, self.strict = sim, path, text, strict
        self.lexed: Lexed = lex(text)
        self.statements = split(self.lexed)
        self.guards: list[tuple[int, set[tuple[str, str]]]] = []
        self.variables: Variables = {}
        if self.lexed.error_line:
            self._not_simulated(self.lexed.error_line, "", "the text from here on cannot be read as T-SQL "
                                "(an unclosed string or comment?)", fatal=True)

    # ---------------------------------------------------------------- helpers
    def _line(self, s: Statement) -> int:
        return self.text.line_at(self.lexed.tokens[s.start].start)

    def _sql(self, s: Statement) -> str:
        tokens = self.lexed.tokens
        return self.text.text[tokens[s.start].start:tokens[s.end - 1].end + 1]

    def _not_simulated(self, line: int, statement: str, reason: str, warning: bool = False,
                       fatal: bool = False) -> None:
        if self.strict and fatal:
            raise TenantError(f"{self.path}: line {line}: {reason}")
        self.sim.not_simulated.append(NotSimulated(self.path, line, _short(statement), reason, warning))

    def _name(self, i: int, end: int) -> tuple[Optional[str], str, int]:
        """(schema or None, name, index after) of the dotted name at token ``i``."""
        tokens, parts = self.lexed.tokens, []
        while i < end and (tokens[i].token_type in (TokenType.VAR, TokenType.IDENTIFIER)
                           or self.lexed.words[i].isidentifier()):
            parts.append(tokens[i].text)
            i += 1
            if i < end and tokens[i].token_type is TokenType.DOT:
                i += 1
                continue
            break
        if not parts:
            return None, "", i
        return (parts[-2] if len(parts) > 1 else None), parts[-1], i

    def _ours(self, schema: Optional[str], name: str) -> bool:
        """A table of the simulated schema (an unqualified name is in it), not a temp table."""
        return bool(name) and name[0] not in "#@" and (schema is None or schema.lower() == self.sim.tenant.schema.lower())

    # ---------------------------------------------------------------- control flow
    def run(self) -> None:
        i = 0
        while i < len(self.statements):
            i = self._unit(i, "run")

    def _unit(self, i: int, mode: str) -> int:
        """Run (``mode`` run), skip (``skip``: a guard said no) or list (``mode`` is then the reason) the
        statement or block at ``i``; the index after it."""
        statements = self.statements
        s = statements[i]
        words = self.lexed.words
        if s.keyword == "if":
            return self._if(i, mode)
        second = words[s.start + 1] if s.end - s.start > 1 else ""
        if s.keyword == "begin" and second in ("", "TRY", "CATCH"):
            inner = "skip" if second == "CATCH" else mode  # a CATCH block runs only after an error
            j = i + 1
            while j < len(statements) and statements[j].keyword != "end" and statements[j].batch == s.batch:
                j = self._unit(j, inner)
            return j + 1
        if s.keyword == "while":
            if mode == "run":
                self._not_simulated(self._line(s), self._sql(s), "a WHILE loop is not simulated; its body is not applied")
            inner = "skip" if mode == "skip" else f"in the WHILE loop at line {self._line(s)}, not simulated"
            return self._body(i, inner)
        if starts_body(self.lexed, s):
            return self._batch_end(i)
        if mode == "run":
            if s.keyword in ("return", "throw"):  # the rest of the batch does not run
                return self._batch_end(i)
            assign(self.text, self.lexed, s, self.variables)
            self._apply(s)
        elif mode != "skip" and s.keyword not in NO_SCHEMA_EFFECT:
            self._not_simulated(self._line(s), self._sql(s), mode)
        return i + 1

    def _batch_end(self, i: int) -> int:
        """The index of the first statement after the batch of statement ``i``."""
        batch = self.statements[i].batch
        while i < len(self.statements) and self.statements[i].batch == batch:
            i += 1
        return i

    def _body(self, i: int, mode: str) -> int:
        """The statement or block after the IF / ELSE / WHILE at ``i`` (none when the batch ends there)."""
        if i + 1 < len(self.statements) and self.statements[i + 1].batch == self.statements[i].batch:
            return self._unit(i + 1, mode)
        return i + 1


    def _if(self, i: int, mode: str) -> int:
        s = self.statements[i]
        then_mode = else_mode = mode
        subjects: set[tuple[str, str]] = set()
        if mode == "run":
            try:
                value = self._condition(s, subjects)
                then_mode, else_mode = ("run", "skip") if value else ("skip", "run")
            except _Unknown as e:
                self._not_simulated(self._line(s), self._sql(s), f"condition not understood ({e}); "
                                                                 "neither branch is applied")
                then_mode = else_mode = f"in a branch of the IF at line {self._line(s)}, whose condition " \
                                        "was not understood"
        self.guards.append((self._line(s), subjects))
        j = self._body(i, then_mode)
        self.guards.pop()
        if j < len(self.statements) and self.statements[j].keyword == "else":
            self.guards.append((self._line(s), subjects))
            j = self._body(j, else_mode)
            self.guards.pop()
        return j

    # ---------------------------------------------------------------- conditions
    def _condition(self, s: Statement, subjects: set[tuple[str, str]]) -> bool:
        text = self._sql(s)[2:]
        try:
            tree = parse_tsql("SELECT 1 WHERE " + text)[0]
        except ParseError:
            raise _Unknown("it does not parse") from None
        where = tree.args.get("where") if isinstance(tree, exp.Select) else None
        if where is None:
            raise _Unknown("it does not parse")
        return self._truth(where.this, subjects)

    def _truth(self, node: exp.Expression, subjects: set) -> bool:
        if isinstance(node, exp.Paren):
            return self._truth(node.this, subjects)
        if isinstance(node, exp.Not):
            return not self._truth(node.this, subjects)
        if isinstance(node, (exp.And, exp.Or)):
            left, right = self._truth(node.this, subjects), self._truth(node.expression, subjects)
            return (left and right) if isinstance(node, exp.And) else (left or right)
        if isinstance(node, exp.Is) and isinstance(node.expression, exp.Null):
            return not self._exists_function(node.this, subjects)
        if isinstance(node, exp.Exists):
            return self._exists_query(node.this, subjects)
        raise _Unknown(node.sql(dialect="tsql")[:60])

    def _literal(self, node: Optional[exp.Expression]) -> str:
        if isinstance(node, exp.National):
            return node.name
        if isinstance(node, exp.Literal) and node.is_string:
            return node.this
        raise _Unknown("a name that is not a string literal")

    def _table_of(self, text: str) -> str:
        """The table named by ``'dbo.t'`` / ``'[dbo].[t]'`` / ``'t'``; _Unknown for another schema."""
        try:
            parts = split_name(text)
        except UnsafeIdentifier:
            raise _Unknown(f"{text!r} is not a table name") from None
        if len(parts) > 1 and not self._ours(parts[-2], parts[-1]):
            raise _Unknown(f"{text} is not in schema {self.sim.tenant.schema}")
        return parts[-1]

    def _object_table(self, node: exp.Expression) -> str:
        """The table of ``OBJECT_ID('t' [, 'U'])``; _Unknown for another kind of object."""
        kind = self._literal(node.expression).strip().upper() if node.args.get("expression") else "U"
        if kind != "U":
            raise _Unknown(f"OBJECT_ID of an object of type {kind}")
        return self._table_of(self._literal(node.this))

    def _exists_function(self, node: exp.Expression, subjects: set) -> bool:
        """Whether ``OBJECT_ID(…)`` / ``COL_LENGTH(…)`` is not NULL in the simulated schema."""
        if isinstance(node, exp.ObjectId):
            table = self._object_table(node)
            subjects.add((table.lower(), ""))
            return self.sim.tenant.table(table) is not None
        if isinstance(node, exp.Anonymous) and node.name.upper() == "COL_LENGTH" and len(node.expressions) == 2:
            table = self._table_of(self._literal(node.expressions[0]))
            column = self._literal(node.expressions[1])
            subjects.add((table.lower(), column.lower()))
            found = self.sim.tenant.table(table)
            return bool(found and found.column(column))
        raise _Unknown(node.sql(dialect="tsql")[:60])

    def _exists_query(self, query: exp.Expression, subjects: set) -> bool:
        """``EXISTS (SELECT … FROM <catalog view> WHERE a = … AND b = …)`` in the simulated schema."""
        if not isinstance(query, exp.Select) or len(query.args.get("joins") or []) or not query.args.get("from_"):
            raise _Unknown("an EXISTS other than one catalog view with equalities")
        source = query.args["from_"].this
        view = f"{source.db}.{source.name}".lower().lstrip(".") if isinstance(source, exp.Table) else ""
        where = query.args.get("where")
        terms = list(where.this.flatten()) if where is not None and isinstance(where.this, exp.And) \
            else [where.this] if where is not None else []
        equal: dict[str, str] = {}
        for term in terms:
            if not isinstance(term, exp.EQ) or not isinstance(term.this, exp.Column):
                raise _Unknown(term.sql(dialect="tsql")[:60])
            value = term.expression
            equal[term.this.name.lower()] = self._object_table(value) if isinstance(value, exp.ObjectId) \
                else self._literal(value)
        table_key, column_key = {
            "sys.columns": ("object_id", "name"), "syscolumns": ("id", "name"), "dbo.syscolumns": ("id", "name"),
            "information_schema.columns": ("table_name", "column_name"),
            "sys.tables": ("name", None), "sys.objects": ("name", None), "sysobjects": ("name", None),
            "dbo.sysobjects": ("name", None), "information_schema.tables": ("table_name", None),
        }.get(view, (None, None))
        if table_key is None:
            raise _Unknown(f"EXISTS over {view or 'a query'}")
        if table_key == "name" and "object_id" in equal:
            table_key = "object_id"
        if table_key == "name" and "id" in equal:
            table_key = "id"
        other = set(equal) - {table_key, column_key, "type", "xtype", "table_schema", "table_type"}
        if table_key not in equal or (column_key and column_key not in equal) or other:
            raise _Unknown(f"EXISTS over {view} with other conditions")
        kind = (equal.get("type") or equal.get("xtype") or "U").strip().upper()
        if kind != "U" or equal.get("table_type", "BASE TABLE").upper() not in ("BASE TABLE", "VIEW"):
            raise _Unknown(f"EXISTS over {view} of objects other than tables")
        if equal.get("table_schema", self.sim.tenant.schema).lower() != self.sim.tenant.schema.lower():
            raise _Unknown(f"a table of schema {equal['table_schema']}")
        table = self._table_of(equal[table_key])
        found = self.sim.tenant.table(table)
        if column_key:
            subjects.add((table.lower(), equal[column_key].lower()))
            return bool(found and found.column(equal[column_key]))
        subjects.add((table.lower(), ""))
        return found is not None

    # ---------------------------------------------------------------- statements
    def _apply(self, s: Statement) -> None:
        if s.keyword == "use" and self.strict and self.sim.tenant.database is None:  # a snapshot names its database
            self.sim.tenant.database = self._name(s.start + 1, s.end)[1] or None
        if s.keyword in NO_SCHEMA_EFFECT and not self._selects_into_table(s):
            return
        if s.keyword == "alter" and self.lexed.words[s.start + 1:s.start + 2] == ["INDEX"]:
            return
        handler = {"create_table": self._create_table, "alter_table": self._alter_table, "drop": self._drop,
                   "exec": self._exec, "execute": self._exec}.get(s.keyword)
        if handler is None:
            what = "SELECT … INTO a table (its columns are not known)" if s.keyword == "select" else \
                f"{s.keyword.upper()} statement"
            self._not_simulated(self._line(s), self._sql(s), f"{what}: not simulated")
            return
        handler(s)

    def _selects_into_table(self, s: Statement) -> bool:
        into = find_top_level(self.lexed, "INTO", s.start, s.end) if s.keyword == "select" else None
        if into is None:
            return False
        schema, name, _ = self._name(into + 1, s.end)
        return self._ours(schema, name)

    def _parses(self, s: Statement) -> bool:
        """True when sqlglot reads the statement (an unsupported clause is fine); else listed or, in a
        snapshot, an error."""
        try:
            parse_tsql(self._sql(s))
            return True
        except ParseError as e:
            reason = f"does not parse as T-SQL: {str(e).splitlines()[0]}"
            self._not_simulated(self._line(s), self._sql(s), reason, fatal=True)
            return False

    def _guarded(self, s: Statement, table: str, columns: list[str]) -> None:
        """Warn when the enclosing guards test other tables or columns than the ones ``s`` changes."""
        tested = set().union(*(subjects for _, subjects in self.guards)) if self.guards else set()
        if not tested:
            return
        key = table.lower()
        tables = {t for t, _ in tested}
        tested_columns = {c for t, c in tested if t == key and c}
        wrong = key not in tables or (columns and tested_columns
                                      and not tested_columns & {c.lower() for c in columns})
        if wrong:
            names = ", ".join(sorted(f"{t}.{c}" if c else t for t, c in tested))
            changed = f"{table}.{', '.join(columns)}" if columns else table
            self._not_simulated(self._line(s), self._sql(s),
                                f"the guard (line {self.guards[-1][0]}) tests {names}, but the statement "
                                f"changes {changed}", warning=True)

    def _columns(self, s: Statement) -> Optional[tuple[Optional[str], str, list[TenantColumn]]]:
        decl = table_declaration(self.lexed, s)
        if decl is None:
            return None
        table_at = self.lexed.words.index("TABLE", s.start, s.end) + 1
        schema, name, _ = self._name(table_at, s.end)
        columns = [TenantColumn(d.column, declared_type(d.sql_type) or declared_type("sql_variant"),
                                declared_nullable(d.definition) is not False)
                   for d in column_defs(self.text, self.lexed, decl)]
        return schema, name, columns

    def _create_table(self, s: Statement) -> None:
        if not self._parses(s):
            return
        read = self._columns(s)
        if read is None:
            self._not_simulated(self._line(s), self._sql(s), "the table's name is not known", fatal=True)
            return
        schema, name, columns = read
        if not self._ours(schema, name):
            return
        self._guarded(s, name, [])
        if self.sim.tenant.table(name) is not None:
            self._not_simulated(self._line(s), self._sql(s), f"{name} already exists: this CREATE TABLE fails "
                                                             "on this tenant", warning=True)
            return
        table = self.sim.tenant.add_table(name)
        for column in columns:
            table.add(column)
        self.sim.applied += 1

    def _alter_table(self, s: Statement) -> None:
        if not self._parses(s):
            return
        words = self.lexed.words
        table_at = words.index("TABLE", s.start, s.end) + 1
        schema, name, after = self._name(table_at, s.end)
        if not self._ours(schema, name):
            return
        table = self.sim.tenant.table(name)
        action = words[after] if after < s.end else ""
        if action in ALTER_NO_COLUMN_EFFECT and find_top_level(self.lexed, "ADD", after, s.end) is None:
            return
        if table is None:
            self._not_simulated(self._line(s), self._sql(s), f"{name} does not exist here: this ALTER TABLE fails "
                                                             "on this tenant", warning=True)
            return
        if find_top_level(self.lexed, "ADD", after, s.end) is not None:
            _, _, columns = self._columns(s) or (None, name, [])
            self._guarded(s, name, [c.name for c in columns])
            for column in columns:
                if table.column(column.name):
                    self._not_simulated(self._line(s), self._sql(s), f"{name}.{column.name} already exists: this "
                                                                     "ALTER TABLE fails on this tenant", warning=True)
                    return
            for column in columns:
                table.add(column)
        elif action == "DROP" and words[after + 1:after + 2] == ["COLUMN"]:
            first = after + 2 + (words[after + 2:after + 4] == ["IF", "EXISTS"]) * 2
            for start, _ in top_level_items(self.lexed, first, s.end):
                table.columns.pop(self.lexed.tokens[start].text.lower(), None)
        elif action == "DROP":
            return  # DROP CONSTRAINT
        elif action == "ALTER" and words[after + 1:after + 2] == ["COLUMN"]:
            column = self.lexed.tokens[after + 2].text
            tokens = self.lexed.tokens
            definition = self.text.text[tokens[after + 3].start:tokens[s.end - 1].end + 1]
            if table.column(column) is None:
                self._not_simulated(self._line(s), self._sql(s), f"{name}.{column} does not exist here: this "
                                                                 "ALTER COLUMN fails on this tenant", warning=True)
                return
            table.add(TenantColumn(table.column(column).name, declared_type(definition) or table.column(column).type,
                                   declared_nullable(definition) is not False))
        else:
            self._not_simulated(self._line(s), self._sql(s), "this ALTER TABLE action is not simulated")
            return
        self.sim.applied += 1

    def _drop(self, s: Statement) -> None:
        words = self.lexed.words
        if words[s.start + 1:s.start + 2] != ["TABLE"]:
            return
        first = s.start + 2 + (words[s.start + 2:s.start + 4] == ["IF", "EXISTS"]) * 2
        for start, stop in top_level_items(self.lexed, first, s.end):
            schema, name, _ = self._name(start, stop)
            if self._ours(schema, name):
                self._guarded(s, name, [])
                self.sim.tenant.drop_table(name)
        self.sim.applied += 1

    def _exec(self, s: Statement) -> None:
        """``EXEC('…')`` / ``EXEC sp_executesql N'…'`` of a text written as literals run in simulation;
        ``sp_rename`` applied; other procedures listed (their effect is not known)."""
        if is_dynamic(self.lexed, s):
            inner = executed_text(self.text, self.lexed, s, self.variables)
            if inner is not None and inner.complete:
                return _Script(self.sim, self.path, inner, self.strict).run()
            return self._not_simulated(self._line(s), self._sql(s), "runs dynamic SQL not written as literals: "
                                                                    "its effect on the schema is not known")
        tokens = self.lexed.tokens
        _, procedure, after = self._name(s.start + 1, s.end)
        args = [tokens[a].text for a, b in top_level_items(self.lexed, after, s.end)
                if b == a + 1 and tokens[a].token_type in STRING_TYPES]
        name = procedure.lower()
        if name in HARMLESS_PROCEDURES:
            return
        if name == "sp_rename" and len(args) >= 2:
            return self._rename(s, args)
        self._not_simulated(self._line(s), self._sql(s), f"runs {procedure or 'dynamic SQL'}: "
                                                         "its effect on the schema is not known")

    def _rename(self, s: Statement, args: list[str]) -> None:
        try:
            parts = split_name(args[0])
        except UnsafeIdentifier:
            parts = [args[0]]
        kind = args[2].upper() if len(args) > 2 else "OBJECT"
        if kind == "COLUMN" and len(parts) >= 2 and self._ours(parts[-3] if len(parts) > 2 else None, parts[-2]):
            table = self.sim.tenant.table(parts[-2])
            column = table.columns.pop(parts[-1].lower(), None) if table else None
            if column:
                table.add(TenantColumn(args[1], column.type, column.nullable))
                self.sim.applied += 1
                return
        elif kind == "OBJECT" and self._ours(parts[-2] if len(parts) > 1 else None, parts[-1]):
            table = self.sim.tenant.table(parts[-1])
            if table:
                self.sim.tenant.drop_table(parts[-1])
                renamed = self.sim.tenant.add_table(args[1])
                renamed.columns = table.columns
                self.sim.applied += 1
                return
        self._not_simulated(self._line(s), self._sql(s), "sp_rename of an object not found here")


def deploy_files(paths: list[str]) -> list[str]:
    """The ``.sql`` files of ``paths`` (folders: their ``.sql`` files), in file-name order."""
    found = []
    for path in paths:
        if os.path.isdir(path):
            found += [os.path.join(path, name) for name in os.listdir(path) if name.lower().endswith(".sql")]
        elif os.path.isfile(path):
            found.append(path)
        else:
            raise TenantError(f"{path}: no such deploy script or folder")
    return sorted(found, key=lambda p: (os.path.basename(p).lower(), p))


def simulate(tenant: TenantSchema, paths: list[str]) -> Simulation:
    """``tenant`` after the deploy scripts under ``paths`` (file-name order), simulated on a copy."""
    sim = Simulation(tenant.copy())
    for path in deploy_files(paths):
        try:
            text = read_source(path).text
        except ReadError as e:
            raise TenantError(str(e)) from None
        sim.files.append(path)
        _Script(sim, path, MappedText.from_source(path, text, 1), strict=False).run()
    return sim


def read_ddl(path: str, text: str, schema: str) -> TenantSchema:
    """A DDL snapshot (e.g. SSMS "Generate Scripts"): its CREATE TABLE … statements run on an empty schema.
    TenantError for text that does not parse, or a file without any table."""
    sim = Simulation(TenantSchema(source=path, kind="ddl", schema=schema))
    script = _Script(sim, path, MappedText.from_source(path, text, 1), strict=True)
    script.run()
    if not sim.tenant.tables:
        raise TenantError(f"{path}: no CREATE TABLE of schema {schema} found: not a DDL snapshot")
    sim.tenant.not_read = sim.not_simulated
    return sim.tenant

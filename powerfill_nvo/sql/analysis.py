"""Pass 1 (column definitions) and pass 2 (column references) over one MappedText."""
from __future__ import annotations

import re
import sys
from dataclasses import replace
from typing import Optional

from ..sourcemap import MappedText, is_foreign
from .catalog import Catalog, SchemaView
from .ddl import (TableDecl, added_constraint_columns, computed_columns, index_columns, names_unknown_table,
                  table_declaration)
from .dynamic import Variables, assign, executed_text, is_dynamic
from .model import UNKNOWN_TABLE, ColumnDef, ColumnRef, Hit, Procedure, SqlFacts, is_temp
from .parse import parse
from .resolve import Resolver
from .scan import TARGET_QUALIFIERS, scan
from .split import PROGRAMS, Statement, procedure_name, split, starts_body, trigger_table
from .tokens import Lexed, closing, find_top_level, lex

#: Cheap test for a text that may define a non-temp table (pass 1 skips the others).
_TABLE_DDL = re.compile(r"(?i)\b(?:create|alter)\s+table\s+(?![#@])")
#: Statements analyzed whole with sqlglot; other statements only through their
#: ``(SELECT …)`` subqueries (IF EXISTS (…), SET @x = (…), RETURN (…) …).
QUERY_KEYWORDS = frozenset({"select", "insert", "update", "delete", "merge", "with"})
MEMO_LIMIT = 50_000
#: Statements of more tokens are not memoized: their key and hits would be held for the whole run (a
#: 25,000-column SELECT: 12 MB), and such statements are rarely repeated.
MEMO_TOKENS = 2_000
PARSE_FAILED = "statement did not parse; token scan used"
RESOLVE_FAILED = "statement could not be resolved; token scan used"
#: Statements of more tokens are read by the token scan: sqlglot's tree and scopes take about 1 KB a token
#: (a 50,000-column SELECT: 100 MB), out of proportion to the text.
PARSE_TOKENS = 20_000
TOO_LONG = f"statement of more than {PARSE_TOKENS:,} tokens, not parsed; token scan used"
UNATTRIBUTED = "table not known from the source; reported without a table"
ANOTHER_PROCEDURE = "another procedure in the same text: its references are not in SqlFacts.procedure"
DYNAMIC_NOT_FOLLOWED = "dynamic SQL whose text is not written in this text (EXEC of a value from elsewhere): not followed"
#: Dynamic SQL inside dynamic SQL followed this deep (each level doubles its quotes, so real code stays shallow).
DYNAMIC_DEPTH = 8


def collect_definitions(text: MappedText) -> list[ColumnDef]:
    """Pass 1: the columns of the non-temp CREATE TABLE / ALTER TABLE ADD / ALTER COLUMN statements of ``text``."""
    if not _TABLE_DDL.search(text.text):
        return []
    lexed = lex(text)
    definitions, variables = [], {}
    for statement in split(lexed):
        assign(text, lexed, statement, variables)
        if statement.keyword in ("create_table", "alter_table"):
            decl = table_declaration(lexed, statement)
            if decl and decl.table != UNKNOWN_TABLE and not is_temp(decl.table):
                definitions += column_defs(text, lexed, decl)
        elif is_dynamic(lexed, statement):
            inner = executed_text(text, lexed, statement, variables)
            if inner is not None:
                definitions += collect_definitions(inner)
    return definitions


def analyze(text: MappedText, catalog: Catalog, *, in_procedure_kind: str = "proc_reference",
            outside_kind: str = "embedded_sql") -> SqlFacts:
    """Pass 2: every column definition and reference of ``text``, resolved against
    ``catalog`` (built by pass 1 over all texts) and the temp tables ``text`` defines."""
    return _Analysis(text, catalog, in_procedure_kind, outside_kind).run()


def column_defs(text: MappedText, lexed: Lexed, decl: TableDecl) -> list[ColumnDef]:
    tokens = lexed.tokens
    definitions = []
    for column in decl.columns:
        name = tokens[column.name]
        if name.start in lexed.unknown:
            continue
        written = text.text[tokens[column.first].start:tokens[column.last].end + 1] \
            if column.last >= column.first else ""
        definitions.append(ColumnDef(decl.table, name.text, column.sql_type, sys.intern(" ".join(written.split())),
                                     text.token_line(name.start, name.end), decl.altered, decl.added,
                                     text.file_at(name.end)))
    return definitions


class _Analysis:
    def __init__(self, text: MappedText, catalog: Catalog, in_kind: str, out_kind: str,
                 schema: SchemaView | None = None, depth: int = 0) -> None:
        self.text = text
        self.catalog = catalog
        self.lexed = lex(text)
        self.schema = schema or SchemaView(catalog)
        self.in_kind, self.out_kind = in_kind, out_kind
        self.facts = SqlFacts()
        self._seen: set[ColumnRef] = set()
        self.variables: Variables = {}
        self.depth = depth
        self.dynamic: list[SqlFacts] = []

    def run(self) -> SqlFacts:
        facts = self.facts
        if self.lexed.error_line:
            facts.diagnostics.append((self.lexed.error_line, "text did not tokenize to its end; the rest was skipped",
                                      None))
        statements = split(self.lexed)
        facts.statement_keywords = sorted({statement.keyword for statement in statements})
        procedure_batches: set[int] = set()
        bodies: set[int] = set()  # batches holding a stored program's body (procedure, trigger, function)
        triggered: dict[int, str] = {}  # a trigger's batch -> its table (what ``inserted``/``deleted`` hold)
        for statement in statements:
            assign(self.text, self.lexed, statement, self.variables)
            if starts_body(self.lexed, statement, PROGRAMS):
                bodies.add(statement.batch)
                table = trigger_table(self.lexed, statement)
                if table:
                    triggered[statement.batch] = table
            if statement.keyword == "create_procedure":
                procedure_batches.add(statement.batch)
                if facts.procedure is None:
                    facts.procedure = self._procedure(statement, statements)
                else:
                    facts.diagnostics.append((self._line(statement.start), ANOTHER_PROCEDURE, None))
                continue
            refs, analyzed, fell_back = self._statement(statement, statement.batch in bodies)
            if statement.batch in triggered:
                refs = [replace(r, table=triggered[statement.batch]) if (r.table or "").lower() in TARGET_QUALIFIERS else r
                        for r in refs]
            refs = self._new(refs)
            facts.diagnostics += [(ref.line, f"{ref.column}: {UNATTRIBUTED}", ref.file)
                                  for ref in refs if ref.table is None]
            facts.refs += refs
            if facts.procedure is not None and statement.batch == min(procedure_batches):
                facts.procedure.refs += refs
                facts.procedure.statements += analyzed
                facts.procedure.fallbacks += fell_back
        self._merge_dynamic()
        return facts

    def _merge_dynamic(self) -> None:
        """What the dynamic SQL of this text defines and runs is this text's (its refs are already in)."""
        facts = self.facts
        for inner in self.dynamic:
            facts.definitions += inner.definitions
            facts.tables_created += inner.tables_created
            facts.unknown_tables += inner.unknown_tables
            facts.diagnostics += inner.diagnostics
            facts.dynamic_texts += inner.dynamic_texts
            facts.statement_keywords = sorted(set(facts.statement_keywords) | set(inner.statement_keywords))
            if facts.procedure is None:
                facts.procedure = inner.procedure

    def _new(self, refs: list[ColumnRef]) -> list[ColumnRef]:
        """``refs`` minus those already reported (the same column twice on a line)."""
        new = []
        for ref in refs:
            if ref not in self._seen:
                self._seen.add(ref)
                new.append(ref)
        return new

    def _line(self, index: int) -> int:
        """The line of token ``index``; the text's first own line when another file wrote the token (a
        statement's diagnostics are the text's)."""
        start = self.lexed.tokens[index].start
        return self.text.line_at(start) if self.text.file_at(start) is None else \
            self.text.line_span(0, len(self.text.text))[0]

    def _built_at(self, statement: Statement) -> tuple[int, str | None]:
        """(line, other file or None) of a statement: where it starts, or where the text's own file writes its
        first character when another file wrote its start (``"CREATE TABLE " + is_tbl`` of a builder object
        filled with this file's names: built here)."""
        start, end = self.lexed.tokens[statement.start].start, self.lexed.tokens[statement.end - 1].end
        first = self.text.file_at(start)
        if first is not None:
            own = next((i for i in range(start, end + 1) if not is_foreign(self.text.cols[i])), None)
            if own is not None:
                return self.text.line_at(own), None
        return self.text.line_at(start), first

    def _procedure(self, statement: Statement, statements: list[Statement]) -> Procedure:
        last = max(s.end for s in statements if s.batch == statement.batch) - 1
        return Procedure(procedure_name(self.lexed, statement), self.text, self._line(statement.start),
                         self.text.line_at(self.lexed.tokens[last].end))

    def _statement(self, statement: Statement, in_procedure: bool) -> tuple[list[ColumnRef], bool, bool]:
        """The refs of one statement, whether it had SQL to analyze, whether it needed the fallback."""
        keyword = statement.keyword
        if keyword in ("create_table", "alter_table", "declare"):
            decl = table_declaration(self.lexed, statement)
            if decl:
                return self._declaration(statement, decl, in_procedure), True, False
            if keyword != "declare" and names_unknown_table(self.lexed, statement):
                self.facts.unknown_tables.append(self._line(statement.start))
        if keyword == "create_index":
            return self._index(statement, in_procedure), True, False
        if is_dynamic(self.lexed, statement):
            return self._dynamic(statement, in_procedure)
        ranges = [(statement.start, statement.end)] if keyword in QUERY_KEYWORDS else self._subqueries(statement)
        refs, fell_back = [], False
        for start, end in ranges:
            hits, failure = self._hits(start, end)
            if failure:
                fell_back = True
                self.facts.diagnostics.append((self._line(start), failure, None))
            refs += self._refs(hits, start, end, keyword, in_procedure)
        return refs, bool(ranges), fell_back

    def _dynamic(self, statement: Statement, in_procedure: bool) -> tuple[list[ColumnRef], bool, bool]:
        """The refs of the statements an ``EXEC('…')`` / ``EXEC sp_executesql`` runs, analyzed as a text of
        their own that sees this batch's tables; in a procedure they are the procedure's."""
        inner = executed_text(self.text, self.lexed, statement, self.variables)
        if inner is None or self.depth >= DYNAMIC_DEPTH:
            self.facts.diagnostics.append((self._line(statement.start), DYNAMIC_NOT_FOLLOWED, None))
            return [], False, False
        kind = self.in_kind if in_procedure else self.out_kind
        analysis = _Analysis(inner, self.catalog, kind, kind, self.schema, self.depth + 1)
        facts = analysis.run()
        facts.dynamic_texts.insert(0, inner.text)
        self.dynamic.append(facts)
        fell_back = any(message in (PARSE_FAILED, RESOLVE_FAILED) for _, message, _ in facts.diagnostics)
        return facts.refs, True, fell_back

    def _declaration(self, statement: Statement, decl: TableDecl, in_procedure: bool) -> list[ColumnRef]:
        if decl.table == UNKNOWN_TABLE:  # its columns are sites of no known table (not guessed); the statement is said
            self.facts.unknown_tables.append(self._line(statement.start))
            keyword = "alter_column" if decl.altered else statement.keyword
            tokens = [self.lexed.tokens[column.name] for column in decl.columns]
            return [ColumnRef(None, token.text, self._kind("define", None, keyword, in_procedure), "define",
                              self.text.token_line(token.start, token.end), keyword, False,
                              self.text.file_at(token.end))
                    for token in tokens if token.start not in self.lexed.unknown]
        definitions = column_defs(self.text, self.lexed, decl)
        self.schema.define(decl.table, [d.column for d in definitions])
        if statement.keyword == "create_table":
            self.facts.tables_created.append((decl.table, *self._built_at(statement)))
        if not is_temp(decl.table):
            self.facts.definitions += map(self._catalog_copy, definitions)
        tokens = self.lexed.tokens
        hits = [Hit(column.name - statement.start, decl.table, tokens[column.name].text, "define")
                for column in decl.columns]
        hits += [Hit(i - statement.start, decl.table, self.schema.column(decl.table, tokens[i].text) or tokens[i].text,
                     "read") for column in decl.columns for i in computed_columns(self.lexed, column)]
        hits += [Hit(i - statement.start, self.schema.table_name(table) if table else decl.table,
                     self.schema.column(table or decl.table, tokens[i].text) or tokens[i].text, "read")
                 for i, table in added_constraint_columns(self.lexed, statement)]
        return self._refs(hits, statement.start, statement.end, "alter_column" if decl.altered else statement.keyword,
                          in_procedure)

    def _catalog_copy(self, definition: ColumnDef) -> ColumnDef:
        """The catalog's object when it holds this very definition (pass 1 read it): one object, not two."""
        known = self.catalog.find(definition.table, definition.column)
        return known if known == definition else definition

    def _index(self, statement: Statement, in_procedure: bool) -> list[ColumnRef]:
        found = index_columns(self.lexed, statement)
        if not found:
            return []
        table, columns = found
        hits = [Hit(i - statement.start, self.schema.table_name(table),
                    self.schema.column(table, self.lexed.tokens[i].text) or self.lexed.tokens[i].text, "read")
                for i in columns]
        return self._refs(hits, statement.start, statement.end, statement.keyword, in_procedure)

    def _subqueries(self, statement: Statement) -> list[tuple[int, int]]:
        """Token ranges of the queries inside a non-query statement: a cursor's
        ``FOR SELECT …`` (DECLARE c CURSOR, SET @c = CURSOR) or each outermost ``(SELECT …)``."""
        words, start, end = self.lexed.words, statement.start, statement.end
        if "CURSOR" in words[start:end]:
            select = next((i for i in range(start + 1, end) if words[i] == "SELECT" and words[i - 1] == "FOR"), None)
            return [(select, find_top_level(self.lexed, "FOR", select, end) or end)] if select else []
        ranges = []
        i = start
        while i < end - 1:
            if words[i] == "(" and words[i + 1] in ("SELECT", "WITH"):
                close = closing(self.lexed, i, end)
                ranges.append((i + 1, close))
                i = close
            i += 1
        return ranges

    def _hits(self, start: int, end: int) -> tuple[list[Hit], str | None]:
        """Hits of tokens ``start:end`` (indexes relative to start) and the failure
        message if the fallback was used; memoized per statement text and schema (short statements only)."""
        if end - start > MEMO_TOKENS:
            hits, created, failure = self._compute(start, end)
            return self._created(hits, created), failure
        tokens = self.lexed.tokens[start:end]
        key = (tuple((tok.token_type, tok.text) for tok in tokens), self.schema.signature,
               tuple(tok.start in self.lexed.unknown for tok in tokens) if self.lexed.unknown else ())
        memo = self.catalog.memo
        found = memo.get(key)
        if found is None:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            found = memo[key] = self._compute(start, end)
        hits, created, failure = found
        return self._created(hits, created), failure

    def _created(self, hits: list[Hit], created: list[tuple[str, list[str]]]) -> list[Hit]:
        """``hits``, once the tables the statement creates are defined in the schema."""
        for table, columns in created:
            self.schema.define(table, columns)
        return hits

    def _compute(self, start: int, end: int) -> tuple[list[Hit], list[tuple[str, list[str]]], str | None]:
        if end - start > PARSE_TOKENS:
            return scan(self.lexed, start, end, self.schema), [], TOO_LONG
        tree, outputs = parse(self.lexed, start, end)
        if tree is None:
            return scan(self.lexed, start, end, self.schema), [], PARSE_FAILED
        index_of = {self.lexed.tokens[i].start: i - start for i in range(start, end)}
        resolver = Resolver(self.schema, index_of, self.lexed.unknown)
        try:
            resolver.statement(tree)
        except Exception:  # sqlglot's scope code can fail on trees it did not expect
            return scan(self.lexed, start, end, self.schema), [], RESOLVE_FAILED
        tokens = self.lexed.tokens
        written = [Hit(i - start, self.schema.table_name(out.table),
                       self.schema.column(out.table, tokens[i].text) or tokens[i].text, "write")
                   for out in outputs for i in out.columns]
        return resolver.hits + written, resolver.created, None

    def _refs(self, hits: list[Hit], start: int, end: int, keyword: str, in_procedure: bool) -> list[ColumnRef]:
        """ColumnRefs of hits in statement order, without placeholder tokens. A column no table of its statement
        is known to have goes to the one table the catalog gives it, when the statement names that table or
        names a table only through a placeholder."""
        refs = []
        named: Optional[set[str]] = None
        for hit in sorted(hits, key=lambda h: h.index):
            token = self.lexed.tokens[start + hit.index]
            if token.start in self.lexed.unknown:
                continue
            table, column, resolved = hit.table, hit.column, hit.resolved
            if table is None or table == UNKNOWN_TABLE:
                candidates = self.catalog.tables_with(column)
                table, resolved = None, False
                if named is None:
                    named = set(self.lexed.words[start:end]) if not any(
                        t.start in self.lexed.unknown for t in self.lexed.tokens[start:end]) else set()
                if len(candidates) == 1 and (not named or candidates[0].upper() in named) and not (
                        hit.access == "write" and keyword == "select"):  # (``SELECT … INTO`` a table not known:
                    # a new table, not the one the catalog gives the column)
                    table, column = candidates[0], self.catalog.find(candidates[0], column).column
            refs.append(ColumnRef(table, column, self._kind(hit.access, table, keyword, in_procedure),
                                  hit.access, self.text.token_line(token.start, token.end), keyword, resolved,
                                  self.text.file_at(token.end)))
        return refs

    def _kind(self, access: str, table: str, keyword: str, in_procedure: bool) -> str:
        """A where-used kind: a temp table's or table variable's own columns are ``proc_temp_ddl`` wherever its
        text runs (a procedure's body or a statement the script runs), a column used ``proc_reference`` in a
        procedure's text and ``embedded_sql`` outside one."""
        if access != "define":
            return self.in_kind if in_procedure else self.out_kind
        if is_temp(table):
            return "proc_temp_ddl"
        return {"alter_table": "alter_add", "alter_column": "alter_column"}.get(keyword, "create_table")

"""Result objects of the SQL analysis."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..sourcemap import MappedText

#: Table name standing for a placeholder while a statement is analyzed; a column left
#: with it (or with no table at all) is reported with ``table`` None, never as ``?``.
UNKNOWN_TABLE = "?"


#: The engine's own catalog: its columns (``syscolumns.name``) are no application column.
SYSTEM_SCHEMAS = frozenset({"sys", "information_schema"})
SYSTEM_TABLES = frozenset(
    "syscolumns sysobjects sysindexes systypes sysusers syscomments sysreferences sysconstraints "
    "sysforeignkeys sysdepends sysprocedures sysdatabases syslogins".split())


def is_system(schema: str, table: str) -> bool:
    """True for a table of the engine's catalog (``sys.columns``, ``INFORMATION_SCHEMA.COLUMNS``, ``syscolumns``)."""
    return schema.lower() in SYSTEM_SCHEMAS or table.lower() in SYSTEM_TABLES


def is_temp(table: str | None) -> bool:
    """True for a temp table (``#work``, ``##g``) or a table variable (``@t``)."""
    return bool(table) and table[:1] in ("#", "@")


@dataclass(frozen=True, slots=True)
class ColumnDef:
    """A column defined by CREATE TABLE / ALTER TABLE ADD (``added``) / DECLARE @t TABLE / #temp, or
    redefined by ALTER TABLE … ALTER COLUMN (``altered``)."""

    table: str
    column: str
    sql_type: str
    definition: str
    line: int
    altered: bool = False
    added: bool = False
    #: The other file whose ``line`` it is, when another file wrote the column's name (None: the text's).
    file: str | None = None


@dataclass(frozen=True, slots=True)
class ColumnRef:
    """One use of a column, located to the source line of its name token; ``table`` is None
    when the column cannot be attributed to a table (a diagnostic says so)."""

    table: str | None
    column: str
    kind: str
    access: str
    line: int
    statement: str
    resolved: bool
    #: The other file whose ``line`` it is, when another file wrote the column's name (None: the text's).
    file: str | None = None


@dataclass
class Procedure:
    """A ``CREATE [OR ALTER] PROC[EDURE]`` text and what its body references.

    ``statements`` counts the SQL statements of the body that were analyzed;
    ``fallbacks`` those that needed the token-scan fallback.
    """

    name: str
    text: MappedText
    line: int
    end_line: int
    refs: list[ColumnRef] = field(default_factory=list)
    statements: int = 0
    fallbacks: int = 0


@dataclass
class SqlFacts:
    """What one MappedText defines and references."""

    definitions: list[ColumnDef] = field(default_factory=list)
    #: (table, line, the other file whose line it is or None) of each CREATE TABLE.
    tables_created: list[tuple[str, int, str | None]] = field(default_factory=list)
    procedure: Procedure | None = None
    refs: list[ColumnRef] = field(default_factory=list)
    #: (line, message, the other file whose line it is or None) of each thing said about the text.
    diagnostics: list[tuple[int, str, str | None]] = field(default_factory=list)
    #: Lines of CREATE/ALTER TABLE statements whose table is not known from the source.
    unknown_tables: list[int] = field(default_factory=list)
    #: The kinds of its statements (keywords), sorted.
    statement_keywords: list[str] = field(default_factory=list)
    #: The texts its dynamic SQL runs (``EXEC('…')``, ``EXEC sp_executesql N'…'``), outermost first.
    dynamic_texts: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Hit:
    """A column found in one statement: ``index`` is its name token's index in the statement;
    ``table`` None when it cannot be attributed."""

    index: int
    table: str | None
    column: str
    access: str
    resolved: bool = True


def moved(facts: SqlFacts, delta: int) -> SqlFacts:
    """``facts`` of a text, for the same text written ``delta`` lines further down (every line of its own
    file moves with it, another file's stay); a new object, ``facts`` unchanged."""
    def shifted(item):
        return item if item.file else replace(item, line=item.line + delta)
    refs = {ref: shifted(ref) for ref in facts.refs}
    procedure = facts.procedure
    if procedure is not None:  # its refs are among the text's (the same objects, so shared again)
        procedure = replace(procedure, line=procedure.line + delta, end_line=procedure.end_line + delta,
                            refs=[refs.get(ref) or shifted(ref) for ref in procedure.refs])
    return SqlFacts([shifted(d) for d in facts.definitions],
                    [(table, line if file else line + delta, file) for table, line, file in facts.tables_created],
                    procedure,
                    [refs[ref] for ref in facts.refs],
                    [(line if file else line + delta, message, file) for line, message, file in facts.diagnostics],
                    [line + delta for line in facts.unknown_tables], list(facts.statement_keywords),
                    list(facts.dynamic_texts))

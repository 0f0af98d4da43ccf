"""Every line that creates or uses a column, for the table it belongs to.

One site per (file, line, table, kind). Kinds: create_table, alter_add,
alter_column, addcolumn_call (creation sites), proc_temp_ddl (a temp table's or table variable's
columns), proc_reference (inside procedure text) and embedded_sql (static or dynamic SQL outside procedures).
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from .tsql import UnsafeIdentifier, split_name

if TYPE_CHECKING:
    from .pipeline import PipelineResult

CREATION_KINDS = ("create_table", "alter_add", "alter_column", "addcolumn_call")
KIND_ORDER = ("create_table", "alter_add", "alter_column", "addcolumn_call", "proc_temp_ddl", "proc_reference", "embedded_sql")


@dataclass(frozen=True, slots=True)
class Site:
    file: str
    line: int
    table: Optional[str]  # None: the column could not be attributed to a table
    column: str
    kind: str
    script: str
    procedure: Optional[str]
    text: str
    access: str = ""
    resolved: bool = True
    origin: str = ""
    via: str = ""


def object_of(path: str) -> str:
    """The object a file exports, by its name (``d_pool.srd`` -> ``d_pool``), for SQL outside any script."""
    return os.path.splitext(os.path.basename(path))[0]


def source_line(result: PipelineResult) -> Callable[[str, int], str]:
    """The text of a line of a file of ``result``, stripped ("" past its end or for a file not read)."""
    sources = {d.file.path: d.source for d in result.documents if d.source}

    def text(file: str, line: int) -> str:
        source = sources.get(file)
        return source.line_text(line).strip() if source and 0 < line <= source.line_count else ""
    return text


def all_sites(result: PipelineResult, line_text: Optional[Callable[[str, int], str]] = None) -> Iterator[Site]:
    """Every column site of the pipeline result, unfiltered (duplicates possible); each site's text from
    ``line_text`` (default: ``source_line``)."""
    # one string per line, shared by its sites: a line of 25,000 columns is not copied 25,000 times
    text = functools.cache(line_text or source_line(result))

    for addition in result.additions:
        if addition.table and addition.column:
            call = addition.call
            yield Site(call.file, call.line, addition.table, addition.column, "addcolumn_call",
                       call.script.qualified_name, None, text(call.file, call.line), "define")
    for analyzed in result.sql:
        sql, facts = analyzed.text, analyzed.facts
        script = sql.script.qualified_name if sql.script else object_of(sql.file)
        procedure = facts.procedure.name if facts.procedure else None
        in_procedure = {id(ref) for ref in facts.procedure.refs} if facts.procedure else set()  # its batch only
        for ref in facts.refs:
            file = ref.file or sql.file
            yield Site(file, ref.line, ref.table, ref.column, ref.kind, script,
                       procedure if id(ref) in in_procedure else None,
                       text(file, ref.line), ref.access, ref.resolved, sql.status, sql.via)


def split_table_name(name: str) -> tuple[Optional[str], str]:
    """(schema or None, table) of ``t``, ``dbo.t`` or ``[dbo].[t]``, in lower case."""
    try:
        parts = [p.lower() for p in split_name(name)]
    except UnsafeIdentifier:  # not a well-formed SQL name: compared as written
        parts = [name.strip().lower()]
    return (parts[-2] if len(parts) > 1 else None), parts[-1]


def table_matches(wanted: str, table: Optional[str]) -> bool:
    """``table`` is the table ``wanted`` names: same name, and same schema when both give one
    (an unqualified name is in ``dbo``)."""
    if not table:
        return False
    (want_schema, want_name), (schema, name) = split_table_name(wanted), split_table_name(table)
    return want_name == name and (want_schema is None or want_schema == (schema or "dbo"))


def where_used(result: PipelineResult, column: str, table: Optional[str] = None) -> list[Site]:
    """The sites of ``column`` (any case), optionally only for ``table``, in file:line order."""
    return chosen_sites(all_sites(result), column, table)


def chosen_sites(sites: Iterable[Site], column: str, table: Optional[str] = None) -> list[Site]:
    """The ``sites`` of ``column`` (any case), optionally only for ``table``, one per (file, line, table,
    kind), in file:line order."""
    wanted = column.lower()
    chosen = (s for s in sites if s.column.lower() == wanted and (table is None or table_matches(table, s.table)))
    return sorted(unique_sites(chosen), key=_display_order)


def unique_sites(sites: Iterable[Site]) -> list[Site]:
    """One site per (file, line, table, kind), the first seen, in the order given, but one in a text that runs
    over one in a text that does not (the same statement logged by a function that never runs it, then run);
    a site of no known table goes where the same column on the same line is attributed to one (another text
    of the same statement, rebuilt with the table known, says more)."""
    unique: dict[tuple, Site] = {}
    for site in sites:
        key = (site.file, site.line, (site.table or "").lower(), site.kind)
        if unique.setdefault(key, site).origin == "unexecuted" and site.origin != "unexecuted":
            unique[key] = site
    attributed = {(s.file, s.line, s.column.lower()) for s in unique.values() if s.table}
    return [s for s in unique.values() if s.table or (s.file, s.line, s.column.lower()) not in attributed]


def _display_order(site: Site) -> tuple:
    """File and line, then kind (creation first) and table."""
    return (site.file, site.line, KIND_ORDER.index(site.kind) if site.kind in KIND_ORDER else len(KIND_ORDER),
            (site.table or "").lower())

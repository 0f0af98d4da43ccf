"""Stage 3: calls of interest, SQL texts (rebuilt from strings, or embedded) and the flows of one parsed file."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from .. import model as m
from ..reader import SourceText
from ..sourcemap import MappedText
from .common import (DESCRIBED_COUNT, DESCRIBED_NAMES, DESCRIBED_TYPES, DESCRIBED_UPDATE, CallSite, FoldedArg,
                     Request, SqlText, placeholder)
from .flows import CallRef, ScriptSummary, global_types
from .fold import Folder
from .literals import literal_text
from .pbselect import pbselect_text
from ..parse.datawindow import stored_rows, table_columns, update_table
from .textscan import scan_calls
from .values import Parts, looks_like_sql

__all__ = ["Extraction", "CallRef", "CallSite", "FoldedArg", "Request", "ScriptSummary", "SqlText", "evaluate", "extract",
           "looks_like_sql", "placeholder", "literal_text", "without_fragments"]


@dataclass
class Extraction:
    calls: list[CallSite] = field(default_factory=list)
    #: Calls of functions passing known strings (``Folder.calls_out``).
    calls_out: list[CallSite] = field(default_factory=list)
    sql: list[SqlText] = field(default_factory=list)
    summaries: list[ScriptSummary] = field(default_factory=list)
    #: Global variables the file declares (``global n_tr sqlca``), by name: their types.
    globals: dict[str, str] = field(default_factory=dict)
    #: The object's instance variables and constants with their values (what descendants inherit) and types.
    exports: dict = field(default_factory=dict)
    instance_types: dict[str, str] = field(default_factory=dict)
    #: Constants and variables of other objects (``object.name``) and globals (``.name``) read, not known.
    wanted: set[str] = field(default_factory=set)
    #: A DataWindow's rows kept in its ``data(…)`` section: each column's values (an array by row).
    stored: dict = field(default_factory=dict)
    #: Values handed to windows and user objects opened with a parameter, by class (``Folder.handed``).
    handed: dict = field(default_factory=dict)
    #: The initial value of the global structure the file defines (``Folder.own_structure``), else None.
    structure: object = None
    #: The calls its constructor makes of functions the object inherits (``Folder.constructor_calls``).
    constructor_calls: tuple = ()
    #: Each string function's result with its parameters' places marked, by lower-case name (``Folder.templates``).
    templates: dict = field(default_factory=dict)
    #: Other files' functions to evaluate for known arguments (``Folder.requests``).
    requests: dict = field(default_factory=dict)


def extract(source: SourceText, file: m.SourceFile, call_pattern: Optional[re.Pattern] = None,
            inherited: Optional[dict] = None, jobs: Optional[int] = None,
            while_waiting: Optional[Callable[[], None]] = None) -> Extraction:
    """Calls whose name matches ``call_pattern`` (searched, any case), every distinct SQL text, and the
    flows of every script (for the pass across files). ``inherited``: the ancestors' variable values
    (``Extraction.exports`` of each ancestor); ``jobs`` and ``while_waiting``: as for ``Folder.run``.

    In a script that did not parse, wanted calls are still found by a text scan (noted on each call).
    """
    result = Extraction()
    seen: dict[tuple, SqlText] = {}

    def add_sql(sql: SqlText) -> None:
        key = (sql.text.text, sql.text.lines[:1].tobytes(), sql.text.cols[:1].tobytes(), sql.text.origins[:1])
        found = seen.get(key)
        if found is None:
            seen[key] = sql
            result.sql.append(sql)
        else:
            _merge(found, sql)

    def wants(call: m.Call) -> bool:
        return call_pattern is not None and call_pattern.search(call.name) is not None

    folder = Folder(source, file, wants, result.calls.append, add_sql, inherited)
    folder.run(jobs, while_waiting)
    result.exports = dict(folder.instance)  # a value not known is inherited too: the name is the ancestor's
    result.instance_types = dict(folder.scope.instance_types)
    result.calls = _distinct_calls([call for call in folder.through_callers(result.calls)
                                    if not _forwarded(call, call_pattern)])
    if call_pattern is not None:
        for script in file.scripts:
            if not script.parsed:
                result.calls.extend(scan_calls(source, file, script, call_pattern.search))
    for statement in file.datawindow_sql:
        if statement.kind == "retrieve":
            line, col = source.line_of(statement.start), source.column_of(statement.start)
            text = MappedText.from_source(source.path, statement.text, line, col + 1)
        else:
            text = pbselect_text(source, statement)
        if text is not None:
            add_sql(SqlText(file.path, None, text, "datawindow", statement.line, statement.end_line))
    result.sql = without_fragments(result.sql, lambda text: not text.executed and not text.waits)
    result.stored = {**{column: _stored_values(source, spans) for column, spans in stored_rows(source).items()},
                     **_described(source)} if file.path.lower().endswith(".srd") else {}
    result.summaries = folder.summaries
    result.calls_out = _distinct_calls(folder.calls_out)
    result.wanted = folder.wanted
    result.handed = folder.handed
    result.structure = folder.own_structure()
    result.constructor_calls = folder.constructor_calls()
    result.templates = folder.templates
    result.requests = folder.requests
    result.globals = global_types(source.text)
    result.calls.sort(key=lambda c: c.line)
    return result


def evaluate(source: SourceText, file: m.SourceFile, inherited: Optional[dict],
             requests: list[Request], call_pattern: Optional[re.Pattern] = None) -> tuple[list, dict]:
    """Each request answered by the file (its ``key`` the function's name), and what answering asked of other
    files in turn (answered for the next round): what the function returns for the
    arguments (after the calls made before on the same object), what it leaves in its ``ref`` parameters, or
    the SQL it builds from them (not what a call matching ``call_pattern``, the migration helper, builds: that
    is the call's migration)."""
    folder = Folder(source, file, lambda call: call_pattern is not None and call_pattern.search(call.name) is not None,
                    lambda call: None, lambda sql: None, inherited)
    answers = [folder.ref_outputs(asked.key, list(asked.args)) if asked.refs else
               folder.sql_built(asked.key, list(asked.args), asked.history, asked.runtime) if asked.walk else
               folder.evaluate(asked.key, list(asked.args), asked.history, asked.runtime) for asked in requests]
    return answers, folder.found.requests


def _merge(kept: SqlText, again: SqlText) -> None:
    """The same text found twice: it runs if either finding runs, told by the first in the order of their paths
    (whichever walk found it first); it waits on what both wait on, in the order of their text."""
    if again.executed > kept.executed or again.executed == kept.executed and \
            (again.built_for, again.via) < (kept.built_for, kept.via):
        kept.executed, kept.via, kept.origin, kept.built_for = again.executed, again.via, again.origin, again.built_for
    kept.waits[:] = sorted({repr(w): w for w in kept.waits + again.waits}.values(), key=repr)


def _stored_values(source: SourceText, spans: list[Optional[tuple[int, int]]]) -> Parts:
    """A column's values in the rows a DataWindow keeps: its strings (where each is written), by row; a row's
    number or null is not known as a string."""
    return Parts({row: literal_text(source, m.StringLit(source.line_of(span[0]), span[0], span[1], ""))
                  for row, span in enumerate(spans, 1) if span is not None}, gaps=None in spans)


def _described(source: SourceText) -> dict:
    """What a DataWindow's ``Describe`` says of its columns, numbered as its ``table(…)`` section lists them
    (each one's name and type where they are written, and how many there are), and of the table it updates."""
    columns, updated = table_columns(source), update_table(source)

    def written(span: tuple[int, int]) -> MappedText:
        return MappedText.from_source(source.path, source.text[span[0]:span[1]], source.line_of(span[0]),
                                      source.column_of(span[0]) + 1)
    described = {DESCRIBED_UPDATE: written(updated)} if updated else {}
    if columns:
        described.update({DESCRIBED_NAMES: Parts({i: written(name) for i, (name, _) in enumerate(columns, 1)}),
                          DESCRIBED_TYPES: Parts({i: written(kind) for i, (_, kind) in enumerate(columns, 1) if kind},
                                                 gaps=any(kind is None for _, kind in columns)),
                          DESCRIBED_COUNT: len(columns)})
    return described


def _forwarded(site: CallSite, call_pattern: Optional[re.Pattern]) -> bool:
    """A wanted call in an overload of the wanted function itself that passes its own parameters on
    (``of_x(as_t, as_c, as_d)`` returning ``of_x(as_t, as_c, as_d, "")``): the calls of that overload are the
    migrations, each reported where it is written."""
    script = site.script
    if script is None or call_pattern is None or not call_pattern.search(script.name):
        return False
    params = {p.name.lower() for p in script.params}
    return any(node.name.lower() in params for arg in site.call.args for node in m.walk_expr(arg)
               if isinstance(node, m.Name))


def _distinct_calls(calls: list[CallSite]) -> list[CallSite]:
    """One call site per call and folded arguments (a loop run as written finds a call once per pass)."""
    distinct: dict[tuple, CallSite] = {}
    for call in calls:
        key = (call.call.start, call.via, tuple(a.value.text if a.value is not None else None for a in call.args))
        distinct.setdefault(key, call)
    return list(distinct.values())


def without_fragments(texts: list[SqlText], droppable: Callable[[SqlText], bool],
                      holder: Callable[[SqlText], bool] = lambda text: True) -> list[SqlText]:
    """``texts`` without each ``droppable`` one that a ``holder`` holds whole: a piece of a statement built in
    pieces (the head ``CREATE TABLE t (``, a line passed to a line-appending function)."""
    kept = []
    for text in texts:
        if droppable(text) and any(
                other is not text and holder(other) and other.line <= text.line and other.end_line >= text.end_line
                and len(other.text.text) > len(text.text.text) and _holds(other.text, text.text)
                for other in texts):
            continue
        kept.append(text)
    return kept


def _holds(outer: MappedText, inner: MappedText) -> bool:
    """Whether ``inner`` occurs in ``outer`` with the same source positions."""
    start = outer.text.find(inner.text)
    while start >= 0:
        end = start + len(inner.text)
        if outer.slice(start, end).starts_with(inner):
            return True
        start = outer.text.find(inner.text, start + 1)
    return False

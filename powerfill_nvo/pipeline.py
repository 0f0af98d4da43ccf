"""The whole pipeline over a set of exports: read -> parse -> extract -> analyze SQL.

``run_pipeline`` is what every command builds on; the per-file work (read,
parse, extract, the column definitions of each SQL text) is cached by content
hash (``cache.py``), and an unchanged file is known by its size, mtime and inode
without being read. The SQL analysis runs in two passes over all files (a
catalog of every defined column first, then references resolved against it);
the second pass is cached per file, keyed by the file's texts and the digest of
the catalog's names (all that analysis reads of it).
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import os
import re
from array import array
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, Optional

from . import model as m
from . import sql
from .cache import ParseCache
from .extract import Extraction, Request, SqlText, evaluate, extract
from .extract.flows import NON_SINKS
from .extract.common import (CallSite, as_read_in, constructor_calls_key, exact_template, gives_number, handed_key,
                             may_return_text, placed, stored_rows_key, structure_key)
from .extract.values import VALUE_TYPES, Choice, ObjectOf, Parts, Record, alternatives, join
from .sourcemap import MappedText, is_foreign
from .extract.fold import BUILT_BY
from .extract.link import link
from .forked import map_in_two
from .helpers import AddColumn, CallLineage, HelperRoles, helper_conflicts, helper_roles, read_call
from .reader import ReadError, SourceText, StoredSource, declared_type, read_stamped
from .sources import find_exports
from .sql import Catalog, ColumnDef, SqlFacts
from .sql.model import moved
from .workers import counting_writes, forked_pool, light_gc, pool_size

#: Default pattern of the schema-migration helper's name (searched, any case).
DEFAULT_HELPER = r"_set_addcolumn$"


@dataclass
class Document:
    """One export through the per-file stages: ``definitions`` holds the column definitions of each of its
    SQL texts (``extraction.sql``; after the pass across files, of the texts that pass leaves)."""

    source: Optional[SourceText]
    file: m.SourceFile
    extraction: Extraction
    definitions: list[list[ColumnDef]] = field(default_factory=list)


@dataclass
class FileEntry:
    """What the cache keeps of one export: its parse (scripts without bodies), extraction and definitions."""

    file: m.SourceFile
    extraction: Extraction
    definitions: list


@dataclass
class Answers:
    """What the cache keeps of one file's functions evaluated for other files' calls (``_answers``), and what
    those evaluations asked of other files in turn."""

    values: list
    asked: dict = field(default_factory=dict)


@dataclass
class AnalyzedSql:
    text: SqlText
    facts: SqlFacts


@dataclass
class PipelineResult:
    documents: list[Document]
    helper_pattern: re.Pattern
    catalog: Catalog
    helpers: dict[tuple[str, str], HelperRoles]
    additions: list[AddColumn]
    sql: list[AnalyzedSql] = field(default_factory=list)
    helper_conflicts: list[m.Diagnostic] = field(default_factory=list)  # see helpers.helper_conflicts

    def procedure_uses(self) -> dict[tuple[str, str], dict[str, set[str]]]:
        """(table, column) in lower case -> procedure -> its accesses (define/read/write), in first-use order."""
        uses: dict[tuple[str, str], dict[str, set[str]]] = {}
        for analyzed in self.sql:
            procedure = analyzed.facts.procedure
            for ref in procedure.refs if procedure else ():
                if ref.table is None:  # not attributed: no (table, column) to count it under
                    continue
                key = (ref.table.lower(), ref.column.lower())
                uses.setdefault(key, {}).setdefault(procedure.name, set()).add(ref.access)
        return uses

    @property
    def diagnostics(self) -> list[m.Diagnostic]:
        found = [diag for d in self.documents for diag in d.file.diagnostics]
        found += [m.Diagnostic(file or a.text.file, line or a.text.line, message, "warning")  # (0: every
                  for a in self.sql for line, message, file in a.facts.diagnostics]  # character another file's)
        return found + self.helper_conflicts


def _drop_bodies(file: m.SourceFile) -> None:
    """Script bodies are not needed once extracted; dropping them keeps results and cache entries small."""
    for script in file.scripts:
        script.body = []


#: Files parsed in this process kept with their bodies, for extracting them again with other files' values
#: and evaluating their functions for other files' calls (``_answers``): a run after an edit parses the
#: edited file once.
RECENT_PARSES = 4
_recent_parses: dict[tuple[str, str], m.SourceFile] = {}


def _own_copy(file: m.SourceFile) -> m.SourceFile:
    """``file`` with scripts and diagnostics of its own (what extraction changes), the bodies shared."""
    return dataclasses.replace(file, scripts=[dataclasses.replace(script) for script in file.scripts],
                               diagnostics=list(file.diagnostics))


def _parsed(source: SourceText, jobs: Optional[int] = None,
            while_waiting: Optional[Callable[[], None]] = None) -> m.SourceFile:
    """``source`` parsed with its script bodies: a copy of the parse this process kept (the last few), else
    parsed (``jobs`` and ``while_waiting`` as for ``parse_source``) and kept."""
    kept = _recent_parses.pop((source.path, source.sha256), None)
    if kept is None:
        from .parse import parse_source  # the grammar loads on first use only
        kept = parse_source(source, jobs, while_waiting=while_waiting)
    _recent_parses[(source.path, source.sha256)] = kept
    while len(_recent_parses) > RECENT_PARSES:
        del _recent_parses[next(iter(_recent_parses))]
    return _own_copy(kept)


def load_document(source: SourceText, pattern: re.Pattern, cache: Optional[ParseCache] = None,
                  inherited: Optional[dict] = None, jobs: Optional[int] = None) -> Document:
    """Parse and extract one decoded file (from the cache when its content and what it inherits are unchanged).

    ``inherited``: the values of the variables its ancestors declare. The document's scripts keep their
    headers, lines and ``parsed`` flag, not their bodies.
    """
    found = stored_document(source, pattern, cache, inherited)
    if found is not None:
        return found
    file = _parsed(source, jobs, while_waiting=_load_sql_stage)
    try:
        extraction = extract(source, file, pattern, inherited, jobs, while_waiting=_load_sql_stage)
    except RecursionError:
        file.diagnostics.append(m.Diagnostic(source.path, 0, "expressions nested too deeply to extract"))
        extraction = Extraction()
    _drop_bodies(file)
    entry = FileEntry(file, extraction, [sql.collect_definitions(text.text) for text in extraction.sql])
    key = _document_key(source, pattern, inherited)
    if cache:
        cache.put(key, entry)
    return Document(source, entry.file, entry.extraction, entry.definitions)


def _load_sql_stage() -> None:
    """Import the SQL stage (sqlglot: 0.1-0.2 s), which this file's texts need later, while a forked process
    parses the file's sections (or, when the parse was not shared, walks its scripts)."""
    importlib.import_module(".sql.analysis", __package__)


def _document_key(source: SourceText, pattern: re.Pattern, inherited: Optional[dict]) -> tuple:
    return ("file", source.sha256, source.encoding, pattern.pattern, source.path, _values_digest(inherited))


def stored_document(source: SourceText, pattern: re.Pattern, cache: Optional[ParseCache],
                    inherited: Optional[dict]) -> Optional[Document]:
    """The document as the cache holds it (same content, pattern, path and inherited values), else None."""
    key = _document_key(source, pattern, inherited)
    entry = cache.get(key, FileEntry) if cache else None
    if entry is None or len(entry.definitions) != len(entry.extraction.sql):
        return None
    return Document(source, entry.file, entry.extraction, entry.definitions)


def _inheritance_plan(sources: list) -> list[tuple[int, list[int]]]:
    """Each index of ``sources`` with the indexes whose exported values it inherits (nearest ancestor first),
    every object after the ancestors defined among them (else in order). Of two files that define one
    object, a descendant inherits from the one placed last before it."""
    declared = [declared_type(s) if isinstance(s, SourceText) else (None, None) for s in sources]
    defined: dict[str, int] = {}
    for index, (name, _) in enumerate(declared):
        if name:
            defined.setdefault(name, index)
    order, placed = [], set()
    for start in range(len(sources)):
        chain, index = [], start
        while index is not None and index not in placed and index not in chain:
            chain.append(index)
            index = defined.get(declared[index][1])
        for index in reversed(chain):
            placed.add(index)
            order.append(index)
    plan, latest = [], {}
    for index in order:
        name, ancestor = declared[index]
        if isinstance(sources[index], SourceText):
            ancestors, seen = [], set()
            while ancestor in latest and ancestor not in seen:
                seen.add(ancestor)
                ancestors.append(latest[ancestor])
                ancestor = declared[latest[ancestor]][1]
            plan.append((index, ancestors))
            if name:
                latest[name] = index
        else:
            plan.append((index, []))
    return plan


def _inherited(ancestors: list[int], documents: list, reader: str) -> dict:
    """The variable values the object of file ``reader`` inherits: each ancestor's, the nearest winning, as
    ``reader`` holds them (``as_read_in``: each character where the ancestor's file writes it); for a variable
    holding an object (``n_cst_const inv_const``), its class (``inv_const.TBL_POOL`` is read through it)."""
    values: dict = {}
    for index in ancestors:
        extraction, lines = documents[index].extraction, _script_lines([documents[index]])
        for name, value in extraction.exports.items():
            if name not in values:
                values[name] = as_read_in(value, reader, lines)
        for name, held in _object_variables(extraction):
            if values.get(name) is None:  # (exported without a value)
                values[name] = held
    return values


def _object_variables(extraction: Extraction) -> Iterator[tuple[str, ObjectOf]]:
    """The object's variables that hold an object, each with its declared class."""
    return ((name, ObjectOf(kind)) for name, kind in extraction.instance_types.items() if kind not in VALUE_TYPES)


def _values_digest(values: Optional[dict]) -> str:
    """A digest of inherited values, for the cache key (text and source positions of each)."""
    if not values:
        return ""
    digest = hashlib.sha256()
    for name in sorted(values):
        digest.update(name.encode() + b"\0" + repr(values[name]).encode() + b"\0")
    return digest.hexdigest()


def _read(path: str, encoding: Optional[str], cache: Optional[ParseCache]) -> SourceText | m.SourceFile:
    try:
        return read_stamped(path, encoding, cache)
    except ReadError as e:
        return m.SourceFile.unreadable(e.path, e.message, e.line)


def run_pipeline(paths: Iterable[str], helper: str = DEFAULT_HELPER, encoding: Optional[str] = None,
                 schema_file: Optional[str] = None, cache: Optional[ParseCache] = None,
                 progress: Optional[Callable[[str], None]] = None, jobs: Optional[int] = None) -> PipelineResult:
    """Every stage over the exports under ``paths``; files are parsed and extracted by ``jobs`` processes
    (default: one per core; 1 or a small input: this process only).

    With a cache, unchanged files are not read again, skip parsing and extraction, and the SQL analysis of
    their texts is reused while the catalog's names are unchanged (``ParseCache.close`` stores the stat index).
    """
    pattern = re.compile(helper, re.I)
    files = find_exports(paths)
    if cache:
        cache.open_stamps(tuple(os.path.abspath(path) for path in files))
    sources = [_read(path, encoding, cache) for path in files]
    with light_gc():  # the SQL stage too: sqlglot's trees (cyclic, each node knows its parent) die young
        documents = _load_documents(sources, pattern, cache, jobs, progress)
        return _analyze_sql(documents, pattern, schema_file, cache, jobs)


def _load_documents(sources: list, pattern: re.Pattern, cache: Optional[ParseCache], jobs: Optional[int],
                    progress: Optional[Callable[[str], None]]) -> list[Document]:
    """Each source parsed and extracted, a descendant after the ancestors it inherits values from."""
    plan = _inheritance_plan(sources)
    documents: list[Optional[Document]] = [None] * len(sources)

    def place(index: int, document: Document) -> None:
        documents[index] = document
        if progress:
            progress(document.file.path)

    fresh = [s for s in sources if isinstance(s, SourceText) and not isinstance(s, StoredSource)]
    workers = pool_size(jobs, len(fresh), sum(len(s.text) for s in fresh))  # files the stat index knows: cached
    if workers:
        from .parse import load_grammar
        load_grammar()  # before the workers fork, so they inherit it
        global _worker_inputs
        _worker_inputs = (sources, pattern, cache)
        try:
            _load_in_pool(plan, documents, place, workers)
        finally:
            _worker_inputs = None
    else:
        for index, ancestors in plan:
            source = sources[index]
            place(index, load_document(source, pattern, cache, _inherited(ancestors, documents, source.path), jobs)
                  if isinstance(source, SourceText) else Document(None, source, Extraction()))
    _with_values_of_other_objects(plan, sources, documents, pattern, cache, jobs)
    return documents


def _with_values_of_other_objects(plan: list[tuple[int, list[int]]], sources: list, documents: list,
                                  pattern: re.Pattern, cache: Optional[ParseCache], jobs: Optional[int]) -> None:
    """Extract again, in this process, each file that read a constant or variable of another object
    (``inv_const.TBL_POOL``), a global variable (``gs_schema``) or the result of another file's function
    whose value another file gives; again while those values change (a builder reading a constant), at most
    ``VALUE_ROUNDS`` times."""
    given: dict[int, dict] = {}
    given_digests: dict[int, str] = {}
    answered: dict[str, object] = {}
    asked: dict[int, dict[str, Request]] = {}  # what evaluating a file's functions asked of other files
    provisional: dict[str, Request] = {}  # answers given while their evaluation waited on others: asked again
    read = _AsRead(_script_lines(documents))
    for _ in range(VALUE_ROUNDS):
        provided = _provided_values(documents)
        provided.update(answered)
        known = len(answered) + sum(map(len, asked.values()))
        answered.update(_answers(plan, sources, documents, provided, given, answered, asked, cache, read,
                                 provisional, pattern))
        provided.update(answered)
        changed = len(answered) + sum(map(len, asked.values())) > known  # evaluations asked or learnt more
        for index, ancestors in plan:
            document = documents[index]
            values = _values_read(document, given.get(index, {}), provided, read) \
                if document.source is not None else {}
            digest = _values_digest(values)
            if values and digest != given_digests.get(index, ""):
                given[index], given_digests[index], changed = values, digest, True
                documents[index] = load_document(sources[index], pattern, cache,
                                                 {**_inherited(ancestors, documents, sources[index].path), **values}, jobs)
        if not changed:
            return


class _AsRead:
    """Other files' values as each reader reads them (``as_read_in``), computed once per value and reader in
    a run (the rounds of ``_with_values_of_other_objects`` read the same values again)."""

    def __init__(self, script_lines: dict[str, list[int]]) -> None:
        self._script_lines = script_lines
        self._read: dict[tuple[int, str], tuple[object, object]] = {}  # the value kept: its id stays its own

    def __call__(self, value: object, path: str) -> object:
        found = self._read.get((id(value), path))
        if found is None:
            found = self._read[(id(value), path)] = (value, as_read_in(value, path, self._script_lines))
        return found[1]


def _values_read(document: Document, given: dict, provided: dict, read: _AsRead) -> dict:
    """The values other files give that a file reads: what it wanted, the answers to its requests, and what
    it was given before (no longer wanted once known), each as the file reads it (``as_read_in``: the lines
    of the file that gives it do not matter, so an edit there that keeps the values re-extracts nothing)."""
    extraction, path = document.extraction, document.source.path
    keys = extraction.wanted | extraction.requests.keys() | given.keys()
    return {key: read(provided[key], path) for key in sorted(keys) if key in provided and provided[key] != ()}


def _answers(plan: list[tuple[int, list[int]]], sources: list, documents: list, provided: dict,
             given: dict[int, dict], answered: dict, asked: dict[int, dict[str, Request]],
             cache: Optional[ParseCache], read: _AsRead, provisional: dict[str, Request],
             pattern: re.Pattern) -> dict:
    """What other files' functions return for the known arguments files call them with (``Folder.requests``
    not answered whole yet): each providing file parsed again once, with the values it reads from others
    and the answers to what its evaluations asked before (``asked``, updated), and its function evaluated
    per request. An answer given while the evaluation waited on what it asked of others is ``provisional``
    (updated): asked again once those are answered."""
    providers = {kind: _function_providers(documents, offered) for kind, offered in
                 (("result", _returns_string), ("refs", _fills_ref_parameters), ("walk", _is_function),
                  ("count", _returns_number))}
    ancestors = _parents(documents)
    descendants = _Descendants(provided)
    by_provider: dict[int, list[tuple[str, str, Request]]] = {}
    pending: dict[str, Request] = {}  # each file's requests, in file order, then the provisional answers' again
    for position, document in enumerate(documents):
        pending.update(sorted({**asked.get(position, {}), **document.extraction.requests}.items()))
    pending.update((request, question) for request, question in sorted(provisional.items()) if request not in pending)
    for request, question in pending.items():
        previous = answered.get(request)
        kind = "refs" if question.refs else "walk" if question.walk else "result"
        found = _provider(question.key, providers[kind], ancestors)
        if found is None and kind == "result" and question.history:  # a count an object's state gives
            found = _provider(question.key, providers["count"], ancestors)  # (``li_col = lnv_tab.of_addcol(…)``)
        if found is None or previous is not None and request not in provisional and (
                kind != "result" or all(not isinstance(o, MappedText) or o.complete for o in alternatives(previous))):
            continue
        index, function = found
        template = documents[index].extraction.templates.get(function)
        owner, definer = question.key.partition(".")[0], (documents[index].file.object_name or "").lower()
        if owner != definer and owner in ancestors and descendants.behave_otherwise(owner, definer):
            question = replace(question, runtime=owner)  # an object of a descendant class inheriting the function
        if kind == "walk" and not question.history and not question.runtime and \
                not _builds_from_parameters(documents[index].extraction, function, len(question.args)):
            continue
        if kind != "result" or question.history or question.runtime or not exact_template(template, question.args):
            by_provider.setdefault(index, []).append((request, function, question))  # an exact template: no answer
    answers = {}
    ancestors_of = dict(plan)
    for index, wanted in sorted(by_provider.items()):
        source = sources[index]
        inherited = {**_inherited(ancestors_of[index], documents, source.path),
                     **_values_read(documents[index], given.get(index, {}), provided, read),
                     **{key: read(provided[key], source.path) for key in sorted(asked.get(index, {}))
                        if key in provided},
                     **_runtime_values({question.runtime for _, _, question in wanted} - {""}, documents[index],
                                       provided, lambda value: read(value, source.path))}
        requests = [replace(question, key=function) for _, function, question in wanted]
        key = ("answers", source.sha256, source.encoding, source.path, pattern.pattern, _values_digest(inherited),
               _values_digest({str(i): request for i, request in enumerate(requests)}))
        stored = cache.get(key, Answers) if cache else None
        if stored is None or len(stored.values) != len(requests):
            stored = Answers(*evaluate(source, _parsed(source), inherited, requests, pattern))
            if cache:
                cache.put(key, stored)
        asked.setdefault(index, {}).update(stored.asked)
        waiting = any(key not in provided for key in stored.asked)  # asked of others: may build more next round
        answers.update((request, value) for (request, _, question), value in zip(wanted, stored.values)
                       if _is_answer(value, question) and not (waiting and value == ()))
        for request, _, question in wanted:  # (what an evaluation on a descendant reads of its class's file,
            if waiting or question.runtime:  # answered there in turn, may still change: asked while rounds go on)
                provisional[request] = question
            else:
                provisional.pop(request, None)
    return answers


class _Descendants:
    """Whether an object of a descendant class may run a function its ancestor defines otherwise than an object
    of the ancestor: it overrides one of the ancestor's functions or events, or holds another value in one of
    its variables (read from the values files give each other, indexed once)."""

    def __init__(self, provided: dict) -> None:
        self.overriders: dict[str, set[str]] = {}
        self.values: dict[str, dict[str, object]] = {}
        self.constructing = {key for key in provided if key.endswith(constructor_calls_key(""))}
        for key, value in provided.items():
            owner, dot, name = key.partition(".")
            ancestor, mark, function = key.partition(">")
            if mark and not function.endswith(")"):
                self.overriders.setdefault(ancestor, set()).update(value)
            elif dot and owner and not name.endswith(")"):
                self.values.setdefault(owner, {})[name] = _meaning(value)
        self.known: dict[tuple[str, str], bool] = {}

    def behave_otherwise(self, kind: str, definer: str) -> bool:
        if (kind, definer) not in self.known:
            theirs = self.values.get(definer, {})
            self.known[(kind, definer)] = kind in self.overriders.get(definer, ()) or any(
                theirs.get(name, value) != value for name, value in self.values.get(kind, {}).items()) \
                or constructor_calls_key(kind) in self.constructing
        return self.known[(kind, definer)]


def _meaning(value: object) -> object:
    """What a value says, wherever its characters are written: its texts, numbers and shape."""
    if isinstance(value, MappedText):
        return value.text
    if isinstance(value, Choice):
        return tuple(option.text for option in value.options), value.partial
    if isinstance(value, Parts):
        return tuple((index, _meaning(item)) for index, item in sorted(value.items.items(), key=lambda i: str(i[0])))
    return value if isinstance(value, (int, str, tuple)) or value is None else type(value).__name__


def _runtime_values(classes: set[str], document: Document, provided: dict, read: Callable) -> dict:
    """What an evaluation of an inherited function on an object of each of ``classes`` reads: that class's
    instance values and functions (``class.name``, as ``Folder._as_runtime`` and the dispatch read them), and
    which descendants override the defining object's functions (``object>function()``)."""
    if not classes:
        return {}
    owner = (document.file.object_name or "").lower()
    prefixes = tuple(f"{kind}." for kind in sorted(classes)) + (f"{owner}>",)
    return {key: read(value) for key, value in provided.items() if key.startswith(prefixes)}


def _is_answer(value: object, asked: Request) -> bool:
    """Whether an evaluation answered: strings (a result), a value per parameter of which one is known (``ref``
    outputs), the SQL texts built (a walk; none is given to no reader)."""
    if asked.refs:
        return isinstance(value, tuple) and any(v is not None for v in value)
    if asked.walk:  # none built is an answer too: not asked again
        return isinstance(value, tuple)
    if asked.history and isinstance(value, int) and not isinstance(value, bool):  # a count the state gives
        return True
    return value is not None and all(isinstance(o, (MappedText, Record)) for o in alternatives(value))


def _provider(key: str, providers: dict[str, tuple[int, str]], ancestors: dict[str, str]
              ) -> Optional[tuple[int, str]]:
    """Where the function ``owner.function()`` is defined: the owner's, else its nearest ancestor's, else a
    global function of that name."""
    owner, _, function = key.partition(".")
    seen = set()
    while owner and owner not in seen:
        found = providers.get(f"{owner}.{function}")
        if found is not None:
            return found
        seen.add(owner)
        owner = ancestors.get(owner, "")
    return providers.get(f".{function}")


def _builds_from_parameters(extraction: Extraction, function: str, nargs: int) -> bool:
    """Whether a function may build SQL from its parameters: it runs SQL itself, or passes a parameter on to a
    call that may run it."""
    return any(s.name == function and s.nargs == nargs and (
        bool(s.sinks) or any(source[0] == "param" and ref.name not in NON_SINKS for source, ref, _, _ in s.passes))
        for s in extraction.summaries)


def _is_function(script: m.Script) -> bool:
    return script.kind in ("function", "subroutine")


def _returns_string(script: m.Script) -> bool:
    """A function giving a string, or a structure that may hold some (``f_pk_col(name, type)``)."""
    return script.kind == "function" and may_return_text(script.returns)


def _returns_number(script: m.Script) -> bool:
    return script.kind == "function" and gives_number(script.returns)


def _fills_ref_parameters(script: m.Script) -> bool:
    return _is_function(script) and any(p.ref for p in script.params)


def _function_providers(documents: list[Document], offered: Callable[[m.Script], bool]
                        ) -> dict[str, tuple[int, str]]:
    """Where each function other files may call is defined: ``object.function()`` (and ``.function()`` for a
    global function, ``global_variable.function()`` through a global of the object's type) -> (document
    index, function name)."""
    by_owner: dict[str, list[tuple[int, str]]] = {}
    providers, global_types = {}, {}
    for index, document in enumerate(documents):
        owner = (document.file.object_name or "").lower()
        for script in document.file.scripts:
            if offered(script):
                function = script.name.lower()
                by_owner.setdefault(owner, []).append((index, function))
                providers[f"{owner}.{function}()"] = (index, function)
                if function == owner:  # a global function's file is named after it
                    providers[f".{function}()"] = (index, function)
        global_types.update(document.extraction.globals)
    for variable, kind in global_types.items():
        providers.update((f"{variable}.{function}()", (index, function)) for index, function in by_owner.get(kind, []))
    return providers


#: Rounds of extracting files again with the values other files give (``_with_values_of_other_objects``).
VALUE_ROUNDS = 8


def _provided_values(documents: list[Document]) -> dict:
    """Known values other files can read: ``object.name`` for each object's constants and instance
    variables and ``object.function()`` for its functions' results (and ``global_variable.name`` through a
    global of that object's type), ``.name`` for globals and global functions."""
    by_owner: dict[str, dict] = {}
    provided, global_types = {}, {}
    for document in documents:
        exports, owner = document.extraction.exports, (document.file.object_name or "").lower()
        members = by_owner.setdefault(owner, {})
        members.update(_object_variables(document.extraction))  # ``gnv_app.inv_exec``: for the calls through it
        for name, value in exports.items():
            if "." not in name and (isinstance(value, (MappedText, Choice, int)) or isinstance(value, Parts)
                                    and not value.gaps and value.items):  # (an array: ``is_tables[]``)
                members[name] = value
                if name in document.extraction.globals:
                    provided[f".{name}"] = value
        for function, template in document.extraction.templates.items():
            members[f"{function}()"] = template
            if function == owner:  # a global function's file is named after it
                provided[f".{function}()"] = template
        global_types.update(document.extraction.globals)
        if document.extraction.structure is not None:
            provided[structure_key(owner)] = document.extraction.structure
        if document.extraction.constructor_calls:
            provided[constructor_calls_key(owner)] = document.extraction.constructor_calls
    parents = _parents(documents)
    for owner, members in by_owner.items():
        provided.update((f"{owner}.{name}", value) for name, value in members.items())
        for ancestor in _ancestors_of(owner, parents):  # the functions it inherits (``of_row(…)`` written bare)
            provided.update((f"{owner}.{name}", value) for name, value in by_owner.get(ancestor, {}).items()
                            if name.endswith("()") and f"{owner}.{name}" not in provided)
    provided.update(_overriders(documents, parents))
    handed: dict[str, list] = {}
    for document in documents:
        dataobject = os.path.splitext(os.path.basename(document.file.path))[0].lower()
        provided.update((stored_rows_key(dataobject, column), rows) for column, rows in document.extraction.stored.items())
        for kind, values in document.extraction.handed.items():
            handed.setdefault(handed_key(kind), []).extend(values)
    provided.update((key, values[0] if len(values) == 1 else join(None, values)) for key, values in handed.items())
    for variable, kind in global_types.items():  # one pass per global over its type's members only
        provided.update((f"{variable}.{name}", value) for name, value in by_owner.get(kind, {}).items())
    return provided


def _parents(documents: list[Document]) -> dict[str, str]:
    """Each object's ancestor, by lower-case name ("" for none)."""
    return {(d.file.object_name or "").lower(): (d.file.ancestor or "").lower() for d in documents}


def _ancestors_of(owner: str, parents: dict[str, str]) -> Iterator[str]:
    """``owner``'s ancestors, nearest first (a cycle in the sources ends the walk)."""
    ancestor, seen = parents.get(owner), {owner}
    while ancestor and ancestor not in seen:
        seen.add(ancestor)
        yield ancestor
        ancestor = parents.get(ancestor)


def _overriders(documents: list[Document], parents: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """``ancestor>function()``: the descendants (any generation) whose own string function of that name
    overrides the ancestor's, so that the ancestor's scripts, which may run on one of them, read theirs too;
    ``ancestor>function``: those whose own function or event of that name does (any, for a walk of the
    ancestor's script on an object of one of them, ``Request.runtime``)."""
    found: dict[str, set[str]] = {}
    for document in documents:
        owner = (document.file.object_name or "").lower()
        scripts = {s.name for s in document.extraction.summaries if s.kind in ("function", "event")}
        for ancestor in _ancestors_of(owner, parents):
            for function in document.extraction.templates:
                found.setdefault(f"{ancestor}>{function}()", set()).add(owner)
            for function in scripts:
                found.setdefault(f"{ancestor}>{function}", set()).add(owner)
    return {key: tuple(sorted(owners)) for key, owners in found.items()}


#: What forked workers inherit: the sources, the helper pattern and the cache.
_worker_inputs: Optional[tuple[list, re.Pattern, Optional[ParseCache]]] = None


def _load_in_worker(index: int, inherited: dict) -> tuple[tuple, Optional[tuple]]:
    """In a worker: one source parsed and extracted (the document's fields but its source: the parent has
    it), and what it added to the cache (``ParseCache.since``)."""
    sources, pattern, cache = _worker_inputs

    def load() -> tuple:
        document = load_document(sources[index], pattern, cache, inherited)
        return document.file, document.extraction, document.definitions
    return counting_writes(load, cache)


def _load_in_pool(plan: list[tuple[int, list[int]]], documents: list, place: Callable, workers: int) -> None:
    """The plan run on ``workers`` processes: each file as soon as the files it inherits from are done."""
    from concurrent.futures import FIRST_COMPLETED, wait

    sources, pattern, cache = _worker_inputs
    waiting = {index: set(ancestors) for index, ancestors in plan}
    dependents: dict[int, list[int]] = {}
    for index, ancestors in plan:
        for ancestor in set(ancestors):
            dependents.setdefault(ancestor, []).append(index)
    ancestors_of = dict(plan)
    with forked_pool(workers) as pool:
        running = {}

        def start(index: int) -> None:
            source = sources[index]
            if not isinstance(source, SourceText):
                return finish(index, Document(None, source, Extraction()))
            inherited = _inherited(ancestors_of[index], documents, source.path)
            stored = stored_document(source, pattern, cache, inherited)  # a cache hit costs no worker
            if stored is not None:
                return finish(index, stored)
            running[pool.submit(_load_in_worker, index, inherited)] = index

        def finish(index: int, document: Document) -> None:
            place(index, document)
            for dependent in dependents.get(index, ()):
                waiting[dependent].discard(index)
                if not waiting[dependent]:
                    start(dependent)

        for index, ancestors in plan:
            if not ancestors:
                start(index)
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                index = running.pop(future)
                fields, news = future.result()
                if cache:
                    cache.merge(news)
                finish(index, Document(sources[index], *fields))


def _walked_for_callers(documents: list[Document]) -> list[CallSite]:
    """Every file's migration-helper calls, without a call whose arguments are not all known where another
    file's call walked its function with known values and found it (``of_add_pairs(…)`` of an ancestor called by
    descendants: the helper call with each descendant's values, not once more with the parameters')."""
    calls = [c for d in documents for c in d.extraction.calls]
    walked = {(c.file, c.call.start) for c in calls if c.via.startswith(BUILT_BY) and all(a.resolved for a in c.args)}
    return [c for c in calls if (c.file, c.call.start) not in walked or c.via or all(a.resolved for a in c.args)]


def _analyze_sql(documents: list[Document], pattern: re.Pattern, schema_file: Optional[str],
                 cache: Optional[ParseCache] = None, jobs: Optional[int] = None) -> PipelineResult:
    """Which texts run (the pass across files), helper calls read through their roles, then the SQL stage
    in two passes over every text (each file's second pass from the cache when its texts and the catalog's
    names are unchanged; the second pass shared with a forked process, unless ``jobs`` is 1)."""
    extracted = {id(t): (t, defs) for d in documents for t, defs in zip(d.extraction.sql, d.definitions)}
    _place_in_files(documents)  # before the pass across files too: a text it rebuilds is told from the same one
    link([d.extraction for d in documents], [d.file for d in documents])
    _place_in_files(documents)
    catalog = Catalog.from_schema_file(schema_file) if schema_file else Catalog()
    for document in documents:  # link replaces texts by their rebuilds for each call: those are read here
        document.definitions = [extracted[id(t)][1] if extracted.get(id(t), (None,))[0] is t and not t.text.origins
                                else sql.collect_definitions(t.text) for t in document.extraction.sql]
        for definitions in document.definitions:
            for definition in definitions:
                catalog.add_column(definition)
    helpers = helper_roles([d.file for d in documents], pattern)
    lineage = CallLineage(d.file for d in documents)
    additions = [read_call(c, helpers, lineage(c)) for c in _walked_for_callers(documents)]
    for addition in additions:
        if addition.resolved:
            catalog.add_column(ColumnDef(addition.table, addition.column, addition.sql_type,
                                         addition.definition, addition.call.line))
    result = PipelineResult(documents, pattern, catalog, helpers, additions,
                            helper_conflicts=helper_conflicts(helpers))
    names = catalog.names_digest()
    for document in documents:
        texts = document.extraction.sql
        facts = _texts_facts(document.file.path, texts, catalog, names, cache, jobs)
        result.sql += [AnalyzedSql(t, f) for t, f in zip(texts, facts, strict=True)]
    return result


def _script_lines(documents: Iterable[Document]) -> dict[str, list[int]]:
    """The first line of each script of each file read, by path."""
    return {d.file.path: [script.line for script in d.file.scripts]
            for d in documents if isinstance(d.file, m.SourceFile)}


def _place_in_files(documents: list[Document]) -> None:
    """Each text's characters another file wrote, and each place in ``via`` in another file's function that
    built it for this file's calls, on that file's lines in this run (``MappedText.placed_in_files``,
    ``common.placed``)."""
    script_lines = _script_lines(documents)
    for document in documents:
        for text in document.extraction.sql:
            text.via = placed(text.via, script_lines)
            text.text = text.text.placed_in_files(script_lines)


def _text_digest(text: SqlText) -> tuple[str, int]:
    """A digest of all that the SQL stage reads of ``text`` (its mapped text: file, characters, their
    positions, whether it is complete) with its lines counted from the text's own line, and that line: a text
    that only moved (lines inserted above it) keeps its digest. A text holding a line 0 is digested as is."""
    mapped, runs = text.text, text.text.position_runs()
    lines, cols = runs[1::3], runs[2::3]
    base = 0 if 0 in lines or text.line <= 0 else text.line
    digest = hashlib.sha256(repr((mapped.file, mapped.text, mapped.complete, text.line - base,
                                  mapped.origins)).encode())
    digest.update(runs[0::3].tobytes())
    digest.update(cols.tobytes())
    digest.update(array("q", [line if is_foreign(col) else line - base for line, col in zip(lines, cols)]).tobytes())
    return digest.hexdigest(), base


@dataclass
class FileSql:
    """What the cache keeps of the SQL stage on one file's texts (after the pass across files), under the
    file's path and the catalog's names: for each text, its ``_text_digest`` and line, and its facts."""

    texts: list


def _texts_facts(path: str, texts: list[SqlText], catalog: Catalog, names: str, cache: Optional[ParseCache],
                 jobs: Optional[int] = None) -> list[SqlFacts]:
    """The SQL stage on each of one file's ``texts``; with a cache, a text whose digest (``_text_digest``)
    the file's last analysis under ``names`` (the digest of all that the stage reads of ``catalog``) holds
    is not analysed again: its facts are moved to its line (``moved``). The entry is replaced when a text
    was analysed or moved."""
    key = ("sql", path, names) if cache and texts else None
    if key is None:
        return _analyze_texts(texts, catalog, jobs)
    stored = _valid_texts(cache.get(key, FileSql))
    known = {digest: (line, facts) for digest, line, facts in stored}
    digests = [_text_digest(text) for text in texts]
    found: list[Optional[SqlFacts]] = []
    used: set[int] = set()
    for (digest, line), text in zip(digests, texts):
        line_facts = known.get(digest)
        if line_facts is None:
            found.append(None)
            continue
        delta, facts = line - line_facts[0], line_facts[1]
        found.append(moved(facts, delta) if delta or id(facts) in used else facts)
        used.add(id(facts))
        if found[-1].procedure is not None:
            found[-1].procedure.text = text.text  # the text itself, not the stored copy of it
    missing = [index for index, facts in enumerate(found) if facts is None]
    for index, facts in zip(missing, _analyze_texts([texts[i] for i in missing], catalog, jobs)):
        found[index] = facts
    if digests != [(digest, line) for digest, line, _ in stored]:
        cache.put(key, FileSql([(digest, line, facts) for (digest, line), facts in zip(digests, found)]))
    return found


def _valid_texts(stored: Optional[FileSql]) -> list[tuple[str, int, SqlFacts]]:
    """The texts of a stored ``FileSql`` when each is a (digest, line, facts), else none."""
    texts = stored.texts if stored is not None else []
    if all(isinstance(t, tuple) and len(t) == 3 and isinstance(t[0], str) and isinstance(t[1], int)
           and isinstance(t[2], SqlFacts) for t in texts):
        return texts
    return []


#: Characters of SQL from which the second pass shares its texts with a second process (forking and
#: sending the results back cost about as much as analysing a tenth of this).
PARALLEL_SQL_CHARS = 40_000


def _analyze_texts(texts: list[SqlText], catalog: Catalog, jobs: Optional[int]) -> list[SqlFacts]:
    """The SQL stage on each text, in two processes when there is enough SQL to pay for the second."""
    found = map_in_two(functools.partial(_analyze_text, catalog=catalog), texts,
                       [len(t.text.text) for t in texts], PARALLEL_SQL_CHARS, jobs)
    for text, facts in zip(texts, found):
        if facts.procedure is not None:
            facts.procedure.text = text.text  # the text itself, not the forked process's copy of it
    return found


def _analyze_text(text: SqlText, catalog: Catalog) -> SqlFacts:
    """The SQL stage on one text; a text too deeply nested for it is reported, not fatal."""
    try:
        return sql.analyze(text.text, catalog)
    except RecursionError:
        return SqlFacts(diagnostics=[(text.line, "SQL nested too deeply to analyze", None)])

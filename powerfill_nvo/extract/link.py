"""The pass across files: which SQL texts run, and by which path.

Every script's summary (``flows.py``) says which of its parameters, call results
and instance variables reach a SQL sink directly and which it passes on to other
calls. Calls are resolved to the functions of the whole set of files — the
calling object and its ancestors for an unqualified call, the declared type of
an object variable (``inv_db.of_exec``) and its ancestors, else a global function
(``.srf``) — and sinks are propagated to a fixed point. A text waiting on a
parameter, a result or an instance variable that reaches a sink is executed;
``via`` records the path.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from .. import model as m
from . import Extraction, without_fragments
from .flows import (EVENT_SENDERS, GLOBAL_OWNER, NON_SINKS, OPENED_WITH, STRING_SERVICES, CallRef, ScriptSummary,
                    param_cell, param_cell_of)
from .inline import inline_parameters
from .values import Parts

#: How ``via`` starts for SQL passed to a function nvo-scan cannot see: it may run it, so it counts.
ASSUMED = "assumed run"

#: Ancestor chains followed at most this deep (a loop in declared ancestors cannot hang the pass).
_MAX_ANCESTRY = 32


class Program:
    """The functions of a set of files, resolvable from a call as written."""

    def __init__(self, files: Iterable[m.SourceFile], summaries: Iterable[ScriptSummary],
                 global_types: dict[str, str], instance_types: dict[tuple[str, str], str]) -> None:
        self.global_types = global_types
        self.instance_types = instance_types
        self.ancestors: dict[str, str] = {}
        for file in files:
            for typedef in file.types:
                self.ancestors.setdefault(typedef.name.lower(), typedef.ancestor.lower())
        self._lineages: dict[str, tuple[str, ...]] = {}
        self._resolved: dict[CallRef, Optional[ScriptSummary]] = {}
        self.members: dict[tuple[str, str], list[ScriptSummary]] = {}
        self._owners_of: Optional[dict[str, list[str]]] = None
        self.globals: dict[str, list[ScriptSummary]] = {}
        for summary in summaries:
            if summary.kind not in ("function", "subroutine", "event"):
                continue
            self.members.setdefault((summary.object, summary.name), []).append(summary)
            if summary.is_global:
                self.globals.setdefault(summary.name, []).append(summary)

    def candidates(self, ref: CallRef) -> list[ScriptSummary]:
        """The functions a call may run: the one it resolves to, and the descendants' overrides of an own one."""
        found = self.resolve(ref)
        return ([found] if found is not None else []) + self.overriders(ref)

    def overriders(self, ref: CallRef) -> list[ScriptSummary]:
        """For a call of the caller's own function (``of_step_sql()``, ``this.of_step_sql()``): the functions of
        that name in the caller's descendants, which run instead when the object is one of them."""
        if ref.target_type is not None:
            return []
        if self._owners_of is None:  # each function name's objects, read once
            self._owners_of = {}
            for owner, name in self.members:
                self._owners_of.setdefault(name, []).append(owner)
        found = []
        for owner in self._owners_of.get(ref.name, ()):
            if owner != ref.caller_object and ref.caller_object in self.lineage(owner):
                override = _overload(self.members[(owner, ref.name)], ref.nargs, ref.arrays)
                if override is not None:
                    found.append(override)
        return found

    def lineage(self, name: str) -> tuple[str, ...]:
        """``name`` and its ancestors, nearest first (computed once per name)."""
        found = self._lineages.get(name)
        if found is None:
            chain = [name]
            while len(chain) < _MAX_ANCESTRY and self.ancestors.get(chain[-1]) not in (None, *chain):
                chain.append(self.ancestors[chain[-1]])
            found = self._lineages[name] = tuple(chain)
        return found

    def _declared_type(self, ref: CallRef) -> str:
        """The type of a call's target: an object's own name, an ancestor's instance variable, a global; of a
        path (``gnv_app.inv_exec``), each object's instance variable in turn."""
        root, *members = ref.target_type.split(".")
        kind = root if root in self.ancestors else self.member_type(ref.caller_object, root) \
            or self.global_types.get(root, root)
        for member in members:
            kind = self.member_type(kind, member)
            if kind is None:
                return ref.target_type
        return kind

    def member_type(self, owner: str, name: str) -> Optional[str]:
        """The declared type of instance variable ``name`` of ``owner`` or of an ancestor."""
        return next((self.instance_types[(o, name)] for o in self.lineage(owner) if (o, name) in self.instance_types),
                    None)

    def resolve(self, ref: CallRef) -> Optional[ScriptSummary]:
        """The function a call runs, if the sources define it (computed once per call as written)."""
        try:
            return self._resolved[ref]
        except KeyError:
            found = self._resolved[ref] = self._resolve(ref)
            return found

    def _resolve(self, ref: CallRef) -> Optional[ScriptSummary]:
        if ref.target_type == "?":
            return None
        target = self._declared_type(ref) if ref.target_type else None
        for owner in self.lineage(target or ref.caller_object):
            found = _overload(self.members.get((owner, ref.name)), ref.nargs, ref.arrays)
            if found is not None:
                return found
        return _overload(self.globals.get(ref.name), ref.nargs, ref.arrays) if ref.target_type is None else None


def _overload(candidates: Optional[list[ScriptSummary]], nargs: int, arrays: tuple[bool, ...] = ()
              ) -> Optional[ScriptSummary]:
    """The candidate taking ``nargs`` arguments (PowerScript overloads differ in their parameters); of several,
    the one with array parameters where the call passes arrays (``arrays``)."""
    fitting = [c for c in candidates or () if c.nargs == nargs]
    if len(fitting) > 1:
        fitting = [c for c in fitting if c.arrays == arrays] or fitting
    return fitting[0] if fitting else None


def _label(summary: ScriptSummary) -> str:
    return f"{summary.object}.{summary.name}" if summary.object and not summary.is_global else summary.name


def link(extractions: list[Extraction], files: list[m.SourceFile]) -> None:
    """Mark every text that reaches a sink through another function, a caller or an instance variable."""
    summaries = [s for e in extractions for s in e.summaries]
    summaries = _opened_with_parm(summaries) + summaries
    program = Program(files, summaries, {name: kind for e in extractions for name, kind in e.globals.items()},
                      {((f.object_name or "").lower(), name): kind
                       for f, e in zip(files, extractions) for name, kind in e.instance_types.items()})
    accumulated = {(s.object, name) for s in summaries for name, sources in s.stores.items()
                   if ("instance", name) in sources or name in s.appended}  # (``is_text += as_line``: a piece)
    statements = {((f.object_name or "").lower(), name) for f, e in zip(files, extractions)
                  for name, value in e.exports.items()  # instance arrays (each element a statement), and variables
                  if isinstance(value, Parts) or ((f.object_name or "").lower(), name) not in accumulated}  # set whole
    given_back: dict[tuple[str, str], tuple] = {}  # those run as what a function gives back
    while True:
        param_sinks, reached, instances, restricted = _sinks_through_state(program, summaries, given_back)
        results, refouts, runners = _outputs_run(program, summaries, reached)
        more = {}  # (how a variable runs is told once: its path may hold what it runs through, each round longer)
        for key, (how, calls) in _instances_given_back(program, summaries, results, refouts, runners,
                                                       statements).items():
            earlier = given_back.get(key)
            if earlier is None or earlier[1] != calls:
                more[key] = (earlier[0] if earlier is not None else how, calls)
        if not more:
            break
        given_back.update(more)
    objects = {f.path: (f.object_name or "").lower() for f in files}
    overloads = {(s.object, s.name, s.nargs, s.arrays): s for s in summaries}

    def own_summary(text) -> Optional[ScriptSummary]:
        """The summary of the script that holds ``text``."""
        script = text.script
        return None if script is None else overloads.get((objects.get(text.file, ""), script.name.lower(),
                                                          len(script.params), tuple(p.array for p in script.params)))
    dropped: set[int] = set()
    for extraction in extractions:
        for text in extraction.sql:
            if text.executed:
                continue
            owner = objects.get(text.file, "")
            outcomes = [_settled(wait, owner, own_summary(text), program, param_sinks, results, instances, refouts,
                                 restricted) for wait in text.waits]
            runs = [via for executed, via in outcomes if executed]
            text.executed = bool(runs)
            text.via = runs[0] if runs else "; ".join(via for _, via in outcomes)
            if not runs and any(_given_back_and_run(wait, program, results) for wait in text.waits):
                dropped.add(id(text))
        extraction.sql = [text for text in extraction.sql if id(text) not in dropped]
    _drop_copies_run_by_their_owner(extractions, objects, program)
    _unreachable(extractions, program, summaries, own_summary)
    for extraction in extractions:  # a piece of a text that runs (one that does not run, or a function's result
        # run as a part of it: a page of a procedure): the text says it all
        extraction.sql = without_fragments(extraction.sql, lambda text: not text.executed or text.origin == "returned",
                                           lambda text: text.executed)
    calls_to: dict[int, list] = {}
    for extraction in extractions:
        for call in extraction.calls_out:
            callee = program.resolve(call.ref)
            if callee is not None:
                calls_to.setdefault(id(callee), []).append(call)
    inline_parameters({f.path: e for f, e in zip(files, extractions)}, calls_to, own_summary)


def _outputs_run(program: Program, summaries: list[ScriptSummary], reached: dict) -> tuple[dict, dict, dict]:
    """The functions whose result is run and the ``ref`` parameters whose content is run, with how, from the
    sources each script runs (``reached``), passed on to what filled them (``_through_ref_params``); and, for
    those a script runs itself, that script and the variable of each call that does (``("result", script)``,
    ``("refout", script, parameter)``)."""
    results: dict[int, str] = {}
    refouts: dict[tuple[int, int], str] = {}  # (script, ref parameter) -> how what it leaves there is run
    runners: dict[tuple, list[tuple[ScriptSummary, str]]] = {}
    for summary in summaries:
        for source, where in reached[id(summary)].items():
            if source[0] == "result":  # the function called, and the descendants' overrides of an own one
                for callee in program.candidates(source[1]):
                    results.setdefault(id(callee), f"its result is run by {_label(summary)} ({where})")
                    runners.setdefault(("result", id(callee)), []).append((summary, source[1].variable))
            elif source[0] == "refout":
                for callee in program.candidates(source[1]):
                    _filled_and_run(callee, source[2], f"by {_label(summary)} ({where})", refouts)
                    runners.setdefault(("refout", id(callee), source[2]), []).append((summary, source[1].variable))
    _through_ref_params(program, summaries, results, refouts)
    return results, refouts, runners


def _instances_given_back(program: Program, summaries: list[ScriptSummary], results: dict, refouts: dict,
                          runners: dict, statements: set[tuple[str, str]]
                          ) -> dict[tuple[str, str], tuple[str, Optional[frozenset]]]:
    """The instance variables among ``statements`` (arrays, and variables scripts set whole) whose elements or
    value a function gives back, in a ``ref`` parameter or as its result, where that is run (``of_pop(ref
    as_sql)`` taking the top of a stack ``of_push`` fills, in a loop that executes it; ``of_get(key)`` reading a
    dictionary ``of_put`` fills; ``of_sql()`` giving ``is_sql``), by (object, name): how, and the (object, variable)
    of the calls that run it — a call the object makes on itself stands for the calls of the script making it
    (``this.of_pop(ls)`` in ``of_drain``: ``inv_stack.of_drain()``) — None when one is not known."""
    found: dict[tuple[str, str], tuple[str, Optional[frozenset]]] = {}
    callers = _callers(program, summaries)
    for summary in summaries:
        given = [(sources, refouts.get((id(summary), index)), runners.get(("refout", id(summary), index)))
                 for index, sources in summary.ref_flows.items()]
        given.append((summary.returns, results.get(id(summary)), runners.get(("result", id(summary)))))
        for sources, how, by in given:
            for source in sources if how is not None else ():
                key = (source[2] if len(source) > 2 else summary.object, source[1]) if source[0] == "instance" \
                    else None
                if key not in statements:
                    continue
                earlier = found.get(key)
                calls = None if by is None or earlier is not None and earlier[1] is None else \
                    frozenset(call for runner, variable in by for call in (
                        callers.get(id(runner), ()) if not variable else ((runner.object, variable),))) | (
                        earlier[1] if earlier is not None else frozenset())
                found[key] = (earlier[0] if earlier is not None else
                              f"kept in {key[0]}.{key[1]}, given back by {_label(summary)}: {how}", calls)
    return found


def _callers(program: Program, summaries: list[ScriptSummary]) -> dict[int, set[tuple[str, str]]]:
    """Each script's callers, by its id: the (object, variable) of every call that runs it."""
    found: dict[int, set[tuple[str, str]]] = {}
    for summary in summaries:
        for ref in summary.calls:
            callee = program.resolve(ref)
            if callee is not None:
                found.setdefault(id(callee), set()).add((summary.object, ref.variable))
    return found


def _run_through(program: Program, given_back: dict, owner: str, name: str) -> Optional[frozenset]:
    """The (object, variable) of the calls through which alone instance variable ``name`` of ``owner`` (or of
    an ancestor declaring it) runs, when it runs only as what a function gives back; None otherwise."""
    return next((given_back[(o, name)][1] for o in program.lineage(owner) if (o, name) in given_back), None)


def _sinks_through_state(program: Program, summaries: list[ScriptSummary], given_back: dict[tuple[str, str], tuple]
                         ) -> tuple[dict, dict, dict, dict]:
    """The parameters of each script that reach a sink, the sources each script runs (directly or by passing
    them to such a parameter), and the instance variables that are run, by (object, name) — to a fixed point
    over what scripts store in instance variables (or cells of an instance DataStore) another script runs:
    ``of_enqueue(as_sql)`` keeping ``as_sql`` in a queue that ``of_flush`` executes runs its callers' SQL.
    ``given_back``: instance variables known to run as what a function gives back (``_instances_given_back``);
    what a script stores straight from a parameter into one that runs only so runs only for the calls made on
    the variables that run it, where the storing object makes them (returned by (script, parameter))."""
    stored: dict[int, dict[tuple, str]] = {}
    callees = {id(s): {id(program.resolve(ref)) for _, ref, _, _ in s.passes} for s in summaries}
    passed_objects = _PassedObjects(program, summaries)
    giving_back = _giving_back_their_message(summaries)
    param_sinks: dict[int, dict[int, str]] = {}
    reached: dict[int, dict[tuple, str]] = {}
    restored: set[int] = set()  # scripts given new stored sources by the last round: their sources run anew
    while True:
        before, param_sinks = param_sinks, _param_sinks(program, summaries, stored)
        moved = {key for key, sinks in param_sinks.items() if before.get(key) != sinks}
        reached.update((id(s), _reached(s, program, param_sinks, stored.get(id(s), {}))) for s in summaries
                       if id(s) not in reached or id(s) in restored or not callees[id(s)].isdisjoint(moved))
        instances: dict[tuple[str, str], str] = {}
        grown, sizes = False, {key: len(sources) for key, sources in stored.items()}
        for summary in summaries:
            for source, where in reached[id(summary)].items():
                if source[0] == "instance":  # the script's own object's, or the object ``source[2]`` names
                    owner = source[2] if len(source) > 2 else summary.object
                    instances.setdefault((owner, source[1]), f"kept in global {source[1]}, {where}"
                                         if owner == GLOBAL_OWNER else f"kept in {owner}.{source[1]}, {where}"
                                         if len(source) > 2 else f"kept in {source[1]}, {where}")
                elif source[0] == "message":  # OpenWithParm's string runs, and what a window it opens gives back
                    grown |= _opened_runs(program, summary.object, f"read as Message.StringParm, {where}", stored)
                    for window in {ref.target_type for ref in summary.calls if ref.name == OPENED_WITH} & giving_back:
                        grown |= _opened_runs(program, window, f"given back by {window} with CloseWithReturn and "
                                                               f"read as Message.StringParm, {where}", stored)
        run_directly = set(instances)
        for key, (how, _) in given_back.items():
            instances.setdefault(key, how)
        passed_objects.run(instances)
        restricted: dict[tuple[int, int], frozenset] = {}
        for summary in summaries:
            for name, sources in summary.stores.items():
                where = _instance_run(program, instances, summary.object, name)
                calls = _run_through(program, given_back, summary.object, name) \
                    if where and not any((o, name) in run_directly for o in program.lineage(summary.object)) else None
                restricted.update(((id(summary), source[1]), calls) for source in sources
                                  if calls is not None and source[0] == "param")
                for source in sources if where else ():
                    if source not in stored.setdefault(id(summary), {}):
                        stored[id(summary)][source] = where
                        grown = True
        if not grown:
            return param_sinks, reached, instances, restricted
        restored = {key for key, sources in stored.items() if len(sources) != sizes.get(key, 0)}  # only grows


#: The calls that hand an object a string it reads as ``Message.StringParm``: how many arguments they take and
#: which one is the string (``OpenWithParm(w, s)``; ``PostEvent("ue_x", 0, s)`` on the object).
_HANDERS = {OPENED_WITH: (2, 1), **dict.fromkeys(EVENT_SENDERS, (3, 2))}


def _opened_with_parm(summaries: list[ScriptSummary]) -> list[ScriptSummary]:
    """For each object whose scripts read ``Message.StringParm``, summaries standing for ``OpenWithParm(w, s)``
    and ``PostEvent("ue_x", 0, s)``: their string parameter reaches a sink once what the scripts do with the
    message does (``_sinks_through_state``)."""
    opened: dict[str, list[ScriptSummary]] = {}
    for summary in summaries:
        sources = {*summary.sinks, *(p[0] for p in summary.passes), *(s for v in summary.stores.values() for s in v)}
        if ("message",) in sources and summary.object not in opened:
            opened[summary.object] = [ScriptSummary(summary.file, summary.object, name, "event", nargs, False,
                                                    summary.line) for name, (nargs, _) in _HANDERS.items()]
    return [handed for summaries_of_object in opened.values() for handed in summaries_of_object]


def _reached(summary: ScriptSummary, program: Program, param_sinks: dict, stored: dict) -> dict[tuple, str]:
    """The sources ``summary`` runs: at its own sinks, stored where another script runs them, or passed to a
    parameter that reaches a sink."""
    reached = {**summary.sinks, **{k: v for k, v in stored.items() if k not in summary.sinks}}
    for source, ref, index, line in summary.passes:
        callee = program.resolve(ref)
        if callee is not None and index in param_sinks.get(id(callee), {}):
            reached.setdefault(source, f"passed to {_label(callee)} at {summary.file}:{line}, "
                                       f"{param_sinks[id(callee)][index]}")
    return reached


def _giving_back_their_message(summaries: list[ScriptSummary]) -> set[str]:
    """The windows that give back the string they were opened with: ``CloseWithReturn(parent, x)`` of
    ``Message.StringParm`` or of what a script of the window kept it in (``mle_sql.Text``)."""
    kept = {(s.object, name) for s in summaries for name, sources in s.stores.items() if ("message",) in sources}
    return {summary.object for summary in summaries for source, ref, index, _ in summary.passes
            if ref.name == "closewithreturn" and index == 1 and (
                source == ("message",) or source[0] == "instance" and (summary.object, source[1]) in kept)}


def _opened_runs(program: Program, window: str, where: str, stored: dict) -> bool:
    """Record that what ``OpenWithParm(window, s)`` and ``PostEvent("ue_x", 0, s)`` on it pass is run; whether
    that is new."""
    new = False
    for name, (nargs, index) in _HANDERS.items():
        handed = _overload(program.members.get((window, name)), nargs)
        if handed is not None and ("param", index) not in stored.get(id(handed), {}):
            stored.setdefault(id(handed), {})[("param", index)] = where
            new = True
    return new


class _PassedObjects:
    """Objects scripts pass to other objects' functions (a DataStore, a ListBox): what a callee stores in the
    cells of its parameter's object (``flows.param_cell``: ``alb_steps.AddItem(…)``) is kept in the object
    each caller passes, and the cells of an object a callee keeps in its own variable (``ids_stmt =
    ads_stmt``) are the cells of the object each caller passes (its ``ids_build``)."""

    def __init__(self, program: Program, summaries: list[ScriptSummary]) -> None:
        self.program = program
        self.summaries = {id(s): s for s in summaries}
        #: (callee's id, argument index) -> the (object, variable) of each object variable a caller passes there.
        self.passed: dict[tuple[int, int], list[tuple[str, str]]] = {}
        #: (callee's id, argument index) -> (caller's id, parameter index) of each caller passing its own parameter
        #: on (``of_fill_steps(alv_steps)`` handing the ListView it was given to ``f_lv_add``).
        self.forwarded: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for caller in summaries:
            for source, ref, index, _ in caller.passes:
                callee = program.resolve(ref) if source[0] in ("instance", "param") else None
                if callee is None:
                    continue
                if source[0] == "param":
                    self.forwarded.setdefault((id(callee), index), []).append((id(caller), source[1]))
                else:
                    owner = source[2] if len(source) > 2 else caller.object
                    self.passed.setdefault((id(callee), index), []).append((owner, source[1]))
        #: (object, cell name) -> (callee's id, parameter index, member) of the cells of parameters' objects.
        self.param_cells = {(s.object, name): (id(s), *cell) for s in summaries for name in s.stores
                            if (cell := param_cell_of(name)) is not None}
        #: (object, instance variable) -> (script's id, parameter index) of each script keeping a parameter there.
        self.kept: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for summary in summaries:
            for name, sources in summary.stores.items():
                for source in sources if "." not in name else ():
                    if source[0] == "param":
                        self.kept.setdefault((summary.object, name), []).append((id(summary), source[1]))

    def run(self, instances: dict) -> None:
        """Add to ``instances`` the cells that run through objects passed: a parameter's object's cell when the
        cell of an object a caller passes there runs (what ``of_queue(alb_steps)`` adds to ``alb_steps`` runs
        where the window runs ``lb_steps``), and the cell of a passed object when the callee's variable keeping
        it has that cell run (``ids_build``'s rows, handed to ``of_set_datastore`` and run from ``ids_stmt``)."""
        for key, (callee, index, member) in self.param_cells.items():
            where = self._run_where_passed(instances, callee, index, member, set())
            if where is not None:
                instances.setdefault(key, f"kept in the object passed to {key[1].partition('#')[0]}, {where}")
        members: dict[tuple[int, int], set[str]] = {}
        for callee, index, member in self.param_cells.values():
            members.setdefault((callee, index), set()).add(member)
        for (callee, index), forwarders in self.forwarded.items():  # a caller's parameter handed on: its cells
            for member in sorted(members.get((callee, index), ())):  # (``f_lv_add(alv_steps, "…", ls_sql)``)
                for caller, param in forwarders:
                    where = self._run_where_passed(instances, caller, param, member, set())
                    summary = self.summaries[caller]
                    if where is not None:
                        instances.setdefault((summary.object, param_cell(summary.name.lower(), param, member)),
                                             f"kept in the object passed to {summary.name}, {where}")
        for (owner, name), how in list(instances.items()) if self.kept else ():
            variable, _, member = name.partition(".")
            kept = [k for o in self.program.lineage(owner) for k in self.kept.get((o, variable), ())] if member else []
            for script, index in kept:  # (a variable an ancestor declares and keeps it in)
                for caller, passed in self.passed.get((script, index), ()):
                    instances.setdefault((caller, f"{passed}.{member}"), f"handed to {owner} as {variable}, {how}")

    def _run_where_passed(self, instances: dict, callee: int, index: int, member: str,
                          seen: set[tuple[int, int]]) -> Optional[str]:
        """How the cell ``member`` of the object passed as argument ``index`` to ``callee`` runs: where the cell
        of an object a caller passes runs, or, through callers passing their own parameter on, where theirs do."""
        seen.add((callee, index))
        where = next(filter(None, (_instance_run(self.program, instances, owner, f"{variable}.{member}")
                                   for owner, variable in self.passed.get((callee, index), ()))), None)
        for caller, param in self.forwarded.get((callee, index), ()) if where is None else ():
            if (caller, param) not in seen:
                where = self._run_where_passed(instances, caller, param, member, seen)
                if where is not None:
                    break
        return where


def _instance_run(program: Program, instances: dict, owner: str, name: str) -> Optional[str]:
    """How an instance variable of ``owner`` is run, by a script of the object or of an ancestor declaring it;
    a global (of ``GLOBAL_OWNER``, or a global the object declares) by a script of any file reading it."""
    return next((instances[(o, name)] for o in program.lineage(owner) if (o, name) in instances),
                instances.get((GLOBAL_OWNER, name)))


def _unreachable(extractions: list[Extraction], program: Program, summaries: list[ScriptSummary],
                 own_summary: Callable) -> None:
    """SQL in a private function that nothing in the sources calls does not run (nothing else can call it)."""
    called = {id(program.resolve(ref)) for summary in summaries for ref in summary.calls}
    for extraction in extractions:
        for text in extraction.sql:
            script = text.script
            if not text.executed or script is None or script.access != "private" or \
                    script.kind not in ("function", "subroutine"):
                continue
            owner = own_summary(text)
            if owner is not None and id(owner) not in called:
                text.executed = False
                text.via = f"in private {script.kind} {script.name}, which nothing in the sources calls"


def _drop_copies_run_by_their_owner(extractions: list[Extraction], objects: dict[str, str], program: Program
                                    ) -> None:
    """A text another object's instance variable holds, read whole and run here (``inv_procs.is_view_sql``), is
    that object's to report once its own text, kept in the variable, runs through this read: the copy goes."""
    run = {(objects.get(text.file, ""), wait[1]) for extraction in extractions for text in extraction.sql
           if text.executed for wait in text.waits if wait[0] == "instance"}
    for extraction in extractions:
        extraction.sql = [text for text in extraction.sql if not text.copy_of or not any(
            (owner, text.copy_of[1]) in run for owner in program.lineage(text.copy_of[0]))]


def _filled_and_run(callee: ScriptSummary, index: int, how: str, refouts: dict) -> bool:
    """Record that what ``callee`` leaves in its ``ref`` parameter ``index`` is run; whether that is new."""
    if index not in callee.ref_flows or (id(callee), index) in refouts:
        return False
    refouts[(id(callee), index)] = f"left in argument {index + 1} of {_label(callee)}, run {how}"
    return True


def _through_ref_params(program: Program, summaries: list[ScriptSummary], results: dict, refouts: dict) -> None:
    """A ``ref`` parameter whose content is run passes that on to what filled it (another function's
    ``ref`` parameter or result), and a function whose result is run passes that on to the functions whose
    results it returns (``return inv_string.of_globalreplace(ls_proc, …)``), to a fixed point."""
    changed = True
    while changed:
        changed = False
        for summary in summaries:
            how = results.get(id(summary))
            for source in summary.returns if how is not None else ():
                callee = program.resolve(source[1]) if source[0] == "result" else None
                if callee is not None and id(callee) not in results:
                    results[id(callee)] = f"returned by {_label(summary)}, {how}"
                    changed = True
            for index, sources in summary.ref_flows.items():
                how = refouts.get((id(summary), index))
                if how is None:
                    continue
                for source in sources:
                    if source[0] == "refout":
                        for callee in program.candidates(source[1]):
                            changed |= _filled_and_run(callee, source[2], how, refouts)
                    elif source[0] == "result":
                        callee = program.resolve(source[1])
                        if callee is not None and id(callee) not in results:
                            results[id(callee)] = f"its result is {how}"
                            changed = True


def _given_back_and_run(wait: tuple, program: Program, results: dict) -> bool:
    """Whether a text is passed to a function that gives it back changed (a string service filling a template's
    tokens) whose result runs: what runs is that result, reported where the caller has it; the text as passed
    is a piece of it, not a statement of its own."""
    if wait[0] != "arg":
        return False
    callee = program.resolve(wait[1])
    if callee is None:  # PFC's string service read as documented: the source it is given comes back filled
        return wait[1].name in STRING_SERVICES and wait[2] == 0
    return id(callee) in results and _gives_back(callee, wait[2], program)


def _gives_back(callee: Optional[ScriptSummary], index: int, program: Program, depth: int = 0) -> bool:
    """Whether ``callee`` returns (a text made from) its parameter ``index``: directly, or through the result of
    a function it passes it to (an overload ``of_globalreplace(s, old, new)`` calling the one with a flag)."""
    if callee is None or depth > _MAX_ANCESTRY:
        return False
    if ("param", index) in callee.returns:
        return True
    return any(source == ("param", index) and ("result", ref) in callee.returns
               and _gives_back(program.resolve(ref), argument, program, depth + 1)
               for source, ref, argument, _ in callee.passes)


def _settled(wait: tuple, owner: str, script: Optional[ScriptSummary], program: Program, param_sinks: dict,
             results: dict, instances: dict, refouts: dict, restricted: dict) -> tuple[bool, str]:
    """Whether a text of object ``owner`` and script ``script`` waiting on ``wait`` runs, and how (or why not).
    A text kept in an object whose items run only through calls on some of this object's variables runs when
    passed on one of them (``restricted``): a second stack of the same class, only previewed, does not run."""
    if wait[0] == "arg":
        _, ref, index, passed = wait
        callee = program.resolve(ref)
        if callee is None:
            if ref.name in NON_SINKS:
                return False, f"passed to {ref}"
            return True, f"{ASSUMED}: passed to {ref}, which is not defined in the sources"
        cells = _kept_in_cells(callee).get(index)
        if cells:  # kept in the object this call passes (``of_plan_add(ids_rollback, 20, "…")``): its cells run?
            where = next(filter(None, (_instance_run(program, instances, owner, f"{passed[at]}.{member}")
                                       for at, member in cells if at < len(passed) and passed[at])), None)
            return (True, f"passed to {_label(callee)}, kept in the object passed with it, {where}") if where else (
                False, f"passed to {_label(callee)}, kept in the object passed with it, whose items no script runs")
        calls = restricted.get((id(callee), index), frozenset())
        lineage = program.lineage(owner)  # (a descendant runs through the variables its ancestor's calls use)
        run_here = sorted(variable for caller, variable in calls if caller in lineage)
        if run_here and ref.variable not in run_here:
            return False, f"passed to {_label(callee)} on {ref.variable or 'this'}, whose items no script runs " \
                          f"(those run are kept on {', '.join(run_here)})"
        where = param_sinks.get(id(callee), {}).get(index)
        return (True, f"passed to {_label(callee)}, {where}") if where else (
            False, f"passed to {_label(callee)}, which does not run it")
    if wait[0] in ("result", "refparam"):  # of the text's own script, or of the function named (its overloads)
        named = program.members.get((wait[1], wait[2]), [])
        scripts = [script] if any(s is script for s in named) else named
        scripts = [*scripts, *(s for ancestor in program.lineage(wait[1])[1:]  # an override runs where a call
                               for s in program.members.get((ancestor, wait[2]), ()))]  # of its ancestor's does
        if wait[0] == "result":
            where = next((results[id(s)] for s in scripts if id(s) in results), None)
            return (True, where) if where else (False, f"returned by {wait[2]}, whose callers do not run it")
        where = next((refouts[(id(s), wait[3])] for s in scripts if (id(s), wait[3]) in refouts), None)
        return (True, where) if where else (False, f"left in argument {wait[3] + 1} of {wait[2]}, "
                                                   f"which no caller runs")
    where = _instance_run(program, instances, wait[2] if len(wait) > 2 else owner, wait[1])  # another object's,
    return (True, where) if where else (False, f"kept in {wait[1]}, which no script runs")  # for built texts


def _kept_in_cells(callee: ScriptSummary) -> dict[int, list[tuple[int, str]]]:
    """The parameters ``callee`` only keeps in a cell of another parameter's object (``ads_plan.SetItem(ll,
    "sql_text", as_sql)``), by index: (that parameter's index, the cell); a parameter it also runs or passes
    on to a function is not among them."""
    kept: dict[int, list[tuple[int, str]]] = {}
    for name, sources in callee.stores.items():
        cell = param_cell_of(name)
        for source in sources if cell is not None else ():
            if source[0] == "param":
                kept.setdefault(source[1], []).append(cell)
    handed = {source for source, ref, _, _ in callee.passes if ref.name not in NON_SINKS} | set(callee.sinks)
    return {index: cells for index, cells in kept.items() if ("param", index) not in handed}


def _param_sinks(program: Program, summaries: list[ScriptSummary], stored: dict[int, dict[tuple, str]]
                 ) -> dict[int, dict[int, str]]:
    """Script (by id) -> its parameters that reach a sink (``stored``: sources kept where another script runs
    them), each with the path, to a fixed point."""
    sinks = {id(s): {src[1]: where for src, where in {**stored.get(id(s), {}), **s.sinks}.items()
                     if src[0] == "param"} for s in summaries}
    resolved = []
    for summary in summaries:
        for source, ref, index, line in summary.passes:
            if source[0] != "param":
                continue
            callee = program.resolve(ref)
            if callee is not None:
                resolved.append((summary, source[1], callee, index, line))
            elif ref.name not in NON_SINKS:
                sinks[id(summary)].setdefault(source[1], f"{ASSUMED}: passed to {ref} at {summary.file}:{line}, "
                                                         f"which is not defined in the sources")
    changed = True
    while changed:
        changed = False
        for summary, param, callee, index, line in resolved:
            where = sinks[id(callee)].get(index)
            if where is not None and param not in sinks[id(summary)]:
                sinks[id(summary)][param] = f"{_label(callee)} at {summary.file}:{line} → {where}"
                changed = True
    return sinks

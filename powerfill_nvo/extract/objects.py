"""An object's state in a walk (``Folder``'s part for it): the calls made on object variables (a builder's
``of_append(…)`` calls, replayed on a fresh object in the file defining its class when a result is read from it),
and the object's own instance values through its own functions (a setter's effect, a runner reading what the
setters left), with the flows that say which of its variables may reach SQL."""
from __future__ import annotations

from typing import Optional

from .. import model as m
from ..sourcemap import MappedText
from .common import (_BUILT_IN_TYPES, _CALLS_ON, _comparable, Env, _for_callee, _known, constructor_calls_key,
                     gives_number, may_return_text, MAX_EFFECT_NESTING, MAX_OBJECT_CALLS, MAX_SETTER_SIZE, ObjectCalls,
                     RETURN_DEPTH, _SELF, _SYSTEM_TYPES, _WORD)
from .flows import GLOBAL_OWNER, NON_SINKS, CallRef, ScriptSummary, summarize
from .values import NUMBER_FUNCTIONS, Parts, Value, join


def _variable_of(holder: Optional[m.Expr]) -> Optional[m.Name]:
    """The variable an object is held in: ``lnv_col`` itself, or the array of ``inv_cols[li]`` (one index)."""
    if isinstance(holder, m.Index) and len(holder.args) == 1:
        holder = holder.obj
    return holder if isinstance(holder, m.Name) else None


class ObjectState:
    """The object-state part of ``fold.Folder`` (its methods use the walk's: ``value``, ``block`` …)."""

    def _chain(self, call: m.Call) -> Optional[tuple[m.Name | m.Index, list[m.Call]]]:
        """The object variable a call on another object is made on (or the element of an array of objects,
        ``inv_cols[li]``), and the calls written on it, first to last (``inv_ddl.of_create(t).of_col(c,
        d).of_sql()``: a function returning its own object goes on with it); None for a call on the object
        itself, a built-in class or anything not a declared variable."""
        calls = [call]
        while isinstance(calls[-1].target, m.Call):
            calls.append(calls[-1].target)
        root = calls[-1].target
        variable = _variable_of(root)
        if variable is None or any(c.ancestor is not None for c in calls):
            return None
        name, kind = variable.name.lower(), self.scope.type_of(variable)
        if name in _SELF or kind in (None, "?", name) or kind in _SYSTEM_TYPES:
            return None
        return root, calls[::-1]

    def _recorded(self, record: Optional[ObjectCalls], calls: list[m.Call], env: Env) -> Optional[ObjectCalls]:
        """``record`` with ``calls`` added (an argument not known passed as such: ``of_default(li_col,
        ldc_abv)`` with a rate read at run time leaves that value unknown, not the object); None when one of
        their arguments is an array or a structure."""
        if record is None or len(record.calls) + len(calls) > MAX_OBJECT_CALLS:
            return None
        added = []
        for call in calls:
            args = [self.value(a, env) for a in call.args]
            if any(a is not None and _comparable(a) is None and not isinstance(a, MappedText) for a in args):
                return None  # (a text with a piece not known is passed as it is: the piece stays a placeholder)
            added.append((call.name.lower(), tuple(_for_callee(a) for a in args)))
        return ObjectCalls(record.calls + tuple(added), record.kind)

    def _after_object_calls(self, call: m.Call, env: Env) -> tuple[bool, Value]:
        """The result of a call on an object variable after the calls the walk has made on it (a chain's
        earlier links included), asked of the file defining its type; (False, None) when nothing is recorded
        for it (its result's template answers) or what was passed is not known."""
        chain = self._chain(call)
        record = self._record_of(chain, env)
        if record is None:
            return False, None
        root, calls = chain
        earlier = self._recorded(record, calls[:-1], env)
        args = [self.value(a, env) for a in call.args]
        if earlier is None or not (earlier.calls or earlier.kind) or any(_comparable(a) is None for a in args):
            return False, None  # (no call made on it yet: the function's template answers for a fresh object)
        kind = earlier.kind or self.scope.type_of(_variable_of(root))
        return True, self._answer(f"{kind}.{call.name.lower()}()", args, call.line, env, earlier.calls,
                                  created=bool(earlier.kind))

    def _record_of(self, chain: Optional[tuple[m.Name | m.Index, list[m.Call]]], env: Env) -> Optional[ObjectCalls]:
        """The calls the walk recorded on a chain's variable (or array element); a fresh object's (none) when
        the chain has earlier links to make on it; None for a single call on a variable with no record, or no
        chain."""
        if chain is None:
            return None
        record = self._held_record(chain[0], env)
        return record if record is not None else ObjectCalls() if len(chain[1]) > 1 else None

    def _held_record(self, holder: m.Expr, env: Env) -> Optional[ObjectCalls]:
        """The record of the object variable ``holder`` names, or of the element of an array of objects
        (``inv_cols[2]``, its index known) it names; None when there is none."""
        variable = _variable_of(holder)
        held = env.get(_CALLS_ON + variable.name.lower()) if variable is not None else None
        if isinstance(holder, m.Index):
            index = self._index(holder, env)
            held = held.items.get(index) if isinstance(held, Parts) and index is not None else None
        return held if isinstance(held, ObjectCalls) else None

    def _holding(self, holder: m.Name | m.Index, record: Optional[ObjectCalls], env: Env) -> Env:
        """``env`` with ``record`` as the record of the variable or array element ``holder`` names (an element
        at an index not known makes every element's record unknown)."""
        key = _CALLS_ON + _variable_of(holder).name.lower()
        if isinstance(holder, m.Name):
            return {**env, key: record}
        index = self._index(holder, env)
        parts = env.get(key) if isinstance(env.get(key), Parts) else Parts()
        return {**env, key: parts.with_item(index, record) if index is not None else None}

    def _object_calls(self, stmt: m.Stmt, calls: list[m.Call], before: Env, env: Env) -> Env:
        """``env`` with the ``calls`` of ``stmt`` made on object variables added to each one's record (their arguments
        as ``before`` it), in the order written; ``x = create t`` starts a fresh record, any other assignment to
        ``x`` ends it, but ``x = y`` of another object variable: ``x`` starts with ``y``'s record (in a script
        other than the constructor, an instance variable's is the one the constructor leaves)."""
        if isinstance(stmt, m.Assign) and stmt.op == "=" and isinstance(stmt.target, m.Member):
            env = self._field_set(stmt.target, stmt.value, before, env)
        elif isinstance(stmt, m.Assign) and isinstance(stmt.target, m.Index) and isinstance(stmt.value, m.Name) \
                and _variable_of(stmt.target) is not None:  # ``inv_cols[ii_count] = lnv_col``
            copied = self._copied_record(stmt.value, before)
            if copied is not None or _CALLS_ON + _variable_of(stmt.target).name.lower() in env:
                env = self._holding(stmt.target, copied, env)
        elif isinstance(stmt, m.Assign) and isinstance(stmt.target, m.Name):
            key = _CALLS_ON + stmt.target.name.lower()
            chain = self._chain(stmt.value) if isinstance(stmt.value, m.Call) else None
            copied = self._copied_record(stmt.value, before) if isinstance(stmt.value, m.Name) else None
            if isinstance(stmt.value, m.CreateExpr):
                created = (stmt.value.class_name or "").lower() if stmt.value.using is None else ""
                env = {**env, key: ObjectCalls(kind=created if created != self.scope.type_of(stmt.target) else "")}
            elif copied is not None:  # ``lnv_cs = inv_audit``: the audit columns its constructor set come first
                env = {**env, key: copied}
            elif chain is not None and self.scope.type_of(stmt.target) == self.scope.type_of(chain[0]):
                # ``lnv_b = inv_b.of_create(t)``: a function giving an object of its own class gives itself
                env = {**env, key: self._recorded(self._record_of(chain, env) or ObjectCalls(), chain[1], before)}
            elif key in env:
                env = {name: value for name, value in env.items() if name != key}
        targets = {id(c.target) for c in calls}
        for call in (c for c in calls if c.target is not None and id(c) not in targets):
            chain = self._chain(call)
            if chain is not None:
                if isinstance(chain[0], m.Name):  # (a record lost to an argument not known stays lost)
                    held = env.get(_CALLS_ON + chain[0].name.lower(), ObjectCalls())
                else:  # an element with no record holds an object this walk did not create
                    held = self._held_record(chain[0], env)
                if held is not None:
                    env = self._holding(chain[0], self._recorded(held, chain[1], before), env)
        return env

    def _field_set(self, target: m.Member, value: m.Expr, before: Env, env: Env) -> Env:
        """``env`` after ``lnv_col.is_name = as_name`` (or ``inv_cols[li].is_default = …``) sets a variable of
        an object the walk records: the record gains the setting (``=is_name``), replayed with its calls."""
        holder = target.obj
        record = self._held_record(holder, env) if _variable_of(holder) is not None else None
        if record is None:
            return env
        setting = m.Call(target.line, 0, 0, None, "=" + target.name, [value], ())
        return self._holding(holder, self._recorded(record, [setting], before), env)

    def _copied_record(self, source: m.Name, env: Env) -> Optional[ObjectCalls]:
        """The calls recorded on the object variable ``source`` as ``env`` has them, or, for an instance variable
        the walk has none for, those the object's constructor makes on it; None when there are none."""
        name = source.name.lower()
        record = env.get(_CALLS_ON + name)
        if record is None and name in self.scope.instance_types and name not in self._local_types():
            record = self._constructed().get(name)
        return record if isinstance(record, ObjectCalls) else None

    def _constructed(self) -> dict[str, ObjectCalls]:
        """The calls the object's constructor event makes on its instance object variables, by variable (those
        every way out of it agrees on; read once)."""
        if self._constructor_calls is None:
            self._constructor_calls = {}  # (a constructor reading it while walked reads none)
            scripts = self.events.get("constructor", [])
            if len(scripts) == 1 and not scripts[0].params and scripts[0] is not self.script:
                exits: list[Env] = []
                self._result_of(scripts[0], [], exits)
                records = [{k[len(_CALLS_ON):]: v for k, v in e.items() if k.startswith(_CALLS_ON)} for e in exits]
                self._constructor_calls = {name: record for name, record in records[0].items()
                                           if all(r.get(name) == record for r in records)} if records else {}
        return self._constructor_calls

    def _passed_objects(self, own_calls: list[m.Call], before: Env, env: Env) -> Env:
        """``env`` after the object's own functions ``own_calls`` run make calls on an object variable passed to
        them (``of_carrier_cols(inv_b)`` adding columns through its parameter): each is walked for the call's
        arguments with the variable's record as its parameter's, and the record every way out of it leaves
        is the variable's (none when they differ)."""
        for call in own_calls:
            passed = [a.name.lower() if isinstance(a, m.Name) and _CALLS_ON + a.name.lower() in env else None
                      for a in call.args]
            name = call.name.lower()
            records = {**self._filled_records(name, env), **self._instance_records(name, env)}
            if not (any(passed) or records) or len(self._returns) >= RETURN_DEPTH:
                continue
            args = [self.value(a, before) for a in call.args]
            scripts = self._overloads(self.functions, name, args)
            if len(scripts) != 1:
                continue
            params = [_CALLS_ON + p.name.lower() for p in scripts[0].params]
            exits: list[Env] = []
            self._result_of(scripts[0], args, exits, start={
                **(self._own_state(before) or self.instance), **records,
                **{param: env[_CALLS_ON + name] for param, name in zip(params, passed) if name}})
            env = dict(env)
            for param, key in [(p, _CALLS_ON + n) for p, n in zip(params, passed) if n] + [(k, k) for k in records]:
                left = [e.get(param) for e in exits]
                env[key] = left[0] if left and all(r == left[0] for r in left) else None
        return env

    @staticmethod
    def _record_of_variable(expr: m.Expr, env: Env) -> Optional[ObjectCalls]:
        """The calls the walk recorded on the object variable ``expr`` names, if it names one that has some."""
        record = env.get(_CALLS_ON + expr.name.lower()) if isinstance(expr, m.Name) else None
        return record if isinstance(record, ObjectCalls) and record.calls else None

    def _filled_records(self, name: str, env: Env) -> dict[str, ObjectCalls]:
        """The records of the instance object variables the own function ``name`` makes calls with arguments on
        (``of_lift_scan_ddl()`` adding lines to ``inv_buf``) and that some script passes to an own function
        (``of_run_buf(inv_buf)``), as they stand in ``env`` (a fresh object's when none is), when walking it fits
        in the script's budget for such walks (``_own_effects``)."""
        filled = self._fills_objects(name) & self._passed_to_own()
        if not filled or not self._object_state and self._budget_spent_on(name):
            return {}
        return {key: env.get(key) if isinstance(env.get(key), ObjectCalls) else ObjectCalls()
                for key in (_CALLS_ON + variable for variable in sorted(filled))}

    def _budget_spent_on(self, name: str) -> bool:
        """Whether walking the own function ``name`` once more is past the script's budget of such walks; if
        not, its cost is taken from the budget."""
        cost = sum(self._body_size(script) for script in self.functions.get(name, ()))
        if cost > min(self._effect_budget, MAX_SETTER_SIZE):
            return True
        self._effect_budget -= cost
        return False

    def _passed_to_own(self) -> frozenset[str]:
        """The instance variables some script of the file passes, as a whole, to one of the object's own
        functions."""
        if self._passed_instances is None:
            self._passed_instances = frozenset(
                arg.name.lower() for script in self.file.scripts for stmt in m.walk_statements(script.body)
                for call in self._own_calls_among(self._calls_in(stmt)) for arg in call.args
                if isinstance(arg, m.Name) and arg.name.lower() in self.scope.instance_types)
        return self._passed_instances

    def _fills_objects(self, name: str) -> frozenset[str]:
        """The instance variables holding an object of a class of the sources (not a system one) that the own
        function ``name`` itself makes calls with arguments on."""
        found = self._filled_by_function.get(name)
        if found is None:
            found = set()
            for script in self.functions.get(name, ()):
                local_types, _ = self.scope.declared_in(script)
                for stmt in m.walk_statements(script.body):
                    for call in self._calls_in(stmt):
                        root = call
                        while isinstance(root, m.Call) and root.target is not None:
                            root = root.target
                        variable = root.name.lower() if isinstance(root, m.Name) and call.args else None
                        kind = self.scope.instance_types.get(variable) if variable not in local_types else None
                        if kind is not None and kind not in _SYSTEM_TYPES and kind not in _BUILT_IN_TYPES:
                            found.add(variable)
            found = self._filled_by_function[name] = frozenset(found)
        return found

    def _instance_records(self, name: str, env: Env) -> dict[str, ObjectCalls]:
        """The calls recorded on the object's instance object variables that its own function ``name`` reads
        (``inv_sql.of_appendline(…)`` calls, then ``of_exec()`` running ``inv_sql.of_text()``), by their keys."""
        return {key: record for key in (_CALLS_ON + read for read in self._state_use(name)[1])
                if isinstance(record := env.get(key), ObjectCalls) and record.calls}

    def evaluate(self, name: str, args: list[Value], history: tuple = (), runtime: str = "") -> Value:
        """What this file's string function ``name`` returns for ``args`` (a request from another file); with a
        ``history`` of calls, on a fresh object of this file's type after its constructor and those calls; on
        an object of the descendant class ``runtime``, with that class's instance values and overrides."""
        scripts = [s for s in self._overloads(self.functions, name, args)
                   if may_return_text(s.returns) or history and gives_number(s.returns)]  # (a count of the state)
        if len(scripts) != 1:
            return None
        self._runtime = runtime if runtime != self.scope.object else ""
        try:
            if not history:
                return self._result_of(scripts[0], args, start=self._runtime_start())
            self._object_state += 1
            try:
                state = self._state_after(history)
                return None if state is None else self._result_of(scripts[0], args, start=state)
            finally:
                self._object_state -= 1
        finally:
            self._runtime = ""

    def _as_runtime(self, state: Env, known_only: bool = False) -> Env:
        """The instance values ``state`` as an object of the runtime class holds them: that class's value of
        each, where the pipeline provides it (``class.name``); with ``known_only``, only the values it knows (an
        object being constructed step by step keeps what the steps left where the class's is not known)."""
        if not self._runtime:
            return state
        values = {name: self.inherited[key] for name in self.scope.instance_types
                  if (key := f"{self._runtime}.{name}") in self.inherited}
        return {**state, **{name: value for name, value in values.items() if not known_only or _known(value)}}

    def _runtime_start(self) -> Env:
        """The instance values a function starts from on an object of the runtime class: that class's values
        (``_as_runtime``); where its constructor calls functions it inherits from this file, those of a fresh
        object after them (``_state_after``)."""
        if not self._runtime_constructor_steps():
            return self._as_runtime(self.instance)
        self._object_state += 1
        try:
            state = self._state_after(())
        finally:
            self._object_state -= 1
        return self._as_runtime(self.instance) if state is None else state

    def _runtime_constructor_steps(self) -> list[tuple[m.Script, list]]:
        """The calls the runtime class's constructor makes of this file's functions, with their arguments
        (``of_col("charge_no", "int not null")`` in a descendant's ``constructor``: ``Folder.constructor_calls``)."""
        steps = []
        for name, args in self.inherited.get(constructor_calls_key(self._runtime), ()) if self._runtime else ():
            scripts = self._overloads(self.functions, name, list(args))
            if len(scripts) == 1:
                steps.append((scripts[0], list(args)))
        return steps

    def _state_after(self, history: tuple) -> Optional[Env]:
        """The instance values of a fresh object of this file's type (or of the runtime class) after its
        constructor and each call of ``history``; None when one of them is not a function of the object."""
        state = self._declared_values()
        steps = [(script, ()) for script in self.events.get("constructor", [])[:1] if not script.params]
        constructing = self._runtime_constructor_steps()
        steps += constructing
        for name, args in history:
            scripts = self._overloads(self.functions, name, args) if not name.startswith("=") else [name[1:]]
            if len(scripts) != 1:
                return None
            steps.append((scripts[0], args))
        for step, args in steps:
            if isinstance(step, str):  # a variable set from outside (``lnv_col.is_name = "div_by"``)
                state = {**state, step: args[0]} if step in state else state
            else:
                state = self._after(step, list(args), self._as_runtime(state, known_only=bool(constructing)))
        return state

    def _own_state(self, env: Env) -> Optional[Env]:
        """The object's instance values as they stand in ``env``, where the walk has changed them (in a walk of
        one object's state, always); None where it has not (an own function then starts from the values every
        script of the object agrees on)."""
        if self._object_state:  # (with the records of the calls made on its object variables)
            return {name: value for name, value in env.items() if name in self.instance or
                    name.startswith(_CALLS_ON) and name[len(_CALLS_ON):] in self.scope.instance_types}
        changed = {name: env.get(name) for name, value in self.instance.items() if env.get(name) is not value}
        return {**self.instance, **changed} if changed else None

    def _own_effects(self, own_calls: list[m.Call], before: Env, env: Env) -> Env:
        """``env`` after the object's own functions ``own_calls`` run that set its instance variables, each
        walked for its arguments (as ``before`` the statement) from the instance values as they stand, so what
        it leaves in them (``of_begin(t)`` naming the table, ``of_reset()`` emptying the parts, ``of_add(…)``
        appending one) is what the statements after it read."""
        if not self._object_state and self._effect_walks >= MAX_EFFECT_NESTING:
            return env
        for call in own_calls:
            if self._keeps_sql_state(call):
                if not self._object_state:  # a script's setter walks cost at most EFFECT_BUDGET statements
                    if self._budget_spent_on(call.name.lower()):
                        continue
                self._effect_walks += 1
                try:
                    env = {**env, **self._state_after_call(call, self._own_state(env) or self.instance, before)}
                finally:
                    self._effect_walks -= 1
        return env

    def _keeps_sql_state(self, call: m.Call) -> bool:
        """Whether ``call`` runs an own function setting an instance variable whose value may reach SQL: what
        it leaves there is followed from the call on (``_own_effects``), its arguments with it."""
        if self.wants_call(call):  # what the migration helper does is the call's migration, not a state after it
            return False
        sets = self._state_use(call.name.lower())[0] if self._own_calls_among([call]) else frozenset()
        return bool(sets and (self._object_state and not self._contexts or sets & self._sql_state()))
        # (in a walk of one object's state for a result, every value it keeps may make that result)

    def _run_directly(self, name: str) -> set[int]:
        """The parameters (by index) the own function ``name`` runs itself, in any of its overloads."""
        summaries = self._script_summaries()
        return {source[1] for script in self.functions.get(name, ()) for source in summaries[id(script)].sinks
                if source[0] == "param"}

    def _sql_state(self) -> frozenset[str]:
        """The instance variables whose values may reach SQL, from each script's flows (its summary) to a fixed
        point: a value reaches SQL where a script runs it, passes it to a function that may run it (another
        object's, through a variable of its class, or an own function whose parameter reaches SQL; not a
        built-in such as ``FileCopy``), or returns it to a script where the result does. Only the own functions
        setting one of them are walked for what they leave (``_own_effects``): an error message a helper keeps
        is not."""
        if self._sql_instance is None:
            by_function: dict[str, list[ScriptSummary]] = {}
            for script in self.file.scripts:
                by_function.setdefault(script.name.lower(), []).append(self._script_summaries()[id(script)])
            returns = {name: {r for summary in summaries for r in summary.returns}
                       for name, summaries in by_function.items()}
            reaching: dict[str, set] = {name: set() for name in by_function}
            changed = True
            while changed:  # the sets only grow
                changed = False
                for name, summaries in by_function.items():
                    found, size = reaching[name], len(reaching[name])
                    for summary in summaries:
                        found.update(summary.sinks)
                        found.update(source for source, ref, index, _ in summary.passes
                                     if (("param", index) in reaching.get(ref.name, ()) if self._is_own(ref)
                                         else ref.target_type not in (None, *_SYSTEM_TYPES)
                                         and ref.name not in NON_SINKS))
                    for source in [s for s in found if s[0] == "result" and self._is_own(s[1])]:
                        callee = reaching[source[1].name]
                        grown = len(callee)
                        callee.update(returns[source[1].name])
                        changed |= len(callee) != grown
                    changed |= len(found) != size
            self._sql_instance = frozenset(
                source[1] for sources in reaching.values() for source in sources
                if source[0] == "instance" and source[2:] in ((), (GLOBAL_OWNER,)) and self._holds_text(source[1]))
        return self._sql_instance

    def _holds_text(self, name: str) -> bool:
        """Whether the object's variable ``name`` can hold SQL text: a string (``any``, ``blob``), or a structure
        or array of them; not a number, a handle, a system object or a DataWindow's cell."""
        kind = self.scope.instance_types.get(name)
        return kind is not None and (kind in ("string", "any", "blob") or kind not in _BUILT_IN_TYPES)

    def _is_own(self, ref: CallRef) -> bool:
        """Whether a call as its summary records it runs one of the object's own functions."""
        return ref.target_type is None and ref.name in self.functions

    def _script_summaries(self) -> dict[int, ScriptSummary]:
        """Each script's flows (``flows.summarize``), by the script's id (made once)."""
        if self._summaries is None:
            saved = self.scope.local_types, self.scope.local_arrays
            self._summaries = {}
            for script in self.file.scripts:
                self.scope.enter(script)
                self._summaries[id(script)] = summarize(self.file, script, self.scope, self._calls_in)
            self.scope.local_types, self.scope.local_arrays = saved
        return self._summaries

    def _state_use(self, name: str) -> tuple[frozenset[str], frozenset[str], bool]:
        """What the object's own function ``name`` (the overloads together, with the own functions they call)
        does with the object's state: the instance variables it sets, those it reads, and whether it runs SQL
        (embedded SQL, or a call of another object's or a global function given arguments)."""
        if self._state_uses is None:
            direct = {function: self._direct_state_use(scripts) for function, scripts in self.functions.items()}
            uses = {function: (sets, reads, runs) for function, (sets, reads, runs, _) in direct.items()}
            changed = True
            while changed:  # through the own functions each one calls, to a fixed point
                changed = False
                for function, (_, _, _, callees) in direct.items():
                    sets, reads, runs = uses[function]
                    for callee in callees:
                        more = uses[callee]
                        sets, reads, runs = sets | more[0], reads | more[1], runs or more[2]
                    if (sets, reads, runs) != uses[function]:
                        uses[function], changed = (sets, reads, runs), True
            self._state_uses = uses
        return self._state_uses.get(name, (frozenset(), frozenset(), False))

    def _direct_state_use(self, scripts: list[m.Script]) -> tuple[frozenset, frozenset, bool, set[str]]:
        """``_state_use`` of these scripts' own statements, and the object's own functions they call."""
        sets, reads, runs, callees = set(), set(), False, set()
        for script in scripts:
            local_types, _ = self.scope.declared_in(script)
            # every word of its lines: the names it reads among them (a name in a comment or a string too)
            reads.update(word.lower() for word in _WORD.findall(self._script_text(script)))
            for stmt in m.walk_statements(script.body):
                if isinstance(stmt, m.EmbeddedSql):
                    runs = True
                    continue
                calls = self._calls_in(stmt)
                own = {id(c): c.name.lower() for c in self._own_calls_among(calls)}
                callees.update(own.values())
                runs = runs or any(c.args and id(c) not in own and c.name.lower() not in NON_SINKS
                                   and c.name.lower() not in NUMBER_FUNCTIONS for c in calls)
                if isinstance(stmt, m.Assign):
                    stored = self._target_name(stmt.target) or self._element_stored(stmt.target)
                    if stored is not None:
                        sets.add(stored)
            instance = set(self.instance) - set(local_types)
            sets, reads = sets & instance, reads & instance
        return frozenset(sets), frozenset(reads), runs, callees

    def _script_text(self, script: m.Script) -> str:
        """The source lines of ``script``."""
        starts = self.source.line_starts
        end = starts[script.end_line] if script.end_line < len(starts) else len(self.source.text)
        return self.source.text[starts[script.line - 1]:end]

    def _state_read(self, name: str, env: Env) -> Optional[Env]:
        """The instance values as they stand in ``env`` when the own function ``name`` reads one that the walk
        has changed (``of_sql()`` after ``of_begin(t)``) and whose value may reach SQL (in a walk of one
        object's state, any); None when it reads none of them."""
        state = self._own_state(env)
        if state is None:
            return None
        changed = {n for n in self._state_use(name)[1] if state[n] is not self.instance[n]}
        return state if changed and (self._object_state or changed & self._sql_state()) else None

    def _state_after_call(self, call: m.Call, state: Env, before: Optional[Env] = None) -> Env:
        """The object's values after the own function ``call`` runs, walked for the call's arguments (read in
        ``before``, by default ``state``) from ``state`` (the values after the calls before it): a plan of steps
        appended by ``of_add(…)`` calls holds each call's step when another function runs it. Empty when the
        function run is not known."""
        args = [self.value(a, state if before is None else before) for a in call.args]
        scripts = self._overloads(self.functions, call.name.lower(), args)
        if len(scripts) != 1 or len(self._returns) >= RETURN_DEPTH:
            return {}
        return self._after(scripts[0], args, state)

    def _after(self, script: m.Script, args: list[Value], state: Env) -> Env:
        """The object's values after ``script`` runs for ``args`` from ``state``: what every way out of it leaves."""
        exits: list[Env] = []
        self._result_of(script, args, exits, start=state)
        names = set(state) | {name for e in exits for name in e
                              if name.startswith(_CALLS_ON) and name[len(_CALLS_ON):] in self.scope.instance_types}
        return {name: join(None, [e.get(name) for e in exits]) if exits else None for name in names}

    def _history_of(self, call: m.Call, env: Env) -> tuple:
        """The calls the walk has made on the object variable ``call`` is made on, with known strings among
        their arguments (``lnv_plan.of_step("t", "c", "int NULL")`` … then ``lnv_plan.of_apply()``: the object's
        state is made of them, a chain's earlier links included: ``inv_b.of_create("t").of_col(…).of_run()``
        on a fresh object when none is recorded); () when there are none or one argument is not known."""
        chain = self._chain(call)
        record = self._record_of(chain, env)
        earlier = self._recorded(record, chain[1][:-1], env) if record is not None else None
        if earlier is None or not any(isinstance(a, MappedText) for _, args in earlier.calls for a in args):
            return ()
        return earlier.calls

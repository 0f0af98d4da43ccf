"""Follow string values through a script and fold them into mapped texts.

A ``Folder`` walks a script's statements in source order with an environment
(variable name -> value, see ``values.py``). Both arms of a branch are walked
and joined; a loop whose bounds are known from the source is run as written
(so an array of parts joined in a loop folds to the parts in order), any other
loop once. Calls of the file's own functions that return a string give their
value for the arguments passed. Observers get every call (with its folded
arguments) and every SQL text found; each text says whether it is run here
(``executed``) or what it waits on (a call's argument, a function's result, an
instance variable) for the pass across files (``link.py``) to decide.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from itertools import product
from dataclasses import replace
from typing import Callable, Iterable, Optional, Union

from .. import model as m
from ..forked import map_in_two
from ..reader import SourceText
from ..sourcemap import MappedText, is_foreign
from .common import (DATAOBJECT, DESCRIBED_COUNT, DESCRIBED_NAMES, DESCRIBED_TYPES, DESCRIBED_UPDATE, handed_key,
                     structure_key, type_blocks, TypeBlock, MESSAGE_PARMS, OPENERS_WITH_PARM, stored_rows_key,
                     _after_pass, _as_number, _as_text, _BUILT_IN_TYPES, _calls_of, _CALLS_ON, CallSite,
                     _comparable, _concatenated, _CONDITIONS, _data_only, _digest, _DIGITS_FORMAT, _DYNAMIC_SQL,
                     EFFECT_BUDGET, _element, Env, exact_template, filled, _filled_by, Findings, FoldedArg, _for_callee,
                     _from_arguments, _from_caller, gives_string, _HOST_VARIABLE, _IMMEDIATE_LITERAL, _is_encoding,
                     _is_setting, _JUMPS_AWAY, _known, _LEAVING, _LEFT, _literal_end, _LONG_PARM, MAX_FLAGS,
                     MAX_LOOKUP_SIZE, MAX_OBJECT_CALLS, may_return_text, _may_run, _member_path, _modify_select,
                     _names, _NUMBER_TYPES, _on_self, _one_text, PARALLEL_WALK_LINES, _PLACE, placed_at, placeholder,
                     _position, _PREPARED, _put, Request, RECURSION_DEPTH, RETURN_DEPTH, _SELF, _SETTING_TYPES, SqlText,
                     _SYSTEM_TYPES, template_holes, UNROLL_BUDGET)
from . import xmldom
from .flows import (BUILTIN_SINKS, GLOBAL_OWNER, INSPECTORS, NON_SINKS, PASS_THROUGH, STRING_SERVICES, CallRef, Scope,
                    ScriptSummary, assigned_cell, bound_variables, global_types, param_cell, prepared_in,
                    procedure_called, statement_calls, statement_roots, stored_item)
from .literals import embedded_sql_text, literal_text
from .values import (BYTE_FUNCTIONS, MAX_CHOICES, VALUE_TYPES, NUMBER_FUNCTIONS, STRING_FUNCTIONS, Choice,
                     FlagTemplates, ObjectOf, Parts, Record, Value, alternatives, arithmetic, choice, compare,
                     fingerprint, join, looks_like_sql, replaced_all, statements_in, synthetic)
from .objects import ObjectState


#: Where the walk keeps the bytes a character of a blob variable takes, when its text was written as ANSI or UTF-8.
_BLOB_WIDTH = "\0blob width "


def _byte_width(encoding: list[m.Expr]) -> int:
    """The bytes a character takes in a blob written with the ``encoding`` argument given, if any (default:
    UTF-16LE, as PowerBuilder writes text); ASCII text is assumed in ANSI and UTF-8."""
    return 1 if encoding and _is_encoding(encoding[0]) and encoding[0].text.lower() in (
        "encodingansi!", "encodingutf8!") else 2


#: What ``Describe`` is read for: the count of columns, or column ``#n``'s name or type.
_DESCRIBED = re.compile(r"datawindow\.column\.count|datawindow\.table\.updatetable|#(\d+)\.(name|coltype)")
#: Structures inside structures are given their initial values this deep (a structure holding itself is cut).
_NESTED_STRUCTURES = 4
#: The most elements of an array a function reading it at a parameter is walked for, one by one (``_index_cases``).
MAX_INDEX_CASES = 16


def _is_typeof(expr: m.Expr) -> bool:
    return isinstance(expr, m.Call) and expr.target is None and expr.name.lower() == "typeof" and len(expr.args) == 1


#: What a value read once from the source holds until it is read.
_NOT_READ = object()

#: A window's list of its controls in its create event: ``this.Control[]={this.a, this.b, …}``.
_CONTROL_LIST = re.compile(r"\bthis\.control\[\][ \t]*=[ \t]*\{([^}]*)\}", re.I)

#: How a walk of a function for one call names itself (``Folder._contexts``, the ``via`` of what it finds).
BUILT_BY = "built by "
#: Marks a migration-helper call in what a walk for another file's call found (``Folder.sql_built``).
BUILT_CALL = "call"

#: Functions whose result over a parameter a template (the parameter's place marked) cannot give.
_TAKING_APART = frozenset({"pos", "lastpos", "left", "right", "mid", "replace", "len", "trim", "lefttrim",
                           "righttrim", "upper", "lower", "wordcap", "fill", "space", *BYTE_FUNCTIONS})


class Folder(ObjectState):
    """Walks the scripts of one file, folding strings, reporting calls and SQL texts."""

    def __init__(self, source: SourceText, file: m.SourceFile,
                 wants_call: Callable[[m.Call], bool],
                 on_call: Callable[[CallSite], None],
                 on_sql: Callable[[SqlText], None],
                 inherited: Optional[Env] = None) -> None:
        """``inherited``: the values of the instance variables and constants the object's ancestors declare."""
        self.source = source
        self.inherited = inherited or {}
        self.file = file
        self.wants_call = wants_call
        self.on_call = on_call
        self.on_sql = on_sql
        self.scope = Scope(file)
        self.scope.globals = frozenset(global_types(source.text))
        for name, value in self.inherited.items():  # the ancestors' object variables: read through their class
            if isinstance(value, ObjectOf) and "." not in name:
                self.scope.instance_types.setdefault(name, value.kind)
        #: Each script's flows, for the pass across files (``link.py``).
        self.summaries: list[ScriptSummary] = []
        self.script: Optional[m.Script] = None
        self.functions: dict[str, list[m.Script]] = {}
        #: The file's own functions and events with ``ref`` parameters, by lower-case name.
        self._ref_functions: set[str] = set()
        self.events: dict[str, list[m.Script]] = {}
        for script in file.scripts:
            if script.kind in ("function", "subroutine"):
                self.functions.setdefault(script.name.lower(), []).append(script)
                if any(p.ref for p in script.params):
                    self._ref_functions.add(script.name.lower())
            elif script.kind == "event" and script.owner.lower() == (file.object_name or "").lower():
                self.events.setdefault(script.name.lower(), []).append(script)
                if any(p.ref for p in script.params):  # (``parent.Event ue_cols(ls_cols)`` adding to it)
                    self._ref_functions.add(script.name.lower())
        #: Calls of this file's own functions, by lower-case name: where parameter values come from.
        self.local_calls: dict[str, list[CallSite]] = {}
        #: Each string function's result for callers in other files: (text, parameter names).
        self.templates: dict[str, tuple[MappedText, tuple[str, ...]]] = {}
        #: Values of other objects and globals read here but not provided (``_other_object``).
        self.wanted: set[str] = set()
        #: The last pass of each ``FOR`` loop walked once (its first pass not known), by counter (``_past``).
        self._counter_limits: dict[str, int] = {}
        #: The calls the constructor makes on the object's instance object variables (``_constructed``).
        self._constructor_calls: Optional[dict] = None
        #: The window's ``Control[]`` as its create event lists it (``_controls``), read when first wanted.
        self._control_list: object = _NOT_READ
        #: In an evaluation for another file, the class of the object the function runs on where that class
        #: inherits it (``Request.runtime``): its instance values and its overrides are read; else "".
        self._runtime = ""
        #: The file's ``type`` blocks (``type_blocks``): its object's and its controls' properties, read when wanted.
        self._type_blocks: Optional[dict[str, TypeBlock]] = None
        #: What the file hands to each window or user object it opens with a parameter, by lower-case class.
        self.handed: dict[str, list[Value]] = {}
        #: Calls of functions (here or elsewhere) passing known strings: what their parameters may hold.
        self.calls_out: list[CallSite] = []
        #: Other files' functions to evaluate for known arguments, by request key.
        self.requests: dict[str, Request] = {}
        #: What the script being walked has found so far (``Findings``).
        self.found = Findings()
        #: The line of the statement being walked: where a text wholly another file's is built (``emit``).
        self._statement_line = 0
        self._quiet = 0
        self._returns: list[list[Value]] = []
        #: For each function walked for its effects: the environment at each way out of it (None: not wanted).
        self._exits: list[Optional[list[Env]]] = []
        #: The calls of each assignment and call statement (``_calls_in``), by the statement's id.
        self._statement_calls: dict[int, list[m.Call]] = {}
        self._indexed_by: dict[int, list[m.Expr]] = {}  # by loop: the arrays its body indexes at its counter
        #: Results of calls walked for their ``ref`` outputs (``_with_ref_outputs``), by the call's id.
        self._walked_calls: dict[int, Value] = {}
        self._return_memo: dict[tuple, Value] = {}
        self._budget = UNROLL_BUDGET
        self._body_sizes: dict[int, int] = {}
        self._passed_arrays: set[str] = set()
        #: "built by f for the call at file:line" of each function walked for one call's arguments, innermost last.
        self._contexts: list[str] = []
        self._context_scripts: list[m.Script] = []
        #: Walking a function for another file's call (``sql_built``).
        self._walking_elsewhere = False
        #: Walks of one object's own state (a history of calls on it, ``_state_after``): the object's own
        #: functions read the instance values as they stand and leave theirs (``_own_effects``).
        self._object_state = 0
        #: Setters being walked for what they leave (``_own_effects``), and the statements such walks may still
        #: cost in the script being walked.
        self._effect_walks = 0
        self._effect_budget = EFFECT_BUDGET
        #: ``_state_use`` of each own function, ``_sql_state`` and each script's summary (worked out when first asked).
        self._state_uses: Optional[dict[str, tuple[frozenset[str], frozenset[str], bool]]] = None
        self._sql_instance: Optional[frozenset[str]] = None
        self._summaries: Optional[dict[int, ScriptSummary]] = None
        #: The instance object variables each own function makes calls with arguments on (``_fills_objects``).
        self._filled_by_function: dict[str, frozenset[str]] = {}
        #: The instance variables a script passes whole to an own function (``_passed_to_own``), read once.
        self._passed_instances: Optional[frozenset[str]] = None
        self._script_indexes: Optional[dict[int, int]] = None  # by the script's id (``_at``)
        self._branching: dict[int, bool] = {}
        #: The object's constants: their values are sure, so conditions on them choose the arm.
        self._constants = {v.name.lower() for v in file.variables if v.constant}
        #: Texts another file's function returns whole (``inv_db.of_release()``), by id: that file reports
        #: them where it writes them, and the pass across files follows them from its result to where they run.
        self._foreign: dict[int, MappedText] = {}
        #: Texts read whole from another object's variable, by id: the text and (object, variable) (``copy_of``).
        self._copies: dict[int, tuple[MappedText, tuple[str, str]]] = {}
        #: Counters of the loops being run pass by pass.
        self._counters: set[str] = set()
        #: Arrays only the object's own private or protected functions fill, each call replayed
        #: (``_instance_values``): what they hold is sure, as a counter's value is.
        self._own_arrays: set[str] = set()
        #: Statements whose environment a quiet walk records (``_locals_at_fills``), by id: each visit's.
        self._envs_wanted: dict[int, list[Env]] = {}
        self.instance: Env = {}
        self.instance = self._instance_values()

    # ------------------------------------------------------------- values
    def source_text(self, expr: m.Expr) -> str:
        return self.source.text[expr.start:expr.end]

    def fold(self, expr: Optional[m.Expr], env: Env) -> Optional[MappedText]:
        """The string value of ``expr``; None when unknown or not a string."""
        return _as_text(self.value(expr, env))

    def number(self, expr: Optional[m.Expr], env: Env) -> Optional[int]:
        return _as_number(self.value(expr, env))

    def value(self, expr: Optional[m.Expr], env: Env) -> Value:
        """The value of ``expr`` known from the source: a string, a whole number, an array's parts, or None."""
        if isinstance(expr, m.StringLit):
            return literal_text(self.source, expr)
        if isinstance(expr, m.Literal):
            if expr.kind == "boolean":
                return expr.text.lower() == "true"
            return int(expr.text) if expr.kind == "number" and expr.text.isdigit() else None
        if isinstance(expr, m.Name):
            name = expr.name.lower()
            if name == "control" and name not in env:  # a window's ``Control[]``: its controls, as listed
                return self._controls()
            return env[name] if name in env else self._other_object(f".{name}", expr, env)
        if isinstance(expr, m.Member):
            if isinstance(expr.obj, m.Member) and expr.obj.name.lower() == "object":  # ``this.Object.col``
                return self._stored_column(expr.obj.obj, expr.name.lower(), expr, env)
            holder = self.value(expr.obj, env) if not isinstance(expr.obj, m.Name) else env.get(expr.obj.name.lower())
            if isinstance(holder, Record):
                return holder.fields.get(expr.name.lower())
            if isinstance(holder, ObjectOf) and holder.kind in self._blocks():  # a control's property (``lcbx.Tag``)
                return self._property(holder.kind, expr.name.lower())
            if not isinstance(expr.obj, m.Name):  # ``gnv_app.inv_cfg.is_schema``: through the variable's class
                kind = self._type_of(expr.obj, env) if isinstance(expr.obj, m.Member) else None
                return self._other_object(f"{kind}.{expr.name.lower()}", expr, env) if kind not in (None, "?") \
                    else None
            if expr.obj.name.lower() == "message" and expr.name.lower() == "longparm":
                return env.get(_LONG_PARM)
            if expr.obj.name.lower() == "message" and expr.name.lower() in MESSAGE_PARMS:  # ``OpenWithParm``'s
                return self._other_object(handed_key(self.scope.object), expr, env) if self.scope.object else None
            if expr.obj.name.lower() in _SELF:
                return env.get(expr.name.lower())
            return self._other_object(f"{self.scope.type_of(expr.obj)}.{expr.name.lower()}", expr, env)
        if isinstance(expr, m.Index) and not expr.args and isinstance(expr.obj, m.Name) \
                and expr.obj.name.lower() == "control":  # ``UpperBound(Control[])``
            return self.value(expr.obj, env)
        if isinstance(expr, m.Index) and expr.args:
            parts, index = self.value(expr.obj, env), self._index(expr, env)
            if not isinstance(parts, Parts):
                return None
            if index is not None:
                return parts.items.get(index)
            items = [a for item in parts.items.values() for a in alternatives(item)]  # an index not known: any
            return choice(items) if items and all(isinstance(i, MappedText) for i in items) else None
        if isinstance(expr, m.Call):
            return self._call_value(expr, env)
        if isinstance(expr, m.ArrayLit):
            return Parts({i: _element(self.value(item, env)) for i, item in enumerate(expr.items, 1)})
        if isinstance(expr, m.Binary) and expr.op in _CONDITIONS or isinstance(expr, m.Unary) and expr.op == "not":
            return self.truth(expr, env)
        if isinstance(expr, m.Unary) and expr.op == "-":
            operand = self.number(expr.operand, env)
            return None if operand is None else -operand
        if isinstance(expr, m.Binary) and expr.op in ("+", "-", "*", "/"):
            if expr.op == "+":
                text = self._concatenation(expr, env)
                if text is not None:
                    return text
            left, right = self.number(expr.left, env), self.number(expr.right, env)
            return None if left is None or right is None else arithmetic(expr.op, left, right)
        return None

    def _other_object(self, key: str, expr: m.Expr, env: Env) -> Value:
        """A global variable (``.name``) or another object's constant or variable (``object.name``), as the
        pipeline provides it (else noted as wanted); a string is placed where this file reads it."""
        if key not in env:
            self.found.wanted.add(key)
            return None
        line, col = expr.line, self.source.column_of(expr.start) + 1
        options = [placed_at(o, self.source.path, line, col) if isinstance(o, MappedText) else o
                   for o in alternatives(env[key])]
        value = options[0] if len(options) == 1 else choice(options)
        if not key.startswith("."):  # another object's variable (not a global): its text, copied here
            self._copies.update((id(o), (o, tuple(key.split(".", 1)))) for o in (*options, value))
        return value

    def _concatenation(self, expr: m.Binary, env: Env) -> Value:
        operands = _concatenated(expr)
        return self._joined(operands, [self.value(operand, env) for operand in operands])

    def _joined(self, operands: list[m.Expr], values: list[Value]) -> Value:
        """The concatenation of ``values`` (of ``operands``): one text per combination of candidates,
        a placeholder for each piece not known; None when no piece is a string."""
        if not any(isinstance(v, (MappedText, Choice)) for v in values):
            return None
        combinations = math.prod(len(alternatives(value)) for value in values)
        if combinations > MAX_CHOICES:  # a piece that is one text set in several places counts once
            values = [_one_text(value) for value in values]
            combinations = math.prod(len(alternatives(value)) for value in values)
        texts = [MappedText(self.source.path)]
        for operand, value in zip(operands, values):
            options = alternatives(value) if combinations <= MAX_CHOICES else [value]
            if not all(isinstance(o, MappedText) for o in options):
                for text in texts:
                    text.append_placeholder(placeholder(self.source_text(operand)), operand.line)
                continue
            grown = []
            for text in texts:
                for option in options:
                    longer = text.copy() if len(options) > 1 else text
                    longer.extend(option)
                    grown.append(longer)
            texts = grown
        return choice(texts)

    def _call_value(self, call: m.Call, env: Env) -> Value:
        if id(call) in self._walked_calls:
            return self._walked_calls[id(call)]
        name = call.name.lower()
        if not _on_self(call):
            if name == "describe":
                return self._described(call, env)
            if name in xmldom.FUNCTIONS:  # PBDOM over XML known from the source
                return self._dom(call, name, env)
            key = f"{self._type_of(call.target, env)}.{name}()"
            replayed, value = self._after_object_calls(call, env)
            if replayed:  # what the object's state gives: its file's own text only when the state did not matter
                return self._noted_if_foreign(value, call.line) if self._as_templated(key, value, env) else value
            if key not in env and name in STRING_SERVICES:
                self.found.wanted.add(key)  # the sources' own, once the pipeline gives it
                return self._string_service(call, env)
            return self._from_elsewhere(key, call, env) \
                if isinstance(call.target, m.Name) or not key.startswith("?") else None
        if call.target is None and call.ancestor is None:
            builtin = self._builtin(call, name, env)
            if builtin is not None:
                return builtin
        if call.ancestor is not None:  # ``super::of_cols()``: the ancestor's function, as its file gives it
            ancestor = self.scope.ancestor if call.ancestor.lower() == "super" else call.ancestor.lower()
            return self._from_ancestor(f"{ancestor}.{name}()", call, env) if ancestor else None
        if self._runtime and _on_self(call) and call.ancestor is None:
            if self._runtime in self.inherited.get(f"{self.scope.object}>{name}()", ()):  # the object is of a
                return self._templated(f"{self._runtime}.{name}()", call, env)  # class overriding it: its own
        if "event" in call.forms and name in self.events:  # ``this.Event ue_sql(1)``: what the event returns
            return self._returned(name, call, env, self.events)
        if name in self.functions:
            return self._dispatched(name, call, env, self._returned(name, call, env, self.functions))
        if call.target is not None:
            return None
        inherited = self._from_elsewhere(f"{self.scope.object}.{name}()", call, env)  # an ancestor's, else a global
        return inherited if inherited is not None else self._from_elsewhere(f".{name}()", call, env)

    def _type_of(self, target: m.Expr, env: Env) -> Optional[str]:
        """The declared type of a call's target; for a path through another object's variables
        (``gnv_app.inv_exec``), that variable's class as the pipeline provides it (else noted as wanted)."""
        kind = self.scope.type_of(target)
        if kind is None or "." not in kind:
            return kind
        if kind not in env:
            self.found.wanted.add(kind)
            return "?"
        held = env[kind]
        return held.kind if isinstance(held, ObjectOf) else "?"

    def _dispatched(self, name: str, call: m.Call, env: Env, own: Value) -> Value:
        """An own function's result, and what each descendant overriding it returns (the object running this
        script may be one of them: ``create using`` a descendant, a variable of the ancestor's type), as one
        value; the descendants' characters are placed at the call."""
        key = f"{self.scope.object}>{name}()"
        if key not in env:
            self.found.wanted.add(key)
            return own
        overrides = [self._from_elsewhere(f"{owner}.{name}()", call, env)
                     for owner in env[key]]
        if own is None or any(o is None for o in overrides):
            return None
        return choice([option for value in (own, *overrides) for option in alternatives(value)])

    def _as_templated(self, key: str, value: Value, env: Env) -> bool:
        """Whether ``value`` is what the function ``key`` returns whatever the object's state: the text its
        template gives (its file reports that text as its result)."""
        if key not in env:
            self.found.wanted.add(key)
            return False
        template = env[key][0]
        return isinstance(template, MappedText) and all(
            isinstance(o, MappedText) and o.text == template.text for o in alternatives(value))

    def _from_elsewhere(self, key: str, call: m.Call, env: Env) -> Value:
        """What another file's function ``key`` returns for ``call`` (``_templated``), noted as that file's text
        where it is wholly that file's and that file reports it: not where an array or a structure passed
        made it (``of_create_sql(lstr_tables[li])``: the file reports only its result with the places marked)."""
        value = self._templated(key, call, env)
        if any(isinstance(self.value(arg, env), (Parts, Record)) for arg in call.args):
            return value
        return self._noted_if_foreign(value, call.line)

    def _noted_if_foreign(self, value: Value, line: int) -> Value:
        """``value``, noted as another file's text (``_foreign``) when every character of it is that file's,
        placed at the call's ``line``: that file reports it where it writes it, and the pass across files
        follows it from the function's result to where it runs."""
        options = alternatives(value)
        if all(isinstance(o, MappedText) and o.text and
               all(is_foreign(col) or (at == line and col <= 1) for at, col in zip(o.lines, o.cols))
               for o in options):
            self._foreign.update((id(o), o) for o in (*options, value))
        return value

    def _templated(self, key: str, call: m.Call, env: Env) -> Value:
        """What a function of another object or file returns for this call's arguments, from the template
        the pipeline provides (its result with its parameters' places marked); its own characters are
        placed at the call."""
        args = [self.value(a, env) for a in call.args]
        answer = self._answer(key, args, call.line, env)
        if answer is not None:
            return answer
        if key not in env:
            self.found.wanted.add(key)
            return None
        template, params = env[key]
        if len(args) != len(params):
            return None
        if isinstance(template, FlagTemplates):
            flags = tuple(args[i] for i in template.flags)
            template = template.results.get(flags) if all(isinstance(f, bool) for f in flags) else None
            if template is None:
                return None
        values = []
        for expr, arg in zip(call.args, args):
            if not isinstance(arg, MappedText):
                arg = MappedText(self.source.path)
                arg.append_placeholder(placeholder(self.source_text(expr)), expr.line)
            values.append(arg)
        return choice([filled(option, template_holes(option, params), values, self.source.path, call.line)
                       for option in alternatives(template)])

    def _answer(self, key: str, args: list[Value], line: int, env: Env, history: tuple = (),
                created: bool = False, runtime: str = "") -> Value:
        """What another file's function returns for these known arguments, when its template cannot say (its
        result depends on them through conditions or loops, on the ``history`` of calls made before on the
        same object, or on the class the object was ``created`` as, or is: ``runtime``): the pipeline evaluates
        it there for this call (``requests``) and gives the answer back; its own characters are placed at the
        call."""
        if not (args or history or created or runtime) or not all(_known(a) for a in args) or (
                not history and not created and not runtime and exact_template(env.get(key), args)):
            return None
        request = f"{key}|{runtime}|{_digest(args + [part for name, called in history for part in (name, *called)])}"
        if request in env:
            return _from_caller(env[request], self.source.path, line)
        self.found.requests[request] = Request(key, tuple(_for_callee(a) for a in args), history, runtime=runtime)
        return None

    def _from_ancestor(self, key: str, call: m.Call, env: Env) -> Value:
        """What ``Super::of_create_sql()`` returns: evaluated on this object where its constructor or the
        script before the call calls functions it inherits (``of_col("board_ft", …)`` then ``return
        super::of_create_sql()``: those calls, in order, are the state the ancestor's function reads); else
        from the ancestor's template."""
        history = self._inherited_calls_before(call, env)
        if history or any(self._inherited_call(made) for script in self.events.get("constructor", [])[:1]
                          for stmt in script.body for made in self._calls_in(stmt)):
            answer = self._answer(key, [self.value(a, env) for a in call.args], call.line, env, history,
                                  runtime=self.scope.object)
            if answer is not None:
                return answer
        return self._from_elsewhere(key, call, env)

    def _inherited_call(self, call: m.Call) -> bool:
        """Whether ``call`` may be of a function the object inherits: made on the object itself, of no function of
        its own nor a string or number function."""
        name = call.name.lower()
        return call.ancestor is None and _on_self(call) and name not in self.functions \
            and name not in STRING_FUNCTIONS and name not in NUMBER_FUNCTIONS

    def _inherited_calls_before(self, call: m.Call, env: Env) -> tuple:
        """The calls the script makes on its object, before ``call``, of functions the object inherits, with
        their known arguments (``of_col("board_ft", "decimal(11,2) null")``); () when one is not known."""
        calls = []
        for stmt in m.walk_statements(self.script.body) if self.script else ():
            for made in self._calls_in(stmt):
                if made.start >= call.start:
                    return tuple(calls)
                if self._inherited_call(made):
                    values = [self.value(arg, env) for arg in made.args]
                    if not all(_known(v) for v in values):
                        return ()
                    calls.append((made.name.lower(), tuple(_for_callee(v) for v in values)))
        return tuple(calls)

    def _filled_elsewhere(self, calls: list[m.Call], before: Env, env: Env) -> Env:
        """``env`` after the calls in ``stmt`` of other objects' or global functions that may fill the variables
        passed to them (``ref`` parameters: ``inv_sql.of_add_alter(ls_stmts, "t", "c int NULL")``) of ``calls``: for the
        call's known arguments, the file defining the function is asked what it leaves in each (``requests``,
        answered between extractions). A value made only of the callee's own text is left to the callee,
        which reports it where it is written."""
        for call in calls:
            names = [self._target_name(a) if isinstance(a, m.Name) else None for a in call.args]
            key = self._elsewhere(call) if any(names) else None
            if key is None:
                continue
            args = [self.value(a, before) for a in call.args]
            if not all(_known(a) or self._holds_a_setting(e) for a, e in zip(args, call.args)):
                continue  # (a flag not known is asked as such: the function takes every arm it decides)
            request = f"{key}|refs|{_digest(args)}"
            if request not in env:
                self.found.requests[request] = Request(key, tuple(_for_callee(a) for a in args), refs=True)
                continue
            env = dict(env)
            for name, value in zip(names, env[request]):
                if name is not None and (_from_arguments(value) or _data_only(value)):
                    env[name] = _from_caller(value, self.source.path, call.line)
                    self._passed_arrays.discard(name)  # what the call leaves there is known: its conditions
                    self._counters.add(name)  # decide the arms (``If lstr_cols[li].b_nullable Then``)
        return env

    def _dom(self, call: m.Call, name: str, env: Env) -> Value:
        """``lpbdom_builder.BuildFromString(ls_xml)`` of a known string, and what its document's and elements'
        functions give (``GetRootElement()``, ``GetAttributeValue("table")``, …: ``xmldom``)."""
        args = [self.value(arg, env) for arg in call.args]
        if name == "buildfromstring":
            return xmldom.parse(args[0]) if len(args) == 1 and isinstance(args[0], MappedText) else None
        held = self.value(call.target, env)
        return xmldom.method(held, name, args) if xmldom.is_dom(held) else None

    def _dom_children(self, calls: list[m.Call], before: Env, env: Env) -> Env:
        """``env`` after ``lpbdom_root.GetChildElements(lpbdom_items)`` among ``calls`` filled the array it is
        given with a known element's children."""
        for call in calls:
            if call.name.lower() == "getchildelements" and call.target is not None and len(call.args) == 1 \
                    and isinstance(call.args[0], m.Name):
                found = xmldom.children(self.value(call.target, before))
                if found is not None:
                    name = call.args[0].name.lower()
                    env = {**env, name: found}
                    self._passed_arrays.discard(name)
                    self._counters.add(name)  # (its elements' names choose the arms: ``Choose Case … GetName()``)
        return env

    def _blob_width(self, expr: m.Expr, env: Env) -> int:
        """The bytes a character of the blob variable ``expr`` takes (2 as PowerBuilder writes text, UTF-16LE;
        1 where its text was written as ANSI or UTF-8); 1 for anything that is not a blob variable."""
        return env.get(_BLOB_WIDTH + self._target_name(expr), 2) if self._variable_type(expr) == "blob" else 1

    def _blob_edits(self, calls: list[m.Call], before: Env, env: Env) -> Env:
        """``env`` after the ``BlobEdit(lblb, pos, "text"[, encoding])`` calls among ``calls`` write their text into
        their blob variable at the byte given (its text so far, known, reaching that byte)."""
        for call in calls:
            name = self._target_name(call.args[0]) if call.name.lower() == "blobedit" and call.target is None \
                and len(call.args) in (3, 4) else None
            if name is None:
                continue
            blob, at, text = (self.value(a, before) for a in call.args[:3])
            width = _byte_width(call.args[3:])
            start = (at - 1) // width if _as_number(at) is not None and not (at - 1) % width else None
            env = dict(env)
            if isinstance(blob, MappedText) and isinstance(text, MappedText) and start is not None \
                    and 0 <= start <= len(blob.text):
                edited = blob.slice(0, start)
                edited.extend(text)
                edited.extend(blob.slice(start + len(text.text), len(blob.text)))
                env[name], env[_BLOB_WIDTH + name] = edited, width
            else:
                env[name] = None
        return env

    def _holds_a_setting(self, expr: m.Expr) -> bool:
        """Whether ``expr`` is a variable declared as a number, date or flag (``ab_lab``), never SQL."""
        return self._variable_type(expr) in _SETTING_TYPES

    def _holds_object(self, expr: m.Expr) -> bool:
        """Whether ``expr`` is a variable declared as an object (``atr_db``, a transaction): a function walked for a
        call passing it builds no SQL text from it."""
        kind = self._variable_type(expr)
        return kind is not None and kind not in VALUE_TYPES

    def _variable_type(self, expr: m.Expr) -> Optional[str]:
        """The declared type of the variable ``expr`` names, without its size (``blob{400}``: blob)."""
        kind = self._declared_type(self._target_name(expr))
        return kind.partition("{")[0] if kind else None

    def _elsewhere(self, call: m.Call) -> Optional[str]:
        """How the pipeline names the function a call runs in another file (``type.function()``; for a call
        not qualified, ``object.function()`` of the calling object); None for the object's own functions and
        built-ins."""
        name = call.name.lower()
        if call.ancestor is not None:  # ``Super::of_spec(as_table, astr_spec)``: the ancestor's, in its file
            return f"{self.scope.ancestor}.{name}()" if call.ancestor.lower() == "super" and self.scope.ancestor \
                else None
        if self._runtime and _on_self(call) and self._runtime in self.inherited.get(f"{self.scope.object}>{name}", ()):
            return f"{self._runtime}.{name}()"  # the object's class overrides it: asked of that class's file
        if call.target is None or isinstance(call.target, m.Name) and call.target.name.lower() == "this":
            # an ancestor's function (``this.of_CreateTable(…)`` too) or a global one: looked for in that order
            return None if name in self.functions or name in STRING_FUNCTIONS or name in NUMBER_FUNCTIONS \
                or name in NON_SINKS or name in BUILTIN_SINKS else f"{self.scope.object}.{name}()"
        chain = self._chain(call) if isinstance(call.target, m.Call) else None  # a chain goes on with its object
        target = chain[0] if chain is not None else call.target
        if not isinstance(target, m.Name) or target.name.lower() in _SELF:
            return None
        kind = self.scope.type_of(target)
        return None if kind in (None, "?") or kind in _SYSTEM_TYPES else f"{kind}.{name}()"

    def ref_outputs(self, name: str, args: list[Value]) -> Optional[tuple]:
        """What this file's function ``name`` leaves in its ``ref`` parameters for ``args`` (a request from
        another file): a value per parameter, None for the others."""
        scripts = [s for s in self._overloads(self.functions, name, args) if any(p.ref for p in s.params)]
        if len(scripts) != 1:
            return None
        exits: list[Env] = []
        self._result_of(scripts[0], args, exits)
        return tuple(join(None, [e.get(p.name.lower()) for e in exits]) if p.ref and exits else None
                     for p in scripts[0].params)

    def _builtin(self, call: m.Call, name: str, env: Env) -> Value:
        args = [self.value(a, env) for a in call.args]
        line, col = call.line, self.source.column_of(call.start) + 1
        if name == "char" and len(args) == 1 and _as_number(args[0]) is not None and 0 < args[0] < 0x110000:
            return synthetic(self.source.path, chr(args[0]), line, col)
        if name == "classname" and len(args) == 1 and call.target is None and isinstance(call.args[0], m.Name) \
                and call.args[0].name.lower() == "this" and self._runtime:  # evaluated on an object of that class
            return synthetic(self.source.path, self._runtime, line, col)
        if name == "classname" and len(args) == 1 and call.target is None:  # of an ``any`` holding a known value
            held = "string" if isinstance(args[0], (MappedText, Choice)) else "boolean" if isinstance(args[0], bool) \
                else "string[]" if isinstance(args[0], Parts) and args[0].items and all(
                    isinstance(item, (MappedText, Choice)) for item in args[0].items.values()) else None
            return synthetic(self.source.path, held, line, col) if held else None
        if name == "space" and len(args) == 1 and _as_number(args[0]) is not None and 0 <= args[0] <= 10_000:
            return synthetic(self.source.path, " " * args[0], line, col)
        if name in ("string", "blob") and (len(args) == 1 or len(args) == 2 and (
                _is_encoding(call.args[1]) or isinstance(args[1], MappedText) and args[1].text.lower() == "address")):
            return args[0] if isinstance(args[0], MappedText) else (  # a blob holds its text
                synthetic(self.source.path, str(args[0]), line, col)
                if name == "string" and _as_number(args[0]) is not None else None)
        if name == "string" and len(args) == 2 and _as_number(args[0]) is not None \
                and isinstance(args[1], MappedText) and _DIGITS_FORMAT.fullmatch(args[1].text):
            whole, _, decimals = args[1].text.partition(".")  # ``String(li_rev, "000")``, ``String(0, "0.00")``
            number = str(args[0]).zfill(whole.count("0")) + ("." + "0" * len(decimals) if decimals else "")
            return synthetic(self.source.path, number, line, col)
        if name == "blobedit" and len(args) in (3, 4) and _as_number(args[1]) is not None \
                and isinstance(args[2], MappedText):  # the byte after the text written at that byte
            return args[1] + len(args[2].text) * _byte_width(call.args[3:])
        if name == "blobmid" and len(args) in (2, 3) and isinstance(args[0], MappedText) \
                and all(_as_number(a) is not None for a in args[1:]):  # bytes of a blob: whole characters only
            width = self._blob_width(call.args[0], env)
            first, count = args[1] - 1, args[2] if len(args) == 3 else len(args[0].text) * width
            return args[0].slice(first // width, (first + count) // width) \
                if first >= 0 and count >= 0 and not first % width and not count % width else None
        if name == "len" and len(args) == 1 and isinstance(args[0], MappedText) and args[0].complete \
                and self._blob_width(call.args[0], env) != 1:  # a blob's length counts its bytes
            return len(args[0].text) * self._blob_width(call.args[0], env)
        if name in ("mod", "abs") and len(args) == (2 if name == "mod" else 1) \
                and all(_as_number(a) is not None for a in args) and (name == "abs" or args[1]):
            return abs(args[0]) if name == "abs" else (abs(args[0]) % abs(args[1])) * (-1 if args[0] < 0 else 1)
        if name == "isnull" and len(args) == 1 and _known(args[0]):  # a value known from the source is not null
            return False
        if name == "upperbound" and len(args) in (1, 2) and isinstance(args[0], Parts) and not args[0].gaps \
                and not args[0].unplaced and (len(args) == 1 or _as_number(args[1]) is not None):
            return args[0].bound(args[1] if len(args) == 2 else 1)
        if name in NUMBER_FUNCTIONS and len(args) == 1 and isinstance(args[0], MappedText) and args[0].complete:
            return NUMBER_FUNCTIONS[name](args[0])
        if name == "posa" and all(isinstance(a, MappedText) and a.text.isascii() for a in args[:2]):
            name = "pos"  # (bytes are characters in ASCII text)
        if name == "pos" and len(args) in (2, 3) and isinstance(args[0], MappedText) and not self._holds_params(args[0]) \
                and isinstance(args[1], MappedText) and args[1].complete and (len(args) == 2 or _as_number(args[2]) is not None):
            return _position(args[0], args[1].text, args[2] if len(args) == 3 else 1)
        if name == "lastpos" and len(args) in (2, 3) and all(isinstance(a, MappedText) and a.complete for a in args[:2]) \
                and (len(args) == 2 or _as_number(args[2]) is not None):  # searching back from the start given
            return args[0].text.rfind(args[1].text, 0, args[2] if len(args) == 3 else len(args[0].text)) + 1
        key = name.replace("mid", "mid3", 1) if name in ("mid", "mida") and len(args) == 3 else name
        if key in ("replace", "replacea") and len(args) == 4 and not isinstance(args[3], MappedText) and not (
                isinstance(args[3], Choice) and not args[3].partial):  # the new text not known: a placeholder there
            args[3] = MappedText(self.source.path)
            args[3].append_placeholder(placeholder(self.source_text(call.args[3])), call.args[3].line)
        if key in STRING_FUNCTIONS:
            kinds, function = STRING_FUNCTIONS[key]
            if len(kinds) != len(args) or any(_as_number(a) is None for k, a in zip(kinds, args) if k == "n"):
                return None
            if all(isinstance(a, MappedText) for k, a in zip(kinds, args) if k == "s"):
                return function(*args)
            if kinds[0] == "s" and isinstance(args[0], Choice) and not args[0].partial \
                    and all(isinstance(a, MappedText) for k, a in zip(kinds[1:], args[1:]) if k == "s"):
                results = [function(option, *args[1:]) for option in args[0].options]  # each candidate in turn
                return choice(results) if None not in results else None
        return None

    def _string_service(self, call: m.Call, env: Env) -> Value:
        """PFC's ``of_GlobalReplace(as_source, as_old, as_new [, ab_ignorecase])`` over known arguments."""
        args = [self.value(a, env) for a in call.args]
        if len(args) in (3, 4) and all(isinstance(a, MappedText) and a.complete for a in args[:3]) and (
                len(args) == 3 or isinstance(args[3], bool)):
            return replaced_all(args[0], args[1].text, args[2], len(args) == 4 and args[3])
        return None

    def _returned(self, name: str, call: m.Call, env: Env, scripts_by_name: dict[str, list[m.Script]]) -> Value:
        """What the file's own function (or event) ``name`` returns for the arguments of ``call``: a string, a
        structure (``lstr = of_step(li_n)``), or a whole number for known arguments (``of_domainlen("SCAC")``)."""
        if len(self._returns) >= RECURSION_DEPTH:
            return None
        args = [self.value(a, env) for a in call.args]
        counted = bool(args) and all(_comparable(a) is not None for a in args)
        scripts = [s for s in self._overloads(scripts_by_name, name, args)
                   if may_return_text(s.returns) or counted and self._looks_up_a_number(s)]
        if len(scripts) != 1:
            return None
        script = scripts[0]
        if len(self._returns) >= RETURN_DEPTH:  # a function calling itself for known arguments (``of_collist(
            if script is not self.script or not all(_known(a) for a in args) \
                    or self._budget < self._body_size(script):  # as_item, ai_from + 1)``, the rest of a list)
                return None  # goes deeper, each level paid for from the walk's budget
            self._budget -= self._body_size(script)
        state = self._state_read(name, env)
        key = (name, tuple(fingerprint(a) for a in args), len(self._returns),
               *(fingerprint(state[n]) for n in sorted(self._state_use(name)[1]) if state is not None))
        if key in self._return_memo:
            return self._return_memo[key]
        self._return_memo[key] = None  # a recursive call reads unknown
        value = self._result_of(script, args, start=state)
        self._return_memo[key] = value
        return value

    def _result_of(self, script: m.Script, args: list[Value], exits: Optional[list[Env]] = None,
                   start: Optional[Env] = None) -> Value:
        """What ``script`` returns for ``args``, from a quiet walk of its body starting from the instance values
        (or ``start``); ``exits``, when given, gets the environment at each way out of it."""
        local = dict(self.instance if start is None else start)
        local.update((p.name.lower(), a) for p, a in zip(script.params, args))
        saved, saved_scope = self.script, (self.scope.local_types, self.scope.local_arrays)
        self._quiet += 1
        self._returns.append([])
        self._exits.append(exits)
        try:
            self.script = script
            self.scope.enter(script)  # its parameters' and locals' declared types
            end = self.block(script.body, local)
            if exits is not None and end.get(_LEFT) != "return":
                exits.append(end)
            results = self._returns[-1]
        finally:
            self._exits.pop()
            self._returns.pop()
            self._quiet -= 1
            self.script = saved
            self.scope.local_types, self.scope.local_arrays = saved_scope
        return join(None, results) if results else None

    def _with_ref_outputs(self, calls: Iterable[m.Call], env: Env, before: Optional[Env] = None) -> Env:
        """``env`` after the ``calls`` of the file's own functions that fill ``ref`` parameters
        (``Do While of_next_piece(li_step, ls_table, ls_coldef)``, ``of_line(ls_buffer, "…")``): each is walked
        for the call's known arguments (as ``before`` the statement, by default ``env``), its variables get what
        it leaves there, and its result is what the call gives."""
        before = env if before is None else before
        for call in calls:
            if call.name.lower() not in self._ref_functions or self._runtime and self._elsewhere(call):
                continue  # (the class the object runs as overrides it: asked of its file, ``_filled_elsewhere``)
            self._walked_calls.pop(id(call), None)
            args = [self.value(a, before) for a in call.args]
            scripts = [s for s in self._overloads(self.events if "event" in call.forms else self.functions,
                                                  call.name.lower(), args)
                       if any(p.ref for p in s.params)] if _on_self(call) and call.ancestor is None else []
            outputs = [self._target_name(a) if p.ref else None for p, a in zip(scripts[0].params, call.args)] \
                if len(scripts) == 1 else []
            if not outputs or None in (o for o, p in zip(outputs, scripts[0].params) if p.ref) \
                    or len(self._returns) >= RETURN_DEPTH:
                continue
            if any(not p.ref and not _known(a) and not _is_setting(p) for p, a in zip(scripts[0].params, args)):
                continue
            exits: list[Env] = []
            state = self._own_state(before) if self._object_state else None  # in a walk of one object's state,
            self._walked_calls[id(call)] = self._result_of(scripts[0], args, exits, start=state)  # from it, and
            env = {**env, **({name: join(None, [e.get(name) for e in exits]) if exits else None  # to what it leaves
                              for name in state} if state is not None else {})}  # (``of_pop`` taking the top item)
            for param, name in zip(scripts[0].params, outputs):
                if name is not None:
                    env[name] = join(None, [e.get(param.name.lower()) for e in exits]) if exits else None
                    self._passed_arrays.discard(name)  # what the call leaves there is known
        return env

    def _instance_values(self) -> Env:
        """Instance, shared and global variables with the value every script of the object agrees on.

        A variable's candidates are its initialiser (PowerScript's default for a
        string declared without one: the empty string) and every assignment to it
        in any script (a constructor setting ``is_crlf = "~r~n"``, a guard at the top
        of a function). The default counts only when nothing assigns the variable;
        candidates that are all white space read as a line break.
        """
        declared = self._declared_values()
        self.instance = {name: declared[name] for name in self._constants}  # (what the object's functions
        # read while its values are worked out: its constants, a template's token)
        assigned: dict[str, list[Value]] = {name: [] if value is None else [value]
                                            for name, value in self.inherited.items()}
        for var in self.file.variables:
            name = var.name.lower()
            assigned[name] = [] if var.init is None else [declared[name]]
            for text in alternatives(declared[name]) if var.init is not None else ():
                if isinstance(text, MappedText) and looks_like_sql(text.text):  # run where the variable is run
                    self.emit(text, "assigned", waits=[("instance", name)])
        filled: Env = {}  # arrays and structures filled element by element (``istr_step[5].s_sql = "…"``)
        fillers = self._fillers(assigned)
        replayed_state = dict(declared)  # the object's values after the calls of its fillers so far (counters too)
        calls = Counter(call.name.lower() for script in self.file.scripts for stmt in m.walk_statements(script.body)
                        for call in self._own_calls(stmt, fillers))
        fillers = {name: arrays for name, arrays in fillers.items() if calls[name] <= MAX_OBJECT_CALLS}
        locals_at = self._locals_at_fills(fillers, declared)
        replayed = set(fillers) & set(calls)  # (a log appended to by every script: its elements are not followed)
        stored_elsewhere: set[str] = set()
        for script in self.file.scripts:
            local = {p.name.lower() for p in script.params}
            for stmt in m.walk_statements(script.body):
                for call in self._own_calls(stmt, fillers):  # in the order the calls are written
                    state = {**replayed_state, **filled}
                    after = self._state_after_call(call, state, {**state, **locals_at.get(id(stmt), {})})
                    replayed_state.update(after)
                    filled.update((name, after.get(name)) for name in fillers[call.name.lower()])
                if isinstance(stmt, m.DeclStmt):
                    local.update(d.name.lower() for d in stmt.decls)
                elif isinstance(stmt, m.Assign) and stmt.op == "=":
                    name, path = self._stored_at(stmt.target, declared)
                    if name not in assigned or name in local:
                        continue
                    if not path:
                        assigned[name].append(self.value(stmt.value, declared))
                    elif path[0][0] == "index" and script.name.lower() not in replayed:  # (a field of an
                        filled[name] = _put(filled.get(name, declared.get(name)), path,  # object variable is
                                            self.value(stmt.value, declared))  # that object's)
                        stored_elsewhere.add(name)
        public = {name for function, arrays in fillers.items() for name in arrays if any(
            s.access not in ("private", "protected") for s in self.functions[function])}  # others may call
        self._own_arrays = {name for function in replayed for name in fillers[function]
                            if not assigned[name]} - stored_elsewhere - public
        for name, value in filled.items():
            assigned[name].append(value)
        return {name: join(None, options) if options else declared[name] for name, options in assigned.items()}

    def _locals_at_fills(self, fillers: dict[str, set[str]], declared: Env) -> dict[int, Env]:
        """The local structures and arrays a script passes to the ``fillers`` it calls (``of_add(lstr_loan)``
        after ``lstr_loan.s_table = "mus_loan"`` and ``of_col(lstr_loan, …)``), by the calling statement's id:
        each such script walked quietly once from ``declared``, what those locals hold there on every way to
        the statement."""
        found: dict[int, Env] = {}
        for script in self.file.scripts if fillers else ():
            statements = list(m.walk_statements(script.body))
            decls = [d for stmt in statements if isinstance(stmt, m.DeclStmt) for d in stmt.decls]
            records = {d.name.lower() for d in decls if d.array is not None or d.type.lower() not in _BUILT_IN_TYPES}
            wanted = {id(stmt): records & set().union(*(_names(a) for call in self._own_calls(stmt, fillers)
                                                         for a in call.args)) for stmt in statements}
            self._envs_wanted = {key: [] for key, names in wanted.items() if names}
            if not self._envs_wanted:
                continue
            self._result_of(script, [None] * len(script.params), start=declared)
            found.update((key, {name: join(None, [env.get(name) for env in envs]) for name in wanted[key]})
                         for key, envs in self._envs_wanted.items() if envs)
        self._envs_wanted = {}
        return found

    def _fillers(self, instance: Iterable[str]) -> dict[str, set[str]]:
        """The object's functions that store into elements of its arrays (declared here or by an ancestor) among
        ``instance`` (``istr_plan[li_n].s_table = as_table``), by lower-case name: the arrays each one fills."""
        fillers: dict[str, set[str]] = {}
        arrays = {name for name in instance if name in self.scope.instance_arrays
                  or isinstance(self.inherited.get(name), Parts)}
        for name, scripts in self.functions.items() if arrays else ():
            for script in scripts:
                statements = list(m.walk_statements(script.body))
                local = {p.name.lower() for p in script.params} | {
                    d.name.lower() for stmt in statements if isinstance(stmt, m.DeclStmt) for d in stmt.decls}
                for stmt in statements:
                    stored = self._element_stored(stmt.target) if isinstance(stmt, m.Assign) else None
                    if stored in arrays and stored not in local:
                        fillers.setdefault(name, set()).add(stored)
        return fillers

    @classmethod
    def _element_stored(cls, target: m.Expr) -> Optional[str]:
        """The array an assignment to ``target`` stores an element of (``istr_plan[li_n].s_table``), read from the
        target as written; None for an assignment to a whole variable or to a field of a structure variable."""
        element = False
        while True:
            if isinstance(target, m.Index) and target.args:
                element, target = True, target.obj
            elif isinstance(target, m.Member) and cls._target_name(target) is None:
                element, target = False, target.obj
            else:
                return cls._target_name(target) if element else None

    def _own_calls(self, stmt: m.Stmt, functions: dict[str, set[str]]) -> list[m.Call]:
        """The calls ``stmt`` writes of the object's own ``functions`` (not of an ancestor's), in order."""
        return [c for c in self._own_calls_among(self._calls_in(stmt)) if c.name.lower() in functions] \
            if functions else []

    def _own_calls_among(self, calls: list[m.Call]) -> list[m.Call]:
        """Those of ``calls`` that run a function of the object itself (not an ancestor's), in order."""
        return [c for c in calls if c.name.lower() in self.functions and c.ancestor is None and _on_self(c)]

    def _declared_values(self) -> Env:
        """The values an object of this file's type starts with: its ancestors' and each variable's initial value."""
        declared: Env = dict(self.inherited)
        for var in self.file.variables:
            declared[var.name.lower()] = self._initial(var, declared)
        return declared

    def _initial(self, decl: m.VarDecl, env: Env) -> Value:
        """A declaration's value: its initialiser, else PowerScript's default for its type."""
        if decl.init is not None:
            return self.value(decl.init, env)
        return self._default(decl.type.lower().partition("{")[0], decl.array is not None, env)  # (``blob{400}``)

    def _default(self, kind: str, array: bool, env: Env, depth: int = 0) -> Value:
        """PowerScript's initial value of a variable of type ``kind``: an empty array (whose elements start as
        this default too), the empty string, zero, false, or a structure whose fields each hold theirs (one of
        this file, or a global one as the pipeline provides it, else noted as wanted); None for an object."""
        if array:
            return Parts(element=self._default(kind, False, env, depth))
        if kind in ("string", "blob"):  # (a blob holds its text, ``_builtin``)
            return MappedText(self.source.path)
        if kind == "boolean":
            return False
        if kind in _NUMBER_TYPES:
            return 0
        block = self._blocks().get(kind)
        if block is not None and block.fields and depth < _NESTED_STRUCTURES:
            return Record({name: self._default(of, is_array, env, depth + 1)
                           for name, (of, is_array) in block.fields.items()})
        if block is None and kind not in _BUILT_IN_TYPES and kind not in VALUE_TYPES:
            key = structure_key(kind)
            if key not in env:
                self.found.wanted.add(key)
            return env.get(key)
        return None

    def constructor_calls(self) -> tuple:
        """The calls the object's ``constructor`` makes, as statements of its own, of functions the object
        inherits (not its own: ``of_col("charge_no", "int not null")`` in a descendant of the class defining
        ``of_col``), each (name, its arguments' values), in order: an ancestor's function evaluated on an object
        of this class starts from what they leave (``_runtime_start``). () when an argument is not known."""
        calls = []
        for script in self.events.get("constructor", [])[:1]:
            self._enter(script)
            for stmt in script.body:
                call = stmt.expr if isinstance(stmt, m.ExprStmt) else None
                if not isinstance(call, m.Call) or not self._inherited_call(call):
                    continue
                values = [self.value(arg, dict(self.instance)) for arg in call.args]
                if not all(_known(v) for v in values):
                    return ()
                calls.append((call.name.lower(), tuple(values)))
            self.script = None
        return tuple(calls)

    def own_structure(self) -> Value:
        """The initial value of the global structure the file defines (its fields' defaults), or of an
        autoinstantiated object that only holds values (``n_cst_sqlattrib``: its variables' initial values, no
        function or event of its own), created with each variable of its type; None for any other object."""
        block = self._blocks().get(self.scope.object)
        if block and block.ancestor == "structure":
            return self._default(self.scope.object, False, {})
        if not (block and block.autoinstantiate) or self.functions or set(self.events) - {"create", "destroy"}:
            return None
        declared = self._declared_values()
        fields = {name: declared[name] for name in self.scope.instance_types if name in declared}
        return Record(fields) if fields else None

    @staticmethod
    def _target_name(target: m.Expr) -> Optional[str]:
        if isinstance(target, m.Name):
            return target.name.lower()
        if isinstance(target, m.Member) and isinstance(target.obj, m.Name) and target.obj.name.lower() in _SELF:
            return target.name.lower()
        return None

    # ---------------------------------------------------------- walking
    def run(self, jobs: Optional[int] = None, while_waiting: Optional[Callable[[], None]] = None) -> None:
        """Walk every script; a large file's scripts are shared with a forked second process unless ``jobs`` is 1
        (``while_waiting()`` is then run first, ``forked.map_in_two``). Each script's findings are added in the
        order of the scripts, so they are the same either way."""
        self._take(self.found)  # what reading the instance variables' values found
        self._script_summaries()  # before a second process shares the walk: made once
        scripts = self.file.scripts
        for found in map_in_two(self._walked, scripts, [s.end_line - s.line + 1 for s in scripts],
                                PARALLEL_WALK_LINES, jobs, while_waiting=while_waiting, shared=scripts):
            self._take(found)

    def _walked(self, script: m.Script) -> Findings:
        """What walking ``script`` finds (the diagnostics it adds to the file taken out with it)."""
        self.found, before = Findings(), len(self.file.diagnostics)
        self._enter(script)
        self.found.summaries.append(self._script_summaries()[id(script)])
        try:
            self._walk(script)
        except RecursionError:  # hundreds of nested blocks: again, with room for them
            from ..deepstack import with_deep_stack
            self._enter(script)
            try:
                with_deep_stack(lambda: self._walk(script))
            except RecursionError:
                self.file.diagnostics.append(m.Diagnostic(
                    self.file.path, script.line, f"{script.qualified_name}: statements nested too deeply "
                                                 "to follow the SQL it builds"))
        self.script = None
        found, self.found = self.found, Findings()
        found.diagnostics = self.file.diagnostics[before:]
        del self.file.diagnostics[before:]
        return found

    def _enter(self, script: m.Script) -> None:
        """Start walking ``script`` (or folding its expressions) afresh: its names in scope, no unrolling spent,
        no results of functions remembered, so that what is found does not depend on what was walked before."""
        self.script = script
        self.scope.enter(script)
        self._budget = UNROLL_BUDGET
        self._effect_budget = EFFECT_BUDGET
        self._return_memo = {}
        self._foreign = {}
        self._copies = {}

    def _take(self, found: Findings) -> None:
        """Add a script's findings to the file's."""
        for site in found.calls:
            self.on_call(site)
        for text in found.sql:
            self.on_sql(text)
        self.summaries += found.summaries
        for name, site in found.local_calls:
            self.local_calls.setdefault(name, []).append(site)
        self.templates.update(found.templates)
        for kind, values in found.handed.items():
            self.handed.setdefault(kind, []).extend(values)
        self.wanted |= found.wanted
        self.calls_out += found.calls_out
        self.requests.update(found.requests)
        for diagnostic in found.diagnostics:
            if diagnostic not in self.file.diagnostics:
                self.file.diagnostics.append(diagnostic)

    def _walk(self, script: m.Script) -> None:
        """Fold one script from its first statement; SQL left in variables at its end is reported, and the
        string it returns (its parameters' places marked) kept as a template for callers in other files."""
        env: Env = dict(self.instance)
        for param in script.params:
            env[param.name.lower()] = None
        returns = gives_string(script.returns) and script.kind in ("function", "event")
        if returns:
            self._returns.append([])
        params = {p.name.lower() for p in script.params}
        self._counters = {n for n in self._sure_in(script.body) if n in self._local_types() and n not in params}
        self._counters |= self._constants | self._own_arrays
        ends = []
        try:
            for args in self._index_cases(script, [None] * len(script.params), env):
                given = {p.name.lower(): a for p, a in zip(script.params, args)}
                ends.append(self.block(script.body, {**env, **given}))
        finally:
            self._counters = set()
            results = self._returns.pop() if returns else []
        template = self._template(script) if returns and results else None
        if template is not None:
            self.found.templates[script.name.lower()] = (template, tuple(p.name.lower() for p in script.params))
        for env in ends:
            for name, value in env.items():
                if name in self.instance and value is self.instance[name]:
                    continue
                for text in self._texts_of(value):
                    self.emit(text, "assigned", waits=self._wait_for(name))

    def _index_cases(self, script: m.Script, args: list[Value], state: Env) -> list[list[Value]]:
        """The arguments to walk ``script`` for: ``args``, or, where an integer parameter not known indexes one of
        the object's arrays whose elements are known (``of_create_sql(ai_index)`` reading ``istr_tab[ai_index]``
        after ``of_add`` stored three tables), one list per element, that parameter its index, so each element's
        fields are read together (its table with its own columns) — and ``args`` too where the array may hold
        others (an assignment not followed)."""
        for position, (param, arg) in enumerate(zip(script.params, args)):
            if arg is not None or param.type.lower() not in _NUMBER_TYPES:
                continue
            for name in self._indexed_by_param(script, param.name.lower()):
                parts = state.get(name)
                if isinstance(parts, Parts) and not parts.unplaced and 0 < len(parts.items) <= MAX_INDEX_CASES \
                        and sorted(parts.items) == list(range(1, len(parts.items) + 1)) \
                        and None not in parts.items.values():
                    cases = [[*args[:position], index, *args[position + 1:]] for index in sorted(parts.items)]
                    return cases + [args] if parts.gaps else cases
        return [args]

    def _indexed_by_param(self, script: m.Script, param: str) -> list[str]:
        """The object's arrays ``script`` indexes at the bare parameter ``param`` (``istr_tab[ai_index]``)."""
        return sorted({node.obj.name.lower() for stmt in m.walk_statements(script.body)
                       for root in statement_roots(stmt) for node in m.walk_expr(root)
                       if isinstance(node, m.Index) and isinstance(node.obj, m.Name) and len(node.args) == 1
                       and isinstance(node.args[0], m.Name) and node.args[0].name.lower() == param
                       and node.obj.name.lower() in self.instance})

    def _template(self, script: m.Script) -> Value | FlagTemplates:
        """What a string function returns with its parameters' places marked, for callers in other files:
        each parameter a placeholder named after it (so it flows through the file's own functions), one
        result per combination of its boolean parameters (so each call gets the arm its flags choose); a
        result that depends on a condition not known is each string it may be. None when one is not a string."""
        flags = tuple(i for i, p in enumerate(script.params) if p.type.lower() == "boolean" and not p.array)
        if len(flags) > MAX_FLAGS:
            return None
        results = {}
        for combination in product((True, False), repeat=len(flags)):
            args: list[Value] = []
            for param in script.params:
                args.append(MappedText(self.source.path))
                args[-1].append_placeholder(placeholder(param.name), script.line)
            for index, flag in zip(flags, combination):
                args[index] = flag
            value = self._result_of(script, args)
            if not all(isinstance(o, MappedText) and o.text for o in alternatives(value)):
                return None
            results[combination] = value
        return FlagTemplates(flags, results) if flags else results[()]

    def _wait_for(self, name: str) -> list[tuple]:
        """What a SQL text left in variable ``name`` waits on: an instance variable being run, or the
        callers of this script running what it leaves in a ``ref`` parameter."""
        for index, param in enumerate(self.script.params if self.script else ()):
            if param.ref and param.name.lower() == name:
                return [("refparam", self.scope.object, self.script.name.lower(), index)]
        if name in self.scope.local_types:
            return []
        if name in self.scope.globals:  # run by a script of any file reading it
            return [("instance", name, GLOBAL_OWNER)]
        return [] if name not in self.instance else [("instance", name)]

    def _texts_of(self, value: Value) -> list[MappedText]:
        """The SQL-looking strings of a value (an array's elements each; a structure's fields are reported
        where they are set)."""
        items = value.items.values() if isinstance(value, Parts) else [value]
        return [statement for item in items for text in alternatives(item) if isinstance(text, MappedText)
                for statement in self._statements(text)]

    def _statements(self, text: MappedText) -> list[MappedText]:
        """The SQL ``text`` holds (``statements_in``); none when it is another file's (reported there)."""
        return [] if id(text) in self._foreign else statements_in(text)

    def block(self, body: Iterable[m.Stmt], env: Env) -> Env:
        """Walk statements in order; what follows a ``return``, ``exit``, ``goto`` … in the same block is not
        run (up to the next label a ``goto`` may reach)."""
        unreachable = False
        for stmt in body:
            if _LEFT in env:  # a return, exit or continue surely taken
                break
            if isinstance(stmt, m.Label):
                unreachable = False
            if unreachable:
                continue
            env = self.statement(stmt, env)
            unreachable = isinstance(stmt, m.Jump) and stmt.kind in _JUMPS_AWAY
        return env

    def branches(self, env: Env, bodies: list[list[m.Stmt]], complete: bool) -> Env:
        """Walk each body from ``env``; ``complete`` when one of them always runs (an else arm)."""
        results = [self.block(body, dict(env)) for body in bodies]
        if not complete:
            results.append(env)
        names = dict.fromkeys(n for result in results for n in result if n != _LEFT)  # in the order first set
        joined = {n: join(env.get(n), [r.get(n, env.get(n)) for r in results]) for n in names}
        left = {r.get(_LEFT) for r in results}
        if len(left) == 1 and None not in left:  # every way through leaves the same way
            joined[_LEFT] = left.pop()
        return joined

    def _live_arms(self, stmt: m.If, env: Env) -> tuple[list[list[m.Stmt]], bool]:
        """The bodies of the arms that may run, and whether one of them surely runs. A function evaluated for
        known arguments (a quiet walk) skips the arms its conditions rule out; the walk that reports what the
        code does keeps every arm."""
        if not (self._quiet or self._contexts or all(self._on_counters(a.cond) for a in stmt.arms)):
            return [a.body for a in stmt.arms], stmt.arms[-1].cond is None
        return _may_run((True if a.cond is None else self.truth(a.cond, env), a.body) for a in stmt.arms)

    def _on_counters(self, expr: Optional[m.Expr]) -> bool:
        """Whether ``expr`` reads only names whose values are the walk's own: counters of loops being run pass
        by pass, variables only the script sets (``_sure_in``) and a window's ``Control[]`` as its create event
        lists it. The walk that reports what the code does prunes only on those; other variables may have been
        set by SQL, a ``ref`` argument or a call it does not see."""
        listed = {"control"} if "control" not in self.scope.local_types and self._controls() is not None else set()
        return expr is None or _names(expr) - listed <= self._counters

    def _live_cases(self, stmt: m.Choose, env: Env) -> tuple[list[list[m.Stmt]], bool]:
        """The bodies of the cases that may run, and whether one surely runs; pruned like ``_live_arms``."""
        subject = _comparable(self.value(stmt.subject, env)) if self._quiet or self._contexts or (
            self._on_counters(stmt.subject) and all(self._on_counters(v) for c in stmt.cases for v in c.values)) \
            else None
        if subject is None:
            limit = self._counter_limits.get(stmt.subject.name.lower()) if isinstance(stmt.subject, m.Name) else None
            return [c.body for c in stmt.cases if limit is None or not self._past(c, limit, env)], \
                any(not c.values for c in stmt.cases)
        return _may_run((True if not c.values else self._case_matches(c, subject, env), c.body) for c in stmt.cases)

    def _past(self, case: m.Case, limit: int, env: Env) -> bool:
        """Whether every value of ``case`` is a number above ``limit``, the last pass of the ``FOR`` loop whose
        counter the ``CHOOSE CASE`` tests (``Case 9`` in ``For li_v = ai_from + 1 To 8``): that case never runs."""
        numbers = [self.number(expr, env) for expr in case.values]
        return bool(numbers) and all(n is not None and n > limit for n in numbers)

    def _case_matches(self, case: m.Case, subject: str | int | bool, env: Env) -> Optional[bool]:
        """Whether ``subject`` matches one of a case's values (``1``, ``"x"``, ``1 To 5``, ``Is > 3``)."""
        results = []
        for expr in case.values:
            if isinstance(expr, m.Unary) and expr.op.startswith("is "):
                bound = _comparable(self.value(expr.operand, env))
                results.append(compare(expr.op[3:], subject, bound) if type(bound) is type(subject) is int else None)
            elif isinstance(expr, m.Binary) and expr.op == "to":
                low, high = _comparable(self.value(expr.left, env)), _comparable(self.value(expr.right, env))
                results.append(low <= subject <= high if type(low) is type(high) is type(subject) is int else None)
            else:
                value = _comparable(self.value(expr, env))
                results.append(value == subject if type(value) is type(subject) else None)
        return True if True in results else (False if all(r is False for r in results) else None)

    def statement(self, stmt: m.Stmt, env: Env) -> Env:
        self._statement_line = stmt.line
        if id(stmt) in self._envs_wanted:
            self._envs_wanted[id(stmt)].append(env)
        calls = self._calls_in(stmt) if isinstance(stmt, (m.Assign, m.ExprStmt)) else []
        for call in calls:  # what an earlier walk of this script found for its calls is not this walk's
            self._walked_calls.pop(id(call), None)
        before, env = env, self._statement(stmt, env)
        if calls or isinstance(stmt, m.Assign) and (isinstance(stmt.value, (m.CreateExpr, m.Name))  # the calls'
                                                     or isinstance(stmt.target, m.Member)):  # arguments
            env = self._filled_elsewhere(calls, before, self._object_calls(stmt, calls, before, env))  # as before
            env = self._dom_children(calls, before, env)
            own_calls = self._own_calls_among(calls)
            env = self._passed_objects(own_calls, before, env)
            env = self._with_ref_outputs(calls, env, before)
            env = self._own_effects(own_calls, before, self._blob_edits(calls, before, env))
        if self._passed_arrays:  # an array passed to a function may be filled by it (a reference argument)
            env = {**env, **{name: replace(env[name], gaps=True) for name in sorted(self._passed_arrays)
                             if isinstance(env.get(name), Parts)}}
            self._passed_arrays.clear()
        return env

    def _statement(self, stmt: m.Stmt, env: Env) -> Env:
        if isinstance(stmt, m.Assign):
            self.visit(stmt.target, env)
            self.visit(stmt.value, env)
            env = self.assign(stmt, env)
        elif isinstance(stmt, m.DeclStmt):
            env = dict(env)
            for decl in stmt.decls:
                self.visit(decl.init, env)
                env[decl.name.lower()] = self._initial(decl, env)
        elif isinstance(stmt, m.ExprStmt):
            self.visit(stmt.expr, env)
            emptied = self._set_null(stmt.expr)
            if emptied is not None:  # SetNull(ls_sql): the text it held is gone
                self._replaced(emptied, env.get(emptied), None)
                env = {**env, emptied: None}
        elif isinstance(stmt, m.CallStmt) and "`" not in stmt.ancestor:
            # ``call super::ue_columns``: what the ancestor's script returns is the AncestorReturnValue read next
            ancestor = m.Call(stmt.line, 0, 0, None, stmt.event, [], ("event",), stmt.ancestor)
            env = {**env, "ancestorreturnvalue": self._call_value(ancestor, env)}
        elif isinstance(stmt, m.EmbeddedSql):
            self.embedded(stmt, env)
            env = self._prepared_procedure(stmt, env)
            filled = _filled_by(stmt)
            if filled:  # SELECT … INTO :ls_answer: what the database gives is not known here
                env = {**env, **dict.fromkeys(filled)}
        elif isinstance(stmt, m.Jump):
            self.visit(stmt.value, env)
            if stmt.value is not None:  # ``Return anv_b.of_add(…)``: the calls it makes on objects, before leaving,
                calls = self._calls_in(stmt)  # and what a function it hands over to leaves in ``ref`` ones
                own_calls = self._own_calls_among(calls)
                env = self._passed_objects(own_calls, env, self._object_calls(stmt, calls, env, env))
                env = self._own_effects(own_calls, env, self._with_ref_outputs(calls, self._filled_elsewhere(
                    calls, env, env)))
            if stmt.kind == "return" and self._exits and self._exits[-1] is not None:
                self._exits[-1].append(env)
            if stmt.kind == "return" and stmt.value is not None:
                value = self.value(stmt.value, env)
                if self._returns:
                    self._returns[-1].append(value)
                for text in self._texts_of(value):
                    self.emit(text, "returned", waits=[("result", self.scope.object, self.script.name.lower())])
            if stmt.kind in _LEAVING:
                env = {**env, _LEFT: stmt.kind}
        elif isinstance(stmt, m.If):
            for arm in stmt.arms:
                self.visit(arm.cond, env)
            conditions = _calls_of(*(arm.cond for arm in stmt.arms))
            env = self._passed_objects(self._own_calls_among(conditions), env, env)
            env = self._filled_elsewhere(conditions, env, env)  # ``If inv_str.of_ArrayToString(…, ls) < 0 Then``
            env = self._with_ref_outputs(conditions, env)
            env = self.branches(env, *self._live_arms(stmt, env))
        elif isinstance(stmt, m.Choose):
            self.visit(stmt.subject, env)
            env = self._with_ref_outputs(_calls_of(stmt.subject), env)
            env = self.branches(env, *self._live_cases(stmt, env))
        elif isinstance(stmt, m.Loop):
            for part in (stmt.cond, stmt.first, stmt.last, stmt.step):
                self.visit(part, env)
            env = self.loop(stmt, env)
        elif isinstance(stmt, m.Try):
            env = self.block(stmt.body, env)
            env = self.branches(env, [c.body for c in stmt.catches], False)
            if stmt.finally_body:  # runs however the block was left
                left = env.get(_LEFT)
                env = self.block(stmt.finally_body, {n: v for n, v in env.items() if n != _LEFT})
                if left is not None:
                    env = {**env, _LEFT: env.get(_LEFT, left)}
        elif isinstance(stmt, m.Destroy):
            self.visit(stmt.target, env)
        return env

    def _calls_in(self, stmt: m.Stmt) -> list[m.Call]:
        """The calls a statement writes (not in its nested blocks), in the order written (computed once)."""
        calls = self._statement_calls.get(id(stmt))
        if calls is None:
            calls = self._statement_calls[id(stmt)] = sorted(statement_calls(stmt), key=lambda c: c.start)
        return calls

    def _set_null(self, expr: m.Expr) -> Optional[str]:
        """The variable ``SetNull(variable)`` empties."""
        if isinstance(expr, m.Call) and expr.target is None and expr.name.lower() == "setnull" and len(expr.args) == 1:
            return self._target_name(expr.args[0])
        return None

    def assign(self, stmt: m.Assign, env: Env) -> Env:
        if isinstance(stmt.target, m.Member) and stmt.target.name.lower() == "dataobject" \
                and isinstance(stmt.target.obj, m.Name):  # ``lds.DataObject = "d_x"``: the rows its cells read
            return {**env, DATAOBJECT + stmt.target.obj.name.lower(): self.value(stmt.value, env)}
        if stmt.op == "=" and _member_path(stmt.target)[-3:] == ["datawindow", "table", "select"]:
            select = self.fold(stmt.value, env)  # dw.Object.DataWindow.Table.Select = …: the DataWindow's SQL
            if select is not None:
                self.emit(select, "sink_call", via=f"DataWindow.Table.Select at {self._at(stmt.line)}")
            return env
        name, path = self._stored_at(stmt.target, env)
        if name is None or any(step == "field" for step, _ in path):
            # a member of another object (kept nowhere) or of a structure: SQL in it is reported now, run where
            # the structure's variable is (an instance or global one) when a script runs it
            value = self.fold(stmt.value, env) if stmt.op == "=" else None
            if value is not None and looks_like_sql(value.text):
                cell = assigned_cell(stmt.target)  # (a DataWindow's cell: run where the cell is)
                waits = self._cell_waits(cell) or [] if cell else self._wait_for(name) if name is not None else []
                self.emit(value, "assigned", waits=waits) if waits else self.emit(value, "assigned", executed=False)
            if name is None or not self._holds_records(name):
                return env
        env = dict(env)
        old = env.get(name) if not path else self.value(stmt.target, env)
        new = self._updated(stmt, old, env)
        if not path:
            if name not in _names(stmt.value):  # ``ls = Replace(ls, …)`` rewrites its text, never loses it
                self._replaced(name, old, new)
            env[name] = new
        else:
            env[name] = _put(env.get(name), path, new)
        return env

    def _stored_at(self, target: m.Expr, env: Env) -> tuple[Optional[str], list[tuple[str, object]]]:
        """The variable an assignment to ``target`` changes and the way into it: ``("index", n)`` for an
        array's element (n None when not known), ``("field", name)`` for a structure's field
        (``astr_defs[li_n].s_table``); (None, []) when ``target`` is not kept in a variable of the script or
        object."""
        path: list[tuple[str, object]] = []
        while True:
            if isinstance(target, m.Index) and target.args:
                path.append(("index", self._index(target, env)))
                target = target.obj
            elif isinstance(target, m.Member) and self._target_name(target) is None:
                path.append(("field", target.name.lower()))
                target = target.obj
            else:
                name = self._target_name(target)
                return (name, path[::-1]) if name is not None else (None, [])

    def _index(self, expr: m.Index, env: Env) -> Union[int, tuple, None]:
        """The element ``expr`` names: a whole number, a tuple of them for several dimensions (``ls[i, 1]``),
        None when one is not known."""
        indexes = [self.number(arg, env) for arg in expr.args]
        if None in indexes:
            return None
        return indexes[0] if len(indexes) == 1 else tuple(indexes)

    def _holds_records(self, name: str) -> bool:
        """Whether variable ``name`` may hold a structure: one of the script or object whose declared type is
        not a built-in class (an object variable's members are the object's, set here as well)."""
        kind = self._declared_type(name)
        return kind is not None and kind not in _BUILT_IN_TYPES

    def _declared_type(self, name: Optional[str]) -> Optional[str]:
        """The declared type of the local, parameter or instance variable ``name`` (as written: ``blob{400}``)."""
        return self._local_types().get(name) or self.scope.instance_types.get(name) if name else None

    def _local_types(self) -> dict[str, str]:
        """The declared types of the parameters and locals of the script being walked."""
        return self.scope.declared_in(self.script)[0] if self.script is not None else {}

    def _updated(self, stmt: m.Assign, old: Value, env: Env) -> Value:
        """A variable's value after ``stmt`` (``=``, ``+=``, ``-=``, ``++``, ``--``)."""
        if stmt.op == "=":
            return self.value(stmt.value, env)
        if stmt.op in ("++", "--"):
            return old + (1 if stmt.op == "++" else -1) if _as_number(old) is not None else None
        if stmt.op == "+=" and isinstance(old, (MappedText, Choice)):
            return self._joined([stmt.target, stmt.value], [old, self.value(stmt.value, env)])
        if stmt.op in ("+=", "-=", "*=") and _as_number(old) is not None:
            operand = self.number(stmt.value, env)
            return None if operand is None else arithmetic(stmt.op[0], old, operand)
        return None

    def loop(self, stmt: m.Loop, env: Env) -> Env:
        """A loop whose passes are known from the source runs as written (every pass, even where an
        ``exit`` may end it sooner: each could run); any other runs once."""
        unrolled = self._unrolled(stmt, env)
        if unrolled is not None:
            return unrolled
        counter = self._target_name(stmt.var) if stmt.var is not None else None
        if counter is None:
            return _after_pass(self.branches(env, [stmt.body], False))[0]
        env = {**env, counter: None}  # any pass: the counter is not known, but may be known not to pass a bound
        step = self.number(stmt.step, env) if stmt.step is not None else 1
        last = self.number(stmt.last, env) if step == 1 else None
        limits = self._counter_limits
        self._counter_limits = {**limits, counter: last} if last is not None else limits
        try:
            return _after_pass(self.branches(env, [stmt.body], False))[0]
        finally:
            self._counter_limits = limits

    def _indexed_bound(self, stmt: m.Loop, counter: str, env: Env) -> Optional[int]:
        """For a loop up to a count not known (``FOR li = 1 TO li_cnt``, the count another object returned), the
        highest index of the arrays its body reads at the counter whose elements are all known and placed
        (``lstr_cols[li].s_table``): the loop runs over their elements."""
        arrays = self._indexed_by.get(id(stmt))
        if arrays is None:
            arrays = self._indexed_by[id(stmt)] = [
                node.obj for inner in m.walk_statements(stmt.body) for root in statement_roots(inner)
                for node in m.walk_expr(root) if isinstance(node, m.Index) and len(node.args) == 1
                and isinstance(node.args[0], m.Name) and node.args[0].name.lower() == counter]
        bounds = [value.bound() for array in arrays
                  if isinstance(value := self.value(array, env), Parts) and not value.gaps and not value.unplaced]
        return max(bounds) if bounds else None

    def _unrolled(self, stmt: m.Loop, env: Env) -> Optional[Env]:
        if stmt.kind == "for":
            name = self._target_name(stmt.var) if stmt.var is not None else None
            first, last = self.number(stmt.first, env), self.number(stmt.last, env)
            step = self.number(stmt.step, env) if stmt.step is not None else 1
            if last is None and step == 1 and name is not None:
                last = self._indexed_bound(stmt, name, env)
            if name is None or first is None or last is None or not step:
                return None
            passes = range(first, last + (1 if step > 0 else -1), step)
            cost = len(passes) * self._body_size(stmt)
            if not passes and (self._quiet or self._object_state):
                return {**env, name: first}  # (a function walked for its result or effect: it does not run)
            if not passes or cost > self._budget:
                return None  # a loop that seems never to run is still read once: its statements are uses
            self._budget -= cost
            sure = ({name} | self._sure_in(stmt.body)) - self._counters
            self._counters |= sure
            try:
                for value in passes:
                    env = dict(env)
                    env[name] = value
                    env, ended = _after_pass(self.block(stmt.body, env))
                    if ended:
                        return env
            finally:
                self._counters -= sure
            env = dict(env)
            env[name] = passes[-1] + step if passes else first
            return env
        if stmt.kind in ("do_while", "do_until", "loop_while", "loop_until"):
            return self._conditional_passes(stmt, env)
        return None

    def _sure_in(self, body: list[m.Stmt]) -> set[str]:
        """Variables ``body`` sets itself and nothing else can: assigned (or declared with a value) there,
        never passed bare to a function (which may fill it by reference) nor named in embedded SQL
        (``INTO :ll_pos``). While a loop runs pass by pass, and in a script for its own locals, their values
        are the walk's own, so conditions on them choose the arm (``If ll_pos = 0 Then ll_pos = Len(ls_list)
        + 1`` splitting a ``;`` list; ``li_mode = 2`` then ``Choose Case li_mode``)."""
        assigned, unsure = set(), set()
        for stmt in m.walk_statements(body):
            if isinstance(stmt, m.Assign):
                name = self._target_name(stmt.target)
                if name is not None:
                    assigned.add(name)
            elif isinstance(stmt, m.DeclStmt):
                assigned.update(d.name.lower() for d in stmt.decls if d.init is not None)
            elif isinstance(stmt, m.EmbeddedSql):
                unsure.update(word.lower() for word in _HOST_VARIABLE.findall(stmt.text))
            for call in self._calls_in(stmt):
                if call.target is not None or call.name.lower() not in STRING_FUNCTIONS | NUMBER_FUNCTIONS.keys():
                    unsure.update(a.name.lower() for a in call.args if isinstance(a, m.Name))
        return assigned - unsure

    def _looks_up_a_number(self, script: m.Script) -> bool:
        """Whether ``script`` is a small function returning whole numbers it writes (``CHOOSE CASE as_domain``
        … ``RETURN 6``): one worth walking for known arguments to know what a caller builds from its result."""
        return (script.returns or "").lower() in _NUMBER_TYPES and self._body_size(script) <= MAX_LOOKUP_SIZE \
            and all(isinstance(s.value, m.Literal) and s.value.kind == "number" for s in m.walk_statements(script.body)
                    if isinstance(s, m.Jump) and s.kind == "return")

    def _body_size(self, block: m.Loop | m.Script) -> int:
        """Statements in one pass of a loop, or one run of a script (nested ones included, at least 1)."""
        size = self._body_sizes.get(id(block))
        if size is None:
            size = self._body_sizes[id(block)] = max(1, sum(1 for _ in m.walk_statements(block.body)))
        return size

    def _conditional_passes(self, stmt: m.Loop, env: Env) -> Optional[Env]:
        """``DO WHILE/UNTIL … LOOP`` and ``DO … LOOP WHILE/UNTIL`` run while the condition is known."""
        sure = self._sure_in(stmt.body) - self._counters
        self._counters |= sure
        try:
            return self._passes_while_known(stmt, env)
        finally:
            self._counters -= sure

    def _passes_while_known(self, stmt: m.Loop, env: Env) -> Optional[Env]:
        until = stmt.kind.endswith("until")
        test_first = stmt.kind.startswith("do_")
        passes = 0
        while True:
            if test_first or passes:
                env = self._with_ref_outputs(_calls_of(stmt.cond), env)
                holds = self.truth(stmt.cond, env)
                if holds is None:
                    return None if passes == 0 else self.branches(env, [stmt.body], False)
                if holds == until:  # (in a function walked for its result or effect, one that does not run)
                    return env if passes or self._quiet or self._object_state else None
            if self._budget < self._body_size(stmt):
                return self.branches(env, [stmt.body], False)
            self._budget -= self._body_size(stmt)
            passes += 1
            env, ended = _after_pass(self.block(stmt.body, dict(env)))
            if ended:
                return env

    def truth(self, expr: Optional[m.Expr], env: Env) -> Optional[bool]:
        """A condition over known whole numbers; None when not known."""
        if isinstance(expr, m.Binary) and expr.op in ("and", "or"):
            left, right = self.truth(expr.left, env), self.truth(expr.right, env)
            if left is None or right is None:
                return None
            return (left and right) if expr.op == "and" else (left or right)
        if isinstance(expr, m.Unary) and expr.op == "not":
            inner = self.truth(expr.operand, env)
            return None if inner is None else not inner
        if isinstance(expr, m.Binary) and expr.op in ("=", "<>") and _is_typeof(expr.left) \
                and isinstance(expr.right, m.Literal) and expr.right.kind == "enum":  # TypeOf(x) = CheckBox!
            held = self.value(expr.left.args[0], env)
            kind = self._system_type(held.kind) if isinstance(held, ObjectOf) else None
            return None if kind is None else (kind == expr.right.text.lower().rstrip("!")) == (expr.op == "=")
        if isinstance(expr, m.Binary):
            left, right = _comparable(self.value(expr.left, env)), _comparable(self.value(expr.right, env))
            if left is None or type(left) is not type(right):
                return None
            if type(left) is int:
                return compare(expr.op, left, right)
            return {"=": left == right, "<>": left != right}.get(expr.op)  # strings compare with case
        value = self.value(expr, env)
        return value if isinstance(value, bool) else None

    def _replaced(self, name: str, old: Value, new: Value) -> None:
        """A SQL text about to be overwritten (not extended) by ``new`` is reported before it is lost."""
        if isinstance(old, MappedText) and old.text and looks_like_sql(old.text) and (
                not isinstance(new, MappedText) or not new.starts_with(old)):
            self.emit(old, "assigned", waits=self._wait_for(name))

    def embedded(self, stmt: m.EmbeddedSql, env: Env) -> None:
        dynamic = _DYNAMIC_SQL.match(stmt.text.strip())
        origin = "prepare" if stmt.kind == "prepare" else "execute_immediate"
        if dynamic:
            name = dynamic.group(1).lower().removeprefix("this.")
            root, *fields = name.split(".")
            value = env.get(root if fields else name)
            if len(fields) == 1 and not isinstance(value, Record) and self.scope.object_type(
                    m.Name(stmt.line, stmt.start, stmt.start, root)):  # another object's (``:inv_h.is_sql``)
                start = stmt.start + (len(stmt.text) - len(stmt.text.lstrip())) + dynamic.start(1)
                variable = m.Name(stmt.line, start, start + len(root), root)
                value = self.value(m.Member(stmt.line, start, start + len(name), variable, fields[0]), env)
                fields = []
            for field_name in fields:  # a structure's field (``:lstr_job.s_sql``)
                value = value.fields.get(field_name) if isinstance(value, Record) else None
            self._said_unknown(name, value, stmt.line)
            if isinstance(value, Parts) and dynamic.group(2) is not None:
                index = re.fullmatch(r"\s*(\d+)\s*", dynamic.group(2)) or env.get(dynamic.group(2).strip().lower())
                index = int(index.group(1)) if isinstance(index, re.Match) else _as_number(index)
                items = [value.items.get(index)] if index is not None else list(value.items.values())
                for field_name in dynamic.group(3).lower().split(".")[1:]:  # ``:istr_step[li].s_sql``
                    items = [item.fields.get(field_name) if isinstance(item, Record) else None for item in items]
                texts = [a for item in items for a in alternatives(item)]
            else:
                texts = alternatives(value)
            for text in texts:
                if isinstance(text, MappedText) and text.text:
                    self.emit(text, origin, via=f"{origin.replace('_', ' ').upper()} at {self._at(stmt.line)}")
            return
        literal = _IMMEDIATE_LITERAL.match(stmt.text.strip())
        if literal is not None:  # EXECUTE IMMEDIATE "…", PREPARE SQLSA FROM "…": the literal is the statement
            offset = stmt.start + (len(stmt.text) - len(stmt.text.lstrip())) + literal.start(1)
            end = stmt.start + (len(stmt.text) - len(stmt.text.lstrip())) + _literal_end(stmt.text.strip(), literal.start(1))
            text = literal_text(self.source, m.StringLit(stmt.line, offset, end + 1, ""))
            origin = "prepare" if stmt.kind == "prepare" else "execute_immediate"
            self.emit(text, origin, via=f"{origin.replace('_', ' ').upper()} at {self._at(stmt.line)}")
            return
        if stmt.kind in ("execute immediate", "execute", "prepare", "declare dynamic", "describe",
                         "open", "close", "fetch", "commit", "rollback", "connect", "disconnect"):
            return
        text = embedded_sql_text(self.source, stmt)
        if not self._quiet:
            self.found.sql.append(SqlText(self.file.path, self.script, text, "embedded", stmt.line, stmt.end_line))

    def _prepared_procedure(self, stmt: m.EmbeddedSql, env: Env) -> Env:
        """``env`` after a dynamic SQL statement that prepares a procedure's call (``PREPARE SQLSA FROM :ls_call``
        with ``ls_call = "EXECUTE dbo.psp_run_ddl @stmt = ?"``, ``DECLARE lp DYNAMIC PROCEDURE FOR SQLSA``): the
        procedure is kept by staging area; ``EXECUTE DYNAMIC lp USING :ls_ddl`` then runs the SQL bound to it."""
        prepared = prepared_in(stmt)
        if prepared is not None:
            area, variable, text = prepared
            if variable is None and stmt.kind != "prepare":  # a dynamic procedure declared for a staging area
                return {**env, _PREPARED + area: _PREPARED + text.lower()}
            texts = alternatives(env.get(variable)) if variable is not None else [text]
            called = [procedure_called(t if isinstance(t, str) else t.text) for t in texts
                      if isinstance(t, (str, MappedText))]
            return {**env, _PREPARED + area: called[0] if len(called) == 1 else None}
        bound = bound_variables(stmt)
        called = env.get(_PREPARED + bound[0]) if bound else None
        if isinstance(called, str) and called.startswith(_PREPARED):  # through the procedure's staging area
            called = env.get(called)
        if not isinstance(called, str):
            return env
        for name in bound[1]:
            for text in alternatives(env.get(name)):
                if isinstance(text, MappedText) and looks_like_sql(text.text):
                    self.emit(text, "prepare", via=f"parameter of {called}, EXECUTE at {self._at(stmt.line)}")
        return env

    def _said_unknown(self, name: str, value: Value, line: int) -> None:
        """A statement run from a variable whose SQL is not known here (set from a value the source does not
        give, in some branch or in all) is said at the line that runs it; a parameter's comes from the callers."""
        if self._quiet or self._contexts or self.script is None \
                or name in {p.name.lower() for p in self.script.params}:
            return
        if value is None:
            message = f"the SQL {name} holds here is not known from the source: not followed"
        elif isinstance(value, Choice) and value.partial:
            message = (f"a branch sets {name} to SQL not known from the source: the statements of the other "
                       "branches are followed")
        else:
            return
        diagnostic = m.Diagnostic(self.file.path, line, message, "warning")
        if diagnostic not in self.file.diagnostics:
            self.file.diagnostics.append(diagnostic)

    def visit(self, expr: Optional[m.Expr], env: Env) -> None:
        """Report the calls inside ``expr`` (innermost first) and SQL passed to them.

        Iterative, so a concatenation of thousands of pieces cannot exhaust the stack.
        """
        pending: list[tuple[Optional[m.Expr], bool]] = [(expr, False)]
        while pending:
            node, children_done = pending.pop()
            if node is None:
                continue
            if children_done:
                self.call(node, env)
                continue
            if isinstance(node, m.Call):
                pending.append((node, True))
            pending.extend((child, False) for child in reversed(m.children(node)))

    def call(self, call: m.Call, env: Env) -> None:
        """Report a call; SQL passed to it once per combination of its arguments' candidate strings.

        A wanted call (the migration helper) is reported once: an argument with several candidates is
        not known from the source, and its candidates are listed.
        """
        if self._quiet:
            return
        values = [self.value(a, env) for a in call.args]
        self._hand_over(call, values)
        if call.name.lower() not in STRING_FUNCTIONS and call.name.lower() != "upperbound":
            self._passed_arrays.update(self._target_name(a) for a, v in zip(call.args, values)
                                       if isinstance(v, Parts) and self._target_name(a))
        combinations = [[]]
        for value in values:
            combinations = [c + [o] for c in combinations for o in alternatives(value)]
        if len(combinations) > MAX_CHOICES or self.wants_call(call):
            combinations = [[None if isinstance(v, Choice) else v for v in values]]
        foreign_sql = any(id(v) in self._foreign and statements_in(v) for v in values if isinstance(v, MappedText))
        evaluated = self._evaluate_for(call, values, env) or not foreign_sql \
            and self._built_elsewhere(call, values, env)  # (a plan another file returns is interpreted here)
        built = self._built_by_helper(call, values, env) if self.wants_call(call) else ()
        for combination in combinations:
            folded = [FoldedArg(self.source_text(a), a.line, _as_text(v),
                                tuple(o.text for o in v.options) if isinstance(v, Choice) else ())
                      for a, v in zip(call.args, combination)]
            self._call_with(call, folded, evaluated, built)
        fields = {index: [text for field in value.fields.values() for text in alternatives(field)
                          if isinstance(text, MappedText)]
                  for index, value in enumerate(values) if isinstance(value, Record)}
        if any(fields.values()) and not self.wants_call(call):  # a structure passed on (``inv_plan.of_add(lstr_cmd)``):
            self._pass_on(call, fields, evaluated)  # the SQL in its fields goes with it

    def _stored_column(self, owner: m.Expr, column: str, expr: m.Expr, env: Env) -> Value:
        """The values a DataWindow or DataStore's column holds in the rows its DataWindow object keeps in its
        ``data(…)`` section (an array by row), when its DataWindow object is known (``_dataobject``)."""
        dataobject = self._dataobject(owner, env)
        return self._other_object(stored_rows_key(dataobject, column), expr, env) if dataobject else None

    def _dataobject(self, owner: m.Expr, env: Env) -> Optional[str]:
        """The DataWindow object of a DataWindow or DataStore: the class's or control's ``dataobject`` property,
        or an assignment to the variable's ``DataObject``; None when not known."""
        if not isinstance(owner, m.Name):
            return None
        name = owner.name.lower()
        written = self._property(self.scope.object if name in _SELF else name, "dataobject")
        dataobject = written or _as_text(env.get(DATAOBJECT + name))
        return dataobject.text.lower() if dataobject else None

    def _described(self, call: m.Call, env: Env) -> Value:
        """What ``dw.Describe("#2.Name")`` (``…ColType``, ``"DataWindow.Column.Count"``,
        ``"DataWindow.Table.UpdateTable"``) gives, from the ``table(…)`` section of the DataWindow object when
        it is known (a name, type or table where the ``.srd`` writes it); None for anything else."""
        dataobject = self._dataobject(call.target, env) if len(call.args) == 1 else None
        asked = _as_text(self.value(call.args[0], env)) if dataobject else None
        found = _DESCRIBED.fullmatch(asked.text.lower()) if asked and asked.complete else None
        if found is None:
            return None
        if found[0] == DESCRIBED_UPDATE:
            return self._other_object(stored_rows_key(dataobject, DESCRIBED_UPDATE), call, env)
        if found[1] is None:
            count = self._other_object(stored_rows_key(dataobject, DESCRIBED_COUNT), call, env)
            return synthetic(self.source.path, str(count), call.line, self.source.column_of(call.start) + 1) \
                if _as_number(count) is not None else None
        described = self._other_object(stored_rows_key(dataobject, DESCRIBED_NAMES if found[2] == "name"
                                                       else DESCRIBED_TYPES), call, env)
        return described.items.get(int(found[1])) if isinstance(described, Parts) else None

    def _blocks(self) -> dict[str, TypeBlock]:
        if self._type_blocks is None:
            self._type_blocks = type_blocks(self.source.text)
        return self._type_blocks

    def _property(self, kind: str, name: str) -> Optional[MappedText]:
        """The string property ``name`` the file's ``type`` block of ``kind`` sets, where it is written; the
        empty string for a control's ``Tag`` or ``Text`` its block does not set (PowerBuilder's default)."""
        block = self._blocks().get(kind)
        span = block.strings.get(name) if block else None
        if span is not None:
            return literal_text(self.source, m.StringLit(self.source.line_of(span[0]), span[0], span[1], ""))
        return MappedText(self.source.path) if block and name in ("tag", "text") else None

    def _system_type(self, kind: str) -> Optional[str]:
        """The built-in class a type of the file descends from (``cbx_vgm`` from ``checkbox``); None when the
        file does not define ``kind``."""
        blocks, seen = self._blocks(), set()
        if kind not in blocks:
            return None
        while kind in blocks and kind not in seen:
            seen.add(kind)
            kind = blocks[kind].ancestor
        return kind

    def _controls(self) -> Optional[Parts]:
        """The window's ``Control[]`` as its create event lists it (``this.Control[]={this.cbx_a, …}``): each
        control's class, by index; None when the file lists none (read once)."""
        if self._control_list is _NOT_READ:
            listed = _CONTROL_LIST.search(self.source.text)
            names = [n.lower() for n in re.findall(r"(?:this\.)?(\w+)", listed[1], re.I)] if listed else []
            self._control_list = Parts({i: ObjectOf(self.scope.instance_types.get(n, n))
                                        for i, n in enumerate(names, 1)}) if listed else None
        return self._control_list

    def _holds_params(self, text: MappedText) -> bool:
        """Whether ``text`` holds the place of a parameter of the script walked (a template's hole: any text)."""
        return not text.complete and self.script is not None and bool(
            template_holes(text, tuple(p.name.lower() for p in self.script.params)))

    def _hand_over(self, call: m.Call, values: list[Value]) -> None:
        """A window or user object opened with a known parameter (``OpenWithParm(w_upgrade, lstr_new)``): its
        class, named by the variable's declared type, the variable itself (a global window) or the class-name
        argument, reads it from ``Message`` (``Folder.handed``)."""
        named_at = OPENERS_WITH_PARM.get(call.name.lower())
        if named_at is None or call.target is not None or len(values) < 2 or values[1] is None \
                or not isinstance(call.args[0], m.Name):
            return
        kind = self.scope.type_of(call.args[0])
        if len(values) > named_at and isinstance(values[named_at], MappedText) and values[named_at].complete:
            kind = values[named_at].text
        elif kind in (None, "?", "window", "userobject") or kind in _SYSTEM_TYPES:
            kind = call.args[0].name
        self.found.handed.setdefault(kind.lower(), []).append(values[1])

    def _evaluate_for(self, call: m.Call, values: list[Value], env: Env) -> bool:
        """Walk a function of this object for the values ``call`` passes, when each is known and the function
        branches on its parameters (or any function, in a walk for another file's call), or for the instance
        values the walk has changed that it runs SQL from (``of_flush()`` after ``of_begin(t)``): the SQL it
        builds for this call is found with the arms the call takes (``If ai_kind = 1 Then ls_tbl = …``) and the
        state it reads, rather than rebuilt later from every arm and every value."""
        if not _on_self(call) or call.ancestor is not None or len(self._contexts) >= RETURN_DEPTH or self.wants_call(call):
            return False  # (what the migration helper builds for a call is the call's migration)
        name, bound = call.name.lower(), {}
        if name in ("triggerevent", "postevent") and len(values) == 3 and isinstance(values[0], MappedText) \
                and isinstance(values[2], MappedText):  # the string reaches the event as Message.LongParm
            name, bound, values = values[0].text.lower(), {_LONG_PARM: values[2]}, []
        scripts = self._overloads(self.events if "event" in call.forms or bound else self.functions, name, values)
        if len(scripts) != 1:
            return False
        script = scripts[0]
        structured = any(isinstance(v, (Parts, Record)) for v in values)  # no string parameter carries it
        state = self._state_read(name, env) if not bound and self._state_use(name)[2] else None
        records = self._instance_records(name, env) if not bound else {}  # objects it reads the calls made on
        passed = {index: record for index, (param, arg) in enumerate(zip(script.params, call.args))
                  if (record := self._record_of_variable(arg, env)) is not None}  # ``of_run(lnv_buf)``
        if script is self.script or script in self._context_scripts or any(p.ref for p in script.params) \
                or not all(_known(v) or i in passed for i, v in enumerate(values)) \
                or not (bound or structured or state is not None or records or passed or self._walking_elsewhere
                        or self._branches_on_params(script)):
            return False
        env = {**(self.instance if state is None else state), **records, **bound,
               **{_CALLS_ON + script.params[i].name.lower(): record for i, record in passed.items()}}
        env.update((p.name.lower(), v) for p, v in zip(script.params, values))
        saved, saved_scope = self.script, (self.scope.local_types, self.scope.local_arrays)
        self._contexts.append(f"{BUILT_BY}{script.name} for the call at {self.file.path}:{call.line}")
        self._context_scripts.append(script)
        try:
            self.script = script
            self.scope.enter(script)  # its parameters' declared types (``anv_buf.of_text()``)
            self.block(script.body, env)
        finally:
            self._contexts.pop()
            self._context_scripts.pop()
            self.script = saved
            self.scope.local_types, self.scope.local_arrays = saved_scope
        return True

    def _built_elsewhere(self, call: m.Call, values: list[Value], env: Env) -> bool:
        """The SQL a function of another file builds from the known strings and arrays ``call`` passes
        (``gnv_exec.uf_exec_list(ls_parts)`` joining the parts and running them): asked of that file
        (``requests``) and, once answered, reported here, where the arguments were written."""
        key = None if self._contexts or self.wants_call(call) else self._elsewhere(call)
        # ``Super::of_apply(atr_db)``: the ancestor's function walked on this object, with its values
        runtime = self.scope.object if key is not None and call.ancestor is not None else ""
        history = self._history_of(call, env) if key is not None else ()
        record = self._record_of(self._chain(call), env) if key is not None else None
        if record is not None and record.kind:  # ``lnv = create n_patch_9`` into an ancestor's variable
            key = f"{record.kind}.{call.name.lower()}()"
        created = record is not None and bool(record.kind) or isinstance(call.target, m.Name) and \
            call.target.name.lower() in self.scope.created and call.target.name.lower() not in self._local_types()
        if key is None or not (runtime or all(_known(v) or v is None and self._holds_object(arg)
                                              for v, arg in zip(values, call.args))) or \
                not (history or created or runtime or any(isinstance(v, (MappedText, Parts)) for v in values)):
            return False
        request = f"{key}|walk|{runtime}|" \
                  f"{_digest(values + [part for name, called in history for part in (name, *called)])}"
        if request not in env:
            self.found.requests[request] = Request(key, tuple(_for_callee(v) for v in values), history, walk=True,
                                                   runtime=runtime)
            return False
        self._contexts.append(f"built by {call.name} for the call at {self.file.path}:{call.line}")
        try:
            passed = {v.text for v in values if isinstance(v, MappedText)}
            for entry in env[request]:
                if entry[0] == BUILT_CALL:  # the migration helper called there with this call's values
                    site, made = entry[1], entry[2]
                    self.found.calls.append(replace(site, via=self._contexts[-1], args=[
                        replace(arg, value=_from_caller(value, self.source.path, call.line) if value else None)
                        for arg, value in zip(site.args, made)]))
                    continue
                text, origin, executed, via, waits = entry
                if text.text not in passed:  # an argument passed on as it is: reported as the call's argument
                    self.emit(_from_caller(text, self.source.path, call.line), origin, list(waits), executed, via)
        finally:
            self._contexts.pop()
        return True

    def _built_by_helper(self, call: m.Call, values: list[Value], env: Env) -> tuple[MappedText, ...]:
        """The SQL texts the function a wanted call runs (the migration helper) builds from the call's known
        arguments, placed at the call: the definition the helper really adds (``ls_def = as_type`` then ``+= "
        NOT NULL"`` when ``ab_null`` is false). Its own function is walked here; another file's is asked of that
        file (``requests``, answered between extractions)."""
        if self._contexts or not values or not all(_known(v) for v in values):
            return ()
        name, passed = call.name.lower(), [_for_callee(v) for v in values]
        own = call.ancestor is None and name in self.functions and _on_self(call)
        if own:
            answer = self.sql_built(name, passed)
            self.scope.enter(self.script)  # the walk goes on in the calling script
        else:
            key = self._elsewhere(call)
            request = f"{key}|walk|{_digest(values)}" if key else None
            if request is not None and request not in env:
                self.found.requests[request] = Request(key, tuple(passed), walk=True)
            answer = env.get(request) if request else None
        return tuple(_from_caller(entry[0], self.source.path, call.line) for entry in answer or ()
                     if entry[0] != BUILT_CALL)

    def sql_built(self, name: str, args: list[Value], history: tuple = (), runtime: str = "") -> Optional[tuple]:
        """The SQL texts this file's function ``name`` builds from ``args`` and runs or passes on (a request from
        another file; what it returns or leaves in ``ref`` parameters is asked for otherwise), each (text,
        origin, executed, via, waits), an instance variable it waits on named with its object, then the
        migration helper's calls it makes with those values, each (``BUILT_CALL``, the call, its arguments'
        values: ``of_add_pairs(atr_db, "hb_unit", is_unit_cols)`` calling the helper per pair); with a
        ``history`` of calls, on a fresh object of this file's type after its constructor and those calls; on
        an object of the descendant class ``runtime``, the texts its values and overrides make."""
        scripts = self._overloads(self.functions, name, args)
        if len(scripts) != 1:
            return None
        saved_found, saved_script = self.found, self.script
        self.found, self.script, self._walking_elsewhere = Findings(), scripts[0], True
        self._runtime = runtime if runtime != self.scope.object else ""
        self._contexts.append(f"built by {name}")
        self._object_state += bool(history)
        try:
            state = self._state_after(history) if history else self._runtime_start()
            if state is not None:
                self.scope.enter(scripts[0])
                end = self.block(scripts[0].body,
                                 {**state, **{p.name.lower(): a for p, a in zip(scripts[0].params, args)}})
                self._kept_in_state(state, end)
        finally:
            self._object_state -= bool(history)
            self._contexts.pop()
            found, self.found, self.script, self._walking_elsewhere = self.found, saved_found, saved_script, False
            runtime, self._runtime = self._runtime, ""
        if state is None:
            return None
        self.found.requests.update(found.requests)  # what the walk asked of other files, answered next round,
        self.found.wanted |= found.wanted  # and the values it read of them
        texts = tuple((t.text, t.origin, t.executed, t.via,
                       tuple((*w, self.scope.object) if w[0] == "instance" and len(w) == 2 else w for w in t.waits))
                      for t in found.sql if (_from_arguments(t.text) or runtime and any(map(is_foreign, t.text.cols)))
                      and t.origin != "returned" and not any(w[0] in ("result", "refparam") for w in t.waits))
        return texts + tuple((BUILT_CALL, replace(site, args=[replace(a, value=None) for a in site.args]),
                              tuple(a.value for a in site.args)) for site in found.calls)

    def _kept_in_state(self, before: Env, after: Env) -> None:
        """Report the SQL texts a function walked for another file's call leaves in the object's instance
        variables (``of_queue(…)`` adding to ``is_pending``), waiting on each variable being run."""
        for name in self.instance:
            earlier = {id(text) for text in self._texts_of(before.get(name))}
            for text in self._texts_of(after.get(name)):
                if id(text) not in earlier:
                    self.emit(text, "assigned", waits=[("instance", name)])

    def _at(self, line: int) -> str:
        """``file:line`` of a statement; in a function walked for another file's call (``sql_built``), its
        place relative to its script (``_PLACE``), for ``placed`` to write."""
        if self._walking_elsewhere:
            if self._script_indexes is None:
                self._script_indexes = {id(script): index for index, script in enumerate(self.file.scripts)}
            index = self._script_indexes.get(id(self.script))
            if index is not None:
                return _PLACE.format(self.file.path, index, line - self.script.line)
        return f"{self.file.path}:{line}"

    def _branches_on_params(self, script: m.Script) -> bool:
        """Whether a condition of ``script`` reads one of its parameters, or, in a script that runs SQL itself,
        a string function takes one apart (``Left(as_spec, LastPos(as_spec, "."))``: a template cannot say
        what it gives)."""
        if id(script) not in self._branching:
            params = {p.name.lower() for p in script.params}
            conditions = [arm.cond for stmt in m.walk_statements(script.body) if isinstance(stmt, m.If)
                          for arm in stmt.arms]
            conditions += [stmt.subject for stmt in m.walk_statements(script.body) if isinstance(stmt, m.Choose)]
            if self._script_summaries()[id(script)].sinks:
                conditions += [call for stmt in m.walk_statements(script.body) for call in self._calls_in(stmt)
                               if call.target is None and call.name.lower() in _TAKING_APART]
            self._branching[id(script)] = any(_names(c) & params for c in conditions)
        return self._branching[id(script)]

    def _call_with(self, call: m.Call, folded: list[FoldedArg], evaluated: bool = False,
                   built: tuple[MappedText, ...] = ()) -> None:
        qualifier = self.source_text(call.target) if call.target is not None else (
            f"{call.ancestor}::" if call.ancestor is not None else "")
        site = CallSite(self.file.path, self.script, call, qualifier, call.line,
                        self.source.line_of(max(call.end - 1, call.start)), folded, evaluated=evaluated, built=built)
        if self._contexts:  # a function walked for one call: only the SQL it builds is new, and the migration
            if self.wants_call(call):  # helper called with values that call's arguments decide (in a walk for
                if all(arg.resolved for arg in folded):  # another file's call, given to that file: ``sql_built``)
                    self.found.calls.append(replace(site, via=self._contexts[-1]))
                return
        elif self.wants_call(call):
            self.found.calls.append(site)
            return
        ref = self.scope.call_ref(call)
        if not self._contexts:
            if call.name.lower() in self.functions:
                self.found.local_calls.append((call.name.lower(), site))
            if ref.name not in NON_SINKS and ref.name not in BUILTIN_SINKS and any(a.resolved for a in folded):
                self.found.calls_out.append(replace(site, ref=ref))  # its strings may fill the callee's parameters
        select = _modify_select(folded[0].value) if ref.name == "modify" and folded and folded[0].value else None
        if select is not None:
            self.emit(select, "sink_call", via=f"{call.name} at {self._at(call.line)}")
        self._pass_on(call, {index: [arg.value] for index, arg in enumerate(folded) if arg.value is not None},
                      evaluated, ref)

    def _pass_on(self, call: m.Call, texts: dict[int, list[MappedText]], evaluated: bool = False,
                 ref: Optional[CallRef] = None) -> None:
        """Report the SQL in ``texts`` (by argument) ``call`` passes: run where the callee runs that argument, kept
        where it stores it (``lb_steps.AddItem(…)``), or run by it (a built-in sink); not an argument the call
        passes by reference or the function keeps in the object's state (followed there), nor one given to a
        built-in whose result carries it on or that only looks at it (followed elsewhere); ``ref``: the call's
        reference, when the caller has it."""
        ref = ref or self.scope.call_ref(call)
        if call.target is None and (ref.name in PASS_THROUGH or ref.name in INSPECTORS) \
                or evaluated and ref.name in ("triggerevent", "postevent"):  # found where its event runs it
            return
        kept = self._by_reference(call)
        if self._keeps_sql_state(call):  # followed in the state it leaves, unless the function runs it itself
            kept |= set(range(len(call.args))) - self._run_directly(ref.name)
        stored = stored_item(call)
        objects = tuple(self._object_passed(arg) for arg in call.args)  # (a callee may keep a text in one)
        for index, values in texts.items():
            if index in kept:
                continue
            waits = self._cell_waits(stored[0]) if stored and index == stored[1] else None
            for statement in (s for value in values for s in self._statements(value)):
                if ref.name in BUILTIN_SINKS and index == 0:
                    self.emit(statement, "sink_call", via=f"{call.name} at {self._at(call.line)}")
                else:
                    self.emit(statement, "call_arg", waits=waits or [("arg", ref, index, objects)])

    def _object_passed(self, arg: m.Expr) -> str:
        """The variable an argument names, as a callee keeping a text in its cells finds it: a parameter of this
        script as the cell root each caller's object stands for (``flows.param_cell``); "" for no variable."""
        name = self._target_name(arg) or ""
        params = [p.name.lower() for p in self.script.params] if self.script else []
        return param_cell(self.script.name.lower(), params.index(name), "")[:-1] if name in params else name

    def _cell_waits(self, cell: str) -> Optional[list[tuple]]:
        """What a text stored in ``cell`` (``lb_steps.AddItem(…)``, ``ids_q.SetItem(ll, "sql_text", …)``) waits
        on: the cell being run, of the object's variable or control, a global's, or the object each caller
        passes as the parameter holding it; None for a local variable's (it ends with the script)."""
        root, _, member = cell.partition(".")
        params = [p.name.lower() for p in self.script.params] if self.script else []
        if root in params:
            return [("instance", param_cell(self.script.name.lower(), params.index(root), member))]
        if root in self.scope.local_types:
            return None
        return [("instance", cell)] if root in self.scope.instance_types and root not in self.scope.globals \
            else [("instance", cell, GLOBAL_OWNER)]

    def _by_reference(self, call: m.Call) -> set[int]:
        """The arguments a call of the object's own function passes by reference: the caller's variable goes on
        holding its text (reported where the caller uses it), not a text of the call's."""
        if not _on_self(call):
            return set()
        return {i for s in self.functions.get(call.name.lower(), ()) if len(s.params) == len(call.args)
                for i, p in enumerate(s.params) if p.ref}

    @staticmethod
    def _overloads(scripts: dict[str, list[m.Script]], name: str, values: list[Value]) -> list[m.Script]:
        """The scripts ``name`` a call passing ``values`` may run: those taking as many arguments and, of
        overloads taking as many, those with array parameters where arrays are passed."""
        fitting = [s for s in scripts.get(name, ()) if len(s.params) == len(values)]
        if len(fitting) > 1:
            fitting = [s for s in fitting if all(p.array == isinstance(v, Parts) for p, v in zip(s.params, values)
                                                 if v is not None)] or fitting
        return fitting

    def through_callers(self, calls: list[CallSite]) -> list[CallSite]:
        """``calls`` with arguments that depend on parameters of the enclosing function folded again,
        once per call of that function in this file that passes known values (``via`` names the caller).

        The call stays as it was too when a caller passes an unknown value or there is no caller.
        """
        result, walked = [], {}
        for call in calls:  # the calls a walk for one call of their function found with known values
            if call.via.startswith(BUILT_BY):
                walked.setdefault(id(call.call), set()).add(call.via)
        for call in calls:
            if call.via.startswith(BUILT_BY):
                result.append(call)
                continue
            params = [p.name.lower() for p in call.script.params]
            open_args = [i for i, (arg, expr) in enumerate(zip(call.args, call.call.args))
                         if not arg.resolved and _names(expr) & set(params)]
            callers = [c for c in self.local_calls.get(call.script.name.lower(), []) if len(c.args) == len(params)]
            resolved = []
            if open_args and callers:
                self._enter(call.script)
            for caller in callers if open_args else []:
                env = dict(self.instance)
                env.update((p, a.value if a.resolved else None) for p, a in zip(params, caller.args))
                args = list(call.args)
                for i in open_args:
                    args[i] = FoldedArg(call.args[i].source, call.args[i].line, self.fold(call.call.args[i], env))
                if all(args[i].resolved for i in open_args):
                    resolved.append(replace(call, args=args, via=f"{', '.join(call.args[i].source for i in open_args)}"
                                            f" from the call at {caller.file}:{caller.line}"
                                            f" in {caller.script.qualified_name}"))
            result.extend(resolved)
            if (len(resolved) < max(len(callers), 1) or not open_args) \
                    and len(walked.get(id(call.call), ())) < max(len(callers), 1):
                result.append(call)
        return result

    def emit(self, text: MappedText, origin: str, waits: Optional[list[tuple]] = None,
             executed: Optional[bool] = None, via: str = "") -> None:
        """Report a SQL text; it is executed when found at a sink, else it waits on ``waits``. A text another
        file's function returns whole is that file's to report (``_noted_if_foreign``)."""
        if self._quiet or id(text) in self._foreign:
            return
        first, last = text.line_span(0, len(text.text))
        if not first and text.origins:  # every character another file's: the text is where it is built
            first = last = self._statement_line
        run = executed if executed is not None else bool(via)
        copy = self._copies.get(id(text))
        self.found.sql.append(SqlText(self.file.path, self.script, text, origin, first, last, run, via,
                                      list(waits or []), self._contexts[-1] if self._contexts else "",
                                      copy[1] if copy else ()))

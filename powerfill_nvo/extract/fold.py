"""Follow string values through a script and fold them into mapped texts.

A ``Folder`` walks a script's statements in source order with an environment
(variable name -> MappedText, or None when the value is not known from the
source). Both arms of a branch and one pass of a loop are walked; where arms
disagree, texts that extend the value from before the branch are joined,
anything else becomes unknown. Observers get every call (with its folded
arguments) and every SQL text reaching a sink.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Optional

from .. import model as m
from ..reader import SourceText
from ..sourcemap import MappedText
from .literals import embedded_sql_text, literal_text

Env = dict[str, Optional[MappedText]]

_SELF = {"this", "parent"}
_NON_IDENTIFIER = re.compile(r"[^0-9A-Za-z_]+")
_HOST_VARIABLE = r":\s*([^\s;,()]+)"
_DYNAMIC_SQL = re.compile(r"(?:execute\s+immediate|prepare\s+\S+\s+from)\s*" + _HOST_VARIABLE, re.I)
_LEADING_UNKNOWN = re.compile(r"(?:\s*__\w*__)*\s*(?:as\b)?", re.I)
_SQL_START = re.compile(
    r"\s*(?:select\b.*\bfrom\b|insert\s+(?:into\s+)?[\w#@\[\].]+|update\s+[\w#@\[\].]+\s.*\bset\b"
    r"|delete\s+(?:from\s+)?[\w#\[\].]+|create\s+(?:or\s+alter\s+)?(?:table|proc|procedure|view|index"
    r"|unique|clustered|nonclustered|trigger|function)\b"
    r"|alter\s+table\s+[\w#@\[\].]+\s+(?:add|drop|alter|with|nocheck|check|enable|disable)\b"
    r"|alter\s+(?:proc|procedure|view)\s+[\w\[]"
    r"|drop\s+(?:table|proc|procedure|view|index)\b|exec(?:ute)?\s+[\w\[]|if\s+(?:not\s+)?exists\b"
    r"|if\s+object_id\b|declare\s+@|begin\s+tran|truncate\s+table\b|merge\s+)",
    re.I | re.S)


def looks_like_sql(text: str) -> bool:
    """Whether a folded string is SQL worth analysing (a keyword and the shape that goes with it).

    Unknown pieces in front (``of_view_header(…) + " AS SELECT …"``) are looked past.
    """
    return bool(_SQL_START.match(text, _LEADING_UNKNOWN.match(text).end()))


def placeholder(source_text: str) -> str:
    """Identifier-like stand-in for a piece not known from the source."""
    name = _NON_IDENTIFIER.sub("_", source_text).strip("_")[:40] or "expr"
    return f"__{name}__"


@dataclass
class FoldedArg:
    """One call argument: its source text and folded value (None when not a known string)."""

    source: str
    line: int
    value: Optional[MappedText]

    @property
    def resolved(self) -> bool:
        return self.value is not None and self.value.complete


@dataclass
class CallSite:
    """A call with its folded arguments; ``note`` warns how it was found, ``via`` names the caller
    whose argument supplied a parameter's value."""

    file: str
    script: m.Script
    call: m.Call
    qualifier: str
    line: int
    last_line: int
    args: list[FoldedArg]
    note: str = ""
    via: str = ""


@dataclass
class SqlText:
    """SQL reaching a sink. ``origin``: execute_immediate, prepare, call_arg, returned, assigned, embedded, datawindow."""

    file: str
    script: Optional[m.Script]
    text: MappedText
    origin: str
    line: int
    end_line: int


def _trimmed(value: MappedText, left: bool, right: bool) -> MappedText:
    start = len(value.text) - len(value.text.lstrip(" ")) if left else 0
    end = len(value.text.rstrip(" ")) if right else len(value.text)
    return value.slice(start, max(start, end))


def _recased(value: MappedText, change) -> Optional[MappedText]:
    text = change(value.text)
    return value.with_text(text) if len(text) == len(value.text) else None


#: PowerScript string functions folded when their argument is known (the text stays mapped).
_STRING_FUNCTIONS = {
    "upper": lambda v: _recased(v, str.upper),
    "lower": lambda v: _recased(v, str.lower),
    "trim": lambda v: _trimmed(v, True, True),
    "lefttrim": lambda v: _trimmed(v, True, False),
    "righttrim": lambda v: _trimmed(v, False, True),
}


def _concatenated(expr: m.Binary) -> list[m.Expr]:
    """The operands of a left-nested chain ``a + b + c …``, without recursion."""
    operands = []
    while isinstance(expr, m.Binary) and expr.op == "+":
        operands.append(expr.right)
        expr = expr.left
    operands.append(expr)
    return operands[::-1]


def _children(expr: m.Expr) -> list[Optional[m.Expr]]:
    """The sub-expressions of ``expr`` in source order."""
    if isinstance(expr, m.Call):
        return [expr.target, *expr.args]
    if isinstance(expr, m.Member):
        return [expr.obj]
    if isinstance(expr, m.Index):
        return [expr.obj, *expr.args]
    if isinstance(expr, m.Binary):
        return [expr.left, expr.right]
    if isinstance(expr, m.Unary):
        return [expr.operand]
    if isinstance(expr, m.ArrayLit):
        return list(expr.items)
    if isinstance(expr, m.CreateExpr):
        return [expr.using]
    return []


def _names(expr: Optional[m.Expr]) -> set[str]:
    """The lower-case bare names an expression reads."""
    names, pending = set(), [expr]
    while pending:
        node = pending.pop()
        if isinstance(node, m.Name):
            names.add(node.name.lower())
        elif node is not None:
            pending.extend(_children(node))
    return names


def _join(base: Optional[MappedText], values: list[Optional[MappedText]]) -> Optional[MappedText]:
    """The value after branches that produced ``values`` from ``base``."""
    first = values[0]
    if all(v is first for v in values):
        return first
    if base is None or not base.text or any(v is None or not v.starts_with(base) for v in values):
        return None  # no common start: values assigned afresh in the branches
    joined = base.copy()
    for v in values:
        if v is not base:
            joined.extend(v.tail(len(base.text)))
    return joined


class Folder:
    """Walks the scripts of one file, folding strings, reporting calls and SQL texts."""

    def __init__(self, source: SourceText, file: m.SourceFile,
                 wants_call: Callable[[m.Call], bool],
                 on_call: Callable[[CallSite], None],
                 on_sql: Callable[[SqlText], None]) -> None:
        self.source = source
        self.file = file
        self.wants_call = wants_call
        self.on_call = on_call
        self.on_sql = on_sql
        self.script: Optional[m.Script] = None
        self.instance: Env = self._instance_values()
        self.local_functions = {s.name.lower() for s in file.scripts if s.kind in ("function", "subroutine")}
        #: Calls of this file's own functions, by lower-case name: where parameter values come from.
        self.local_calls: dict[str, list[CallSite]] = {}

    # ------------------------------------------------------------- values
    def source_text(self, expr: m.Expr) -> str:
        return self.source.text[expr.start:expr.end]

    def fold(self, expr: Optional[m.Expr], env: Env) -> Optional[MappedText]:
        """The string value of ``expr``; None when unknown or not a string."""
        if isinstance(expr, m.StringLit):
            return literal_text(self.source, expr)
        if isinstance(expr, m.Name):
            return env.get(expr.name.lower())
        if isinstance(expr, m.Member) and isinstance(expr.obj, m.Name) and expr.obj.name.lower() in _SELF:
            return env.get(expr.name.lower())
        if isinstance(expr, m.Call) and expr.target is None and len(expr.args) == 1 \
                and expr.name.lower() in _STRING_FUNCTIONS:
            value = self.fold(expr.args[0], env)
            return None if value is None else _STRING_FUNCTIONS[expr.name.lower()](value)
        if isinstance(expr, m.Binary) and expr.op == "+":
            operands = _concatenated(expr)
            values = [self.fold(operand, env) for operand in operands]
            if all(value is None for value in values):
                return None
            result = MappedText(self.source.path)
            for operand, value in zip(operands, values):
                if value is None:
                    result.append_placeholder(placeholder(self.source_text(operand)), operand.line)
                else:
                    result.extend(value)
            return result
        return None

    def _instance_values(self) -> Env:
        """Instance, shared and global variables whose value is one known string.

        A variable's candidates are its initialiser and every assignment to it
        in any script (a constructor setting ``is_crlf = "~r~n"``); it is known
        when they all agree.
        """
        candidates: dict[str, list[Optional[MappedText]]] = {}
        for var in self.file.variables:
            candidates.setdefault(var.name.lower(), []).append(
                self.fold(var.init, {}) if var.init is not None else None)
        declared = {name: values[0] for name, values in candidates.items()}
        for script in self.file.scripts:
            local = {p.name.lower() for p in script.params}
            for stmt in m.walk_statements(script.body):
                if isinstance(stmt, m.DeclStmt):
                    local.update(d.name.lower() for d in stmt.decls)
                elif isinstance(stmt, m.Assign) and stmt.op == "=":
                    name = self._target_name(stmt.target)
                    if name in candidates and name not in local:
                        candidates[name].append(self.fold(stmt.value, declared))
        values: Env = {}
        for name, options in candidates.items():
            known = [v for v in options if v is not None]
            texts = {v.text for v in known}
            uninitialised_only = options[0] is None and len(options) > 1 and len(known) == len(options) - 1
            if len(texts) == 1 and (len(known) == len(options) or uninitialised_only):
                values[name] = known[-1]
            else:
                values[name] = None
        return values

    @staticmethod
    def _target_name(target: m.Expr) -> Optional[str]:
        if isinstance(target, m.Name):
            return target.name.lower()
        if isinstance(target, m.Member) and isinstance(target.obj, m.Name) and target.obj.name.lower() in _SELF:
            return target.name.lower()
        return None

    # ---------------------------------------------------------- walking
    def run(self) -> None:
        for script in self.file.scripts:
            self.script = script
            env: Env = dict(self.instance)
            for param in script.params:
                env[param.name.lower()] = None
            env = self.block(script.body, env)
            for name, value in env.items():
                if value is not None and value is not self.instance.get(name) and looks_like_sql(value.text):
                    self.emit(value, "assigned")
        self.script = None

    def block(self, body: Iterable[m.Stmt], env: Env) -> Env:
        for stmt in body:
            env = self.statement(stmt, env)
        return env

    def branches(self, env: Env, bodies: list[list[m.Stmt]], complete: bool) -> Env:
        """Walk each body from ``env``; ``complete`` when one of them always runs (an else arm)."""
        results = [self.block(body, dict(env)) for body in bodies]
        if not complete:
            results.append(env)
        names = set().union(*results) if results else set()
        return {n: _join(env.get(n), [r.get(n, env.get(n)) for r in results]) for n in names}

    def statement(self, stmt: m.Stmt, env: Env) -> Env:
        if isinstance(stmt, m.Assign):
            self.visit(stmt.target, env)
            self.visit(stmt.value, env)
            name = self._target_name(stmt.target)
            if name is None:  # an array element or another object's member: kept nowhere, so SQL goes now
                value = self.fold(stmt.value, env) if stmt.op == "=" else None
                if value is not None and looks_like_sql(value.text):
                    self.emit(value, "assigned")
            else:
                env = dict(env)
                if stmt.op == "=":
                    value = self.fold(stmt.value, env)
                    self._replaced(env.get(name), value)
                    env[name] = value
                elif stmt.op == "+=" and env.get(name) is not None:
                    value = self.fold(m.Binary(stmt.line, stmt.target.start, stmt.value.end, "+",
                                               stmt.target, stmt.value), env)
                    env[name] = value
                else:
                    env[name] = None
        elif isinstance(stmt, m.DeclStmt):
            env = dict(env)
            for decl in stmt.decls:
                self.visit(decl.init, env)
                env[decl.name.lower()] = self.fold(decl.init, env) if decl.init is not None else (
                    MappedText(self.source.path) if decl.type.lower() == "string" and not decl.array else None)
        elif isinstance(stmt, m.ExprStmt):
            self.visit(stmt.expr, env)
        elif isinstance(stmt, m.EmbeddedSql):
            self.embedded(stmt, env)
        elif isinstance(stmt, m.Jump):
            self.visit(stmt.value, env)
            value = self.fold(stmt.value, env)
            if value is not None and looks_like_sql(value.text):
                self.emit(value, "returned")
        elif isinstance(stmt, m.If):
            for arm in stmt.arms:
                self.visit(arm.cond, env)
            env = self.branches(env, [a.body for a in stmt.arms], stmt.arms[-1].cond is None)
        elif isinstance(stmt, m.Choose):
            self.visit(stmt.subject, env)
            env = self.branches(env, [c.body for c in stmt.cases], any(not c.values for c in stmt.cases))
        elif isinstance(stmt, m.Loop):
            for part in (stmt.cond, stmt.first, stmt.last, stmt.step):
                self.visit(part, env)
            env = self.branches(env, [stmt.body], False)
        elif isinstance(stmt, m.Try):
            env = self.block(stmt.body, env)
            env = self.branches(env, [c.body for c in stmt.catches], False)
            if stmt.finally_body:
                env = self.block(stmt.finally_body, env)
        elif isinstance(stmt, m.Destroy):
            self.visit(stmt.target, env)
        return env

    def _replaced(self, old: Optional[MappedText], new: Optional[MappedText]) -> None:
        """A SQL text about to be overwritten (not extended) by ``new`` is reported before it is lost."""
        if old is not None and old.text and looks_like_sql(old.text) and (new is None or not new.starts_with(old)):
            self.emit(old, "assigned")

    def embedded(self, stmt: m.EmbeddedSql, env: Env) -> None:
        dynamic = _DYNAMIC_SQL.match(stmt.text.strip())
        if dynamic:
            value = env.get(dynamic.group(1).lower().removeprefix("this."))
            if value is not None:
                self.emit(value, "prepare" if stmt.kind == "prepare" else "execute_immediate")
            return
        if stmt.kind in ("execute immediate", "execute", "prepare", "declare dynamic", "describe",
                         "open", "close", "fetch", "commit", "rollback", "connect", "disconnect"):
            return
        text = embedded_sql_text(self.source, stmt)
        self.on_sql(SqlText(self.file.path, self.script, text, "embedded", stmt.line, stmt.end_line))

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
            pending.extend((child, False) for child in reversed(_children(node)))

    def call(self, call: m.Call, env: Env) -> None:
        folded = [FoldedArg(self.source_text(a), a.line, self.fold(a, env)) for a in call.args]
        qualifier = self.source_text(call.target) if call.target is not None else (
            f"{call.ancestor}::" if call.ancestor is not None else "")
        site = CallSite(self.file.path, self.script, call, qualifier, call.line,
                        self.source.line_of(max(call.end - 1, call.start)), folded)
        if self.wants_call(call):
            self.on_call(site)
            return
        if call.name.lower() in self.local_functions:
            self.local_calls.setdefault(call.name.lower(), []).append(site)
        for arg in folded:
            if arg.value is not None and looks_like_sql(arg.value.text):
                self.emit(arg.value, "call_arg")

    def through_callers(self, calls: list[CallSite]) -> list[CallSite]:
        """``calls`` with arguments that depend on parameters of the enclosing function folded again,
        once per call of that function in this file that passes known values (``via`` names the caller).

        The call stays as it was too when a caller passes an unknown value or there is no caller.
        """
        result = []
        for call in calls:
            params = [p.name.lower() for p in call.script.params]
            open_args = [i for i, (arg, expr) in enumerate(zip(call.args, call.call.args))
                         if not arg.resolved and _names(expr) & set(params)]
            callers = [c for c in self.local_calls.get(call.script.name.lower(), []) if len(c.args) == len(params)]
            resolved = []
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
            if len(resolved) < max(len(callers), 1) or not open_args:
                result.append(call)
        return result

    def emit(self, text: MappedText, origin: str) -> None:
        first, last = text.line_span(0, len(text.text))
        self.on_sql(SqlText(self.file.path, self.script, text, origin, first, last))

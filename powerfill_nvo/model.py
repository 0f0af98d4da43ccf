"""Plain typed objects shared by every stage of the pipeline.

Positions: ``line`` numbers are 1-based and are the numbers ``grep -n`` prints
for the decoded file; ``start``/``end`` are 0-based character offsets into the
decoded text of the file (``SourceText.text``), end exclusive.
"""
from __future__ import annotations

import itertools

from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional, Union


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in a file, located to a line."""

    file: str
    line: int
    message: str
    severity: str = "error"


# --------------------------------------------------------------------------- #
# Expressions
# --------------------------------------------------------------------------- #


@dataclass
class Expr:
    """Base of every expression; ``start``/``end`` delimit its source text."""

    line: int
    start: int
    end: int


@dataclass
class StringLit(Expr):
    """A string literal; ``value`` has every tilde escape undone."""

    value: str


@dataclass
class Literal(Expr):
    """A non-string literal: number, boolean, date, time, datetime or enumerated (``center!``)."""

    kind: str
    text: str


@dataclass
class Name(Expr):
    """A bare identifier (variable, constant, object, ``this``, ``parent``, ``super``)."""

    name: str


@dataclass
class Member(Expr):
    """``obj.name`` access."""

    obj: Expr
    name: str


@dataclass
class Index(Expr):
    """``obj[i, j]`` access."""

    obj: Expr
    args: list[Expr]


@dataclass
class Call(Expr):
    """A function or event call.

    ``target`` is the qualifier (``None`` for a plain call, ``Name('super')`` for
    ``super::f()``); ``forms`` holds the call modifiers in source order
    (``dynamic``, ``post``, ``trigger``, ``event``, ``static``, ``function``) and
    ``ancestor`` is set for ``super::``/``ancestor::``/``w_x::`` calls.
    """

    target: Optional[Expr]
    name: str
    args: list[Expr]
    forms: tuple[str, ...] = ()
    ancestor: Optional[str] = None


@dataclass
class Binary(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass
class Unary(Expr):
    op: str
    operand: Expr


@dataclass
class ArrayLit(Expr):
    """``{a, b, c}`` initialiser."""

    items: list[Expr]


@dataclass
class CreateExpr(Expr):
    """``create [using] cls`` used as a value."""

    class_name: Optional[str]
    using: Optional[Expr]


# --------------------------------------------------------------------------- #
# Statements
# --------------------------------------------------------------------------- #


@dataclass
class Stmt:
    line: int
    end_line: int


@dataclass
class Assign(Stmt):
    """``target op value`` with op one of ``= += -= *= /= ^= ++ --`` (value None for ++/--)."""

    target: Expr
    op: str
    value: Optional[Expr]


@dataclass
class ExprStmt(Stmt):
    """A call (or other expression) used as a statement."""

    expr: Expr


@dataclass
class VarDecl:
    """One declared variable: ``type name[bounds] = init``."""

    type: str
    name: str
    line: int
    init: Optional[Expr] = None
    array: Optional[str] = None
    constant: bool = False
    access: Optional[str] = None


@dataclass
class DeclStmt(Stmt):
    """A local declaration statement inside a script."""

    decls: list[VarDecl]


@dataclass
class IfArm:
    cond: Optional[Expr]
    body: list[Stmt]
    line: int


@dataclass
class If(Stmt):
    """``if`` with its arms in order (``cond`` None for ``else``); ``block`` False for one-line ifs."""

    arms: list[IfArm]
    block: bool = True


@dataclass
class Case:
    """One ``case`` clause; ``values`` empty for ``case else``."""

    values: list[Expr]
    body: list[Stmt]
    line: int


@dataclass
class Choose(Stmt):
    subject: Expr
    cases: list[Case]


@dataclass
class Loop(Stmt):
    """``do while|until … loop``, ``do … loop while|until`` or ``for … next``.

    ``kind`` is ``do_while``, ``do_until``, ``loop_while``, ``loop_until``, ``do`` or ``for``.
    """

    kind: str
    cond: Optional[Expr]
    body: list[Stmt]
    var: Optional[Expr] = None
    first: Optional[Expr] = None
    last: Optional[Expr] = None
    step: Optional[Expr] = None


@dataclass
class Catch:
    type: str
    var: str
    body: list[Stmt]
    line: int


@dataclass
class Try(Stmt):
    body: list[Stmt]
    catches: list[Catch]
    finally_body: Optional[list[Stmt]]


@dataclass
class Jump(Stmt):
    """``return [value]``, ``exit``, ``continue``, ``halt [close]``, ``goto label``, ``throw x``."""

    kind: str
    value: Optional[Expr] = None
    label: Optional[str] = None


@dataclass
class Label(Stmt):
    name: str


@dataclass
class Create(Stmt):
    """``target = create [using] cls`` is an Assign; this is the bare ``create`` statement form."""

    target: Expr
    class_name: Optional[str]
    using: Optional[Expr]


@dataclass
class Destroy(Stmt):
    target: Expr


@dataclass
class EmbeddedSql(Stmt):
    """An embedded SQL statement, up to (not including) its terminating ``;``.

    ``kind`` is the leading keyword(s) in lower case (``select``, ``insert``,
    ``declare``, ``execute immediate`` …); ``text`` is the exact source text.
    """

    kind: str
    text: str
    start: int
    end: int


@dataclass
class CallStmt(Stmt):
    """``call super::ue_x`` / ``call w_ancestor`cb_1::clicked``."""

    ancestor: str
    event: str


Statement = Union[
    Assign, ExprStmt, DeclStmt, If, Choose, Loop, Try, Jump, Label, Create,
    Destroy, EmbeddedSql, CallStmt,
]


def name_order(name: str) -> tuple[str, str]:
    """Sort key of names in any case: ``PIPE_X`` and ``pipe_x`` together, always in the same order."""
    return name.lower(), name


def children(expr: Expr) -> list[Optional[Expr]]:
    """The sub-expressions of ``expr`` in source order."""
    kind = type(expr)
    read = _CHILDREN_OF.get(kind)
    if read is None:  # once per class: extraction asks about every node of every script
        read = _CHILDREN_OF[kind] = _children_reader(kind)
    return read(expr)


def walk_expr(expr: Optional[Expr]) -> Iterator[Expr]:
    """``expr`` and every sub-expression, outermost first (without recursion)."""
    pending = [expr]
    while pending:
        node = pending.pop()
        if node is not None:
            yield node
            pending.extend(reversed(children(node)))


def _children_reader(kind: type) -> Callable[[Expr], list[Optional[Expr]]]:
    if issubclass(kind, Call):
        return lambda expr: [expr.target, *expr.args]
    if issubclass(kind, Member):
        return lambda expr: [expr.obj]
    if issubclass(kind, Index):
        return lambda expr: [expr.obj, *expr.args]
    if issubclass(kind, Binary):
        return lambda expr: [expr.left, expr.right]
    if issubclass(kind, Unary):
        return lambda expr: [expr.operand]
    if issubclass(kind, ArrayLit):
        return lambda expr: list(expr.items)
    if issubclass(kind, CreateExpr):
        return lambda expr: [expr.using]
    return lambda expr: []


_CHILDREN_OF: dict[type, Callable[[Expr], list[Optional[Expr]]]] = {}


def child_blocks(stmt: Stmt) -> Iterator[list[Stmt]]:
    """The nested statement lists of a compound statement, in source order."""
    if isinstance(stmt, If):
        for arm in stmt.arms:
            yield arm.body
    elif isinstance(stmt, Choose):
        for case in stmt.cases:
            yield case.body
    elif isinstance(stmt, Loop):
        yield stmt.body
    elif isinstance(stmt, Try):
        yield stmt.body
        for catch in stmt.catches:
            yield catch.body
        if stmt.finally_body is not None:
            yield stmt.finally_body


def walk_statements(body: list[Stmt]) -> Iterator[Stmt]:
    """Every statement of a body, depth first, in source order (without recursion: nesting has no limit)."""
    pending = [iter(body)]
    while pending:
        stmt = next(pending[-1], None)
        if stmt is None:
            pending.pop()
            continue
        yield stmt
        pending.append(itertools.chain.from_iterable(child_blocks(stmt)))


# --------------------------------------------------------------------------- #
# Files and scripts
# --------------------------------------------------------------------------- #


@dataclass
class Param:
    type: str
    name: str
    ref: bool = False
    readonly: bool = False
    array: bool = False


@dataclass
class Script:
    """A function, subroutine, event or ``on`` block with its body.

    ``kind`` is ``function``, ``subroutine``, ``event`` or ``on``; ``owner`` is
    the type the script belongs to (the object itself or a nested control);
    ``body`` is empty when the script did not parse (``parsed`` False, see the
    file's diagnostics), and in pipeline results, which drop bodies once extracted.
    """

    kind: str
    name: str
    owner: str
    line: int
    end_line: int
    params: list[Param] = field(default_factory=list)
    returns: Optional[str] = None
    access: Optional[str] = None
    body: list[Stmt] = field(default_factory=list)
    parsed: bool = True

    @property
    def qualified_name(self) -> str:
        return f"{self.owner}.{self.name}" if self.owner else self.name


@dataclass
class TypeDef:
    """A ``global type X from Y … end type`` or nested ``type cb from commandbutton within w``."""

    name: str
    ancestor: str
    within: Optional[str]
    line: int
    end_line: int
    is_global: bool = False


@dataclass
class Prototype:
    """A forward prototype or external function declaration."""

    kind: str
    name: str
    line: int
    params: list[Param] = field(default_factory=list)
    returns: Optional[str] = None
    library: Optional[str] = None
    external: bool = False


@dataclass
class SourceFile:
    """One parsed export."""

    path: str
    encoding: str
    lines: int
    object_name: Optional[str]
    ancestor: Optional[str]
    types: list[TypeDef] = field(default_factory=list)
    variables: list[VarDecl] = field(default_factory=list)
    prototypes: list[Prototype] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    datawindow_sql: list[EmbeddedSql] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @classmethod
    def unreadable(cls, path: str, message: str, line: int = 0) -> "SourceFile":
        """A file that could not be read: no content, one diagnostic (at ``line``, where decoding failed)."""
        return cls(path, "", 0, None, None, diagnostics=[Diagnostic(path, line, message)])

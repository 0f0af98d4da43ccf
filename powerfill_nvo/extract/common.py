"""What the walk's parts share: the records of what a script's walk finds (calls of interest with their folded
arguments, SQL texts and what they wait on, requests to other files), the values' helpers it reads them with,
and the limits that keep a walk bounded."""
from __future__ import annotations

import bisect
import hashlib
import re
from array import array
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .. import model as m
from ..sourcemap import MappedText, is_foreign
from .flows import CallRef, ScriptSummary
from .values import Choice, Parts, Record, Value, alternatives, fingerprint, map_texts, statements_in

Env = dict[str, Value]

_SELF = {"this", "parent"}
#: A number format of digits only (``String(ll_seq, "000")``): zero-padded to the count of zeros.
_DIGITS_FORMAT = re.compile(r"[0#]+(?:\.0+)?")
#: Set in the environment once the walk has surely left where it is, to the statement's kind: ``return`` (the
#: function), ``exit`` (the loop) or ``continue`` (the loop's pass); what follows there does not run.
_LEFT = "\0left"
_LEAVING = frozenset({"return", "exit", "continue"})
#: Where the procedure a staging area has prepared a call of is kept (``Folder._prepared_procedure``), after this
#: prefix and the staging area's name.
_PREPARED = "\0prepared "
#: Where the string a ``TriggerEvent(name, word, string)`` passes is kept while its event is walked for it.
_LONG_PARM = "\0longparm"
#: Where the calls a walk has made on an object variable are recorded (``ObjectCalls``), after this prefix.
_CALLS_ON = "\0calls on "
#: Calls on one object variable recorded at most (past it, its state is not known).
MAX_OBJECT_CALLS = 200
#: Built-in classes whose methods nvo-scan does not replay (their state is not PowerScript it can read).
_SYSTEM_TYPES = frozenset({"datastore", "datawindow", "datawindowchild", "transaction", "dynamicdescriptionarea",
                           "dynamicstagingarea", "error", "message", "any", "string", "blob", "window",
                           "oleobject", "inet", "internetresult", "pipeline", "mailsession"})
#: Statements after which the rest of their block does not run.
_JUMPS_AWAY = frozenset({"return", "exit", "continue", "goto", "halt", "throw"})
#: Operators whose result is a boolean.
_CONDITIONS = frozenset({"=", "<>", "<", ">", "<=", ">=", "and", "or"})
_NON_IDENTIFIER = re.compile(r"[^0-9A-Za-z_]+")
_WORD = re.compile(r"[A-Za-z_][\w$#%]*")
_DYNAMIC_SQL = re.compile(r"(?:execute\s+immediate|prepare\s+\S+\s+from)\s*:\s*([^\s;,()\[]+)(?:\s*\[([^\]]*)\])?"
                          r"((?:\.\w+)*)",
                          re.I)
_HOST_VARIABLE = re.compile(r":\s*(\w+)")
_INTO = re.compile(r"\binto\b(.*?)(?:\bfrom\b|\busing\b|$)", re.I | re.S)
#: ``EXECUTE IMMEDIATE "…"`` and ``PREPARE SQLSA FROM "…"``: a literal that is the statement run (group 1: its quote).
_IMMEDIATE_LITERAL = re.compile(r"(?:execute\s+immediate|prepare\s+\w+\s+from)\s*([\"'])", re.I)
_MODIFY_SELECT = re.compile(r"datawindow\.table\.select\s*=\s*([\"'])?", re.I)
_HOLE = re.compile(r"__(\w+?)__")
_NUMBER_TYPES = {"integer", "int", "long", "longlong", "uint", "ulong", "unsignedinteger", "unsignedint",
                 "unsignedlong", "byte", "longptr"}
#: Types of PowerScript's own whose values hold no string a walk follows (besides ``_SYSTEM_TYPES``).
_BUILT_IN_TYPES = _SYSTEM_TYPES | _NUMBER_TYPES | {"boolean", "date", "datetime", "time", "decimal", "dec", "real",
                                                   "double", "char", "character", "powerobject", "graphicobject",
                                                   "nonvisualobject", "userobject"}
#: Types of values that never hold SQL text.
_SETTING_TYPES = _NUMBER_TYPES | {"boolean", "date", "datetime", "time", "decimal", "dec", "real", "double"}
#: Statements run by unrolled loops in one script, at most (a pass costs its body's statements, nested ones
#: included: nested loops cannot multiply the work); past it loops run once.
UNROLL_BUDGET = 20_000
#: Calls of the file's own string functions followed this deep for their result.
RETURN_DEPTH = 3
#: A function calling itself for its result is followed this deep (each call with its own arguments).
RECURSION_DEPTH = 32
#: Setters walked for what they leave inside one another at most, outside a walk of one object's state (a
#: setter's own setter, ``of_begin`` calling ``of_reset``, is followed; deeper, loops of setters multiply).
MAX_EFFECT_NESTING = 2
#: Statements of setters walked for what they leave, at most, per script walked, and of one setter (a tracing
#: function of hundreds of lines called thousands of times that keeps a file name in the object's state: past
#: them, the values every script of the object agrees on, as for any instance variable).
EFFECT_BUDGET = 2_000
MAX_SETTER_SIZE = 100
#: Statements of an own function returning a number (``of_domainlen("SCAC")``) walked for its caller's arguments,
#: at most.
MAX_LOOKUP_SIZE = 30
#: Lines of scripts from which a forked second process shares their walk (the threshold of the parse,
#: ``PARALLEL_PARSE_LINES``: a walk costs about what a parse does, and its findings are smaller than the models).
PARALLEL_WALK_LINES = 3000
#: A string function with at most this many boolean parameters gets a result per combination of them.
MAX_FLAGS = 3


@dataclass(frozen=True)
class Request:
    """A question for the file that defines another object's function, answered between extractions:
    what it returns for ``args`` (after the ``history`` of calls made before on the same object), or, with
    ``refs``, what it leaves in its ``ref`` parameters, or, with ``walk``, the SQL it builds from them."""

    key: str
    args: tuple
    history: tuple = ()
    refs: bool = False
    #: The SQL the function builds for ``args`` and what becomes of it, rather than its result.
    walk: bool = False
    #: The class of the object the function runs on, where it inherits the function (set by the pipeline): its
    #: instance values and its overrides of the functions and events the function calls are that class's.
    runtime: str = ""


@dataclass(frozen=True)
class ObjectCalls:
    """The calls a walk has made on an object variable since it was created (each a function name and the
    arguments as the callee receives them): replayed on a fresh object of its type in the file that defines
    it when the walk reads a result from it (a builder's ``of_append`` calls, then ``of_text()``). ``kind``: the
    class it was created as, where that is not the variable's declared class (``lnv_def = create n_td_hold``
    into an ``n_tabledef`` variable): its functions run as that class's."""

    calls: tuple = ()
    kind: str = ""


def placeholder(source_text: str) -> str:
    """Identifier-like stand-in for a piece not known from the source."""
    name = _NON_IDENTIFIER.sub("_", source_text).strip("_")[:40] or "expr"
    return f"__{name}__"


@dataclass
class FoldedArg:
    """One call argument: its source text and folded value (None when not a known string);
    ``candidates``: the strings it may hold when branches set it differently."""

    source: str
    line: int
    value: Optional[MappedText]
    candidates: tuple[str, ...] = ()

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
    #: The callee as written, for the pass across files (set on calls of functions, not on wanted calls).
    ref: Optional[CallRef] = None
    #: The function called was walked for this call's arguments (``Folder._evaluate_for``): its SQL for this
    #: call is already found, so its texts with parameter places are not rebuilt for it.
    evaluated: bool = False
    #: The SQL the called function builds from this call's known arguments (a wanted call: the helper's ALTER).
    built: tuple[MappedText, ...] = ()


@dataclass
class SqlText:
    """A SQL text found in the source.

    ``origin`` says how it was found: execute_immediate, prepare, sink_call, call_arg, returned,
    assigned, embedded, datawindow. ``executed`` when it reaches a SQL sink (``via`` says how);
    otherwise ``waits`` lists what would make it run: ("arg", CallRef, index, the variables the call passes
    by position), ("result", object, function) or ("instance", variable[, object]) — settled by the pass
    across files.
    """

    file: str
    script: Optional[m.Script]
    text: MappedText
    origin: str
    line: int
    end_line: int
    executed: bool = True
    via: str = ""
    waits: list[tuple] = field(default_factory=list)
    #: For a text a function built for one call's arguments: "built by f for the call at file:line".
    built_for: str = ""
    #: (object, variable) when the text is that object's instance variable read whole from here: dropped by the
    #: pass across files when the object's own text, kept there, runs through this read.
    copy_of: tuple = ()

    @property
    def status(self) -> str:
        """``origin``, or ``unexecuted`` for SQL that reaches no sink nvo-scan can see."""
        return self.origin if self.executed else "unexecuted"


def _concatenated(expr: m.Binary) -> list[m.Expr]:
    """The operands of a left-nested chain ``a + b + c …``, without recursion."""
    operands = []
    while isinstance(expr, m.Binary) and expr.op == "+":
        operands.append(expr.right)
        expr = expr.left
    operands.append(expr)
    return operands[::-1]


def _calls_of(*exprs: Optional[m.Expr]) -> list[m.Call]:
    """The calls inside ``exprs`` (a condition's ``of_next(ls_table, ls_column)``)."""
    return [node for expr in exprs for node in m.walk_expr(expr) if isinstance(node, m.Call)]


def _member_path(expr: m.Expr) -> list[str]:
    """The lower-case names of a chain of members (``dw_1.Object.DataWindow.Table.Select``), outermost last."""
    names = []
    while isinstance(expr, m.Member):
        names.append(expr.name.lower())
        expr = expr.obj
    return names[::-1]


def _filled_by(stmt: m.EmbeddedSql) -> list[str]:
    """The variables an embedded ``SELECT … INTO :a, :b`` or ``FETCH … INTO :a`` fills."""
    if stmt.kind.split()[0] not in ("select", "selectblob", "fetch"):
        return []
    into = _INTO.search(stmt.text)
    return [name.lower() for name in _HOST_VARIABLE.findall(into.group(1))] if into else []


def _names(expr: Optional[m.Expr]) -> set[str]:
    """The lower-case bare names an expression reads."""
    return {node.name.lower() for node in m.walk_expr(expr) if isinstance(node, m.Name)}


def _modify_select(text: MappedText) -> Optional[MappedText]:
    """The SELECT of a DataWindow ``Modify("DataWindow.Table.Select='…'")`` argument, mapped."""
    match = _MODIFY_SELECT.search(text.text)
    if match is None:
        return None
    end = text.text.rfind(match.group(1), match.end()) if match.group(1) else -1
    return text.slice(match.end(), end if end > match.end() else len(text.text))


def _literal_end(text: str, start: int) -> int:
    """The index of the quote closing the literal opened at ``start`` (``~`` escapes the next character)."""
    i = start + 1
    while i < len(text) and text[i] != text[start]:
        i += 2 if text[i] == "~" else 1
    return i


def template_holes(text: MappedText, params: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(start, end, parameter index) of each placeholder in ``text`` standing for one of ``params``."""
    found = []
    for match in _HOLE.finditer(text.text):
        name = match.group(1).lower()
        if name in params and not any(text.cols[match.start():match.end()]):
            found.append((match.start(), match.end(), params.index(name)))
    return found


def filled(template: MappedText, holes: list[tuple[int, int, int]], values: list[MappedText], file: str,
           line: int) -> MappedText:
    """``template`` with each hole replaced by the value of its parameter, as a text of ``file``: the
    template's own characters, when another file wrote them, placed at ``line`` (the call)."""
    result = MappedText(file)
    position = 0
    for start, end, index in holes + [(len(template.text), len(template.text), None)]:
        piece = template.slice(position, start)
        result.extend(piece if template.file == file else placed_at(piece, file, line))
        if index is not None:
            result.extend(values[index])
        position = end
    result.complete = 0 not in result.cols  # no placeholder left
    return result


def placed_at(text: MappedText, file: str, line: int, col: int = 1) -> MappedText:
    """Characters another file wrote, as a text of ``file``: each whose place in the file that wrote it is
    known (a line of ``text``'s file, or one ``as_read_in`` kept) keeps it; the others are written at ``line``
    (column ``col``: the same wherever they are placed from); its placeholders stay placeholders."""
    other = text.file != file
    if not text.origins and not (other and any(text.lines)):
        return MappedText(file, text.text, array("I", [line]) * len(text.text),
                          array("I", (col if c else 0 for c in text.cols)), 0 not in text.cols)
    result = MappedText(file, text.text, array("I"), array("I"), 0 not in text.cols, text.origins)
    for at_line, at_col in zip(text.lines, text.cols):
        if not is_foreign(at_col):
            if other and at_col and 0 < at_line < CALLER_LINES:
                at_col += result.origin_slot((text.file, -1))
            else:
                at_line, at_col = line, (col if at_col else 0)
        result.lines.append(at_line)
        result.cols.append(at_col)
    return result


def _as_text(value: Value) -> Optional[MappedText]:
    return value if isinstance(value, MappedText) else None


def _as_number(value: Value) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


#: Added to the lines of a caller's characters while another file's function is evaluated for them, so the
#: answer tells them from the callee's own characters (``_for_callee``, ``_from_caller``).
CALLER_LINES = 1 << 30


def _digest(args: list[Value]) -> str:
    """A key for arguments: their texts and source positions (the same text at two calls is two requests)."""
    return hashlib.blake2b(repr([fingerprint(a) for a in args]).encode(), digest_size=10).hexdigest()


def _for_callee(value: Value) -> Value:
    """A caller's argument as another file's function receives it: its lines marked as the caller's."""
    return map_texts(value, lambda text: MappedText(
        text.file, text.text, array("I", (line + CALLER_LINES for line in text.lines)), array("I", text.cols),
        text.complete, text.origins))


def _from_caller(answer: Value, file: str, line: int) -> Value:
    """An answer as a value of the caller's ``file``: its characters from the caller's arguments where they
    were written, the callee's own characters where their file wrote them (``as_read_in``), else at the
    call's ``line`` (column 1; a placeholder's column 0)."""
    def placed(text: MappedText) -> MappedText:
        lines, cols = array("I"), array("I")
        for at_line, col in zip(text.lines, text.cols):
            caller = at_line >= CALLER_LINES
            kept = caller or is_foreign(col)
            lines.append(at_line - CALLER_LINES if caller else at_line if kept else line)
            cols.append(col if kept or col == 0 else 1)
        return MappedText(file, text.text, lines, cols, text.complete, text.origins)
    return map_texts(answer, placed)


#: Where a function walked for another file's call runs a text (``Folder._at``): the file, the script's index
#: in it and the line counted from the script's first line. The reader's findings hold this, not the line, so
#: its extraction (and its cache key) stays the same when only the other file's lines move; ``placed`` writes
#: the line once the run knows where that file's scripts start.
_PLACE = "\x1f{}\x1f{}\x1f{}\x1f"
_PLACED = re.compile("\x1f([^\x1f]*)\x1f(\\d+)\x1f(-?\\d+)\x1f")


def placed(via: str, script_lines: dict[str, list[int]]) -> str:
    """``via`` with each place in another file's function (``_PLACE``) written as file:line, from the first
    lines of that file's scripts in this run (``script_lines``, by path)."""
    if "\x1f" not in via:
        return via
    return _PLACED.sub(lambda place: f"{place[1]}:{script_lines[place[1]][int(place[2])] + int(place[3])}", via)


def _from_arguments(value: Value) -> bool:
    """Whether an answer holds characters of the caller's arguments."""
    if isinstance(value, Parts):
        return any(_from_arguments(item) for item in value.items.values())
    return any(isinstance(o, MappedText) and any(line >= CALLER_LINES for line in o.lines)
               for o in alternatives(value))


def _known(value: Value) -> bool:
    """Whether an argument is known whole: a string, number or boolean, an array of known strings or
    structures, a structure whose fields are all known."""
    if isinstance(value, Parts):  # an element may be a choice of known strings (set differently in branches)
        return not value.gaps and all(_known(i) if isinstance(i, Record) else _as_number(i) is not None or
                                      _known_text(i) for i in value.items.values())
    if isinstance(value, Record):
        return bool(value.fields) and all(_known(item) for item in value.fields.values())
    return _comparable(value) is not None


def as_read_in(value: Value, file: str, script_lines: dict[str, list[int]]) -> Value:
    """Another file's value (a constant, a template, an answer) as a reader in ``file`` holds it: the other
    file's characters keep their place there, counted from the first line of their script (``MappedText``'s
    origins; ``script_lines``: the first line of each script of each file, by path), the caller's own
    characters and those of a third file theirs. So a reader's extraction, and its cache key, stay the same
    when only the other file's lines outside those scripts move. A character of a file not among
    ``script_lines``, or not known, is placed where ``file`` reads it (``placed_at``, ``_from_caller``)."""
    def read(text: MappedText) -> MappedText:
        if text.file == file:  # the reader's own text (a function of its own, called through a global)
            return text
        starts = script_lines.get(text.file)
        result = MappedText(text.file, text.text, array("I"), array("I"), text.complete, text.origins)
        for line, col in zip(text.lines, text.cols):
            if line >= CALLER_LINES or is_foreign(col):
                pass
            elif col == 0 or line == 0 or starts is None:
                line, col = 0, (1 if col else 0)
            else:
                script = bisect.bisect_right(starts, line) - 1
                line, col = (line - starts[script] + 1 if script >= 0 else line), \
                    result.origin_slot((text.file, script)) + col
            result.lines.append(line)
            result.cols.append(col)
        return result
    return map_texts(value, read)  # a tuple: a template and its parameters, ref outputs, texts built for a call


def _is_encoding(expr: m.Expr) -> bool:
    """An ``Encoding…!`` argument (``Blob(s, EncodingANSI!)``, ``String(lblb, EncodingUTF8!)``)."""
    return isinstance(expr, m.Literal) and expr.kind == "enum" and expr.text.lower().startswith("encoding")


def _may_run(verdicts: Iterable[tuple[Optional[bool], list[m.Stmt]]]) -> tuple[list[list[m.Stmt]], bool]:
    """The bodies of branches tried in order that may run (a branch whose condition is false is skipped; one
    whose condition holds is the last), and whether one of them surely runs."""
    bodies = []
    for holds, body in verdicts:
        if holds is False:
            continue
        bodies.append(body)
        if holds:
            return bodies, True
    return bodies, False


def _after_pass(env: Env) -> tuple[Env, bool]:
    """The environment after a loop's pass and whether the loop has surely ended (an ``exit`` or a ``return``
    taken); a ``continue`` ends the pass only."""
    left = env.get(_LEFT)
    if left in ("exit", "continue"):
        env = {n: v for n, v in env.items() if n != _LEFT}
    return env, left in ("exit", "return")


def gives_string(returns: Optional[str]) -> bool:
    """Whether a function returning type ``returns`` gives a string: ``string``, or ``any`` (which holds
    whatever the function returns)."""
    return (returns or "").lower() in ("string", "any")


def gives_number(returns: Optional[str]) -> bool:
    """Whether a function returning type ``returns`` gives a whole number (``integer``, ``long`` …)."""
    return (returns or "").lower() in _NUMBER_TYPES


def may_return_text(returns: Optional[str]) -> bool:
    """Whether a function returning type ``returns`` may give a string: a string (or ``any``), or a structure
    holding some (any type not built in)."""
    kind = (returns or "").lower()
    return gives_string(kind) or bool(kind) and kind not in _BUILT_IN_TYPES


def _put(holder: Value, path: list[tuple[str, object]], new: Value) -> Value:
    """``holder`` after ``new`` is stored at ``path`` inside it (``Folder._stored_at``): an array's element
    holds a string, a choice of strings or a structure; a structure's field any value."""
    (step, key), rest = path[0], path[1:]
    if step == "index":
        parts = holder if isinstance(holder, Parts) else Parts(gaps=True)  # earlier elements not known
        inner = _put(parts.items.get(key, parts.element) if key is not None else parts.element, rest, new) \
            if rest else new
        return parts.with_item(key, _element(inner))
    record = holder if isinstance(holder, Record) else Record()
    return record.with_field(key, _put(record.fields.get(key), rest, new) if rest else new)


def _element(value: Value) -> Value:
    """What an array's element keeps of a value: a string, a choice of strings, a structure or a whole number
    (an ``any`` array's ``{"gc_member", 4, 1}``)."""
    return value if isinstance(value, (MappedText, Choice, Record)) or _as_number(value) is not None else None


def _data_only(value: Value) -> bool:
    """Whether ``value`` is an array or structure of strings none of which is SQL (``str_coldef`` elements naming
    a table, a column, a type): data another file fills for SQL built here, placed at the call that fills it."""
    texts: list[MappedText] = []
    map_texts(value, lambda text: texts.append(text) or text)
    return isinstance(value, (Parts, Record)) and bool(texts) and not any(statements_in(t) for t in texts)


#: Functions opening a window or user object with a parameter its scripts read from ``Message``, and the
#: index of the argument naming its class when not the first (``OpenWithParm(lw, lstr, "w_x")``).
OPENERS_WITH_PARM = {"openwithparm": 2, "opensheetwithparm": 2, "openuserobjectwithparm": 2}

#: The ``Message`` properties a window opened with a parameter reads it from, and the key under which the
#: pipeline gives a class the values handed to it (``handed_key``).
MESSAGE_PARMS = frozenset({"powerobjectparm", "stringparm", "doubleparm"})


#: What a DataWindow object says of its columns (``Describe("#2.Name")``, ``Describe("#2.ColType")``,
#: ``Describe("DataWindow.Column.Count")``), kept with its stored rows under these keys (no column's name has a
#: ``#`` or a ``.``).
DESCRIBED_NAMES, DESCRIBED_TYPES, DESCRIBED_COUNT = "#name", "#coltype", "datawindow.column.count"
#: … and ``Describe("DataWindow.Table.UpdateTable")``: the table it updates.
DESCRIBED_UPDATE = "datawindow.table.updatetable"


def stored_rows_key(dataobject: str, column: str) -> str:
    """The key of the values a DataWindow object keeps in its ``data(…)`` rows for ``column``."""
    return f"{dataobject}.\0rows.{column}"


#: Where an assignment ``lds.DataObject = "d_x"`` keeps the DataWindow object of a variable, by its name.
DATAOBJECT = "\0dataobject "

#: A ``type … from …`` block's first line: the type (group 1) and its ancestor (group 2).
_TYPE_BLOCK = re.compile(r'^[ \t]*(?:global[ \t]+)?type[ \t]+(\w+)[ \t]+from[ \t]+(\w+)([^\r\n]*)\r?$', re.I | re.M)
_END_TYPE = re.compile(r'^[ \t]*end[ \t]+type\b', re.I | re.M)
#: A string property a type block sets (``string tag = "…"``): its name and its literal (quotes included).
_STRING_PROPERTY = re.compile(r'^[ \t]*string[ \t]+(\w+)[ \t]*=[ \t]*("(?:[^"~\r\n]|~.)*")', re.I | re.M)


@dataclass(frozen=True)
class TypeBlock:
    """What a ``type … from …`` block of an export says of its type (the object's own, or a control's): its
    ancestor and the span of each string property's literal (``string dataobject = "d_x"``, ``string tag =
    "…"``), by lower-case name."""

    ancestor: str
    strings: dict[str, tuple[int, int]]
    #: A structure's fields (``string s_name``, ``str_col col[]``): each one's lower-case type, and whether it
    #: is an array; empty for any other type.
    fields: dict[str, tuple[str, bool]] = field(default_factory=dict)
    #: ``global type n_cst_x from nonvisualobject autoinstantiate``: created with each variable of its type.
    autoinstantiate: bool = False


#: A structure's field (``decimal{2}  d_rate``, ``str_col  col[]``, ``long  l_dims[3]``): type, name, array bounds.
_FIELD = re.compile(r'^[ \t]*(\w+)(?:\{[\d, ]*\})?[ \t]+(\w+)[ \t]*(\[[^\]\r\n]*\])?', re.I | re.M)


def type_blocks(text: str) -> dict[str, TypeBlock]:
    """The ``type`` blocks of an export, by lower-case type name (the last block of a type wins: the forward
    declaration says nothing)."""
    blocks = {}
    for header in _TYPE_BLOCK.finditer(text):
        end = _END_TYPE.search(text, header.end())
        body_end = end.start() if end else len(text)
        strings = {match[1].lower(): match.span(2) for match in _STRING_PROPERTY.finditer(text, header.end(), body_end)}
        fields = {match[2].lower(): (match[1].lower(), bool(match[3])) for match in
                  _FIELD.finditer(text, header.end(), body_end)} if header[2].lower() == "structure" else {}
        blocks[header[1].lower()] = TypeBlock(header[2].lower(), strings, fields,
                                              "autoinstantiate" in header[3].lower().split())
    return blocks


def structure_key(kind: str) -> str:
    """The key of the initial value of global structure ``kind`` (its fields' defaults), as its file gives it."""
    return f"{kind}.\0structure"


def constructor_calls_key(kind: str) -> str:
    """The key of the calls ``kind``'s constructor makes of functions it inherits (``Folder.constructor_calls``)."""
    return f"{kind}.\0constructor"


def handed_key(kind: str) -> str:
    """The key of the values handed to class ``kind`` when opened with a parameter."""
    return f"{kind}.\0parm"


def exact_template(provided: object, args: Iterable[Value]) -> bool:
    """Whether a function's template (its result with its string parameters' places marked, as the pipeline
    provides it) gives its result for ``args``: it is one text, and no argument is an array or a structure
    (``f_join(ls_parts, "~r~n")``: a template marks strings only), and each of its characters not known is a
    parameter's place (not a variable its walk with the places marked could not know: ``of_quote(as_value)``
    doubling each apostrophe in a loop)."""
    if not (isinstance(provided, tuple) and provided and isinstance(provided[0], MappedText)) \
            or any(isinstance(a, (Parts, Record)) for a in args):
        return False
    template, params = provided
    return list(template.cols).count(0) == sum(end - start for start, end, _ in template_holes(template, params))


def _position(text: MappedText, sought: str, start: int) -> Optional[int]:
    """PowerScript's ``Pos(text, sought, start)`` (1-based, 0 when absent) over a text that may hold
    placeholders of values not known (not a parameter's place in a template: ``Folder._holds_params``): such a
    placeholder stands for a name, so it holds no character a name cannot (``Pos(ls, "?")`` is known past an
    owner read from an INI file); a word may be in it, so a word is found only before the first placeholder."""
    found = text.text.find(sought, max(start - 1, 0)) + 1
    if text.complete or not _WORD_ONLY.fullmatch(sought):
        return found
    first_unknown = next((i for i, col in enumerate(text.cols) if col == 0), len(text.text))
    return found if found and found - 1 + len(sought) <= first_unknown else None


#: A string a name (a placeholder) may hold.
_WORD_ONLY = re.compile(r"\w*")


def _one_text(value: Value) -> Value:
    """A choice whose options are one text (written in several places) as its first option; else ``value``."""
    if isinstance(value, Choice) and not value.partial and len({o.text for o in value.options}) == 1:
        return value.options[0]
    return value


def _on_self(call: m.Call) -> bool:
    """Whether a call is made on the object itself: written bare, or on ``this``."""
    return call.target is None or isinstance(call.target, m.Name) and call.target.name.lower() in _SELF


def _is_setting(param: m.Param) -> bool:
    """Whether a parameter holds a number, date or flag (a release, a count, a switch), never SQL: a walk with
    it not known takes every branch it decides."""
    return not param.array and param.type.lower() in _SETTING_TYPES


def _known_text(value: Value) -> bool:
    """Whether a string, or each option of a choice (none of them unknown), is known whole."""
    return (isinstance(value, MappedText) or isinstance(value, Choice) and not value.partial) and all(
        option.complete for option in alternatives(value))


def _comparable(value: Value) -> str | int | bool | None:
    """A value a condition can compare: a whole string, a number or a boolean."""
    if isinstance(value, MappedText):
        return value.text if value.complete else None
    return value if isinstance(value, (int, bool)) else None


@dataclass
class Findings:
    """What walking one script found, added to the folder's by ``Folder.run`` in the order of the scripts."""

    calls: list[CallSite] = field(default_factory=list)
    sql: list[SqlText] = field(default_factory=list)
    summaries: list[ScriptSummary] = field(default_factory=list)
    local_calls: list[tuple[str, CallSite]] = field(default_factory=list)
    templates: dict = field(default_factory=dict)
    wanted: set[str] = field(default_factory=set)
    calls_out: list[CallSite] = field(default_factory=list)
    requests: dict[str, "Request"] = field(default_factory=dict)
    diagnostics: list[m.Diagnostic] = field(default_factory=list)
    #: Values handed to a window or user object opened with a parameter, by its class (``Folder.handed``).
    handed: dict[str, list] = field(default_factory=dict)

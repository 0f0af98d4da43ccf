"""Where a script's strings go: a summary of each script for the pass across files.

For every script, which of its sources — a parameter, the result of a call, an
instance variable — reach a SQL sink directly (``EXECUTE IMMEDIATE``, ``PREPARE
… FROM``, ``SetSQLSelect`` …), and which are passed on as an argument of another
call (a ``CallRef`` that the pass across files resolves to a function of some
object). The analysis is flow-insensitive: a variable carries every source any
assignment in the script gives it, so a sink costs precision at worst, never recall.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional, Union

from .. import model as m

#: Built-in PowerScript functions whose first argument is run or prepared as SQL.
BUILTIN_SINKS = {"setsqlselect", "setsqlpreview", "syntaxfromsql"}
#: Built-in functions whose string result is made from their arguments (the arguments flow through).
PASS_THROUGH = {"upper", "lower", "wordcap", "trim", "lefttrim", "righttrim", "left", "right", "mid",
                "replace", "fill", "string", "space", "char", "blob", "lefta", "righta", "mida", "replacea", "filla"}
#: Built-in functions that only look at a string (its SQL is neither run nor shown by them).
INSPECTORS = {"pos", "lastpos", "match", "len", "posa", "lena", "isnull", "isnumber", "isdate", "integer", "long",
              "dec", "double", "real", "date", "time", "datetime", "asc", "reverse", "upperbound", "lowerbound"}
#: Declared types that say nothing of the object a variable holds: the class it is created as does.
GENERIC_TYPES = {"powerobject", "nonvisualobject", "userobject", "any", "graphicobject"}
#: PFC string-service functions read as PFC documents them where the sources do not define them
#: (``inv_string.of_GlobalReplace(ls_sql, "%TBL%", ls_table)``): their result is made from their arguments.
STRING_SERVICES = {"of_globalreplace"}
#: Built-in functions and system-object methods that take a string and never run it as SQL.
NON_SINKS = {"messagebox", "filewrite", "filewriteex", "clipboard", "setprofilestring", "setmicrohelp", "print",
             "settext", "additem", "insertitem", "setitem", "setfilter", "setsort", "find", "describe",
             "importstring", "logtext", "postevent", "triggerevent", "openwithparm", "closewithreturn", "run", "setnull",
             "blobedit",
             "f_messagebox", *INSPECTORS, *PASS_THROUGH, *STRING_SERVICES}
_GLOBAL_DECLARATION = re.compile(r"^[ \t]*global[ \t]+(\w+)[ \t]+(\w+)[ \t]*\r?$", re.M | re.I)
_GLOBAL_VARIABLES = re.compile(r"^[ \t]*global[ \t]+variables[ \t]*\r?$(.*?)^[ \t]*end[ \t]+variables", re.M | re.I | re.S)
#: A line of a ``global variables`` block: ``[constant] type name[, name…] [[bounds]] [= value]``.
_DECLARATION = re.compile(r"^[ \t]*(?:constant[ \t]+)?(\w+)[ \t]+(\w+(?:[ \t]*,[ \t]*\w+)*)[ \t]*"
                          r"(?:\[[^\]\r\n]*\][ \t]*)?(?:=.*)?\r?$", re.M | re.I)
_HOST = re.compile(r"(?:execute\s+immediate|prepare\s+\S+\s+from)\s*:\s*([^\s;,()\[]+)", re.I)
_HOST_VARIABLE = re.compile(r":\s*([\w.]+)")
#: ``EXECUTE [DYNAMIC] name USING :a, :b`` (not ``USING DESCRIPTOR``): the statement run and its bound variables.
_EXECUTE_USING = re.compile(r"execute\s+(?:dynamic\s+)?(\w+)\s+using\s+(?!descriptor\b)(.*)", re.I | re.S)
_PREPARE = re.compile(r"prepare\s+(\w+)\s+from\s+(?::\s*(\w+)|([\"'])(.*?)\3)", re.I | re.S)
_DECLARE_DYNAMIC = re.compile(r"declare\s+(\w+)\s+dynamic\s+(?:procedure|cursor)\s+for\s+(\w+)", re.I)
#: A prepared call of a procedure given ``?`` parameters (``EXECUTE dbo.psp_run_ddl @stmt = ?``, ``EXEC
#: sp_executesql ?``, ``EXEC (?)``): the procedure it calls.
_PROCEDURE_CALL = re.compile(r"\s*exec(?:ute)?\s+(?!immediate\b)(\(\s*\?\s*\)|[\w.\[\]#@]+)[^;]*\?", re.I | re.S)
#: ``OpenWithParm(w_x, s)`` (and ``OpenSheetWithParm``) as a call of ``w_x``: the string reaches the window as
#: ``Message.StringParm`` (the source ``("message",)`` of its scripts).
OPENED_WITH = "openwithparm"
_OPENERS = {"openwithparm", "opensheetwithparm"}
#: ``PostEvent("ue_x", 0, s)`` and ``TriggerEvent("ue_x", 0, s)``: the string reaches the object's events as
#: ``Message.StringParm`` too.
EVENT_SENDERS = ("postevent", "triggerevent")
#: DataWindow/DataStore methods filling rows from a string (tab-separated columns, a row per line).
_IMPORTERS = {"importstring"}
#: DataWindow/DataStore methods reading one cell: (row, column) arguments.
_CELL_READERS = {"getitemstring", "getitemnumber", "getitemdecimal", "getitemdate", "getitemdatetime",
                 "getitemtime"}
#: ListBox (and DropDownListBox …) methods adding an item, its text their first argument; ``Text(i)`` reads one:
#: the items are one cell of the control (``lb_steps.items``), a queue another script may run. A TreeView's or
#: ListView's item (``InsertItemLast(0, ltvi)``, a structure whose ``Data`` or ``Label`` may hold a text) is its
#: last argument, read back whole by ``GetItem(handle, ltvi)``.
_ITEM_ADDERS = {"additem", "insertitem", "insertitemlast", "insertitemfirst", "insertitemsort"}
_ITEM_READERS = {"text", "getitem"}
#: A DataWindow column's buffers read whole as an array (``dw.Object.col.Primary``).
_WHOLE_COLUMN = {"primary", "filter", "delete", "current"}
ITEMS = "items"


@dataclass(frozen=True)
class CallRef:
    """A call as written: the calling object, the declared type of its target (None: unqualified), the name,
    and which of its arguments are whole arrays (overloads may differ only in that)."""

    caller_object: str
    target_type: Optional[str]
    name: str
    nargs: int
    arrays: tuple[bool, ...] = ()
    #: The variable the call is made on (``inv_undo`` in ``inv_undo.of_append(…)``), "" on the object itself.
    variable: str = ""

    def __str__(self) -> str:
        return f"{self.target_type}.{self.name}" if self.target_type else self.name


#: The owner of a global variable in ``("instance", name, owner)`` sources and waits: the globals are one state
#: every file shares.
GLOBAL_OWNER = ""
#: ("param", i) | ("result", ref) | ("instance", name) | ("refout", ref, i): what a call filled through its
#: argument ``i`` (a ``ref`` parameter of the callee) | ("message",): ``Message.StringParm``
Source = Union[tuple[str, int], tuple[str, CallRef], tuple[str, str], tuple[str, CallRef, int]]


@dataclass
class ScriptSummary:
    """One script's flows. ``sinks``: source -> where it is run; ``passes``: (source, callee, argument, line);
    ``ref_flows``: each ``ref`` parameter (by index) -> the sources of what the script leaves in it;
    ``stores``: each instance variable (or cell of an instance DataStore) it assigns -> the sources of
    what it puts there; ``calls``: every call it writes."""

    file: str
    object: str
    name: str
    kind: str
    nargs: int
    is_global: bool
    line: int
    #: Which parameters are arrays (``of_exec(string as_batch[])`` beside ``of_exec(string as_batch)``).
    arrays: tuple[bool, ...] = ()
    sinks: dict = field(default_factory=dict)
    passes: list[tuple] = field(default_factory=list)
    ref_flows: dict[int, frozenset] = field(default_factory=dict)
    stores: dict[str, frozenset] = field(default_factory=dict)
    calls: set[CallRef] = field(default_factory=set)
    #: The sources of what it returns (a parameter a string service gives back filled in).
    returns: frozenset = frozenset()
    #: The instance variables it adds to (``is_text += as_line``): a text kept there is a piece of one.
    appended: frozenset = frozenset()


class Scope:
    """Declared types of the names a script can see: its locals and parameters, the object's instance variables."""

    def __init__(self, file: m.SourceFile) -> None:
        self.object = (file.object_name or "").lower()
        self.ancestor = (file.ancestor or "").lower() or None
        self.instance_types = {v.name.lower(): v.type.lower() for v in file.variables}
        self.instance_arrays = {v.name.lower() for v in file.variables if v.array is not None}
        self.local_types: dict[str, str] = {}
        #: The global variables the file declares (an application object's ``global variables``).
        self.globals: frozenset[str] = frozenset()
        self.local_arrays: set[str] = set()
        self._declared: dict[int, tuple[dict[str, str], set[str]]] = {}
        #: The instance variables holding an object of a class other than the one declared (``_created_instances``).
        self.created = self._created_instances(file)
        self.instance_types.update(self.created)

    def _created_instances(self, file: m.SourceFile) -> dict[str, str]:
        """The instance variables every ``create`` of the file makes an object of one class other than the one
        declared (``inv_patch = CREATE n_cst_patch_2014`` into an ``n_cst_patch`` variable, in the open
        event): that class, whose functions and overrides the calls on it run."""
        created: dict[str, set[Optional[str]]] = {}
        for script in file.scripts:
            local = {p.name.lower() for p in script.params}
            for stmt in m.walk_statements(script.body):
                if isinstance(stmt, m.DeclStmt):
                    local.update(d.name.lower() for d in stmt.decls)
                elif isinstance(stmt, m.Assign) and isinstance(stmt.value, m.CreateExpr):
                    name = _plain_name(stmt.target)
                    if name in self.instance_types and name not in local:
                        created.setdefault(name, set()).add(_created_class(stmt.value))
        return {name: kind for name, classes in created.items() if len(classes) == 1
                and (kind := next(iter(classes))) is not None and kind != self.instance_types[name]}

    def enter(self, script: m.Script) -> None:
        self.local_types, self.local_arrays = self.declared_in(script)

    def declared_in(self, script: m.Script) -> tuple[dict[str, str], set[str]]:
        """The declared types of a script's parameters and locals, and which of them are arrays (read once)."""
        found = self._declared.get(id(script))
        if found is None:
            types = {p.name.lower(): p.type.lower() for p in script.params}
            arrays = {p.name.lower() for p in script.params if p.array}
            created: dict[str, set[str]] = {}
            for stmt in m.walk_statements(script.body):
                if isinstance(stmt, m.DeclStmt):
                    types.update((d.name.lower(), d.type.lower()) for d in stmt.decls)
                    arrays.update(d.name.lower() for d in stmt.decls if d.array is not None)
                elif isinstance(stmt, m.Assign) and isinstance(stmt.target, m.Name):
                    held = self.object if isinstance(stmt.value, m.Name) and stmt.value.name.lower() == "this" \
                        else _created_class(stmt.value)
                    created.setdefault(stmt.target.name.lower(), set()).add(held)
            for name, classes in created.items():  # ``powerobject lpo`` … ``lpo = create n_cst_x`` (or ``this``)
                if types.get(name) in GENERIC_TYPES and len(classes) == 1 and None not in classes:
                    types[name] = classes.pop()
            found = self._declared[id(script)] = (types, arrays)
        return found

    def is_array(self, expr: m.Expr) -> bool:
        """Whether ``expr`` is a whole array: an array literal or a variable declared as one."""
        if isinstance(expr, m.ArrayLit):
            return True
        name = _plain_name(expr)
        if name is None:
            return False
        return name in self.local_arrays if name in self.local_types else name in self.instance_arrays

    def object_type(self, variable: m.Name) -> Optional[str]:
        """The declared type of a local or instance variable holding an object (``inv_procs`` in
        ``inv_procs.is_view_sql``); None for ``this``, ``parent``, ``message`` and undeclared names."""
        name = variable.name.lower()
        return None if name in ("this", "parent", "super", "message") else \
            self.local_types.get(name) or self.instance_types.get(name)

    def type_of(self, target: m.Expr) -> Optional[str]:
        """The declared type of a call's target; the object itself for ``this``; "?" when not known."""
        if isinstance(target, m.Name):
            name = target.name.lower()
            if name in ("this", "parent"):  # ``parent`` in a control's script: the window (object) of this file
                return None
            if name == "super":
                return self.ancestor or "?"
            return self.local_types.get(name) or self.instance_types.get(name) or name
        if isinstance(target, m.Member) and isinstance(target.obj, m.Name):
            if target.obj.name.lower() in ("this", "parent"):  # a control's parent: the window of this file
                return self.instance_types.get(target.name.lower(), "?")
            holder = self.type_of(target.obj)  # ``gnv_app.inv_exec``: the path, each object's variable in turn
            return f"{holder}.{target.name.lower()}" if holder not in (None, "?") else "?"
        if isinstance(target, m.Index) and isinstance(target.obj, m.Name) and target.obj.name.lower() not in (
                "this", "parent"):  # an element of an array of objects (``inv_patch[li].Event ue_ddl(…)``)
            return self.type_of(target.obj)
        return "?"

    def call_ref(self, call: m.Call) -> CallRef:
        if call.target is None and call.name.lower() in _OPENERS and len(call.args) >= 2 \
                and isinstance(call.args[0], m.Name):  # the window opened, given the string as its argument 2
            return CallRef(self.object, self.type_of(call.args[0]), OPENED_WITH, 2)
        if call.target is not None:
            target = self.type_of(call.target)
        elif call.ancestor is not None:
            target = self.ancestor if call.ancestor.lower() == "super" else call.ancestor.lower()
        else:
            target = None
        root = call.target
        while isinstance(root, (m.Call, m.Index)):  # (an element of an array of objects: the array)
            root = root.target if isinstance(root, m.Call) else root.obj
        variable = _plain_name(root) if root is not None else None
        return CallRef(self.object, target, call.name.lower(), len(call.args),
                       tuple(self.is_array(arg) for arg in call.args),
                       variable if variable not in (None, "this", "super") else "")


def _expr_sources(expr: Optional[m.Expr], scope: Scope) -> Iterator[tuple[str, object]]:
    """The names an expression reads and the calls whose results it uses (not looking into their arguments,
    except for built-in string functions, whose result is made from them)."""
    pending = [expr]
    while pending:
        node = pending.pop()
        if node is None:
            continue
        name = _plain_name(node) or _cell(node)
        if name is not None:
            yield "name", name
        elif isinstance(node, m.Member) and node.name.lower() == "stringparm" and isinstance(node.obj, m.Name) \
                and node.obj.name.lower() == "message":
            yield "message", None
        elif isinstance(node, m.Member) and isinstance(node.obj, m.Name) and scope.object_type(node.obj):
            yield "member", (scope.object_type(node.obj), node.name.lower())
            if node.obj.name.lower() in scope.local_types:  # a local structure's field is made from it
                pending.append(node.obj)  # (``lstr_cmd = la_item`` given back by a list object)
        elif _control_text(node, scope):
            yield "name", _control_text(node, scope)
        elif isinstance(node, m.Member) and isinstance(node.obj, m.Index):
            pending.append(node.obj)  # a field of an element (``gstr_steps[ll].s_sql``) is made from the array
        elif isinstance(node, m.Call):
            if node.target is None and node.name.lower() in PASS_THROUGH:
                pending.extend(node.args)
            else:
                yield "result", scope.call_ref(node)
        elif isinstance(node, m.Index):
            pending.append(node.obj)  # an element is made from the array, not from its index
        elif isinstance(node, (m.Binary, m.Unary)):
            pending.extend(m.children(node))


def summarize(file: m.SourceFile, script: m.Script, scope: Scope,
              calls_of: Callable[[m.Stmt], list[m.Call]] = lambda stmt: list(statement_calls(stmt))
              ) -> ScriptSummary:
    """The flows of one script (``scope`` entered for it); ``calls_of``: the calls a statement writes."""
    params = {p.name.lower(): i for i, p in enumerate(script.params)}
    instance = set(scope.instance_types) - set(scope.local_types)
    assigned: dict[str, list[m.Expr]] = {}
    calls: set[CallRef] = set()
    filled: dict[str, set] = {}  # a variable passed to a function may be filled by it (a ``ref`` parameter)
    statements = [(stmt, [(call, scope.call_ref(call)) for call in calls_of(stmt)])
                  for stmt in m.walk_statements(script.body)]  # walked once: every call's reference is read twice
    for stmt, stmt_calls in statements:
        for call, ref in stmt_calls:
            calls.add(ref)
            if call.target is not None or ref.name not in NON_SINKS:
                for index, arg in enumerate(call.args):
                    name = _plain_name(arg)
                    if name:
                        filled.setdefault(name, set()).add(("refout", ref, index))
            stored, read = stored_item(call), item_read(call)
            if stored is not None:
                assigned.setdefault(stored[0], []).append(call.args[stored[1]])
            elif read is not None:  # the variable holds the item read (the call stands for the control's items)
                assigned.setdefault(_plain_name(read[1]), []).append(call)
            elif call.name.lower() in _IMPORTERS and call.args and call.target is not None \
                    and _plain_name(call.target):
                assigned.setdefault(_every_cell(_plain_name(call.target)), []).append(call.args[0])
        if isinstance(stmt, m.Assign) and stmt.value is not None:
            name = _cell(stmt.target) or _control_text(stmt.target, scope) or _plain_name(
                stmt.target.obj if isinstance(stmt.target, m.Index) else stmt.target) or _local_structure(
                stmt.target, scope)
            if name:
                assigned.setdefault(name, []).append(stmt.value)
        elif isinstance(stmt, m.DeclStmt):
            for decl in stmt.decls:
                if decl.init is not None:
                    assigned.setdefault(decl.name.lower(), []).append(decl.init)

    def own_sources(name: str) -> set:
        """What a name holds before any assignment: a parameter, an instance variable, a global (declared by
        the file, or by none of the script and its object: another file's), a function's filling."""
        found = set(filled.get(name, ()))
        root = name.partition(".")[0]
        if name in params:
            found.add(("param", params[name]))
        elif root in scope.globals or root not in instance and root not in scope.local_types:
            found.add(("instance", name, GLOBAL_OWNER))
        elif root in instance:
            found.add(("instance", name))
        return found

    def expr_sources(expr: Optional[m.Expr]) -> tuple[set, set]:
        """The sources an expression gives directly, and the names whose sources it gives too."""
        found, names = set(), set()
        for kind, item in _expr_sources(expr, scope):
            if kind == "name":
                names.add(item)
                if "." in item:  # a cell holds what was imported into the whole DataStore too
                    names.add(_every_cell(item.partition(".")[0]))
            elif kind == "member":  # another object's instance variable: ("instance", name, its type)
                found.add(("instance", item[1], item[0]))
            else:
                found.add(("message",) if kind == "message" else ("result", item))
        return found, names

    # every name's sources, to a fixed point over what its assignments read (flow-insensitive)
    closure: dict[str, set] = {}
    reads: dict[str, set] = {}
    for name, values in assigned.items():
        closure[name], reads[name] = own_sources(name), set()
        for value in values:
            found, names = expr_sources(value)
            closure[name] |= found
            reads[name] |= names
    changed = True
    while changed:
        changed = False
        for name, read in reads.items():
            for other in read:
                more = closure[other] if other in closure else own_sources(other)
                if not more <= closure[name]:
                    closure[name] |= more
                    changed = True

    def sources_of_name(name: str) -> frozenset:
        return frozenset(closure[name] if name in closure else own_sources(name))

    def sources_of(expr: Optional[m.Expr]) -> frozenset:
        found, names = expr_sources(expr)
        for name in names:
            found |= sources_of_name(name)
        return frozenset(found)

    summary = ScriptSummary(file.path, scope.object, script.name.lower(), script.kind, len(script.params),
                            script.access == "global", script.line, tuple(p.array for p in script.params),
                            calls=calls, appended=frozenset(
                                name for stmt, _ in statements if isinstance(stmt, m.Assign) and stmt.op == "+="
                                and (name := _plain_name(stmt.target)) in instance))
    procedures = _procedures_prepared(statements, assigned)
    for stmt, stmt_calls in statements:
        if isinstance(stmt, m.Jump) and stmt.kind == "return" and stmt.value is not None:
            summary.returns |= sources_of(stmt.value)
        bound = bound_variables(stmt) if isinstance(stmt, m.EmbeddedSql) and procedures else None
        if bound and procedures.get(bound[0]):  # the text bound to a procedure's ``?`` is what it runs
            where = f"parameter of {procedures[bound[0]]}, {stmt.kind.upper()} at {file.path}:{stmt.line}"
            for source in sorted({s for name in bound[1] for s in sources_of_name(name)}, key=repr):
                summary.sinks.setdefault(source, where)
        if isinstance(stmt, m.EmbeddedSql):
            host = _HOST.match(stmt.text.strip())
            if host:
                where = f"{stmt.kind.upper()} at {file.path}:{stmt.line}"
                name = host.group(1).lower().removeprefix("this.")
                root, _, member = name.partition(".")
                owner = scope.object_type(m.Name(stmt.line, stmt.start, stmt.start, root)) if member else None
                through = {("instance", member, owner)} if owner and "." not in member else set()  # ``:inv_h.is_sql``
                if member and root in scope.local_types:  # a local structure's field is made from it (``:llvi.Data``)
                    through |= sources_of_name(root)
                for source in sorted(sources_of_name(name) | through, key=repr):
                    summary.sinks.setdefault(source, where)
        for call, ref in stmt_calls:
            for index, arg in enumerate(call.args):
                for source in sources_of(arg):
                    if call.name.lower() in BUILTIN_SINKS and index == 0:
                        summary.sinks.setdefault(source, f"{call.name} at {file.path}:{call.line}")
                    else:
                        summary.passes.append((source, ref, index, call.line))
    for index, param in enumerate(script.params):
        if param.ref:
            summary.ref_flows[index] = sources_of_name(param.name.lower()) - {("param", index)}
    for name in assigned:  # (a cell of a parameter's object: of the object each caller passes there)
        root, _, member = name.partition(".")
        if name in instance or root in instance or member and root not in scope.local_types:
            summary.stores[name] = sources_of_name(name) - {("instance", name)}
        elif member and root in params:
            summary.stores[param_cell(summary.name, params[root], member)] = sources_of_name(name)
    return summary


def _procedures_prepared(statements: list, assigned: dict[str, list[m.Expr]]) -> dict[str, str]:
    """The procedures a script prepares calls of with ``?`` parameters (``PREPARE SQLSA FROM :ls_call`` where
    ``ls_call = "EXECUTE dbo.psp_run @stmt = ?"``), by staging area and by the dynamic procedures declared
    for it; read from the literals the script writes."""
    procedures: dict[str, str] = {}
    links: dict[str, str] = {}
    for stmt, _ in statements:
        prepared = prepared_in(stmt) if isinstance(stmt, m.EmbeddedSql) else None
        if prepared is None:
            continue
        area, variable, text = prepared
        if variable is None and stmt.kind != "prepare":
            links[area] = text.lower()
            continue
        texts = [text] if variable is None else [v.value for v in assigned.get(variable, ())
                                                  if isinstance(v, m.StringLit)]
        called = next(filter(None, map(procedure_called, texts)), None)
        if called:
            procedures[area] = called
    procedures.update((name, procedures[area]) for name, area in links.items() if area in procedures)
    return procedures


def procedure_called(prepared: str) -> Optional[str]:
    """The procedure a prepared statement calls with ``?`` parameters (``EXEC (?)`` for a batch run from its
    parameter); None for any other statement (``UPDATE t SET c = ?``: its parameters are values)."""
    found = _PROCEDURE_CALL.match(prepared)
    return found.group(1) if found else None


def bound_variables(stmt: m.EmbeddedSql) -> Optional[tuple[str, list[str]]]:
    """``EXECUTE [DYNAMIC] name USING :a, :b``: the statement (or dynamic procedure) run and the variables
    bound to its ``?`` parameters, in order; None for any other statement."""
    found = _EXECUTE_USING.match(stmt.text.strip()) if stmt.kind.startswith("execute") else None
    if found is None:
        return None
    return found.group(1).lower(), [v.lower().removeprefix("this.") for v in _HOST_VARIABLE.findall(found.group(2))]


def prepared_in(stmt: m.EmbeddedSql) -> Optional[tuple[str, Optional[str], Optional[str]]]:
    """``PREPARE sa FROM :x`` / ``FROM "text"``: the staging area, the variable or the literal text; ``DECLARE p
    DYNAMIC PROCEDURE FOR sa``: (p, None, sa) as a link from the procedure to its staging area."""
    text = stmt.text.strip()
    declared = _DECLARE_DYNAMIC.match(text) if stmt.kind.startswith("declare") else None
    if declared:
        return declared.group(1).lower(), None, declared.group(2).lower()
    found = _PREPARE.match(text) if stmt.kind == "prepare" else None
    if found is None:
        return None
    return found.group(1).lower(), (found.group(2) or "").lower() or None, found.group(4)


def _created_class(value: Optional[m.Expr]) -> Optional[str]:
    """The class ``create n_cst_x`` or ``create using "n_cst_x"`` makes; None for any other value."""
    if not isinstance(value, m.CreateExpr):
        return None
    if value.class_name:
        return value.class_name.lower()
    return value.using.value.lower() if isinstance(value.using, m.StringLit) else None


def global_types(text: str) -> dict[str, str]:
    """Global variables a file declares, with their types: ``global n_tr sqlca`` (an application's
    forward block) and the lines of a ``global variables`` block."""
    found = {name.lower(): kind.lower() for kind, name in _GLOBAL_DECLARATION.findall(text)}
    for block in _GLOBAL_VARIABLES.findall(text):
        found.update((name.strip().lower(), kind.lower()) for kind, names in _DECLARATION.findall(block)
                     if kind.lower() != "end" for name in names.split(","))
    return found


def _plain_name(expr: m.Expr) -> Optional[str]:
    if isinstance(expr, m.Name):
        return expr.name.lower()
    if isinstance(expr, m.Member) and isinstance(expr.obj, m.Name) and expr.obj.name.lower() == "this":
        return expr.name.lower()
    return None


def _cell(expr: m.Expr) -> Optional[str]:
    """``ds.column`` for a cell of a DataWindow or DataStore variable named by a literal column:
    ``ds.SetItem(row, "column", value)``, ``ds.GetItemString(row, "column")``, ``ds.Object.column[row]``."""
    if isinstance(expr, m.Call) and len(expr.args) >= 2 and isinstance(expr.args[1], m.StringLit) and (
            expr.name.lower() in _CELL_READERS or expr.name.lower() == "setitem"):
        owner = _plain_name(expr.target) if expr.target is not None else None
        return f"{owner}.{expr.args[1].value.lower()}" if owner else None
    if isinstance(expr, m.Call) and expr.target is not None and expr.args and (
            expr.name.lower() in _ITEM_ADDERS or expr.name.lower() in _ITEM_READERS and len(expr.args) <= 2):
        owner = _plain_name(expr.target)
        return f"{owner}.{ITEMS}" if owner else None
    if isinstance(expr, m.Index) and isinstance(expr.obj, m.Member) and isinstance(expr.obj.obj, m.Member) \
            and expr.obj.obj.name.lower() == "object":
        owner = _plain_name(expr.obj.obj.obj)
        return f"{owner}.{expr.obj.name.lower()}" if owner else None
    if isinstance(expr, m.Member) and expr.name.lower() in _WHOLE_COLUMN and isinstance(expr.obj, m.Member) \
            and isinstance(expr.obj.obj, m.Member) and expr.obj.obj.name.lower() == "object":
        owner = _plain_name(expr.obj.obj.obj)  # ``ids_plan.Object.sql_text.Primary``: every row's cell at once
        return f"{owner}.{expr.obj.name.lower()}" if owner else None
    return None


def _local_structure(target: m.Expr, scope: Scope) -> Optional[str]:
    """The local variable whose field an assignment sets (``ltvi_step.Data = as_sql``): the structure is made
    from its fields, as a field read is made from the structure."""
    if isinstance(target, m.Member) and isinstance(target.obj, m.Name) and target.obj.name.lower() in scope.local_types:
        return target.obj.name.lower()
    return None


def param_cell(script: str, index: int, member: str) -> str:
    """The name of a cell of the object passed as parameter ``index`` of ``script`` (``of_queue(alb_steps)``
    adding items to ``alb_steps``): what is stored there is kept in the object each caller passes."""
    return f"{script}#{index}.{member}"


def _control_text(expr: m.Expr, scope: Scope) -> Optional[str]:
    """``mle_sql.text`` for the ``Text`` of a control (a name no variable declares): what a window's scripts
    keep there, one script setting it and another reading it."""
    if isinstance(expr, m.Member) and expr.name.lower() == "text" and isinstance(expr.obj, m.Name):
        name = expr.obj.name.lower()
        if name not in ("this", "parent", "super", "message") and not scope.object_type(expr.obj):
            return f"{name}.text"
    return None


def assigned_cell(target: m.Expr) -> Optional[str]:
    """The cell an assignment writes (``dw_ddl.Object.ddl_text[ll_row] = …``); None for any other target."""
    return _cell(target) if isinstance(target, m.Index) else None


def param_cell_of(name: str) -> Optional[tuple[int, str]]:
    """The parameter index and member of a ``param_cell`` name; None for any other name."""
    owner, _, member = name.partition(".")
    _, hash_, index = owner.partition("#")
    return (int(index), member) if hash_ and index.isdigit() else None


def stored_item(call: m.Call) -> Optional[tuple[str, int]]:
    """The cell a call stores a value in (``ds.SetItem(row, "sql_text", ls)``, ``lb_steps.AddItem(ls)``) and the
    argument that value is; None for any other call."""
    name = call.name.lower()
    cell = _cell(call) if name == "setitem" and len(call.args) == 3 or name in _ITEM_ADDERS else None
    if cell is None:
        return None
    if name == "setitem":
        return cell, 2
    return cell, 0 if name == "additem" or name == "insertitem" and len(call.args) == 2 else min(len(call.args) - 1, 2)


def item_read(call: m.Call) -> Optional[tuple[str, m.Expr]]:
    """The control's items (``tv_steps.items``) and the variable ``tv_steps.GetItem(ll_handle, ltvi)`` fills
    with one of them; None for any other call."""
    if call.name.lower() == "getitem" and len(call.args) == 2 and _plain_name(call.args[1]):
        cell = _cell(call)
        return (cell, call.args[1]) if cell else None
    return None


def _every_cell(owner: str) -> str:
    """The name standing for every cell of a DataWindow or DataStore variable (what ``ImportString`` fills)."""
    return f"{owner}.*"


def statement_roots(stmt: m.Stmt) -> list[Optional[m.Expr]]:
    """The expressions written in one statement (not in its nested blocks)."""
    if isinstance(stmt, m.Assign):
        return [stmt.target, stmt.value]
    if isinstance(stmt, m.ExprStmt):
        return [stmt.expr]
    if isinstance(stmt, m.DeclStmt):
        return [d.init for d in stmt.decls]
    if isinstance(stmt, m.Jump):
        return [stmt.value]
    if isinstance(stmt, m.If):
        return [arm.cond for arm in stmt.arms]
    if isinstance(stmt, m.Loop):
        return [stmt.cond, stmt.first, stmt.last, stmt.step]
    if isinstance(stmt, m.Choose):
        return [stmt.subject]
    return []


def statement_calls(stmt: m.Stmt) -> Iterator[m.Call]:
    """The calls written in one statement (not in its nested blocks)."""
    pending = statement_roots(stmt)
    while pending:
        node = pending.pop()
        if isinstance(node, m.Call):
            yield node
        if node is not None:
            pending.extend(m.children(node))

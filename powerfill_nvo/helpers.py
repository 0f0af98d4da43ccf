"""The schema-migration helper (``…_set_addcolumn``): which argument is the table, column, definition.

Roles come from the helper's own definition when it is among the scanned
sources (parameter names and types), else from the conventional order: table,
column, definition, after a leading transaction argument. A helper with no
column parameter takes the column and its definition in one string
(``"div_by numeric(11,8) null"``): role ``column definition``. A call is read
through the definition in its own object or its nearest ancestor's, else through
the first definition in path order; definitions of one name whose roles differ
are reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from . import model as m
from .extract import CallSite, FoldedArg
from .sources import walk_order

TABLE, COLUMN, DEFINITION, TRANSACTION, OTHER = "table", "column", "definition", "transaction", "other"
_DEFAULT_SCHEMA = re.compile(r"(?:\[dbo\]|dbo)\s*\.\s*(?=\S)", re.I)
_BRACKETED_WORD = re.compile(r"\[(\w+)\]")
COLUMN_DEFINITION = "column definition"
_ROLE_BY_NAME = (
    (DEFINITION, re.compile(r"def|datatype|data_type|type|spec|ddl", re.I)),
    (TABLE, re.compile(r"tab|tbl", re.I)),
    (COLUMN, re.compile(r"col|field|fld", re.I)),
)
_TRANSACTION_ARG = re.compile(r"sqlca|[a-z]*tr(?:ans)?_\w*|.*trans\w*", re.I)
_COLUMN_THEN_DEFINITION = re.compile(r"\s*(\[(?:[^\]]|\]\])+\]|\"[^\"]+\"|\S+)\s+(\S.*)", re.S)
_SQL_TYPE = re.compile(r"\s*([A-Za-z_][\w ]*?)\s*(\(|\b(?:not|null|default|identity|primary|unique|constraint|collate)\b|$)", re.I)


@dataclass
class HelperRoles:
    """Argument roles of one helper; ``source`` says where they came from."""

    name: str
    roles: list[str]
    source: str
    file: Optional[str] = None
    line: int = 0


def _role(param: m.Param) -> str:
    if param.type.lower() == "transaction":
        return TRANSACTION
    name = re.sub(r"^[a-z]{1,3}_", "", param.name, flags=re.I)
    for role, pattern in _ROLE_BY_NAME:
        if pattern.search(name):
            return role
    return OTHER


def helper_roles(files: Iterable[m.SourceFile], pattern: re.Pattern) -> dict[tuple[str, str], HelperRoles]:
    """Roles of every helper (name matching ``pattern``) defined in ``files``, by (file, lower-case name)."""
    found: dict[tuple[str, str], HelperRoles] = {}
    for file in files:
        for script in file.scripts:
            if script.kind in ("function", "subroutine") and pattern.search(script.name) and script.parsed:
                roles = [_role(p) for p in script.params]
                if COLUMN not in roles and roles.count(DEFINITION) == 1:
                    roles[roles.index(DEFINITION)] = COLUMN_DEFINITION
                if TABLE in roles and (COLUMN_DEFINITION in roles or COLUMN in roles and DEFINITION in roles):
                    found.setdefault((file.path, script.name.lower()), HelperRoles(
                        script.name, roles, f"definition at {file.path}:{script.line}", file.path, script.line))
    return found


#: Ancestor chains followed at most this deep (a loop in declared ancestors cannot hang the walk).
_MAX_ANCESTRY = 32


class CallLineage:
    """For a helper call, the files whose definition it means, nearest first: for ``inv_x.f(…)`` (``inv_x`` an
    instance variable of the caller or an ancestor), the file of ``inv_x``'s type and its ancestors' files; else
    the caller's own file and its ancestors' files. An object exported twice: the first file in path order."""

    def __init__(self, files: Iterable[m.SourceFile]) -> None:
        self.files = {f.path: f for f in sorted(files, key=lambda f: (walk_order(f.path), f.path))}
        self.defining: dict[str, m.SourceFile] = {}
        for file in self.files.values():
            if file.object_name:
                self.defining.setdefault(file.object_name.lower(), file)

    def chain(self, file: m.SourceFile) -> list[str]:
        """``file``'s path, then the paths of the files defining its ancestors."""
        chain, current = [file.path], file
        while len(chain) < _MAX_ANCESTRY and current.ancestor and \
                (parent := self.defining.get(current.ancestor.lower())) and parent.path not in chain:
            chain.append(parent.path)
            current = parent
        return chain

    def __call__(self, call: CallSite) -> list[str]:
        file = self.files.get(call.file)
        if file is None:
            return [call.file]
        own = self.chain(file)
        target = self._variable_type(own, call.qualifier.strip().lower()) if call.qualifier else None
        return self.chain(self.defining[target]) if target in self.defining else own

    def _variable_type(self, chain: list[str], name: str) -> Optional[str]:
        for path in chain:
            for variable in self.files[path].variables:
                if variable.name.lower() == name:
                    return variable.type.lower()
        return None


def _first_definitions(helpers: dict[tuple[str, str], HelperRoles]) -> dict[str, HelperRoles]:
    """Lower-case name -> the definition in the first file in path order (the one a call in a file
    that does not define the helper is read through)."""
    first: dict[str, HelperRoles] = {}
    for (_, name), roles in sorted(helpers.items(), key=lambda item: (walk_order(item[0][0]), item[0][0])):
        first.setdefault(name, roles)
    return first


def helper_conflicts(helpers: dict[tuple[str, str], HelperRoles]) -> list[m.Diagnostic]:
    """A warning at each definition whose roles differ from those of the first definition of its name,
    naming both places and which one calls elsewhere are read through."""
    first = _first_definitions(helpers)
    conflicts = []
    for (_, name), roles in helpers.items():
        chosen = first[name]
        if roles.roles != chosen.roles:
            conflicts.append(m.Diagnostic(roles.file, roles.line, (
                f"helper {roles.name} is defined with other parameter roles in {chosen.file}:{chosen.line} "
                f"({', '.join(chosen.roles)}) than here ({', '.join(roles.roles)}): calls from this object and its "
                f"descendants are read through this definition, calls from objects that neither define nor inherit "
                f"{roles.name} through {chosen.file}:{chosen.line} (the first file in path order)"), "warning"))
    return sorted(conflicts, key=lambda d: (walk_order(d.file), d.file, d.line))


def default_roles(call: CallSite) -> HelperRoles:
    """Table, column, definition in that order, after a leading transaction argument."""
    args = call.args
    leading = len(args) >= 4 or (args and _TRANSACTION_ARG.fullmatch(args[0].source.strip()) is not None)
    named = [TABLE, COLUMN_DEFINITION] if len(args) - leading == 2 else [TABLE, COLUMN, DEFINITION]
    roles = ([TRANSACTION] if leading else []) + named
    roles += [OTHER] * (len(args) - len(roles))
    return HelperRoles(call.call.name, roles[:len(args)], "default order (helper definition not scanned)")


@dataclass
class AddColumn:
    """A helper call read through its roles; ``column_arg`` is ``definition_arg`` when one string
    holds both."""

    call: CallSite
    roles: HelperRoles
    table_arg: Optional[FoldedArg]
    column_arg: Optional[FoldedArg]
    definition_arg: Optional[FoldedArg]
    ambiguity: Optional[str] = None  # the other definitions a call from elsewhere could have meant
    #: The definition the helper's body builds for this call's arguments, when it is in the sources and adds
    #: the column (``ls_def = as_type + " NOT NULL"``); the definition argument otherwise.
    built_definition: Optional[str] = None

    @staticmethod
    def _value(arg: Optional[FoldedArg]) -> Optional[str]:
        if arg is None or not arg.resolved:
            return None
        return arg.value.text.strip() or None

    @property
    def table(self) -> Optional[str]:
        """The table argument, without the default schema or the brackets of a plain name (``dbo.t`` and
        ``[dbo].[t]`` are the ``t`` the SQL names)."""
        value = self._value(self.table_arg)
        default_schema = _DEFAULT_SCHEMA.match(value) if value else None
        value = value[default_schema.end():] if default_schema else value
        plain = _BRACKETED_WORD.fullmatch(value) if value else None
        return plain.group(1) if plain else value

    def _split(self) -> Optional[re.Match]:
        """Column and definition of a ``column definition`` argument."""
        value = self._value(self.column_arg)
        return _COLUMN_THEN_DEFINITION.fullmatch(value) if value else None

    @property
    def column(self) -> Optional[str]:
        if self.column_arg is not self.definition_arg:
            return self._value(self.column_arg)
        split = self._split()
        return split.group(1) if split else None

    @property
    def definition(self) -> Optional[str]:
        if self.built_definition is not None:
            return self.built_definition
        if self.column_arg is not self.definition_arg:
            return self._value(self.definition_arg)
        split = self._split()
        return split.group(2).strip() if split else None

    @property
    def resolved(self) -> bool:
        return None not in (self.table, self.column, self.definition)

    @property
    def sql_type(self) -> str:
        """The SQL type the definition starts with, upper-case (``NUMERIC(11,8)``), or ''."""
        definition = self.definition or ""
        match = _SQL_TYPE.match(definition)
        if not match:
            return ""
        name = " ".join(match.group(1).split()).upper()
        if match.group(2) == "(":
            close = definition.find(")", match.end())
            if close > 0:
                return name + "(" + "".join(definition[match.end():close].split()) + ")"
        return name


def read_call(call: CallSite, helpers: dict[tuple[str, str], HelperRoles], lineage: Sequence[str] = ()) -> AddColumn:
    """The call read through the helper defined in the first file of ``lineage`` (its own file, then its
    ancestors' files) that defines one, else the one defined in the first file in path order, else the
    default."""
    name = call.call.name.lower()
    roles = next((helpers[path, name] for path in lineage or [call.file] if (path, name) in helpers), None)
    ambiguity = None
    if roles is None and (roles := _first_definitions(helpers).get(name)):
        others = [r for (_, n), r in helpers.items() if n == name and r.roles != roles.roles]
        if others:
            ambiguity = (f"read through the {roles.name} of {roles.file}:{roles.line} (first in path order); "
                         + "; ".join(f"{r.file}:{r.line} defines it as ({', '.join(r.roles)})" for r in others))
    roles = roles or default_roles(call)

    def arg(role: str) -> Optional[FoldedArg]:
        return call.args[roles.roles.index(role)] if role in roles.roles and \
            roles.roles.index(role) < len(call.args) else None

    combined = arg(COLUMN_DEFINITION)
    if combined is not None:
        addition = AddColumn(call, roles, arg(TABLE), combined, combined, ambiguity)
    else:
        addition = AddColumn(call, roles, arg(TABLE), arg(COLUMN), arg(DEFINITION), ambiguity)
    addition.built_definition = _definition_built(call, addition.table, addition.column, addition.definition)
    return addition


def _definition_built(call: CallSite, table: Optional[str], column: Optional[str],
                      passed: Optional[str]) -> Optional[str]:
    """The definition of ``table.column`` in the SQL the helper builds for ``call`` (``CallSite.built``) when it
    adds to the definition ``passed`` (``char(3)`` built into ``char(3) NULL``); None otherwise (a template the
    helper fills, or the argument used as it is)."""
    if not call.built or not table or not column or not passed:
        return None
    from .sql import collect_definitions  # the SQL stage: only for helpers whose body is followed
    name = table.rsplit(".", 1)[-1].strip("[]").lower()
    wanted = " ".join(passed.split()).lower()  # compared without case or spacing
    return next((d.definition for text in call.built if text.complete for d in collect_definitions(text)
                 if d.added and d.column.lower() == column.lower()
                 and d.table.rsplit(".", 1)[-1].strip("[]").lower() == name
                 and _extends(" ".join(d.definition.split()).lower(), wanted)), None)


def _extends(built: str, passed: str) -> bool:
    return passed in built and built != passed

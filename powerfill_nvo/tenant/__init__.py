"""A tenant database's schema (tables, columns, types, nullability), read from a live database, a snapshot
file (CSV of INFORMATION_SCHEMA.COLUMNS, the JSON of ``nvo-scan snapshot``, a DDL script), and changed by
simulated deploy scripts (``deploy_sim.py``). Names compare case-insensitively, as SQL Server's default
collation does.
"""
from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from typing import Optional

#: Spellings of one type, to the SQL Server name (PostgreSQL's INFORMATION_SCHEMA names included).
TYPE_ALIASES = {
    "decimal": "numeric", "dec": "numeric", "integer": "int", "int4": "int", "int8": "bigint", "int2": "smallint",
    "character varying": "varchar", "character": "char", "national character varying": "nvarchar",
    "national char varying": "nvarchar", "national character": "nchar", "national char": "nchar",
    "double precision": "float", "timestamp without time zone": "datetime",
}
#: Types whose length counts; their declared default length is 1 (``varchar`` = ``varchar(1)``).
LENGTH_TYPES = frozenset({"char", "varchar", "nchar", "nvarchar", "binary", "varbinary"})
#: Types whose precision and scale count; declared default (18, 0).
EXACT_NUMERIC = frozenset({"numeric"})
_TYPE = re.compile(r"\s*\[?([a-z_]\w*(?:\s+(?:varying|precision|char|character|without\s+time\s+zone)\b)*)\]?"
                   r"\s*(?:\(\s*([^)]*)\))?", re.I)
_NOT_NULL = re.compile(r"\bnot\s+null\b", re.I)
_NULL = re.compile(r"\bnull\b", re.I)
_NEVER_NULL = re.compile(r"\b(?:primary\s+key|identity)\b", re.I)


class TenantError(Exception):
    """A tenant schema that cannot be read: a bad snapshot, a database that cannot be reached.

    The message is one line naming the file (and line) or the server and database, never a password.
    """


@dataclass(frozen=True)
class ColumnType:
    """A column type normalised for comparison: ``name`` as SQL Server spells it; ``length`` -1 is ``max``;
    None where unknown (then not compared)."""

    name: str
    length: Optional[int] = None
    precision: Optional[int] = None
    scale: Optional[int] = None

    def __str__(self) -> str:
        if self.name in LENGTH_TYPES and self.length is not None:
            return f"{self.name}({'max' if self.length == -1 else self.length})"
        if self.name in EXACT_NUMERIC and self.precision is not None:
            return f"{self.name}({self.precision},{self.scale or 0})"
        return self.name

    def differs_from(self, other: "ColumnType") -> bool:
        """True when the two types differ in name, or in a length/precision/scale both sides know."""
        if self.name != other.name:
            return True
        if self.name in LENGTH_TYPES:
            return None not in (self.length, other.length) and self.length != other.length
        if self.name in EXACT_NUMERIC:
            return any(None not in (a, b) and a != b for a, b in
                       ((self.precision, other.precision), (self.scale, other.scale)))
        return False


def type_name(name: str) -> str:
    """``DECIMAL`` -> ``numeric``, ``character varying`` -> ``varchar``; other names in lower case."""
    plain = " ".join(name.lower().replace("[", "").replace("]", "").split())
    return TYPE_ALIASES.get(plain, plain)


def _number(text: Optional[str]) -> Optional[int]:
    text = (text or "").strip()
    if text.lower() == "max":
        return -1
    return int(text) if text.lstrip("-").isdigit() else None


def declared_type(text: str) -> Optional[ColumnType]:
    """The type at the start of a declaration as written (``NUMERIC(11,8)``, ``[varchar](max) NULL``,
    ``varchar``), with SQL Server's defaults for what a declaration leaves out; None for an empty or
    unreadable text."""
    match = _TYPE.match(text or "")
    if not match:
        return None
    name = type_name(match.group(1))
    args = [a for a in (match.group(2) or "").split(",") if a.strip()]
    if name in LENGTH_TYPES:
        return ColumnType(name, _number(args[0]) if args else 1)
    if name in EXACT_NUMERIC:
        return ColumnType(name, None, _number(args[0]) if args else 18, _number(args[1]) if len(args) > 1 else 0)
    return ColumnType(name)


@functools.lru_cache(maxsize=4096)  # a snapshot's 30,000 columns have a few dozen types
def catalog_type(data_type: str, max_length: Optional[int], precision: Optional[int],
                 scale: Optional[int]) -> ColumnType:
    """The type of an INFORMATION_SCHEMA.COLUMNS row (lengths only for character and binary types,
    precision and scale only for exact numerics, as SQL Server reports them)."""
    name = type_name(data_type)
    if name in LENGTH_TYPES:
        return ColumnType(name, max_length)
    if name in EXACT_NUMERIC:
        return ColumnType(name, None, precision, scale)
    return ColumnType(name)


def declared_nullable(definition: str) -> Optional[bool]:
    """Whether a column definition allows NULL: ``NOT NULL``, PRIMARY KEY and IDENTITY say no, ``NULL``
    says yes; None when it does not say (the server's setting decides)."""
    if _NOT_NULL.search(definition) or _NEVER_NULL.search(definition):
        return False
    return True if _NULL.search(definition) else None


@dataclass
class TenantColumn:
    name: str
    type: ColumnType
    nullable: Optional[bool]

    def describe(self) -> str:
        """``numeric(11,8) NULL`` (nullability left out when unknown)."""
        return f"{self.type}{'' if self.nullable is None else ' NULL' if self.nullable else ' NOT NULL'}"


class TenantTable:
    """A table's columns by lower-case name. The columns a snapshot lists are kept as read (name, type,
    nullability) until the table is first looked at: a comparison looks at a few dozen of a tenant's
    thousands of tables, and rows are cheap to send from the process that read them."""

    def __init__(self, name: str, columns: Optional[dict[str, TenantColumn]] = None) -> None:
        self.name = name
        self._columns = {} if columns is None else columns
        self._listed: list[tuple[str, ColumnType, Optional[bool]]] = []

    def __repr__(self) -> str:
        return f"TenantTable({self.name!r}, {self.columns!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TenantTable) and (self.name, self.columns) == (other.name, other.columns)

    @property
    def columns(self) -> dict[str, TenantColumn]:
        if self._listed:
            for name, column_type, nullable in self._listed:
                self._columns[name.lower()] = TenantColumn(name, column_type, nullable)
            self._listed = []
        return self._columns

    @columns.setter
    def columns(self, columns: dict[str, TenantColumn]) -> None:
        self._columns, self._listed = columns, []

    def list_column(self, name: str, column_type: ColumnType, nullable: Optional[bool]) -> None:
        """A column as a snapshot lists it (``add`` when the table is first looked at)."""
        self._listed.append((name, column_type, nullable))

    def add(self, column: TenantColumn) -> None:
        self.columns[column.name.lower()] = column

    def column_count(self) -> int:
        """``len(self.columns)``, the columns listed and not looked at yet counted by name without being made
        (a 30,000-column snapshot's count in drift's header: 0.05-0.2 s to make them all)."""
        if not self._listed:
            return len(self._columns)
        return len(self._columns.keys() | {name.lower() for name, _, _ in self._listed})

    def column(self, name: str) -> Optional[TenantColumn]:
        return self.columns.get(name.lower())


@dataclass
class TenantSchema:
    """The tables of one database schema. ``source`` says where it was read (a URL without its password,
    or a file); ``taken_at`` when (ISO 8601, UTC)."""

    source: str
    kind: str
    schema: str
    database: Optional[str] = None
    server: Optional[str] = None
    taken_at: Optional[str] = None
    tables: dict[str, TenantTable] = field(default_factory=dict)
    #: Statements of a DDL snapshot that could not be followed (``deploy_sim.NotSimulated``).
    not_read: list = field(default_factory=list)

    def table(self, name: str) -> Optional[TenantTable]:
        return self.tables.get(name.lower())

    def add_table(self, name: str) -> TenantTable:
        """The table ``name``, created empty when absent."""
        key = name.lower()
        table = self.tables.get(key)
        if table is None:
            table = self.tables[key] = TenantTable(name)
        return table

    def drop_table(self, name: str) -> None:
        self.tables.pop(name.lower(), None)

    def column_count(self) -> int:
        return sum(t.column_count() for t in self.tables.values())

    def copy(self) -> "TenantSchema":
        return copy.deepcopy(self)

    def describe(self) -> str:
        """``server/database, schema dbo`` as far as known (never credentials)."""
        where = "/".join(p for p in (self.server, self.database) if p) or self.source
        return f"{where}, schema {self.schema}"

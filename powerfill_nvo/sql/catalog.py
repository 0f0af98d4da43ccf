"""Known tables and their columns: the catalog (all texts) and the view of it from one text."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from .model import ColumnDef


class Catalog:
    """Table name (case-insensitive) -> ordered column definitions.

    ``memo`` holds per-statement results computed against this catalog; it is
    emptied whenever the catalog changes.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._columns: dict[str, dict[str, ColumnDef]] = {}
        self._by_column: dict[str, list[str]] = {}
        self.memo: dict = {}

    def __getstate__(self) -> dict:
        """Pickled without ``memo``: it is only a speed-up, rebuilt on use."""
        return {**self.__dict__, "memo": {}}

    def add_table(self, table: str, columns: list[ColumnDef]) -> None:
        """Add ``table`` (kept as first written) and its ``columns``."""
        self._names.setdefault(table.lower(), table)
        self._columns.setdefault(table.lower(), {})
        for definition in columns:
            self._add(table.lower(), definition)

    def add_column(self, definition: ColumnDef) -> None:
        """Add one column to its table (a later duplicate is ignored)."""
        self.add_table(definition.table, [definition])

    def _add(self, key: str, definition: ColumnDef) -> None:
        columns = self._columns[key]
        name = sys.intern(definition.column.lower())  # a lower-case name is its token's own string
        if name not in columns:
            columns[name] = definition
            self._by_column.setdefault(name, []).append(key)
        self.memo.clear()

    def names_digest(self) -> str:
        """A digest of all that ``analyze`` reads of the catalog: the tables' names as first written, each
        table's column names as written, in order, and which tables have each column, in order. Types,
        definitions and lines are not in it: analysis never reads them (``SchemaView`` and ``tables_with`` hand
        it names only), so the facts of a text depend on its text and this digest alone."""
        names = (list(self._names.items()), [(key, [(name, d.column) for name, d in columns.items()])
                                             for key, columns in self._columns.items()],
                 list(self._by_column.items()))
        return hashlib.sha256(repr(names).encode()).hexdigest()

    def tables(self) -> list[str]:
        return list(self._names.values())

    def columns(self, table: str) -> list[ColumnDef]:
        return list(self._columns.get(table.lower(), {}).values())

    def has(self, table: str, column: str) -> bool:
        return self.find(table, column) is not None

    def find(self, table: str, column: str) -> ColumnDef | None:
        """The definition of ``table.column``, if known."""
        return self._columns.get(table.lower(), {}).get(column.lower())

    def table_name(self, table: str) -> str | None:
        """``table`` as written in its definition, or None when unknown."""
        return self._names.get(table.lower())

    def tables_with(self, column: str) -> list[str]:
        return [self._names[key] for key in self._by_column.get(column.lower(), [])]

    @classmethod
    def from_schema_file(cls, path: str | Path) -> "Catalog":
        """A catalog of the CREATE TABLE / ALTER TABLE ADD statements of a .sql file."""
        from ..reader import read_source
        from ..sourcemap import MappedText
        from .analysis import collect_definitions

        source = read_source(path)  # any encoding an export may have, not only UTF-8
        text = MappedText.from_source(source.path, source.text, 1)
        catalog = cls()
        for definition in collect_definitions(text):
            catalog.add_column(definition)
        return catalog


class SchemaView:
    """The catalog as seen from one text, plus the tables that text defines itself
    (temp tables, table variables, ``SELECT … INTO`` targets)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._local: dict[str, tuple[str, dict[str, str]]] = {}
        self._signature: tuple | None = ()

    def define(self, table: str, columns: list[str]) -> None:
        """Record that ``table`` has ``columns`` (added to what is known of it)."""
        key = table.lower()
        if key not in self._local:
            known_name = self.catalog.table_name(table)
            self._local[key] = (known_name or table,
                                {sys.intern(c.column.lower()): c.column for c in self.catalog.columns(table)})
        known = self._local[key][1]
        for column in columns:
            known.setdefault(sys.intern(column.lower()), column)
        self._signature = None

    @property
    def signature(self) -> tuple:
        """What this text has defined (each table and its columns): part of a memoized statement's key. Made
        when first asked for after a change (only short statements are memoized: a 50,000-column table's
        signature is made only if one follows it)."""
        if self._signature is None:
            self._signature = tuple(
                (key, name, tuple(cols.items())) for key, (name, cols) in sorted(self._local.items()))
        return self._signature

    def known(self, table: str) -> bool:
        key = table.lower()
        return key in self._local or self.catalog.table_name(key) is not None

    def table_name(self, table: str) -> str:
        """``table`` as written in its definition (as given when unknown)."""
        local = self._local.get(table.lower())
        if local is not None:
            return local[0]
        return self.catalog.table_name(table) or table

    def column(self, table: str, column: str) -> str | None:
        """``column`` as written in ``table``'s definition, or None when it is not known there."""
        local = self._local.get(table.lower())
        if local is not None:
            return local[1].get(column.lower())
        found = self.catalog.find(table, column)
        return found.column if found else None

    def column_names(self, table: str) -> list[str]:
        local = self._local.get(table.lower())
        if local is not None:
            return list(local[1].values())
        return [definition.column for definition in self.catalog.columns(table)]

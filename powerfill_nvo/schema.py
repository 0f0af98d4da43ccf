"""The schema the sources imply: every table and column they create or add, with each definition's place."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .migrations import MigrationReport
from .whereused import table_matches


@dataclass(frozen=True, slots=True)
class SchemaColumn:
    table: str
    column: str
    sql_type: str
    definition: str
    file: str
    line: int
    kind: str


def implied_schema(report: MigrationReport, table: Optional[str] = None) -> list[SchemaColumn]:
    """One row per column definition (a column defined in two places has two rows), by table then line."""
    rows = []
    for m in report.migrations:
        if m.kind == "create_table":
            rows += [SchemaColumn(m.table, d.column, d.sql_type, d.definition, m.file, d.line, m.kind)
                     for d in m.columns]
        elif m.table and m.column:
            rows.append(SchemaColumn(m.table, m.column, m.sql_type, m.definition or "", m.file, m.line, m.kind))
    if table:
        rows = [r for r in rows if table_matches(table, r.table)]
    return sorted(rows, key=lambda r: (r.table.lower(), r.column.lower(), r.file, r.line))

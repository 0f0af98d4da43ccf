"""A CSV of INFORMATION_SCHEMA.COLUMNS: as Azure Data Studio / SSMS "save as CSV" write it, as ``sqlcmd -s","
-W`` writes it (a dashes line under the header, ``NULL`` for nulls, a trailing ``(N rows affected)``), and as
``psql \\copy (…) TO … CSV HEADER`` writes it (lower-case header)."""
from __future__ import annotations

import csv
import operator
import re
from typing import Optional

from . import ColumnType, TenantError, TenantSchema, catalog_type

REQUIRED = ("TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "CHARACTER_MAXIMUM_LENGTH",
            "NUMERIC_PRECISION", "NUMERIC_SCALE", "IS_NULLABLE")
_DASHES = re.compile(r"^\s*-+\s*(?:,\s*-+\s*)*$")
_ROWS_AFFECTED = re.compile(r"^\s*\((\d+) rows? affected\)\s*$", re.I)


def looks_like_csv(first_line: str) -> bool:
    """A first line that names INFORMATION_SCHEMA.COLUMNS fields."""
    fields = {f.strip().strip('"').upper() for f in first_line.lstrip("\ufeff").split(",")}
    return {"TABLE_NAME", "COLUMN_NAME"} <= fields


def _number(value: Optional[str], path: str, line: int, name: str) -> Optional[int]:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise TenantError(f"{path}: line {line}: {name} is not a number: {value[:40]!r}") from None


def read_csv(path: str, text: str, schema: Optional[str]) -> TenantSchema:
    """The tables of ``schema`` in ``text``, the CSV at ``path`` (``schema`` None: ``dbo`` if present, else the
    only schema in the file). Raises TenantError naming the line for a header without the needed columns, a
    row cut short, or a count that differs from sqlcmd's ``(N rows affected)``."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]  # lines as grep -n counts them
    numbered = [(i + 1, line) for i, line in enumerate(lines)]
    if numbered and len(numbered) > 1 and _DASHES.match(numbered[1][1]):
        del numbered[1]  # sqlcmd's line of dashes under the header
    affected = None
    while numbered and (not numbered[-1][1].strip() or _ROWS_AFFECTED.match(numbered[-1][1])):
        match = _ROWS_AFFECTED.match(numbered.pop()[1])
        affected = int(match.group(1)) if match else affected
    if not numbered:
        raise TenantError(f"{path}: empty file: no INFORMATION_SCHEMA.COLUMNS header")
    reader = csv.reader((line for _, line in numbered), strict=True)
    rows = []
    try:
        header = [h.strip().upper() for h in next(reader)]
        for row in reader:
            rows.append((numbered[reader.line_num - 1][0], row))
    except csv.Error as e:
        line = numbered[min(reader.line_num, len(numbered)) - 1][0]
        raise TenantError(f"{path}: line {line}: not valid CSV ({e}); is the file cut short?") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise TenantError(f"{path}: line 1: the header lacks {', '.join(missing)} "
                          "(`nvo-scan drift --print-query` prints the query whose result to save)")
    if affected is not None and affected != len(rows):
        raise TenantError(f"{path}: {len(rows)} rows, but sqlcmd reported {affected} rows affected: "
                          "the file is cut short")
    pick, width = operator.itemgetter(*(header.index(name) for name in REQUIRED)), len(header)
    records = []
    for line, row in rows:
        if len(row) != width:
            raise TenantError(f"{path}: line {line}: {len(row)} fields, the header has {width}; "
                              "is the file cut short?")
        values = [None if not (v := field.strip()) or (len(v) == 4 and v.upper() == "NULL") else v
                  for field in pick(row)]
        if None in values[1:4]:
            raise TenantError(f"{path}: line {line}: TABLE_NAME, COLUMN_NAME and DATA_TYPE must not be empty")
        records.append((line, values))
    chosen = _schema_of(path, schema, {v[0] or "" for _, v in records})
    tenant = TenantSchema(source=path, kind="csv", schema=chosen)
    wanted = chosen.lower()
    types: dict[tuple, ColumnType] = {}  # the few types of many rows, each read once
    for line, (table_schema, table, column, data_type, length, precision, scale, nullable) in records:
        if (table_schema or "").lower() != wanted:
            continue
        column_type = types.get((data_type, length, precision, scale))
        if column_type is None:
            column_type = types[data_type, length, precision, scale] = catalog_type(
                data_type, _number(length, path, line, "CHARACTER_MAXIMUM_LENGTH"),
                _number(precision, path, line, "NUMERIC_PRECISION"), _number(scale, path, line, "NUMERIC_SCALE"))
        allows_null = None if nullable is None else nullable.upper() in ("YES", "Y", "1", "TRUE")
        tenant.add_table(table).list_column(column, column_type, allows_null)
    return tenant


def _schema_of(path: str, wanted: Optional[str], present: set[str]) -> str:
    """The schema to read: ``wanted``, else ``dbo`` when present, else the only one."""
    if wanted:
        if present and wanted.lower() not in {s.lower() for s in present}:
            raise TenantError(f"{path}: no rows of schema {wanted} (the file has {', '.join(sorted(present))})")
        return wanted
    if any(s.lower() == "dbo" for s in present) or not present:
        return "dbo"
    if len(present) == 1:
        return next(iter(present))
    raise TenantError(f"{path}: several schemas ({', '.join(sorted(present))}); choose one with --db-schema")

"""Tenant snapshots on disk: the JSON ``nvo-scan snapshot`` writes, and which reader a file needs
(JSON, a CSV of INFORMATION_SCHEMA.COLUMNS, or a DDL script)."""
from __future__ import annotations

import json
from typing import Optional

import codecs

from . import ColumnType, TenantError, TenantSchema

FORMAT = "nvo-scan-snapshot"
VERSION = 1


def snapshot_json(tenant: TenantSchema) -> str:
    """The snapshot as JSON: the tenant's description and every table with its columns, sorted by name."""
    tables = [{"name": t.name,
               "columns": [{"name": c.name, "data_type": c.type.name, "max_length": c.type.length,
                            "precision": c.type.precision, "scale": c.type.scale, "nullable": c.nullable}
                           for c in t.columns.values()]}
              for _, t in sorted(tenant.tables.items())]
    return json.dumps({"format": FORMAT, "version": VERSION, "tenant": tenant_json(tenant), "tables": tables},
                      indent=1, ensure_ascii=False)


def tenant_json(tenant: TenantSchema) -> dict:
    """The ``tenant`` object of the drift contract (plus ``kind`` and ``server``)."""
    return {"source": tenant.source, "kind": tenant.kind, "server": tenant.server, "database": tenant.database,
            "schema": tenant.schema, "taken_at": tenant.taken_at}


def _read_json(path: str, text: str, schema: Optional[str]) -> TenantSchema:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise TenantError(f"{path}: line {e.lineno}: not valid JSON ({e.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TenantError(f"{path}: not a snapshot written by `nvo-scan snapshot` (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise TenantError(f"{path}: snapshot version {data.get('version')!r}; this nvo-scan reads version {VERSION}")
    try:
        described = data["tenant"]
        if schema and schema.lower() != str(described["schema"]).lower():
            raise TenantError(f"{path}: the snapshot is of schema {described['schema']}, not {schema}")
        tenant = TenantSchema(source=described["source"], kind=described.get("kind") or "json",
                              schema=described["schema"], database=described.get("database"),
                              server=described.get("server"), taken_at=described.get("taken_at"))
        types: dict[tuple, ColumnType] = {}  # the few types of many columns, each made once
        for table in data["tables"]:
            added = tenant.add_table(table["name"])
            for c in table["columns"]:
                key = (c["data_type"], c.get("max_length"), c.get("precision"), c.get("scale"))
                column_type = types.get(key)
                if column_type is None:
                    column_type = types[key] = ColumnType(*key)
                added.list_column(c["name"], column_type, c.get("nullable"))
    except (KeyError, TypeError, AttributeError) as e:
        raise TenantError(f"{path}: the snapshot lacks or misshapes {e}") from None
    return tenant


def read_text(path: str) -> str:
    """A snapshot file's text: UTF-16 with a BOM (SSMS's "Unicode"), else UTF-8 with or without a BOM."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise TenantError(f"{path}: cannot read file: {e.strerror or e}") from None
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise TenantError(f"{path}: line {line}: not UTF-8 or UTF-16 text (byte 0x{data[e.start]:02x}); "
                          "save the snapshot as UTF-8") from None


def load_snapshot(path: str, schema: Optional[str] = None) -> TenantSchema:
    """The tenant schema in the file at ``path``: JSON of ``nvo-scan snapshot``, a CSV of
    INFORMATION_SCHEMA.COLUMNS, or else a DDL script (CREATE TABLE …). Only JSON records when it was taken (a
    file's modification time says when it was checked out or copied, and would make outputs differ)."""
    from .csvfile import looks_like_csv, read_csv

    text = read_text(path)
    if text.lstrip().startswith("{"):
        return _read_json(path, text, schema)
    if looks_like_csv(text.split("\n", 1)[0]):
        tenant = read_csv(path, text, schema)
    else:
        from ..deploy_sim import read_ddl  # sqlglot loads for DDL snapshots only
        tenant = read_ddl(path, text, schema or "dbo")
    return tenant

"""Views of ``nvo-scan where-used``: grouped terminal table, JSON (a contract) and CSV."""
from __future__ import annotations

import csv
import io
import json
from itertools import groupby

from ..whereused import CREATION_KINDS, Site

_TEXT_WIDTH = 160
SITE_FIELDS = ["file", "line", "table", "kind", "script", "procedure", "text"]


def where_used_json(column: str, sites: list[Site]) -> dict:
    return {"column": column,
            "sites": [{name: getattr(s, name) for name in SITE_FIELDS} | {"access": s.access, "resolved": s.resolved,
                                                                  "origin": s.origin, "via": s.via}
                      for s in sites]}


def render_json(column: str, sites: list[Site]) -> str:
    return json.dumps(where_used_json(column, sites), indent=2, ensure_ascii=False)


def render_csv(column: str, sites: list[Site]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["column"] + SITE_FIELDS)
    for s in sites:
        writer.writerow([column] + ["" if getattr(s, f) is None else getattr(s, f) for f in SITE_FIELDS])
    return out.getvalue()


def _group(site: Site) -> str:
    if site.kind in CREATION_KINDS:
        return "created or added"
    if site.procedure:
        return f"procedure {site.procedure}"
    return f"script {site.script}"


def render_table_view(column: str, sites: list[Site]) -> str:
    if not sites:
        return f"{column}: no site found"
    parts = []
    for heading, group in groupby(sites, key=_group):
        parts.append(heading)
        for s in group:
            text = s.text if len(s.text) <= _TEXT_WIDTH else s.text[:_TEXT_WIDTH - 1] + "…"
            kind = f"{s.kind} (unexecuted)" if s.origin == "unexecuted" else s.kind
            parts.append(f"  {s.file}:{s.line}  {s.table or '(table not known)'}  {kind}  {text}")
    tables = sorted({s.table for s in sites if s.table}, key=str.lower)
    unattributed = sum(1 for s in sites if s.table is None)
    parts.append(f"{len(sites)} sites of {column} in {len(tables)} tables" + (f": {', '.join(tables)}" if tables else "")
                 + (f"; {unattributed} not attributed to a table" if unattributed else ""))
    return "\n".join(parts)

"""Views of ``nvo-scan where-used``: terminal table, JSON (a contract) and CSV, rows in file:line order."""
from __future__ import annotations

import io

from ..model import name_order
from ..whereused import Site
from ..escapes import escape_hidden
from .output import indented_json, plural
from .table import render_table

SITE_FIELDS = ["file", "line", "table", "kind", "script", "procedure", "text"]


def where_used_json(column: str, sites: list[Site]) -> dict:
    return {"column": column,
            "sites": [{name: getattr(s, name) for name in SITE_FIELDS} | {"access": s.access, "resolved": s.resolved,
                                                                  "origin": s.origin, "via": s.via}
                      for s in sites]}


def render_json(column: str, sites: list[Site]) -> str:
    return indented_json(where_used_json(column, sites))


def render_csv(column: str, sites: list[Site]) -> str:
    import csv
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["column"] + SITE_FIELDS)
    for s in sites:
        writer.writerow([escape_hidden(column)] + ["" if getattr(s, f) is None else escape_hidden(str(getattr(s, f)))
                                               for f in SITE_FIELDS])
    return out.getvalue()


def render_table_view(column: str, sites: list[Site], colour: bool = False) -> str:
    rows = [(f"{s.file}:{s.line}", s.table or "(table not known)",
             f"{s.kind} (unexecuted)" if s.origin == "unexecuted" else s.kind,
             f"procedure {s.procedure}" if s.procedure else f"script {s.script}", s.text) for s in sites]
    tables = sorted({s.table for s in sites if s.table}, key=name_order)
    unattributed = sum(1 for s in sites if s.table is None)
    summary = (f"{plural(len(sites), 'site')} of {column} in {plural(len(tables), 'table')}"
               + (f": {', '.join(tables)}" if tables else "")
               + (f"; {unattributed} not attributed to a table" if unattributed else ""))
    return "\n".join([render_table(["where", "table", "kind", "in", "text"], rows, location=0, colour=colour),
                      escape_hidden(summary)])

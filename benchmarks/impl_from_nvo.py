"""Stored procedure texts read straight out of an NVO export, for benchmarks and accuracy runs.

Independent of nvo-scan: a procedure is a run of ``ls_sql = "CREATE PROCEDURE …"`` /
``ls_sql = ls_sql + "…"`` / ``ls_sql += "…"`` lines (each ending ``+ is_crlf`` or the last one
not), as ``benchmarks/generate_nvo.py`` and ``fixtures/n_cst_powerfill.sru`` write them. Each
T-SQL line keeps the export line it came from, so slips planted in it have a known NVO line.

    from impl_from_nvo import nvo_procedures
    for name, lines in nvo_procedures("fixtures/n_cst_powerfill.sru"):
        ...  # lines: [(nvo_line, sql_text), …]
"""
from __future__ import annotations

import re

_FIRST = re.compile(r'^\s*ls_sql\s*=\s*"(CREATE PROCEDURE\s+(\w+).*)"\s*(\+\s*is_crlf)?\s*$', re.I)
_NEXT = re.compile(r'^\s*ls_sql\s*(?:=\s*ls_sql\s*\+|\+=)\s*"(.*)"\s*(\+\s*is_crlf)?\s*$', re.I)


def _unescape(text: str) -> str:
    return text.replace('~"', '"').replace("~'", "'").replace("~~", "~")


def nvo_procedures(path: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """(procedure name, [(export line, T-SQL line), …]) for each procedure built line by line in the export."""
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    found, current = [], None
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        first = _FIRST.match(line)
        if first:
            current = (first.group(2), [(number, _unescape(first.group(1)))])
            found.append(current)
            continue
        follow = _NEXT.match(line) if current else None
        if follow:
            current[1].append((number, _unescape(follow.group(1))))
            if not follow.group(2):
                current = None
        else:
            current = None
    return found

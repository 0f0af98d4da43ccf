"""Views of ``nvo-scan enumerate-migrations``: table, JSON (a contract), CSV and 007 SQL."""
from __future__ import annotations

import csv
import hashlib
import io
from typing import Optional

from .. import __version__
from ..helpers import HelperRoles
from ..migrations import EMBEDDED_ONLY, NOT_NULL_WARNING, Migration, MigrationReport
from ..tsql import (UnsafeIdentifier, alter_table_statement, column_type_condition, comment_text,
                    create_table_statement, string_literal, table_parts, table_sql, unquote_identifier)
from ..escapes import escape_hidden
from .output import indented_json, plural
from .table import render_table

FIELDS = ["file", "line", "last_line", "kind", "table", "column", "definition", "script", "script_kind",
          "resolved", "table_expr", "column_expr", "used_by", "phase", "warnings"]


def migration_row(m: Migration) -> dict:
    row = {name: getattr(m, name) for name in FIELDS}
    row.update(definition_expr=m.definition_expr, sql_type=m.sql_type, covered=m.covered,
               definition_line=m.definition_line, notes=m.notes, used_outside=m.used_outside,
               also_runs=m.also_runs)
    if m.kind == "create_table":
        row["columns"] = [{"column": d.column, "type": d.sql_type, "definition": d.definition, "line": d.line,
                           "file": d.file or m.file} for d in m.columns]
    if m.kind == "alter_column":
        row["old_definition"] = m.old_definition
    return row


def covered_names(report: MigrationReport) -> list[str]:
    return list(dict.fromkeys(f"{m.table}.{m.column}" if m.column else m.table for m in report.covered))


def migrations_json(report: MigrationReport) -> dict:
    def described(helper: HelperRoles) -> dict:
        return {"name": helper.name, "roles": helper.roles, "source": helper.source}

    return {
        "helper": described(report.helper) if report.helper else None,
        "helpers": [described(h) for h in report.helpers],
        "migrations": [migration_row(m) for m in report.migrations],
        "covered": covered_names(report),
        "used_by_known": report.used_by_known,
        "phases": report.phases,
        "warnings": report.warnings,
        "diagnostics": [{"file": d.file, "line": d.line, "message": d.message, "severity": d.severity}
                        for d in report.diagnostics],
    }


def render_json(report: MigrationReport, sources: Optional[list[dict]] = None) -> str:
    """The JSON contract; with ``sources``, every scanned file (path, sha256, lines) too."""
    data = migrations_json(report)
    if sources is not None:
        data["sources"] = sources
    return indented_json(data)


def _csv_value(value: object) -> str:
    """A CSV cell: lists joined by ``;``, booleans ``true``/``false``, control characters escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return escape_hidden(";".join(value))
    return "" if value is None else escape_hidden(str(value))


def render_csv(report: MigrationReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS + ["covered"])
    for m in report.migrations:
        row = migration_row(m)
        writer.writerow([_csv_value(row[f]) for f in FIELDS] + [_csv_value(m.covered)])
    return out.getvalue()


def _location(m: Migration) -> str:
    return f"{m.file}:{m.line}" + (f"-{m.last_line}" if m.last_line != m.line else "")


#: Places listed for a migration used only outside procedures before "and N more".
SHOWN_PLACES = 3


def _users(m: Migration) -> str:
    """The procedures using the column, or where it is used outside procedures."""
    if m.used_by:
        return ", ".join(m.used_by)
    if m.phase == EMBEDDED_ONLY or (m.phase is None and m.used_outside):
        more = len(m.used_outside) - SHOWN_PLACES
        return ("outside procedures: " + ", ".join(m.used_outside[:SHOWN_PLACES])
                + (f" and {more} more" if more > 0 else ""))
    return ""


def phase_counts(report: MigrationReport) -> str:
    """``by phase: 6a 12, 6b 3, …`` in the phases file's order (empty without phases)."""
    counts = {p: 0 for p in report.phases}
    for m in report.migrations:
        if m.phase in counts:
            counts[m.phase] += 1
    return "by phase: " + ", ".join(f"{p} {n}" for p, n in counts.items()) if counts else ""


def render_table_view(report: MigrationReport, colour: bool = False) -> str:
    rows = [(_location(m), m.kind, m.table or f"? {m.table_expr}",
             m.column or ("" if m.kind == "create_table" else f"? {m.column_expr}"),
             plural(len(m.columns), "column") if m.kind == "create_table"
             else f"{m.definition} (was {m.old_definition})" if m.old_definition else m.definition,
             m.script, _users(m), m.phase or "", "covered" if m.covered else "",
             ("; ".join(m.warnings), "yellow") if m.warnings else "") for m in report.migrations]
    parts = [render_table(["where", "kind", "table", "column", "definition", "script", "used by", "phase",
                           "007", "warnings"], rows, location=0, colour=colour)] if rows else []
    unresolved = sum(1 for m in report.migrations if not m.resolved)
    parts.append(f"{plural(len(report.migrations), 'migration')}, {unresolved} unresolved")
    if report.phases:
        parts.append(phase_counts(report))
    parts += [f"helper {h.name}: roles {', '.join(h.roles)} ({h.source})" for h in report.helpers]
    if report.covered:
        parts.append("already in the existing script: " + ", ".join(covered_names(report)))
    if not report.used_by_known:
        parts.append("used by: no procedure text was found in the scanned sources")
    parts += [f"not counted: {d.file}:{d.line}: {d.message}" for d in report.not_counted]
    return "\n".join(escape_hidden(p) if i else p for i, p in enumerate(parts))


# ------------------------------------------------------------------ 007 SQL
def _comments(m: Migration, others: list[Migration]) -> list[str]:
    lines = [f"{m.kind} at {_location(m)} in {m.script}"]
    lines += [f"also at {_location(o)} in {o.script}" for o in others]
    if m.definition_line:
        lines.append(f"CREATE TABLE definition of this column: {m.file}:{m.definition_line}")
    lines.append("used by: " + (_users(m) or "no scanned procedure") + (f"; phase: {m.phase}" if m.phase else ""))
    lines += m.notes + [f"WARNING: {w}" for w in m.warnings]
    return [comment_text(line) for line in lines]


def _todo(m: Migration, others: list[Migration], reason: str) -> dict:
    comments = _comments(m, others)
    comments.insert(1, comment_text(f"table: {m.table or '? ' + m.table_expr}   column: "
                                    f"{m.column or '? ' + m.column_expr}   "
                                    f"definition: {m.definition or '? ' + m.definition_expr}"))
    comments.append(comment_text(f"not generated: {reason}"))
    return {"kind": "todo", "title": comment_text(f"TODO {m.table or '?'}.{m.column or '?'}"), "comments": comments}


def _also_runs_reason(m: Migration) -> str:
    return f"the same SQL text also runs {', '.join(m.also_runs)}: review it by hand"


def _add_block(m: Migration, others: list[Migration]) -> dict:
    if not m.resolved:
        return _todo(m, others, "a value is not known from the source")
    if m.also_runs:
        return _todo(m, others, _also_runs_reason(m))
    try:
        schema, name = table_parts(m.table)
        column = unquote_identifier(m.column)
        statement, parsed = alter_table_statement(schema, name, column, m.definition)
    except UnsafeIdentifier as e:
        return _todo(m, others, str(e))
    if parsed.fails_on_rows:
        return _todo(m, others, NOT_NULL_WARNING)
    label = f"{name}.{column}"
    object_literal = string_literal(table_sql(schema, name, brackets=True), unicode=True)
    return {"kind": "add", "title": comment_text(f"{label} {m.sql_type}".strip()),
            "comments": _comments(m, others) + [comment_text(n) for n in parsed.notes],
            "object_literal": object_literal,
            "column_literal": string_literal(column, unicode=True),
            "statement": statement,
            "print_missing_table": string_literal(
                f"{name} does not exist (local-dev / unseeded tenant) — skipping {column} backfill", True),
            "print_done": string_literal(f"{label} added", True),
            "print_exists": string_literal(f"{label} already exists, skipped ALTER", True)}


def _alter_column_block(m: Migration, others: list[Migration]) -> dict:
    """ALTER COLUMN guarded by the column's current type: run only where the table and column exist
    and the column does not have the new type yet."""
    if not m.resolved:
        return _todo(m, others, "a value is not known from the source")
    if m.also_runs:
        return _todo(m, others, _also_runs_reason(m))
    try:
        schema, name = table_parts(m.table)
        column = unquote_identifier(m.column)
        statement, parsed = alter_table_statement(schema, name, column, m.definition, action="ALTER COLUMN")
        condition = column_type_condition(parsed)
    except UnsafeIdentifier as e:
        return _todo(m, others, str(e))
    label = f"{name}.{column}"
    comments = _comments(m, others) + [comment_text(f"before: {m.old_definition or 'not defined in the sources'}")]
    return {"kind": "alter_column", "title": comment_text(f"{label} to {parsed.sql_type}"),
            "comments": comments + [comment_text(n) for n in parsed.notes],
            "object_literal": string_literal(table_sql(schema, name, brackets=True), unicode=True),
            "column_literal": string_literal(column, unicode=True),
            "type_condition": condition, "statement": statement,
            "print_missing_table": string_literal(
                f"{name} does not exist (local-dev / unseeded tenant) — skipping {column} type change", True),
            "print_missing_column": string_literal(f"{label} does not exist — skipping its type change", True),
            "print_done": string_literal(f"{label} changed to {parsed.sql_type}", True),
            "print_exists": string_literal(f"{label} is already {parsed.sql_type}, skipped ALTER COLUMN", True)}


def _create_block(m: Migration, others: list[Migration]) -> dict:
    try:
        schema, name = table_parts(m.table)
        if not m.statement:
            raise UnsafeIdentifier("the CREATE TABLE text was not found in the source")
        statement, notes = create_table_statement(schema, name, m.statement)
        if m.also_runs:
            raise UnsafeIdentifier(_also_runs_reason(m))
    except UnsafeIdentifier as e:
        return _todo(m, others, str(e))
    comments = _comments(m, others) + [f"{d.column} {d.sql_type}: line {d.line}" if d.file in (None, m.file) else
                                       f"{d.column} {d.sql_type}: {d.file}:{d.line}" for d in m.columns]
    comments += [f"WARNING: {d.column} {d.sql_type} (line {d.line}) is in another CREATE TABLE text of this table,"
                 " not in this one: add it by hand" for d in _other_columns(m, others)]
    return {"kind": "create_table", "title": comment_text(f"table {name}"),
            "comments": [comment_text(c) for c in comments + notes],
            "object_literal": string_literal(table_sql(schema, name, brackets=True), unicode=True), "statement": statement,
            "print_done": string_literal(f"{name} created", True),
            "print_exists": string_literal(f"{name} already exists, skipped CREATE TABLE", True)}


def _other_columns(m: Migration, others: list[Migration]) -> list:
    """The columns other texts creating ``m``'s table define and ``m``'s does not, each once."""
    seen = {d.column.lower() for d in m.columns}
    extra = []
    for other in others:
        for d in other.columns:
            if d.column.lower() not in seen:
                seen.add(d.column.lower())
                extra.append(d)
    return extra


_BLOCK_ORDER = {"create_table": 0, "alter_column": 2}  # tables, then added columns, then changed ones
_BLOCKS = {"create_table": _create_block, "alter_column": _alter_column_block}


#: More scanned files than this and the 007 header gives their digest instead of one line each.
SOURCE_LIST_LIMIT = 20


def source_digest(sources: list[dict]) -> dict:
    """Count, total lines and one SHA-256 over the sorted ``path sha256`` lines of the scanned files."""
    listing = "".join(f"{s['path']}\0{s['sha256']}\n" for s in sorted(sources, key=lambda s: s["path"]))
    return {"files": len(sources), "lines": sum(s["lines"] for s in sources),
            "sha256": hashlib.sha256(listing.encode("utf-8", "surrogateescape")).hexdigest()}


def sql_parts(report: MigrationReport, sources: list[dict], options: str, existing: Optional[str],
              command: str = "enumerate-migrations") -> tuple[str, list[tuple[list[Migration], str]]]:
    """The 007 script as its header and its blocks (tables first, then columns, each (kind, table, column)
    once), each block with the migrations it stands for."""
    from .templates import render  # jinja2 loads for the 007 script only (not for the JSON, CSV or table view)

    groups: dict[tuple, list[Migration]] = {}
    for m in report.migrations:
        if m.covered:
            continue
        key = (_BLOCK_ORDER.get(m.kind, 1), m.key) if m.resolved else ("todo", m.file, m.line)
        groups.setdefault(key, []).append(m)
    for group in groups.values():  # of several texts creating one table, the one with most columns is run
        group.sort(key=lambda m: -len(m.columns))
    ordered = sorted(groups.values(), key=lambda g: _BLOCK_ORDER.get(g[0].kind, 1))
    objects = sorted({m.script.split(".")[0] for m in report.migrations if m.script}) or ["not named"]
    header = render("migrations_007.sql.j2", version=__version__, command=command, options=comment_text(options),
                    sources=[dict(s, path=comment_text(s["path"])) for s in sources],
                    source_digest=source_digest(sources) if len(sources) > SOURCE_LIST_LIMIT else None,
                    objects=comment_text(", ".join(objects)),
                    helper_names=comment_text(", ".join(h.name for h in report.helpers) or "…_set_addcolumn"),
                    helpers=[comment_text(f"{h.name}: {', '.join(h.roles)} ({h.source})") for h in report.helpers],
                    covered=[comment_text(c) for c in covered_names(report)],
                    existing=comment_text(existing) if existing else None, blocks=[])
    return header, [(g, render("migrations_007_block.sql.j2", b=_BLOCKS.get(g[0].kind, _add_block)(g[0], g[1:])))
                    for g in ordered]


def render_sql(report: MigrationReport, sources: list[dict], options: str, existing: Optional[str],
               command: str = "enumerate-migrations") -> str:
    """The 007 candidate script: header, then the blocks of ``sql_parts``."""
    header, blocks = sql_parts(report, sources, options, existing, command)
    return header + "".join(text for _, text in blocks)

"""Views of ``nvo-scan drift``: terminal table, JSON (a contract), CSV, a 007 script for exactly the gaps, and
SARIF. Every ``fix`` is rendered by the 007 generator (``views/migrations.render_sql``)."""
from __future__ import annotations

import csv
import io
import itertools
import re
from typing import Iterator

from ..escapes import escape_hidden
from ..drift import UNREFERENCED, DriftReport, Finding, failure_text, gap_text
from ..migrations import Migration, MigrationReport
from ..tenant.snapshot import tenant_json
from ..tsql import comment_text
from .output import indented_json
from .sarif import SarifResult, SarifRule, render_sarif
from .table import table_lines

#: What ends the 007 script's preamble: the blocks follow it.
_PREAMBLE_END = re.compile(r"SET QUOTED_IDENTIFIER ON;\s*\nGO\n")


def _script(report: DriftReport, migrations: list[Migration], sources: list[dict], options: str) -> str:
    from .migrations import render_sql  # jinja2 loads only when a 007 script is rendered

    subset = MigrationReport(report.migrations.helper, report.migrations.helpers, migrations, [],
                             report.migrations.used_by_known, [])
    return render_sql(subset, sources, options, None, command="drift")


def attach_fixes(report: DriftReport, sources: list[dict]) -> None:
    """Each finding's ``fix``: its 007 block(s) as the generator writes them, without the script's preamble."""
    for f in report.findings + report.unreferenced:
        if f.fixes:
            text = _script(report, list(f.fixes), sources, "drift")
            match = _PREAMBLE_END.search(text)
            f.fix = (text[match.end():] if match else text).strip() + "\n"


def _use_json(use) -> dict:
    return {"procedure": use.procedure, "phase": use.phase, "file": use.file, "line": use.line,
            "resolved": use.resolved}


def finding_json(f: Finding) -> dict:
    migration = None if f.migration is None else {
        "file": f.migration.file, "line": f.migration_line or f.migration.line, "kind": f.migration.kind,
        "script": f.migration.script}
    return {"table": f.table, "column": f.column, "status": f.status, "expected": f.expected, "actual": f.actual,
            "needed_by": [_use_json(u) for u in f.needed_by], "migration": migration, "fix": f.fix,
            "fix_note": f.fix_note or None, "phase": f.phase}


def _not_simulated_json(n) -> dict:
    return {"file": n.file, "line": n.line, "statement": n.statement, "reason": n.reason,
            "severity": "warning" if n.warning else "not_simulated"}


def drift_json(report: DriftReport) -> dict:
    return {
        "tenant": tenant_json(report.tenant),
        "findings": [finding_json(f) for f in report.findings],
        "summary": {"tables_checked": report.tables_checked, "columns_checked": report.columns_checked,
                    "missing_tables": report.count("missing_table"),
                    "missing_columns": report.count("missing_column"),
                    "mismatches": report.count("type_mismatch", "nullability_mismatch"),
                    "later_phases": report.later_phases},
        "not_simulated": [_not_simulated_json(n) for n in report.tenant.not_read + report.not_simulated],
        "unreferenced": [finding_json(f) for f in report.unreferenced],
        "not_checked": report.not_checked,
        "phase": report.phase,
        "deploy": {"files": report.deploy_files, "statements_applied": report.deploy_applied},
    }


def tenant_section(report: DriftReport) -> dict:
    """The report's Tenant section: the drift JSON, each finding with what fails and where, and the summary line."""
    data = drift_json(report)
    for entry, finding in zip(data["findings"] + data["unreferenced"], report.findings + report.unreferenced):
        entry["fails"] = [failure_text(finding, u) for u in finding.needed_by] or [gap_text(finding)]
    data["description"] = report.tenant.describe()
    return data


def render_json(report: DriftReport) -> str:
    return indented_json(drift_json(report))


CSV_FIELDS = ["table", "column", "status", "phase", "expected_definition", "expected_file", "expected_line",
              "actual", "needed_by", "migration_file", "migration_line", "migration_kind", "fix"]


def render_csv(report: DriftReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for f in report.findings + report.unreferenced:
        m = f.migration
        expected = f.expected.get("definition") or ", ".join(c["column"] for c in f.expected.get("columns", []))
        writer.writerow([f.table, f.column or "", f.status, f.phase, expected, f.expected["file"] or "",
                         f.expected["line"] or "", f.actual["definition"] if f.actual else "",
                         ";".join(f"{u.procedure}@{u.phase or ''}:{u.line}" for u in f.needed_by),
                         m.file if m else "", (f.migration_line or m.line) if m else "", m.kind if m else "",
                         "yes" if f.fixes else "no"])
    return out.getvalue()


def _plain(text: str) -> str:
    """A line of text from sources or the tenant, safe on a terminal (hidden characters shown as escapes)."""
    return "\n".join(escape_hidden(line) for line in text.split("\n"))


class _Rows:
    """The table rows of ``findings``, made again each time they are read (a table without wrapping reads them
    twice and keeps none: 50,000 findings are never 50,000 rows at once)."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings

    def __iter__(self) -> Iterator[tuple]:
        return _rows(self.findings)


def _rows(findings: list[Finding]) -> Iterator[tuple]:
    for f in findings:
        expected = f.expected.get("definition") or (
            f"{len(f.expected['columns'])} columns" if f.status == "missing_table" else "")
        where = f"{f.expected['file']}:{f.expected['line']}" if f.expected.get("file") else ""
        actual = f.actual["definition"] if f.actual else "—"
        fix = "007 block" if f.fixes else ("none: outside the plugin" if f.migration is None else "by hand")
        first = (f.status, f"{f.table}.{f.column}" if f.column else f.table, expected, where, actual, fix)
        texts = [(failure_text(f, u), f"{u.file}:{u.line}") for u in f.needed_by] or [(gap_text(f), "")]
        yield texts[0] + first  # the table escapes what it shows
        yield from (text + ("",) * len(first) for text in texts[1:])


HEADERS = ["what fails", "first use", "status", "table.column", "expected", "where", "tenant has", "fix"]


def render_table_view(report: DriftReport) -> str:
    return "".join(table_view_pieces(report))


def table_view_pieces(report: DriftReport) -> Iterator[str]:
    """The terminal view in pieces: its tables line by line (50,000 findings are never one text)."""
    t = report.tenant
    parts = [_plain(f"Tenant: {t.describe()} ({t.kind}: {t.source}" + (f", taken {t.taken_at})" if t.taken_at else ")")
                    + f"; {len(t.tables)} tables, {t.column_count()} columns")]
    if report.deploy_files:
        parts.append(_plain(f"Deploy simulated: {', '.join(report.deploy_files)} "
                            f"({report.deploy_applied} schema changes applied)"))
    groups: dict[str, list[Finding]] = {}
    for f in report.findings:
        groups.setdefault(f.phase, []).append(f)
    for phase, findings in groups.items():
        title = "Migrations no procedure references" if phase == UNREFERENCED else f"Phase {phase}"
        parts += ["", _plain(title), table_lines(HEADERS, _Rows(findings), location=1, max_width=120)]
    if report.unreferenced:
        parts += ["", "Migrations no procedure references (not counted for the phase)",
                  table_lines(HEADERS, _Rows(report.unreferenced), location=1, max_width=120)]
    notes = report.tenant.not_read + report.not_simulated
    if notes:
        parts += ["", "Not simulated (their effect on the schema is not known) and guard warnings:"]
        parts += [_plain(f"  {n.file}:{n.line}: {'WARNING: ' if n.warning else ''}{n.reason}: {n.statement}")
                  for n in notes]
    if report.not_checked:
        parts += ["", "Not checked:"]
        parts += [_plain(f"  {n['file']}:{n['line']}: {n['table']}.{n['column'] or '? ' + n['column_expr']}: "
                         f"{n['reason']}") for n in report.not_checked]
    parts.append("")
    if report.phase:
        parts.append(_plain(f"Phase {report.phase} and earlier: {report.later_phases} findings needed only by later "
                            "phases are left out."))
    summary = (f"{report.tables_checked} tables and {report.columns_checked} columns checked: "
               f"{report.count('missing_table')} missing tables, {report.count('missing_column')} missing columns, "
               f"{report.count('type_mismatch', 'nullability_mismatch')} mismatches")
    if not report.findings:
        summary += " — nothing the sources need is missing or different"
        if not report.tables_checked:
            summary += " (the sources expect no table: no migration or procedure reference was found)"
    parts.append(summary)
    lines = itertools.chain.from_iterable([part] if isinstance(part, str) else part for part in parts)
    yield next(lines)
    for line in lines:
        yield "\n" + line


def render_drift_sql(report: DriftReport, sources: list[dict], options: str) -> str:
    """A ready 007 script for exactly the gaps (through the generator), its header naming the tenant."""
    migrations, seen = [], set()
    for f in report.findings:
        for m in f.fixes:
            if id(m) not in seen:
                seen.add(id(m))
                migrations.append(m)
    t = report.tenant
    header = [f"-- nvo-scan drift: the gaps of tenant {t.describe()}",
              f"-- read from a {t.kind}" + (f", taken {t.taken_at}" if t.taken_at else "")]
    if report.deploy_files:
        header.append(f"-- after simulating: {', '.join(report.deploy_files)}")
    if report.phase:
        header.append(f"-- for phase {report.phase} and earlier")
    without = [f for f in report.findings if not f.fixes]
    if without:
        header.append("-- Gaps without a 007 block here (see nvo-scan drift for each):")
        header += [f"--   {gap_text(f)}: {f.fix_note}" for f in without]
    if not migrations:
        header.append("-- No gap that a plugin migration fills: nothing to backfill.")
    return "\n".join(comment_text(line) for line in header) + "\n" + _script(report, migrations, sources, options)


RULES = [
    SarifRule("missing_table", "The tenant lacks a table the legacy source creates or uses", "error"),
    SarifRule("missing_column", "The tenant lacks a column the legacy source adds or uses", "error"),
    SarifRule("type_mismatch", "The tenant's column type differs from the legacy source's definition", "warning"),
    SarifRule("nullability_mismatch", "The tenant's column nullability differs from the legacy source's "
                                      "definition", "warning"),
]


def render_drift_sarif(report: DriftReport) -> str:
    """Each finding located at the NVO line that defines or first uses it."""
    results = []
    for f in report.findings + report.unreferenced:
        file, line = f.location
        fails = "; ".join(failure_text(f, u) for u in f.needed_by)
        results.append(SarifResult(f.status, gap_text(f) + (f": {fails}" if fails else "") + ".",
                                   file or "", line, properties={"table": f.table, "column": f.column,
                                                                 "phase": f.phase}))
    return render_sarif(RULES, results)

"""Views of ``nvo-scan cite-check``: a terminal table grouped by document, JSON (a contract) and SARIF."""
from __future__ import annotations

from itertools import groupby

from ..citecheck import STATUSES, CheckedCitation, CiteReport
from ..escapes import escape_hidden
from .output import indented_json
from .sarif import SarifResult, SarifRule, render_sarif
from .table import render_table

SARIF_RULES = [
    SarifRule("moved", "A cited NVO line does not hold the claim, which is found at other lines", "warning",
              "Usually a re-export shifted the file; `nvo-scan cite-check --fix` rewrites citations with "
              "exactly one candidate line."),
    SarifRule("wrong", "The claim near a citation is nowhere in the cited source", "error"),
    SarifRule("unchecked", "A citation that could not be checked", "note"),
]


def citation_row(c: CheckedCitation) -> dict:
    cit = c.citation
    return {"doc": cit.doc, "doc_line": cit.doc_line, "text": cit.text, "source": c.source or cit.source,
            "lines": c.lines, "claims": c.claims, "status": c.status, "found_at": c.found_at,
            "doc_column": cit.doc_column, "group": cit.group, "cited_source": cit.source or "NVO",
            "reason": c.reason, "fixable": c.fixable, "fixed": c.fixed}


def citecheck_json(report: CiteReport) -> dict:
    return {"citations": [citation_row(c) for c in report.citations], "summary": report.summary(),
            "sources": report.sources, "default_source": report.default_source}


def render_json(report: CiteReport) -> str:
    return indented_json(citecheck_json(report))


def _suggestion(c: CheckedCitation) -> str:
    if c.status != "moved" or not c.found_at:
        return ""
    more = f" (+{len(c.found_at) - 1} more)" if len(c.found_at) > 1 else ""
    done = " fixed" if c.fixed else ""
    return f"{c.found_at[0]}{more}{done}"


def summary_line(report: CiteReport) -> str:
    s = report.summary()
    counts = ", ".join(f"{s[status]} {status}" for status in STATUSES)
    line = f"{s['citations']} citations in {s['documents']} documents: {counts}"
    if s["fixed"]:
        line += f"; {s['fixed']} fixed"
    elif s["fixable"]:
        line += f"; {s['fixable']} fixable with --fix"
    if not s["citations"]:
        line += (" (no citation found: none of NVO N, NVO lines A-B, FILE.sru:N, FILE.sru#LN, "
                 "FILE.sru line N or a configured [cite] pattern)")
    return line


def render_table_view(report: CiteReport) -> str:
    parts = []
    for doc, group in groupby(report.citations, key=lambda c: c.citation.doc):
        parts.append(escape_hidden(doc))
        rows = [(f"{c.citation.doc_line}", c.citation.text, c.status, _suggestion(c), c.reason) for c in group]
        parts.append(render_table(["line", "citation", "status", "suggested line", "why"], rows, max_width=90))
        parts.append("")
    parts.append(summary_line(report))
    return "\n".join(parts)


def sarif_results(report: CiteReport) -> list[SarifResult]:
    results = []
    for c in report.citations:
        if c.status == "verified":
            continue
        message = f"{c.citation.text}: {c.status}"
        if c.found_at:
            message += f", found at line {', '.join(map(str, c.found_at[:5]))}"
        message += f" ({c.reason})" if c.reason else ""
        results.append(SarifResult(c.status, message, c.citation.doc, c.citation.doc_line,
                                   properties={"lines": c.lines, "found_at": c.found_at, "source": c.source}))
    return results


def render_sarif_view(report: CiteReport) -> str:
    return render_sarif(SARIF_RULES, sarif_results(report), tool="nvo-scan cite-check")

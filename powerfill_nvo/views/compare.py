"""Views of ``nvo-scan compare-procs``: terminal table, JSON (the contract) and SARIF."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Optional

from ..compare_procs import DIFFERENT, IDENTICAL, IMPLEMENTATION_ONLY, NOT_PORTED, Comparison, ProcedureComparison
from .sarif import SarifResult, SarifRule, render_sarif
from .table import render_table

KIND_RULES = {
    "parameter_added": "A parameter the NVO's procedure does not have",
    "parameter_removed": "A parameter of the NVO's procedure is missing",
    "parameter_renamed": "A parameter has another name than in the NVO",
    "parameter_type": "A parameter has another type than in the NVO",
    "parameter_default": "A parameter has another default than in the NVO",
    "parameter_output": "A parameter's OUTPUT differs from the NVO",
    "statement_removed": "A statement of the NVO's procedure is missing",
    "statement_added": "A statement the NVO's procedure does not have",
    "expression_removed": "Part of a statement of the NVO's procedure is missing",
    "expression_inserted": "Part of a statement that the NVO's procedure does not have",
    "expression_updated": "Part of a statement differs from the NVO's procedure",
    NOT_PORTED: "A procedure the NVO builds has no implementation",
}


def _where(span) -> str:
    return f"{span.file}:{span.first_line}-{span.last_line}" if span else ""


def _status(p: ProcedureComparison) -> str:
    if p.status == DIFFERENT:
        return f"{len(p.differences)} difference{'s' if len(p.differences) != 1 else ''}"
    if p.status == IDENTICAL and p.unknown:
        return "identical where known"
    return p.status.replace("_", " ")


def render_table_view(comparison: Comparison) -> str:
    """Per procedure its status, then each difference as ``nvo:line ↔ impl:line  detail``; then every note."""
    if not comparison.procedures:
        return "no procedure to compare: the NVO builds none and the implementation files define none" \
            if not comparison.notes else "no procedure to compare\n" + "\n".join(f"note: {n}" for n in comparison.notes)
    rows = [(p.name, _status(p), p.phase or "", _where(p.nvo), _where(p.implementation))
            for p in comparison.procedures]
    out = [render_table(["procedure", "status", "phase", "NVO", "implementation"], rows, max_width=80)]
    for p in comparison.procedures:
        if p.differences or p.unknown or p.notes:
            out.append("")
            out.append(f"{p.name}: {_status(p)}")
        for d in p.differences:
            out.append(f"  {d.nvo.file}:{d.nvo.line} \u2194 {d.implementation.file}:{d.implementation.line}  "
                       f"{d.detail}")
        for piece in p.unknown:
            out.append(f"  {p.nvo.file}:{piece['line']}  not known from the source ({piece['text']}); "
                       "compared around it")
        out += [f"  note: {note}" for note in p.notes]
    counts = {s: sum(1 for p in comparison.procedures if p.status == s)
              for s in (IDENTICAL, DIFFERENT, NOT_PORTED, IMPLEMENTATION_ONLY)}
    out.append("")
    out.append(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()))
    out += [f"note: {note}" for note in comparison.notes]
    return "\n".join(out)


def _span(span) -> Optional[dict]:
    return asdict(span) if span else None


def to_json(comparison: Comparison) -> dict:
    return {
        "procedures": [{
            "name": p.name, "status": p.status, "phase": p.phase, "nvo": _span(p.nvo),
            "implementation": _span(p.implementation),
            "differences": [{"kind": d.kind, "statement": d.statement, "detail": d.detail,
                             "nvo": asdict(d.nvo), "implementation": asdict(d.implementation),
                             "columns": d.columns} for d in p.differences],
            "unknown": p.unknown, "notes": p.notes,
        } for p in comparison.procedures],
        "files": [{"path": f.path, "encoding": f.encoding, "lines": f.lines,
                   "procedures": [t.name for t in f.procedures]} for f in comparison.files],
        "notes": comparison.notes,
    }


def render_json(comparison: Comparison) -> str:
    return json.dumps(to_json(comparison), indent=2, ensure_ascii=False)


def render_sarif_view(comparison: Comparison) -> str:
    """Each difference at its implementation line (the NVO line in the message); a not-ported procedure at the NVO."""
    rules = [SarifRule(kind, text, "note" if kind == NOT_PORTED else "error") for kind, text in KIND_RULES.items()]
    results = []
    for p in comparison.procedures:
        for d in p.differences:
            results.append(SarifResult(d.kind, f"{p.name}: {d.detail} (NVO {d.nvo.file}:{d.nvo.line})",
                                       d.implementation.file, d.implementation.line,
                                       properties={"nvo": {"file": d.nvo.file, "line": d.nvo.line},
                                                   "statement": d.statement}))
        if p.status == NOT_PORTED:
            results.append(SarifResult(NOT_PORTED, f"{p.name} is not ported", p.nvo.file, p.nvo.first_line))
    return render_sarif(rules, results)

"""``nvo-scan gate``: the team's three-layer review gate as one CI command.

The layers are the commands of their own issues, run over one pipeline result: NVO vs documents
(``cite-check``), NVO vs implementation (``compare-procs``) and NVO vs tenant database (``drift``). Each is
configured in ``[gate]`` of ``nvo-scan.toml``; a layer that is not configured is *skipped* — never passed.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable, Optional

from . import api
from .config import ConfigError, Settings
from .escapes import escape_hidden
from .pipeline import PipelineResult

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
_VARIABLE = re.compile(r"\$\{?(\w+)\}?")


@dataclass
class Layer:
    """One layer's outcome: ``summary`` is one line; ``details`` the command's own table view when it failed;
    ``sarif`` its SARIF log (text) when it ran."""

    name: str
    title: str
    status: str
    summary: str
    details: str = ""
    sarif: Optional[str] = None


@dataclass
class GateResult:
    layers: list[Layer]
    origin: Optional[str]

    @property
    def failed(self) -> bool:
        return any(layer.status == FAILED for layer in self.layers)

    @property
    def status(self) -> str:
        if self.failed:
            return FAILED
        return PASSED if any(layer.status == PASSED for layer in self.layers) else SKIPPED


def relative(paths: list[str]) -> list[str]:
    """Paths under the current folder made relative to it, so findings name files as the repository does
    (SARIF viewers resolve them against the checkout)."""
    here = os.getcwd()
    return [os.path.relpath(p, here) if os.path.abspath(p).startswith(here + os.sep) else p for p in paths]


def tenant_source(value: Optional[str]) -> tuple[Optional[str], str]:
    """The tenant setting with ``${VARIABLE}`` read from the environment, or None and why not."""
    if not value:
        return None, "not configured: set tenant = \"snapshot.csv\" or \"${TENANT_DB_URL}\" in [gate]"
    variable = _VARIABLE.fullmatch(value)
    if variable:
        found = os.environ.get(variable.group(1))
        return (found, "") if found else (None, f"${variable.group(1)} is not set")
    return value, ""


def _cite_check(settings: Settings, result: PipelineResult) -> Layer:
    from .views import citecheck as views

    name, title = "cite-check", "NVO vs documents"
    if not settings.gate.docs:
        return Layer(name, title, SKIPPED, "not configured: set docs = [\"docs/\"] in [gate]")
    report = api.cite_check(relative(settings.gate.docs), result=result, nvo=settings.nvo,
                            patterns=settings.cite_patterns)
    failing = [c for c in report.citations if c.status in ("moved", "wrong")]
    details = "\n".join(escape_hidden(f"{c.citation.doc}:{c.citation.doc_line}: {c.citation.text}: {c.status}"
                                      + (f", found at line {c.found_at[0]}" if c.found_at else "") + f" ({c.reason})")
                        for c in failing)
    return Layer(name, title, FAILED if report.failed else PASSED, views.summary_line(report), details,
                 views.render_sarif_view(report))


def _compare_procs(settings: Settings, result: PipelineResult) -> Layer:
    name, title = "compare-procs", "NVO vs implementation"
    if not settings.gate.implementation:
        return Layer(name, title, SKIPPED, "not configured: set implementation = [\"Sql/\"] in [gate]")
    from .views import compare as views

    comparison = api.compare_procs(relative(settings.gate.implementation), result=result, phases=settings.phases)
    counts: dict[str, int] = {}
    for procedure in comparison.procedures:
        counts[procedure.status] = counts.get(procedure.status, 0) + 1
    summary = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in counts.items()) or "no procedure"
    failed = bool(comparison.differing)
    return Layer(name, title, FAILED if failed else PASSED, summary,
                 views.render_table_view(comparison) if failed else "", views.render_sarif_view(comparison))


def _drift(settings: Settings, result: PipelineResult) -> Layer:
    name, title = "drift", "NVO vs tenant database"
    tenant, why = tenant_source(settings.gate.tenant or settings.tenant)
    if tenant is None:
        return Layer(name, title, SKIPPED, why)
    from .drift import DriftError
    from .views import drift as views

    source = {"db": tenant} if "://" in tenant else {"snapshot": tenant}
    try:
        report = api.drift(tenant=api.read_tenant(**source), result=result,
                           deploy=relative(settings.gate.deploy or settings.deploy), phases=settings.phases,
                           phase=settings.gate.phase)
    except DriftError as e:
        raise ConfigError(f"{settings.origin}: [gate] {e}") from None
    s = views.drift_json(report)["summary"]
    summary = (f"{s['tables_checked']} tables, {s['columns_checked']} columns checked: {s['missing_tables']} "
               f"missing tables, {s['missing_columns']} missing columns, {s['mismatches']} mismatches")
    if settings.gate.phase:
        summary += f" (phase {settings.gate.phase} and earlier)"
    failed = bool(report.findings)
    return Layer(name, title, FAILED if failed else PASSED, summary,
                 views.render_table_view(report) if failed else "", views.render_drift_sarif(report))


#: The layers in the order they run.
LAYERS: list[Callable[[Settings, PipelineResult], Layer]] = [_cite_check, _compare_procs, _drift]


def run_gate(settings: Settings, result: PipelineResult) -> GateResult:
    """Every layer over one pipeline result."""
    return GateResult([layer(settings, result) for layer in LAYERS], settings.origin)

"""Views of ``nvo-scan gate``: one summary (table or JSON) and one SARIF file with a run per layer."""
from __future__ import annotations

import json

from ..gate import SKIPPED, GateResult, Layer
from .sarif import SCHEMA, sarif_log
from .table import render_table


def gate_json(outcome: GateResult) -> dict:
    return {"status": outcome.status, "settings": outcome.origin,
            "layers": [{"name": layer.name, "title": layer.title, "status": layer.status, "summary": layer.summary}
                       for layer in outcome.layers]}


def render_json(outcome: GateResult) -> str:
    return json.dumps(gate_json(outcome), indent=2, ensure_ascii=False)


def render_table_view(outcome: GateResult) -> str:
    rows = [(layer.name, layer.title, layer.status, layer.summary) for layer in outcome.layers]
    parts = [render_table(["layer", "checks", "status", "summary"], rows, max_width=110)]
    for layer in outcome.layers:
        if layer.details:
            parts += ["", f"{layer.name} ({layer.title}): {layer.status}", layer.details]
    ran = [layer for layer in outcome.layers if layer.status != SKIPPED]
    failed = [layer.name for layer in ran if layer.status == "failed"]
    verdict = f"failed: {', '.join(failed)}" if failed else "passed" if ran else "no layer ran"
    parts += ["", f"gate {verdict} ({len(ran)} of {len(outcome.layers)} layers ran, "
                  f"{len(outcome.layers) - len(ran)} skipped; settings: {outcome.origin or 'none'})"]
    return "\n".join(parts)


def _run(layer: Layer) -> dict:
    """The layer's SARIF run (an empty one saying why for a skipped layer), named after the layer."""
    log = json.loads(layer.sarif) if layer.sarif else sarif_log([], [])
    (run,) = log["runs"]
    run["tool"]["driver"]["name"] = f"nvo-scan {layer.name}"
    run["automationDetails"] = {"id": f"nvo-scan/{layer.name}/"}
    run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "note" if layer.status != "failed" else "error",
         "message": {"text": f"{layer.title}: {layer.status}: {layer.summary}"}}]}]
    run["properties"] = {"layer": layer.name, "status": layer.status}
    return run


def render_sarif(outcome: GateResult) -> str:
    """One SARIF 2.1.0 log with one run per layer, in order."""
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [_run(layer) for layer in outcome.layers]},
                      indent=2, ensure_ascii=False)

"""Views of ``nvo-scan check``: a terminal table and the JSON contract."""
from __future__ import annotations

import json

from ..api import CheckResult
from ..escapes import escape_hidden
from .output import plural
from .table import render_table


def check_json(result: CheckResult) -> dict:
    files = [{
        "path": f.path, "encoding": f.encoding, "lines": f.lines, "scripts": len(f.scripts),
        "errors": [{"line": d.line, "message": d.message} for d in f.diagnostics],
    } for f in result.files]
    return {"files": files, "summary": {
        "files": len(files),
        "clean": sum(1 for f in result.files if f.clean),
        "lines": sum(f.lines for f in result.files),
        "seconds": round(result.seconds, 3),
    }}


def render_check(result: CheckResult, fmt: str) -> str:
    data = check_json(result)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    rows = [(f["path"], f["encoding"], f["lines"], f["scripts"], len(f["errors"])) for f in data["files"]]
    parts = [render_table(["file", "encoding", "lines", "scripts", "errors"], rows, location=0)]
    for f in data["files"]:
        parts.extend(escape_hidden(f"{f['path']}:{e['line']}: {e['message']}") for e in f["errors"])
    s = data["summary"]
    parts.append(f"{plural(s['files'], 'file')}, {s['clean']} clean, {plural(s['lines'], 'line')}")
    return "\n".join(parts)

"""SARIF 2.1.0 logs, so findings show in code review tools (GitHub code scanning, VS Code SARIF viewer).

Any command builds ``SarifRule`` and ``SarifResult`` objects and calls ``render_sarif``:

>>> rule = SarifRule("missing_column", "The tenant lacks a column", "error")
>>> text = render_sarif([rule], [SarifResult("missing_column", "div_by is missing", "src/x.sru", 171)])
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Optional, Sequence
from urllib.parse import quote

from .. import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/powerfill/nvo-scan"


@dataclass(frozen=True)
class SarifRule:
    """One kind of finding: ``id`` is what results refer to; ``level`` its default level."""

    id: str
    description: str
    level: str = "warning"
    help: str = ""


@dataclass
class SarifResult:
    """One finding located at ``file``:``line`` (``line`` 0 or None: the file as a whole)."""

    rule_id: str
    message: str
    file: str
    line: Optional[int] = None
    level: Optional[str] = None
    properties: dict = field(default_factory=dict)


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI (``/`` separators, percent-encoded); an absolute one as ``file://``."""
    if os.path.isabs(path):
        return PurePath(path).as_uri()
    return quote(PurePath(path).as_posix())


def sarif_log(rules: Sequence[SarifRule], results: Sequence[SarifResult], tool: str = "nvo-scan") -> dict:
    """The SARIF 2.1.0 log of one run; every result's rule must be among ``rules``."""
    index = {rule.id: i for i, rule in enumerate(rules)}
    unknown = {r.rule_id for r in results} - set(index)
    if unknown:
        raise ValueError(f"results refer to rules not declared: {', '.join(sorted(unknown))}")

    def described(rule: SarifRule) -> dict:
        entry = {"id": rule.id, "name": rule.id, "shortDescription": {"text": rule.description},
                 "defaultConfiguration": {"level": rule.level}}
        if rule.help:
            entry["help"] = {"text": rule.help}
        return entry

    def located(result: SarifResult) -> dict:
        physical: dict = {"artifactLocation": {"uri": artifact_uri(result.file)}}
        if result.line:
            physical["region"] = {"startLine": result.line}
        entry = {"ruleId": result.rule_id, "ruleIndex": index[result.rule_id],
                 "level": result.level or rules[index[result.rule_id]].level,
                 "message": {"text": result.message}, "locations": [{"physicalLocation": physical}]}
        if result.properties:
            entry["properties"] = result.properties
        return entry

    return {"$schema": SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": tool, "version": __version__, "informationUri": INFORMATION_URI,
                                          "rules": [described(rule) for rule in rules]}},
                      "columnKind": "unicodeCodePoints",
                      "results": [located(result) for result in results]}]}


def render_sarif(rules: Sequence[SarifRule], results: Sequence[SarifResult], tool: str = "nvo-scan") -> str:
    """``sarif_log`` as indented JSON text."""
    return json.dumps(sarif_log(rules, results, tool), indent=2, ensure_ascii=False)

"""Every output format of every command over one set of paths, run through the CLI in this process, printed as
one JSON object (output name -> text); ``--reversed`` gives the paths in the opposite order; ``--gate DIR``
also runs ``nvo-scan gate`` in DIR, over an ``nvo-scan.toml`` written there that lists the paths as sources (in
the order given). Run in subprocesses with different ``PYTHONHASHSEED`` values by ``test_determinism.py``.

    python tests/every_output.py [--reversed] [--gate DIR] PATH...

The one part that may differ between runs is the ``"seconds"`` field of ``check``'s and ``cite-check``'s JSON
(elapsed time, part of their JSON contract); it is masked. Everything else, the report included (it carries no
clock time unless ``SOURCE_DATE_EPOCH`` is set), must be the same bytes.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from click.testing import CliRunner

from powerfill_nvo.cli import main

ROOT = Path(__file__).resolve().parent.parent
_ELAPSED = re.compile(r'("seconds": )[0-9.e-]+')
SNAPSHOT = "fixtures/tenant/portable_tenant.sql"


def commands(paths: list[str]) -> dict[str, list[str]]:
    """Output name -> arguments of ``nvo-scan``."""
    found = {}
    for fmt in ("table", "json"):
        found[f"check.{fmt}"] = ["check", "--format", fmt, *paths]
    for fmt in ("table", "json", "csv", "sql"):
        found[f"enumerate-migrations.{fmt}"] = ["enumerate-migrations", "--phases", "fixtures/phases.toml",
                                                "--format", fmt, *paths]
    for column in ("case_note", "div_by"):
        for fmt in ("table", "json", "csv"):
            found[f"where-used.{column}.{fmt}"] = ["where-used", column, "--format", fmt, *paths]
    for fmt in ("table", "json"):
        found[f"schema.{fmt}"] = ["schema", "pfill_case", "--format", fmt, *paths]
    for fmt in ("graphml", "dot", "json"):
        found[f"graph.{fmt}"] = ["graph", "--format", fmt, *paths]
    found["report.html"] = ["report", "--phases", "fixtures/phases.toml", "-o", "-", *paths]
    found["report.tenant.html"] = ["report", "--snapshot", SNAPSHOT, "--implementation", "fixtures/impl/slips",
                                   "-o", "-", *paths]
    for fmt in ("table", "json", "csv", "sql", "sarif"):
        found[f"drift.{fmt}"] = ["drift", "--snapshot", SNAPSHOT, "--phases", "fixtures/phases.toml",
                                 "--format", fmt, *paths]
        found[f"drift.deploy.{fmt}"] = ["drift", "--snapshot", SNAPSHOT, "--deploy", "fixtures/007_existing.sql",
                                        "--format", fmt, *paths]
    sources = [arg for path in paths for arg in ("--sources", path)]
    for fmt in ("table", "json", "sarif"):
        found[f"compare-procs.{fmt}"] = ["compare-procs", "fixtures/impl/slips", *sources, "--format", fmt]
        found[f"cite-check.{fmt}"] = ["cite-check", "fixtures/docs", *sources, "--nvo", "fixtures/n_cst_powerfill.sru",
                                      "--format", fmt]
    return found


GATE_SETTINGS = """sources = {sources}
nvo = "{root}/fixtures/n_cst_powerfill.sru"

[gate]
docs = ["{root}/fixtures/docs"]
implementation = ["{root}/fixtures/impl/slips"]
tenant = "{root}/{snapshot}"
"""


def _invoke(runner: CliRunner, args: list[str]) -> str:
    sys.argv = ["nvo-scan", *args, "--no-cache"]
    result = runner.invoke(main, sys.argv[1:])
    return _ELAPSED.sub(r"\1X", f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}")


def every_output(paths: list[str], gate_dir: str | None = None) -> dict[str, str]:
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": None})
    outputs = {name: _invoke(runner, args) for name, args in commands(paths).items()}
    if gate_dir:
        sources = json.dumps([os.path.abspath(path) for path in paths])
        Path(gate_dir, "nvo-scan.toml").write_text(GATE_SETTINGS.format(sources=sources, root=ROOT, snapshot=SNAPSHOT),
                                                   encoding="utf-8")
        os.chdir(gate_dir)
        for fmt in ("table", "json"):
            outputs[f"gate.{fmt}"] = _invoke(runner, ["gate", "--format", fmt, "--sarif", "gate.sarif", "--force"])
            outputs[f"gate.{fmt}.sarif"] = Path(gate_dir, "gate.sarif").read_text(encoding="utf-8")
        os.chdir(ROOT)
    return outputs


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--reversed", action="store_true")
    parser.add_argument("--gate")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    json.dump(every_output(args.paths[::-1] if args.reversed else args.paths, args.gate), sys.stdout, indent=1)

"""Every output format of every command over one set of paths, run through the CLI in this process, printed as
one JSON object (output name -> text); ``--reversed`` gives the paths in the opposite order. Run in
subprocesses with different ``PYTHONHASHSEED`` values by ``test_determinism.py``.

    python tests/every_output.py [--reversed] PATH...

Elapsed times (``check``'s ``seconds``) are the one part that may differ between runs; they are masked.
"""
from __future__ import annotations

import json
import re
import sys

from click.testing import CliRunner

from powerfill_nvo.cli import main

_ELAPSED = re.compile(r'("seconds": )[0-9.e-]+|( lines in )[0-9.]+( s)')


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
    sources = [arg for path in paths for arg in ("--sources", path)]
    for fmt in ("table", "sarif"):
        found[f"compare-procs.{fmt}"] = ["compare-procs", "fixtures/impl/slips", *sources, "--format", fmt]
        found[f"cite-check.{fmt}"] = ["cite-check", "fixtures/docs", *sources, "--nvo", "fixtures/n_cst_powerfill.sru",
                                      "--format", fmt]
    return found


def every_output(paths: list[str]) -> dict[str, str]:
    runner = CliRunner(env={"COLUMNS": "200", "SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1"})
    outputs = {}
    for name, args in commands(paths).items():
        sys.argv = ["nvo-scan", *args, "--no-cache"]
        result = runner.invoke(main, sys.argv[1:])
        outputs[name] = _ELAPSED.sub(r"\1\2X\3", f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}")
    return outputs


if __name__ == "__main__":
    arguments = sys.argv[1:]
    backwards = arguments[:1] == ["--reversed"]
    paths = arguments[1:] if backwards else arguments
    json.dump(every_output(paths[::-1] if backwards else paths), sys.stdout, indent=1)

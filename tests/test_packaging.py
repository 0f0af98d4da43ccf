"""The wheel ships every subpackage, the grammar and the templates."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "powerfill_nvo").rglob("__init__.py")}
    listed = set(config["packages"])
    assert on_disk <= listed
    assert config["package-dir"] == {"powerfill_nvo.grammars": "grammars"}
    assert "*.lark" in config["package-data"]["powerfill_nvo.grammars"]


def test_module_entry_point_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "powerfill_nvo", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "nvo-scan, version 0.1.0"

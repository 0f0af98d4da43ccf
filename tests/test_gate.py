"""nvo-scan gate: the three layers from [gate] in nvo-scan.toml, one summary, one SARIF file, exit codes."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, MAIN
from powerfill_nvo.cli import main
from powerfill_nvo.gate import tenant_source

GATE = """sources = ["src/"]
nvo = "src/n_cst_powerfill.sru"

[gate]
docs = ["docs/"]
implementation = ["Sql/"]
tenant = "${NVO_SCAN_TEST_TENANT}"
"""


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A scratch project: the fixture NVO, the all-correct assumptions log, the reformatted implementation."""
    (tmp_path / "src").mkdir()
    shutil.copy(MAIN, tmp_path / "src" / "n_cst_powerfill.sru")
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("devlog*", "handoff*"))
    shutil.copytree(FIXTURES / "impl" / "reformatted", tmp_path / "Sql")
    (tmp_path / "nvo-scan.toml").write_text(GATE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NVO_SCAN_TEST_TENANT", raising=False)
    return tmp_path


def gate(*args: str):
    return CliRunner().invoke(main, ["gate", "--no-cache", *args])


def test_passing_layers_and_a_skipped_one(project):
    result = gate("--sarif", "out.sarif")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "layer          checks                  status   summary",
        "-------------  ----------------------  -------  -----------------------------------------------------------------------",
        "cite-check     NVO vs documents        passed   19 citations in 1 documents: 19 verified, 0 moved, 0 wrong, 0 unchecked",
        "compare-procs  NVO vs implementation   passed   4 identical",
        "drift          NVO vs tenant database  skipped  $NVO_SCAN_TEST_TENANT is not set",
        "",
        f"gate passed (2 of 3 layers ran, 1 skipped; settings: {project / 'nvo-scan.toml'})"]
    runs = json.loads((project / "out.sarif").read_text(encoding="utf-8"))["runs"]
    assert [(r["tool"]["driver"]["name"], r["properties"]["status"], len(r["results"])) for r in runs] == [
        ("nvo-scan cite-check", "passed", 0), ("nvo-scan compare-procs", "passed", 0), ("nvo-scan drift", "skipped", 0)]
    assert runs[2]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == \
        "NVO vs tenant database: skipped: $NVO_SCAN_TEST_TENANT is not set"


def test_a_reexport_fails_the_document_layer(project):
    nvo = project / "src" / "n_cst_powerfill.sru"
    lines = nvo.read_bytes().split(b"\r\n")
    lines[17:17] = [b"integer ii_added"]
    nvo.write_bytes(b"\r\n".join(lines))
    (project / "Sql" / "extra.sql").write_text("CREATE PROCEDURE psp_pfill_unknown AS SELECT 1\nGO\n",
                                               encoding="utf-8")
    result = gate("--sarif", "out.sarif", "--format", "json")
    assert result.exit_code == 1, result.output
    layers = json.loads(result.stdout)["layers"]
    assert [(layer["name"], layer["status"]) for layer in layers] == [
        ("cite-check", "failed"), ("compare-procs", "passed"), ("drift", "skipped")]
    assert layers[0]["summary"].startswith("19 citations in 1 documents: 0 verified, 19 moved")
    runs = json.loads((project / "out.sarif").read_text(encoding="utf-8"))["runs"]
    moved = runs[0]["results"]
    assert len(moved) == 19
    assert moved[0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/assumptions-log.md"}, "region": {"startLine": 5}}
    assert moved[0]["properties"]["found_at"][0] == 172
    assert result.exit_code == 1
    assert gate("--sarif", "out.sarif").exit_code == 2  # an existing SARIF file is not overwritten without --force


def test_layers_not_configured_are_skipped_not_passed(project):
    (project / "nvo-scan.toml").write_text('sources = ["src/"]\n[gate]\n', encoding="utf-8")
    result = gate()
    assert result.exit_code == 0
    assert "not configured: set docs" in result.stdout
    assert "not configured: set implementation" in result.stdout
    assert 'not configured: set tenant = "snapshot.csv"' in result.stdout
    assert result.stdout.splitlines()[-1].startswith("gate no layer ran (0 of 3 layers ran, 3 skipped")


@pytest.mark.parametrize("toml, message", [
    (None, "no nvo-scan.toml"),
    ('[gate]\ndocs = ["docs/"]\nlayers = 3\n', "unknown [gate] setting(s): layers"),
    ('[gate]\ndocs = 3\n', "[gate] docs must be a path or a list of paths"),
    ('[cite]\npatterns = ["PF(\\\\d+)"]\n', "needs a named group"),
])
def test_bad_settings_are_one_line_and_exit_2(project, toml, message):
    os.remove(project / "nvo-scan.toml")
    if toml:
        (project / "nvo-scan.toml").write_text(toml, encoding="utf-8")
    result = gate()
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_tenant_from_the_environment(monkeypatch):
    monkeypatch.setenv("NVO_SCAN_TEST_TENANT", "mssql+pymssql://reader@db/PS_DemoData")
    assert tenant_source("${NVO_SCAN_TEST_TENANT}") == ("mssql+pymssql://reader@db/PS_DemoData", "")
    assert tenant_source("$NVO_SCAN_TEST_TENANT") == ("mssql+pymssql://reader@db/PS_DemoData", "")
    assert tenant_source("snapshots/tenant.csv") == ("snapshots/tenant.csv", "")
    monkeypatch.delenv("NVO_SCAN_TEST_TENANT")
    assert tenant_source("${NVO_SCAN_TEST_TENANT}") == (None, "$NVO_SCAN_TEST_TENANT is not set")
    assert Path(tenant_source(None)[1]).name.startswith("not configured")


def test_the_tenant_layer_reads_the_snapshot_named_by_the_environment(project, monkeypatch):
    shutil.copy(FIXTURES / "tenant" / "ads_columns.csv", project / "tenant.csv")
    shutil.copy(FIXTURES / "phases.toml", project / "phases.toml")
    (project / "nvo-scan.toml").write_text(GATE.replace('[gate]', 'phases = "phases.toml"\n\n[gate]\nphase = "6a"'),
                                           encoding="utf-8")
    monkeypatch.setenv("NVO_SCAN_TEST_TENANT", "tenant.csv")
    result = gate("--format", "json", "--sarif", "out.sarif")
    assert result.exit_code == 1, result.output
    drift = json.loads(result.stdout)["layers"][2]
    assert (drift["name"], drift["status"]) == ("drift", "failed")
    assert drift["summary"].endswith("(phase 6a and earlier)")
    runs = json.loads((project / "out.sarif").read_text(encoding="utf-8"))["runs"]
    assert runs[2]["results"] and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
                                      "src/n_cst_powerfill.sru" for r in runs[2]["results"])


def test_a_top_level_tenant_serves_the_gate_too(project):
    shutil.copy(FIXTURES / "tenant" / "ads_columns.csv", project / "tenant.csv")
    settings = 'tenant = "tenant.csv"\n' + GATE.replace('tenant = "${NVO_SCAN_TEST_TENANT}"\n', '')
    (project / "nvo-scan.toml").write_text(settings, encoding="utf-8")
    result = gate("--format", "json")
    assert [layer["status"] for layer in json.loads(result.stdout)["layers"]] == ["passed", "passed", "failed"]

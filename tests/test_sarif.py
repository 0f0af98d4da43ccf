"""The shared SARIF 2.1.0 writer (views/sarif.py)."""
import json

import pytest

from powerfill_nvo import __version__
from powerfill_nvo.views.sarif import SarifResult, SarifRule, artifact_uri, render_sarif, sarif_log

RULES = [SarifRule("missing_column", "The tenant lacks a column the sources need", "error", "Run the 007 block"),
         SarifRule("type_mismatch", "A column's type differs", "warning")]


def test_log_has_the_2_1_0_shape_with_rules_and_located_results():
    results = [SarifResult("missing_column", "psp_x will fail: Invalid column name 'div_by'",
                           "fixtures/n_cst_powerfill.sru", 171, properties={"table": "pfill_pool"}),
               SarifResult("type_mismatch", "differs", "fixtures/n_cst_powerfill.sru", 0, level="note")]
    log = json.loads(render_sarif(RULES, results))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("nvo-scan", __version__)
    assert driver["rules"][0] == {"id": "missing_column", "name": "missing_column",
                                  "shortDescription": {"text": "The tenant lacks a column the sources need"},
                                  "defaultConfiguration": {"level": "error"}, "help": {"text": "Run the 007 block"}}
    first, second = run["results"]
    assert first == {"ruleId": "missing_column", "ruleIndex": 0, "level": "error",
                     "message": {"text": "psp_x will fail: Invalid column name 'div_by'"},
                     "locations": [{"physicalLocation": {
                         "artifactLocation": {"uri": "fixtures/n_cst_powerfill.sru"},
                         "region": {"startLine": 171}}}],
                     "properties": {"table": "pfill_pool"}}
    assert second["ruleIndex"] == 1 and second["level"] == "note"
    assert "region" not in second["locations"][0]["physicalLocation"]  # line 0: the whole file


def test_uris_are_relative_posix_and_percent_encoded_or_file_uris():
    assert artifact_uri("src/my dir/n#1.sru") == "src/my%20dir/n%231.sru"
    assert artifact_uri("/tmp/a b.sru") == "file:///tmp/a%20b.sru"


def test_a_result_of_an_undeclared_rule_is_refused():
    with pytest.raises(ValueError, match="not declared: nope"):
        sarif_log(RULES, [SarifResult("nope", "x", "a.sru", 1)])

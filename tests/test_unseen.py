"""Accuracy on exports written by testers who had not read nvo-scan (``tests/unseen/``, see its README).

Every migration row and where-used row of each set's answer key is compared with what the pipeline
reports; the rows still missed and the rows still extra are asserted exactly, so a fix or a regression
shows here. Sites that the key marks as built but never run must come out flagged ``unexecuted``.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from powerfill_nvo.migrations import enumerate_migrations
from powerfill_nvo.pipeline import run_pipeline
from powerfill_nvo.whereused import where_used

UNSEEN = Path(__file__).resolve().parent / "unseen"

#: Rows of the keys not found yet, by set: (file, line, kind, table, column) for migrations,
#: (file, line, table, kind) for where-used sites.
KNOWN_MISSED = {
    "setA": {"migrations": set(), "sites": set()},
    "setB": {"migrations": set(), "sites": set()},
    "setC": {"migrations": {("n_cst_pipeline_dbmaint.sru", 379, "alter_add", "pipe_investor", "srp_adj_pct")},
             # the key says proc_reference for EXEC(…) inside a guarded batch outside any procedure (its
             # writer marked it unsure); by the row semantics dynamic SQL outside procedures is embedded_sql
             "sites": {("n_cst_pipeline_dbmaint.sru", 361, "pipe_commit", "embedded_sql")}},
    "setD": {"migrations": set(), "sites": set()},
    "setE": {"migrations": set(), "sites": set()},
    "setF": {"migrations": set(), "sites": set()},
    # a string-builder object (of_append adds to an instance variable of another object, of_text returns
    # it): the calls on one object's state in order are not followed; the text is reported unfollowed
    "setG": {"migrations": {("n_tenant_schema.sru", line, "create_table", "tm_pool", column) for line, column in
                            ((79, "pool_id"), (80, "pool_name"), (81, "pool_factor"), (82, "settle_dt"),
                             (83, "created_on"))},
             "sites": {("n_tenant_schema.sru", 81, "tm_pool", "create_table"),
                       ("n_tenant_schema.sru", 82, "tm_pool", "create_table")}},
    "setH": {"migrations": set(), "sites": set()},
}
KNOWN_EXTRA = {name: {"migrations": set(), "sites": set()} for name in KNOWN_MISSED}
#: Rows found whose definition differs from the key's: the definition CHOOSE CASE picks by ``sqlca.DBMS`` is
#: not known from the source (nvo-scan gives none, with a warning; the key took the SQL Server arm).
KNOWN_OTHER_DEFINITION = {"setG": {("n_tenant_schema.sru", 337, "addcolumn_call", "tm_price_grid", "settle_dt")}}


def _definition(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").lower()).strip()


def _score(name: str) -> dict:
    folder = UNSEEN / name
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    result = run_pipeline([str(folder)])
    found_migrations: dict[tuple, str] = {}
    for m in enumerate_migrations(result).migrations:
        base = os.path.basename(m.file)
        if m.kind == "create_table":
            for d in m.columns:
                found_migrations[(base, d.line, m.kind, m.table.lower(), d.column.lower())] = d.definition
        elif m.table and m.column:
            found_migrations[(base, m.line, m.kind, m.table.lower(), m.column.lower())] = m.definition
    wanted_migrations = {(r["file"], r["line"], r["kind"], r["table"].lower(), r["column"].lower()): r["definition"]
                         for r in key["migrations"]}
    columns = key.get("where_used_columns") or key.get("key_columns") or key.get("tracked_columns") \
        or sorted({r["column"] for r in key["where_used"]})
    unexecuted_key = {(r["file"], r["line"], r["table"].lower(), r["kind"])
                      for r in key.get("unexecuted_sites", []) + key.get("logged_only_sites", [])}
    found_sites, flagged = set(), set()
    for column in columns:
        for site in where_used(result, column):
            row = (os.path.basename(site.file), site.line, (site.table or "").lower(), site.kind)
            (flagged if site.origin == "unexecuted" else found_sites).add(row)
    wanted_sites = {(r["file"], r["line"], r["table"].lower(), r["kind"]) for r in key["where_used"]}
    return {
        "migrations": (set(wanted_migrations), set(found_migrations)),
        "definitions": [(k, wanted_migrations[k], found_migrations[k]) for k in wanted_migrations
                        if k in found_migrations and _definition(wanted_migrations[k]) != _definition(found_migrations[k])],
        "sites": (wanted_sites, found_sites | (flagged - unexecuted_key)),
        "flagged": flagged & unexecuted_key,
        "unexecuted_key": unexecuted_key,
    }


@pytest.mark.parametrize("name", sorted(KNOWN_MISSED))
def test_unseen_set_scores(name):
    score = _score(name)
    for kind in ("migrations", "sites"):
        wanted, found = score[kind]
        assert wanted - found == KNOWN_MISSED[name][kind], f"{name} {kind} missed"
        assert found - wanted == KNOWN_EXTRA[name][kind], f"{name} {kind} extra"
    assert {row for row, _, _ in score["definitions"]} == KNOWN_OTHER_DEFINITION.get(name, set())
    # What the keys mark as built but never run is reported as such when it is reported at all.
    assert score["flagged"] <= score["unexecuted_key"]

#!/usr/bin/env python3
"""An honest figure for ``nvo-scan cite-check``: documents written in another hand than the test fixtures
(other phrasings, other Markdown shapes, citation forms beyond the issue's list), with an answer key made
by this script from the fixture's text alone (grep, not nvo-scan), scored against what cite-check reports.

    python benchmarks/score_citecheck.py [--seed 11] [--docs 12] [--keep DIR]

How the key is made, per citation: ``verified`` cites a line whose text holds the token (a column,
variable or constant of fixtures/n_cst_powerfill.sru; table, script and procedure names are left out,
since the tool also checks those through the pipeline's facts, which grep cannot judge); ``moved`` cites a
line 3-40 lines off that does not hold it (the expected suggestion is the nearest line that does);
``wrong`` uses a name that is nowhere in the file; ``unchecked`` cites a line past the end, or a sentence
with nothing to check. Then the same documents are checked against a re-export with two lines inserted
after line 12: every ``verified`` citation of a later line must come out ``moved`` to its line + 2.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
NVO = os.path.join(os.path.dirname(HERE), "fixtures", "n_cst_powerfill.sru")
NAME = "n_cst_powerfill.sru"
INSERT_AFTER, INSERTED = 12, 2

FORMS = [  # (form, is it one of the issue's forms)
    ("NVO {n}", True), ("(NVO {n})", True), ("NVO line {n}", True), ("{f}:{n}", True), ("{f}#L{n}", True),
    ("{f} line {n}", True), ("`{f}:{n}`", True), ("line {n} of the NVO", False), ("NVO L{n}", False),
    ("NVO:{n}", False), ("NVO ln {n}", False), ("{f}, line {n}", False), ("NVO #{n}", False),
]
SENTENCES = [
    "The column `{t}` is defined at {c}.",
    "{C} adds {t}.",
    "We traced {t} to {c}; the port keeps it as is.",
    "Per the reviewer, the `{t}` reference sits at {c}, and nothing else touches it there.",
    "See {c} for where {t} is used.",
    "Confirmed: {t} ({c}).",
]
BULLETS = ["- `{t}` — {c}", "* {t} is read at {c}", "1. {c}: `{t}`", "> Reviewer note: {t} lives at {c}."]
ROWS = ["| {c} | `{t}` | checked |", "| `{t}` | {c} |"]
NOTHING = ["See {c} for the background.", "The comment block at {c} explains the history.",
           "| {c} | see the devlog |"]


def source_facts() -> tuple[list[str], dict[str, list[int]]]:
    """The fixture's lines and, per candidate token (any case), the lines holding it as a whole word."""
    with open(NVO, encoding="utf-8-sig", newline="") as f:
        lines = f.read().split("\n")
    text = "\n".join(lines)
    excluded = {w.lower() for w in re.findall(
        r"(?i)(?:function\s+\w+\s+|subroutine\s+|event\s+|procedure\s+|from\s+|join\s+|update\s+|into\s+|"
        r"table\s+|exists\s+|type\s+)(#?\w+)", text)}
    where: dict[str, list[int]] = {}
    for number, line in enumerate(lines, 1):
        for word in set(re.findall(r"(?<![\w@#])[a-z]+_\w+", line.lower())):
            if word not in excluded and not line.lstrip().startswith("//"):
                where.setdefault(word, []).append(number)
    tokens = {w: ls for w, ls in where.items() if 1 <= len(ls) <= 12}
    return lines, tokens


def write_documents(folder: str, seed: int, docs: int) -> list[dict]:
    rng = random.Random(seed)
    lines, tokens = source_facts()
    names = sorted(tokens)
    key = []
    for d in range(docs):
        out, doc = [f"# Review notes {d}", "", "Prepared from the reviewer's checklist.", ""], f"review-{d:02d}.md"
        table: list[str] = []
        for i in range(18):
            status = rng.choices(["verified", "moved", "wrong", "unchecked"], [10, 4, 2, 2])[0]
            token = rng.choice(names)
            line, expect = rng.choice(tokens[token]), None
            if status == "moved":
                off = [n for n in range(line - 40, line + 41)
                       if 3 <= abs(n - line) and 1 <= n <= len(lines) and n not in tokens[token]]
                cited = rng.choice(off)
                expect = min(tokens[token], key=lambda n: (abs(n - cited), n))
                line = cited
            elif status == "wrong":
                token = f"pfill_{rng.choice(['ghost', 'legacy', 'old', 'tmp'])}_{rng.randint(10, 99)}_col"
            form, _ = rng.choice(FORMS)
            cite = form.format(n=line, f=NAME)
            if status == "unchecked" and rng.random() < 0.5:
                line = len(lines) + rng.randint(50, 5000)
                cite = form.format(n=line, f=NAME)
                text = rng.choice(SENTENCES)
            elif status == "unchecked":
                text = rng.choice(NOTHING)
            else:
                text = rng.choice(SENTENCES + BULLETS + ROWS)
            rendered = text.format(t=token, c=cite, C=cite[0].upper() + cite[1:])
            target = table if rendered.startswith("|") else out
            if target is out and not rendered.startswith(("-", "*", "1.", ">")):
                out.append("")
            target.append(rendered)
            key.append({"doc": doc, "text": rendered, "line": line, "status": status, "expect": expect,
                        "form": form, "in_issue": dict(FORMS)[form], "table": target is table})
        if table:
            out += ["", "| where | what | note |", "| --- | --- | --- |", *table]
        with open(os.path.join(folder, doc), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
        lines_out = "\n".join(out).split("\n")
        for entry in key:
            if entry["doc"] == doc:
                entry["doc_line"] = lines_out.index(entry["text"]) + 1
    return key


def cite_check(docs: str, nvo: str) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "powerfill_nvo", "cite-check", docs, "--sources", nvo,
                           "--no-cache", "--format", "json"], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return json.loads(done.stdout)["citations"]


def score(key: list[dict], found: list[dict], shifted: bool) -> tuple[Counter, Counter]:
    """(expected, got) pairs and the per-form misses; with ``shifted``, the expectation under the re-export."""
    by_place = {(os.path.basename(c["doc"]), c["doc_line"], c["lines"][0]): c for c in found}
    pairs, misses = Counter(), Counter()
    for entry in key:
        expected, line = entry["status"], entry["expect"]
        if shifted:
            if expected != "verified":
                continue
            if entry["line"] > INSERT_AFTER:  # lines before the inserted ones stay where they were
                expected, line = "moved", entry["line"] + INSERTED
        got = by_place.get((entry["doc"], entry["doc_line"], entry["line"]))
        status = got["status"] if got else "not found"
        if status == "not found":
            misses[entry["form"]] += 1
        ok_line = expected != "moved" or (got and got["found_at"][:1] == [line])
        pairs[(expected, status if status != expected or ok_line else f"{status} (other line first)")] += 1
    return pairs, misses


def report(title: str, pairs: Counter, misses: Counter) -> None:
    total = sum(pairs.values())
    right = sum(n for (want, got), n in pairs.items() if want == got)
    print(f"\n{title}: {right}/{total} right ({right / total:.1%})")
    for (want, got), n in sorted(pairs.items()):
        print(f"  expected {want:<9} got {got:<28} {n}")
    if misses:
        print("  citations not found, by form: " + ", ".join(f"{form!r} {n}" for form, n in misses.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--docs", type=int, default=12)
    parser.add_argument("--keep", help="Write the documents and answer key here instead of a temporary folder.")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp()
    try:
        docs = os.path.join(folder, "docs")
        os.makedirs(docs, exist_ok=True)
        key = write_documents(docs, args.seed, args.docs)
        with open(os.path.join(folder, "answer-key.json"), "w", encoding="utf-8") as f:
            json.dump(key, f, indent=1)
        report(f"{len(key)} citations in {args.docs} documents vs fixtures/{NAME}", *score(key, cite_check(docs, NVO),
                                                                                         False))
        reexport = os.path.join(folder, "reexport")
        os.makedirs(reexport, exist_ok=True)
        with open(NVO, "rb") as f:
            raw = f.read().split(b"\r\n")
        raw[INSERT_AFTER:INSERT_AFTER] = [b""] * INSERTED
        with open(os.path.join(reexport, NAME), "wb") as f:
            f.write(b"\r\n".join(raw))
        report(f"the verified ones vs a re-export ({INSERTED} lines after line {INSERT_AFTER})",
               *score(key, cite_check(docs, os.path.join(reexport, NAME)), True))
        issue_forms = [e for e in key if e["in_issue"]]
        print(f"\n({len(issue_forms)} of the {len(key)} citations use the issue's forms; the rest use "
              "forms another writer might use)")
    finally:
        if not args.keep:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()

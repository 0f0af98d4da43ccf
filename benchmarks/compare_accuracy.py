"""Accuracy of ``nvo-scan compare-procs`` on implementations it has not seen: written by this script from an NVO
export in a house style unlike ``fixtures/impl`` (lower-case keywords, tabs, leading commas, ``[dbo].[t]``,
``AS`` before aliases, ``INNER JOIN``, ``!=``, swapped ``AND`` lines, parameters one per line, comments
everywhere, every procedure in one UTF-16 file), with one slip planted in two procedures of three. Each slip
is recorded with its NVO line and the implementation line where it shows (an answer key), then the command
is run and scored against the key.

    python benchmarks/compare_accuracy.py [EXPORT.sru …] [--seed 7] [--keep DIR]

Without exports: ``fixtures/n_cst_powerfill.sru`` and a generated 13,000-line NVO. A slip is *found* when
a difference of its procedure is at its NVO line and its implementation line; *near* when only the NVO
line matches. A difference in a procedure with no slip is a false alarm on a formatting-only change.
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
from dataclasses import dataclass
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from impl_from_nvo import nvo_procedures  # noqa: E402

from generate_nvo import write_nvo

KEYWORDS = ("SELECT FROM WHERE AND OR INSERT INTO VALUES UPDATE SET DELETE JOIN ON AS BEGIN END IF ELSE WHILE "
            "DECLARE TABLE CREATE PROCEDURE RETURN PRINT NULL NOT IS IN EXISTS GROUP BY ORDER DROP TRANSACTION "
            "COMMIT ROLLBACK CURSOR FOR OPEN FETCH NEXT CLOSE DEALLOCATE LOCAL FAST_FORWARD NOCOUNT").split()
_KEYWORD = re.compile(r"\b(" + "|".join(KEYWORDS) + r")\b")
_STRING = re.compile(r"('(?:[^']|'')*')")
_ALIAS = re.compile(r"\b(FROM|JOIN)\s+([#\w]+)\s+(?!(?:ON|WHERE|JOIN|GROUP|ORDER|INNER|LEFT|INTO)\b)(\w+)\b")
_TABLE = re.compile(r"\b(FROM|JOIN|INTO|UPDATE)\s+(?![#@])([a-z_]\w*)\b(?=(\s|$|\())", re.I)
STATEMENT_START = re.compile(r"^\s*(UPDATE|INSERT|DELETE|SELECT|DROP)\b")


@dataclass
class Slip:
    procedure: str
    kind: str
    nvo_line: int
    needle: str  # text of the implementation line where the slip shows (after it is planted)
    impl_line: int = 0


def _outside_strings(text: str, change) -> str:
    return "".join(part if i % 2 else change(part) for i, part in enumerate(_STRING.split(text)))


# ---------------------------------------------------------------- slips (on the NVO's own lines)
def _plant(name: str, lines: list[list], rng: random.Random) -> Optional[Slip]:
    """Change ``lines`` ([nvo_line, text] pairs) in place with one slip; the slip, or None when none applies."""
    kinds = ["drop_insert_column", "literal", "drop_where_term", "join_column", "parameter_name", "type",
             "operator", "drop_statement", "string"]
    rng.shuffle(kinds)
    for kind in kinds:
        slip = globals()["_" + kind](name, lines, rng)
        if slip:
            return slip
    return None


def _candidates(lines, pattern, start=1):
    return [i for i in range(start, len(lines)) if re.search(pattern, lines[i][1])]


def _drop_insert_column(name, lines, rng):
    for i in _candidates(lines, r"^\s*INSERT INTO \S+ \(([^)]*)\)\s*$"):
        select = re.match(r"^(\s*SELECT )(.*?)( FROM .*)?$", lines[i + 1][1]) if i + 1 < len(lines) else None
        columns = re.search(r"\(([^)]*)\)", lines[i][1]).group(1).split(", ")
        if not select or len(select.group(2).split(", ")) != len(columns) or len(columns) < 2:
            continue
        values = select.group(2).split(", ")
        k = rng.randrange(1, len(columns))
        del columns[k], values[k]
        lines[i][1] = re.sub(r"\([^)]*\)", "(" + ", ".join(columns) + ")", lines[i][1], count=1)
        lines[i + 1][1] = select.group(1) + ", ".join(values) + (select.group(3) or "")
        return Slip(name, "drop_insert_column", lines[i][0], "insert into")
    return None


def _literal(name, lines, rng):
    found = _candidates(lines, r"(=|<|>|,|RETURN) (\d+)\b(?!\s*\))|isnull\([^,]+, (\d+(\.\d+)?)\)")
    if not found:
        return None
    i = rng.choice(found)
    new = {}
    lines[i][1] = re.sub(r"\b(\d+)(\.\d+)?\b(?=[^(]*$)", lambda m: new.setdefault(
        "text", str(int(m.group(1)) + 7) + (m.group(2) or "")), lines[i][1], count=1)
    return Slip(name, "literal", lines[i][0], new.get("text", ""))


def _drop_where_term(name, lines, rng):
    found = [i for i in _candidates(lines, r"^\s*AND ") if re.match(r"^\s*WHERE ", lines[i - 1][1])]
    if not found:
        return None
    i = rng.choice(found)
    nvo_line = lines[i][0]
    del lines[i]
    return Slip(name, "drop_where_term", nvo_line, "where ")


def _join_column(name, lines, rng):
    found = _candidates(lines, r"\bJOIN \S+ \w+ ON \w+\.(\w+) = \w+\.(\w+)")
    if not found:
        return None
    i = rng.choice(found)
    lines[i][1] = re.sub(r"(ON \w+\.\w+ = \w+\.)(\w+)", lambda m: m.group(1) + (
        "trade_id" if m.group(2) != "trade_id" else "loan_id"), lines[i][1], count=1)
    return Slip(name, "join_column", lines[i][0], "join")


def _parameter_name(name, lines, rng):
    match = re.search(r"@(\w+) (varchar|int|numeric|datetime|decimal)", lines[0][1]) or (
        re.search(r"^\s*@(\w+) ", lines[1][1]) if len(lines) > 1 else None)
    if not match:
        return None
    old = match.group(1)
    for pair in lines:
        pair[1] = re.sub(rf"@{old}\b", f"@{old}_key", pair[1])
    where = 0 if f"@{old}_key" in lines[0][1] else 1
    return Slip(name, "parameter_name", lines[where][0], f"@{old}_key")


def _type(name, lines, rng):
    found = _candidates(lines, r"\b(varchar\(\d+\)|numeric\(\d+,\d+\)|decimal\(\d+,\d+\))", start=0)
    found = [i for i in found if re.search(r"DECLARE @|@\w+ (varchar|numeric|decimal)", lines[i][1])]
    if not found:
        return None
    i = rng.choice(found)
    new = {}
    lines[i][1] = re.sub(r"\((\d+)(,\d+)?\)", lambda m: new.setdefault(
        "text", f"({int(m.group(1)) + 2}{m.group(2) or ''})"), lines[i][1], count=1)
    return Slip(name, "type", lines[i][0], new.get("text", ""))


def _operator(name, lines, rng):
    found = _candidates(lines, r" (<=|>=|<>|<|>) ")
    if not found:
        return None
    i = rng.choice(found)
    swap = {"<=": "<", ">=": ">", "<>": "=", "<": "<=", ">": ">="}
    lines[i][1] = re.sub(r" (<=|>=|<>|<|>) ", lambda m: f" {swap[m.group(1)]} ", lines[i][1], count=1)
    return Slip(name, "operator", lines[i][0], "")


def _drop_statement(name, lines, rng):
    found = [i for i in _candidates(lines, r"^\s*(DROP TABLE|SET NOCOUNT ON|DELETE FROM .* WHERE )")
             if i + 1 < len(lines)]
    if not found:
        return None
    i = rng.choice(found)
    nvo_line = lines[i][0]
    del lines[i]
    return Slip(name, "drop_statement", nvo_line, "")


def _string(name, lines, rng):
    found = _candidates(lines, r"'[A-Z]'")
    if not found:
        return None
    i = rng.choice(found)
    lines[i][1] = re.sub(r"'([A-Z])'", lambda m: f"'{chr((ord(m.group(1)) - 64) % 26 + 65)}'", lines[i][1], count=1)
    return Slip(name, "string", lines[i][0], "")


# ---------------------------------------------------------------- the house style (formatting only)
def _restyle(name: str, lines: list[list], rng: random.Random) -> list[tuple[int, str]]:
    """(NVO line or 0, text) of the procedure in the house style; no change of meaning."""
    out: list[tuple[int, str]] = []
    header = lines[0][1]
    params = re.match(r"CREATE PROCEDURE (\w+)(.*?)( AS)?$", header)
    out.append((lines[0][0], f"create procedure [dbo].[{params.group(1)}]"))
    for param in [p.strip() for p in params.group(2).split(",") if p.strip()]:
        out.append((lines[0][0], "\t" + _outside_strings(param, lambda t: _KEYWORD.sub(lambda m: m.group(1).lower(), t))))
    if params.group(3):
        out.append((lines[0][0], "as"))
    body = [list(pair) for pair in lines[1:]]
    for i in range(len(body) - 1):  # swap two AND terms that follow a WHERE on their own lines
        if re.match(r"^\s*AND ", body[i][1]) and i + 1 < len(body) and re.match(r"^\s*AND ", body[i + 1][1]) \
                and not re.search(r"\bOR\b|\(", body[i][1] + body[i + 1][1]):
            body[i][1], body[i + 1][1] = body[i + 1][1], body[i][1]
    pending_comma = False
    for nvo_line, text in body:
        if text.lstrip().startswith("--") or text.lstrip().startswith("/*") or text.strip().endswith("*/"):
            out.append((nvo_line, text))
            continue
        if STATEMENT_START.match(text) and rng.random() < 0.3:
            out.append((0, "\t-- " + rng.choice(["step", "see spec", "ported", "as in the NVO"])))
        depth = (len(text) - len(text.lstrip(" "))) // 2
        stripped = text.strip()
        stripped = _ALIAS.sub(lambda m: f"{m.group(1)} {m.group(2)} AS {m.group(3)}", stripped)
        stripped = re.sub(r"(?<!INNER )\bJOIN\b", "INNER JOIN", stripped)
        stripped = _outside_strings(stripped, lambda t: t.replace("<>", "!="))
        stripped = _outside_strings(stripped, lambda t: _TABLE.sub(
            lambda m: f"{m.group(1)} [dbo].[{m.group(2)}]" if not m.group(2).isupper() and m.group(2) not in (
                "a", "b", "ta", "w", "x", "l", "p", "ct") else m.group(0), t))
        stripped = _outside_strings(stripped, lambda t: _KEYWORD.sub(lambda m: m.group(1).lower(), t))
        if pending_comma:
            stripped = ", " + stripped
        pending_comma = stripped.endswith(",") and not stripped.endswith("(,")
        if pending_comma:
            stripped = stripped[:-1]
        if rng.random() < 0.15:
            stripped += "  /* ok */"
        out.append((nvo_line, "\t" * depth + stripped))
    return out


CONTINUES = re.compile(r"^\s*(FROM|WHERE|AND|OR|JOIN|INNER|LEFT|GROUP|ORDER|INTO|ON|,|\)|[a-z_]\w* [a-z]|FOR\b)")
ALIASES = {"a": "src", "b": "dst", "w": "wk", "x": "bx2", "p": "pool", "l": "lg", "ta": "alloc", "ct": "cash"}


def _compact(name: str, lines: list[list], rng: random.Random) -> list[tuple[int, str]]:
    """The second house style: each statement on one line, upper case, other aliases, ``<>`` as ``!=``."""
    renamed = []
    for nvo_line, text in lines:
        for old, new in ALIASES.items():
            text = _outside_strings(text, lambda t: re.sub(rf"\b{old}\.", f"{new}.", t))
            text = _outside_strings(text, lambda t: re.sub(
                rf"\b((?:FROM|JOIN)\s+[#\w]+\s+){old}\b", rf"\g<1>AS {new}", t))
            text = re.sub(rf"^(\s*UPDATE ){old}(\s*$|\s+SET\b)", rf"\g<1>{new}\g<2>", text)
        renamed.append((nvo_line, _outside_strings(text, lambda t: t.upper().replace("<>", "!="))))
    out: list[tuple[list[int], str]] = []
    depth = 0
    for i, (nvo_line, text) in enumerate(renamed):
        stripped = text.strip()
        comment = stripped.startswith(("--", "/*")) or stripped.endswith("*/")
        previous = out[-1][1] if out else ""
        joins = (out and i and not comment and not previous.lstrip().startswith(("--", "/*"))
                 and (depth > 0 or CONTINUES.match(lines[i][1]) or previous.rstrip().endswith(",")
                      or (previous.lstrip().startswith("INSERT") and stripped.startswith(("SELECT", "VALUES")))
                      or (re.match(r"^\s*UPDATE \S+$", previous) and stripped.startswith("SET"))))
        if joins:
            out[-1] = (out[-1][0] + [nvo_line], previous + " " + stripped)
        else:
            out.append(([nvo_line], text.rstrip()))
        if not comment:
            depth += stripped.count("(") - stripped.count(")")
    return [(numbers, text) for numbers, text in out]


def build(export: str, folder: str, rng: random.Random, style: str) -> tuple[str, list[Slip], list[str]]:
    """The implementation file of every procedure of ``export`` and its answer key."""
    slips, names, text = [], [], []
    for name, lines in nvo_procedures(export):
        names.append(name)
        pairs = [[n, t] for n, t in lines]
        slip = _plant(name, pairs, rng) if rng.random() < 2 / 3 else None
        styled = _restyle(name, pairs, rng) if style == "house" else _compact(name, pairs, rng)
        text += [f"if object_id('dbo.{name}') is not null", f"\tdrop procedure dbo.{name}", "go", ""]
        first = len(text) + 1
        text += [t for _, t in styled] + ["go", ""]
        if slip:
            slip.impl_line = _impl_line(slip, styled, first)
            slips.append(slip)
    path = os.path.join(folder, "006_AllProcedures.sql")
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + "\r\n".join(text).encode("utf-16-le"))
    return path, slips, names


def _impl_line(slip: Slip, styled: list[tuple], first: int) -> int:
    """Where the slip shows in the implementation: its line; for something dropped, the line now in its place
    (a dropped WHERE term: the WHERE line; a dropped statement: the next statement)."""
    numbered = [(first + i, nvo if isinstance(nvo, list) else [nvo], text) for i, (nvo, text) in enumerate(styled)]
    if slip.kind == "drop_where_term":
        return max(n for n, nvo, text in numbered
                   if any(0 < v < slip.nvo_line for v in nvo) and re.search(r"(^|\s)where\s", text, re.I))
    if slip.kind == "drop_statement":
        return min(n for n, nvo, text in numbered if min(nvo) > slip.nvo_line)
    lines = [(n, text) for n, nvo, text in numbered if slip.nvo_line in nvo]
    for n, text in lines:
        if slip.needle.lower() in text.lower():
            return n
    return lines[0][0]


def score(export: str, rng: random.Random, keep: Optional[str], style: str) -> dict:
    folder = keep or tempfile.mkdtemp()
    os.makedirs(folder, exist_ok=True)
    try:
        path, slips, names = build(export, folder, rng, style)
        with open(os.path.join(folder, "answer_key.json"), "w", encoding="utf-8") as f:
            json.dump([vars(s) for s in slips], f, indent=2)
        done = subprocess.run([sys.executable, "-m", "powerfill_nvo", "compare-procs", path, "--sources", export,
                               "--no-cache", "--format", "json"], capture_output=True, text=True)
        if done.returncode not in (0, 1):
            raise SystemExit(done.stderr)
        reported = {p["name"]: p for p in json.loads(done.stdout)["procedures"]}
    finally:
        if not keep:
            shutil.rmtree(folder)
    slipped = {s.procedure for s in slips}
    found = near = 0
    missed = []
    for slip in slips:
        differences = reported[slip.procedure]["differences"]
        if any(d["nvo"]["line"] == slip.nvo_line and d["implementation"]["line"] == slip.impl_line
               for d in differences):
            found += 1
        elif any(d["nvo"]["line"] == slip.nvo_line for d in differences):
            near += 1
            missed.append((slip, differences))
        else:
            missed.append((slip, differences))
    extras = []  # every difference of a slipped procedure but the one that reports its slip
    for slip in slips:
        differences = list(reported[slip.procedure]["differences"])
        hit = next((d for d in differences if d["nvo"]["line"] == slip.nvo_line), None)
        extras += [(slip.procedure, d) for d in differences if d is not hit]
    extra = len(extras)
    false_alarms = {n: reported[n]["differences"] for n in names if n not in slipped and reported[n]["differences"]}
    return {"export": export, "procedures": len(names), "slips": len(slips), "found": found, "near": near,
            "extra": extra, "extras": extras, "clean_procedures": len(names) - len(slipped), "false_alarms": false_alarms,
            "missed": missed, "not_paired": [n for n in names if reported[n]["status"] == "not_ported"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("exports", nargs="*")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="Keep the implementation files and answer keys in this folder.")
    parser.add_argument("--style", choices=["house", "compact"], default="house",
                        help="house: lower-case keywords, tabs, leading commas…; compact: a statement per line, upper "
                             "case, other table aliases")
    args = parser.parse_args()
    exports, tmp = list(args.exports), None
    if not exports:
        tmp = tempfile.mkdtemp()
        generated = os.path.join(tmp, "n_cst_generated.sru")
        write_nvo(generated, 13000)
        exports = [os.path.join(HERE, os.pardir, "fixtures", "n_cst_powerfill.sru"), generated]
    rng = random.Random(args.seed)
    try:
        for n, export in enumerate(exports):
            keep = os.path.join(args.keep, str(n)) if args.keep else None
            result = score(export, rng, keep, args.style)
            print(f"{os.path.basename(export)} ({args.style} style): {result['procedures']} procedures, {result['slips']} slips planted: "
                  f"{result['found']} found on both lines, {result['near']} at the NVO line only, "
                  f"{result['slips'] - result['found'] - result['near']} missed; {result['extra']} extra "
                  f"differences in slipped procedures; {len(result['false_alarms'])} of "
                  f"{result['clean_procedures']} formatting-only procedures with a difference")
            for slip, differences in result["missed"]:
                print(f"  missed {slip.kind} {slip.procedure} NVO {slip.nvo_line} impl {slip.impl_line}: "
                      + "; ".join(f"{d['nvo']['line']}/{d['implementation']['line']} {d['detail']}"
                                  for d in differences))
            for name, differences in result["false_alarms"].items():
                print(f"  false alarm {name}: " + "; ".join(f"{d['nvo']['line']}/{d['implementation']['line']} "
                                                           f"{d['detail']}" for d in differences))
            for name, d in result["extras"]:
                print(f"  extra {name}: {d['nvo']['line']}/{d['implementation']['line']} {d['detail']}")
            if result["not_paired"]:
                print(f"  not paired: {', '.join(result['not_paired'])}")
    finally:
        if tmp:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()

"""Fuzz: one mutation of a fixture (a flipped byte, truncation, an inserted `"`, `/*`, `&`, `~` or NUL)
inside one script never raises, never exits 3, and every script the mutation does not touch keeps
exactly its results (migrations and where-used sites, at the same lines).

A script is touched by a mutation inside script S when it is S itself, or when blanking S's body changes
its results (S sets an instance variable it reads, calls it with the values it folds, …): that
influence is measured on the unmutated fixture, not assumed.
"""
from __future__ import annotations

import functools
import os

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powerfill_nvo import api
from powerfill_nvo.cli import main
from powerfill_nvo.reader import decode_bytes
from powerfill_nvo.whereused import all_sites

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "fixtures")
# Each encoding: cp1252 without BOM, UTF-8 with BOM, UTF-16LE with BOM; and the 1,671-line main fixture.
FILES = {"n_cst_ansi.sru": "cp1252", "hostile.sru": "utf-8", "n_cst_pfill_legacy.sru": "utf-16-le",
         "n_cst_powerfill.sru": "utf-8"}
INSERTS = ['"', "/*", "&", "~", "\x00"]

Results = frozenset  # of (line, kind, table, column, definition)


def _results(path: str) -> Results:
    result = api.analyze([path], use_cache=False)
    sites = {(s.line, s.kind, s.table, s.column, "") for s in all_sites(result) if s.table and s.column}
    report = api.enumerate_migrations([], result=result)
    migrations = {(m.line, m.kind, m.table, m.column, m.definition) for m in report.migrations}
    return frozenset(sites | migrations)


def _write(folder: str, name: str, data: bytes) -> str:
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def _line_spans(data: bytes, codec: str) -> list[tuple[int, int]]:
    """(start, end) byte offsets of each line's content, its line break excluded."""
    newline, unit = ("\n".encode(codec), 2) if codec == "utf-16-le" else (b"\n", 1)
    spans, start = [], 2 if codec == "utf-16-le" else 0  # after the UTF-16 BOM
    pos = start
    while pos < len(data):
        found = data.find(newline, pos)
        while found != -1 and (found - start) % unit:
            found = data.find(newline, found + 1)
        end = len(data) if found == -1 else found
        content_end = end - unit if data[end - unit:end] == "\r".encode(codec) else end
        spans.append((pos, content_end))
        pos = end + len(newline)
    return spans


class Fixture:
    """A fixture's bytes, scripts and results, and which scripts each script's body influences."""

    def __init__(self, name: str, folder: str) -> None:
        self.name, self.codec = name, FILES[name]
        with open(os.path.join(FIXTURES, name), "rb") as f:
            self.data = f.read()
        self.spans = _line_spans(self.data, self.codec)
        result = api.analyze([os.path.join(FIXTURES, name)], use_cache=False)
        self.scripts = [(s.line, s.end_line) for d in result.documents for s in d.file.scripts
                        if s.end_line - s.line >= 2]  # a body line to mutate
        self.folder = folder
        self.baseline = self.by_script(_results(_write(folder, name, self.data)))

    @functools.cache
    def influence(self, scripts: tuple[tuple[int, int], ...]) -> set[tuple[int, int]]:
        """The other scripts whose results change when the bodies of ``scripts`` are blanked."""
        blanked = bytearray(self.data)
        space = " ".encode(self.codec)
        for script in scripts:
            for start, end in self.spans[script[0]:script[1] - 1]:
                blanked[start:end] = space * ((end - start) // len(space))
        after = self.by_script(_results(_write(self.folder, f"blanked_{self.name}", bytes(blanked))))
        return {t for t in self.scripts if t not in scripts and after.get(t) != self.baseline.get(t)}

    def by_script(self, results: Results, shift_after: int = 0, shift: int = 0) -> dict:
        """Results grouped by the script whose lines hold them; lines after ``shift_after`` moved back by ``shift``."""
        grouped: dict[tuple[int, int], set] = {}
        for line, *rest in results:
            original = line - shift if line > shift_after + shift else line
            script = next((s for s in self.scripts if s[0] <= original <= s[1]), None)
            if script:
                grouped.setdefault(script, set()).add((original, *rest))
        return grouped


@functools.cache
def fixture(name: str, folder: str) -> Fixture:
    return Fixture(name, folder)


@st.composite
def mutations(draw):
    """(fixture name, mutated script, kind, byte offset, payload)."""
    name = draw(st.sampled_from(sorted(FILES)))
    return name, draw(st.integers(0, 10 ** 6)), draw(st.integers(0, 10 ** 6)), draw(st.integers(0, 10 ** 6)), \
        draw(st.sampled_from(["flip", "truncate", *INSERTS])), draw(st.integers(1, 255))


@settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_a_mutation_touches_only_its_script(tmp_path_factory, mutation):
    name, script_pick, line_pick, column_pick, kind, mask = mutation
    folder = str(tmp_path_factory.getbasetemp())
    fx = fixture(name, folder)
    script = fx.scripts[script_pick % len(fx.scripts)]
    body = range(script[0], script[1] - 1)  # 0-based indexes of the body lines
    start, end = fx.spans[body[line_pick % len(body)]]
    unit = 2 if fx.codec == "utf-16-le" else 1
    offset = start + (column_pick % max(end - start, 1)) // unit * unit
    data = bytearray(fx.data)
    if kind == "flip":
        data[min(offset + column_pick % unit, len(data) - 1)] ^= mask
    elif kind == "truncate":
        del data[offset:]
    else:
        data[offset:offset] = kind.encode(fx.codec)
    path = _write(folder, f"mutant_{name}", bytes(data))

    for command in (["check"], ["enumerate-migrations", "--format", "json"], ["where-used", "pool_label"]):
        result = CliRunner().invoke(main, [*command, path, "--no-cache"])
        assert result.exit_code in (0, 1), (command, result.exit_code, result.stderr)
        assert "Traceback" not in result.stderr

    shift = decode_bytes(bytes(data)).line_count - decode_bytes(fx.data).line_count if kind == "flip" else 0
    mutated = fx.by_script(_results(path), shift_after=script[1] - 1, shift=shift)
    # Truncation removes every later script too, and what they gave the others.
    gone = tuple(s for s in fx.scripts if s[0] >= script[0]) if kind == "truncate" else (script,)
    touched = set(gone) | fx.influence(gone)
    for other in fx.scripts:
        if other not in touched:
            assert mutated.get(other) == fx.baseline.get(other), other

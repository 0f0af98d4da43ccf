"""NVO vs documents: each line citation checked against the decoded source and the pipeline's facts.

A line *holds* a claim when its text contains it (case- and whitespace-insensitively), or through what
the pipeline knows of the line: the table and column of a where-used site or a migration there, the
column definition and SQL type it defines, and the procedure or script whose text the line is part of.

Statuses: ``verified`` (a cited line holds a claim), ``moved`` (no cited line does, but the claims are at
other lines: ``found_at``, nearest first), ``wrong`` (the claims are nowhere in the source, or a name
written as code or quoted is nowhere), ``unchecked`` (no claim near the citation, a line past the end of
the file, or a source that was not given).
"""
from __future__ import annotations

import functools
import os
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Collection, Iterable, Optional

from .citations import DOC_SUFFIXES, Citation, CitePattern, Claim, find_citations
from .pipeline import PipelineResult
from .reader import SourceText
from .sources import SourceError, find_files
from .whereused import all_sites

STATUSES = ("verified", "moved", "wrong", "unchecked")
#: Lines listed in ``found_at`` at most.
MAX_FOUND_AT = 20
#: How far from a moved citation the lines that vote for the document's shift may be.
SHIFT_WINDOW = 200

_SPACES = re.compile(r"[^\S\n]+")
_SPACE_BY_PUNCTUATION = re.compile(r" (?=[^\w \n])|(?<=[^\w \n]) ")
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lower case, runs of whitespace as one space (line breaks kept), no space next to punctuation."""
    return _SPACE_BY_PUNCTUATION.sub("", _SPACES.sub(" ", text.lower())).strip(" ")


@functools.lru_cache(maxsize=4096)
def _claim_pattern(claim: str) -> re.Pattern:
    """A normalized claim at name edges: a whole name, or, for ``_set_addcolumn`` (``pfill_``), a name's
    ending (start)."""
    if re.fullmatch(r"_\w+", claim):
        return re.compile(re.escape(claim) + r"(?!\w)")
    if re.fullmatch(r"\w+_", claim):
        return re.compile(r"(?<!\w)" + re.escape(claim))
    left = r"(?<!\w)" if claim[0].isalnum() or claim[0] == "_" else ""
    right = r"(?!\w)" if claim[-1].isalnum() or claim[-1] == "_" else ""
    return re.compile(left + re.escape(claim) + right)


class DocumentError(SourceError):
    """A document that cannot be read or rewritten."""


# --------------------------------------------------------------------------- #
# What each line of one export holds
# --------------------------------------------------------------------------- #


class SourceFacts:
    """One export's lines, normalized, with the pipeline's facts per line and the scripts and
    procedures that span them; ``holders(claim)`` is the set of lines holding a claim."""

    def __init__(self, source: SourceText, result: PipelineResult):
        self.path = source.path
        self.line_count = source.line_count
        # lower case only: normalizing changes white space, never a name or where a line ends
        self._lines = source.text.lower().split("\n")
        self._words: dict[str, set[int]] = {}
        for number, line in enumerate(self._lines, 1):
            for word in set(_WORD.findall(line)):
                self._words.setdefault(word, set()).add(number)
        self._source = source
        self._facts: dict[str, set[int]] = {}
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._collect(result)
        self._cache: dict[tuple[str, str], frozenset[int]] = {}

    def _fact(self, token: Optional[str], *lines: int) -> None:
        if token:
            self._facts.setdefault(normalize(token), set()).update(lines)

    def _span(self, name: str, first: int, last: int) -> None:
        self._spans.setdefault(normalize(name), []).append((first, last))

    def _collect(self, result: PipelineResult) -> None:
        """Facts of this file: sites, migrations, definitions, created tables, scripts, procedures."""
        for site in all_sites(result):
            if site.file == self.path:
                self._fact(site.table, site.line)
                self._fact(site.column, site.line)
                self._fact(f"{site.table}.{site.column}", site.line)
        for addition in result.additions:  # each value at the line its argument is written on
            if addition.call.file == self.path:
                for arg, tokens in ((addition.table_arg, [addition.table]),
                                    (addition.column_arg, [addition.column, f"{addition.table}.{addition.column}"]),
                                    (addition.definition_arg, [addition.definition, addition.sql_type])):
                    for token in tokens if arg and addition.table and addition.column else ():
                        self._fact(token, arg.line)
        for analyzed in result.sql:
            facts, own = analyzed.facts, analyzed.text.file == self.path
            for d in facts.definitions:
                if (d.file or analyzed.text.file) == self.path:
                    for token in (d.table, d.column, d.sql_type, d.definition, f"{d.table}.{d.column}"):
                        self._fact(token, d.line)
            for table, line, file in facts.tables_created:
                if (file or analyzed.text.file) == self.path:
                    self._fact(table, line)
            if facts.procedure and own:
                self._span(facts.procedure.name, facts.procedure.line, facts.procedure.end_line)
        for document in result.documents:
            if document.file.path == self.path:
                for script in document.file.scripts:
                    self._span(script.name, script.line, script.end_line)
                    self._span(script.qualified_name, script.line, script.end_line)

    def _literal(self, claim: str) -> set[int]:
        """Lines whose normalized text holds ``claim`` (normalized), as a whole name at name edges."""
        if _WORD.fullmatch(claim) and not claim.startswith("_") and not claim.endswith("_"):
            return set(self._words.get(claim, ()))
        if re.fullmatch(r"_?\w+_?", claim):  # _set_addcolumn: a name ending (or starting) this way
            found: set[int] = set()
            for word, lines in self._words.items():
                if (claim.startswith("_") and word.endswith(claim)) or (claim.endswith("_") and word.startswith(claim)):
                    found |= lines
            return found
        pattern, words = _claim_pattern(claim), set(_WORD.findall(claim))
        if words and "\n" not in claim:  # each of its names is a whole name of the line: only those lines are read
            lines = set.intersection(*(self._words.get(word, set()) for word in words))
            return {line for line in lines if pattern.search(normalize(self._lines[line - 1]))}
        return {bisect_right(self._starts, m.start()) for m in pattern.finditer(self._text)}

    @functools.cached_property
    def _text(self) -> str:
        """The whole text normalized (in one pass; only "\n" ends a line, as in the source)."""
        return normalize.__wrapped__(self._source.text)

    @functools.cached_property
    def _starts(self) -> list[int]:
        """Where each line of ``_text`` starts."""
        return [0] + [m.end() for m in re.finditer("\n", self._text)]

    def on_line(self, claim: Claim) -> frozenset[int]:
        """The lines whose own text or facts hold ``claim`` (not counting the scripts and procedures spanning them)."""
        text = normalize(claim.text)
        key = ("line", text)
        if key not in self._cache:
            self._cache[key] = frozenset((self._literal(text) if text else set()) | self._facts.get(text, set()))
        return self._cache[key]

    @functools.cached_property
    def _comment_parts(self) -> dict[int, list[tuple[int, int]]]:
        """For each line holding a comment (PowerScript ``//`` or ``/* */``, not inside a string), the parts of
        it the comments cover (offsets in the line)."""
        from .parse.comments import find_comments
        source, covered = self._source, {}
        for start, end in find_comments(source.text)[0]:
            for line in range(source.line_of(start), source.line_of(max(start, end - 1)) + 1):
                line_start = source.line_starts[line - 1]
                covered.setdefault(line, []).append((max(start, line_start) - line_start, end - line_start))
        return covered

    def _holds_outside_comments(self, line: int, claim: str) -> bool:
        """Whether the text of ``line`` with its comments blanked holds the normalized ``claim``."""
        source = self._source
        start = source.line_starts[line - 1]
        end = source.line_starts[line] if line < source.line_count else len(source.text)
        text = source.text[start:end]
        for a, b in self._comment_parts[line]:
            text = text[:a] + " " * (min(b, len(text)) - a) + text[b:]
        return bool(_claim_pattern(claim).search(normalize(text)))

    def in_code(self, claim: Claim) -> frozenset[int]:
        """The lines that hold ``claim`` outside comments: in code or strings, through the pipeline's facts, or
        inside the script or procedure it names."""
        key = ("code", normalize(claim.text))
        if key not in self._cache:
            lines = self.holders(claim)
            commented = lines & self._comment_parts.keys()
            if commented:
                text = key[1]
                outside = {line for line in commented if self._holds_outside_comments(line, text)}
                outside |= self._facts.get(text, set()) & commented
                outside |= {line for first, last in self.spans(claim) for line in commented if first <= line <= last}
                lines = (lines - commented) | outside
            self._cache[key] = frozenset(lines)
        return self._cache[key]

    def spans(self, claim: Claim) -> list[tuple[int, int]]:
        """(first, last) of each script or procedure named ``claim``."""
        return self._spans.get(normalize(claim.text), [])

    def holders(self, claim: Claim) -> frozenset[int]:
        """Every line that holds ``claim``: on the line, or inside the script or procedure it names."""
        key = ("any", normalize(claim.text))
        if key not in self._cache:
            lines = set(self.on_line(claim))
            for first, last in self.spans(claim):
                lines.update(range(first, last + 1))
            self._cache[key] = frozenset(lines)
        return self._cache[key]


# --------------------------------------------------------------------------- #
# Checking
# --------------------------------------------------------------------------- #


@dataclass
class CheckedCitation:
    citation: Citation
    source: Optional[str]  # the export's path, when known
    status: str
    found_at: list[int] = field(default_factory=list)
    reason: str = ""
    claims: list[str] = field(default_factory=list)
    fixed: bool = False
    in_comments: bool = False  # its claims are left only in comments: weak evidence, never rewritten by --fix

    @property
    def lines(self) -> list[int]:
        c = self.citation
        return [c.first, c.last] if c.is_range else [c.first]

    @property
    def fixable(self) -> bool:
        """A moved single line with exactly one candidate: what ``--fix`` rewrites."""
        return (self.status == "moved" and not self.citation.is_range and len(self.found_at) == 1
                and not self.in_comments)


@dataclass
class CiteReport:
    citations: list[CheckedCitation]
    documents: list[str]
    sources: list[str]
    default_source: Optional[str]
    seconds: float = 0.0
    diff: str = ""  # the unified diff of --fix (or --fix --dry-run)

    @property
    def failed(self) -> bool:
        """Any citation wrong, or moved and not fixed."""
        return any(c.status == "wrong" or (c.status == "moved" and not c.fixed) for c in self.citations)

    def summary(self) -> dict:
        counts = Counter(c.status for c in self.citations)
        return {"documents": len(self.documents), "citations": len(self.citations),
                **{status: counts.get(status, 0) for status in STATUSES},
                "fixable": sum(c.fixable for c in self.citations),
                "fixed": sum(c.fixed for c in self.citations), "seconds": round(self.seconds, 3)}


def find_documents(paths: Iterable[str]) -> list[str]:
    """Documents under ``paths``: files named directly, and Markdown/text files found under folders."""
    return find_files(paths, DOC_SUFFIXES, SourceError)


@dataclass
class Document:
    """A document's bytes and its text (without a UTF-8 BOM); ``codec`` re-encodes it."""

    path: str
    data: bytes
    text: str
    codec: str
    bom: bytes


def read_document(path: str) -> Document:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise DocumentError(f"{path}: cannot read file: {e.strerror or e}") from None
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    body = data[len(bom):]
    if b"\x00" in body[:4096]:
        raise DocumentError(f"{path}: not a text document (NUL bytes; UTF-16 documents are not read)")
    try:
        return Document(path, data, body.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError:
        return Document(path, data, body.decode("cp1252", "replace"), "cp1252", bom)


def _evidence(facts: SourceFacts, citation: Citation, in_code: bool = False) -> list[tuple[Claim, frozenset[int]]]:
    """The citation's claims found in the source, each with the lines holding it (``in_code``: outside comments).
    A table row describes one thing, so for a row's citation (not one of several numbers in a cell, which may
    each stand for another of the row's claims) only the lines holding its most specific claim count."""
    lines_of = facts.in_code if in_code else facts.holders
    return _focus(citation, [(claim, lines) for claim in citation.claims if (lines := lines_of(claim))])[1]


def _focus(citation: Citation, present: list[tuple[Claim, frozenset[int]]]) -> tuple[list, list]:
    """The claims a cited line must hold (a row's citation: its most specific claim), and ``present`` with a
    row's lines limited to those holding that claim."""
    if not present or citation.unit != "cell" or citation.in_list:
        return present, present
    required = min(present, key=lambda item: len(item[1]))
    return [required], [(claim, lines & required[1]) for claim, lines in present]


def _best_lines(held: list[tuple[Claim, frozenset[int]]]) -> Collection[int]:
    """The lines holding the most claims."""
    sets = [lines for _, lines in held if lines]
    if not sets:
        return ()
    best = frozenset.intersection(*sets)
    if not best:
        counts = Counter(line for lines in sets for line in lines)
        most = max(counts.values())
        best = frozenset(line for line, n in counts.items() if n == most)
    return best


def _candidates(held: list[tuple[Claim, frozenset[int]]], near: int) -> list[int]:
    """Lines holding the most claims, nearest to ``near`` first, the earlier of two as near (at most
    ``MAX_FOUND_AT``): taken outwards from ``near`` in the sorted lines."""
    lines = sorted(_best_lines(held))
    after = bisect_left(lines, near)
    before = after - 1
    nearest = []
    while len(nearest) < MAX_FOUND_AT and (before >= 0 or after < len(lines)):
        if after == len(lines) or (before >= 0 and near - lines[before] <= lines[after] - near):
            nearest.append(lines[before])
            before -= 1
        else:
            nearest.append(lines[after])
            after += 1
    return nearest


def _holds(facts: SourceFacts, claim: Claim, cited: set[int], present: list[tuple[Claim, frozenset[int]]]) -> bool:
    """Whether a cited line holds ``claim``: on the line itself, or by lying inside the script or procedure it
    names — but not when the citation's other claims are on lines of that same text (then the cited line
    should be one of them: being somewhere inside is not enough)."""
    if facts.on_line(claim) & cited:
        return True
    for first, last in facts.spans(claim):
        inside = cited & set(range(first, last + 1))
        if inside and not any(other is not claim and any(first <= line <= last for line in facts.on_line(other))
                              for other, _ in present):
            return True
    return False


def _lines_text(lines: Iterable[int], most: int = 5) -> str:
    lines = sorted(lines)
    return ", ".join(map(str, lines[:most])) + (f" … ({len(lines)} lines)" if len(lines) > most else "")


def check_citation(citation: Citation, facts: Optional[SourceFacts], why_unknown: str) -> CheckedCitation:
    """The status of one citation against its export's facts (None: the export is not known)."""
    claims = [c.text for c in citation.claims]
    if facts is None:
        return CheckedCitation(citation, None, "unchecked", reason=why_unknown, claims=claims)
    checked = CheckedCitation(citation, facts.path, "unchecked", claims=claims)
    name = os.path.basename(facts.path)
    if citation.first < 1 or citation.first > facts.line_count:
        checked.reason = f"line {citation.first} is past the end of {name} ({facts.line_count} lines)"
        return checked
    if not citation.claims:
        checked.reason = "no checkable token (code span, identifier, SQL type, quoted name) near the citation"
        return checked
    held = [(claim, facts.holders(claim)) for claim in citation.claims]
    missing = [claim.text for claim, lines in held if claim.marked and not lines]
    required, present = _focus(citation, [(claim, lines) for claim, lines in held if lines])
    if not present or missing:
        checked.status = "wrong"
        checked.reason = f"not in {name}: " + ", ".join(missing or claims)
        return checked
    last = min(citation.last, facts.line_count)
    cited = set(range(citation.first, last + 1))
    holding = [claim.text for claim, _ in required if _holds(facts, claim, cited, present)]
    if holding:
        checked.status = "verified"
        checked.reason = "holds " + ", ".join(holding)
        if citation.last > facts.line_count:
            checked.reason += f" (the range ends past the end of {name}, {facts.line_count} lines)"
        return checked
    in_code = _evidence(facts, citation, in_code=True)
    if not in_code:
        # a comment mentioning a name is weak evidence: one near the cited line may be what the document cited
        # (moved, but left to a person); one far off only mentions it (the code it names is gone)
        checked.in_comments = True
        near = [(claim, frozenset(line for line in lines if abs(line - citation.first) <= SHIFT_WINDOW))
                for claim, lines in present]
        where = "; ".join(f"{claim.text} (line {_lines_text(lines)})" for claim, lines in present)
        if not any(lines for _, lines in near):
            checked.status = "wrong"
            checked.reason = f"only in comments of {name}, more than {SHIFT_WINDOW} lines away: {where}"
            return checked
        checked.status = "moved"
        checked.found_at = _candidates(near, citation.first)
        checked.reason = f"not at the cited line{'s' if citation.is_range else ''}, only in comments: {where}"
        return checked
    checked.status = "moved"
    checked.found_at = _candidates(in_code, citation.first)
    needed = ", ".join(claim.text for claim, _ in required)
    checked.reason = f"{needed} not at the cited line{'s' if citation.is_range else ''}"
    return checked


# --------------------------------------------------------------------------- #
# A re-export's shift, region by region
# --------------------------------------------------------------------------- #

#: What a change of offset between two neighbouring cited lines costs, against one citation the offset does
#: not explain: a region at either end of the cited lines with an offset of its own needs two citations that
#: the offset explains, one in the middle (two changes) three — two citations that were already one line off
#: before a re-export do not make a region.
_BREAK_COST = 1.25


@dataclass
class _Region:
    """Cited lines ``first``..``last`` (of the citations it was inferred from) sharing one ``offset`` (None: the
    citations there do not agree on one)."""

    first: int
    last: int
    offset: Optional[int]


def _offsets(c: CheckedCitation, facts: SourceFacts, among: Optional[Iterable[int]] = None) -> set[int]:
    """Offsets (``among`` those, if given) from a cited line to the lines near it (within ``SHIFT_WINDOW``)
    holding the most of its claims in code; 0 too for a verified citation."""
    first = c.citation.first
    best = _best_lines(_evidence(facts, c.citation, in_code=True))
    if among is None:
        among = range(-SHIFT_WINDOW, SHIFT_WINDOW + 1) if len(best) > 2 * SHIFT_WINDOW else \
            [line - first for line in best if abs(line - first) <= SHIFT_WINDOW]
    offsets = {o for o in among if first + o in best}
    if c.status == "verified":
        offsets.add(0)
    return offsets


def _regions(checked: list[CheckedCitation], facts: SourceFacts) -> list[_Region]:
    """The offsets a re-export moved one document's citations by, as a piecewise function of the cited line.

    Each verified or moved single-line citation, in cited-line order, explains some offsets (``_offsets``); the
    offsets chosen are those explaining the most citations with the fewest changes of offset between
    neighbouring cited lines (``_BREAK_COST``). A region's offset other than 0 stands when at least two moved
    citations in it have that offset among theirs; otherwise the region has none."""
    single = [c for c in checked if not c.citation.is_range]
    moved = {id(c): _offsets(c, facts) for c in single if c.status == "moved"}
    support = Counter(o for offsets in moved.values() for o in offsets)
    states = sorted({0} | {o for o, n in support.items() if n >= 2}, key=lambda o: (abs(o), o))
    if len(states) == 1:
        return []
    evidence = sorted(((c.citation.first, c.status == "moved", moved[id(c)] if id(c) in moved else _offsets(c, facts, states))
                       for c in single if c.status in ("moved", "verified")), key=lambda e: e[0])
    cost = {o: float(o not in evidence[0][2]) for o in states}
    came_from: list[dict[int, int]] = []
    for _, _, offsets in evidence[1:]:
        cheapest = min(states, key=lambda o: cost[o])
        step: dict[int, int] = {}
        new_cost: dict[int, float] = {}
        for o in states:
            stay, switch = cost[o], cost[cheapest] + _BREAK_COST
            step[o] = o if stay <= switch else cheapest
            new_cost[o] = min(stay, switch) + (o not in offsets)
        came_from.append(step)
        cost = new_cost
    chosen = [min(states, key=lambda o: cost[o])]
    for step in reversed(came_from):
        chosen.append(step[chosen[-1]])
    chosen.reverse()
    regions: list[_Region] = []
    explained = 0
    for (line, moved, offsets), offset in zip(evidence, chosen):
        if regions and regions[-1].offset == offset:
            regions[-1].last = line
        else:
            if regions and regions[-1].offset and explained < 2:
                regions[-1].offset = None
            regions.append(_Region(line, line, offset))
            explained = 0
        explained += moved and offset in offsets
    if regions[-1].offset and explained < 2:
        regions[-1].offset = None
    # a region spans the cited lines its offset explains; a citation between them stands between two regions
    for region in regions:
        inside = [line for line, _, offsets in evidence if region.first <= line <= region.last and region.offset in offsets]
        region.first, region.last = (inside[0], inside[-1]) if inside else (region.first, region.last)
    return regions


def _offsets_at(regions: list[_Region], line: int) -> list[int]:
    """The offsets that may apply at a cited line: its region's, or between two regions both, nearest first."""
    i = bisect_right([r.first for r in regions], line) - 1
    if i >= 0 and line <= regions[i].last:
        around = [regions[i]]
    else:
        around = sorted(regions[max(i, 0):i + 2], key=lambda r: min(abs(line - r.first), abs(line - r.last)))
    return [r.offset for r in around if r.offset is not None]


def _apply_offset(c: CheckedCitation, facts: SourceFacts, offset: int) -> bool:
    """Put the line a region's offset points at first when it holds one of the citation's claims itself (in
    code or in a comment: the region's offset makes even a comment good evidence); a verified citation whose
    shifted line (or range) holds as many of them (a range: more) is moved there. Whether it applied."""
    cit = c.citation
    target = cit.first + offset
    shifted = range(target, min(cit.last + offset, facts.line_count) + 1)
    evidence = _evidence(facts, cit)
    # the shifted line (a range: one of its lines) must hold a claim itself — lying inside a script the
    # citation names is not enough; a row's: its most specific claim
    held_there = [claim.text for claim, lines in evidence if lines.intersection(shifted) & facts.on_line(claim)]
    if not held_there:
        return False
    note = f"the document's citations near it are {offset:+d} lines off"
    if c.in_comments:  # the comment holding the claims moved there with the rest
        if cit.is_range:
            return False
        c.status, c.found_at, c.in_comments = "moved", [target], False
        c.reason = f"{note}, and line {target} holds {', '.join(held_there)} (in a comment)"
        return True
    if c.status == "verified":
        cited = range(cit.first, min(cit.last, facts.line_count) + 1)
        at_cited = sum(len(lines.intersection(cited)) for _, lines in evidence)
        at_shifted = sum(len(lines.intersection(shifted)) for _, lines in evidence)
        if at_shifted < at_cited or (cit.is_range and at_shifted == at_cited):
            return False
        c.status = "moved"
        if cit.is_range:
            c.found_at = [target]
            c.reason = f"{note}, and lines {target}-{cit.last + offset} hold more of the claims"
            return True
        c.found_at = _candidates(_evidence(facts, cit, in_code=True), target)
        c.reason = f"{note}, and line {target} holds the claims too"
    else:
        c.reason += f" ({note})"
    if target in c.found_at:
        c.found_at.remove(target)
    c.found_at.insert(0, target)
    return True


def _apply_shift(checked: list[CheckedCitation], facts: SourceFacts) -> None:
    """Each verified or moved citation of one document checked against the offset of its region, if any."""
    regions = _regions(checked, facts)
    for c in checked:
        if c.status not in ("moved", "verified") and not c.in_comments:
            continue
        for offset in _offsets_at(regions, c.citation.first):
            if offset == 0 or _apply_offset(c, facts, offset):
                break


def resolve_source(cited: Optional[str], sources: dict[str, SourceFacts],
                   default: Optional[str]) -> tuple[Optional[SourceFacts], str]:
    """The export a citation names (``cited`` None: the default source, "NVO"), or why it is not known."""
    if cited is None:
        if default is not None:
            return sources[default], ""
        if not sources:
            return None, "no export given (--sources, or sources in nvo-scan.toml)"
        return None, ('which export "NVO" means is not known: set nvo = "…" in nvo-scan.toml, '
                      "or give one export")
    matches = [path for path in sources if os.path.basename(path).lower() == cited.lower()]
    if matches:
        return sources[matches[0]], ""
    return None, f"{cited} is not among the exports read"


def default_source(configured: Optional[str], paths: list[str]) -> Optional[str]:
    """The export "NVO" means: the configured ``nvo`` (by path, else by file name), else the only export."""
    if configured:
        wanted = os.path.normcase(os.path.abspath(configured))
        for path in paths:
            if os.path.normcase(os.path.abspath(path)) == wanted:
                return path
        for path in paths:
            if os.path.basename(path).lower() == os.path.basename(configured).lower():
                return path
        if len(paths) != 1:
            raise SourceError(f"{configured}: the configured nvo is not among the exports read")
    return paths[0] if len(paths) == 1 else None


def read_citations(doc_paths: Iterable[str], patterns: list[CitePattern]) -> list[tuple[Document, list[Citation]]]:
    """Each document under ``doc_paths`` with the citations found in it (no source needed: this can run while
    the pipeline does)."""
    documents = [read_document(path) for path in find_documents(doc_paths)]
    return [(document, find_citations(document.path, document.text, patterns)) for document in documents]


def check_documents(doc_paths: Iterable[str], result: PipelineResult, nvo: Optional[str] = None,
                    patterns: Iterable[CitePattern] = (),
                    found: Optional[Callable[[], list[tuple[Document, list[Citation]]]]] = None
                    ) -> tuple[CiteReport, dict[str, Document]]:
    """Every citation in the documents under ``doc_paths`` checked against the exports of ``result``
    (``found``: what ``read_citations`` gives for them, when it is being computed elsewhere)."""
    started = time.perf_counter()
    sources = {d.file.path: SourceFacts(d.source, result) for d in result.documents if d.source}
    default = default_source(nvo, list(sources))
    documents: dict[str, Document] = {}
    checked: list[CheckedCitation] = []
    for document, citations in found() if found else read_citations(doc_paths, list(patterns)):
        documents[document.path] = document
        by_source: dict[str, list[CheckedCitation]] = {}
        for citation in citations:
            facts, why = resolve_source(citation.source, sources, default)
            outcome = check_citation(citation, facts, why)
            checked.append(outcome)
            if facts is not None:
                by_source.setdefault(facts.path, []).append(outcome)
        for source_path, group in by_source.items():
            _apply_shift(group, sources[source_path])
    for c in checked:
        del c.found_at[MAX_FOUND_AT:]
    report = CiteReport(checked, list(documents), list(sources), default, time.perf_counter() - started)
    return report, documents


# --------------------------------------------------------------------------- #
# --fix
# --------------------------------------------------------------------------- #


def fixed_text(document: Document, citations: list[CheckedCitation]) -> str:
    """The document's text with each fixable citation's number replaced by its one candidate."""
    edits = sorted(((c.citation.spans[0], str(c.found_at[0])) for c in citations if c.fixable), reverse=True)
    text = document.text
    for (start, end), number in edits:
        text = text[:start] + number + text[end:]
    return text


def encode(document: Document, text: str) -> bytes:
    """``text`` as the document's bytes; DocumentError if the document would not survive the round trip."""
    if document.bom + document.text.encode(document.codec, "replace") != document.data:
        raise DocumentError(f"{document.path}: not valid {document.codec}; it is not rewritten")
    return document.bom + text.encode(document.codec)


def write_atomically(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file in the same folder, keeping its mode."""
    import tempfile
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".nvo-scan-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def fix_documents(report: CiteReport, documents: dict[str, Document], dry_run: bool) -> str:
    """Rewrite every fixable citation (with ``dry_run``, only compute the diff); marks them fixed and
    returns (and keeps in ``report.diff``) the unified diff."""
    import difflib
    diff: list[str] = []
    for path, document in documents.items():
        mine = [c for c in report.citations if c.citation.doc == path and c.fixable]
        if not mine:
            continue
        new_text = fixed_text(document, mine)
        data = encode(document, new_text)
        name = os.path.relpath(path)
        before, after = (path, path) if name.startswith("..") or os.path.isabs(name) else (f"a/{name}", f"b/{name}")
        diff.extend(difflib.unified_diff(document.text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                                         before, after))
        if not dry_run:
            write_atomically(path, data)
            for c in mine:
                c.fixed = True
    report.diff = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                          for line in diff)
    return report.diff

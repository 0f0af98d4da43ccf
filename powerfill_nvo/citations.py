"""Line citations of the legacy source in the team's documents (Markdown or plain text), with their claims.

A *citation* names one line or one range of an export: ``NVO 12837``, ``NVO 6577/6592`` (two citations),
``NVO lines 6500-6700``, ``n_cst_powerfill.sru:6577``, ``n_cst_powerfill.sru#L6577``, ``line 6577 of the
NVO`` … ("NVO" is the default source; a file name names that export). Its *claims* are the code spans,
identifiers, SQL types and quoted names of the same sentence, list item or table cell (a cell that holds
only citations takes the claims of its row; a sentence with none, those of its paragraph or list item).
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .sources import EXPORT_SUFFIXES

#: Document files read from folders (files named directly are read whatever their name).
DOC_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".rst")

_EXPORT = "|".join(s.lstrip(".") for s in EXPORT_SUFFIXES)
_FILE = rf"(?P<file>[\w$.-]*\w\.(?:{_EXPORT}))\b`?"
_NUM = r"\d{1,7}(?![\d])"
_DASH = r"\s*(?:-|–|—|\.\.|\bto\b)\s*L?"
_ITEM = rf"{_NUM}(?:{_DASH}{_NUM})?"
_SEP = r"(?:\s*,\s*(?:and\s+)?|\s*/\s*|\s+and\s+|\s*&\s*)"
#: ``986ff`` ("and following"): the line 986.
_FOLLOWING = r"(?:ff?\b)?"
_LIST = rf"(?P<list>{_ITEM}(?:{_SEP}L?{_ITEM})*){_FOLLOWING}(?![\w]|\.\d)"
_WORDS = r"(?:lines?|ll?\.|ln\.?|L(?=\d)|#(?=\d))"
#: ``NVO 12837`` (any case), ``NVO lines 6500-6700``, ``n_cst_powerfill.sru:6577`` (``:L6577``), ``….sru#L6577-L6592``,
#: ``….sru line 6577``.
_FORWARD = re.compile(
    rf"(?:\b(?i:NVO)\b(?!-)(?:['’]s)?|{_FILE})(?:\s*[,(]?\s*(?:at\s+{_WORDS}|{_WORDS}|at\b|@|:L?|#L)?\s*|(?<=`)\s*(?::L?|#L)?\s*)"
    rf"{_LIST}")
#: ``line 6577 of the NVO``, ``lines 6500-6700 in n_cst_powerfill.sru``.
_REVERSED = re.compile(rf"\b(?:[Ll]ines?|L)\s*{_LIST}\s+(?:of|in)\s+(?:the\s+)?`?(?:(?P<nvo>(?i:NVO))\b|{_FILE})")
#: Numbers that continue a citation in the same breath: ``NVO 11618 + table DDLs at 11594, 11602``.
_CONTINUED = re.compile(rf"\s*(?:\+|;|,|\band\b|&)\s*(?:[\w`'\"-]+\s+){{0,4}}?(?:at|lines?)\s+{_LIST}")
_ITEM_RE = re.compile(rf"(?P<first>{_NUM})(?:(?P<dash>{_DASH})(?P<last>{_NUM}))?")

_CODE_SPAN = re.compile(r"(`+)(?P<code>.+?)\1", re.S)
_QUOTED = re.compile(r"(?P<q>['\"‘“])(?P<name>[#@]?[A-Za-z_][\w.$#]*)(?:['\"’”])")
_IDENTIFIER = re.compile(r"(?<![\w$#@./\\-])(?P<name>[A-Za-z_]\w*\.(?P<alias_member>\w*_\w*)|[#@]{1,2}\w+|"
                         r"[A-Za-z_]\w*_\w*(?:\.(?P<member>\w+))?|_\w+)(?![\w/\\]|\.[A-Za-z]{1,4}\b(?!\.))")
_SQL_TYPE = re.compile(r"\b(?:(?:numeric|decimal|n?varchar|n?char|varbinary|binary|float|datetime2|time)\s*"
                       r"\(\s*(?:\d+|max)\s*(?:,\s*\d+\s*)?\)|(?:INT|BIGINT|SMALLINT|TINYINT|DATETIME|SMALLDATETIME|"
                       r"UNIQUEIDENTIFIER|BIT|MONEY|FLOAT|TEXT|IMAGE)\b)", re.I)
_BARE_TYPE_UPPER = re.compile(r"[A-Z]+")
_FILE_EXTENSIONS = frozenset(".sql .cs .md .txt .json .toml .py .csv .yml .yaml .xml .ps1 .sh .htm .html .sru .srw "
                             ".srf .sra .srm .srs .srd .pbl .pbt .log .dll .exe".split())
_PATH = re.compile(r"[\w.$~-]*(?:[/\\][\w.$~-]*)+")
_SINGLE_TOKEN = re.compile(r"[#@]{0,2}[A-Za-z_][\w$#]*(?:\.[A-Za-z_]\w*)?(?:\s*\([\d,\s]+\))?")

_NVO_HEADER = re.compile(r"\s*[*_]*NVO(?:\s+(?:lines?|line\(s\)|ln))?[*_]*\s*", re.I)
_BARE_LIST = re.compile(rf"\s*{_LIST}\s*")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_QUOTE = re.compile(r"^\s{0,3}>")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bcf)(?<!\bNo)[.!?](?=\s+[A-Z`(\"'*_\[])")


class PatternError(ValueError):
    """A configured citation pattern that cannot be used."""


@dataclass
class Claim:
    """A checkable token near a citation; ``marked`` when written as code or quoted (a deliberate name)."""

    text: str
    kind: str  # identifier | column | type | snippet
    start: int
    end: int
    marked: bool


@dataclass
class Unit:
    """A sentence, list item, table cell or row, heading, paragraph or code line: offsets into the document."""

    kind: str
    start: int
    end: int
    parent: Optional["Unit"] = None
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Citation:
    """One cited line or range; ``spans`` are the document offsets of its number(s) (what ``--fix`` rewrites)."""

    doc: str
    doc_line: int
    doc_column: int
    text: str
    group: str
    source: Optional[str]  # the export's file name as cited; None for the default source ("NVO")
    first: int
    last: int
    spans: list[tuple[int, int]]
    claims: list[Claim] = field(default_factory=list)
    unit: str = ""
    in_list: bool = False  # one of several numbers cited together (NVO 173, 174, 175)

    @property
    def is_range(self) -> bool:
        return len(self.spans) == 2


@dataclass
class CitePattern:
    """A team's own citation regex: groups ``line``, ``first``/``last`` or ``lines``, and optionally ``source``."""

    regex: re.Pattern

    @classmethod
    def compile(cls, text: str, where: str) -> "CitePattern":
        try:
            regex = re.compile(text)
        except re.error as e:
            raise PatternError(f"{where}: citation pattern {text!r}: {e}") from None
        groups = set(regex.groupindex)
        if not ({"line", "lines"} & groups or {"first", "last"} <= groups):
            raise PatternError(f"{where}: citation pattern {text!r} needs a named group "
                               "'line', 'lines' or 'first' and 'last'")
        return cls(regex)


# --------------------------------------------------------------------------- #
# Documents -> units
# --------------------------------------------------------------------------- #


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its line ending; only ``\\n`` ends a line."""
    spans, start = [], 0
    for match in re.finditer("\n", text):
        end = match.start()
        spans.append((start, end - 1 if end > start and text[end - 1] == "\r" else end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text) - (text.endswith("\r"))))
    return spans


def _cell_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of every cell of a table row, empty ones too (pipes inside code spans and ``\\|`` do not split)."""
    row = text[start:end]
    if "`" not in row and "\\" not in row:
        bounds = [m.start() for m in re.finditer(r"\|", row)]
    else:
        bounds = _pipes(row)
    edges = [-1] + bounds + [len(row)]
    return [(start + a + 1, start + b) for a, b in zip(edges, edges[1:])]


def _cells(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Spans of the cells of a table row that hold something."""
    return [(a, b) for a, b in _cell_bounds(text, start, end) if text[a:b].strip()]


def _column_cells(text: str) -> Iterable[tuple[int, int]]:
    """Spans of the cells under a table header ``NVO`` (or ``NVO line``, ``NVO lines``, ``NVO line(s)``): there a
    bare number is a citation of the NVO."""
    lines = _line_spans(text)
    columns: list[int] = []
    for n, (start, end) in enumerate(lines):
        line = text[start:end]
        if "|" not in line:
            columns = []
        elif _TABLE_SEPARATOR.match(line) and "-" in line:
            header = _cell_bounds(text, *lines[n - 1]) if n else []
            columns = [i for i, (a, b) in enumerate(header) if _NVO_HEADER.fullmatch(text[a:b])]
        elif columns:
            cells = _cell_bounds(text, start, end)
            yield from (cells[i] for i in columns if i < len(cells))


def _pipes(row: str) -> list[int]:
    """Offsets of the pipes that split cells, outside code spans and not escaped."""
    bounds, i, in_code = [], 0, ""
    while i < len(row):
        ch = row[i]
        if ch == "`":
            run = len(row[i:]) - len(row[i:].lstrip("`"))
            ticks = row[i:i + run]
            in_code = "" if in_code == ticks else (ticks if not in_code else in_code)
            i += run
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == "|" and not in_code:
            bounds.append(i)
        i += 1
    return bounds


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of a block (code spans never split)."""
    body = text[start:end]
    protected = _CODE_SPAN.sub(lambda m: "`" + "x" * (len(m.group(0)) - 2) + "`", body)
    cuts = [m.end() for m in _SENTENCE_END.finditer(protected)]
    edges = [0] + cuts + [len(body)]
    return [(start + a, start + b) for a, b in zip(edges, edges[1:]) if body[a:b].strip()]


def document_units(text: str) -> list[Unit]:
    """The innermost units of a document (each with its parent): sentences of paragraphs and list items,
    table cells (parent: the row), headings, and each line of a fenced code block."""
    units: list[Unit] = []
    block: Optional[tuple[str, int, int]] = None  # kind, start, end of the open paragraph or list item
    in_fence = False
    in_table = False

    def close() -> None:
        nonlocal block
        if block:
            kind, start, end = block
            parent = Unit(kind, start, end)
            units.extend(Unit("sentence", a, b, parent) for a, b in _sentences(text, start, end))
        block = None

    for start, end in _line_spans(text):
        line = text[start:end]
        if _FENCE.match(line):
            close()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                units.append(Unit("code", start, end))
            continue
        if not line.strip():
            close()
            in_table = False
            continue
        is_row = line.lstrip().startswith("|") or (in_table and "|" in line)
        if _TABLE_SEPARATOR.match(line) and "-" in line:
            close()
            in_table = True
            continue
        if is_row and line.count("|") >= 1:
            close()
            in_table = True
            row = Unit("row", start, end)
            units.extend(Unit("cell", a, b, row) for a, b in _cells(text, start, end))
            continue
        in_table = False
        if _HEADING.match(line):
            close()
            units.append(Unit("heading", start, end))
        elif _LIST_ITEM.match(line):
            close()
            block = ("item", start, end)
        elif _QUOTE.match(line) or (block and block[0] == "quote"):  # a quote is a block of its own
            if not (block and block[0] == "quote" and _QUOTE.match(line)):
                close()
            block = ("quote", block[1] if block else start, end) if _QUOTE.match(line) else ("paragraph", start, end)
        elif block:
            block = (block[0], block[1], end)
        else:
            block = ("paragraph", start, end)
    close()
    return units


# --------------------------------------------------------------------------- #
# Claims
# --------------------------------------------------------------------------- #


def _identifier_kind(match: re.Match) -> str:
    return "column" if match["member"] or match["alias_member"] else "identifier"


def _is_file_name(token: str) -> bool:
    """A file name (known extension) or a path: one word of path characters with a slash (``src/legacy``);
    ``bx_amt / @div_by`` is SQL division, not a path."""
    return os.path.splitext(token)[1].lower() in _FILE_EXTENSIONS or bool(_PATH.fullmatch(token))


def _code_claim(code: str, start: int, end: int) -> Optional[Claim]:
    """The claim of one code span: a single name or type, or a snippet (None for file names and numbers)."""
    stripped = code.strip()
    if not stripped or _is_file_name(stripped) or re.fullmatch(r"[\d\s.,:#L-]+", stripped):
        return None
    if _SQL_TYPE.fullmatch(stripped):
        return Claim(stripped, "type", start, end, True)
    if _SINGLE_TOKEN.fullmatch(stripped):
        kind = "column" if "." in stripped and "(" not in stripped else "identifier"
        return Claim(stripped, kind, start, end, True)
    if "…" in stripped or "..." in stripped or len(stripped) > 200:
        return None
    return Claim(stripped, "snippet", start, end, False)


def unit_claims(text: str, start: int, end: int, citations: list[tuple[int, int]]) -> list[Claim]:
    """Claims in ``text[start:end]``, leaving out the citations' own text (``citations``: spans)."""
    body = text[start:end]
    taken = bytearray(len(body))

    def free(a: int, b: int) -> bool:
        return 1 not in taken[a:b]

    def take(a: int, b: int) -> None:
        taken[a:b] = b"\x01" * (b - a)

    for a, b in citations[max(0, bisect_right(citations, (start, start)) - 1):]:
        if a >= end:
            break
        if b > start:
            take(max(a, start) - start, min(b, end) - start)
    claims: list[Claim] = []
    for m in _CODE_SPAN.finditer(body):
        a, b = m.start("code"), m.end("code")
        if free(a, b):
            claim = _code_claim(m.group("code"), start + a, start + b)
            if claim:
                claims.append(claim)
            if claim and claim.kind == "snippet":  # the names inside a snippet count on their own too
                code = m.group("code").replace("/", " ")  # in code, a slash divides (same offsets)
                claims.extend(Claim(n.group(0), _identifier_kind(n), start + a + n.start(),
                                    start + a + n.end(), False) for n in _IDENTIFIER.finditer(code))
        take(m.start(), m.end())
    for m in _QUOTED.finditer(body):
        if free(m.start(), m.end()) and ("_" in m["name"] or m["name"][0] in "#@"):
            name = m["name"]
            if not _is_file_name(name):
                claims.append(Claim(name, "column" if "." in name else "identifier",
                                    start + m.start("name"), start + m.end("name"), True))
            take(m.start(), m.end())
    for m in _SQL_TYPE.finditer(body):
        word = m.group(0)
        if free(m.start(), m.end()) and ("(" in word or _BARE_TYPE_UPPER.fullmatch(word)):
            claims.append(Claim(word, "type", start + m.start(), start + m.end(), "(" in word))
            take(m.start(), m.end())
    for m in _IDENTIFIER.finditer(body):
        name = m.group(0)
        if free(m.start(), m.end()) and not _is_file_name(name):
            claims.append(Claim(name, _identifier_kind(m),
                                start + m.start(), start + m.end(), False))
    claims.sort(key=lambda c: c.start)
    return claims


# --------------------------------------------------------------------------- #
# Citations
# --------------------------------------------------------------------------- #


def _items(text: str, list_start: int, list_text: str) -> Iterable[tuple[int, int, int, int, Optional[int]]]:
    """(start, end, first, last, last-number start) of each item of a number list; a later item much shorter
    than the first is a count, not a line (``NVO 1476, 3 call sites``)."""
    width = 0
    for m in _ITEM_RE.finditer(list_text):
        width = width or len(m["first"])
        if width >= 3 and len(m["first"]) < width - 1:
            continue
        first = int(m["first"])
        last = first
        last_start = None
        if m["last"]:
            last = int(m["last"])
            digits = m["last"]
            if last < first and len(digits) < len(m["first"]):  # 6577-92 -> 6577-6592
                last = int(m["first"][:len(m["first"]) - len(digits)] + digits)
            last_start = list_start + m.start("last")
        yield list_start + m.start(), list_start + m.end(), first, last, last_start


def _source_name(file: Optional[str]) -> Optional[str]:
    return file.strip("`").replace("\\", "/").rsplit("/", 1)[-1] if file else None


def find_citations(doc: str, text: str, patterns: Iterable[CitePattern] = ()) -> list[Citation]:
    """Every citation in a document's text, in document order, each with its claims."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    raw: list[tuple[int, int, str, Optional[str], list]] = []  # group start, end, group text, source, items

    covered: list[tuple[int, int]] = []  # sorted spans already taken: the team's own patterns come first

    def overlaps(a: int, b: int) -> bool:
        i = bisect_right(covered, (a, a))
        return (i > 0 and covered[i - 1][1] > a) or (i < len(covered) and covered[i][0] < b)

    def cover(a: int, b: int) -> None:
        covered.insert(bisect_right(covered, (a, b)), (a, b))

    def add_group(match: re.Match, source: Optional[str], end: int) -> int:
        items = list(_items(text, match.start("list"), match["list"]))
        group_end = end
        tail = _CONTINUED.match(text, end)
        while tail and "\n\n" not in tail.group(0):
            items += list(_items(text, tail.start("list"), tail["list"]))
            group_end = tail.end()
            tail = _CONTINUED.match(text, group_end)
        raw.append((match.start(), group_end, text[match.start():group_end], source, items))
        return group_end

    for pattern in patterns:
        for m in pattern.regex.finditer(text):
            if overlaps(m.start(), m.end()):
                continue
            groups = m.groupdict()
            source = _source_name(groups.get("source"))
            if groups.get("lines") is not None:
                items = list(_items(text, m.start("lines"), m["lines"]))
            elif groups.get("line") is not None:
                first = int(groups["line"])
                items = [(m.start("line"), m.end("line"), first, first, None)]
            elif groups.get("first") is not None and groups.get("last") is not None:
                first, last = int(groups["first"]), int(groups["last"])
                items = [(m.start("first"), m.end("last"), first, last, m.start("last"))]
            else:
                continue
            raw.append((m.start(), m.end(), m.group(0), source, items))
            cover(m.start(), m.end())
    for regex in (_FORWARD, _REVERSED):
        for m in regex.finditer(text):
            if overlaps(m.start(), m.end()):
                continue
            cover(m.start(), add_group(m, _source_name(m["file"]), m.end()))
    for cell_start, cell_end in _column_cells(text) if "|" in text else ():
        m = _BARE_LIST.fullmatch(text, cell_start, cell_end)
        if m and not overlaps(m.start("list"), m.end("list")):
            raw.append((m.start("list"), m.end("list"), m["list"], None,
                        list(_items(text, m.start("list"), m["list"]))))
    raw.sort(key=lambda r: r[0])

    units = document_units(text)
    unit_starts = [u.start for u in units]
    spans = [(r[0], r[1]) for r in raw]
    claims_of: dict[int, list[Claim]] = {}

    def claims(unit: Unit) -> list[Claim]:
        if id(unit) not in claims_of:
            claims_of[id(unit)] = unit_claims(text, unit.start, unit.end, spans)
        return claims_of[id(unit)]

    citations = []
    for group_start, group_end, group_text, source, items in raw:
        i = bisect_right(unit_starts, group_start) - 1
        unit = units[i] if i >= 0 and units[i].start <= group_start < max(units[i].end, group_start + 1) else None
        for n, (start, end, first, last, last_start) in enumerate(items):
            line = bisect_right(starts, start) - 1
            number_spans = [(start, start + len(str(first)) if text[start:start + len(str(first))].isdigit()
                             else end)]
            if last != first or last_start is not None:
                last_digits = re.match(r"\d+", text[last_start:]) if last_start is not None else None
                number_spans.append((last_start, last_start + len(last_digits.group(0))) if last_digits
                                    else (start, end))
            shown = group_text if len(items) == 1 else text[group_start:end] if n == 0 else text[start:end]
            citations.append(Citation(
                doc, line + 1, start - starts[line] + 1, shown.strip(), group_text.strip(), source,
                first, max(first, last), number_spans, _citation_claims(unit, claims, start), unit.kind if unit
                else "text", len(items) > 1))
    return citations


def _citation_claims(unit: Optional[Unit], claims, position: int) -> list[Claim]:
    """The claims a citation at ``position`` rests on: its unit's, nearest first; a cell adds its row's,
    a unit without any takes its parent's."""
    if unit is None:
        return []
    found = sorted(claims(unit), key=lambda c: (abs(c.start - position), c.start > position))
    if unit.parent is not None and (unit.kind == "cell" or not found):
        found += claims(unit.parent)
    unique: dict[str, Claim] = {}
    for claim in found:
        unique.setdefault(claim.text.lower(), claim)
    return list(unique.values())

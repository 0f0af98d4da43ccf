"""The values a string fold works with, and PowerScript's functions over known arguments.

A variable holds a ``MappedText`` (a known string), an ``int`` (a known whole
number: counters and indexes), ``Parts`` (an array's known elements), a
``Record`` (a structure's known fields) or None (not known from the source).
Joining the values of several branches keeps what they agree on; where every
candidate string is white space, the SQL reads a line break there and stays
complete.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Optional, Union

from ..sourcemap import MappedText

_LEADING_UNKNOWN = re.compile(r"(?:\s*__\w*__|\s*--[^\n]*(?:\n|$)|\s*/\*.*?\*/|\s*;)*\s*(?:as\b)?", re.I | re.S)
_TABLE_NAME = r'[\w#@\[\]."]+'  # bare, [bracketed] or "quoted", with schema and #temp
_SQL_START = re.compile(
    r"\s*(?:select\b.*\bfrom\b|insert\s+(?:into\s+)?" + _TABLE_NAME + r"|update\s+" + _TABLE_NAME + r"\s.*\bset\b"
    r"|delete\s+(?:from\s+)?" + _TABLE_NAME + r"(?:\s+(?:as\s+)?\w+)?(?:\s+(?:where|from|output|option)\b|\s*;|\s*$)|create\s+(?:or\s+alter\s+)?(?:table|proc|procedure|view|index"
    r"|unique|clustered|nonclustered|trigger|function)\b"
    r"|alter\s+table\s+" + _TABLE_NAME + r"\s+(?:add|drop|alter|with|nocheck|check|enable|disable)\b"
    r"|alter\s+(?:proc|procedure|view)\s+[\w\[\"]"
    r"|drop\s+(?:table|proc|procedure|view|index)\b|exec(?:ute)?\s+[\w\[]|if\s+(?:not\s+)?exists\b"
    r"|if\s+object_id\b|if\s+col_length\b|declare\s+@|begin\s+tran|truncate\s+table\b|merge\s+"
    r"|with\s+\w+\s*(?:\([^()]*\)\s*)?as\s*\("
    r"|set\s+(?:ansi_\w+|quoted_identifier|nocount|xact_abort|arithabort|concat_null_yields_null|numeric_roundabort"
    r"|identity_insert|transaction\s+isolation)\b|use\s+\[?\w+\]?\s*(?:;|\r?\n|$))",
    re.I | re.S)


def looks_like_sql(text: str) -> bool:
    """Whether a folded string is SQL worth analysing (a keyword and the shape that goes with it).

    Unknown pieces, SQL comments and statement terminators in front (``of_view_header(…) + " AS SELECT …"``,
    ``"-- 8.2: widen" + ls_nl + "ALTER TABLE …"``, ``";WITH b AS (…) UPDATE …"``) are looked past.
    """
    return bool(_SQL_START.match(text, _LEADING_UNKNOWN.match(text).end()))


#: A line of tab-separated fields: a row as ``ImportString`` reads it.
_ROW = re.compile(r"[^\r\n]+")


def statements_in(text: MappedText) -> list[MappedText]:
    """The SQL a string holds: itself when it reads as SQL; else, for rows of tab-separated fields (a buffer
    for a DataStore's ``ImportString``: ``"410~tlab_result~tY~tCREATE TABLE …~r~n"``), each field that does."""
    if looks_like_sql(text.text):
        return [text]
    if "\t" not in text.text:
        return []
    found = []
    for row in _ROW.finditer(text.text):
        start = row.start()
        for cell in row.group().split("\t"):
            if looks_like_sql(cell):
                found.append(text.slice(start, start + len(cell)))
            start += len(cell) + 1
    return found


@dataclass
class Parts:
    """An array's elements known from the source, by index; ``gaps`` when some assignment was not followed;
    ``unplaced`` when some element was stored at an index not known (``li_n ++; ls_batch[li_n] = …`` after
    branches that counted differently): every element is known, not where each is, nor the array's bound."""

    #: By index (a tuple of indexes in an array of several dimensions, ``ls_spec[2, 1]``): a string, a choice of
    #: strings, a structure, or None.
    items: dict[Union[int, tuple], "Value"] = field(default_factory=dict)
    gaps: bool = False
    unplaced: bool = False
    #: What an element not yet stored holds: its type's initial value (a structure's fields' defaults).
    element: "Value" = None

    def with_item(self, index: Union[int, tuple, None], value: "Value") -> "Parts":
        """The array after ``value`` is stored at ``index``; at an index not known it is kept under a key of
        its own (below zero), so the element is still one of the array's."""
        if index is None:
            lowest = min(min((index_order(key)[0] for key in self.items), default=0), 0) - 1
            several = any(isinstance(key, tuple) for key in self.items)
            return replace(self, items={**self.items, (lowest,) if several else lowest: value}, unplaced=True)
        return replace(self, items={**self.items, index: value})

    def bound(self, dimension: int = 1) -> int:
        """``UpperBound(array, dimension)``: the highest index set in that dimension."""
        return max((index_order(key)[dimension - 1] for key in self.items
                    if len(index_order(key)) >= dimension), default=0)


def index_order(index: Union[int, tuple]) -> tuple:
    """An array index as a tuple, so that the indexes of any array sort."""
    return index if isinstance(index, tuple) else (index,)


#: PowerScript's types that hold a value, not an object (a variable of any other type may be read through).
VALUE_TYPES = frozenset("string char character blob boolean integer int uint unsignedinteger unsignedint long ulong "
                        "unsignedlong longlong longptr decimal dec double real date datetime time byte any".split())


@dataclass(frozen=True)
class ObjectOf:
    """An object variable of another object, as a reader of ``gnv_app.inv_exec`` needs it: its declared class."""

    kind: str


@dataclass(frozen=True)
class Record:
    """A structure's fields known from the source, by lower-case name (``lstr.s_table = "…"``); a field never
    set is not known."""

    fields: dict[str, "Value"] = field(default_factory=dict)

    def with_field(self, name: str, value: "Value") -> "Record":
        return Record({**self.fields, name: value})


@dataclass(frozen=True)
class FlagTemplates:
    """A string function's result for each combination of its boolean parameters (``flags``: their indexes),
    for callers that pass them as known values: ``If ab_last Then … Else …`` gives each call its own arm."""

    flags: tuple[int, ...]
    results: dict[tuple[bool, ...], "MappedText"]


@dataclass(frozen=True)
class Choice:
    """Strings a variable may hold after branches that set it differently, each kept whole; ``partial`` when a
    branch set it to a value not known from the source (the statements of the others are still followed)."""

    options: tuple[MappedText, ...]
    partial: bool = False


#: At most this many candidate strings are followed; past it the value is unknown.
MAX_CHOICES = 8

Value = Union[MappedText, int, Parts, Record, Choice, None]


def map_texts(value, change: Callable[[MappedText], MappedText]):
    """``value`` with ``change`` applied to every string inside it: a choice's options, an array's elements, a
    structure's fields, a string function's results, the parts of a tuple (a template and its parameters)."""
    if isinstance(value, MappedText):
        return change(value)
    if isinstance(value, Choice):
        return Choice(tuple(change(option) for option in value.options), value.partial)
    if isinstance(value, Parts):
        return replace(value, items={i: map_texts(item, change) for i, item in value.items.items()},
                       element=map_texts(value.element, change))
    if isinstance(value, Record):
        return Record({name: map_texts(item, change) for name, item in value.fields.items()})
    if isinstance(value, FlagTemplates):
        return FlagTemplates(value.flags, {flags: map_texts(result, change) for flags, result in value.results.items()})
    if isinstance(value, tuple):
        return tuple(map_texts(part, change) for part in value)
    return value


def fingerprint(value: Value) -> object:
    """A hashable key for a value: its strings' texts and source positions, inside arrays and structures too."""
    if isinstance(value, MappedText):
        return value.text, value.lines.tobytes(), value.cols.tobytes(), value.origins
    if isinstance(value, Choice):
        return tuple(fingerprint(option) for option in value.options)
    if isinstance(value, Parts):
        return "parts", tuple((i, fingerprint(value.items[i])) for i in sorted(value.items, key=index_order)), \
            value.gaps, value.unplaced, fingerprint(value.element)
    if isinstance(value, Record):
        return "record", tuple((name, fingerprint(item)) for name, item in sorted(value.fields.items()))
    return value


def alternatives(value: Value) -> list[Value]:
    """The candidates of a value: a choice's options, or the value itself."""
    return list(value.options) if isinstance(value, Choice) else [value]


def choice(texts: list[MappedText]) -> Value:
    """One value for candidate strings: the string when they are one, a ``Choice``, or unknown past the cap."""
    distinct: dict[tuple, MappedText] = {}
    for text in texts:
        distinct.setdefault(fingerprint(text), text)
    if len(distinct) > MAX_CHOICES:
        return None
    options = tuple(distinct.values())
    return options[0] if len(options) == 1 else Choice(options)


def is_blank(value: Value) -> bool:
    """A string of white space only (the empty string included)."""
    return isinstance(value, MappedText) and not value.text.strip()


def _blank_join(values: list[Value]) -> Optional[MappedText]:
    """Candidates that are all white space read as one line break: the longest candidate that has one."""
    if not all(is_blank(v) for v in values):
        return None
    return max(values, key=lambda v: ("\n" in v.text, len(v.text)))


def join(base: Value, values: list[Value]) -> Value:
    """The value after branches that produced ``values`` from ``base``.

    Agreeing values stay; texts that all extend ``base`` keep ``base`` and every
    branch's addition in order (so both arms' columns are seen); white-space
    candidates read as a line break; other strings are kept as a ``Choice``; where
    some branch's value is not known, the SQL statements of the others are kept as a
    partial ``Choice``; anything else is unknown.
    """
    first = values[0]
    if all(v is first for v in values):
        return first
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values) and len(set(values)) == 1:
        return first
    if all(isinstance(v, Parts) for v in values):
        return _join_parts(values)
    if all(isinstance(v, Parts) or v is None for v in values):  # an array not known before some branch filled it
        return replace(_join_parts([v for v in values if v is not None]), gaps=True)
    if all(isinstance(v, Record) for v in values):
        return _join_records(base, values)
    blank = _blank_join(values)
    if blank is not None:
        return blank
    if not isinstance(base, MappedText) or not base.text or any(
            not isinstance(v, MappedText) or not v.starts_with(base) for v in values):
        candidates = [a for v in values for a in alternatives(v)]
        if not all(isinstance(c, MappedText) for c in candidates):
            statements = [c for c in candidates if isinstance(c, MappedText) and looks_like_sql(c.text)]
            return Choice(tuple(statements), partial=True) if 0 < len(statements) <= MAX_CHOICES else None
        return choice([c for c in candidates if c.text.strip()] or candidates)
    joined = base.copy()
    for v in values:
        if v is not base:
            joined.extend(v.tail(len(base.text)))
    return joined


def _join_parts(values: list[Parts]) -> Parts:
    indexes = set().union(*(p.items for p in values))
    items = {}
    for i in sorted(indexes, key=index_order):
        options = [a for p in values if i in p.items for a in alternatives(p.items[i])]  # set in some branch
        if all(isinstance(o, MappedText) for o in options):
            items[i] = choice(options)
        else:
            items[i] = join(None, options) if all(isinstance(o, Record) for o in options) else None
    elements = {fingerprint(p.element): p.element for p in values}
    return Parts(items, any(p.gaps for p in values), any(p.unplaced for p in values),
                 next(iter(elements.values())) if len(elements) == 1 else None)


def _join_records(base: Value, values: list[Record]) -> Record:
    """Structures after branches: each field joined from what the branches left in it (a field a branch did
    not set keeps its value from before)."""
    before = base.fields if isinstance(base, Record) else {}
    names = sorted(set().union(*(r.fields for r in values)))
    return Record({name: join(before.get(name), [r.fields.get(name, before.get(name)) for r in values])
                   for name in names})


def synthetic(file: str, text: str, line: int, col: int) -> MappedText:
    """A string the source computes (``Char(10)``, ``Space(4)``) mapped to where it is written."""
    result = MappedText(file)
    result.append(text, [(line, col)] * len(text))
    return result


def _slice(value: MappedText, start: int, length: Optional[int]) -> MappedText:
    begin = max(start - 1, 0)
    end = len(value.text) if length is None else begin + max(length, 0)
    return value.slice(begin, min(end, len(value.text)))


def _same_length(value: MappedText, change: Callable[[str], str]) -> Optional[MappedText]:
    text = change(value.text)
    return value.with_text(text) if len(text) == len(value.text) else None


def _trimmed(value: MappedText, left: bool, right: bool) -> MappedText:
    start = len(value.text) - len(value.text.lstrip(" \t\r\n")) if left else 0
    end = len(value.text.rstrip(" \t\r\n")) if right else len(value.text)
    return value.slice(start, max(start, end))


def _replace(value: MappedText, start: int, count: int, new: MappedText) -> MappedText:
    begin = max(start - 1, 0)
    result = value.slice(0, begin)
    result.extend(new)
    result.extend(value.tail(min(begin + max(count, 0), len(value.text))))
    return result


def replaced_all(value: MappedText, old: str, new: MappedText, ignore_case: bool = False) -> MappedText:
    """``value`` with every occurrence of ``old`` replaced by ``new``, left to right (PFC's
    ``n_cst_string.of_GlobalReplace``); each character keeps its position."""
    haystack, needle = (value.text.lower(), old.lower()) if ignore_case else (value.text, old)
    result, done = value.slice(0, 0), 0
    found = haystack.find(needle) if needle else -1
    while found >= 0:
        result.extend(value.slice(done, found))
        result.extend(new)
        done = found + len(needle)
        found = haystack.find(needle, done)
    result.extend(value.tail(done))
    return result


def _fill(pattern: MappedText, length: int) -> Optional[MappedText]:
    if not pattern.text or length < 0:
        return None
    result = MappedText(pattern.file)
    while len(result.text) < length:
        result.extend(pattern)
    return result.slice(0, length)


#: PowerScript string functions folded over known arguments: name -> (argument kinds, function).
#: ``s`` is a known string, ``n`` a known whole number; the result keeps each character's position.
STRING_FUNCTIONS: dict[str, tuple[str, Callable]] = {
    "upper": ("s", lambda s: _same_length(s, str.upper)),
    "lower": ("s", lambda s: _same_length(s, str.lower)),
    "wordcap": ("s", lambda s: _same_length(s, lambda t: t.title())),
    "trim": ("s", lambda s: _trimmed(s, True, True)),
    "lefttrim": ("s", lambda s: _trimmed(s, True, False)),
    "righttrim": ("s", lambda s: _trimmed(s, False, True)),
    "left": ("sn", lambda s, n: _slice(s, 1, n)),
    "right": ("sn", lambda s, n: s.tail(max(len(s.text) - max(n, 0), 0))),
    "mid": ("sn", lambda s, n: _slice(s, n, None)),
    "mid3": ("snn", _slice),
    "replace": ("snns", _replace),
    "fill": ("sn", _fill),
}

#: The byte-counting twins of the string functions (``PosA``, ``MidA``, …): the same over ASCII text, where a
#: character is a byte; not folded over other text.
BYTE_FUNCTIONS = {"lefta": "left", "righta": "right", "mida": "mid", "replacea": "replace", "filla": "fill",
                  "posa": "pos", "lena": "len"}


def _over_ascii(function: Callable) -> Callable:
    """``function`` where every string argument is ASCII; None otherwise."""
    return lambda *args: function(*args) if all(
        a.text.isascii() for a in args if isinstance(a, MappedText)) else None


STRING_FUNCTIONS.update({name: (STRING_FUNCTIONS[twin][0], _over_ascii(STRING_FUNCTIONS[twin][1]))
                         for name, twin in BYTE_FUNCTIONS.items() if twin in STRING_FUNCTIONS})
STRING_FUNCTIONS["mid3a"] = ("snn", _over_ascii(_slice))

def _whole_number(text: MappedText) -> Optional[int]:
    """``Integer("7")``, ``Long(" 12 ")``: the whole number a string holds; None for any other string."""
    return int(text.text) if _WHOLE_NUMBER.fullmatch(text.text) else None


_WHOLE_NUMBER = re.compile(r"\s*[+-]?\d{1,18}\s*")

#: Whole-number results of PowerScript's functions over known strings.
NUMBER_FUNCTIONS: dict[str, Callable[[MappedText], Optional[int]]] = {
    "len": lambda s: len(s.text), "lena": _over_ascii(lambda s: len(s.text)),
    **dict.fromkeys(("integer", "long", "longlong"), _whole_number)}


def compare(op: str, left: int, right: int) -> Optional[bool]:
    return {"=": left == right, "<>": left != right, "<": left < right, ">": left > right,
            "<=": left <= right, ">=": left >= right}.get(op)


def arithmetic(op: str, left: int, right: int) -> Optional[int]:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "/" and right and left % right == 0:
        return left // right
    return None

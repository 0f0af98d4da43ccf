"""Split an export into its top-level sections by their opening and closing lines.

Splitting first isolates errors: each script and declaration block is parsed on
its own, so one broken script never hides the rest of the file, and a missing
``end function`` is found here, where the next script's header shows it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_END = re.compile(r"end\s+(function|subroutine|event|on|type|variables|prototypes|forward)\b", re.I)
_SCRIPT = re.compile(
    r"(?:(?:global|public|private|protected)\s+)?(function|subroutine)\s"
    r"|(event)\s"
    r"|(on)\s+[^\s;]", re.I)
_ON_CREATE = re.compile(r"on\s+[^\s;]+\.(?:create|destroy)\s*$", re.I)
_NEW_FUNCTION = re.compile(r"(?:global|public|private|protected)\s+(?:function|subroutine)\s|" + _ON_CREATE.pattern, re.I)
_TYPE = re.compile(r"(global\s+)?type\s+([^\s`]+(?:`[^\s]+)?)\s+from\s+([^\s]+)(?:\s+within\s+([^\s]+))?", re.I)
_VARIABLES = re.compile(r"(type|shared|global)\s+variables\s*$", re.I)
_PROTOTYPES = re.compile(r"(forward|type)\s+prototypes\s*$", re.I)
_FORWARD = re.compile(r"forward\s*$", re.I)
_INSTANCE = re.compile(r"global\s+[^\s]+\s+[^\s]+\s*$", re.I)
_BINARY_DATA = re.compile(r"start of powerbuilder binary data section", re.I)
_HEADER = re.compile(r"\$pbexport(header|comments)\$", re.I)
# The first word of every line that can end or interrupt a section (the patterns above): any other line inside
# a section is one of its lines, known by this one match.
_SECTION_WORD = re.compile(r"(?:start|end|type|shared|global|forward|public|private|protected|function|subroutine"
                           r"|event|on)(?:\s|$)", re.I)
_NAME = r"[^\W\d][\w$#%-]*"
# The one shape of a line starting with `event` that is a statement: a call, `event [post] ue_x(args)`.
_EVENT_CALL = re.compile(rf"event\s+(?:(?:dynamic|static|post|trigger)\s+)*({_NAME})\s*\((.*)", re.I)
_EVENT_WORD = re.compile(r"event\s", re.I)
# What a script's parameter looks like and an argument cannot: `long al_row`, `ref string as_x[]`.
_PARAMETER = re.compile(rf"(?:ref\s+|readonly\s+)?({_NAME})(?:\s*\{{[\d\s,]*\}})?\s+{_NAME}\s*(?:\[\s*\])?", re.I)


@dataclass
class Section:
    """Lines ``line``..``end_line`` of one top-level construct.

    ``kind``: script, type, variables, prototypes, forward, header, instance.
    ``body_end`` is the last line before the closing ``end …`` line (the script
    or block content); ``closed`` is False when the closing line is missing.
    """

    kind: str
    line: int
    end_line: int
    body_end: int
    word: str = ""
    closed: bool = True
    match: Optional[re.Match] = field(default=None, repr=False)


@dataclass
class Split:
    sections: list[Section]
    problems: list[tuple[int, str]]


_CLOSER = {"type": "type", "variables": "variables", "prototypes": "prototypes", "forward": "forward"}


def _arguments(text: str) -> tuple[list[str], Optional[str]]:
    """The comma-separated arguments of the call whose ``(`` precedes ``text``, and the text after
    its ``)`` (None if the line ends first); parentheses and string literals are skipped over."""
    pieces, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in "]}" or char == ")" and depth:
            depth -= 1
        elif char == ")":
            return pieces + [text[start:i]], text[i + 1:].strip()
        elif char == "," and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    return pieces + [text[start:]], None


def _event_header(line: str) -> bool:
    """Whether ``line``, inside a script, is the header of the next event rather than an event call.

    A call is ``event [post|trigger|dynamic|static] name(arguments)`` alone on its line, or continued
    with ``&``. Anything else starting with ``event`` is a header: ``event name;…``, ``event type
    integer name(…)``, ``event cb_1::clicked;``, ``event name pbm_x``, a typed parameter list
    ``(long al_row)``, or text (even a lone ``;``) after the ``)``.
    """
    if not _EVENT_WORD.match(line):
        return False
    call = _EVENT_CALL.match(line)
    if call is None:
        return True
    arguments, after = _arguments(call.group(2))
    if after is None:
        return not line.rstrip().endswith("&")
    return after != "" or any(_is_parameter(a) for a in arguments)


def _is_parameter(argument: str) -> bool:
    match = _PARAMETER.fullmatch(argument.strip())
    return match is not None and match.group(1).lower() not in ("not", "create", "ref", "readonly")


def _interrupts(current: Section, line: str, end: Optional[re.Match]) -> bool:
    """Whether ``line`` inside ``current`` shows that ``current``'s closing line is missing."""
    if end:
        return not (current.kind == "forward" and end.group(1).lower() == "type")
    blocks = bool(_VARIABLES.match(line) or _PROTOTYPES.match(line) or _FORWARD.match(line))
    if current.kind == "script":
        return blocks or bool(_NEW_FUNCTION.match(line) or _TYPE.match(line)) \
            or _event_header(line)
    if current.kind == "type":
        return blocks or bool(_ON_CREATE.match(line))
    if current.kind == "forward":
        return blocks or bool(_SCRIPT.match(line))
    return blocks or bool(_TYPE.match(line) or current.kind == "variables" and _SCRIPT.match(line))


def split_sections(lines: list[str]) -> Split:
    """Sections of an export given its (comment-blanked) lines."""
    sections: list[Section] = []
    problems: list[tuple[int, str]] = []
    current: Optional[Section] = None

    def close(end_line: int, closed: bool) -> None:
        nonlocal current
        assert current is not None
        current.end_line = end_line
        current.body_end = end_line - 1 if closed else end_line
        current.closed = closed
        sections.append(current)
        current = None

    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or current is not None and not _SECTION_WORD.match(line):
            continue
        if _BINARY_DATA.match(line):  # OLE control data up to the end of the file: no source
            break
        if current is not None:
            end = _END.match(line)
            expected = current.word if current.kind == "script" else _CLOSER[current.kind]
            if end and end.group(1).lower() == expected:
                close(number, closed=True)
                continue
            if not _interrupts(current, line, end):
                continue
            problems.append((current.line, f"missing `end {expected}` for the {_describe(current)} "
                                           f"starting at line {current.line}"))
            header = _script_header_before(lines, current, number, end) if end else None
            close(_last_content_line(lines, current.line, header or number), closed=False)
            if header:  # the block lost its `end` line: the script it ran into still stands
                current = _open(lines[header - 1].strip(), header)
                close(number, closed=True)
                continue
            if end:
                problems.append((number, f"`{line}` without an opening line"))
                continue
        current = _open(line, number)
        if current is None:
            what = "without an opening line" if _END.match(line) else "outside any script"
            problems.append((number, f"unexpected `{line[:60]}` {what}"))
        elif current.kind in ("header", "instance"):
            sections.append(current)
            current = None
    if current is not None:
        expected = current.word if current.kind == "script" else _CLOSER[current.kind]
        problems.append((current.line, f"missing `end {expected}` for the {_describe(current)} "
                                       f"starting at line {current.line}"))
        close(_last_content_line(lines, current.line, len(lines) + 1), closed=False)
    return Split(sections, problems)


def _script_header_before(lines: list[str], block: Section, number: int, end: re.Match) -> Optional[int]:
    """The line of the last header of an ``end function`` (``end event`` …) script within ``block``,
    a declarations block whose own ``end`` line is missing, before line ``number``."""
    word = end.group(1).lower()
    if block.kind == "script" or word not in ("function", "subroutine", "event", "on"):
        return None
    for candidate in range(number - 1, block.line, -1):
        text = lines[candidate - 1].strip()
        opened = _SCRIPT.match(text)
        if opened and (opened.group(1) or opened.group(2) or opened.group(3)).lower() == word \
                and (word != "event" or _event_header(text)):
            return candidate
    return None


def _describe(section: Section) -> str:
    return section.word if section.kind == "script" else f"{section.kind} block"


def _last_content_line(lines: list[str], first: int, before: int) -> int:
    """The last non-blank line in ``first``..``before - 1``."""
    for number in range(before - 1, first, -1):
        if lines[number - 1].strip():
            return number
    return first


def _open(line: str, number: int) -> Optional[Section]:
    """The section a top-level line opens, or None."""
    if _HEADER.match(line):
        return Section("header", number, number, number)
    if m := _VARIABLES.match(line):
        return Section("variables", number, 0, 0, m.group(1).lower(), match=m)
    if m := _PROTOTYPES.match(line):
        return Section("prototypes", number, 0, 0, match=m)
    if _FORWARD.match(line):
        return Section("forward", number, 0, 0)
    if m := _TYPE.match(line):
        return Section("type", number, 0, 0, match=m)
    if m := _SCRIPT.match(line):
        word = (m.group(1) or m.group(2) or m.group(3)).lower()
        return Section("script", number, 0, 0, word, match=m)
    if _INSTANCE.match(line):
        return Section("instance", number, number, number)
    return None

"""Calls found by a text scan in scripts the parser could not read, so that none is dropped.

Only string-literal arguments are known; anything else is reported with its source text.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

from .. import model as m
from ..reader import SourceText
from .common import CallSite, FoldedArg
from .literals import literal_text

_CALL = re.compile(r"((?:[\w$#%-]+\s*(?:\.|::)\s*)*)([A-Za-z_][\w$#%-]*)\s*\(")
_STRING = re.compile(r'"(?:[^"~\n&]+|&[ \t\r]*\n|&|~[^\n])*+"|\'(?:[^\'~\n&]+|&[ \t\r]*\n|&|~[^\n])*+\'')
_CONTINUATION = re.compile(r"&[ \t\r]*\n")
NOTE = "found by a text scan: the script did not parse"


def _arguments(text: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """Spans of the top-level arguments of the call whose "(" is just before ``start``, and the ")" offset."""
    spans, depth, begin, i = [], 0, start, start
    while i < len(text):
        if m_ := _STRING.match(text, i):
            i = m_.end()
            continue
        ch = text[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
        elif ch == ")":
            spans.append((begin, i))
            return [s for s in spans if text[s[0]:s[1]].strip()], i
        elif ch == "," and depth == 0:
            spans.append((begin, i))
            begin = i + 1
        elif ch == ";" or (ch == "\n" and not text[begin:i].rstrip().endswith("&")):
            break
        i += 1
    return [], -1


def scan_calls(source: SourceText, file: m.SourceFile, script: m.Script,
               wants: Callable[[str], bool]) -> Iterator[CallSite]:
    """Calls of wanted functions in the lines of an unparsed ``script``."""
    from ..parse.comments import blank_comments  # the parse package (and lark) loads only when needed

    first = source.line_starts[script.line - 1]
    last = source.line_starts[script.end_line] if script.end_line < source.line_count else len(source.text)
    text = blank_comments(source.text[:last])
    for match in _CALL.finditer(text, first):
        if not wants(match.group(2)):
            continue
        spans, close = _arguments(text, match.end())
        if close < 0:
            continue
        args = []
        for begin, end in spans:
            written = source.text[begin:end]
            pieces = [p for p in _CONTINUATION.split(written) if p.strip()]
            offset = begin + written.index(pieces[0].strip())
            raw = " ".join(p.strip() for p in pieces)
            value = None
            if _STRING.fullmatch(raw):
                value = literal_text(source, m.StringLit(source.line_of(offset), offset, offset + len(raw), ""))
            args.append(FoldedArg(raw, source.line_of(offset), value))
        call = m.Call(source.line_of(match.start(2)), match.start(2), close + 1, None, match.group(2), [])
        qualifier = re.sub(r"\s+", "", match.group(1)).rstrip(".")
        yield CallSite(file.path, script, call, qualifier, call.line, source.line_of(close), args, NOTE)

"""Blank PowerScript comments out of a text, keeping every offset and line break in place."""
from __future__ import annotations

import re
from typing import NamedTuple

# A string literal (with ~ escapes and & line continuation), a // comment, or a /* opener.
_SCAN = re.compile(
    r'"(?:[^"~\n&]+|&[ \t\r]*\n|&|~[^\n])*+"?'
    r"|'(?:[^'~\n&]+|&[ \t\r]*\n|&|~[^\n])*+'?"
    r"|//[^\n]*"
    r"|/\*"
)
_DIRECTIVE = re.compile(r"^[ \t]*#(?:if|elseif|else|end[ \t]+if)\b[^\n]*", re.I | re.M)
_BLOCK = re.compile(r"/\*|\*/")
_NOT_NEWLINE = re.compile(r"[^\n]")
_TRAILING_AMPERSAND = re.compile(r"&[ \t\r]*$")
#: What can only continue an expression, never start a statement: a binary operator (``+ "max_pool_cnt …"``).
_CONTINUES = re.compile(r"[ \t]*(?:[-+*/^=<>,]|and\b|or\b)", re.I)
# The line that closes a top-level section: where a `/*` that is never closed stops.
_SECTION_END = re.compile(r"^[ \t]*end[ \t]+(?:function|subroutine|event|on|type|variables|prototypes|forward)\b",
                          re.I | re.M)


def _spaces(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def _blank_block(text: str, continued: bool) -> str:
    """A block comment as spaces, its line breaks kept, and an ``&`` that ends one of its lines.

    PowerBuilder reads ``&`` continuations line by line, before comments: a line
    break inside a block comment ends the statement (``if x then /* … */`` on two
    lines opens a block ``if``) unless the comment's line ends with ``&`` — or
    (``continued``) what follows the comment can only continue the statement (a
    binary operator: ``"…, " /* legacy⏎ default */ + "max_pool_cnt …"``).
    """
    lines = text.split("\n")
    blanked = []
    for number, line in enumerate(lines, 1):
        amp = _TRAILING_AMPERSAND.search(line)
        if continued and number < len(lines) and amp is None and line:
            blanked.append(_spaces(line[:-1]) + "&")
        else:
            blanked.append(_spaces(line) if amp is None else
                           _spaces(line[:amp.start()]) + "&" + _spaces(line[amp.start() + 1:]))
    return "\n".join(blanked)


def find_comments(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(start, end) of every comment, and of those ``/*`` never closed; ``/* */`` comments nest. A ``/*`` never closed ends before the next line that
    closes a section (``end function``, ``end event`` …), so it hides one script at most."""
    spans, unclosed = [], []
    pos = 0
    while True:
        m = _SCAN.search(text, pos)
        if m is None:
            return spans, unclosed
        token = m.group()
        if token.startswith("//"):
            spans.append(m.span())
            pos = m.end()
        elif token == "/*":
            depth, end = 1, None
            for b in _BLOCK.finditer(text, m.end()):
                depth += 1 if b.group() == "/*" else -1
                if depth == 0:
                    end = b.end()
                    break
            if end is None:
                section_end = _SECTION_END.search(text, m.end())
                end = section_end.start() if section_end else len(text)
                unclosed.append((m.start(), end))
            spans.append((m.start(), end))
            pos = end
        else:
            pos = m.end()


class Blanked(NamedTuple):
    text: str
    unclosed: list[tuple[int, int]]  # (start, end) of the `/*` comments never closed


def blank_comments(text: str) -> str:
    """``text`` with every comment replaced by spaces (line breaks kept) and conditional
    compilation lines (``#if defined X then``, ``#else``, ``#end if``) blanked, so the
    code of every branch is read."""
    return strip_comments(text).text


def strip_comments(text: str) -> Blanked:
    """``blank_comments`` with the ``/*`` comments that are never closed."""
    text = _DIRECTIVE.sub(lambda m: _spaces(m.group()), text)
    spans, unclosed = find_comments(text)
    if not spans:
        return Blanked(text, unclosed)
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        comment = text[start:end]
        parts.append(_blank_block(comment, _CONTINUES.match(text, end) is not None)
                     if comment.startswith("/*") else _spaces(comment))
        pos = end
    parts.append(text[pos:])
    return Blanked("".join(parts), unclosed)

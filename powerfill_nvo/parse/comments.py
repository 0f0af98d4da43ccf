"""Blank PowerScript comments out of a text, keeping every offset and line break in place."""
from __future__ import annotations

import re

# A string literal (with ~ escapes and & line continuation), a // comment, or a /* opener.
_SCAN = re.compile(
    r'"(?:[^"~\n]|~[^\n]|&[ \t\r]*\n)*"?'
    r"|'(?:[^'~\n]|~[^\n]|&[ \t\r]*\n)*'?"
    r"|//[^\n]*"
    r"|/\*"
)
_BLOCK = re.compile(r"/\*|\*/")
_NOT_NEWLINE = re.compile(r"[^\n]")


def _spaces(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of every comment; ``/* */`` comments nest."""
    spans = []
    pos = 0
    while True:
        m = _SCAN.search(text, pos)
        if m is None:
            return spans
        token = m.group()
        if token.startswith("//"):
            spans.append(m.span())
            pos = m.end()
        elif token == "/*":
            depth, end = 1, len(text)
            for b in _BLOCK.finditer(text, m.end()):
                depth += 1 if b.group() == "/*" else -1
                if depth == 0:
                    end = b.end()
                    break
            spans.append((m.start(), end))
            pos = end
        else:
            pos = m.end()


def blank_comments(text: str) -> str:
    """``text`` with every comment replaced by spaces (line breaks kept)."""
    spans = comment_spans(text)
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(_spaces(text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)

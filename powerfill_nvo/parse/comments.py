"""Blank PowerScript comments out of a text, keeping every offset and line break in place."""
from __future__ import annotations

import re

# A string literal (with ~ escapes and & line continuation), a // comment, or a /* opener.
_SCAN = re.compile(
    r'"(?:&[ \t\r]*\n|[^"~\n]|~[^\n])*"?'
    r"|'(?:&[ \t\r]*\n|[^'~\n]|~[^\n])*'?"
    r"|//[^\n]*"
    r"|/\*"
)
_DIRECTIVE = re.compile(r"^[ \t]*#(?:if|elseif|else|end[ \t]+if)\b[^\n]*", re.I | re.M)
_BLOCK = re.compile(r"/\*|\*/")
_NOT_NEWLINE = re.compile(r"[^\n]")
_TRAILING_AMPERSAND = re.compile(r"&[ \t\r]*$")


def _spaces(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def _blank_block(text: str) -> str:
    """A block comment as spaces, its line breaks kept, and an ``&`` that ends one of its lines.

    PowerBuilder reads ``&`` continuations line by line, before comments: a line
    break inside a block comment ends the statement (``if x then /* … */`` on two
    lines opens a block ``if``) unless the comment's line ends with ``&``.
    """
    lines = []
    for line in text.split("\n"):
        amp = _TRAILING_AMPERSAND.search(line)
        lines.append(_spaces(line) if amp is None else
                     _spaces(line[:amp.start()]) + "&" + _spaces(line[amp.start() + 1:]))
    return "\n".join(lines)


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
    """``text`` with every comment replaced by spaces (line breaks kept) and conditional
    compilation lines (``#if defined X then``, ``#else``, ``#end if``) blanked, so the
    code of every branch is read."""
    text = _DIRECTIVE.sub(lambda m: _spaces(m.group()), text)
    spans = comment_spans(text)
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        comment = text[start:end]
        parts.append(_blank_block(comment) if comment.startswith("/*") else _spaces(comment))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)

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


def _spaces(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def _blank_block(text: str) -> str:
    """A block comment as spaces; a line break inside it is marked as a ``&`` continuation.

    PowerScript reads a block comment as white space, so a statement continues
    across a multi-line comment; the ``&`` (first column of each comment line
    that ends inside the comment) keeps the grammar's line breaks honest while
    keeping every line number.
    """
    lines = _spaces(text).split("\n")
    marked = ["&" + line[1:] if line else line for line in lines[:-1]]
    return "\n".join(marked + lines[-1:])


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

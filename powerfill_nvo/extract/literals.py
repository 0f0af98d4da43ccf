"""String literals and embedded SQL as mapped texts: each character keeps its source line and column."""
from __future__ import annotations

import re
from array import array

from ..model import EmbeddedSql, StringLit
from ..escapes import decode_escape
from ..reader import SourceText
from ..sourcemap import MappedText

_PIECE = re.compile(r"~(h[0-9a-fA-F]{2}|o[0-7]{3}|\d{3}|.)|&[ \t\r]*\n|[^~&]+|&", re.S)
_HOST_CONTINUATION = re.compile(r"&[ \t\r]*\n")
_BLOB_KEYWORD = re.compile(r"^(select|update)blob\b", re.I)


def _position(source: SourceText, offset: int) -> tuple[int, int]:
    line = source.line_of(offset)
    return line, offset - source.line_starts[line - 1] + 1


def literal_text(source: SourceText, literal: StringLit) -> MappedText:
    """The literal's value; every character maps to where it (or its escape) is written. The positions go
    straight into the compact arrays (a 5 MB literal would take 500 MB as (line, column) pairs)."""
    body_start = literal.start + 1
    raw = source.text[body_start:literal.end - 1]
    line, col = _position(source, body_start)
    if "~" not in raw and "&" not in raw:  # most literals: no escape, no continuation: one piece as written
        return MappedText(source.path, raw, array("I", [line]) * len(raw), array("I", range(col, col + len(raw))))
    text, lines, cols = [], array("I"), array("I")
    for piece in _PIECE.finditer(raw):
        chunk = piece.group()
        if piece.group(1) is not None:
            text.append(decode_escape(piece.group(1)))
            lines.append(line)
            cols.append(col)
        elif chunk.startswith("&") and "\n" in chunk:
            pass
        else:
            text.append(chunk)
            lines.extend(array("I", [line]) * len(chunk))
            cols.extend(range(col, col + len(chunk)))
        if "\n" in chunk:
            line, col = line + 1, len(chunk) - chunk.rindex("\n")
        else:
            col += len(chunk)
    return MappedText(source.path, "".join(text), lines, cols)


def embedded_sql_text(source: SourceText, statement: EmbeddedSql) -> MappedText:
    """An embedded SQL statement (comments already blanked) as SQL: ``&`` line continuations blanked,
    and PowerBuilder's ``SELECTBLOB``/``UPDATEBLOB`` read as ``SELECT``/``UPDATE`` (same length)."""
    line, col = _position(source, statement.start)
    text = _HOST_CONTINUATION.sub(lambda m: " " * (len(m.group()) - 1) + "\n", statement.text)
    text = _BLOB_KEYWORD.sub(lambda m: m.group(1) + "    ", text)
    return MappedText.from_source(source.path, text, line, col)

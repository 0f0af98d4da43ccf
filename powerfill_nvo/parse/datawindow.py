"""DataWindow (.srd) exports: the SQL of their ``retrieve=`` property, with its lines."""
from __future__ import annotations

import re

from .. import model as m
from ..reader import SourceText
from ..escapes import unescape_string

# retrieve="…" where the value may span lines and escapes quotes as ~"
_RETRIEVE = re.compile(r'\bretrieve\s*=\s*("(?:[^"~]+|~.)*+")', re.I | re.S)


def retrieve_statements(source: SourceText) -> list[m.EmbeddedSql]:
    """One EmbeddedSql of kind ``retrieve`` (plain SQL) or ``pbselect`` (painter syntax) per property."""
    result = []
    for match in _RETRIEVE.finditer(source.text):
        value = unescape_string(match.group(1))
        start, end = match.span(1)
        kind = "pbselect" if value.lstrip().upper().startswith("PBSELECT") else "retrieve"
        result.append(m.EmbeddedSql(source.line_of(start), source.line_of(end - 1), kind, value, start, end))
    return result

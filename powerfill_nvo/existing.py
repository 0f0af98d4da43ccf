"""What an existing ``007_*.sql`` deploy script already backfills."""
from __future__ import annotations

import re

from .reader import read_source
from .tsql import unquote_identifier

_NAME = r"(?:\[(?:[^\]]|\]\])+\]|[\w@#$]+)"
_QUALIFIED = rf"(?:{_NAME}\s*\.\s*)*({_NAME})"
_COL_LENGTH = re.compile(r"col_length\s*\(\s*N?'([^']*)'\s*,\s*N?'([^']*)'", re.I)
_ALTER_ADD = re.compile(rf"alter\s+table\s+{_QUALIFIED}\s+add\s+({_NAME})", re.I)
_CREATE = re.compile(rf"create\s+table\s+{_QUALIFIED}", re.I)
_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)


def _bare(name: str) -> str:
    """``[dbo].[Pool]`` -> ``pool``."""
    return unquote_identifier(name.split(".")[-1]).lower()


def covered_pairs(path: str) -> set[tuple[str, str]]:
    """(table, column) pairs the script adds, and (table, "") for tables it creates; lower case."""
    text = _COMMENT.sub(" ", read_source(path).text)
    pairs = {(_bare(t), _bare(c)) for t, c in _COL_LENGTH.findall(text)}
    pairs |= {(_bare(t), _bare(c)) for t, c in _ALTER_ADD.findall(text)}
    pairs |= {(_bare(t), "") for t in _CREATE.findall(text)}
    return pairs

"""PowerScript string literal escapes: ``~r ~n ~t ~" ~' ~~ ~hXX ~oOOO ~ddd`` and ``&`` line continuation."""
from __future__ import annotations

import re

_TILDE = re.compile(r"~(h[0-9a-fA-F]{2}|o[0-7]{3}|\d{3}|.)|&[ \t\r]*\n", re.S)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "v": "\v", "f": "\f", "b": "\b"}

def decode_escape(code: str) -> str:
    """The character a tilde escape stands for, given what follows the ``~``."""
    if len(code) == 3 and code[0] in "hH":
        return chr(int(code[1:], 16))
    if len(code) == 4 and code[0] in "oO":
        return chr(int(code[1:], 8))
    if len(code) == 3 and code.isdigit():
        return chr(int(code) % 0x110000)
    return _ESCAPES.get(code.lower(), code)

def _untilde(match: re.Match) -> str:
    code = match.group(1)
    return "" if code is None else decode_escape(code)  # None: an "&" line continuation

def unescape_string(raw: str) -> str:
    """The value of a PowerScript string literal (quotes included in ``raw``)."""
    return _TILDE.sub(_untilde, raw[1:-1])

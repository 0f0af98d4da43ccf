"""PowerScript string literal escapes (``~r ~n ~t ~" ~' ~~ ~hXX ~oOOO ~ddd``, ``&`` line continuation), and the
display escapes that keep control and line-separator characters from source text out of every view."""
from __future__ import annotations

import re
import unicodedata

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


# ---------------------------------------------------------------- display escapes
# Unicode categories never shown raw from source text: controls (C0, DEL, C1 such as U+0085 NEL and
# U+009B CSI), format characters (bidi overrides), line and paragraph separators, surrogates.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def is_hidden(ch: str) -> bool:
    """A character that could break a line, a terminal or a reader's view if written raw."""
    return unicodedata.category(ch) in _HIDDEN_CATEGORIES


def _escaped(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape_hidden(text: str) -> str:
    """``text`` on one line with every hidden character written as ``\\x1b``, ``\\u2028``, …"""
    if text.isprintable():  # holds no hidden character (they are all non-printable): the text itself, no copy
        return text
    return "".join(_escaped(ch) if is_hidden(ch) else ch for ch in text)


def has_hidden(text: str) -> bool:
    return any(is_hidden(ch) for ch in text)

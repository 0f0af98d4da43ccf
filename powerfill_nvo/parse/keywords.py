"""Keyword recognition for the compiled parser's lexer (lark-cython) by one dictionary look-up.

Lark lexes a keyword (``if``, ``then``, …) as a NAME and then re-types it: a callback per NAME token tries
the name against a regex of the keywords the parser accepts in that state. On real exports that is about
300,000 calls of two Python methods and a regex per 160,000 lines. ``KeywordCallback`` answers the same
question with a look-up of the lowercased name in a dict holding the same keywords in the same order; it
does so only where that is exactly equivalent (the keywords are plain case-insensitive ASCII words and the
name is ASCII), and asks Lark's callback otherwise.
"""
from __future__ import annotations

from typing import Callable

from lark.lexer import PatternStr, UnlessCallback


class KeywordCallback:
    """Lark's ``UnlessCallback`` for ``unless``, answered from a dict for an ASCII name."""

    def __init__(self, unless: UnlessCallback, keywords: dict[str, str]) -> None:
        self.unless, self.keywords = unless, keywords

    def __call__(self, token):
        value = token.value
        if not value.isascii():
            return self.unless(token)
        keyword = self.keywords.get(value.lower())
        if keyword is not None:
            token.type = keyword
        return token


def faster(callback, regex_flags: int) -> Callable:
    """``callback`` (one of Lark's lexer callbacks) as a ``KeywordCallback`` when that is exactly equivalent,
    else ``callback`` itself."""
    if not isinstance(callback, UnlessCallback) or regex_flags:
        return callback
    keywords: dict[str, str] = {}
    for terminal in callback.scanner.terminals:
        pattern = terminal.pattern
        if not (isinstance(pattern, PatternStr) and set(pattern.flags) == {"i"} and pattern.value.isascii()
                and pattern.value.isalnum()):
            return callback
        keywords.setdefault(pattern.value.lower(), terminal.name)  # the first of the regex's alternatives wins
    return KeywordCallback(callback, keywords)


def install(compiled_module) -> None:
    """Make the lexers of ``compiled_module`` (lark-cython's) use ``faster`` callbacks: it builds each state's
    scanner on first use with Lark's ``_create_unless``, looked up in its module's globals."""
    create_unless = compiled_module._create_unless
    if getattr(create_unless, "keyword_dicts", False):
        return

    def create_unless_with_dicts(terminals, regex_flags, re_module, use_bytes):
        terminals, callbacks = create_unless(terminals, regex_flags, re_module, use_bytes)
        return terminals, {name: faster(callback, regex_flags) for name, callback in callbacks.items()}

    create_unless_with_dicts.keyword_dicts = True
    compiled_module._create_unless = create_unless_with_dicts

"""The PowerScript Lark grammar, built once and cached on disk."""
from __future__ import annotations

import functools
from importlib import resources
from typing import Optional

from lark import Lark

START_SYMBOLS = ["script", "var_block", "prototypes"]


def grammar_text() -> str:
    return resources.files("powerfill_nvo.grammars").joinpath("powerscript.lark").read_text("utf-8")


@functools.lru_cache(maxsize=None)
def builder(transformer_class: type):
    """The one ``transformer_class`` instance both parsers reduce through (``powerscript_parser`` and
    ``fast_parser``), made without loading either: with the ``fast`` extra, plain Lark loads only to parse a
    section again that the compiled parser cannot parse."""
    return transformer_class()


@functools.lru_cache(maxsize=None)
def powerscript_parser(transformer_class: type) -> Lark:
    """An LALR parser that builds model objects through ``transformer_class`` while it parses.

    The analysed grammar is cached in the temporary directory (Lark's ``cache``),
    so later processes skip the LALR table construction.
    """
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=START_SYMBOLS,
        transformer=builder(transformer_class),
        maybe_placeholders=False,
        cache=True,
    )


def fast_parser_loaded() -> bool:
    """Whether ``fast_parser`` has been asked for in this process (what it answered is kept)."""
    return fast_parser.cache_info().currsize > 0


@functools.lru_cache(maxsize=None)
def fast_parser(transformer_class: type) -> Optional[Lark]:
    """The same parser compiled by lark-cython (the ``fast`` extra), sharing the plain parser's
    transformer and cached tables; None when lark-cython is not installed.

    It has no error recovery: a section it cannot parse is parsed again by ``powerscript_parser``. Its
    reductions run through callbacks generated per rule (``reductions``), which build the same values, and its
    lexer recognizes keywords by a dict look-up (``keywords``).
    """
    try:
        import lark_cython
    except ImportError:
        return None
    from . import keywords, reductions

    keywords.install(lark_cython.lark_cython)
    parser = Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=START_SYMBOLS,
        transformer=builder(transformer_class),
        maybe_placeholders=False,
        cache=True,
        _plugins=lark_cython.plugins,
    )
    reductions.install(parser, lark_cython.plugins["_Parser"])
    return parser


@functools.lru_cache(maxsize=None)
def fast_header_parser(transformer_class: type, header_class: type) -> Optional[tuple]:
    """(frontend, transformer): the compiled parser (``fast_parser``) reducing through a ``header_class``
    (``HeaderBuilder``: a script's header and diagnostics, its body not built), with the same lexer and
    tables; None without the ``fast`` extra."""
    parser = fast_parser(transformer_class)
    if parser is None:
        return None
    import lark_cython
    from . import reductions

    header_builder = header_class()
    frontend = reductions.with_transformer(parser, lark_cython.plugins["_Parser"], header_builder)
    return None if frontend is None else (frontend, header_builder)

"""The PowerScript Lark grammar, built once and cached on disk (in nvo-scan's own cache directory, which only
this user can write: Lark's cache is a pickle)."""
from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import re
import stat
import sys
import tempfile
from array import array
from copy import copy
from importlib import resources
from typing import Optional, Union

import _sre
try:
    from re import _compiler as sre_compile, _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_compile
    import sre_parse

from lark import Lark, __version__ as lark_version
from lark.lexer import ContextualLexer

from ..cache import default_cache_dir, unsafe, warn

START_SYMBOLS = ["script", "var_block", "prototypes"]


def grammar_text() -> str:
    return resources.files("powerfill_nvo.grammars").joinpath("powerscript.lark").read_text("utf-8")


def _cache_file(name: str) -> Optional[str]:
    """``name`` in ``lark/`` of nvo-scan's default cache directory (created mode 700), or None with a warning
    when the directory or the file can be written by another user or the file is not a regular one (the
    grammar cache is a pickle Lark loads)."""
    directory = os.path.join(default_cache_dir(), "lark")
    path = os.path.join(directory, name)
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        reason = unsafe(os.stat(directory))
        if reason is None:
            status = os.lstat(path)
            reason = unsafe(status) if stat.S_ISREG(status.st_mode) else "not a regular file"
    except FileNotFoundError:
        return path
    except OSError as e:
        warn(f"grammar cache {path}: {e.strerror or e}; not used")
        return None
    if reason:
        warn(f"grammar cache {path} can be written by another user or is not a file ({reason}): not used")
        return None
    return path


def grammar_cache() -> Union[str, bool]:
    """Where Lark keeps the analysed grammar (``_cache_file``); False: nowhere safe, the grammar is analysed in
    this process (about 2 s)."""
    return _cache_file(f"powerscript-{lark_version}.pickle") or False


class RegexPrograms:
    """``re`` for the lexers, with the program ``re`` compiles each pattern to kept on disk (``_cache_file``,
    JSON: numbers and strings, each program's words in hexadecimal, no code), so a process does not compile the
    same few dozen large patterns again (about a third of ``check``'s time on a small file). A pattern is
    restored by the same call ``re`` ends with (``_sre.compile``, which validates the program), so it is the
    same pattern object (``==``); a program that does not restore is compiled again. Programs compiled in this
    process are written at exit."""

    def __init__(self, path: Optional[str]) -> None:
        self.path = path
        self.programs: dict[tuple[str, int], tuple] = {}
        self.compiled: dict[tuple[str, int], re.Pattern] = {}
        self.new = False
        if path:
            self.programs = self._read(path)

    @staticmethod
    def _read(path: str) -> dict:
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):  # none yet, or not JSON: compiled again and rewritten
            return {}
        if not isinstance(data, dict) or data.get("format") != _PROGRAM_FORMAT:
            return {}
        return dict(filter(None, map(_program, data.get("programs", ()))))

    def compile(self, pattern, flags: int = 0) -> re.Pattern:
        key = (pattern, flags)
        found = self.compiled.get(key)
        if found is None:
            found = self.compiled[key] = self._restored(key) or self._compiled(key)
        return found

    def match(self, pattern, string, flags: int = 0):
        return self.compile(pattern, flags).match(string)

    def __getattr__(self, name: str):
        return getattr(re, name)

    def _restored(self, key: tuple) -> Optional[re.Pattern]:
        program = self.programs.get(key)
        if program is None:
            return None
        try:
            return _sre.compile(key[0], *program)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # not a program this ``re`` runs
            del self.programs[key]
            return None

    def _compiled(self, key: tuple) -> re.Pattern:
        pattern, flags = key
        if not isinstance(pattern, str):
            return re.compile(pattern, flags)
        parsed = sre_parse.parse(pattern, flags)
        indexgroup = [None] * parsed.state.groups
        for name, index in parsed.state.groupdict.items():
            indexgroup[index] = name
        program = (flags | parsed.state.flags, sre_compile._code(parsed, flags), parsed.state.groups - 1,
                   dict(parsed.state.groupdict), tuple(indexgroup))
        self.programs[key] = program
        if not self.new and self.path:
            self.new = True
            atexit.register(self.save)
        return _sre.compile(pattern, *program)

    def save(self) -> None:
        """Write every program known (atomically: a new file renamed over the old one)."""
        entries = [[pattern, flags, final_flags, array("I", code).tobytes().hex(), groups, groupindex, list(indexgroup)]
                   for (pattern, flags), (final_flags, code, groups, groupindex, indexgroup) in self.programs.items()]
        directory = os.path.dirname(self.path)
        try:
            handle, temporary = tempfile.mkstemp(dir=directory, prefix=".regex-", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as f:
                json.dump({"format": _PROGRAM_FORMAT, "programs": entries}, f)
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temporary)


#: The programs file's format: the Python build, its regular-expression engine (their programs differ) and how
#: the programs' words are written (hexadecimal of their bytes: byte order, width).
_PROGRAM_FORMAT = f"{sys.implementation.cache_tag} sre {_sre.MAGIC} {sys.byteorder} {array('I').itemsize} 2"


def _program(entry) -> Optional[tuple]:
    """((pattern, flags), program) of an entry of the programs file as ``RegexPrograms.save`` writes it, or None
    when it is not one (its types; ``_sre.compile`` checks the program itself)."""
    if not (isinstance(entry, list) and len(entry) == 7):
        return None
    pattern, flags, final_flags, code, groups, groupindex, indexgroup = entry
    if not (isinstance(pattern, str) and all(type(n) is int for n in (flags, final_flags, groups))
            and isinstance(code, str) and isinstance(groupindex, dict)
            and all(isinstance(k, str) and type(v) is int for k, v in groupindex.items())
            and isinstance(indexgroup, list) and all(n is None or isinstance(n, str) for n in indexgroup)):
        return None
    words = array("I")
    try:
        words.frombytes(bytes.fromhex(code))
    except ValueError:  # not hexadecimal, or not whole words
        return None
    return (pattern, flags), (final_flags, words.tolist(), groups, groupindex, tuple(indexgroup))


@functools.lru_cache(maxsize=None)
def regex_programs() -> RegexPrograms:
    return RegexPrograms(_cache_file(f"regex-{sys.implementation.cache_tag}.json"))


class LazyContextualLexer(ContextualLexer):
    """Lark's contextual lexer, each parser state's lexer made when the state is first reached: the same
    lexers (one per set of acceptable terminals, shared by the states that accept that set), but a small file
    reaches a few dozen of the grammar's 516 states, and Lark makes all 129 lexers up front. A grammar that is
    being analysed (not loaded from the cache) is validated by Lark as before, every lexer made at once."""

    def __init__(self, conf, states, always_accept=()) -> None:
        if not conf.skip_validation:
            super().__init__(conf, states, always_accept)
            return
        self._conf = copy(conf)
        self._conf.terminals = list(conf.terminals)
        if self._conf.re_module is re:
            self._conf.re_module = regex_programs()
        self._states, self._always_accept = states, always_accept
        self._by_tokens: dict = {}
        self._root = None
        self.lexers = _StateLexers(self._lexer_of)

    def _lexer_of(self, state: int):
        key = frozenset(self._states[state])
        lexer = self._by_tokens.get(key)
        if lexer is None:
            accepts = set(key) | set(self._conf.ignore) | set(self._always_accept)
            lexer_conf = copy(self._conf)
            lexer_conf.terminals = [self._conf.terminals_by_name[n] for n in accepts
                                    if n in self._conf.terminals_by_name]
            lexer = self._by_tokens[key] = self.BasicLexer(lexer_conf, None)
        return lexer

    @property
    def root_lexer(self):
        """Every terminal (for the error message of a token that this state does not accept)."""
        if self._root is None:
            self._root = self.BasicLexer(self._conf, None)
        return self._root

    @root_lexer.setter
    def root_lexer(self, lexer) -> None:
        self._root = lexer


class _StateLexers(dict):
    """Parser state -> its lexer, made on first look-up."""

    def __init__(self, make) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, state: int):
        lexer = self[state] = self.make(state)
        return lexer


@functools.lru_cache(maxsize=None)
def builder(transformer_class: type):
    """The one ``transformer_class`` instance both parsers reduce through (``powerscript_parser`` and
    ``fast_parser``), made without loading either: with the ``fast`` extra, plain Lark loads only to parse a
    section again that the compiled parser cannot parse."""
    return transformer_class()


@functools.lru_cache(maxsize=None)
def powerscript_parser(transformer_class: type) -> Lark:
    """An LALR parser that builds model objects through ``transformer_class`` while it parses.

    The analysed grammar is cached on disk (``grammar_cache``), so later processes skip the LALR table
    construction; its lexers are made as the parser reaches their states (``LazyContextualLexer``).
    """
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=START_SYMBOLS,
        transformer=builder(transformer_class),
        maybe_placeholders=False,
        cache=grammar_cache(),
        _plugins={"ContextualLexer": LazyContextualLexer},
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
    from . import build, keywords, reductions

    build.TOKENS = (build.Token, lark_cython.Token)
    keywords.install(lark_cython.lark_cython)
    parser = Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=START_SYMBOLS,
        transformer=builder(transformer_class),
        maybe_placeholders=False,
        cache=grammar_cache(),
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

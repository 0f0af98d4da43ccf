"""Stage 2: decoded export text -> plain model objects (``SourceFile``).

The file is split into sections first; each script and declaration block is
then parsed on its own by the Lark grammar, with error recovery inside it, so a
broken script yields diagnostics and never hides the rest of the file.
"""
from __future__ import annotations

import functools
import re
import sys
from copy import copy
from typing import Callable, Optional


def _import_lark_without_regex() -> None:
    """Import Lark without the third-party ``regex`` module it loads whenever that is installed (sqlfluff, a
    test dependency, brings it; 15-20 ms of every start-up): the grammar is built with Python's ``re``
    (``regex=False``), so Lark never calls it. Only Lark's own import is kept from it."""
    if "lark" in sys.modules or "regex" in sys.modules:
        return
    sys.modules["regex"] = None  # makes ``import regex`` fail as if it were not installed
    try:
        import lark  # noqa: F401
    finally:
        del sys.modules["regex"]


_import_lark_without_regex()

from lark import Lark, Token, Tree  # noqa: E402
from lark.lexer import PatternStr  # noqa: E402
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken  # noqa: E402

from .. import model as m  # noqa: E402
from ..forked import map_in_two
from ..reader import ReadError, SourceText, read_source
from .build import Builder, HeaderBuilder
from .comments import strip_comments
from .datawindow import retrieve_statements
from .grammar import builder, fast_header_parser, fast_parser, fast_parser_loaded, powerscript_parser
from .split import Section, split_sections

__all__ = ["parse_source", "parse_path", "load_grammar"]

_MAX_ERRORS_PER_CHUNK = 25
# Tokens tried, in order, to repair a missing line break or a block left open; a
# closer may need a line break after it, before the token that showed it missing.
_CLOSERS = ("END_IF", "NEXT", "LOOP", "END_CHOOSE", "END_TRY")
_REPAIRS = (("_SEP",),) + tuple(r for c in _CLOSERS for r in ((c,), (c, "_SEP")))
_OPENER_OF = {"END_IF": "IF", "NEXT": "FOR", "LOOP": "DO", "END_CHOOSE": "CHOOSE", "END_TRY": "TRY"}
_READABLE = {"_SEP": "end of line", "$END": "end of script", "NAME": "a name",
             "STRING": "a string", "NUMBER": "a number", "SQL": "embedded SQL",
             "END_IF": "`end if`", "END_FOR": "`end for`", "END_CHOOSE": "`end choose`", "END_TRY": "`end try`"}
# Lark's helper rules that collect the lines of a block, a variables block or a prototypes block.
_STATEMENT_LISTS = ("__block_star", "__var_block_star", "__prototypes_star")
_HEADER_NAME = re.compile(r"(?:(?:global|public|private|protected)\s+)?(?:function|subroutine)\s+(?:[^\s(]+\s+)?([^\s(]+)\s*\(|event\s+(?:type\s+\S+\s+)?([^\s(;]+)|on\s+([^\s;]+)", re.I)


def load_grammar() -> None:
    """Build the parsers now (they are otherwise built on first use), e.g. before forking workers."""
    powerscript_parser(Builder)
    fast_parser(Builder)
    fast_header_parser(Builder, HeaderBuilder)


#: Characters a process parses with plain Lark alone before it loads the compiled parser of the ``fast`` extra:
#: loading it (its tables, about 40 ms) repays itself only past about 2,400 lines.
COMPILED_PARSER_CHARS = 80_000
_plain_chars = 0  # parsed so far in this process without the compiled parser


def _compiled_parser(chars: int) -> Optional[Lark]:
    """The compiled parser for a text of ``chars`` characters: once loaded, or once this process's texts
    (this one included) reach ``COMPILED_PARSER_CHARS``; None before (and without the extra)."""
    global _plain_chars
    if fast_parser_loaded() or _plain_chars + chars >= COMPILED_PARSER_CHARS:
        return fast_parser(Builder)
    _plain_chars += chars
    return None


def parse_path(path: str, encoding: Optional[str] = None) -> m.SourceFile:
    """Read and parse one export; a file that cannot be read yields a file with one diagnostic."""
    try:
        source = read_source(path, encoding)
    except ReadError as e:
        return m.SourceFile.unreadable(e.path, e.message, e.line)
    return parse_source(source)


def parse_source(source: SourceText, jobs: Optional[int] = None, bodies: bool = True,
                 while_waiting: Optional[Callable[[], None]] = None) -> m.SourceFile:
    """The model of one decoded export; a large one's sections are shared with a forked second process
    unless ``jobs`` is 1 (``while_waiting()`` is then run first, while the other process parses). Without
    ``bodies`` its scripts have none (``check``), and the compiled parser does not build them."""
    result = m.SourceFile(source.path, source.encoding, source.line_count, None, None)
    result.diagnostics.extend(m.Diagnostic(source.path, line, message) for line, message in source.problems)
    if source.path.lower().endswith(".srd"):
        result.datawindow_sql = retrieve_statements(source)
        return result
    _FileParser(source, result, jobs, bodies, while_waiting).run()
    return result


@functools.lru_cache(maxsize=None)
def _describe(token_type: str) -> str:
    """A grammar terminal as the user writes it: `=`, `::`, `end if`, a name, end of line."""
    if token_type in _READABLE:
        return _READABLE[token_type]
    terminal = next((t for t in powerscript_parser(Builder).terminals if t.name == token_type), None)
    if terminal is not None and isinstance(terminal.pattern, PatternStr):
        return f"`{terminal.pattern.value}`"
    return f"`{token_type.lower()}`"


#: Lines of sections to parse from which a forked second process shares them (it sends their models back,
#: which costs about a fifth of parsing them).
PARALLEL_PARSE_LINES = 3000
#: The start symbol of each kind of section that is parsed, and how many header lines precede its body.
_PARSED_KINDS = {"script": ("script", 0), "variables": ("var_block", 1), "prototypes": ("prototypes", 1)}


class _FileParser:
    def __init__(self, source: SourceText, result: m.SourceFile, jobs: Optional[int] = None,
                 bodies: bool = True, while_waiting: Optional[Callable[[], None]] = None) -> None:
        self.source = source
        self.result = result
        self.jobs = jobs
        self.while_waiting = while_waiting
        self.text, self.unclosed_comments = strip_comments(source.text)
        self.lines = self.text.split("\n")
        self.builder: Builder = builder(Builder)
        self.fast_parser = _compiled_parser(len(self.text))
        self.bodies = bodies
        #: (frontend, builder) of the compiled parser for a script whose body is not kept
        self.header_parser = fast_header_parser(Builder, HeaderBuilder) \
            if self.fast_parser is not None and not bodies else None

    def diagnostic(self, line: int, message: str) -> None:
        self.result.diagnostics.append(m.Diagnostic(self.source.path, line, message))

    def run(self) -> None:
        for start, end in self.unclosed_comments:
            line = self.source.line_of(start)
            self.diagnostic(line, f"`/*` at line {line} is never closed: "
                                  f"lines {line}-{self.source.line_of(end - 1)} read as a comment")
        split = split_sections(self.lines)
        for line, message in split.problems:
            self.diagnostic(line, message)
        jobs = [section for section in split.sections if section.kind in _PARSED_KINDS]
        parsed = iter(map_in_two(self._parsed, jobs, [max(1, section.body_end - section.line) for section in jobs],
                                 PARALLEL_PARSE_LINES, self.jobs, while_waiting=self.while_waiting))
        owner = None
        for section in split.sections:
            if section.kind == "type":
                owner = self._type(section)
            if section.kind not in _PARSED_KINDS:
                continue
            value, diagnostics = next(parsed)
            self.result.diagnostics.extend(diagnostics)
            if section.kind == "variables":
                self.result.variables.extend(value or [])
            elif section.kind == "prototypes":
                self.result.prototypes.extend(value or [])
            else:
                self._script(section, owner, value)
        self.result.diagnostics.sort(key=lambda d: d.line)

    def _parsed(self, section: Section) -> tuple:
        """One section's parse result and the diagnostics it gave (apart, so that another process can do it)."""
        start, header_lines = _PARSED_KINDS[section.kind]
        before = len(self.result.diagnostics)
        value = self._parse(section, section.line + header_lines, start)
        diagnostics = self.result.diagnostics[before:]
        del self.result.diagnostics[before:]
        return value, diagnostics

    def _type(self, section: Section) -> str:
        match = section.match
        name, ancestor, within = match.group(2), match.group(3), match.group(4)
        is_global = bool(match.group(1))
        self.result.types.append(m.TypeDef(name, ancestor, within, section.line, section.end_line, is_global))
        if is_global and self.result.object_name is None:
            self.result.object_name, self.result.ancestor = name, ancestor
        return name

    def _script(self, section: Section, owner: Optional[str], parsed) -> None:
        if parsed is None:
            header = _HEADER_NAME.match(self.lines[section.line - 1].strip())
            name = next((g for g in header.groups() if g), "?") if header else "?"
            info = {"kind": section.word, "name": name, "params": [], "returns": None, "access": None}
            body, ok = [], False
        else:
            (info, body), ok = parsed, True
        if not self.bodies:
            body = []
        kind, name = info["kind"], info["name"]
        if kind == "on" and "." in name:
            owner_name, name = name.rsplit(".", 1)
        elif kind in ("function", "subroutine"):
            owner_name = self.result.object_name or owner or ""
        else:
            owner_name = info.get("owner") or owner or self.result.object_name or ""
        self.result.scripts.append(m.Script(
            kind, name, owner_name, section.line, section.end_line, info["params"], info["returns"],
            info["access"], body, ok))

    def _parse(self, section: Section, first_line: int, start: str):
        """Parse lines ``first_line``..``section.body_end`` with start symbol ``start``; None if hopeless."""
        starts = self.source.line_starts
        if first_line > section.body_end:
            return []
        base = starts[first_line - 1]
        end = starts[section.body_end] if section.body_end < len(starts) else len(self.text)
        chunk = self.text[base:end]
        if self.fast_parser is not None:
            parser, builder = self.header_parser if self.header_parser and start == "script" else \
                (self.fast_parser, self.builder)
            builder.start_chunk(self.text, base, first_line, starts)
            try:
                value = parser.parse(chunk, start=start)
            except Exception:  # plain Lark parses it again, with its recovery and diagnostics
                pass
            else:
                for line, message in builder.problems:
                    self.diagnostic(line, message)
                return value
        self.builder.start_chunk(self.text, base, first_line, starts)
        recovery = _Recovery(first_line - 1)
        try:
            value = powerscript_parser(Builder).parse(chunk, start=start, on_error=recovery)
        except UnexpectedInput as e:
            if not recovery.found:
                recovery.report_error(e)
            self.diagnostic(*recovery.found[0])  # what follows the first error of a hopeless section is noise
            return None
        except RecursionError:
            self.diagnostic(first_line, "statement nesting too deep to analyze")
            return None
        except Exception as e:  # a defect of ours must not stop the rest of the file
            self.diagnostic(first_line, f"internal error while parsing this section: {type(e).__name__}: {e}")
            return None
        for line, message in recovery.found + self.builder.problems:
            self.diagnostic(line, message)
        return value


class _Recovery:
    """Lark ``on_error`` handler: report, then repair a missing closer or line break, drop a
    statement left incomplete at the end of its line, or skip the bad token."""

    def __init__(self, line_base: int) -> None:
        self.line_base = line_base
        self.errors = 0
        self.found: list[tuple[int, str]] = []  # (line, message), at most one a line
        self.lines_reported: set[int] = set()

    def _report(self, line: int, message: str) -> None:
        if line not in self.lines_reported:
            self.lines_reported.add(line)
            self.found.append((line, message))

    def report_error(self, e: UnexpectedInput) -> None:
        line = (e.line or 1) + self.line_base
        if isinstance(e, UnexpectedCharacters):
            self._report(line, f"unexpected character {e.char!r}")
        elif isinstance(e, UnexpectedToken):
            expected = sorted(_describe(t) for t in e.expected if not t.startswith("__"))[:6]
            found = _READABLE[e.token.type] if e.token.type in ("$END", "_SEP") else \
                f"`{e.token.value.strip()[:40]}`"
            self._report(line, f"unexpected {found}; expected {', '.join(expected)}")
        else:
            self._report(line, str(e).splitlines()[0])

    def __call__(self, e: UnexpectedInput) -> bool:
        self.errors += 1
        if self.errors > _MAX_ERRORS_PER_CHUNK:
            return False
        if isinstance(e, UnexpectedCharacters):
            self.report_error(e)
            state = e.interactive_parser.lexer_thread.state
            text, pos = state.text.text, state.line_ctr.char_pos
            newline = text.find("\n", pos)
            state.line_ctr.feed(text[pos:newline if newline >= 0 else len(text)])
            return True
        if not isinstance(e, UnexpectedToken):
            return False
        parser, token = e.interactive_parser, e.token
        dropped = False
        while True:
            if dropped and token.type in parser.accepts():
                if token.type != "$END":
                    parser.feed_token(token)
                return True
            repair = self._find_repair(parser, token)
            if repair is None:
                if dropped or token.type not in ("_SEP", "$END") or not self._drop_statement(parser):
                    break
                self.report_error(e)
                dropped = True
                continue
            self._apply(parser, token, repair)
            if token.type != "$END":
                parser.feed_token(token)
                return True
            if "$END" in parser.accepts():
                return True
        if token.type == "$END":
            return False
        self.report_error(e)
        if self._reopen_block(parser) and token.type in parser.accepts():
            parser.feed_token(token)
        return True

    @staticmethod
    def _reopen_block(parser) -> bool:
        """Undo a block ended early: LALR ends a block on any token that may close a block
        (a stray ``end if``, ``loop`` …) before it finds that token misplaced."""
        values, states = parser.parser_state.value_stack, parser.parser_state.state_stack
        if len(states) < 2 or not isinstance(values[-1], list):
            return False
        goto = parser.parser_state.parse_conf.states[states[-2]]
        if goto.get("block", (None, None))[1] != states[-1]:
            return False  # a list that is not a block (parameters)
        star = next((name for name in goto if name.startswith(_STATEMENT_LISTS)), None)
        if star is None and values[-1]:
            return False
        statements = values.pop()
        states.pop()
        if statements:
            values.append(Tree(star, statements))
            states.append(goto[star][1])
        return True

    @staticmethod
    def _drop_statement(parser) -> bool:
        """Take the statement being parsed off the parser's stacks, so the next line starts afresh."""
        state = parser.parser_state
        values = state.value_stack
        for start in range(len(values), 0, -1):
            value = values[start - 1]
            if isinstance(value, list):
                return False  # never a block already parsed
            if isinstance(value, Token) and value.type == "_SEP" or isinstance(value, dict) \
                    or isinstance(value, Tree) and str(value.data).startswith(_STATEMENT_LISTS):
                break
        else:
            return False
        if start == len(values):
            return False
        del values[start:]
        del state.state_stack[start + 1:]
        return True

    def _find_repair(self, parser, token: Token) -> Optional[tuple[str, ...]]:
        # Trials run without the builder: its callbacks (and Lark's, which extend the
        # shared child lists of left-recursive rules) would corrupt the real parse.
        conf = copy(parser.parser_state.parse_conf)
        conf.callbacks = {}
        for repair in _REPAIRS:
            trial = parser.copy(deepcopy_values=False)
            trial.parser_state.parse_conf = conf
            try:
                for name in repair:
                    trial.feed_token(Token.new_borrow_pos(name, name.lower(), token))
            except UnexpectedInput:
                continue
            if token.type in trial.accepts():
                return repair
            if token.type == "$END" and repair[-1] != "_SEP":
                return repair
        return None

    def _apply(self, parser, token: Token, repair: tuple[str, ...]) -> None:
        closer = repair[0]
        if closer == "_SEP" and token.type == "$END":
            pass  # the last line of a script needs no line break
        elif closer == "_SEP":
            line = (token.line or 1) + self.line_base
            self._report(line, f"unexpected `{token.value.strip()[:40]}`; expected end of line")
        else:
            opener_type = _OPENER_OF[closer]
            opener = next((v for v in reversed(parser.parser_state.value_stack)
                           if isinstance(v, Token) and v.type == opener_type), None)
            opener_line = opener.line + self.line_base if opener else (token.line or 1) + self.line_base
            if token.type == "$END":
                where = "before the end of the script"
            elif token.type == "_SEP":
                where = f"at the end of line {token.line + self.line_base}"
            else:
                where = f"before `{' '.join(token.value.split())[:30]}` at line {token.line + self.line_base}"
            closing = closer.lower().replace("_", " ")
            self._report(opener_line, f"`{opener_type.lower()}` at line {opener_line} is not closed: "
                                      f"missing `{closing}` {where}")
        line = self._last_line(parser.parser_state.value_stack) or token.line
        for name in repair:
            inserted = Token.new_borrow_pos(name, name.lower(), token)
            inserted.line = inserted.end_line = line  # the block ends with its last line
            parser.feed_token(inserted)

    def _last_line(self, value_stack: list) -> Optional[int]:
        """The chunk line of the last statement or token parsed, if any."""
        last = value_stack[-1] if value_stack else None
        if isinstance(last, (list, Tree)):  # a block, or the statements of one so far
            items = last.children if isinstance(last, Tree) else last
            last = items[-1] if items else None
        if isinstance(last, m.Stmt):
            return last.end_line - self.line_base
        if isinstance(last, Token) and last.line:
            return last.line
        return None

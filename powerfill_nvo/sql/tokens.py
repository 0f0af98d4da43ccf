"""One pass of sqlglot's T-SQL tokenizer over a MappedText, made safe for analysis.

* placeholder characters (column 0 in the map) are masked as ``_`` so they
  tokenize as names, and the tokens touching them are marked unknown;
* PowerScript embedded SQL is made T-SQL: host variables (``:ls_x``,
  ``:lstr.id``) become variables (``@ls_x``), ``INTO :a, :b`` host lists and a
  final ``USING SQLCA`` (transaction object) are dropped;
* tokens keep their offsets into the text, hence their source lines.

The tokenizer and parser are shared module state: use them from one thread.
"""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import Iterator

import sqlglot
from sqlglot.dialects.tsql import TSQL
from sqlglot.errors import TokenError
from sqlglot.tokens import Token, TokenType

from ..sourcemap import MappedText

STRING_TYPES = frozenset(
    {TokenType.STRING, TokenType.NATIONAL_STRING, TokenType.RAW_STRING, TokenType.BIT_STRING,
     TokenType.HEX_STRING, TokenType.BYTE_STRING, TokenType.UNICODE_STRING, TokenType.HEREDOC_STRING}
)
#: Token types whose text is a name, not a keyword (quoted names keep their case).
NAME_TYPES = frozenset({TokenType.VAR, TokenType.IDENTIFIER})


class _Tokenizer(TSQL.Tokenizer):
    """T-SQL tokens where PRINT/FETCH/END/GO are plain keywords, never a command
    swallowing the text up to the next ``;``."""

    COMMANDS: set = set()


class _CommandFallbackFilter(logging.Filter):
    """Drops sqlglot's warning for a statement it keeps as an opaque Command: the callers here reject those."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "contains unsupported syntax" not in record.getMessage()


# A filter, not a Parser subclass: sqlglot's compiled build (sqlglotc) cannot be subclassed.
logging.getLogger("sqlglot").addFilter(_CommandFallbackFilter())
DIALECT = TSQL()
TOKENIZER = _Tokenizer(dialect=DIALECT)
PARSER = TSQL.Parser(dialect=DIALECT)


def parse_tsql(sql: str) -> list:
    """sqlglot's T-SQL parse of ``sql`` (statements it cannot read become Commands, silently)."""
    return sqlglot.parse(sql, dialect=DIALECT)


@dataclass
class Lexed:
    """The tokens of a text; ``words[i]`` is the upper-case text of token i ('' for
    quoted names and strings), ``unknown`` the offsets of tokens touching a placeholder."""

    text: str
    tokens: list[Token]
    words: list[str]
    unknown: frozenset[int]
    error_line: int = 0


def lex(mapped: MappedText) -> Lexed:
    """Tokenize ``mapped`` once (masking placeholders, rewriting host variables)."""
    text = mapped.text
    holes = [] if mapped.complete else [i for i, col in enumerate(mapped.cols) if col == 0]
    if holes:
        chars = list(text)
        for i in holes:
            chars[i] = "_"
        text = "".join(chars)
    error_line = 0
    try:
        tokens = TOKENIZER.tokenize(text)
    except TokenError:
        tokens = list(TOKENIZER.tokens)
        error_line = mapped.line_at(tokens[-1].end + 1 if tokens else 0)
    finally:
        TOKENIZER._core.reset()  # it would hold the last text and its tokens until the next (a wide line: 20 MB)
    tokens = _rewrite_powerscript(tokens)
    for tok in tokens:  # one string per distinct name: the definitions and references made of them share it
        tok.text = sys.intern(tok.text)
    words = ["" if tok.token_type in STRING_TYPES or tok.token_type is TokenType.IDENTIFIER
             else sys.intern(tok.text.upper()) for tok in tokens]  # one string per word, not per token
    return Lexed(text, tokens, words, _touching(tokens, holes), error_line)


def _touching(tokens: list[Token], holes: list[int]) -> frozenset[int]:
    if not holes:
        return frozenset()
    hole_set = set(holes)
    return frozenset(tok.start for tok in tokens
                     if any(i in hole_set for i in range(tok.start, tok.end + 1)))


def _contiguous(left: Token, right: Token) -> bool:
    return right.start == left.end + 1


def _host_variable_end(tokens: list[Token], i: int) -> int:
    """If ``tokens[i]`` is the ``:`` of a host variable, the index after it, else ``i``."""
    if i + 1 >= len(tokens) or tokens[i].token_type is not TokenType.COLON:
        return i
    nxt = tokens[i + 1]
    if not _contiguous(tokens[i], nxt) or nxt.token_type in STRING_TYPES \
            or not (nxt.text[:1].isalpha() or nxt.text[:1] == "_"):
        return i
    j = i + 2
    while j < len(tokens) and _contiguous(tokens[j - 1], tokens[j]) and (
        tokens[j].token_type in (TokenType.DOT, TokenType.IDENTIFIER)
        or (tokens[j - 1].token_type is TokenType.DOT and tokens[j].text[:1].isalnum())
    ):
        j += 1
    return j


def _transaction_clause_end(tokens: list[Token], i: int) -> int:
    """The index after ``USING SQLCA`` (or ``USING lstr_db.itr_db``, a transaction in a structure) ending an
    embedded statement at ``i``; ``i`` when there is none (MERGE's USING is followed by more)."""
    if tokens[i].text.upper() != "USING" or i + 1 >= len(tokens) or tokens[i + 1].token_type not in NAME_TYPES:
        return i
    j = i + 2
    while j + 1 < len(tokens) and tokens[j].token_type is TokenType.DOT and tokens[j + 1].token_type in NAME_TYPES:
        j += 2
    return j if j == len(tokens) or tokens[j].token_type is TokenType.SEMICOLON else i


def _rewrite_powerscript(tokens: list[Token]) -> list[Token]:
    """The tokens with host variables as ``@`` variables, without host INTO lists and USING."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        after = _transaction_clause_end(tokens, i)
        if after > i:
            i = after
            continue
        end = _host_variable_end(tokens, i)
        if end == i:
            out.append(tokens[i])
            i += 1
            continue
        if out and out[-1].token_type is TokenType.INTO:
            out.pop()  # INTO :a, :b — a host list, not a table
            while end < len(tokens) and tokens[end].token_type is TokenType.COMMA \
                    and _host_variable_end(tokens, end + 1) > end + 1:
                end = _host_variable_end(tokens, end + 1)
            i = end
            continue
        colon, name = tokens[i], tokens[i + 1]
        out.append(Token(TokenType.PARAMETER, "@", colon.line, colon.col, colon.start, colon.end))
        out.append(Token(TokenType.VAR, name.text, name.line, name.col, name.start, tokens[end - 1].end))
        i = end
    return out


def object_name(lexed: Lexed, i: int, end: int) -> tuple[str, int]:
    """The last part of the dotted name at token ``i`` (``dbo.[t]`` -> ``t``, ``#w`` -> ``#w``,
    ``@t`` -> ``@t``) and the index after the name; ``("", i)`` when there is none."""
    tokens = lexed.tokens
    name = ""
    while i < end:
        prefix = ""
        while i + 1 < end and tokens[i].token_type in (TokenType.HASH, TokenType.PARAMETER) \
                and _contiguous(tokens[i], tokens[i + 1]):
            prefix += tokens[i].text
            i += 1
        if tokens[i].token_type not in NAME_TYPES and not lexed.words[i].isidentifier():
            break
        name = prefix + tokens[i].text
        i += 1
        if i + 1 < end and tokens[i].token_type is TokenType.DOT:
            while i + 1 < end and tokens[i].token_type is TokenType.DOT:
                i += 1
            continue
        break
    return name, i


def _at_depth(lexed: Lexed, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Each index of ``start:end`` with its parenthesis depth (a ``(`` and its ``)`` stand at the outer depth)."""
    depth = 0
    for j in range(start, end):
        token_type = lexed.tokens[j].token_type
        if token_type is TokenType.R_PAREN:
            depth -= 1
        yield j, depth
        if token_type is TokenType.L_PAREN:
            depth += 1


def closing(lexed: Lexed, i: int, end: int) -> int:
    """Index of the ``)`` closing the ``(`` at ``i`` (``end - 1`` when unbalanced)."""
    for j, depth in _at_depth(lexed, i, end):
        if j > i and depth == 0 and lexed.tokens[j].token_type is TokenType.R_PAREN:
            return j
    return end - 1


def top_level_items(lexed: Lexed, start: int, end: int) -> list[tuple[int, int]]:
    """The ``(first, end)`` ranges of the comma-separated items of ``start:end``
    (commas inside parentheses do not separate)."""
    items, first = [], start
    for j, depth in _at_depth(lexed, start, end):
        if depth == 0 and lexed.tokens[j].token_type is TokenType.COMMA:
            items.append((first, j))
            first = j + 1
    items.append((first, end))
    return [item for item in items if item[1] > item[0]]


def find_top_level(lexed: Lexed, word: str, start: int, end: int) -> int | None:
    """Index of the first ``word`` in ``start:end`` outside parentheses."""
    return next((j for j, depth in _at_depth(lexed, start, end) if depth == 0 and lexed.words[j] == word), None)

"""Parse one statement's tokens with sqlglot, after repairing what it cannot read."""
from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Token, TokenType

from .tokens import PARSER, Lexed, closing, object_name, top_level_items

#: What the resolver understands; anything else (a Command, a bare Alias from
#: ``OPEN c`` …) counts as a failure.
SUPPORTED = (exp.Select, exp.SetOperation, exp.Subquery, exp.Insert, exp.Update, exp.Delete, exp.Merge)
#: Words that end an OUTPUT clause's select list (the next clause of its statement).
_OUTPUT_END = frozenset({"INTO", "FROM", "WHERE", "VALUES", "SELECT", "EXEC", "EXECUTE", "DEFAULT", "OPTION",
                         "OUTPUT", "WITH"})


@dataclass
class OutputInto:
    """``OUTPUT … INTO table (a, b)``: the table (last name part) and the token indexes of its columns."""

    table: str
    columns: list[int]


def parse(lexed: Lexed, start: int, end: int) -> tuple[exp.Expr | None, list[OutputInto]]:
    """The sqlglot tree of the query in tokens ``start:end`` (None when they do not parse into one), and the
    ``OUTPUT … INTO t (…)`` column lists cut out for sqlglot, which cannot read them."""
    drop, outputs = _dml_cuts(lexed, start, end)
    tree = parse_statement(lexed, start, end, drop)
    return (tree if isinstance(tree, SUPPORTED) else None), outputs


def _dml_cuts(lexed: Lexed, start: int, end: int) -> tuple[frozenset[int], list[OutputInto]]:
    """Tokens of a DML statement that sqlglot cannot read, to drop before parsing: the schema and column list
    of ``OUTPUT … INTO dbo.t (a, b)`` and the ``EXEC …`` of ``INSERT … EXEC`` (which names no column);
    and the OUTPUT INTO targets with their columns."""
    words = lexed.words
    if "OUTPUT" not in words[start:end] and not (words[start] == "INSERT" and (
            "EXEC" in words[start:end] or "EXECUTE" in words[start:end])):
        return frozenset(), []
    drop: set[int] = set()
    outputs = []
    depth = 0
    for i in range(start, end):
        depth += (words[i] == "(") - (words[i] == ")")
        if depth or i in drop:
            continue
        if words[i] in ("EXEC", "EXECUTE") and words[start] == "INSERT":
            drop.update(range(i, end))
            break
        if words[i] != "OUTPUT":
            continue
        into = next((j for j in range(i + 1, end) if words[j] in _OUTPUT_END and _top(lexed, i, j)), None)
        if into is None or words[into] != "INTO":
            continue
        name, after = object_name(lexed, into + 1, end)
        dots = [j for j in range(into + 1, after) if words[j] == "."]
        if dots:
            drop.update(range(into + 1, dots[-1] + 1))
        if name and after < end and words[after] == "(":
            close = closing(lexed, after, end)
            outputs.append(OutputInto(name, [first for first, _ in top_level_items(lexed, after + 1, close)]))
            drop.update(range(after, close + 1))
    return frozenset(drop), outputs


def _top(lexed: Lexed, i: int, j: int) -> bool:
    """True when token j is outside the parentheses opened after token i."""
    return lexed.words[i:j].count("(") == lexed.words[i:j].count(")")


def parse_statement(lexed: Lexed, start: int, end: int, drop: frozenset[int] = frozenset()) -> exp.Expr | None:
    """The one sqlglot tree of tokens ``start:end`` (less ``drop``), whatever statement it is, or None when
    they do not parse into exactly one (a Command is sqlglot's way of not reading a statement)."""
    try:
        trees = PARSER.parse(_repaired(lexed, start, end, drop), lexed.text)
    except SqlglotError:
        return None
    trees = [tree for tree in trees if tree is not None]
    return trees[0] if len(trees) == 1 and not isinstance(trees[0], exp.Command) else None


def _repaired(lexed: Lexed, start: int, end: int, drop: frozenset[int] = frozenset()) -> list[Token]:
    """The tokens minus ``drop`` and what sqlglot misreads: the ``*`` of old outer joins
    (``=*``, ``*=``), ``TOP (n) [PERCENT]`` after UPDATE/DELETE (read as a table)
    and a final ``WHERE CURRENT OF cursor`` (no columns)."""
    tokens, words = lexed.tokens, lexed.words
    out: list[Token] = []
    i = start
    while i < end:
        tok = tokens[i]
        if i in drop:
            i += 1
            continue
        if tok.token_type is TokenType.STAR and _outer_join_star(tokens, i, start, end):
            i += 1
            continue
        if words[i] == "TOP" and i > start and words[i - 1] in ("UPDATE", "DELETE") \
                and i + 1 < end and words[i + 1] == "(":
            i = closing(lexed, i + 1, end) + 1
            i += i < end and words[i] == "PERCENT"
            continue
        if words[i] == "WHERE" and words[i + 1:i + 3] == ["CURRENT", "OF"]:
            break
        out.append(tok)
        i += 1
    return out


def _outer_join_star(tokens: list[Token], i: int, start: int, end: int) -> bool:
    star = tokens[i]
    before = tokens[i - 1] if i > start else None
    after = tokens[i + 1] if i + 1 < end else None
    return bool(
        (before and before.token_type is TokenType.EQ and before.end + 1 == star.start)
        or (after and after.token_type is TokenType.EQ and star.end + 1 == after.start)
    )


def parse_operand(lexed: Lexed, start: int, end: int) -> exp.Expr | None:
    """The expression after the keyword at ``start`` (``IF cond``, ``WHILE cond``, ``RETURN x``, ``PRINT x``),
    read as the select list of a one-item SELECT: sqlglot's own IF reading fails on ``IF (a) OR (b)``.
    None when there is no expression or it does not parse."""
    keyword = lexed.tokens[start]
    select = Token(TokenType.SELECT, "SELECT", keyword.line, keyword.col, keyword.start, keyword.end)
    try:
        trees = PARSER.parse([select] + _repaired(lexed, start + 1, end), lexed.text)
    except SqlglotError:
        return None
    tree = trees[0] if len(trees) == 1 else None
    if isinstance(tree, exp.Select) and len(tree.expressions) == 1 and set(tree.args) <= {"expressions"} | {
            k for k, v in tree.args.items() if not v}:
        return tree.expressions[0]
    return None

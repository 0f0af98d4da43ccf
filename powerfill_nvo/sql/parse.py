"""Parse one statement's tokens with sqlglot, after repairing what it cannot read."""
from __future__ import annotations

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Token, TokenType

from .tokens import PARSER, Lexed, closing

#: What the resolver understands; anything else (a Command, a bare Alias from
#: ``OPEN c``, MERGE …) counts as a failure.
SUPPORTED = (exp.Select, exp.SetOperation, exp.Subquery, exp.Insert, exp.Update, exp.Delete)


def parse(lexed: Lexed, start: int, end: int) -> exp.Expr | None:
    """The sqlglot tree of the query in tokens ``start:end``, or None when they do not parse into one."""
    tree = parse_statement(lexed, start, end)
    return tree if isinstance(tree, SUPPORTED) else None


def parse_statement(lexed: Lexed, start: int, end: int) -> exp.Expr | None:
    """The one sqlglot tree of tokens ``start:end``, whatever statement it is, or None when they do not
    parse into exactly one (a Command is sqlglot's way of not reading a statement)."""
    try:
        trees = PARSER.parse(_repaired(lexed, start, end), lexed.text)
    except SqlglotError:
        return None
    trees = [tree for tree in trees if tree is not None]
    return trees[0] if len(trees) == 1 and not isinstance(trees[0], exp.Command) else None


def _repaired(lexed: Lexed, start: int, end: int) -> list[Token]:
    """The tokens minus what sqlglot misreads: the ``*`` of old outer joins
    (``=*``, ``*=``), ``TOP (n) [PERCENT]`` after UPDATE/DELETE (read as a table)
    and a final ``WHERE CURRENT OF cursor`` (no columns)."""
    tokens, words = lexed.tokens, lexed.words
    out: list[Token] = []
    i = start
    while i < end:
        tok = tokens[i]
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

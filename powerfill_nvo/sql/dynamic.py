"""Dynamic SQL inside T-SQL text: the statement text that ``EXEC('…')`` and ``EXEC sp_executesql N'…'`` run.

The text is rebuilt from what the batch writes before the EXEC: string literals joined with ``+``,
``CHAR(n)``/``NCHAR(n)`` of a number, and variables set from those (``DECLARE @s … = …``,
``SET @s = …``, ``SET @s += …``, ``SELECT @s = …``). Each character keeps the source position of the
character that wrote it (a doubled quote ``''`` is one quote, placed at the first), so the statements
run dynamically are analyzed and located like any other. A piece not known from the text (a parameter,
a value read from a table) becomes a placeholder at the line that wrote it.
"""
from __future__ import annotations

from array import array

from sqlglot.tokens import TokenType

from ..sourcemap import MappedText
from .split import Statement
from .tokens import STRING_TYPES, Lexed, closing, object_name, top_level_items

#: Variables of a batch: name (upper case, without ``@``) -> its text, None when not known.
Variables = dict[str, "MappedText | None"]
_CHAR_FUNCTIONS = frozenset({"CHAR", "NCHAR"})
_EXEC_WORDS = frozenset({"EXEC", "EXECUTE"})


def literal_text(mapped: MappedText, lexed: Lexed, index: int) -> MappedText:
    """The value of string token ``index`` (``'…'``, ``N'…'``), each character at its source position."""
    token = lexed.tokens[index]
    raw = mapped.text[token.start:token.end + 1]
    first = token.start + raw.index("'") + 1
    last = token.end  # the closing quote
    offsets = []
    at = first
    while at < last:
        offsets.append(at)
        at += 2 if mapped.text[at] == "'" and mapped.text[at + 1:at + 2] == "'" else 1
    lines, cols = mapped.lines, mapped.cols
    return MappedText(mapped.file, "".join(mapped.text[k] for k in offsets), array("I", (lines[k] for k in offsets)),
                      array("I", (cols[k] for k in offsets)), all(cols[k] for k in offsets), mapped.origins)


def expression_text(mapped: MappedText, lexed: Lexed, start: int, end: int, variables: Variables) -> MappedText | None:
    """The string tokens ``start:end`` compute (pieces joined with ``+``), or None when no piece is known."""
    tokens, words = lexed.tokens, lexed.words
    pieces, known = [], False
    for first, stop in _operands(lexed, start, end):
        piece = _piece(mapped, lexed, first, stop, variables)
        if piece is None:
            name = "".join(words[k] or "s" for k in range(first, min(stop, first + 3))).strip("@") or "expr"
            piece = MappedText(mapped.file)
            piece.append_placeholder(f"__{''.join(c if c.isalnum() else '_' for c in name)}__",
                                     mapped.line_at(tokens[first].start))
        else:
            known = True
        pieces.append(piece)
    if not known:
        return None
    text = MappedText(mapped.file)
    for piece in pieces:
        text.extend(piece)
    return text


def _operands(lexed: Lexed, start: int, end: int) -> list[tuple[int, int]]:
    """The ``(first, end)`` token ranges of the operands of ``+`` in ``start:end`` (outside parentheses)."""
    operands, first, depth = [], start, 0
    for at in range(start, end):
        token_type = lexed.tokens[at].token_type
        if token_type is TokenType.L_PAREN:
            depth += 1
        elif token_type is TokenType.R_PAREN:
            depth -= 1
        elif token_type is TokenType.PLUS and depth == 0:
            operands.append((first, at))
            first = at + 1
    operands.append((first, end))
    return [(a, b) for a, b in operands if b > a]


def _piece(mapped: MappedText, lexed: Lexed, start: int, end: int, variables: Variables) -> MappedText | None:
    tokens, words = lexed.tokens, lexed.words
    while end - start > 2 and tokens[start].token_type is TokenType.L_PAREN and closing(lexed, start, end) == end - 1:
        start, end = start + 1, end - 1
    if end - start == 1 and tokens[start].token_type in STRING_TYPES and tokens[start].start not in lexed.unknown:
        return literal_text(mapped, lexed, start)
    if end - start == 2 and tokens[start].token_type is TokenType.PARAMETER:
        value = variables.get(words[start + 1])
        return value.copy() if value is not None else None
    if end - start == 4 and words[start] in _CHAR_FUNCTIONS and words[start + 1] == "(" \
            and tokens[start + 2].token_type is TokenType.NUMBER and words[start + 3] == ")":
        code = int(tokens[start + 2].text)
        if 0 < code < 0x110000:
            where = tokens[start].start
            return MappedText(mapped.file, chr(code), array("I", [mapped.lines[where]]),
                              array("I", [mapped.cols[where]]), origins=mapped.origins)
    return None


def assign(mapped: MappedText, lexed: Lexed, statement: Statement, variables: Variables) -> None:
    """Record what a ``DECLARE``/``SET``/``SELECT`` statement assigns to string variables."""
    tokens, words = lexed.tokens, lexed.words
    if statement.keyword not in ("declare", "set", "select"):
        return
    for first, end in top_level_items(lexed, statement.start + 1, statement.end):
        if tokens[first].token_type is not TokenType.PARAMETER or first + 1 >= end:
            continue
        name = words[first + 1]
        equals = next((k for k in range(first + 2, end) if tokens[k].token_type is TokenType.EQ), None)
        if equals is None:
            if statement.keyword == "declare":
                variables[name] = None
            continue
        appended = words[equals - 1] == "+" and equals == first + 3
        value = expression_text(mapped, lexed, equals + 1, end, variables)
        if appended and value is not None:
            before = variables.get(name)
            if before is None:
                value = None
            else:
                value, added = before.copy(), value
                value.extend(added)
        variables[name] = value


def executed_text(mapped: MappedText, lexed: Lexed, statement: Statement, variables: Variables) -> MappedText | None:
    """The text an ``EXEC('…')`` / ``EXEC (@s)`` / ``EXEC sp_executesql N'…' | @s`` statement runs, if known."""
    tokens, words = lexed.tokens, lexed.words
    at, end = statement.start + 1, statement.end
    if words[statement.start] not in _EXEC_WORDS or at >= end:
        return None
    if words[at] == "(":
        return expression_text(mapped, lexed, at + 1, closing(lexed, at, end), variables)
    procedure, after = object_name(lexed, at, end)
    if procedure.lower() != "sp_executesql" or after >= end:
        return None
    first, stop = top_level_items(lexed, after, end)[0]
    if stop - first > 2 and tokens[first].token_type is TokenType.PARAMETER \
            and tokens[first + 2].token_type is TokenType.EQ:  # @stmt = N'…'
        first += 3
    return expression_text(mapped, lexed, first, stop, variables)


def is_dynamic(lexed: Lexed, statement: Statement) -> bool:
    """Whether ``statement`` runs a statement text (``EXEC (…)``, ``EXEC sp_executesql …``)."""
    at, end = statement.start + 1, statement.end
    if lexed.words[statement.start] not in _EXEC_WORDS or at >= end:
        return False
    return lexed.words[at] == "(" or object_name(lexed, at, end)[0].lower() == "sp_executesql"

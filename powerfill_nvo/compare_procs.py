"""NVO vs implementation: each procedure the NVO builds, compared with its port in T-SQL deploy scripts.

Both sides are cut into statements by the SQL stage's splitter (``implfiles.procedures_in``), statements
are aligned (exact matches of their normalised tokens first, then by kind and likeness), and each pair
that differs is parsed with sqlglot, normalised (names in lower case, no ``dbo.``, brackets, comments
or redundant parentheses, ``AND`` terms and ``SET`` lists in a canonical order) and cut into *units*:
one per select-list item, ``INSERT`` column paired with its value, ``SET`` assignment, ``WHERE`` /
``ON`` / ``HAVING`` term, joined table, ``GROUP BY`` / ``ORDER BY`` item, declared name… Units are
matched clause by clause (in order where order matters), and every unmatched or changed unit is one
difference, located on both sides; ``sqlglot.diff`` (ChangeDistiller) pins a changed unit down to the
node that changed. Statements sqlglot cannot read are compared token by token. A renamed parameter is
one difference, and the body is compared under the new name. A piece of the NVO text not known from
the source (a placeholder) matches anything and is never reported.
"""
from __future__ import annotations

import difflib
import functools
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

from sqlglot import exp
from sqlglot.diff import Insert, Remove, Update
from sqlglot.diff import diff as semantic_diff
from sqlglot.tokens import Token, TokenType

from .implfiles import ImplementationError, ImplementationFile, ProcedureText, procedure_key, procedures_in, read_implementation
from .pipeline import PipelineResult
from .sql import ColumnRef
from .sql.parse import parse_operand, parse_statement
from .sql.split import Statement
from .sql.tokens import DIALECT, NAME_TYPES, PARSER, STRING_TYPES, closing, find_top_level, object_name

IDENTICAL, DIFFERENT, NOT_PORTED, IMPLEMENTATION_ONLY = "identical", "different", "not_ported", "implementation_only"
#: Units at least this alike (difflib ratio of their normalised text) are one changed unit, not two.
SIMILAR = 0.5
#: Longest expression text quoted in a difference's detail.
QUOTE_WIDTH = 120
ACCESS_VERBS = {"read": "reads", "write": "writes", "define": "defines"}
#: Statements that are a keyword and one expression; the expression is what is compared.
KEYWORD_AND_EXPRESSION = ("if", "while", "return", "print")


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Location:
    file: str
    line: int


@dataclass
class Difference:
    kind: str
    statement: str
    detail: str
    nvo: Location
    implementation: Location
    columns: list[dict] = field(default_factory=list)


@dataclass
class Span:
    file: str
    first_line: int
    last_line: int


@dataclass
class SideBySide:
    """One differing statement for the report: numbered source lines of each side, changed lines marked."""

    statement: str
    nvo: list[tuple[int, str, bool]]
    implementation: list[tuple[int, str, bool]]


@dataclass
class ProcedureComparison:
    name: str
    status: str
    phase: Optional[str]
    nvo: Optional[Span]
    implementation: Optional[Span]
    differences: list[Difference] = field(default_factory=list)
    unknown: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    side_by_side: list[SideBySide] = field(default_factory=list)


@dataclass
class Comparison:
    procedures: list[ProcedureComparison]
    files: list[ImplementationFile]
    notes: list[str]

    @property
    def differing(self) -> list[ProcedureComparison]:
        return [p for p in self.procedures if p.status == DIFFERENT]


# --------------------------------------------------------------------------- one side of a comparison
def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_WIDTH else text[:QUOTE_WIDTH - 1] + "…"


def _sql(node: exp.Expression) -> str:
    return node.sql(dialect=DIALECT)


class Side:
    """A procedure's text on one side, with per-statement normalised tokens and (on demand) trees."""

    def __init__(self, procedure: ProcedureText, rename: Optional[dict] = None):
        self.procedure = procedure
        self.lexed = procedure.lexed
        self.text = procedure.text
        self.rename = rename or {}
        self.refs: dict[tuple[int, str], list[ColumnRef]] = {}
        self.statements = unwrap_single_blocks(procedure.body)

    @functools.cached_property
    def keys(self) -> list[tuple[str, ...]]:
        """Each statement's normalised tokens: equal keys are equal statements."""
        return [self.token_key(s) for s in self.statements]

    def header_words(self) -> list[tuple[int, str]]:
        """The header's normalised tokens after the procedure's name: the parameters and options."""
        header = self.procedure.header
        start = next(i for i in range(header.start, header.end) if self.lexed.words[i] in ("PROC", "PROCEDURE"))
        _, after_name = object_name(self.lexed, start + 1, header.end)
        return self.normal_tokens(Statement(header.keyword, after_name, header.end, header.batch))

    def use_refs(self, refs: Iterable[ColumnRef]) -> None:
        """The SQL stage's column references of this text, to name the table and access of changed columns."""
        for ref in refs:
            self.refs.setdefault((ref.line, ref.column.lower()), []).append(ref)

    @property
    def file(self) -> str:
        return self.procedure.file

    def unknown(self, token: int) -> bool:
        return self.lexed.tokens[token].start in self.lexed.unknown

    def statement_unknown(self, index: int) -> bool:
        """Whether statement ``index`` holds a piece not known from the source."""
        statement = self.statements[index]
        return bool(self.lexed.unknown) and any(self.unknown(t) for t in range(statement.start, statement.end))

    def token_key(self, statement: Statement) -> tuple[str, ...]:
        return tuple(word for _, word in self.normal_tokens(statement))

    def normal_tokens(self, statement: Statement) -> list[tuple[int, str]]:
        """(token index, normalised text): names in lower case, strings verbatim, ``dbo.`` dropped,
        parameters renamed."""
        tokens, out = self.lexed.tokens, []
        i = statement.start
        while i < statement.end:
            tok = tokens[i]
            if tok.token_type in STRING_TYPES:
                out.append((i, f"{tok.token_type.name}:{tok.text}"))
            elif tok.token_type is TokenType.ALIAS:  # AS before an alias is optional; the names around it stay
                pass
            elif (tok.text.lower() == "dbo" and tok.token_type in NAME_TYPES and i + 1 < statement.end
                  and tokens[i + 1].token_type is TokenType.DOT
                  and (i == statement.start or tokens[i - 1].token_type is not TokenType.DOT)):
                i += 2
                continue
            elif (tok.token_type in NAME_TYPES and i > statement.start
                  and tokens[i - 1].token_type is TokenType.PARAMETER and tokens[i - 1].end + 1 == tok.start):
                name = tok.text.lower()
                out.append((i, self.rename.get(name, name)))
            else:
                out.append((i, tok.text.lower()))
            i += 1
        return out

    def line_of_offset(self, offset: int) -> int:
        return self.text.lines[min(offset, len(self.text.lines) - 1)]

    def first_line(self, statement: Statement) -> int:
        return self.procedure.line(statement.start)

    def last_line(self, statement: Statement) -> int:
        return self.procedure.last_token_line(statement.end - 1)

    def tree(self, statement: Statement) -> Optional[exp.Expression]:
        """The normalised sqlglot tree of ``statement`` (None when sqlglot cannot read it)."""
        try:
            if statement.keyword in KEYWORD_AND_EXPRESSION:
                operand = parse_operand(self.lexed, statement.start, statement.end)
                has_operand = statement.end - statement.start > 1
                if operand is None and has_operand:
                    return None
                tree = exp.Anonymous(this=statement.keyword.upper(), expressions=[operand] if has_operand else [])
            elif statement.keyword == "declare" and "CURSOR" in self.lexed.words[statement.start:statement.end]:
                tree = self._cursor(statement)
            else:
                tree = parse_statement(self.lexed, statement.start, statement.end)
        except RecursionError:
            return None
        if tree is None or isinstance(tree, exp.Alias):  # OPEN c reads as an alias
            return None
        place_parameters(self.lexed, tree, statement)
        return normalise(tree, self.rename)

    def _cursor(self, statement: Statement) -> Optional[exp.Expression]:
        """``DECLARE c CURSOR … FOR SELECT …``: the words before the query, and the query's tree."""
        words = self.lexed.words
        select = next((i for i in range(statement.start + 1, statement.end)
                       if words[i] == "SELECT" and words[i - 1] == "FOR"), None)
        if select is None:
            return None
        end = find_top_level(self.lexed, "FOR", select, statement.end) or statement.end
        query = parse_statement(self.lexed, select, end)
        if query is None:
            return None
        head = " ".join(word for _, word in self.normal_tokens(Statement("declare", statement.start, select, 0)))
        tail = " ".join(word for _, word in self.normal_tokens(Statement("declare", end, statement.end, 0)))
        return exp.Anonymous(this="DECLARE CURSOR", expressions=[exp.Var(this=head), query, exp.Var(this=tail)])

    def start_of(self, node: Optional[exp.Expression]) -> Optional[int]:
        """Offset of the first located character of ``node``."""
        if node is None:
            return None
        starts = [n._meta["start"] for n in node.walk() if n._meta and "start" in n._meta]
        return min(starts) if starts else None

    def wholly_unknown(self, node: exp.Expression) -> bool:
        """Whether every located part of ``node`` is a piece not known from the source."""
        starts = [n._meta["start"] for n in node.walk() if n._meta and "start" in n._meta]
        return bool(starts) and all(start in self.lexed.unknown for start in starts)

    def has_unknown(self, node: exp.Expression) -> bool:
        return bool(self.lexed.unknown) and any(
            n._meta and n._meta.get("start") in self.lexed.unknown for n in node.walk())

    def columns(self, node: Optional[exp.Expression]) -> list[ColumnRef]:
        """The SQL stage's references of the columns named in ``node`` (table resolved, access known)."""
        found = []
        names = [i for i in node.find_all(exp.Identifier)  # columns, and INSERT list names (in a Schema or pair)
                 if isinstance(i.parent, (exp.Column, exp.Schema, exp.Tuple))
                 and i.arg_key in ("this", "expressions")] if node is not None else []
        for name in names:
            start = self.start_of(name)
            if start is None:
                continue
            for ref in self.refs.get((self.line_of_offset(start), name.name.lower()), ()):
                if ref not in found:
                    found.append(ref)
        return found


def unwrap_single_blocks(statements: list[Statement]) -> list[Statement]:
    """The statements without a bare ``BEGIN … END`` that holds one statement after ``IF``, ``ELSE`` or
    ``WHILE`` (``IF x BEGIN y END`` and ``IF x y`` are the same code)."""
    def bare(i: int) -> bool:
        return statements[i].end - statements[i].start == 1

    dropped: set[int] = set()
    for i in range(1, len(statements) - 2):
        if (statements[i].keyword == "begin" and bare(i) and statements[i - 1].keyword in ("if", "else", "while")
                and statements[i + 2].keyword == "end" and bare(i + 2)
                and statements[i + 1].keyword not in ("begin", "end", "if", "else", "while")):
            dropped.update((i, i + 2))
    return [statement for i, statement in enumerate(statements) if i not in dropped]


def place_parameters(lexed, tree: exp.Expression, statement: Statement) -> None:
    """sqlglot does not locate ``@name``: give each its token's position, in source order."""
    tokens = lexed.tokens
    waiting: dict[str, list[int]] = {}
    for i in range(statement.end - 1, statement.start, -1):
        if tokens[i].token_type in NAME_TYPES and tokens[i - 1].token_type is TokenType.PARAMETER:
            waiting.setdefault(tokens[i].text.lower(), []).append(tokens[i].start)
    for node in tree.find_all(exp.Parameter):
        var = node.this
        if isinstance(var, exp.Var) and not var._meta and waiting.get(var.name.lower()):
            var.meta["start"] = waiting[var.name.lower()].pop()


# --------------------------------------------------------------------------- normalisation
def normalise(tree: exp.Expression, rename: dict[str, str]) -> exp.Expression:
    """``tree`` blind to case, ``dbo.``, brackets, comments, parentheses, INNER/OUTER, AND and SET order."""
    for node in reversed(list(tree.walk())):
        node.comments = None
        if isinstance(node, exp.Paren) and node.parent is not None:
            node.replace(node.this)
        elif isinstance(node, exp.Identifier):
            node.set("this", node.name.lower())
            node.set("quoted", False)
        elif isinstance(node, exp.Var):
            name = node.name.lower()
            node.set("this", rename.get(name, name) if isinstance(node.parent, exp.Parameter) else name)
        elif isinstance(node, exp.Anonymous) and isinstance(node.this, str):
            node.set("this", node.this.lower())
        elif isinstance(node, exp.Table) and node.args.get("db") is not None and node.args["db"].name.lower() == "dbo":
            node.set("db", None)
        elif isinstance(node, exp.Join):
            if (node.kind or "").upper() in ("INNER", "OUTER"):
                node.set("kind", None)
        elif isinstance(node, exp.Delete) and not node.args.get("this") and len(node.args.get("tables") or []) == 1:
            node.set("this", node.args["tables"][0])  # DELETE t is DELETE FROM t
            node.set("tables", None)
        elif isinstance(node, exp.Ordered) and node.args.get("desc") is False:
            node.set("desc", None)  # ORDER BY x ASC is ORDER BY x
    if isinstance(tree, exp.Paren):
        tree = tree.this
    _drop_aliases(tree)
    _unqualify_single_table(tree)
    for node in [n for n in tree.find_all(exp.And) if not isinstance(n.parent, exp.And)]:
        canonical = _rebuild_and(sorted(_and_terms(node), key=_sql))
        if node is tree:
            tree = canonical
        else:
            node.replace(canonical)
    if isinstance(tree, exp.Update):
        tree.set("expressions", sorted(tree.expressions, key=_sql))
    return tree


def _drop_aliases(tree: exp.Expression) -> None:
    """Table aliases replaced by canonical names, so a renamed alias is no change: the table's name where the
    statement gives that table one alias (``FROM pfill_pool p`` … ``p.pool_id`` reads as ``FROM pfill_pool`` …
    ``pfill_pool.pool_id``), else the name and the alias's rank (``pfill_bx_2``)."""
    tables = list(tree.find_all(exp.Table))
    aliased = [t for t in tables if t.alias]
    aliases = {t.alias for t in aliased}
    references = [t for t in tables if not t.alias and t.name in aliases and t.args.get("db") is None]
    taken = {t.name for t in tables if t not in references} | aliases
    per_table = Counter(t.name for t in aliased)
    seen: Counter = Counter()
    rename: dict[str, str] = {}
    for table in aliased:
        seen[table.name] += 1
        unique = per_table[table.name] == 1 and not any(t.name == table.name for t in tables if not t.alias
                                                          and t not in references)
        canonical = table.name if unique else f"{table.name}_{seen[table.name]}"
        if table.alias not in rename and (canonical == table.name and unique or canonical not in taken):
            rename[table.alias] = canonical
    rename = {alias: name for alias, name in rename.items() if alias != name}
    if not rename:
        return
    for table in tables:
        if table.alias in rename and rename[table.alias] == table.name:
            table.set("alias", None)
        elif table.alias in rename:
            table.args["alias"].this.set("this", rename[table.alias])
        elif table in references and table.name in rename:
            table.this.set("this", rename[table.name])
    for column in tree.find_all(exp.Column):
        qualifier = column.args.get("table")
        if isinstance(qualifier, exp.Identifier) and qualifier.name in rename:
            qualifier.set("this", rename[qualifier.name])


def _unqualify_single_table(tree: exp.Expression) -> None:
    """In a statement over one table, ``t.c`` and ``c`` are the same column: qualifiers naming it are dropped."""
    names = {t.name for t in tree.find_all(exp.Table)}
    if len(names) != 1:
        return
    (name,) = names
    for column in tree.find_all(exp.Column):
        qualifier = column.args.get("table")
        if isinstance(qualifier, exp.Identifier) and qualifier.name == name:
            column.set("table", None)


def _and_terms(node: exp.Expression) -> list[exp.Expression]:
    if isinstance(node, exp.And):
        return _and_terms(node.this) + _and_terms(node.expression)
    return [node]


def _rebuild_and(terms: list[exp.Expression]) -> exp.Expression:
    result = terms[0]
    for term in terms[1:]:
        result = exp.And(this=result, expression=term)
    return result


# --------------------------------------------------------------------------- units
@dataclass
class Unit:
    """A part of a statement matched on its own: ``anchor`` locates it, ``name`` is its short name."""

    clause: str
    node: exp.Expression
    text: str
    ordered: bool
    key: Optional[str] = None
    name: Optional[str] = None
    anchor: Optional[exp.Expression] = None


_CLAUSES = {"from_": "FROM", "from": "FROM", "where": "WHERE", "having": "HAVING", "group": "GROUP BY",
            "order": "ORDER BY", "into": "INTO", "with_": "WITH", "with": "WITH", "limit": "TOP"}
_CONDITIONS = ("where", "having")


def units(tree: exp.Expression) -> list[Unit]:
    """The units of a normalised statement tree; together they hold the whole tree."""
    found: list[Unit] = []
    skip: set[str] = set()
    if isinstance(tree, exp.Insert):
        skip = _insert_units(tree, found)
    elif isinstance(tree, exp.Anonymous) and tree.name.lower() in ("if", "while"):
        found += [Unit(tree.name.upper(), t, _sql(t), False) for e in tree.expressions for t in _and_terms(e)]
        return found
    elif isinstance(tree, exp.Anonymous) and tree.name.lower() == "declare cursor":
        head, query, tail = tree.expressions
        return [Unit("DECLARE CURSOR", head, head.name, False), Unit("DECLARE CURSOR options", tail, tail.name, False)
                ] + units(query)
    elif isinstance(tree, exp.Anonymous) and tree.name.lower() in KEYWORD_AND_EXPRESSION:
        return [Unit(tree.name.upper(), e, _sql(e), True) for e in tree.expressions]
    head = {exp.Update: "UPDATE", exp.Delete: "DELETE FROM", exp.Execute: "EXEC", exp.Create: "CREATE",
            exp.Drop: "DROP", exp.Declare: "DECLARE", exp.Set: "SET"}
    for key, value in tree.args.items():
        if key in skip or value is None or value is False or value == []:
            continue
        _arg_units(tree, key, value, head.get(type(tree), type(tree).__name__.upper()), found)
    return found


def _arg_units(tree: exp.Expression, key: str, value, head: str, found: list[Unit]) -> None:
    if key in _CONDITIONS:
        found += [Unit(_CLAUSES[key], t, _sql(t), False) for t in _and_terms(value.this)]
    elif key == "joins":
        for join in value:
            found += _join_units(join)
    elif isinstance(value, (exp.From, exp.Table)) and isinstance(value.this if isinstance(value, exp.From) else value,
                                                                 exp.Table) and _joined(value).args.get("joins"):
        table = _joined(value).copy()  # UPDATE/DELETE … FROM t JOIN u: sqlglot hangs the joins on the table
        joins = table.args["joins"]
        table.set("joins", None)
        found.append(Unit(_CLAUSES.get(key, head), table, _sql(table), False))
        for join in joins:
            found += _join_units(join)
    elif key in ("group", "order") and isinstance(value, exp.Expression):
        found += [Unit(_CLAUSES[key], e, _sql(e), True) for e in value.expressions]
    elif key == "expressions" and isinstance(tree, (exp.Update, exp.Set, exp.Declare)):
        clause = "SET" if isinstance(tree, exp.Update) else head
        for e in value:
            target = e.this if isinstance(e, (exp.EQ, exp.SetItem, exp.DeclareItem)) else e
            if isinstance(target, exp.EQ):
                target = target.this
            name = _sql(target[0]) if isinstance(target, list) else _sql(target)
            found.append(Unit(clause, e, _sql(e), False, key=name, name=name))
    elif key == "expressions":
        clause = "SELECT list" if isinstance(tree, exp.Select) else f"{head} list"
        found += [Unit(clause, e, _sql(e), True) for e in value]
    elif key == "this" and isinstance(value, exp.Schema):  # CREATE TABLE t (columns)
        found.append(Unit(head, value.this, _sql(value.this), False, name=_sql(value.this)))
        for column in value.expressions:
            name = _sql(column.this) if isinstance(column, exp.ColumnDef) else None
            found.append(Unit(f"{head} {_sql(value.this)} columns", column, _sql(column), False, key=name, name=name))
    elif isinstance(value, exp.Expression):
        clause = _CLAUSES.get(key, head if key == "this" else f"{head} {key.rstrip('_').upper()}")
        found.append(Unit(clause, value, _sql(value), False))
    elif isinstance(value, list):
        clause = f"{head} {key.rstrip('_').upper()}"
        found += [Unit(clause, e, _sql(e), True) for e in value if isinstance(e, exp.Expression)]
    else:
        found.append(Unit(f"{head} {key.rstrip('_').upper()}", exp.Var(this=str(value)), str(value), False))


def _joined(value: exp.Expression) -> exp.Expression:
    """The table of a FROM (or the table itself) that may carry joins."""
    return value.this if isinstance(value, exp.From) else value


def _join_units(join: exp.Join) -> list[Unit]:
    table = join.this
    alias = table.alias_or_name if isinstance(table, exp.Table) else _sql(table)
    bare = join.copy()
    bare.set("on", None)
    found = [Unit("JOIN", bare, _sql(bare), False, key=alias, name=_sql(table), anchor=table)]
    on = join.args.get("on")
    if on is not None:
        found += [Unit(f"JOIN {alias} ON", t, _sql(t), False) for t in _and_terms(on)]
    return found


def _insert_units(tree: exp.Insert, found: list[Unit]) -> set[str]:
    """The INSERT target and its column list paired with the values or select list, in order."""
    target = tree.this
    columns = target.expressions if isinstance(target, exp.Schema) else []
    table = target.this if isinstance(target, exp.Schema) else target
    found.append(Unit("INSERT INTO", table, _sql(table), False, name=_sql(table)))
    source = tree.expression
    values = None
    if isinstance(source, exp.Select):
        values = source.expressions
    elif isinstance(source, exp.Values) and len(source.expressions) == 1:
        values = source.expressions[0].expressions
    if columns and values is not None and len(columns) == len(values):
        for column, value in zip(columns, values):
            pair = exp.Tuple(expressions=[column, value])
            found.append(Unit("INSERT column list", pair, f"{_sql(column)} <- {_sql(value)}", True,
                              name=_sql(column), anchor=column))
        if isinstance(source, exp.Select):
            for key, value in source.args.items():
                if key != "expressions" and value not in (None, False, []):
                    _arg_units(source, key, value, "SELECT", found)
    else:
        found += [Unit("INSERT column list", c, _sql(c), True, name=_sql(c)) for c in columns]
        if source is not None:
            found += units(source) if isinstance(source, exp.Select) else [
                Unit("VALUES", source, _sql(source), True)]
    for key, value in tree.args.items():
        if key not in ("this", "expression") and value not in (None, False, []):
            _arg_units(tree, key, value, "INSERT", found)
    return set(tree.args)


# --------------------------------------------------------------------------- matching
def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _match(a: list, b: list, text, ordered: bool, key=None) -> list[tuple]:
    """Pairs (x, y) of ``a`` and ``b`` that are not equal: changed (both), missing (y None), added (x None)."""
    if ordered:
        out = []
        matcher = difflib.SequenceMatcher(None, [text(x) for x in a], [text(y) for y in b], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1:  # as many changed on each side: changed in place
                out += list(zip(a[i1:i2], b[j1:j2]))
            elif op != "equal":
                out += _pair_up(a[i1:i2], b[j1:j2], text, key)
        return out
    left, right = list(a), list(b)
    for x in a:
        same = next((y for y in right if text(y) == text(x)), None)
        if same is not None:
            left.remove(x)
            right.remove(same)
    return _pair_up(left, right, text, key)


def _pair_up(left: list, right: list, text, key) -> list[tuple]:
    """Pair what is left: the same key first, then the most alike above SIMILAR, in order; one left on each
    side is one changed unit."""
    if len(left) == 1 and len(right) == 1:
        return [(left[0], right[0])]
    pairs, right = [], list(right)
    rest = []
    for x in left:
        same = next((y for y in right if key and key(x) is not None and key(y) == key(x)), None)
        if same is not None:
            right.remove(same)
            pairs.append((x, same))
        else:
            rest.append(x)
    for x in rest:
        scored = [(_similarity(text(x), text(y)), i) for i, y in enumerate(right)]
        best = max(scored, default=(0.0, -1))
        if best[0] >= SIMILAR:
            pairs.append((x, right.pop(best[1])))
        else:
            pairs.append((x, None))
    pairs += [(None, y) for y in right]
    return pairs


# --------------------------------------------------------------------------- comparing one procedure
@dataclass
class Parameter:
    name: str
    type: str
    default: Optional[str]
    output: bool
    line: int


class ProcedureComparer:
    """One NVO procedure against its implementation; ``nvo_refs`` and ``impl_refs`` give the SQL stage's
    column references of each text (called only when the bodies differ)."""

    def __init__(self, nvo: ProcedureText, impl: ProcedureText, nvo_refs: Callable[[], Iterable[ColumnRef]],
                 impl_refs: Callable[[], Iterable[ColumnRef]]) -> None:
        self.nvo_text, self.impl_text = nvo, impl
        self.nvo_refs, self.impl_refs = nvo_refs, impl_refs
        self.differences: list[Difference] = []
        self.side_by_side: list[SideBySide] = []
        self.notes: list[str] = []

    def run(self) -> list[Difference]:
        rename = self._parameters()
        self.nvo = Side(self.nvo_text)
        self.impl = Side(self.impl_text, rename)
        if self.nvo.keys != self.impl.keys:
            self.nvo.use_refs(self.nvo_refs())
            self.impl.use_refs(self.impl_refs())
            self._body()
        return self.differences

    # ---- parameters
    def _parameter_list(self, procedure: ProcedureText) -> Optional[list[Parameter]]:
        tree = _parse_header(procedure)
        if not isinstance(tree, exp.Create) or not isinstance(tree.this, exp.StoredProcedure):
            return None
        place_parameters(procedure.lexed, tree, procedure.header)
        found = []
        for item in tree.this.expressions:
            if not isinstance(item, exp.ColumnDef):
                return None
            name = _sql(item.this).lower()
            kind = item.args.get("kind")
            default = item.args.get("default")
            start = next((n._meta["start"] for n in item.walk() if n._meta and "start" in n._meta), None)
            line = procedure.text.lines[start] if start is not None else procedure.first_line
            found.append(Parameter(name, _sql(kind).lower() if kind else "",
                                   _sql(default).lower() if default is not None else None,
                                   bool(item.args.get("output")), line))
        return found

    def _parameters(self) -> dict[str, str]:
        """Parameter differences; the map of renamed parameters (implementation name -> NVO name)."""
        nvo_side, impl_side = Side(self.nvo_text), Side(self.impl_text)
        nvo_words, impl_words = nvo_side.header_words(), impl_side.header_words()
        if [w for _, w in nvo_words] == [w for _, w in impl_words]:
            return {}
        nvo, impl = self._parameter_list(self.nvo_text), self._parameter_list(self.impl_text)
        header = f"CREATE PROCEDURE {self.nvo_text.name}"
        if nvo is None or impl is None:
            side = "NVO" if nvo is None else "implementation"
            self.notes.append(f"the {side} header could not be read; parameters compared as tokens")
            self._token_diff(nvo_words, nvo_side, impl_words, impl_side, header)
            return {}
        rename: dict[str, str] = {}
        names_nvo = {p.name for p in nvo}
        pairs: list[tuple[Optional[Parameter], Optional[Parameter]]] = []
        impl_left = [p for p in impl if p.name not in names_nvo]
        for position, p in enumerate(nvo):
            twin = next((q for q in impl if q.name == p.name), None)
            if twin is None and position < len(impl) and impl[position] in impl_left:
                twin = impl[position]
                impl_left.remove(twin)
            pairs.append((p, twin))
        pairs += [(None, q) for q in impl_left if q.name not in names_nvo]
        before = len(self.differences)
        for p, q in pairs:
            where_nvo = Location(self.nvo_text.file, p.line if p else self.nvo_text.first_line)
            where_impl = Location(self.impl_text.file, q.line if q else self.impl_text.first_line)
            if q is None:
                self._add("parameter_removed", header, f"parameter {p.name} {p.type} missing", where_nvo, where_impl)
                continue
            if p is None:
                self._add("parameter_added", header, f"parameter {q.name} {q.type} added", where_nvo, where_impl)
                continue
            if q.name != p.name:
                rename[q.name.lstrip("@")] = p.name.lstrip("@")
                self._add("parameter_renamed", header, f"parameter {p.name} renamed {q.name}", where_nvo, where_impl)
            if q.type != p.type:
                self._add("parameter_type", header, f"parameter {p.name}: type {p.type} -> {q.type}",
                          where_nvo, where_impl)
            if q.default != p.default:
                self._add("parameter_default", header,
                          f"parameter {p.name}: default {p.default or '(none)'} -> {q.default or '(none)'}",
                          where_nvo, where_impl)
            if q.output != p.output:
                self._add("parameter_output", header,
                          f"parameter {p.name}: OUTPUT {'added' if q.output else 'removed'}", where_nvo, where_impl)
        if len(self.differences) > before:
            self._show(header, self.differences[before:], self.nvo_text.header, self.impl_text.header)
        return rename

    # ---- body
    def _body(self) -> None:
        nvo, impl = self.nvo, self.impl
        matcher = difflib.SequenceMatcher(None, nvo.keys, impl.keys, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            left, right = list(range(i1, i2)), list(range(j1, j2))
            partial = any(nvo.statement_unknown(i) for i in left)
            for a, b in self._pair_statements(left, right):
                if a is not None and b is not None:
                    self._statement(a, b)
                elif self._bare_block_word(nvo, a) or self._bare_block_word(impl, b):
                    continue  # block structure alone: what the block holds is compared statement by statement
                elif b is not None and partial:
                    self.notes.append(f"{impl.file}:{impl.first_line(impl.statements[b])}: a statement next to a "
                                      "piece of the NVO text that is not known; not compared")
                elif b is not None:
                    self._whole_statement("statement_added", b, self._anchor_nvo(i1), "added")
                elif not nvo.statement_unknown(a):
                    self._whole_statement("statement_removed", a, self._anchor_impl(j1), "missing")

    @staticmethod
    def _bare_block_word(side: Side, index: Optional[int]) -> bool:
        """Whether statement ``index`` is a bare ``BEGIN`` or ``END``."""
        if index is None:
            return False
        statement = side.statements[index]
        return statement.keyword in ("begin", "end") and statement.end - statement.start == 1

    def _pair_statements(self, left: list[int], right: list[int]) -> list[tuple]:
        nvo, impl = self.nvo, self.impl

        def text(side: Side, i: int) -> str:
            return " ".join(side.keys[i])

        kinds = [nvo.statements[i].keyword for i in left], [impl.statements[j].keyword for j in right]
        pairs = []
        matcher = difflib.SequenceMatcher(None, kinds[0], kinds[1], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            block_left, block_right = left[i1:i2], right[j1:j2]
            if op == "equal":
                for a, b in zip(block_left, block_right):
                    alike = nvo.statement_unknown(a) or _similarity(text(nvo, a), text(impl, b)) >= SIMILAR
                    pairs += [(a, b)] if alike else [(a, None), (None, b)]
            else:
                pairs += [(a, None) for a in block_left] + [(None, b) for b in block_right]
        return pairs

    def _anchor_impl(self, j: int) -> Location:
        """Where the implementation would hold a statement it lacks: the statement now at that place."""
        impl = self.impl
        while j + 1 < len(impl.statements) and impl.statements[j].keyword == "begin" and self._bare_block_word(impl, j):
            j += 1  # inside the block that now lacks it
        statement = impl.statements[min(j, len(impl.statements) - 1)] if impl.statements else None
        line = impl.first_line(statement) if statement else self.impl_text.first_line
        return Location(impl.file, line)

    def _anchor_nvo(self, i: int) -> Location:
        nvo = self.nvo
        statement = nvo.statements[min(i, len(nvo.statements) - 1)] if nvo.statements else None
        return Location(nvo.file, nvo.first_line(statement) if statement else self.nvo_text.first_line)

    @staticmethod
    def _label(side: Side, index: int) -> str:
        """The statement's first words, e.g. ``INSERT INTO pfill_bx``, ``DECLARE @li_rows int``."""
        label = ""
        for count, (token, word) in enumerate(side.normal_tokens(side.statements[index])[:8]):
            if count and (word in ("(", "=", ",", "set", "where", "from", "values") or len(label) > 40):
                break
            if side.lexed.tokens[token].token_type not in NAME_TYPES:
                word = word.split(":", 1)[-1] if ":" in word else word.upper()
            glued = label.endswith(("@", "#", ".")) or word == "." or not label
            label += word if glued else " " + word
        return label

    def _whole_statement(self, kind: str, index: int, other: Location, verb: str) -> None:
        side = self.nvo if kind == "statement_removed" else self.impl
        statement = side.statements[index]
        start, end = side.lexed.tokens[statement.start].start, side.lexed.tokens[statement.end - 1].end + 1
        detail = f"statement {verb}: {_clip(side.text.text[start:end])}"
        here = Location(side.file, side.first_line(statement))
        label = self._label(side, index)
        if kind == "statement_removed":
            self._add(kind, label, detail, here, other)
            self._show(label, self.nvo_text, statement, None, {here.line})
        else:
            self._add(kind, label, detail, other, here)
            self._show(label, self.impl_text, None, statement, {here.line})

    def _statement(self, a: int, b: int) -> None:
        nvo, impl = self.nvo, self.impl
        before = len(self.differences)
        left, right = nvo.tree(nvo.statements[a]), impl.tree(impl.statements[b])
        label = self._label(nvo, a)
        if left is not None and right is not None:
            if left == right:
                return
            self._units(left, right, a, b, label)
        else:
            self._token_diff(nvo.normal_tokens(nvo.statements[a]), nvo, impl.normal_tokens(impl.statements[b]),
                             impl, label)
        if len(self.differences) > before:
            found = self.differences[before:]
            self._show(label, found, nvo.statements[a], impl.statements[b])

    def _units(self, left: exp.Expression, right: exp.Expression, a: int, b: int, label: str) -> None:
        nvo = self.nvo
        mine, theirs = units(left), units(right)
        clauses = list(dict.fromkeys([u.clause for u in mine] + [u.clause for u in theirs]))
        for clause in clauses:
            in_nvo = [u for u in mine if u.clause == clause]
            in_impl = [u for u in theirs if u.clause == clause]
            x, y = in_nvo, in_impl
            guessed = [u for u in x if nvo.has_unknown(u.node)]
            if guessed:
                x, y = self._around_unknown(x, y, guessed)
            ordered = any(u.ordered for u in in_nvo + in_impl)
            for p, q in _match(x, y, lambda u: u.text, ordered, key=lambda u: u.key):
                self._unit_difference(clause, p, q, label, a, b, in_nvo, in_impl)

    def _around_unknown(self, x: list[Unit], y: list[Unit], guessed: list[Unit]) -> tuple[list[Unit], list[Unit]]:
        """The units of a clause left to compare when some NVO units hold an unknown piece: the known ones
        equal to an implementation unit are matched first; a partly known unit takes the implementation unit
        it matches with the unknown piece as a wildcard; a wholly unknown unit may stand for all the rest."""
        known, rest = [], list(y)
        for u in x:
            if u in guessed:
                continue
            same = next((v for v in rest if v.text == u.text), None)
            if same is not None:
                rest.remove(same)
            else:
                known.append(u)
        for u in guessed:
            hit = next((v for v in rest if _wild_equal(u.node, v.node, self.nvo)), None)
            if hit is not None:
                rest.remove(hit)
        if any(self.nvo.wholly_unknown(u.node) for u in guessed):
            rest = []
        return known, rest

    def _unit_difference(self, clause: str, p: Optional[Unit], q: Optional[Unit], label: str, a: int, b: int,
                         mine: list[Unit], theirs: list[Unit]) -> None:
        nvo, impl = self.nvo, self.impl
        nvo_line = self._unit_line(nvo, p, mine, nvo.statements[a])
        impl_line = self._unit_line(impl, q, theirs, impl.statements[b])
        columns = []
        if p is not None and q is None:
            kind, detail = "expression_removed", f"{clause}: {_clip(p.name or p.text)} missing"
            columns = self._column_change(nvo.columns(p.node), "removed")
        elif q is not None and p is None:
            kind, detail = "expression_inserted", f"{clause}: {_clip(q.name or q.text)} added"
            columns = self._column_change(impl.columns(q.node), "added")
        else:
            kind = "expression_updated"
            detail = f"{clause}: {_clip(p.text)} -> {_clip(q.text)}"
            changed = _changed_nodes(p.node, q.node)
            if changed[0] is not None:
                nvo_line = nvo.line_of_offset(nvo.start_of(changed[0]) or 0) if nvo.start_of(changed[0]) \
                    is not None else nvo_line
            if changed[1] is not None and impl.start_of(changed[1]) is not None:
                impl_line = impl.line_of_offset(impl.start_of(changed[1]))
            old_refs = {(r.table.lower(), r.column.lower(), r.access) for r in nvo.columns(p.node)}
            new_refs = {(r.table.lower(), r.column.lower(), r.access) for r in impl.columns(q.node)}
            columns = self._column_change([r for r in nvo.columns(p.node)
                                           if (r.table.lower(), r.column.lower(), r.access) not in new_refs],
                                          "removed")
            columns += self._column_change([r for r in impl.columns(q.node)
                                            if (r.table.lower(), r.column.lower(), r.access) not in old_refs],
                                           "added")
        detail += _columns_note(columns)
        self._add(kind, label, detail, Location(nvo.file, nvo_line), Location(impl.file, impl_line), columns)

    def _unit_line(self, side: Side, unit: Optional[Unit], clause_units: list[Unit], statement: Statement) -> int:
        """The line of ``unit``; for a unit this side lacks, the line of its clause (or of the statement)."""
        for candidate in ([unit] if unit is not None else []) + clause_units:
            start = side.start_of(candidate.anchor if candidate.anchor is not None else candidate.node)
            if start is not None:
                return side.line_of_offset(start)
        return side.first_line(statement)

    @staticmethod
    def _column_change(refs: Iterable[ColumnRef], change: str) -> list[dict]:
        seen, out = set(), []
        for ref in refs:
            key = (ref.table, ref.column, ref.access)
            if key not in seen:
                seen.add(key)
                out.append({"change": change, "table": ref.table, "column": ref.column, "access": ref.access})
        return out

    def _token_diff(self, left: list[tuple[int, str]], nvo: Side, right: list[tuple[int, str]], impl: Side,
                    label: str) -> None:
        """Token-level differences of a statement sqlglot cannot read; hunks touching an unknown piece are skipped."""
        matcher = difflib.SequenceMatcher(None, [w for _, w in left], [w for _, w in right], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal" or any(nvo.unknown(t) for t, _ in left[max(0, i1 - 1):i2 + 1]):
                continue
            old = " ".join(w.split(":", 1)[-1] if ":" in w and w.split(":", 1)[0].endswith("STRING") else w
                           for _, w in left[i1:i2])
            new = " ".join(w.split(":", 1)[-1] if ":" in w and w.split(":", 1)[0].endswith("STRING") else w
                           for _, w in right[j1:j2])
            at_nvo = left[min(i1, len(left) - 1)][0] if left else None
            at_impl = right[min(j1, len(right) - 1)][0] if right else None
            nvo_line = nvo.procedure.line(at_nvo) if at_nvo is not None else nvo.procedure.first_line
            impl_line = impl.procedure.line(at_impl) if at_impl is not None else impl.procedure.first_line
            if op == "delete":
                kind, detail = "expression_removed", f"{label}: {_clip(old)} missing"
            elif op == "insert":
                kind, detail = "expression_inserted", f"{label}: {_clip(new)} added"
            else:
                kind, detail = "expression_updated", f"{label}: {_clip(old)} -> {_clip(new)}"
            self._add(kind, label, detail, Location(nvo.file, nvo_line), Location(impl.file, impl_line))

    def _add(self, kind: str, statement: str, detail: str, nvo: Location, impl: Location,
             columns: Optional[list[dict]] = None) -> None:
        self.differences.append(Difference(kind, statement, detail, nvo, impl, columns or []))

    def _show(self, label: str, found, nvo: Optional[Statement], impl: Optional[Statement],
              marked: Optional[set[int]] = None) -> None:
        """The statements of ``found`` differences side by side for the report; a statement one side lacks is
        shown alone (``found`` is then the procedure text it is in, ``marked`` its line)."""
        if isinstance(found, ProcedureText):
            text = found
            rows = _numbered(text, nvo or impl, marked)
            self.side_by_side.append(SideBySide(label, rows if nvo else [], rows if impl else []))
            return
        self.side_by_side.append(SideBySide(
            label, _numbered(self.nvo_text, nvo, {d.nvo.line for d in found}),
            _numbered(self.impl_text, impl, {d.implementation.line for d in found})))


def _columns_note(columns: list[dict]) -> str:
    """`` (writes pfill_bx.div_by, reads #work.div_by)``; ``(no longer reads …; now reads …)`` for a change."""
    def said(change: str) -> str:
        return ", ".join(f"{ACCESS_VERBS.get(c['access'], c['access'])} {c['table']}.{c['column']}"
                         for c in columns if c["change"] == change)
    removed, added = said("removed"), said("added")
    if removed and added:
        return f" (no longer {removed}; now {added})"
    return f" ({removed or added})" if removed or added else ""


def _numbered(text: ProcedureText, statement: Statement, marked: set[int]) -> list[tuple[int, str, bool]]:
    """The statement's text, one entry per source line: (line, text, marked)."""
    tokens = text.lexed.tokens
    start, end = tokens[statement.start].start, tokens[statement.end - 1].end + 1
    start = text.text.text.rfind("\n", 0, start) + 1  # whole lines, indentation kept
    rows, offset = [], start
    for piece in text.text.text[start:end].split("\n"):
        line = text.text.lines[min(offset, len(text.text.lines) - 1)]
        rows.append((line, piece.rstrip("\r"), line in marked))
        offset += len(piece) + 1
    return rows


def _wild_equal(nvo: exp.Expression, impl: exp.Expression, side: Side) -> bool:
    """Whether two trees are equal, where any NVO node holding an unknown piece matches anything."""
    if side.has_unknown(nvo) and (not nvo.args or all(not isinstance(v, (exp.Expression, list))
                                                      for v in nvo.args.values())):
        return True
    if type(nvo) is not type(impl):
        return side.has_unknown(nvo) and isinstance(nvo, (exp.Column, exp.Identifier, exp.Table))
    for key in set(nvo.args) | set(impl.args):
        x, y = nvo.args.get(key), impl.args.get(key)
        if isinstance(x, exp.Expression) and isinstance(y, exp.Expression):
            if not _wild_equal(x, y, side):
                return False
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y) or not all(
                    _wild_equal(i, j, side) if isinstance(i, exp.Expression) and isinstance(j, exp.Expression)
                    else i == j for i, j in zip(x, y)):
                return False
        elif x != y and not (key == "this" and side.has_unknown(nvo)):
            return False
    return True


def _changed_nodes(old: exp.Expression, new: exp.Expression) -> tuple[Optional[exp.Expression], Optional[exp.Expression]]:
    """The smallest node sqlglot's semantic diff removes or updates in ``old``, and inserts or updates in ``new``
    (moves change no meaning and are left out)."""
    try:
        edits = semantic_diff(old, new, delta_only=True)
    except Exception:  # the diff only refines the location; the unit is reported either way
        return None, None
    removed = [e.source if isinstance(e, Update) else e.expression for e in edits if isinstance(e, (Update, Remove))]
    inserted = [e.target if isinstance(e, Update) else e.expression for e in edits if isinstance(e, (Update, Insert))]

    def smallest(nodes: list[exp.Expression]) -> Optional[exp.Expression]:
        return min(nodes, key=lambda n: sum(1 for _ in n.walk()), default=None)
    return smallest(removed), smallest(inserted)


def _parse_header(procedure: ProcedureText) -> Optional[exp.Expression]:
    """The CREATE PROCEDURE statement, read as a plain CREATE (``ALTER`` and ``CREATE OR ALTER`` alike) and
    without the parentheses some write around the parameters."""
    lexed, header = procedure.lexed, procedure.header
    start = next(i for i in range(header.start, header.end) if lexed.words[i] in ("PROC", "PROCEDURE"))
    _, after_name = object_name(lexed, start + 1, header.end)
    first = lexed.tokens[header.start]
    tokens = [Token(TokenType.CREATE, "CREATE", first.line, first.col, first.start, first.end)]
    tokens += lexed.tokens[start:header.end]
    if after_name < header.end and lexed.words[after_name] == "(":
        close = closing(lexed, after_name, header.end)
        if close + 1 < header.end and lexed.words[close + 1] in ("AS", "WITH"):
            tokens = [t for t in tokens if t is not lexed.tokens[after_name] and t is not lexed.tokens[close]]
    try:
        trees = PARSER.parse(tokens, lexed.text)
    except Exception:  # sqlglot's errors and its failures on odd headers alike: compared as tokens then
        return None
    return trees[0] if len(trees) == 1 else None


# --------------------------------------------------------------------------- the whole comparison
@dataclass
class _NvoProcedure:
    text: ProcedureText
    refs: list[ColumnRef]
    span: Span


def nvo_procedures(result: PipelineResult) -> dict[str, list[_NvoProcedure]]:
    """The procedures the NVO builds, by paired name; more than one when the source builds variants."""
    found: dict[str, list[_NvoProcedure]] = {}
    for analyzed in result.sql:
        procedure = analyzed.facts.procedure
        if procedure is None:
            continue
        text = next((p for p in procedures_in(procedure.text) if p.name == procedure.name), None)
        if text is not None:
            found.setdefault(text.key, []).append(_NvoProcedure(
                text, analyzed.facts.refs, Span(procedure.text.file, procedure.line, procedure.end_line)))
    return found


def unknown_pieces(text: ProcedureText) -> list[dict]:
    """Each placeholder in a partial NVO procedure: the source line that wrote it and its stand-in text."""
    mapped, pieces, i = text.text, [], 0
    if mapped.complete:
        return []
    while i < len(mapped.cols):
        if mapped.cols[i] == 0:
            j = i
            while j < len(mapped.cols) and mapped.cols[j] == 0 and mapped.lines[j] == mapped.lines[i]:
                j += 1
            pieces.append({"line": mapped.lines[i], "text": mapped.text[i:j]})
            i = j
        else:
            i += 1
    return pieces


def _implementation_refs(text: ProcedureText, catalog) -> Callable[[], list[ColumnRef]]:
    """The SQL stage over one implemented procedure (against the NVO's catalog), run when a difference
    needs the table and access of its columns."""
    def refs() -> list[ColumnRef]:
        from . import sql
        tokens = text.lexed.tokens
        last = text.body[-1] if text.body else text.header
        return sql.analyze(text.text.slice(tokens[text.header.start].start, tokens[last.end - 1].end + 1),
                           catalog).refs
    return refs


def compare_procedures(result: PipelineResult, files: list[ImplementationFile],
                       only: Sequence[str] = (), phases: Optional[dict[str, list[str]]] = None) -> Comparison:
    """Every NVO procedure of ``result`` paired by name with its implementation in ``files`` and compared;
    ``only`` keeps the named procedures (any case, any schema)."""
    wanted = {procedure_key(name) for name in only}
    phase_of: dict[str, str] = {}
    for phase, members in (phases or {}).items():
        for member in members:
            phase_of.setdefault(procedure_key(member), phase)
    notes: list[str] = []
    implementations: dict[str, ProcedureText] = {}
    for file in files:
        if not file.procedures:
            notes.append(f"{file.path}: no CREATE PROCEDURE found")
        for text in file.procedures:
            earlier = implementations.get(text.key)
            if earlier is not None:
                notes.append(f"{text.name}: defined at {earlier.file}:{earlier.first_line} and again at "
                             f"{text.file}:{text.first_line}; the later one (as deployed in that order) is compared")
            implementations[text.key] = text
    comparisons = []
    nvo = nvo_procedures(result)
    unheard = sorted(name for name in only if procedure_key(name) not in nvo.keys() | implementations.keys())
    if unheard:
        raise ImplementationError(f"no procedure named {', '.join(unheard)} in the NVO or the implementation files")
    for key, variants in nvo.items():
        if wanted and key not in wanted:
            continue
        first = variants[0]
        impl = implementations.get(key)
        if impl is None:
            comparisons.append(ProcedureComparison(first.text.name, NOT_PORTED, phase_of.get(key), first.span, None,
                                                   unknown=unknown_pieces(first.text)))
            continue
        comparisons.append(_closest(variants, impl, _implementation_refs(impl, result.catalog), phase_of.get(key)))
    for key, impl in implementations.items():
        if key not in nvo and (not wanted or key in wanted):
            comparisons.append(ProcedureComparison(impl.name, IMPLEMENTATION_ONLY, phase_of.get(key), None,
                                                   Span(impl.file, impl.first_line, impl.last_line)))
    return Comparison(comparisons, files, notes)


def _closest(variants: list[_NvoProcedure], impl: ProcedureText, impl_refs, phase: Optional[str]) -> ProcedureComparison:
    """The comparison with the NVO variant that differs least from the implementation."""
    best = None
    for variant in variants:
        comparer = ProcedureComparer(variant.text, impl, lambda v=variant: v.refs, impl_refs)
        comparer.run()
        if best is None or len(comparer.differences) < len(best[1].differences):
            best = (variant, comparer)
    variant, comparer = best
    notes = comparer.notes
    if len(variants) > 1:
        lines = ", ".join(str(v.span.first_line) for v in variants)
        notes.append(f"the NVO builds {len(variants)} variants of this procedure (lines {lines}); "
                     f"compared with the closest, line {variant.span.first_line}")
    return ProcedureComparison(
        variant.text.name, DIFFERENT if comparer.differences else IDENTICAL, phase,
        variant.span, Span(impl.file, impl.first_line, impl.last_line), comparer.differences,
        unknown_pieces(variant.text), notes, comparer.side_by_side)


def read_implementations(paths: Iterable[str], encoding: Optional[str] = None) -> list[ImplementationFile]:
    """Every T-SQL file under ``paths``, read; no file at all is the user's error."""
    from .implfiles import find_sql_files
    files = find_sql_files(paths)
    if not files:
        raise ImplementationError(f"no .sql file under {', '.join(paths)}")
    return [read_implementation(path, encoding) for path in files]

"""Reduction callbacks generated per grammar rule for the compiled parser (lark-cython).

Lark reduces a rule through a chain of small Python objects: a child filter (drops anonymous tokens,
splices in the children of ``_rule`` helpers), an optional single-child expansion, then the transformer's
method or a new ``Tree``; a ``_rule`` helper itself becomes a ``Tree`` whose children the parent splices in,
and the callback is found in a dict keyed by ``Rule`` objects whose hash and equality are Python methods.
On real exports that is about 1.4 million reductions per 160,000 lines and 40% of the parse.

Here each rule gets one generated function doing the same thing in one call: a ``_rule`` helper's value is
the plain list of its children, a rule without a method still becomes ``Tree(name, children)``, every
method gets exactly the list Lark would pass it. The parse table's rules are replaced by objects hashed by
identity. The values are the same as Lark's, so the models are too; only the compiled parser uses this, and
plain Lark (whose error recovery reads its own value stack) keeps Lark's callbacks.
"""
from __future__ import annotations

from copy import copy
from typing import Callable, Optional

from lark import Tree
from lark.parsers.lalr_analysis import IntParseTable, Shift


class _Reduction:
    """What the compiled parser reads of a rule (its length and left-hand side), hashed by identity."""

    __slots__ = ("origin", "expansion")

    def __init__(self, origin, expansion) -> None:
        self.origin, self.expansion = origin, expansion


def _kept(rule) -> list[tuple[int, bool]]:
    """(index, splice it) of the children Lark keeps for ``rule``, as ``lark.parse_tree_builder`` decides."""
    keep_all = rule.options.keep_all_tokens
    return [(i, not sym.is_term and sym.name.startswith("_")) for i, sym in enumerate(rule.expansion)
            if keep_all or not (sym.is_term and sym.filter_out)]


def _source(kept: list[tuple[int, bool]], size: int, expand1: bool, ending: str) -> str:
    """The body of ``def f(c):`` for one rule: the kept children in a list ``l``, then ``ending``."""
    if all(not splice for _, splice in kept) and len(kept) == size:
        lines = ["l = c"]  # the parser's own fresh slice, as Lark passes it unfiltered
    else:
        lines, started = [], False
        for i, splice in kept:
            if splice:
                lines.append(f"l += c[{i}]" if started else f"l = c[{i}]")
            else:
                lines.append(f"l.append(c[{i}])" if started else f"l = [c[{i}]]")
            started = True
        if not started:
            lines.append("l = []")
    if expand1:
        lines.append("if len(l) == 1: return l[0]")
    lines.append(ending)
    return "\n".join(f"    {line}" for line in lines)


def compile_callbacks(rules, transformer) -> Optional[dict]:
    """One function per rule of ``rules`` (Lark's rules, with its options) building what Lark's callbacks
    build with ``transformer``; None when a rule needs something not generated here (Lark's then serve).
    The rules named in the transformer's ``not_built`` (if any) reduce to None."""
    namespace: dict = {"Tree": Tree}
    unbuilt = set(getattr(transformer, "not_built", ()))
    sources = []
    for number, rule in enumerate(rules):
        name = rule.alias or rule.options.template_source or rule.origin.name
        method = getattr(transformer, name, None)
        if getattr(method, "visit_wrapper", None) is not None:
            return None
        helper = rule.origin.name.startswith("_")  # its parent splices its children in
        expand1 = bool(rule.options.expand1) and not rule.alias
        if helper and (method is not None or rule.alias or expand1):
            return None
        if name in unbuilt:
            namespace[f"f{number}"] = list.clear  # None, in C: the parser's own fresh list of children, emptied
            continue
        if helper:
            ending = "return l"
        elif method is not None:
            namespace[f"m{number}"] = method
            ending = f"return m{number}(l)"
        else:
            ending = f"return Tree({name!r}, l)"
        kept = _kept(rule)
        if helper and len(kept) == len(rule.expansion) and not any(splice for _, splice in kept):
            namespace[f"f{number}"] = list  # all its children, in a list of their own: no Python call
            continue
        sources.append(f"def f{number}(c):\n{_source(kept, len(rule.expansion), expand1, ending)}")
    exec(compile("\n".join(sources), "<nvo-scan reductions>", "exec"), namespace)
    return {rule: namespace[f"f{number}"] for number, rule in enumerate(rules)}


def fast_table(parse_table, callbacks: dict) -> tuple[IntParseTable, dict, dict]:
    """``parse_table`` with each rule replaced by a ``_Reduction``, ``callbacks`` keyed by those, and the
    ``_Reduction`` of each rule."""
    reductions: dict = {}

    def reduction(rule):
        if rule not in reductions:
            reductions[rule] = _Reduction(rule.origin, rule.expansion)
        return reductions[rule]

    states = {state: {symbol: (action, arg if action is Shift else reduction(arg))
                      for symbol, (action, arg) in actions.items()}
              for state, actions in parse_table.states.items()}
    table = IntParseTable(states, parse_table.start_states, parse_table.end_states)
    return table, _keyed(callbacks, reductions), reductions


def _keyed(callbacks: dict, reductions: dict) -> dict:
    """``callbacks`` keyed by the ``_Reduction`` of each rule (a terminal's by its name)."""
    keyed = {reductions[rule]: function for rule, function in callbacks.items() if rule in reductions}
    keyed.update((key, function) for key, function in callbacks.items() if isinstance(key, str))
    return keyed


def install(lark_parser, parser_class: Callable) -> bool:
    """Give the compiled ``lark_parser`` the generated callbacks and the identity-hashed table (``parser_class``:
    lark-cython's ``_Parser``); False (nothing changed) when its rules need Lark's own callbacks."""
    frontend = lark_parser.parser
    callbacks = compile_callbacks(lark_parser.rules, lark_parser.options.transformer)
    if callbacks is None:
        return False
    callbacks.update((k, v) for k, v in frontend.parser_conf.callbacks.items() if isinstance(k, str))
    table, keyed, reductions = fast_table(frontend.parser._parse_table, callbacks)
    frontend.parser._parse_table = table
    frontend.parser.parser = parser_class(table, keyed, False)
    frontend.parser.reductions = reductions
    return True


def with_transformer(lark_parser, parser_class: Callable, transformer):
    """A frontend of the compiled ``lark_parser`` (after ``install``) reducing through ``transformer``'s
    generated callbacks; its lexer, parse table and terminal callbacks are ``lark_parser``'s own. None when
    ``install`` did not change ``lark_parser`` or ``transformer`` needs Lark's callbacks."""
    frontend = lark_parser.parser
    reductions = getattr(frontend.parser, "reductions", None)
    callbacks = compile_callbacks(lark_parser.rules, transformer)
    if reductions is None or callbacks is None:
        return None
    callbacks.update((k, v) for k, v in frontend.parser_conf.callbacks.items() if isinstance(k, str))
    other = copy(frontend)
    other.parser = copy(frontend.parser)
    other.parser.parser = parser_class(frontend.parser._parse_table, _keyed(callbacks, reductions), False)
    return other

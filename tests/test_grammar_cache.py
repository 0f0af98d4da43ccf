"""Issue 14 (start-up) and 13.9 (a cache nobody else can write): the grammar and the lexers' regular-expression
programs kept in nvo-scan's own cache directory, the contextual lexers made as their states are reached."""
from __future__ import annotations

import json
import os
import re
from array import array

import pytest
from lark import Lark
from lark.lexer import ContextualLexer

from powerfill_nvo.parse import grammar
from powerfill_nvo.parse.build import Builder

from test_determinism import ROOT

FIXTURES = sorted((ROOT / "fixtures").glob("*.sru"))


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "nvo-scan" / "lark"


def test_the_grammar_cache_is_in_a_directory_only_this_user_can_write(cache_home):
    path = grammar.grammar_cache()
    assert path == str(cache_home / f"powerscript-{grammar.lark_version}.pickle")
    assert oct(os.stat(cache_home).st_mode & 0o777) == "0o700"


def test_a_cache_file_another_user_can_write_is_not_used(cache_home, capsys):
    cache_home.mkdir(parents=True, mode=0o700)
    planted = cache_home / f"powerscript-{grammar.lark_version}.pickle"
    planted.write_bytes(b"planted")
    planted.chmod(0o666)
    assert grammar.grammar_cache() is False
    assert capsys.readouterr().err == (f"nvo-scan: warning: grammar cache {planted} can be written by another user "
                                       "or is not a file (mode 666): not used\n")
    planted.unlink()
    planted.symlink_to("/etc/passwd")
    assert grammar.grammar_cache() is False
    assert "(not a regular file): not used" in capsys.readouterr().err


def test_a_cache_directory_another_user_can_write_is_not_used(cache_home, capsys):
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o777)
    assert grammar.grammar_cache() is False
    assert capsys.readouterr().err == (f"nvo-scan: warning: grammar cache {cache_home}/powerscript-"
                                       f"{grammar.lark_version}.pickle can be written by another user or is not a "
                                       "file (mode 777): not used\n")


def _lexer_terminals(lexer) -> list[str]:
    return [t.name for t in lexer.terminals]


def _parser_from_cache() -> Lark:
    """The process's parser as loaded from the grammar cache, with its lazy lexers (a process that found no
    cache analysed the grammar and made every lexer at once: it is made again from the cache it wrote)."""
    parser = grammar.powerscript_parser(Builder)
    if not hasattr(parser.parser.lexer, "_conf"):
        grammar.powerscript_parser.cache_clear()
        parser = grammar.powerscript_parser(Builder)
    return parser


def test_the_lazy_lexers_are_lark_s_lexers_made_when_their_state_is_reached():
    parser = _parser_from_cache()
    lazy = parser.parser.lexer
    assert isinstance(lazy, grammar.LazyContextualLexer)
    states = {i: list(actions) for i, actions in parser.parser.parser._parse_table.states.items()}
    eager = ContextualLexer(lazy._conf, states)
    assert len(states) > 500
    for state in states:
        assert _lexer_terminals(lazy.lexers[state]) == _lexer_terminals(eager.lexers[state])
    shared = {}  # states that accept the same terminals share one lexer, as Lark's do
    for state, accepts in states.items():
        assert shared.setdefault(frozenset(accepts), lazy.lexers[state]) is lazy.lexers[state]
    assert len({id(lexer) for lexer in lazy.lexers.values()}) == len({id(lexer) for lexer in eager.lexers.values()})
    assert _lexer_terminals(lazy.root_lexer) == _lexer_terminals(eager.root_lexer)


def test_restored_regex_programs_are_the_same_patterns(cache_home):
    first = grammar.RegexPrograms(grammar._cache_file("regex-test.json"))
    for terminal in grammar.powerscript_parser(Builder).terminals:
        first.compile(terminal.pattern.to_regexp())
    big = "|".join(f"(?P<T{i}>{t.pattern.to_regexp()})" for i, t in enumerate(grammar.powerscript_parser(Builder).terminals))
    first.compile(big, re.I)
    first.save()
    again = grammar.RegexPrograms(first.path)
    assert again.programs.keys() == first.programs.keys() and len(again.programs) > 100
    for pattern, flags in again.programs:
        restored = again.compile(pattern, flags)
        compiled = re.compile(pattern, flags)
        assert (restored, restored.groupindex, restored.groups, restored.flags) == \
            (compiled, compiled.groupindex, compiled.groups, compiled.flags)
    assert not again.new  # every one restored, nothing compiled again
    assert again.match("(?i:end)", "END if") is not None and again.error is re.error


def test_a_damaged_programs_file_is_compiled_again(cache_home):
    programs = grammar.RegexPrograms(grammar._cache_file("regex-test.json"))
    programs.compile("a+b", 0)
    programs.compile("c|d", 0)
    programs.save()
    data = json.loads(open(programs.path).read())
    data["programs"][0][3] = array("I", [99999] * 5).tobytes().hex()  # no program the engine runs
    data["programs"][1][3] = "os.system"  # not a program at all
    with open(programs.path, "w") as f:
        json.dump(data, f)
    damaged = grammar.RegexPrograms(programs.path)
    assert list(damaged.programs) == [("a+b", 0)]  # the entry of the wrong type is dropped on reading
    assert damaged.compile("a+b").fullmatch("aab") and damaged.new  # the bad program is compiled again
    with open(programs.path, "w") as f:
        f.write("{not json")
    assert grammar.RegexPrograms(programs.path).programs == {}


def test_parsing_with_the_lazy_lexers_and_restored_programs_gives_lark_s_models(monkeypatch):
    """Every fixture (the broken ones too: recovery reaches the root lexer) parsed by plain Lark with our lexers
    and programs, then by plain Lark as it comes (every lexer made up front, ``re``): the same models."""
    import powerfill_nvo.parse as parse

    ours = _parser_from_cache()
    assert ours.parser.lexer._conf.re_module is grammar.regex_programs()
    monkeypatch.setattr(parse, "_compiled_parser", lambda chars: None)
    paths = FIXTURES + sorted((ROOT / "fixtures" / "broken").glob("*.sr?"))
    models = [repr(parse.parse_path(str(path))) for path in paths]
    lark_s = Lark(grammar.grammar_text(), parser="lalr", lexer="contextual", start=grammar.START_SYMBOLS,
                  transformer=grammar.builder(Builder), maybe_placeholders=False, cache=grammar.grammar_cache())
    assert type(lark_s.parser.lexer) is ContextualLexer and lark_s.lexer_conf.re_module is re
    monkeypatch.setattr(parse, "powerscript_parser", lambda _builder: lark_s)
    assert [repr(parse.parse_path(str(path))) for path in paths] == models
    assert len(paths) > 5 and any("Diagnostic" in model for model in models)

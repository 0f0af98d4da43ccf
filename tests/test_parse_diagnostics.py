"""Stage 2, diagnostics: each defect is reported once, at the line of the construct
that is wrong, and never hides the other scripts of the file."""
import os

import pytest

from powerfill_nvo import model as m
from powerfill_nvo.parse import parse_path, parse_source
from powerfill_nvo.reader import decode_bytes

HEAD = "global type n_x from nonvisualobject\nend type\n\n"
FIXTURES = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures")


def parse_text(text: str) -> m.SourceFile:
    return parse_source(decode_bytes(text.encode(), "t.sru"))


def one_function(body: str) -> m.SourceFile:
    """An export whose function ``of_x`` has its header on line 4 and ``body`` from line 5."""
    return parse_text(HEAD + "public function integer of_x ();\n" + body + "end function\n")


def diags(sf: m.SourceFile) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in sf.diagnostics]


def outline(sf: m.SourceFile) -> list[tuple]:
    return [(s.name, s.line, s.end_line, s.parsed, len(s.body)) for s in sf.scripts]


def test_deleted_end_if():
    sf = one_function("li = 1\nif li = 1 then\n\tli = 2\nreturn li\n")
    assert diags(sf) == [(6, "`if` at line 6 is not closed: missing `end if` before the end of the script")]
    assert outline(sf) == [("of_x", 4, 9, True, 2)]
    assert all(d.file == "t.sru" and d.severity == "error" for d in sf.diagnostics)
    assert sf.clean is False


def test_deleted_next():
    sf = one_function("for li = 1 to 3\n\tll = ll + li\nreturn 1\n")
    assert diags(sf) == [(5, "`for` at line 5 is not closed: missing `next` before the end of the script")]
    assert outline(sf) == [("of_x", 4, 8, True, 1)]


def test_deleted_loop():
    sf = one_function("do while li < 3\n\tli++\nreturn 1\n")
    assert diags(sf) == [(5, "`do` at line 5 is not closed: missing `loop` before the end of the script")]
    assert outline(sf) == [("of_x", 4, 8, True, 1)]


def test_deleted_end_choose():
    sf = one_function("choose case li\ncase 1\n\tli = 2\ncase else\n\tli = 3\nreturn li\n")
    assert diags(sf) == [(5, "`choose` at line 5 is not closed: missing `end choose` before the end of the script")]
    assert outline(sf) == [("of_x", 4, 11, True, 1)]


def test_deleted_end_try():
    sf = one_function("try\n\tof_a()\ncatch (exception e)\nreturn 1\n")
    assert diags(sf) == [(5, "`try` at line 5 is not closed: missing `end try` before the end of the script")]


@pytest.mark.parametrize("outer_open, outer_close, inner_open, closing, closer_line", [
    ("do while lb_go", "loop", "if lb_x then", "end if", 8),
    ("for li = 1 to 3", "next", "if lb_x then", "end if", 8),
    ("if lb_go then", "end if", "for lj = 1 to 2", "next", 8),
    ("if lb_go then", "end if", "do until lb_x", "loop", 8),
    ("try", "end try", "choose case li\ncase 1", "end choose", 9),
    ("choose case li\ncase 1", "end choose", "if lb_x then", "end if", 9),
])
def test_deleted_inner_closer_is_reported_at_the_inner_opener(outer_open, outer_close, inner_open, closing,
                                                               closer_line):
    sf = one_function(f"{outer_open}\n{inner_open}\n\tli = 1\n{outer_close}\nreturn 1\n")
    inner_line = 6 + outer_open.count("\n")
    word = inner_open.split()[0]
    assert diags(sf) == [(inner_line, f"`{word}` at line {inner_line} is not closed: missing `{closing}` "
                                      f"before `{outer_close}` at line {closer_line}")]
    (script,) = sf.scripts
    assert (script.parsed, len(script.body)) == (True, 2)
    outer = script.body[0]
    assert (outer.line, outer.end_line) == (5, closer_line)
    assert script.body[1] == m.Jump(closer_line + 1, closer_line + 1, "return", script.body[1].value)


def test_deleted_end_if_before_the_next_case():
    sf = one_function("choose case li\ncase 1\n\tif lb_x then\n\t\tli = 1\ncase 2\n\tli = 2\nend choose\n")
    assert diags(sf) == [(7, "`if` at line 7 is not closed: missing `end if` before `case` at line 9")]
    (choose,) = sf.scripts[0].body
    assert [(c.line, [(type(s).__name__, s.line, s.end_line) for s in c.body]) for c in choose.cases] == [
        (6, [("If", 7, 8)]), (9, [("Assign", 10, 10)]),
    ]


def test_stray_loop_inside_an_if_keeps_the_if_body():
    sf = one_function("if lb_x then\n\tli = 1\n\tloop\n\tli = 2\nend if\nreturn li\n")
    assert diags(sf) == [(7, "unexpected `loop`; expected `else`, `elseif`, `end if`")]
    (if_stmt, ret) = sf.scripts[0].body
    assert (if_stmt.line, if_stmt.end_line, ret.line) == (5, 9, 10)
    assert [(type(s).__name__, s.line) for s in if_stmt.arms[0].body] == [("Assign", 6), ("Assign", 8)]


def test_stray_end_if_inside_a_for_keeps_the_loop_body():
    sf = one_function("for li = 1 to 2\n\tlj = 1\nend if\n\tlj = 2\nnext\n")
    assert diags(sf) == [(7, "unexpected `end if`; expected `end for`, `next`")]
    (loop,) = sf.scripts[0].body
    assert (loop.kind, loop.line, loop.end_line) == ("for", 5, 9)
    assert [(type(s).__name__, s.line) for s in loop.body] == [("Assign", 6), ("Assign", 8)]


def test_deleted_end_function_next_function_still_parsed():
    sf = parse_text(HEAD + "public function integer of_a ();\nli = 1\nreturn li\n\n"
                    "public function integer of_b ();\nreturn 2\nend function\n")
    assert diags(sf) == [(4, "missing `end function` for the function starting at line 4")]
    assert outline(sf) == [("of_a", 4, 6, True, 2), ("of_b", 8, 10, True, 1)]
    assert sf.scripts[1].body[0] == m.Jump(9, 9, "return", sf.scripts[1].body[0].value)


def test_deleted_end_event_before_on_create():
    sf = parse_text(HEAD + "event constructor;li = 1\n\non n_x.create\ncall super::create\nend on\n")
    assert diags(sf) == [(4, "missing `end event` for the event starting at line 4")]
    assert outline(sf) == [("constructor", 4, 4, True, 1), ("create", 6, 8, True, 1)]


def test_doubled_equals():
    sf = one_function("li = = 2\nreturn li\n")
    assert [line for line, _ in diags(sf)] == [5]
    assert diags(sf)[0][1].startswith("unexpected `=`; expected ")
    assert outline(sf) == [("of_x", 4, 7, True, 2)]


def test_unterminated_string():
    sf = one_function('ls = "abc\nli = 1\nreturn li\n')
    assert diags(sf) == [(5, "unexpected character '\"'")]
    (script,) = sf.scripts
    assert (script.name, script.line, script.end_line) == ("of_x", 4, 8)


def test_unterminated_string_on_the_last_line():
    sf = one_function("ls = 'abc\n")
    assert diags(sf) == [(5, "unexpected character \"'\"")]
    assert [(s.kind, s.name, s.owner, s.line, s.end_line, s.parsed, s.body, s.access) for s in sf.scripts] == \
        [("function", "of_x", "n_x", 4, 6, True, [], "public")]


def test_block_comment_does_not_continue_a_statement():
    sf = one_function("li = 1 + /* a comment\n  on two lines */ 2\nreturn li\n")
    assert [line for line, _ in diags(sf)] == [5, 6]
    assert diags(sf)[0][1].startswith("unexpected end of line; expected ")
    assert diags(sf)[1][1] == "statement is neither a call nor an assignment"  # the `2` left on line 6


def test_ampersand_before_a_blank_line_ends_the_statement():
    sf = one_function('ls = "a" + &\n\nreturn 1\n')
    assert [line for line, _ in diags(sf)] == [6]
    assert diags(sf)[0][1].startswith("unexpected end of line; expected ")
    assert [(type(s).__name__, s.line) for s in sf.scripts[0].body] == [("Jump", 7)]


def test_bare_name_statement():
    sf = one_function("li = 1\nli\nreturn li\n")
    assert diags(sf) == [(6, "statement is neither a call nor an assignment")]
    assert [type(s).__name__ for s in sf.scripts[0].body] == ["Assign", "ExprStmt", "Jump"]


def test_bare_literal_statement():
    sf = one_function('"abc"\n')
    assert diags(sf) == [(5, "statement is neither a call nor an assignment")]


def test_missing_line_break_between_statements():
    sf = one_function("li = 1 lj = 2\nreturn li\n")
    assert diags(sf) == [(5, "unexpected `lj`; expected end of line")]
    assert [(type(s).__name__, s.line) for s in sf.scripts[0].body] == [("Assign", 5), ("Assign", 5), ("Jump", 6)]


def test_end_without_opening_line():
    sf = parse_text(HEAD + "end function\n")
    assert diags(sf) == [(4, "unexpected `end function` without an opening line")]
    assert sf.scripts == []


def test_one_broken_function_among_three():
    sf = parse_text(HEAD + (
        "public function integer of_a ();\nreturn 1\nend function\n\n"
        "public function integer of_b ();\nli = (1 +\nreturn 2\nend function\n\n"
        "public subroutine of_c ();\nli = 3\nend subroutine\n"))
    assert [line for line, _ in diags(sf)] == [9]
    assert diags(sf)[0][1].startswith("unexpected end of line; expected ")
    assert [(s.kind, s.name, s.line, s.end_line, s.parsed) for s in sf.scripts] == [
        ("function", "of_a", 4, 6, True), ("function", "of_b", 8, 11, True), ("subroutine", "of_c", 13, 15, True),
    ]
    assert [[(type(s).__name__, s.line) for s in script.body] for script in sf.scripts] == [
        [("Jump", 5)], [("Jump", 10)], [("Assign", 14)],
    ]


def test_statement_left_incomplete_is_dropped_and_the_block_goes_on():
    sf = one_function("if li > 0 then\n\tli = li *\n\tlj = 2\nelse\n\tlj = 3\nend if\nreturn lj\n")
    assert [line for line, _ in diags(sf)] == [6]
    (script,) = sf.scripts
    assert [(type(s).__name__, s.line, s.end_line) for s in script.body] == [("If", 5, 10), ("Jump", 11, 11)]
    assert [(arm.line, [(type(s).__name__, s.line) for s in arm.body]) for arm in script.body[0].arms] == [
        (5, [("Assign", 7)]), (8, [("Assign", 9)]),
    ]


def test_stray_end_if():
    sf = one_function("li = 1\nend if\nreturn li\n")
    assert diags(sf) == [(6, "unexpected `end if`; expected end of script")]
    assert [(type(s).__name__, s.line) for s in sf.scripts[0].body] == [("Assign", 5), ("Jump", 7)]


def test_one_unparseable_function_among_three():
    sf = parse_text(HEAD + (
        "public function integer of_a ();\nreturn 1\nend function\n\n"
        "private function string of_b (string);\nreturn ls\nend function\n\n"
        "public subroutine of_c ();\nli = 3\nend subroutine\n"))
    assert diags(sf) == [(8, "unexpected `)`; expected `{`, a name")]
    assert outline(sf) == [("of_a", 4, 6, True, 1), ("of_b", 8, 10, False, 0), ("of_c", 12, 14, True, 1)]
    assert (sf.scripts[1].kind, sf.scripts[1].owner) == ("function", "n_x")


def test_errors_in_two_functions_are_both_reported():
    sf = parse_text(HEAD + (
        "public function integer of_a ();\nif li then\nreturn 1\nend function\n\n"
        "public function integer of_b ();\nfor li = 1 to 2\nreturn 2\nend function\n"))
    assert diags(sf) == [
        (5, "`if` at line 5 is not closed: missing `end if` before the end of the script"),
        (10, "`for` at line 10 is not closed: missing `next` before the end of the script"),
    ]
    assert outline(sf) == [("of_a", 4, 7, True, 1), ("of_b", 9, 12, True, 1)]


# --------------------------------------------------------------------------- shipped fixtures


@pytest.mark.parametrize("name, line, other_scripts", [
    ("missing_end_if.sru", 31, {"of_first": (18, 26), "of_last": (37, 43)}),
    ("missing_next.sru", 29, {"of_sum": (18, 24), "of_repeat": (35, 43)}),
    ("missing_end_function.sru", 30, {"of_ok": (18, 20), "of_also_ok": (22, 28)}),
    ("double_equals.sru", 20, {"of_same": (24, 28)}),
])
def test_broken_fixtures(name, line, other_scripts):
    sf = parse_path(os.path.join(FIXTURES, "broken", name))
    assert [d.line for d in sf.diagnostics] == [line]
    assert sf.encoding == "utf-8-bom"
    scripts = {s.name: s for s in sf.scripts}
    for script_name, (first, last) in other_scripts.items():
        s = scripts[script_name]
        assert (s.line, s.end_line, s.parsed) == (first, last, True)
        assert s.body


def test_clean_fixtures_have_no_diagnostics():
    for name, lines, scripts in [("n_cst_powerfill.sru", 1671, 55), ("n_cst_pfill_legacy.sru", 176, 8),
                                 ("n_cst_ansi.sru", 59, 5), ("hostile.sru", 69, 5)]:
        sf = parse_path(os.path.join(FIXTURES, name))
        assert (name, sf.diagnostics, sf.lines, len(sf.scripts)) == (name, [], lines, scripts)


@pytest.mark.parametrize("header", [
    "event ue_save;call super::ue_save;",
    "event ue_save",
    "event type integer pfc_save ( )",
    "event type integer pfc_save(long al_row);",
    "event ue_clicked ( long al_row, ref string as_text[] )",
    "event dw_1::ue_save;",
    "event ue_notify pbm_custom01",
    "event ue_save();",
    "event ue_save();li = 1",
])
def test_deleted_end_event_before_the_next_event_header(header):
    sf = parse_text(HEAD + f"event constructor;li = 1\nli = 2\n\n{header}\nli = 3\nend event\n")
    assert diags(sf) == [(4, "missing `end event` for the event starting at line 4")]
    assert [(s.line, s.end_line, s.parsed) for s in sf.scripts] == [(4, 5, True), (7, 9, True)]


@pytest.mark.parametrize("call", [
    "event ue_save()",
    "Event ue_save(1, this.width)",
    "Event post ue_postopen()",
    "event dynamic trigger ue_save(li)",
    "event ue_move(index, ref newX, not lb_done)",
    "event ue_log(\"a) b\", ls_x)",
    "event ue_log(ls_a, &\n\tls_b)",
])
def test_event_call_statements_are_not_headers(call):
    sf = parse_text(HEAD + f"event constructor;li = 1\n{call}\nend event\n")
    assert diags(sf) == []
    (script,) = sf.scripts
    assert (script.line, script.end_line, [type(s).__name__ for s in script.body]) == \
        (4, 6 + call.count("\n"), ["Assign", "ExprStmt"])

"""Stage 2, lexical matters: string escapes, ``&`` continuation, comments, numbers,
date/time literals, identifiers, enumerated values and ``#if`` directives."""

import pytest

from powerfill_nvo import model as m

from parse_helpers import body_of


def values(body: list[m.Stmt]) -> list:
    return [s.value for s in body]


@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize("escape, char", [
    ("~r", "\r"), ("~n", "\n"), ("~t", "\t"), ('~"', '"'), ("~'", "'"), ("~~", "~"),
    ("~h41", "A"), ("~065", "A"), ("~o101", "A"), ("~;", ";"),
])
def test_tilde_escape(quote, escape, char):
    literal = f"{quote}a{escape}b{quote}"
    body, text = body_of(f"ls = {literal}\nli = 1")
    value = body[0].value
    start = text.index(literal)
    assert value == m.StringLit(5, start, start + len(literal), f"a{char}b")
    assert (body[1].line, body[1].value.text) == (6, "1")


def test_every_tilde_escape_in_one_literal():
    body, text = body_of(r'''
        ls = "a~r~n~t~"~'~~~h41~065~o101~;b"
        ls = 'a~r~n~t~"~'~~~h41~065~o101~;b'
        ls = 'it~'s "quoted"'
        ''')
    assert [(v.line, v.value) for v in values(body)] == [
        (5, "a\r\n\t\"'~AAA;b"), (6, "a\r\n\t\"'~AAA;b"), (7, "it's \"quoted\""),
    ]
    assert text[body[0].value.start:body[0].value.end] == r'''"a~r~n~t~"~'~~~h41~065~o101~;b"'''


def test_other_tilde_escapes_and_backslashes():
    body, _ = body_of(r'''
        ls = "~v~f~b~x~h4a~o102~0659"
        ls = "C:\pfill\logs\run.log"
        ''')
    assert [v.value for v in values(body)] == ["\v\f\bxJBA9", "C:\\pfill\\logs\\run.log"]


def test_semicolon_in_string_does_not_end_the_statement():
    body, _ = body_of('''
        ls = "a;b"; li = 1
        ''')
    assert [(type(s).__name__, s.line) for s in body] == [("Assign", 5), ("Assign", 5)]
    assert body[0].value.value == "a;b" and body[1].value.text == "1"


def test_ampersand_continuation_in_an_expression():
    body, text = body_of('''
        ls = "abc" + &
             "def" + &   
             ls_x
        li = 1
        ''')
    first, second = body
    assert (first.line, first.end_line) == (5, 7)
    assert first.value.right.line == 7 and first.value.left.right.line == 6
    assert text[first.value.start:first.value.end].endswith("ls_x")
    assert (second.line, second.end_line) == (8, 8)


def test_ampersand_continues_onto_exactly_one_line():
    # the continued line may hold only a comment: the statement then ends with it
    body, _ = body_of('''
        if li = 1 then &
            // a comment is the continued line
            li = 2
        end if
        ''')
    (s,) = body
    assert (s.line, s.end_line, s.block) == (5, 8, True)
    assert [(x.line, x.value.text) for x in s.arms[0].body] == [(7, "2")]


def test_ampersand_in_a_block_comment_between_statements():
    body, _ = body_of('''
        choose case li
            /*
            case 1
                of_trace("a" + &
                    "b")
            */
            case 2
                li = 3
        end choose
        ''')
    (s,) = body
    assert (s.line, s.end_line) == (5, 13)
    assert [([v.text for v in c.values], c.line, [x.line for x in c.body]) for c in s.cases] == [(["2"], 11, [12])]


def test_ampersand_continuation_inside_a_string_literal():
    body, _ = body_of('''
        ls = "abc &
        def"
        ls = "Eastern United States and&
        \tEastern Canada"
        li = 1
        ''')
    assert [(s.line, s.end_line, s.value.line, s.value.value) for s in body[:2]] == [
        (5, 6, 5, "abc def"),
        # white space at the start of the continued line is part of the string
        (7, 8, 7, "Eastern United States and\tEastern Canada"),
    ]
    assert (body[2].line, body[2].value.text) == (9, "1")


def test_line_comments():
    body, _ = body_of('''
        li = 1 // comment with "quote and /* opener
        // a whole line
        ls = "not // a comment"
        ''')
    assert [(s.line, getattr(s.value, "value", None) or s.value.text) for s in body] == [
        (5, "1"), (7, "not // a comment"),
    ]


def test_nested_block_comments():
    body, text = body_of('''
        li = /* a /* nested */ still comment */ 2
        /* outer
           /* inner */
           li = 99
        */
        li = 3
        ''')
    assert [(s.line, s.end_line, s.value.text, s.value.start) for s in body] == [
        (5, 5, "2", text.index("2\n")), (10, 10, "3", text.index("3\n")),
    ]


def test_block_comment_spanning_lines_inside_an_expression():
    # an "&" that ends a line inside the comment continues the statement
    body, text = body_of('''
        li = 1 + /* spans &
           lines */ 2
        li = 3
        ''')
    first, second = body
    assert (first.line, first.end_line) == (5, 6)
    assert (first.value.op, first.value.left.text, first.value.right.text, first.value.right.line) == \
        ("+", "1", "2", 6)
    assert text[first.value.start:first.value.end] == "1 + /* spans &\n   lines */ 2"
    assert (second.line, second.value.text) == (7, "3")


def test_block_comment_spanning_lines_before_a_binary_operator_continues_the_statement():
    # what follows the comment can only continue the expression: no statement starts with "+"
    body, text = body_of('''
        ls = "a, " /* legacy default,
           see ticket 4411 */ + "b, " + &
           "c"
        li = 3
        ''')
    first, second = body
    assert (first.line, first.end_line, type(first.value), first.value.op) == (5, 7, m.Binary, "+")
    assert text[first.value.start:first.value.end] == '"a, " /* legacy default,\n   see ticket 4411 */ + "b, " + &\n   "c"'
    assert (second.line, second.value.text) == (8, "3")


def test_line_break_inside_a_block_comment_ends_the_statement():
    body, _ = body_of('''
        if li = 1 then /* all other rows must have an end date,
                          and a start date after it */
            li = 2
        else /* the row has an end date:

                check the others */
            li = 3
        end if
        of_yield() /* lets the queue empty; otherwise
                      nothing is found */
        li = 4
        ''')
    if_stmt, call, last = body
    assert (type(if_stmt), if_stmt.line, if_stmt.end_line, if_stmt.block) == (m.If, 5, 12, True)
    assert [(arm.line, [(s.line, s.value.text) for s in arm.body]) for arm in if_stmt.arms] == [
        (5, [(7, "2")]), (8, [(11, "3")]),
    ]
    assert (type(call), call.line, call.end_line, call.expr.name) == (m.ExprStmt, 13, 13, "of_yield")
    assert (last.line, last.value.text) == (15, "4")


def test_numbers():
    body, _ = body_of('''
        ld = .5
        ld = 1e3
        ld = 1.5E-2
        ld = 42
        ld = 3.
        ''')
    assert [(v.kind, v.text, v.line) for v in values(body)] == [
        ("number", ".5", 5), ("number", "1e3", 6), ("number", "1.5E-2", 7), ("number", "42", 8), ("number", "3.", 9),
    ]


def test_date_time_and_datetime_literals():
    body, _ = body_of('''
        ld = 2024-01-31
        lt = 12:30:45
        lt = 00:00:00.123456
        lt = 9:05
        ldt = 2024-01-31 12:30:45
        ''')
    assert [(v.kind, v.text) for v in values(body)] == [
        ("date", "2024-01-31"), ("time", "12:30:45"), ("time", "00:00:00.123456"), ("time", "9:05"),
        ("datetime", "2024-01-31 12:30:45"),
    ]


def test_boolean_literals():
    body, _ = body_of('''
        lb = true
        lb = FALSE
        ''')
    assert [(v.kind, v.text) for v in values(body)] == [("boolean", "true"), ("boolean", "FALSE")]


def test_identifiers_with_special_and_non_ascii_characters():
    body, _ = body_of('''
        li-x$#% = 1
        lé_çà = li-x$#% - 1
        $x = #y
        ''')
    assert [s.target.name for s in body] == ["li-x$#%", "lé_çà", "$x"]
    assert (body[1].value.op, body[1].value.left.name) == ("-", "li-x$#%")
    assert body[2].value == m.Name(7, body[2].value.start, body[2].value.start + 2, "#y")


def test_dash_without_spaces_is_part_of_the_name():
    body, text = body_of('''
        x = order-balance
        x = order - balance
        ''')
    start = text.index("order-balance")
    assert body[0].value == m.Name(5, start, start + 13, "order-balance")
    assert (body[1].value.op, body[1].value.left.name, body[1].value.right.name) == ("-", "order", "balance")


def test_enumerated_values():
    body, text = body_of('''
        st.alignment = center!
        dw_1.SetItemStatus(1, 0, Primary!, NotModified!)
        ''')
    start = text.index("center!")
    assert body[0].value == m.Literal(5, start, start + 7, "enum", "center!")
    assert [(a.kind, a.text) for a in body[1].expr.args[2:]] == [("enum", "Primary!"), ("enum", "NotModified!")]


def test_conditional_compilation_directives():
    body, _ = body_of('''
        #if defined PBWEBFORM then
            li = 1
        #elseif defined PBDOTNET then
            li = 2
        #else
            li = 3
        #end if
        li = 4
        ''')
    assert [(s.line, s.value.text) for s in body] == [(6, "1"), (8, "2"), (10, "3"), (12, "4")]

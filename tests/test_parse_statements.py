"""Stage 2, statements and expressions: one test per construct, each with the
parsed structure and its exact lines (the script body starts on line 5)."""
import textwrap

import pytest

from powerfill_nvo import model as m
from powerfill_nvo.parse import parse_source
from powerfill_nvo.reader import decode_bytes

HEAD = "global type n_x from nonvisualobject\nend type\n\npublic function integer of_x ();\n"


def parse_body(body: str) -> tuple[m.SourceFile, str]:
    """An export whose one function (lines 4..) holds ``body`` from line 5; and its text."""
    text = HEAD + textwrap.dedent(body).strip("\n") + "\nend function\n"
    return parse_source(decode_bytes(text.encode(), "t.sru")), text


def body_of(body: str) -> tuple[list[m.Stmt], str]:
    sf, text = parse_body(body)
    assert sf.diagnostics == []
    (script,) = sf.scripts
    assert (script.kind, script.name, script.line, script.parsed) == ("function", "of_x", 4, True)
    assert script.end_line == text.count("\n")
    return script.body, text


def sx(e) -> str:
    """An expression as a compact S-expression, for exact structural assertions."""
    if e is None:
        return "-"
    if isinstance(e, m.StringLit):
        return repr(e.value)
    if isinstance(e, m.Literal):
        return f"{e.kind}:{e.text}"
    if isinstance(e, m.Name):
        return e.name
    if isinstance(e, m.Member):
        return f"(. {sx(e.obj)} {e.name})"
    if isinstance(e, m.Index):
        return f"([] {sx(e.obj)} {' '.join(sx(a) for a in e.args)})".replace(" )", ")")
    if isinstance(e, m.Call):
        parts = ["call", sx(e.target), e.name, f"[{' '.join(sx(a) for a in e.args)}]"]
        if e.forms:
            parts.append("/".join(e.forms))
        if e.ancestor is not None:
            parts.append(f"anc={e.ancestor}")
        return f"({' '.join(parts)})"
    if isinstance(e, m.Binary):
        return f"({e.op} {sx(e.left)} {sx(e.right)})"
    if isinstance(e, m.Unary):
        return f"({e.op} {sx(e.operand)})"
    if isinstance(e, m.ArrayLit):
        return "{" + " ".join(sx(i) for i in e.items) + "}"
    if isinstance(e, m.CreateExpr):
        return f"(create {e.class_name})" if e.using is None else f"(create-using {sx(e.using)})"
    raise TypeError(e)


def lines(stmts: list[m.Stmt]) -> list[tuple]:
    return [(type(s).__name__, s.line, s.end_line) for s in stmts]


def src(text: str, e: m.Expr) -> str:
    return text[e.start:e.end]


# --------------------------------------------------------------------------- assignments


@pytest.mark.parametrize("source, op, value", [
    ("a = 1", "=", "number:1"), ("a += 2", "+=", "number:2"), ("a -= 3", "-=", "number:3"),
    ("a *= 4", "*=", "number:4"), ("a /= 5", "/=", "number:5"), ("a ^= 6", "^=", "number:6"),
    ("a++", "++", "-"), ("a --", "--", "-"),
])
def test_assignment_operator(source, op, value):
    body, text = body_of(f"integer a\n{source}\na = 0")
    assert lines(body) == [("DeclStmt", 5, 5), ("Assign", 6, 6), ("Assign", 7, 7)]
    s = body[1]
    assert (s.op, sx(s.target), sx(s.value)) == (op, "a", value)
    assert (s.target.line, src(text, s.target)) == (6, "a")
    if s.value is not None:
        assert src(text, s.value) == value.split(":")[1]


def test_assignment_spread_over_lines():
    body, text = body_of("""
        ls_x += "a" + &
            "b"
        """)
    (s,) = body
    assert (s.line, s.end_line, s.op, sx(s.value)) == (5, 6, "+=", "(+ 'a' 'b')")
    assert src(text, s.value) == '"a" + &\n    "b"'


def test_local_declarations():
    body, text = body_of("""
        integer li_a, li_b = 2
        string ls_arr[] = {"x", "y"}, ls_b[1 to 3]
        constant long LL_MAX = 10
        decimal{4} ldc_rate
        """)
    assert lines(body) == [("DeclStmt", 5, 5), ("DeclStmt", 6, 6), ("DeclStmt", 7, 7), ("DeclStmt", 8, 8)]
    decls = [d for s in body for d in s.decls]
    assert [(d.type, d.name, d.line, d.array, d.constant, sx(d.init)) for d in decls] == [
        ("integer", "li_a", 5, None, False, "-"),
        ("integer", "li_b", 5, None, False, "number:2"),
        ("string", "ls_arr", 6, "[]", False, "{'x' 'y'}"),
        ("string", "ls_b", 6, "[1 to 3]", False, "-"),
        ("long", "LL_MAX", 7, None, True, "number:10"),
        ("decimal{4}", "ldc_rate", 8, None, False, "-"),
    ]


# --------------------------------------------------------------------------- if


def test_block_if_elseif_else():
    body, _ = body_of("""
        if a = 1 then
            b = 1
        elseif a = 2 then
            b = 2
        else
            b = 3
        end if
        """)
    (s,) = body
    assert (type(s), s.line, s.end_line, s.block) == (m.If, 5, 11, True)
    assert [(sx(arm.cond), arm.line, lines(arm.body)) for arm in s.arms] == [
        ("(= a number:1)", 5, [("Assign", 6, 6)]),
        ("(= a number:2)", 7, [("Assign", 8, 8)]),
        ("-", 9, [("Assign", 10, 10)]),
    ]
    assert [sx(arm.body[0].value) for arm in s.arms] == ["number:1", "number:2", "number:3"]


def test_one_line_if_then_else():
    body, _ = body_of("""
        if a then b = 1 else b = 2
        if a > 0 then return
        if IsNull(x) then x = 0
        """)
    assert lines(body) == [("If", 5, 5), ("If", 6, 6), ("If", 7, 7)]
    assert all(s.block is False for s in body)
    first, second, third = body
    assert [(sx(a.cond), a.line, [(type(b).__name__, sx(getattr(b, "value", None))) for b in a.body])
            for a in first.arms] == [("a", 5, [("Assign", "number:1")]), ("-", 5, [("Assign", "number:2")])]
    assert [(sx(a.cond), a.body) for a in second.arms] == [("(> a number:0)", [m.Jump(6, 6, "return")])]
    assert sx(third.arms[0].cond) == "(call - IsNull [x])"
    assert sx(third.arms[0].body[0].target) == "x"


def test_if_then_semicolon_is_a_block_if():
    body, _ = body_of("""
        if a then;
            b = 1
        end if
        """)
    (s,) = body
    assert (s.line, s.end_line, s.block) == (5, 7, True)
    assert [(sx(a.cond), a.line, lines(a.body)) for a in s.arms] == [("a", 5, [("Assign", 6, 6)])]


def test_nested_blocks_and_walk_order():
    body, _ = body_of("""
        for i = 1 to 3
            if i = 2 then
                do while j < i
                    j++
                loop
            end if
        next
        """)
    assert [(type(s).__name__, s.line, s.end_line) for s in m.walk_statements(body)] == [
        ("Loop", 5, 11), ("If", 6, 10), ("Loop", 7, 9), ("Assign", 8, 8),
    ]


# --------------------------------------------------------------------------- choose case


def test_choose_case_with_ranges_lists_is_and_else():
    body, _ = body_of("""
        choose case a
            case 1 to 9
                b = 1
            case 10, 20, 30
            case is < 0, is >= 100
                b = 2
            case "x"
                b = 4
            case else
                b = 3
        end choose
        """)
    (s,) = body
    assert (type(s), s.line, s.end_line, sx(s.subject)) == (m.Choose, 5, 15, "a")
    assert [([sx(v) for v in c.values], c.line, lines(c.body)) for c in s.cases] == [
        (["(to number:1 number:9)"], 6, [("Assign", 7, 7)]),
        (["number:10", "number:20", "number:30"], 8, []),
        (["(is < number:0)", "(is >= number:100)"], 9, [("Assign", 10, 10)]),
        (["'x'"], 11, [("Assign", 12, 12)]),
        ([], 13, [("Assign", 14, 14)]),
    ]


def test_choose_case_true():
    body, _ = body_of("""
        choose case true
            case a > 1 and b < 2
                c = 1
        end choose
        """)
    (s,) = body
    assert (s.line, s.end_line, sx(s.subject)) == (5, 8, "boolean:true")
    assert [sx(v) for v in s.cases[0].values] == ["(and (> a number:1) (< b number:2))"]


# --------------------------------------------------------------------------- loops


def test_do_while_loop():
    body, _ = body_of("""
        do while i < 10
            i++
        loop
        """)
    (s,) = body
    assert (s.kind, s.line, s.end_line, sx(s.cond), s.cond.line, lines(s.body)) == \
        ("do_while", 5, 7, "(< i number:10)", 5, [("Assign", 6, 6)])


def test_do_until_loop():
    body, _ = body_of("""
        do until i > 10
            i++
        loop
        """)
    (s,) = body
    assert (s.kind, s.line, s.end_line, sx(s.cond), lines(s.body)) == \
        ("do_until", 5, 7, "(> i number:10)", [("Assign", 6, 6)])


def test_loop_while():
    body, _ = body_of("""
        do
            i++
        loop while i < 10
        """)
    (s,) = body
    assert (s.kind, s.line, s.end_line, sx(s.cond), s.cond.line, lines(s.body)) == \
        ("loop_while", 5, 7, "(< i number:10)", 7, [("Assign", 6, 6)])


def test_loop_until():
    body, _ = body_of("""
        do
            i++
        loop until i > 10 or &
            j = 0
        """)
    (s,) = body
    assert (s.kind, s.line, s.end_line, sx(s.cond), lines(s.body)) == \
        ("loop_until", 5, 8, "(or (> i number:10) (= j number:0))", [("Assign", 6, 6)])


def test_for_next_with_step():
    body, _ = body_of("""
        for i = 1 to ll_n step 2
            continue
        next
        """)
    (s,) = body
    assert (s.kind, s.line, s.end_line, s.cond) == ("for", 5, 7, None)
    assert (sx(s.var), sx(s.first), sx(s.last), sx(s.step)) == ("i", "number:1", "ll_n", "number:2")
    assert s.body == [m.Jump(6, 6, "continue")]


def test_for_with_negative_step_and_end_for():
    body, _ = body_of("""
        for i = 10 to 1 step -1
            exit
        end for
        for j = 1 to 2
        next
        """)
    first, second = body
    assert (first.line, first.end_line, sx(first.step)) == (5, 7, "(- number:1)")
    assert first.body == [m.Jump(6, 6, "exit")]
    assert (second.line, second.end_line, second.step, second.body) == (8, 9, None, [])


# --------------------------------------------------------------------------- try / jumps


def test_try_catch_finally():
    body, _ = body_of("""
        try
            of_a()
        catch (n_err le_e)
            li = 1
        catch (runtimeerror re)
        finally
            li = 2
        end try
        """)
    (s,) = body
    assert (type(s), s.line, s.end_line, lines(s.body)) == (m.Try, 5, 12, [("ExprStmt", 6, 6)])
    assert [(c.type, c.var, c.line, lines(c.body)) for c in s.catches] == [
        ("n_err", "le_e", 7, [("Assign", 8, 8)]),
        ("runtimeerror", "re", 9, []),
    ]
    assert lines(s.finally_body) == [("Assign", 11, 11)]


def test_try_without_finally():
    body, _ = body_of("""
        try
        catch (exception e)
        end try
        """)
    (s,) = body
    assert (s.line, s.end_line, s.body, s.finally_body) == (5, 7, [], None)
    assert [(c.type, c.var, c.line) for c in s.catches] == [("exception", "e", 6)]


def test_throw():
    body, _ = body_of("""
        throw create n_err
        throw le_err
        """)
    assert [(s.kind, s.line, s.end_line, sx(s.value)) for s in body] == [
        ("throw", 5, 5, "(create n_err)"), ("throw", 6, 6, "le_err"),
    ]


def test_goto_and_label():
    body, _ = body_of("""
        goto give_up
        li = 1
        give_up:
        return -1
        """)
    assert body[0] == m.Jump(5, 5, "goto", label="give_up")
    assert body[2] == m.Label(7, 7, "give_up")
    assert (body[3].kind, body[3].line, sx(body[3].value)) == ("return", 8, "(- number:1)")


@pytest.mark.parametrize("source, kind, value", [
    ("return", "return", "-"), ("return li + 1", "return", "(+ li number:1)"), ("exit", "exit", "-"),
    ("continue", "continue", "-"), ("halt", "halt", "-"), ("halt close", "halt close", "-"),
    ("HALT CLOSE", "halt close", "-"), ("Return", "return", "-"),
])
def test_jump(source, kind, value):
    body, _ = body_of(f"li = 1\n{source}")
    assert body[1] == m.Jump(6, 6, kind, body[1].value)
    assert sx(body[1].value) == value


def test_call_super_and_call_ancestor_control_event():
    body, _ = body_of("""
        call super::ue_x
        call w_anc`cb_1::clicked
        call w_anc::open
        """)
    assert body == [
        m.CallStmt(5, 5, "super", "ue_x"),
        m.CallStmt(6, 6, "w_anc`cb_1", "clicked"),
        m.CallStmt(7, 7, "w_anc", "open"),
    ]


# --------------------------------------------------------------------------- create / destroy


def test_create_and_create_using():
    body, text = body_of("""
        lo = create n_svc
        lo = create using ls_class
        lo = create using "n_" + ls
        create n_bare
        """)
    assert [(type(s).__name__, s.line, sx(getattr(s, "value", None) or s.expr)) for s in body] == [
        ("Assign", 5, "(create n_svc)"),
        ("Assign", 6, "(create-using ls_class)"),
        ("Assign", 7, "(create-using (+ 'n_' ls))"),
        ("ExprStmt", 8, "(create n_bare)"),
    ]
    assert src(text, body[0].value) == "create n_svc"
    assert src(text, body[2].value) == 'create using "n_" + ls'


def test_destroy_forms():
    body, _ = body_of("""
        destroy lo
        destroy(lo)
        destroy this.ids_x
        """)
    assert [(type(s), s.line, s.end_line, sx(s.target)) for s in body] == [
        (m.Destroy, 5, 5, "lo"), (m.Destroy, 6, 6, "lo"), (m.Destroy, 7, 7, "(. this ids_x)"),
    ]


# --------------------------------------------------------------------------- calls


def test_plain_and_member_calls():
    body, text = body_of("""
        of_a()
        li = of_b(1, "x")
        this.of_c(ref ls)
        dw_1.Update()
        """)
    assert lines(body) == [("ExprStmt", 5, 5), ("Assign", 6, 6), ("ExprStmt", 7, 7), ("ExprStmt", 8, 8)]
    assert [sx(body[0].expr), sx(body[1].value), sx(body[2].expr), sx(body[3].expr)] == [
        "(call - of_a [])", "(call - of_b [number:1 'x'])", "(call this of_c [ls])", "(call dw_1 Update [])",
    ]
    assert src(text, body[1].value) == 'of_b(1, "x")'


@pytest.mark.parametrize("source, shape", [
    ("dw_1.dynamic of_x(1)", "(call dw_1 of_x [number:1] dynamic)"),
    ("this.post event ue_x(1)", "(call this ue_x [number:1] post/event)"),
    ("this.event trigger ue_y()", "(call this ue_y [] event/trigger)"),
    ("lo.dynamic event ue_a(ref ls)", "(call lo ue_a [ls] dynamic/event)"),
    ("this.event ue_progress(1, 2)", "(call this ue_progress [number:1 number:2] event)"),
    ("post of_z()", "(call - of_z [] post)"),
    ("event ue_q()", "(call - ue_q [] event)"),
    ("dynamic of_r()", "(call - of_r [] dynamic)"),
    ("trigger event ue_t(2)", "(call - ue_t [number:2] trigger/event)"),
    ("this.function post of_f()", "(call this of_f [] function/post)"),
    ("this.static function of_s()", "(call this of_s [] static/function)"),
    ("post Close(this)", "(call - Close [this] post)"),
])
def test_call_form(source, shape):
    body, text = body_of(f"li = 1\n{source}")
    s = body[1]
    assert (type(s), s.line, s.end_line, sx(s.expr)) == (m.ExprStmt, 6, 6, shape)
    assert (s.expr.line, src(text, s.expr)) == (6, source)


def test_ancestor_and_global_scope_calls():
    body, text = body_of("""
        super::of_x()
        li = super::of_x(1)
        ::f_glob(1)
        w_anc::of_x()
        super::event ue_x()
        """)
    assert [sx(getattr(s, "expr", None) or s.value) for s in body] == [
        "(call - of_x [] anc=super)",
        "(call - of_x [number:1] anc=super)",
        "(call - f_glob [number:1] anc=)",
        "(call - of_x [] anc=w_anc)",
        "(call - ue_x [] event anc=super)",
    ]
    assert src(text, body[1].value) == "super::of_x(1)"
    assert src(text, body[2].expr) == "::f_glob(1)"


def test_dotted_access_with_indexes():
    body, text = body_of("""
        x = dw_1.Object.col[1]
        x = ids.object.data.primary.current[r, c]
        x = ids.Object.Data[1, 2]
        la[i + 1] = 3
        """)
    assert [sx(s.value) for s in body[:3]] == [
        "([] (. (. dw_1 Object) col) number:1)",
        "([] (. (. (. (. ids object) data) primary) current) r c)",
        "([] (. (. ids Object) Data) number:1 number:2)",
    ]
    assert sx(body[3].target) == "([] la (+ i number:1))"
    assert src(text, body[1].value) == "ids.object.data.primary.current[r, c]"


def test_ole_call_without_parens_is_a_member_statement():
    body, text = body_of("""
        ole.Application.Quit
        """)
    (s,) = body
    assert (type(s), s.line, s.end_line, sx(s.expr)) == (m.ExprStmt, 5, 5, "(. (. ole Application) Quit)")
    assert src(text, s.expr) == "ole.Application.Quit"


def test_keywords_as_member_names():
    body, _ = body_of("""
        li = dw_1.update()
        x.create
        lo = x.destroy
        ls = w.Close
        """)
    assert [sx(getattr(s, "value", None) or s.expr) for s in body] == [
        "(call dw_1 update [])", "(. x create)", "(. x destroy)", "(. w Close)",
    ]


# --------------------------------------------------------------------------- precedence


def test_multiplication_binds_tighter_than_addition():
    body, text = body_of("x = a + b * c - d / e")
    assert sx(body[0].value) == "(- (+ a (* b c)) (/ d e))"
    assert src(text, body[0].value) == "a + b * c - d / e"


def test_not_binds_looser_than_comparison_and_tighter_than_and():
    body, _ = body_of("x = not a = b and c or d")
    assert sx(body[0].value) == "(or (and (not (= a b)) c) d)"


def test_unary_minus_binds_tighter_than_power():
    body, text = body_of("x = -a ^ 2")
    assert sx(body[0].value) == "(^ (- a) number:2)"
    assert src(text, body[0].value.left) == "-a"


def test_parentheses_and_comparisons():
    body, text = body_of("x = (a + b) * c <> d")
    assert sx(body[0].value) == "(<> (* (+ a b) c) d)"
    assert src(text, body[0].value.left.left) == "(a + b)"


def test_prefix_operators_inside_binary_operands():
    body, text = body_of("x = - - a * not b = - c and d")
    assert sx(body[0].value) == "(and (* (- (- a)) (not (= b (- c)))) d)"
    assert src(text, body[0].value.left.right) == "not b = - c"


def test_five_thousand_prefix_operators_build_without_recursion():
    body, text = body_of("x = " + "-" * 5000 + "1\nreturn x")
    value, first_minus, one_end = body[0].value, text.index("-"), text.index("1\nreturn") + 1
    for depth in range(5000):
        assert (type(value), value.op, value.line, value.start, value.end) == \
            (m.Unary, "-", 5, first_minus + depth, one_end)
        value = value.operand
    assert sx(value) == "number:1"
    assert [type(s).__name__ for s in body] == ["Assign", "Jump"]


def test_power_is_left_associative_chain():
    body, _ = body_of("x = 2 ^ 3 ^ 2")
    assert sx(body[0].value) == "(^ (^ number:2 number:3) number:2)"

"""Odd and hostile input: deep nesting, unclosed comments, damaged block ends, undecodable files
and odd line endings never lose the rest of the file, and each problem is reported at its line."""
from powerfill_nvo import model as m
from powerfill_nvo.parse import parse_source
from powerfill_nvo.reader import decode_bytes

HEAD = "global type n_x from nonvisualobject\nend type\n\n"
TAIL = "public function integer of_b ();\nreturn 2\nend function\n"


def parse_text(text: str) -> m.SourceFile:
    return parse_source(decode_bytes(text.encode(), "t.sru"))


def outline(sf: m.SourceFile) -> list[tuple]:
    return [(s.name, s.line, s.end_line, s.parsed, len(s.body)) for s in sf.scripts]


def depth_of(stmt: m.Stmt) -> int:
    """How many blocks deep the innermost statement of ``stmt`` is (without recursion)."""
    depth = 0
    while isinstance(stmt, (m.If, m.Loop)):
        depth += 1
        body = stmt.arms[0].body if isinstance(stmt, m.If) else stmt.body
        stmt = body[0]
    return depth


def test_three_hundred_nested_ifs_and_fors_parse_whole():
    ifs = "".join(f"if li > {i} then\n" for i in range(300)) + "li = 1\n" + "end if\n" * 300
    fors = "".join(f"for l{i} = 1 to 2\n" for i in range(300)) + "li = 1\n" + "next\n" * 300
    text = HEAD + "public function integer of_a ();\n" + ifs + fors + "end function\n\n" + TAIL
    sf = parse_text(text)
    assert sf.diagnostics == []
    assert outline(sf) == [("of_a", 4, 1207, True, 2), ("of_b", 1209, 1211, True, 1)]
    assert [depth_of(s) for s in sf.scripts[0].body] == [300, 300]


def test_three_hundred_nested_parentheses_parse_whole():
    text = HEAD + "public function integer of_a ();\nli = " + "(" * 300 + "1" + ")" * 300 + \
        "\nreturn li\nend function\n\n" + TAIL
    sf = parse_text(text)
    assert sf.diagnostics == []
    assert outline(sf) == [("of_a", 4, 7, True, 2), ("of_b", 9, 11, True, 1)]


def diags(sf: m.SourceFile) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in sf.diagnostics]


def test_unclosed_block_comment_hides_the_rest_of_its_script_only():
    sf = parse_text(HEAD + "public function integer of_a ();\nli = 1 /* a comment\nli = 2\nend function\n\n" + TAIL)
    assert diags(sf) == [(5, "`/*` at line 5 is never closed: lines 5-6 read as a comment")]
    assert outline(sf) == [("of_a", 4, 7, True, 1), ("of_b", 9, 11, True, 1)]


def test_unclosed_nested_block_comment_in_a_variables_block():
    sf = parse_text(HEAD + "type variables\nstring is_a /* /* nested */\nend variables\n\n" + TAIL)
    assert diags(sf) == [(5, "`/*` at line 5 is never closed: lines 5-5 read as a comment")]
    assert [v.name for v in sf.variables] == ["is_a"]
    assert outline(sf) == [("of_b", 8, 10, True, 1)]


PROTOTYPES = "forward prototypes\npublic function integer of_a ()\npublic function integer of_b ()\n"
SCRIPTS = "public function integer of_a ();\nreturn 1\nend function\n\n" + TAIL


def test_damaged_end_prototypes_keeps_the_next_script():
    sf = parse_text(HEAD + PROTOTYPES + "end prototype\n\n" + SCRIPTS)
    assert diags(sf) == [
        (4, "missing `end prototypes` for the prototypes block starting at line 4"),
        (7, "unexpected `end`; expected `constant`, `function`, `global`, `indirect`, `private`, `privateread`"),
    ]
    assert [p.name for p in sf.prototypes] == ["of_a", "of_b"]
    assert outline(sf) == [("of_a", 9, 11, True, 1), ("of_b", 13, 15, True, 1)]


def test_deleted_end_prototypes_keeps_the_next_script():
    sf = parse_text(HEAD + PROTOTYPES + "\n" + SCRIPTS)
    assert diags(sf) == [(4, "missing `end prototypes` for the prototypes block starting at line 4")]
    assert [p.name for p in sf.prototypes] == ["of_a", "of_b"]
    assert outline(sf) == [("of_a", 8, 10, True, 1), ("of_b", 12, 14, True, 1)]

"""Stage 2, file layout: header lines, forward block, type definitions, variable
blocks, prototypes and every form of script header, with exact line numbers."""
import textwrap

from powerfill_nvo import model as m
from powerfill_nvo.parse import parse_source
from powerfill_nvo.reader import decode_bytes


def parse_text(text: str, path: str = "t.sru") -> m.SourceFile:
    return parse_source(decode_bytes(textwrap.dedent(text).lstrip("\n").encode(), path))


def clean(text: str, path: str = "t.sru") -> m.SourceFile:
    sf = parse_text(text, path)
    assert sf.diagnostics == []
    return sf


def outline(sf: m.SourceFile) -> list[tuple]:
    return [(s.kind, s.owner, s.name, s.line, s.end_line, s.parsed) for s in sf.scripts]


WINDOW = """
    $PBExportHeader$w_main.srw
    $PBExportComments$Main window
    forward
    global type w_main from w_ancestor
    end type
    type cb_ok from w_ancestor`cb_ok within w_main
    end type
    type cb_new from commandbutton within w_main
    end type
    end forward

    global type w_main from w_ancestor
    integer width = 100
    cb_new cb_new
    end type
    global w_main w_main

    on w_main.create
    int iCurrent
    call super::create
    this.cb_new=create cb_new
    end on

    on w_main.destroy
    call super::destroy
    destroy(this.cb_new)
    end on

    type cb_ok from w_ancestor`cb_ok within w_main
    end type

    event clicked;call super::clicked;return 1
    end event

    type cb_new from commandbutton within w_main
    integer x = 5
    string text = "New"
    end type

    event clicked;close(parent)
    end event
    """


def test_header_lines_and_forward_block_make_no_scripts_or_types():
    sf = clean("""
        $PBExportHeader$n_x.sru
        $PBExportComments$Comment with "quotes" & an ampersand
        forward
        global type n_x from nonvisualobject
        end type
        end forward

        global type n_x from nonvisualobject
        end type
        global n_x n_x
        """)
    assert sf.lines == 10
    assert sf.encoding == "utf-8"
    assert (sf.object_name, sf.ancestor) == ("n_x", "nonvisualobject")
    assert sf.types == [m.TypeDef("n_x", "nonvisualobject", None, 8, 9, True)]
    assert sf.scripts == [] and sf.variables == [] and sf.prototypes == []


def test_global_type_with_nested_and_inherited_control_types():
    sf = clean(WINDOW, "w_main.srw")
    assert (sf.object_name, sf.ancestor) == ("w_main", "w_ancestor")
    assert sf.types == [
        m.TypeDef("w_main", "w_ancestor", None, 12, 15, True),
        m.TypeDef("cb_ok", "w_ancestor`cb_ok", "w_main", 29, 30, False),
        m.TypeDef("cb_new", "commandbutton", "w_main", 35, 38, False),
    ]


def test_scripts_belong_to_the_type_above_them():
    sf = clean(WINDOW, "w_main.srw")
    assert outline(sf) == [
        ("on", "w_main", "create", 18, 22, True),
        ("on", "w_main", "destroy", 24, 27, True),
        ("event", "cb_ok", "clicked", 32, 33, True),
        ("event", "cb_new", "clicked", 40, 41, True),
    ]
    create = sf.scripts[0]
    assert [type(s).__name__ for s in create.body] == ["DeclStmt", "CallStmt", "Assign"]
    assert [(s.line, s.end_line) for s in create.body] == [(19, 19), (20, 20), (21, 21)]
    assert create.body[1] == m.CallStmt(20, 20, "super", "create")
    assert create.body[2].value.class_name == "cb_new"
    assert isinstance(sf.scripts[1].body[1], m.Destroy) and sf.scripts[1].body[1].line == 26


def test_global_instance_line_is_not_a_diagnostic_or_script():
    sf = clean("""
        global type n_x from nonvisualobject
        end type
        global n_x n_x

        public function integer of_x ();return 1
        end function
        """)
    assert outline(sf) == [("function", "n_x", "of_x", 5, 6, True)]


def test_nested_type_within_a_nested_type():
    sf = clean("""
        global type w_tab from window
        end type
        global w_tab w_tab

        type tab_1 from tab within w_tab
        end type

        type tabpage_1 from userobject within tab_1
        end type

        event constructor;this.text = "x"
        end event
        """, "w_tab.srw")
    assert sf.types[1:] == [
        m.TypeDef("tab_1", "tab", "w_tab", 5, 6, False),
        m.TypeDef("tabpage_1", "userobject", "tab_1", 8, 9, False),
    ]
    assert outline(sf) == [("event", "tabpage_1", "constructor", 11, 12, True)]


# --------------------------------------------------------------------------- variables


def test_type_variables_with_access_labels_constants_arrays_and_defaults():
    sf = clean("""
        global type n_x from nonvisualobject
        end type

        type variables
        Public:
        integer ii_a = 1
        PRIVATE:
        string is_b[]
        long il_c[1 to 10] = {1, 2}
        decimal{2} idc_x = 1.5
        constant string ICS_X = "x"
        protectedwrite:
        date id_d = 2007-04-01
        end variables
        """)
    v = sf.variables
    assert [(d.type, d.name, d.line, d.array, d.constant, d.access) for d in v] == [
        ("integer", "ii_a", 6, None, False, "public"),
        ("string", "is_b", 8, "[]", False, "private"),
        ("long", "il_c", 9, "[1 to 10]", False, "private"),
        ("decimal{2}", "idc_x", 10, None, False, "private"),
        ("string", "ICS_X", 11, None, True, "private"),
        ("date", "id_d", 13, None, False, "protectedwrite"),
    ]
    assert v[0].init == m.Literal(6, v[0].init.start, v[0].init.start + 1, "number", "1")
    assert v[1].init is None
    assert isinstance(v[2].init, m.ArrayLit)
    assert [i.text for i in v[2].init.items] == ["1", "2"]
    assert v[3].init.text == "1.5"
    assert v[4].init.value == "x" and v[4].init.line == 11
    assert (v[5].init.kind, v[5].init.text) == ("date", "2007-04-01")


def test_per_declaration_access_overrides_the_label():
    sf = clean("""
        global type n_x from nonvisualobject
        end type

        type variables
        public protectedwrite:
        string is_a, is_b = "b"
        privatewrite long il_d
        public privatewrite integer ii_e
        protectedread integer ii_f
        end variables
        """)
    assert [(d.name, d.line, d.access) for d in sf.variables] == [
        ("is_a", 6, "public protectedwrite"),
        ("is_b", 6, "public protectedwrite"),
        ("il_d", 7, "privatewrite"),
        ("ii_e", 8, "public"),
        ("ii_f", 9, "protectedread"),
    ]
    assert sf.variables[1].init.value == "b"


def test_shared_and_global_variable_blocks():
    sf = clean("""
        global type n_x from nonvisualobject
        end type

        shared variables
        integer si_count = 0
        end variables

        global variables
        string gs_user
        string gs_list[2] = {"a", "b"}
        end variables
        """)
    assert [(d.type, d.name, d.line, d.array, d.access) for d in sf.variables] == [
        ("integer", "si_count", 5, None, None),
        ("string", "gs_user", 9, None, None),
        ("string", "gs_list", 10, "[2]", None),
    ]
    assert [i.value for i in sf.variables[2].init.items] == ["a", "b"]


# --------------------------------------------------------------------------- prototypes


def test_forward_prototypes():
    sf = clean("""
        global type n_x from nonvisualobject
        end type

        forward prototypes
        public function integer of_x (readonly string as_a, ref long al_b[], integer ai_c) throws exception
        private subroutine of_y ()
        public function string[] of_steps ()
        end prototypes
        """)
    assert sf.prototypes == [
        m.Prototype("function", "of_x", 5, [
            m.Param("string", "as_a", readonly=True),
            m.Param("long", "al_b", ref=True, array=True),
            m.Param("integer", "ai_c"),
        ], "integer"),
        m.Prototype("subroutine", "of_y", 6, [], None),
        m.Prototype("function", "of_steps", 7, [], "string[]"),
    ]


def test_external_functions_and_subroutines():
    sf = clean("""
        global type n_x from nonvisualobject
        end type

        type prototypes
        function long GetTickCount() library "kernel32.dll"
        function long GetUserNameA(ref string lpBuffer, ref ulong nSize) library "advapi32.dll" alias for "GetUserNameA;ansi"
        subroutine Sleep(ulong dwMilliseconds) library "kernel32.dll"
        function int f_rpc(string as_a[]) rpcfunc alias for "f_rpc2"
        public function long f_unquoted() library "x.dll" alias for f_x
        end prototypes
        """)
    assert sf.prototypes == [
        m.Prototype("function", "GetTickCount", 5, [], "long", "kernel32.dll", True),
        m.Prototype("function", "GetUserNameA", 6, [
            m.Param("string", "lpBuffer", ref=True), m.Param("ulong", "nSize", ref=True),
        ], "long", "advapi32.dll", True),
        m.Prototype("subroutine", "Sleep", 7, [m.Param("ulong", "dwMilliseconds")], None, "kernel32.dll", True),
        m.Prototype("function", "f_rpc", 8, [m.Param("string", "as_a", array=True)], "int", None, True),
        m.Prototype("function", "f_unquoted", 9, [], "long", "x.dll", True),
    ]


# --------------------------------------------------------------------------- script headers


HEAD = """
        global type n_x from nonvisualobject
        end type
        global n_x n_x
"""  # + a text starting with a line break: its first line is line 5


def test_function_with_ref_readonly_array_params_and_throws():
    sf = clean(HEAD + """
        public function integer of_a (ref string as_a, readonly long al_b[], integer ai_c[10]) throws exception;return 1
        end function
        """)
    (s,) = sf.scripts
    assert (s.kind, s.name, s.owner, s.line, s.end_line, s.returns, s.access) == \
        ("function", "of_a", "n_x", 5, 6, "integer", "public")
    assert s.params == [
        m.Param("string", "as_a", ref=True),
        m.Param("long", "al_b", readonly=True, array=True),
        m.Param("integer", "ai_c", array=True),
    ]
    assert s.body == [m.Jump(5, 5, "return", s.body[0].value)]
    assert s.body[0].value.text == "1"


def test_subroutine_and_function_access_forms():
    sf = clean(HEAD + """
        private subroutine of_b ();
        end subroutine

        protected function string of_c () throws n_err, n_err2
        return ""
        end function

        function integer of_d ()
        end function

        global function decimal{2} f_e ()
        end function

        public function string[] of_steps ();string ls[]
        return ls
        end function
        """)
    assert [(s.kind, s.name, s.line, s.end_line, s.returns, s.access) for s in sf.scripts] == [
        ("subroutine", "of_b", 5, 6, None, "private"),
        ("function", "of_c", 8, 10, "string", "protected"),
        ("function", "of_d", 12, 13, "integer", None),
        ("function", "f_e", 15, 16, "decimal{2}", "global"),
        ("function", "of_steps", 18, 20, "string[]", "public"),
    ]
    assert sf.scripts[1].body[0].line == 9


def test_event_with_return_type_and_params():
    sf = clean(HEAD + """
        event type long ue_x (long al_a, string as_b);return 0
        end event

        event ue_y ( )
        end event
        """)
    ue_x, ue_y = sf.scripts
    assert (ue_x.kind, ue_x.name, ue_x.owner, ue_x.line, ue_x.end_line, ue_x.returns) == \
        ("event", "ue_x", "n_x", 5, 6, "long")
    assert ue_x.params == [m.Param("long", "al_a"), m.Param("string", "as_b")]
    assert [(s.kind, s.line) for s in ue_x.body] == [("return", 5)]
    assert (ue_y.name, ue_y.line, ue_y.end_line, ue_y.params, ue_y.returns, ue_y.body) == \
        ("ue_y", 8, 9, [], None, [])


def test_one_line_event_with_call_super():
    sf = clean(HEAD + """
        event open;call super::open;
        end event

        event destructor;call super::destructor;destroy ids_x
        end event
        """)
    assert outline(sf) == [("event", "n_x", "open", 5, 6, True), ("event", "n_x", "destructor", 8, 9, True)]
    assert sf.scripts[0].body == [m.CallStmt(5, 5, "super", "open")]
    assert sf.scripts[1].body[0] == m.CallStmt(8, 8, "super", "destructor")
    assert isinstance(sf.scripts[1].body[1], m.Destroy) and sf.scripts[1].body[1].line == 8


def test_on_create_and_on_destroy():
    sf = clean(HEAD + """
        on n_x.create
        call super::create
        TriggerEvent( this, "constructor" )
        end on

        on n_x.destroy
        TriggerEvent( this, "destructor" )
        call super::destroy
        end on
        """)
    assert outline(sf) == [("on", "n_x", "create", 5, 8, True), ("on", "n_x", "destroy", 10, 13, True)]
    assert [(type(s).__name__, s.line) for s in sf.scripts[0].body] == [("CallStmt", 6), ("ExprStmt", 7)]
    assert sf.scripts[0].body[1].expr.name == "TriggerEvent"
    assert [(type(s).__name__, s.line) for s in sf.scripts[1].body] == [("ExprStmt", 11), ("CallStmt", 12)]


def test_old_style_on_event_block():
    sf = clean("""
        global type w_x from window
        end type
        global w_x w_x

        type cb_1 from commandbutton within w_x
        end type

        on clicked;
        Close(parent)
        end on
        """, "w_x.srw")
    (s,) = sf.scripts
    assert (s.kind, s.owner, s.name, s.line, s.end_line) == ("on", "cb_1", "clicked", 8, 10)
    assert s.body[0].line == 9 and s.body[0].expr.name == "Close"


def test_event_scoped_to_a_control():
    sf = clean("""
        global type w_x from window
        end type
        global w_x w_x

        event cb_1::clicked;
        int li_i
        end event
        """, "w_x.srw")
    (s,) = sf.scripts
    assert (s.kind, s.owner, s.name, s.line, s.end_line) == ("event", "cb_1", "clicked", 5, 7)
    assert s.qualified_name == "cb_1.clicked"
    assert s.body[0].decls[0].name == "li_i" and s.body[0].line == 6


def test_event_names_that_are_keywords_or_hold_dashes():
    sf = clean(HEAD + """
        event close;
        end event

        event key-down2;
        end event

        event create;
        end event
        """)
    assert outline(sf) == [
        ("event", "n_x", "close", 5, 6, True),
        ("event", "n_x", "key-down2", 8, 9, True),
        ("event", "n_x", "create", 11, 12, True),
    ]


def test_crlf_export_has_grep_line_numbers():
    lines = ["global type n_x from nonvisualobject", "end type", "global n_x n_x", "",
             "public function integer of_x ();", "int li", "", "li = 1", "return li", "end function"]
    sf = parse_source(decode_bytes("\r\n".join(lines).encode() + b"\r\n", "t.sru"))
    assert sf.diagnostics == []
    assert sf.lines == 10
    (s,) = sf.scripts
    assert (s.line, s.end_line) == (5, 10)
    assert [(type(x).__name__, x.line, x.end_line) for x in s.body] == \
        [("DeclStmt", 6, 6), ("Assign", 8, 8), ("Jump", 9, 9)]

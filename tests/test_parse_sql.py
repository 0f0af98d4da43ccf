"""Stage 2, embedded SQL: kind, text, lines and offsets of each statement; the
PowerScript look-alikes that are not SQL; the retrieve SQL of a DataWindow (.srd)."""

import pytest

from powerfill_nvo import model as m
from powerfill_nvo.parse import parse_source
from powerfill_nvo.reader import decode_bytes

from parse_helpers import body_of


def sql(stmt: m.Stmt, text: str) -> tuple:
    """kind, lines and text of an EmbeddedSql, checking that its offsets delimit its text."""
    assert isinstance(stmt, m.EmbeddedSql)
    assert text[stmt.start:stmt.end] == stmt.text
    assert text[stmt.end] == ";"
    return stmt.kind, stmt.line, stmt.end_line, stmt.text


def test_select_into_host_variables():
    body, text = body_of("""
        SELECT count(*) INTO :ll_n FROM t WHERE a = :ls_a;
        """)
    (s,) = body
    assert sql(s, text) == ("select", 5, 5, "SELECT count(*) INTO :ll_n FROM t WHERE a = :ls_a")
    assert (s.start, s.end) == (80, 129)


def test_multi_line_insert_update_delete():
    body, text = body_of("""
        INSERT INTO t (a, b)
            VALUES (:ls_a, 'x');
        UPDATE t
            SET a = 1
            WHERE b = :ll_b
            USING itr_trans;
        delete from t
            where a = 1 ;
        """)
    assert [sql(s, text) for s in body] == [
        ("insert", 5, 6, "INSERT INTO t (a, b)\n    VALUES (:ls_a, 'x')"),
        ("update", 7, 10, "UPDATE t\n    SET a = 1\n    WHERE b = :ll_b\n    USING itr_trans"),
        ("delete", 11, 12, "delete from t\n    where a = 1 "),
    ]


def test_declare_cursor_and_procedure():
    body, text = body_of("""
        DECLARE c_pool CURSOR FOR
            SELECT pool_id FROM pfill_pool WHERE status = :ls_status;
        DECLARE p_purge PROCEDURE FOR psp_purge
            @ai_days = :li_days USING itr_trans;
        DECLARE lc_dyn DYNAMIC CURSOR FOR SQLSA;
        """)
    assert [sql(s, text)[:3] for s in body] == [
        ("declare cursor", 5, 6), ("declare procedure", 7, 8), ("declare dynamic", 9, 9),
    ]
    assert body[0].text.endswith("status = :ls_status")


def test_open_fetch_close_cursor():
    body, text = body_of("""
        OPEN c_pool;
        FETCH c_pool INTO :ls_pool, :ll_n;
        close c_pool ;
        """)
    assert [sql(s, text) for s in body] == [
        ("open", 5, 5, "OPEN c_pool"),
        ("fetch", 6, 6, "FETCH c_pool INTO :ls_pool, :ll_n"),
        ("close", 7, 7, "close c_pool "),
    ]


def test_connect_disconnect_commit_rollback_using():
    body, text = body_of("""
        CONNECT USING SQLCA;
        DISCONNECT USING SQLCA;
        COMMIT USING itr_trans;
        ROLLBACK;
        """)
    assert [sql(s, text) for s in body] == [
        ("connect", 5, 5, "CONNECT USING SQLCA"),
        ("disconnect", 6, 6, "DISCONNECT USING SQLCA"),
        ("commit", 7, 7, "COMMIT USING itr_trans"),
        ("rollback", 8, 8, "ROLLBACK"),
    ]


def test_execute_immediate_prepare_describe_execute():
    body, text = body_of("""
        EXECUTE IMMEDIATE :ls_sql USING itr_trans;
        PREPARE SQLSA FROM :ls_sql USING SQLCA;
        DESCRIBE SQLSA INTO SQLDA;
        EXECUTE DYNAMIC lc_dyn USING DESCRIPTOR SQLDA;
        EXECUTE p_purge;
        """)
    assert [sql(s, text)[:3] for s in body] == [
        ("execute immediate", 5, 5), ("prepare", 6, 6), ("describe", 7, 7), ("execute", 8, 8), ("execute", 9, 9),
    ]
    assert body[0].text == "EXECUTE IMMEDIATE :ls_sql USING itr_trans"


def test_semicolon_inside_a_sql_string_does_not_end_it():
    body, text = body_of("""
        UPDATE t SET note = 'a;b', tag = "c;d"
            WHERE id = 1;
        li = 1
        """)
    assert sql(body[0], text) == ("update", 5, 6, "UPDATE t SET note = 'a;b', tag = \"c;d\"\n    WHERE id = 1")
    assert (type(body[1]), body[1].line) == (m.Assign, 7)


def test_line_comment_inside_sql_is_blanked_and_its_semicolon_ignored():
    body, text = body_of("""
        SELECT a // the column; not the end
            INTO :ls_a FROM t;
        li = 1
        """)
    s = body[0]
    assert (s.kind, s.line, s.end_line) == ("select", 5, 6)
    assert s.text == "SELECT a " + " " * 26 + "\n    INTO :ls_a FROM t"
    assert text[s.start:s.end] == "SELECT a // the column; not the end\n    INTO :ls_a FROM t"
    assert (type(body[1]), body[1].line) == (m.Assign, 7)


def test_selectblob_and_updateblob():
    body, text = body_of("""
        SELECTBLOB img INTO :lb_img FROM t WHERE id = 1;
        UPDATEBLOB t SET img = :lb_img WHERE id = 1;
        """)
    assert [sql(s, text)[:3] for s in body] == [("selectblob", 5, 5), ("updateblob", 6, 6)]


def test_sql_inside_blocks_keeps_its_lines():
    body, text = body_of("""
        if li = 1 then
            COMMIT USING SQLCA;
        else
            ROLLBACK USING SQLCA;
        end if
        """)
    (s,) = body
    assert [sql(arm.body[0], text) for arm in s.arms] == [
        ("commit", 6, 6, "COMMIT USING SQLCA"), ("rollback", 8, 8, "ROLLBACK USING SQLCA"),
    ]


@pytest.mark.parametrize("source, kind, shape", [
    ("Close(w_main)", "ExprStmt", ("Close", None, ())),
    ("Open(w)", "ExprStmt", ("Open", None, ())),
    ("open (w_child, w_main)", "ExprStmt", ("open", None, ())),
    ("dw_1.Update()", "ExprStmt", ("Update", "dw_1", ())),
    ("li = dw_1.Update(true, false)", "Assign", ("Update", "dw_1", ())),
    ("post Close(this)", "ExprStmt", ("Close", None, ("post",))),
    ("Update()", "ExprStmt", ("Update", None, ())),
    ('Describe("DataWindow.Table.Select")', "ExprStmt", ("Describe", None, ())),
    ("ids.Retrieve()", "ExprStmt", ("Retrieve", "ids", ())),
    ("Commit_Work()", "ExprStmt", ("Commit_Work", None, ())),
])
def test_powerscript_look_alike_is_not_sql(source, kind, shape):
    body, _ = body_of(f"{source}\nCOMMIT;\n")
    call_stmt, commit = body
    assert (type(call_stmt).__name__, call_stmt.line, call_stmt.end_line) == (kind, 5, 5)
    call = call_stmt.expr if kind == "ExprStmt" else call_stmt.value
    target = call.target.name if call.target is not None else None
    assert (call.name, target, call.forms) == shape
    assert (type(commit), commit.kind, commit.line, commit.text) == (m.EmbeddedSql, "commit", 6, "COMMIT")


def test_label_named_like_sql_is_not_sql():
    body, _ = body_of("""
        update-r:
        update-r = 1
        goto update-r
        """)
    assert body == [m.Label(5, 5, "update-r"), body[1], m.Jump(7, 7, "goto", label="update-r")]
    assert (type(body[1]), body[1].line, body[1].target.name, body[1].value.text) == (m.Assign, 6, "update-r", "1")


def test_sql_in_a_variables_block_is_skipped():
    text = ("global type n_x from nonvisualobject\nend type\n\ntype variables\n"
            "string is_a\nDECLARE c1 CURSOR FOR SELECT a FROM t;\nlong il_b\nend variables\n")
    sf = parse_source(decode_bytes(text.encode(), "t.sru"))
    assert sf.diagnostics == []
    assert [(d.name, d.line) for d in sf.variables] == [("is_a", 5), ("il_b", 7)]


def test_datawindow_retrieve_sql():
    text = (
        "$PBExportHeader$d_x.srd\n"
        "release 12;\n"
        "datawindow(units=0 )\n"
        'table(column=(type=long updatewhereclause=yes name=id dbname="t.id" )\n'
        ' retrieve="  SELECT t.id,\n'
        "         t.name\n"
        "    FROM t\n"
        '   WHERE t.name = ~"x~" and t.id = :al_id" arguments=(("al_id", number)) )\n'
    )
    sf = parse_source(decode_bytes(text.encode(), "d_x.srd"))
    assert (sf.scripts, sf.diagnostics, sf.lines) == ([], [], 8)
    (s,) = sf.datawindow_sql
    assert (s.kind, s.line, s.end_line) == ("retrieve", 5, 8)
    assert s.text == '  SELECT t.id,\n         t.name\n    FROM t\n   WHERE t.name = "x" and t.id = :al_id'
    assert text[s.start:s.end] == text[text.index('"  SELECT'):text.index('" arguments') + 1]


def test_datawindow_pbselect():
    text = (
        "release 12;\n"
        'table(column=(type=long name=id dbname="id" )\n'
        ' retrieve="PBSELECT( VERSION(400) TABLE(NAME=~"t~" ) COLUMN(NAME=~"t.id~")) " )\n'
    )
    sf = parse_source(decode_bytes(text.encode(), "d_y.SRD"))
    assert [(s.kind, s.line, s.end_line, s.text) for s in sf.datawindow_sql] == [
        ("pbselect", 3, 3, 'PBSELECT( VERSION(400) TABLE(NAME="t" ) COLUMN(NAME="t.id")) '),
    ]

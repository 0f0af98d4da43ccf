"""Warm runs cost what changed: the stat index spares reading unchanged files, the per-file SQL analysis is
reused while the catalog's names are unchanged, and every answer equals the one without a cache."""
import os
import pickle
from array import array
import shutil

import pytest

from conftest import ANSI, LEGACY, MAIN
from powerfill_nvo import api, pipeline, reader
from powerfill_nvo.cache import ParseCache
from powerfill_nvo.sourcemap import MappedText
from powerfill_nvo.whereused import all_sites
from powerfill_nvo.workers import pool_size

OLD = 1_600_000_000  # a modification time long past: the stat index trusts it


@pytest.fixture
def tree(tmp_path):
    """Copies of three fixtures, last modified long ago."""
    folder = tmp_path / "src"
    folder.mkdir()
    for path in (MAIN, LEGACY, ANSI):
        copy = folder / os.path.basename(path)
        shutil.copyfile(path, copy)
        os.utime(copy, (OLD, OLD))
    return folder


@pytest.fixture
def counted(monkeypatch):
    """How many files the pipeline reads and how many SQL texts it analyzes."""
    counts = {"read": 0, "analyzed": 0}
    read, analyze = reader.read_source, pipeline._analyze_text

    def reading(*args, **kwargs):
        counts["read"] += 1
        return read(*args, **kwargs)

    def analyzing(*args, **kwargs):
        counts["analyzed"] += 1
        return analyze(*args, **kwargs)

    monkeypatch.setattr(reader, "read_source", reading)
    monkeypatch.setattr(pipeline, "_analyze_text", analyzing)
    return counts


def answers(result) -> tuple:
    """Everything the commands show: every site with its line's text, the migrations' calls, the diagnostics."""
    sites = sorted(all_sites(result), key=lambda s: (s.file, s.line, s.kind, s.table or "", s.column))
    return sites, [(a.call.file, a.call.line, a.table, a.column) for a in result.additions], result.diagnostics


def analyze(tree, cache_dir, counted) -> tuple[tuple, dict]:
    counted.update(read=0, analyzed=0)
    result = api.analyze([str(tree)], cache_dir=str(cache_dir))
    reads = dict(counted)
    return answers(result), reads


def insert_line(path, before: str, line: str) -> None:
    """``line`` inserted before the first line holding ``before``; the modification time moved to a new past."""
    text = path.read_bytes().decode("utf-8-sig")
    at = text.index(before)
    at = text.rindex("\n", 0, at) + 1
    path.write_bytes(b"\xef\xbb\xbf" + (text[:at] + line + "\r\n" + text[at:]).encode())
    os.utime(path, (OLD + 100, OLD + 100))


def test_a_warm_run_reads_and_analyzes_nothing_and_answers_the_same(tree, tmp_path, counted):
    cold, cold_counts = analyze(tree, tmp_path / "cache", counted)
    assert cold_counts["read"] == 3 and cold_counts["analyzed"] > 50
    warm, warm_counts = analyze(tree, tmp_path / "cache", counted)
    # the sites' line texts are read from the files holding sites, after the pipeline: not counted here
    assert warm_counts == {"read": 0, "analyzed": 0}
    assert warm == cold == answers(api.analyze([str(tree)], use_cache=False))


def test_an_edit_that_keeps_the_catalog_moves_the_texts_it_moved_and_reanalyzes_only_a_changed_one(
        tree, tmp_path, counted):
    analyze(tree, tmp_path / "cache", counted)
    main = tree / "n_cst_powerfill.sru"
    insert_line(main, "end function", "// a comment moves every later line")
    edited, counts = analyze(tree, tmp_path / "cache", counted)
    assert counts == {"read": 1, "analyzed": 0}  # every text the same but for its lines: its facts moved
    assert edited == answers(api.analyze([str(main.parent)], use_cache=False))  # the lines of the edit
    # the file's analysis was replaced under its path, not added
    text = main.read_bytes().decode("utf-8-sig")
    assert text.count("'retry_cnt'") == 1
    main.write_bytes(b"\xef\xbb\xbf" + text.replace("'retry_cnt'", "'retry_cnx'").encode())
    os.utime(main, (OLD + 200, OLD + 200))
    entries = len(ParseCache(str(tmp_path / "cache")).entries())
    changed, counts = analyze(tree, tmp_path / "cache", counted)
    assert counts == {"read": 1, "analyzed": 1}  # the one text that changed
    assert changed == answers(api.analyze([str(tree)], use_cache=False))
    assert len(ParseCache(str(tmp_path / "cache")).entries()) == entries + 1  # the file's new entry only


def test_moved_facts_are_the_facts_of_the_text_analysed_where_it_moved():
    """Every line of a text's facts moves with the text: a procedure, its refs, definitions, created tables,
    diagnostics."""
    from powerfill_nvo import sql
    from powerfill_nvo.sql.model import moved

    source = ("CREATE PROCEDURE p_fill AS\nBEGIN\n  CREATE TABLE #t (div_by int NULL)\n"
              "  UPDATE pfill_pool SET div_by = 1 WHERE nope.x = 2\n  ALTER TABLE pfill_bx ADD div_by int NULL\nEND\n")
    here, there = (sql.analyze(MappedText.from_source("f.sru", source, line, 5), sql.Catalog()) for line in (10, 13))
    assert here.procedure is not None and here.refs and here.definitions and here.tables_created
    assert here.diagnostics
    shifted = moved(here, 3)
    shifted.procedure.text = there.procedure.text
    assert shifted == there
    assert shifted.procedure.refs == [r for r in shifted.refs if r in shifted.procedure.refs]
    assert here != there  # unchanged


def test_an_edit_that_changes_the_catalog_reanalyzes_every_text(tree, tmp_path, counted):
    cold, counts = analyze(tree, tmp_path / "cache", counted)
    every = counts["analyzed"]
    main = tree / "n_cst_powerfill.sru"
    text = main.read_bytes().decode("utf-8-sig")
    assert "create table pfill_trade_alloc (" in text.lower()
    at = text.lower().index("create table pfill_trade_alloc (") + len("create table pfill_trade_alloc (")
    main.write_bytes(b"\xef\xbb\xbf" + (text[:at] + "new_col int null, " + text[at:]).encode())
    os.utime(main, (OLD + 100, OLD + 100))
    edited, counts = analyze(tree, tmp_path / "cache", counted)
    assert counts == {"read": 1, "analyzed": every}
    assert edited == answers(api.analyze([str(tree)], use_cache=False))
    assert [s.table for s in edited[0] if s.column == "new_col"] == ["pfill_trade_alloc"]


def test_a_file_changed_within_its_timestamp_is_read_again(tree, tmp_path, counted):
    ansi = tree / "n_cst_ansi.sru"
    os.utime(ansi)  # modified now: the same mtime could hide a second change, so it is not trusted
    analyze(tree, tmp_path / "cache", counted)
    _, counts = analyze(tree, tmp_path / "cache", counted)
    assert counts == {"read": 1, "analyzed": 0}
    data = ansi.read_bytes()
    ansi.write_bytes(data.replace(b"pfill", b"PFILL", 1))  # same size, same second
    changed, counts = analyze(tree, tmp_path / "cache", counted)
    assert counts["read"] == 1
    assert changed == answers(api.analyze([str(tree)], use_cache=False))


def test_a_same_size_edit_with_a_new_mtime_is_seen(tree, tmp_path, counted):
    analyze(tree, tmp_path / "cache", counted)
    legacy = tree / "n_cst_pfill_legacy.sru"
    data = legacy.read_bytes()
    at = data.index("d\x00i\x00v\x00_\x00b\x00y\x00".encode("latin-1"))
    legacy.write_bytes(data[:at] + "d\x00i\x00v\x00_\x00b\x00z\x00".encode("latin-1") + data[at + 12:])
    os.utime(legacy, (OLD + 100, OLD + 100))
    edited, counts = analyze(tree, tmp_path / "cache", counted)
    assert counts["read"] == 1
    assert edited == answers(api.analyze([str(tree)], use_cache=False))


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_uses_the_stat_index(tree, tmp_path, counted, jobs):
    assert pool_size(jobs, 3, sum(p.stat().st_size for p in tree.iterdir())) == (0 if jobs == 1 else 2)
    first = api.check([str(tree)], cache_dir=str(tmp_path / "cache"), jobs=jobs)  # workers' stamps are kept
    counted.update(read=0)
    again = api.check([str(tree)], cache_dir=str(tmp_path / "cache"), jobs=1)
    assert counted["read"] == 0
    assert [(f.path, f.encoding, f.lines, len(f.scripts), f.diagnostics) for f in again.files] == \
        [(f.path, f.encoding, f.lines, len(f.scripts), f.diagnostics) for f in first.files]


def test_source_maps_are_stored_as_runs():
    text = MappedText.from_source("f.sru", "select a,\n  b from t", 12, 5)
    text.append_placeholder("?x?", 14)
    stored = pickle.dumps(text)
    assert pickle.loads(stored).__dict__["runs"].tolist() == [10, 12, 5, 10, 13, 1, 3, 14, 0]
    loaded = pickle.loads(stored)
    assert (loaded.lines.tolist(), loaded.cols.tolist()) == (text.lines.tolist(), text.cols.tolist())
    assert loaded == text and loaded.position_runs() is loaded.__dict__["runs"]  # kept, not computed again
    loaded.append("z", [(20, 1)])  # new positions: new runs
    assert loaded.position_runs().tolist() == [10, 12, 5, 10, 13, 1, 3, 14, 0, 1, 20, 1]
    long = MappedText.from_source("f.sru", "x" * 10_000, 1)
    assert len(pickle.dumps(long)) < 10_000 + 300  # the text, not 8 bytes more per character


def test_characters_of_other_files_keep_their_file_through_extend_pickle_and_placing():
    """Two texts whose characters come from other files' scripts (script-relative lines) joined into one of
    ``n_up.sru``: each character keeps its file, the origins merge, the positions survive pickling, and placing
    them once the scripts' first lines are known gives those files' own lines."""
    from powerfill_nvo.sourcemap import FOREIGN_COLS
    own = MappedText.from_source("n_up.sru", "ALTER TABLE ", 9, 10)
    schema = MappedText("n_cst_schema.sru", "bo_account", array("I", [3] * 10), array("I", range(5, 15)))
    schema.cols = array("I", (schema.origin_slot(("n_cst_schema.sru", 1)) + c for c in schema.cols))
    column = MappedText("n_base.sru", " ADD iban_no", array("I", [2] * 12), array("I", range(20, 32)))
    column.cols = array("I", (column.origin_slot(("n_base.sru", -1)) + c for c in column.cols))
    own.extend(schema)
    own.extend(column)
    assert own.origins == (("n_cst_schema.sru", 1), ("n_base.sru", -1))
    assert [own.file_at(i) for i in (0, 12, 22)] == [None, "n_cst_schema.sru", "n_base.sru"]
    assert own.line_span(0, len(own.text)) == (9, 9)  # the text's own lines only
    loaded = pickle.loads(pickle.dumps(own))
    assert (loaded.text, loaded.lines, loaded.cols, loaded.origins) == (own.text, own.lines, own.cols, own.origins)
    placed = own.placed_in_files({"n_cst_schema.sru": [7, 30], "n_base.sru": [12]})
    assert placed.origins == (("n_cst_schema.sru", -1), ("n_base.sru", -1))
    assert [(placed.file_at(i), placed.line_at(i), placed.cols[i] % FOREIGN_COLS) for i in (0, 12, 25)] == \
        [(None, 9, 10), ("n_cst_schema.sru", 32, 5), ("n_base.sru", 2, 23)]  # line 30 + 3 - 1; n_base's as written
    assert placed.placed_in_files({"n_cst_schema.sru": [7, 30]}) is placed  # nothing counted from a script left


def test_sql_rebuilt_for_a_call_follows_the_callee_when_only_the_callee_changed(tmp_path):
    # n_up.sru is unchanged; the text it holds is rebuilt from f_ddl.srf, which changes between the runs.
    folder = tmp_path / "src"
    folder.mkdir()
    header = "global type f_ddl from function_object\nend type\n\nglobal function string f_ddl (string as_t, string as_c);\n"
    (folder / "n_up.sru").write_text(
        "global type n_up from nonvisualobject\nend type\n\npublic function integer of_run ();string ls\n"
        'ls = f_ddl("pfill_pool", "div_by")\nEXECUTE IMMEDIATE :ls;\nreturn 1\nend function\n')

    def definitions(sql_type: str) -> list:
        (folder / "f_ddl.srf").write_text(header + f'return "ALTER TABLE " + as_t + " ADD " + as_c + " {sql_type}"\n'
                                          "end function\n")
        result = api.enumerate_migrations([str(folder)], cache_dir=str(tmp_path / "cache"))
        return [(os.path.basename(m.file), m.line, m.table, m.column, m.definition) for m in result.migrations]

    assert definitions("int NULL") == [("n_up.sru", 5, "pfill_pool", "div_by", "int NULL")]
    assert definitions("varchar(9) NULL") == [("n_up.sru", 5, "pfill_pool", "div_by", "varchar(9) NULL")]


def test_texts_rebuilt_for_calls_in_other_files_follow_an_edit_of_the_caller(tmp_path):
    """The pass across files rebuilds f_ddl_add's text for each call: the caller's edit changes what the
    function's file and the caller's file hold after it, and the warm answer must follow."""
    from test_dataflow import _object

    folder = tmp_path / "src"
    folder.mkdir()
    function = _object(folder, "f_ddl_add",
                       "global function string f_ddl_add (string as_table, string as_column);\n"
                       'return "ALTER TABLE " + as_table + " ADD " + as_column + " int NULL"\n'
                       "end function\n", ancestor="function_object", extension="srf")
    body = ("public function integer of_run ();string ls_sql\n"
            'ls_sql = f_ddl_add("{table}", "div_by")\n'
            "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n")
    caller = _object(folder, "n_up", body.format(table="pfill_pool"))
    for path in (function, caller):
        os.utime(path, (OLD, OLD))
    cache = str(tmp_path / "cache")

    def sites() -> list[tuple]:
        warm = [(s.file, s.line, s.table, s.kind) for s in api.where_used("div_by", [str(folder)], cache_dir=cache)]
        assert warm == [(s.file, s.line, s.table, s.kind)
                        for s in api.where_used("div_by", [str(folder)], use_cache=False)]
        return warm

    assert sites() == [(caller, 8, "pfill_pool", "alter_add")]
    assert sites() == [(caller, 8, "pfill_pool", "alter_add")]  # warm
    _object(folder, "n_up", body.format(table="pfill_bx"))
    os.utime(caller, (OLD + 100, OLD + 100))
    assert sites() == [(caller, 8, "pfill_bx", "alter_add")]
    _object(folder, "n_up", body.replace('f_ddl_add("{table}", "div_by")', "f_ddl_add(is_table, is_column)"))
    os.utime(caller, (OLD + 200, OLD + 200))
    assert [s[:2] for s in sites()] == []  # nothing known to call it with: the function's own text stays


def test_an_edit_that_moves_the_lines_of_values_other_files_read_re_extracts_only_that_file(tmp_path, monkeypatch):
    """n_up reads a constant of n_cst_builder, fills one of its templates and has another evaluated there for
    its arguments: a comment inserted above all three moves their lines, not their texts, so n_up is not
    extracted again and its entry is not stored again; the answers follow the edit as a run without a cache."""
    from test_dataflow import _object

    folder = tmp_path / "src"
    folder.mkdir()
    functions = ("public function string of_tbl (string as_table);"
                 'If Pos(as_table, ".") > 0 Then Return as_table\n'
                 'Return "dbo." + as_table\nend function\n'
                 'public function string of_open (string as_table);Return "CREATE TABLE " + of_tbl(as_table)'
                 ' + " ("\nend function\n'
                 'public function string of_col (string as_name, string as_def);Return as_name + " " + as_def\n'
                 "end function\n")
    builder = _object(folder, "n_cst_builder", functions, 'constant string TBL_POOL = "pfill_pool"\n')
    caller = _object(folder, "n_up",
                     "public function integer of_run ();string ls_sql\n"
                     'ls_sql = inv_b.of_open("pfill_hist") + inv_b.of_col("div_by", "int NULL") + ")"\n'
                     "EXECUTE IMMEDIATE :ls_sql;\n"
                     'ls_sql = "ALTER TABLE " + inv_b.TBL_POOL + " ADD div_by int NULL"\n'
                     "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n",
                     "n_cst_builder inv_b\n")
    for path in (builder, caller):
        os.utime(path, (OLD, OLD))
    cache = tmp_path / "cache"
    done = []

    def counted(step, name):
        def run(source, *args, **kwargs):
            done.append(f"{step.__name__} {os.path.basename(source.path)}")
            return step(source, *args, **kwargs)
        monkeypatch.setattr(name, run)

    from powerfill_nvo import parse
    counted(pipeline.extract, "powerfill_nvo.pipeline.extract")
    counted(parse.parse_source, "powerfill_nvo.parse.parse_source")

    def sites() -> tuple[list[tuple], list[str]]:
        """The sites of div_by with the cache (and the files that run parsed and extracted), checked against
        a run without the cache."""
        done.clear()
        warm = [(s.file, s.line, s.table, s.kind) for s in api.where_used("div_by", [str(folder)], cache_dir=str(cache))]
        steps = sorted(done)
        assert warm == [(s.file, s.line, s.table, s.kind)
                        for s in api.where_used("div_by", [str(folder)], use_cache=False, jobs=1)]
        return warm, steps

    expected = [(caller, 9, "pfill_hist", "create_table"), (caller, 11, "pfill_pool", "alter_add")]
    # n_up extracted again with the values it reads; each file parsed once (its bodies kept for extracting it
    # again and for the answers)
    assert sites() == (expected, ["extract n_cst_builder.sru", "extract n_up.sru", "extract n_up.sru",
                                  "parse_source n_cst_builder.sru", "parse_source n_up.sru"])
    assert sites() == (expected, [])  # warm
    entries = {path for path, _ in ParseCache(str(cache)).entries()}
    _object(folder, "n_cst_builder", "// a comment moves every later line\n" + functions,
            'constant string TBL_POOL = "pfill_pool"\n')
    os.utime(builder, (OLD + 100, OLD + 100))
    assert sites() == (expected, ["extract n_cst_builder.sru", "parse_source n_cst_builder.sru"])
    added = {path for path, _ in ParseCache(str(cache)).entries()} - entries
    stored = sorted(type(pickle.loads(open(path, "rb").read())[4]).__name__ for path in added)
    # the builder's entry and the answers its of_open gave for n_up's arguments (the SQL analysis of its texts
    # is replaced under its path, its facts moved): nothing of n_up's
    assert stored == ["Answers", "FileEntry"]


def test_after_an_edit_the_index_reads_only_the_edited_file_for_its_line_texts(tree, tmp_path, counted):
    """where-used builds its index again after an edit: the line texts of the unchanged files' sites come
    from the cache (an entry per file content), so only the edited file is read."""
    def where_used() -> list[tuple]:
        counted.update(read=0)
        sites = api.where_used("div_by", [str(tree)], cache_dir=str(tmp_path / "cache"))
        return [(os.path.basename(s.file), s.line, s.kind, s.text) for s in sites]

    cold = where_used()
    files_with_sites = {site[0] for site in cold}
    assert files_with_sites == {"n_cst_powerfill.sru", "n_cst_pfill_legacy.sru"}
    assert counted["read"] == 3
    main = tree / "n_cst_powerfill.sru"
    insert_line(main, "end function", "// a comment moves every later line")
    edited = where_used()
    assert counted["read"] == 1  # the edited file; the others' line texts from the cache
    assert edited == [(os.path.basename(s.file), s.line, s.kind, s.text)
                      for s in api.where_used("div_by", [str(tree)], use_cache=False)]
    assert edited != cold  # the edited file's sites moved
    assert [s for s in edited if s[0] != "n_cst_powerfill.sru"] == [s for s in cold if s[0] != "n_cst_powerfill.sru"]


def test_a_planted_line_texts_entry_is_ignored_and_the_file_read(tree, tmp_path, counted, capsys):
    from powerfill_nvo.siteindex import LineTexts

    cache_dir = str(tmp_path / "cache")
    cold = api.where_used("div_by", [str(tree)], cache_dir=cache_dir)
    legacy = reader.read_source(tree / "n_cst_pfill_legacy.sru")
    cache = ParseCache(cache_dir)
    key = ("line texts", legacy.sha256, legacy.encoding)
    assert isinstance(cache.get(key, LineTexts), LineTexts)
    cache.put(key, LineTexts({line: 7 for line in cache.get(key, LineTexts).lines}))  # not texts
    insert_line(tree / "n_cst_powerfill.sru", "end function", "// a comment moves every later line")
    counted.update(read=0)
    edited = api.where_used("div_by", [str(tree)], cache_dir=cache_dir)
    assert "is not a valid nvo-scan entry (a int where a str belongs): ignored" in capsys.readouterr().err
    assert counted["read"] == 2  # the edited file, and the file whose entry was not valid
    assert [(s.file, s.line, s.text) for s in edited if "legacy" in s.file] == \
        [(s.file, s.line, s.text) for s in cold if "legacy" in s.file]
    stored = ParseCache(cache_dir).get(key, LineTexts).lines  # stored again, read from the file
    assert {s.line: s.text for s in edited if "legacy" in s.file}.items() <= stored.items()


def test_an_edit_that_moves_the_lines_of_sql_a_function_builds_for_another_file_re_extracts_only_that_file(
        tmp_path, monkeypatch):
    """n_up has n_cst_runner's of_add build and run SQL from its arguments (an answer of kind walk): the text
    runs at a line of n_cst_runner, which where-used shows (``via``). A comment inserted above the function moves
    that line: n_up is not extracted or stored again, and the line shown is the one grep -n finds."""
    from powerfill_nvo import parse
    from test_dataflow import _object

    folder = tmp_path / "src"
    folder.mkdir()
    functions = ("public function integer of_add (string as_table, string as_column);string ls_sql\n"
                 'ls_sql = "ALTER TABLE " + as_table + " ADD " + as_column + " int NULL"\n'
                 "If as_table <> \"\" Then\n"
                 "   EXECUTE IMMEDIATE :ls_sql;\n"
                 "End If\n"
                 "return 1\nend function\n")
    runner = _object(folder, "n_cst_runner", functions)
    caller = _object(folder, "n_up", "public function integer of_run ();\n"
                                     'inv_r.of_add("pfill_pool", "div_by")\nreturn 1\nend function\n',
                     "n_cst_runner inv_r\n")
    for path in (runner, caller):
        os.utime(path, (OLD, OLD))
    cache = tmp_path / "cache"
    done = []

    def counting(step, name):
        def run(source, *args, **kwargs):
            done.append(f"{step.__name__} {os.path.basename(source.path)}")
            return step(source, *args, **kwargs)
        monkeypatch.setattr(name, run)

    counting(pipeline.extract, "powerfill_nvo.pipeline.extract")
    counting(parse.parse_source, "powerfill_nvo.parse.parse_source")

    def sites() -> tuple[list[tuple], list[str]]:
        done.clear()
        warm = [(s.file, s.line, s.table, s.kind, s.via)
                for s in api.where_used("div_by", [str(folder)], cache_dir=str(cache))]
        steps = sorted(done)
        assert warm == [(s.file, s.line, s.table, s.kind, s.via)
                        for s in api.where_used("div_by", [str(folder)], use_cache=False, jobs=1)]
        return warm, steps

    def expected(execute_line: int) -> list[tuple]:
        assert open(runner).read().splitlines()[execute_line - 1].strip() == "EXECUTE IMMEDIATE :ls_sql;"
        return [(caller, 9, "pfill_pool", "alter_add", f"EXECUTE IMMEDIATE at {runner}:{execute_line}")]

    assert sites() == (expected(10), ["extract n_cst_runner.sru", "extract n_up.sru", "extract n_up.sru",
                                      "parse_source n_cst_runner.sru", "parse_source n_up.sru"])
    assert sites() == (expected(10), [])  # warm
    entries = {path for path, _ in ParseCache(str(cache)).entries()}
    _object(folder, "n_cst_runner", "// a comment moves every later line\n" + functions)
    os.utime(runner, (OLD + 100, OLD + 100))
    assert sites() == (expected(11), ["extract n_cst_runner.sru", "parse_source n_cst_runner.sru"])
    added = {path for path, _ in ParseCache(str(cache)).entries()} - entries
    stored = sorted(type(pickle.loads(open(path, "rb").read())[4]).__name__ for path in added)
    assert stored == ["Answers", "FileEntry"]  # the runner's entry and its answer: nothing of n_up's

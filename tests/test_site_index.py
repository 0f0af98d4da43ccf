"""where-used's index of a run: a query on unchanged sources reads it alone (no file, no pipeline), answers
byte for byte as without a cache, follows an edit of a file that gives another file a value or a template,
and ignores a planted or foreign part with a warning."""
import os
import shutil

import pytest
from click.testing import CliRunner

from conftest import ANSI, LEGACY, MAIN
from test_dataflow import _object
from powerfill_nvo import api, pipeline, reader
from powerfill_nvo.cache import ParseCache
from powerfill_nvo.cli import main
from powerfill_nvo.siteindex import IndexHead, run_key

OLD = 1_600_000_000  # a modification time long past: the stat index trusts it


def aged(*paths, at: int = OLD) -> None:
    for path in paths:
        os.utime(path, (at, at))


@pytest.fixture
def tree(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for path in (MAIN, LEGACY, ANSI):
        shutil.copyfile(path, folder / os.path.basename(path))
        aged(folder / os.path.basename(path))
    return folder


def no_pipeline(monkeypatch) -> None:
    """Any run of the pipeline or read of a file fails from now on."""
    def refuse(*args, **kwargs):
        raise AssertionError("the pipeline ran")
    monkeypatch.setattr(pipeline, "run_pipeline", refuse)
    monkeypatch.setattr(reader, "read_source", refuse)


def where_used(*args: str):
    result = CliRunner().invoke(main, ["where-used", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("options", [["--format", "json"], ["--format", "csv"], ["--table", "pfill_pool"],
                                     ["--table", "no_such_table"]])
def test_a_warm_query_reads_only_the_index_and_answers_byte_for_byte(tree, tmp_path, monkeypatch, options):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    expected = where_used("div_by", str(tree), "--no-cache", *options)
    assert expected[0] == 0 and "div_by" in expected[1]
    assert where_used("div_by", str(tree), *cache, *options) == expected  # cold: the index is stored
    with monkeypatch.context() as patched:
        no_pipeline(patched)
        assert where_used("div_by", str(tree), *cache, *options) == expected


def test_an_unknown_column_says_the_closest_from_the_index(tree, tmp_path, monkeypatch):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    expected = where_used("div_bz", str(tree), "--no-cache")
    assert expected == (0, "div_bz: no site found (did you mean div_by?)\n", "")
    assert where_used("div_bz", str(tree), *cache) == expected
    any_case = where_used("DIV_BY", str(tree), "--no-cache", "--format", "json")
    no_pipeline(monkeypatch)
    assert where_used("div_bz", str(tree), *cache) == expected
    assert where_used("DIV_BY", str(tree), *cache, "--format", "json") == any_case


def sites(folder, cache, column: str = "div_by") -> list[tuple]:
    found = [(os.path.basename(s.file), s.line, s.table, s.kind, s.text)
             for s in api.where_used(column, [str(folder)], cache_dir=str(cache))]
    assert found == [(os.path.basename(s.file), s.line, s.table, s.kind, s.text)
                     for s in api.where_used(column, [str(folder)], use_cache=False)]
    return found


def test_an_edit_of_the_file_giving_a_template_changes_the_callers_answer(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    header = "global function string f_ddl (string as_t, string as_c);\n"

    def template(sql: str) -> None:
        _object(folder, "f_ddl", header + f"return {sql}\nend function\n", ancestor="function_object",
                extension="srf")
        aged(folder / "f_ddl.srf", at=OLD + len(sql))

    template('"ALTER TABLE " + as_t + " ADD " + as_c + " int NULL"')
    caller = _object(folder, "n_up", "public function integer of_run ();string ls\n"
                                     'ls = f_ddl("pfill_pool", "div_by")\nEXECUTE IMMEDIATE :ls;\n'
                                     "return 1\nend function\n")
    aged(caller)
    cache = tmp_path / "cache"
    line = ("n_up.sru", 8, "pfill_pool", "alter_add", 'ls = f_ddl("pfill_pool", "div_by")')
    assert sites(folder, cache) == [line]
    assert sites(folder, cache) == [line]  # from the index
    template('"ALTER TABLE " + as_t + "_hist ADD " + as_c + " int NULL"')  # only the template's file changes
    assert sites(folder, cache) == [("n_up.sru", 8, "pfill_pool_hist", "alter_add", line[4])]


def test_an_edit_of_the_object_giving_a_constant_changes_the_readers_answer(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()

    def constant(table: str) -> None:
        _object(folder, "n_cst_const", "", f'constant string TBL_POOL = "{table}"\n')
        aged(folder / "n_cst_const.sru", at=OLD + len(table))

    constant("pfill_pool")
    reader = _object(folder, "n_up", "public function integer of_run ();string ls_sql\n"
                                     'ls_sql = "ALTER TABLE " + inv_c.TBL_POOL + " ADD div_by int NULL"\n'
                                     "EXECUTE IMMEDIATE :ls_sql;\nreturn 1\nend function\n", "n_cst_const inv_c\n")
    aged(reader)
    cache = tmp_path / "cache"
    assert [s[:4] for s in sites(folder, cache)] == [("n_up.sru", 9, "pfill_pool", "alter_add")]
    assert [s[:4] for s in sites(folder, cache)] == [("n_up.sru", 9, "pfill_pool", "alter_add")]
    constant("pfill_trade")
    assert [s[:4] for s in sites(folder, cache)] == [("n_up.sru", 9, "pfill_trade", "alter_add")]


def index_key(tree, cache_dir) -> tuple[ParseCache, tuple, str]:
    cache = ParseCache(str(cache_dir))
    run = run_key(cache, [str(p) for p in sorted(tree.iterdir())], None, None, None)
    assert run is not None
    return cache, *run


def test_a_planted_site_is_ignored_with_a_warning_and_the_answer_computed_again(tree, tmp_path):
    cache_dir = tmp_path / "cache"
    expected = where_used("div_by", str(tree), "--no-cache", "--format", "json")
    where_used("div_by", str(tree), "--cache-dir", str(cache_dir))
    cache, key, digest = index_key(tree, cache_dir)
    head = cache.get(key, IndexHead)
    assert head is not None and head.digest == digest and head.buckets == 1 and "pfill_pool" in head.tables
    bucket = cache.get(key + (0,), tuple)[1]
    planted = [(row[0], "9", *row[2:]) for row in bucket["div_by"]]  # a line that is not a number
    cache.put(key + (0,), (digest, {**bucket, "div_by": planted}))
    code, out, err = where_used("div_by", str(tree), "--cache-dir", str(cache_dir), "--format", "json")
    assert (code, out) == expected[:2]
    assert err == (f"nvo-scan: warning: cache entry {cache.entry_path(key + (0,))} is not a valid nvo-scan entry "
                   f"(a site that is not one: {planted[0]!r:.80}): ignored\n")
    assert where_used("div_by", str(tree), "--cache-dir", str(cache_dir), "--format", "json") == expected  # stored again


def test_a_foreign_head_is_ignored_with_a_warning(tree, tmp_path):
    cache_dir = tmp_path / "cache"
    expected = where_used("div_by", str(tree), "--no-cache")
    where_used("div_by", str(tree), "--cache-dir", str(cache_dir))
    cache, key, digest = index_key(tree, cache_dir)
    head = cache.get(key, IndexHead)
    cache.put(key, IndexHead(digest, head.notes, [1, 2], head.columns, head.buckets))  # tables that are not names
    code, out, err = where_used("div_by", str(tree), "--cache-dir", str(cache_dir))
    assert (code, out) == expected[:2]
    assert err == (f"nvo-scan: warning: cache entry {cache.entry_path(key)} is not a valid nvo-scan entry "
                   "(a int where a str belongs): ignored\n")
    cache.put(key, ["not", "a", "head"])
    assert where_used("div_by", str(tree), "--cache-dir", str(cache_dir))[2] == (
        f"nvo-scan: warning: cache entry {cache.entry_path(key)} is not a valid nvo-scan entry (holds a list "
        "where a IndexHead belongs): ignored\n")


def entry_files(directory) -> dict[str, int]:
    return {os.path.join(root, n): os.path.getsize(os.path.join(root, n))
            for root, _, names in os.walk(directory) for n in names}


def test_the_index_is_smaller_than_the_entries_it_combines_and_an_edit_replaces_it(tree, tmp_path):
    cache_dir = tmp_path / "cache"
    where_used("div_by", str(tree), "--cache-dir", str(cache_dir))
    cache, key, digest = index_key(tree, cache_dir)
    index = [cache.entry_path(key)] + [cache.entry_path(key + (n,)) for n in range(cache.get(key, IndexHead).buckets)]
    before = entry_files(cache_dir)
    assert set(index) <= set(before)
    assert sum(before[p] for p in index) < sum(size for p, size in before.items() if p not in index) / 2
    main = tree / "n_cst_powerfill.sru"
    main.write_bytes(main.read_bytes().replace(b"end function", b"// edited\r\nend function", 1))
    aged(main, at=OLD + 100)
    assert where_used("div_by", str(tree), "--cache-dir", str(cache_dir)) == \
        where_used("div_by", str(tree), "--no-cache")
    new = set(entry_files(cache_dir)) - set(before)
    assert len(new) == 2  # the edited file's parse and SQL entries: the stat index and the index rewritten in place
    _, same_key, new_digest = index_key(tree, cache_dir)
    assert (same_key, cache.get(key, IndexHead).digest) == (key, new_digest) and new_digest != digest

"""The per-file cache: a directory nobody else can write, entries checked before use, a size cap with LRU
eviction, ``nvo-scan cache info|clear``."""
import json
import os
import pickle
import stat

import pytest
from click.testing import CliRunner, Result

from powerfill_nvo.cache import MAGIC, FORMAT, CacheError, ParseCache, parse_size, size_limit
from powerfill_nvo.cli import main
from powerfill_nvo.pipeline import FileEntry
from powerfill_nvo.siteindex import IndexHead

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "fixtures", "n_cst_powerfill.sru")


def run(*args: str, env: dict | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def div_by_sites(cache_dir, *extra: str) -> tuple[Result, list[tuple]]:
    result = run("where-used", "div_by", FIXTURE, "--format", "json", "--cache-dir", str(cache_dir), *extra)
    data = json.loads(result.stdout) if result.exit_code == 0 else {"sites": []}
    return result, [(s["line"], s["table"], s["kind"]) for s in data["sites"]]


@pytest.fixture(scope="module")
def expected() -> list[tuple]:
    """The sites without any cache."""
    result = run("where-used", "div_by", FIXTURE, "--format", "json", "--no-cache")
    return [(s["line"], s["table"], s["kind"]) for s in json.loads(result.stdout)["sites"]]


def entry_files(directory) -> list[str]:
    return sorted(os.path.join(root, name) for root, _, names in os.walk(directory) for name in names)


def read_without_the_stat_index(directory) -> list[str]:
    """The entries a run reads when the stat index is rejected: all but where-used's index of the run (its
    head and its buckets of sites), whose key comes from the stat index."""
    def index_part(value) -> bool:
        return isinstance(value, IndexHead) or isinstance(value, tuple) and len(value) == 2 and \
            isinstance(value[1], dict)

    read = []
    for path in entry_files(directory):
        with open(path, "rb") as f:
            if not index_part(pickle.load(f)[4]):
                read.append(path)
    return read


def test_the_directory_and_its_shards_are_created_mode_700(tmp_path, expected):
    store = tmp_path / "deep" / "cache"
    result, sites = div_by_sites(store)
    assert (result.exit_code, result.stderr, sites) == (0, "", expected)
    assert stat.S_IMODE(os.stat(store).st_mode) == 0o700
    shards = [os.path.dirname(p) for p in entry_files(store)]
    assert shards and {stat.S_IMODE(os.stat(s).st_mode) for s in shards} == {0o700}
    assert {stat.S_IMODE(os.stat(p).st_mode) for p in entry_files(store)} == {0o600}


def test_a_directory_others_can_write_is_not_used(tmp_path, expected):
    store = tmp_path / "cache"
    store.mkdir()
    store.chmod(0o777)
    result, sites = div_by_sites(store)
    assert (result.exit_code, sites) == (0, expected)
    assert result.stderr == (f"nvo-scan: warning: cache directory {store} can be written by another user "
                             "(mode 777): ignored, running without the cache\n")
    assert os.listdir(store) == []  # nothing read from it, nothing written to it


def test_an_entry_others_can_write_is_ignored(tmp_path, expected):
    store = tmp_path / "cache"
    div_by_sites(store)
    read = read_without_the_stat_index(store)
    for entry in entry_files(store):
        os.chmod(entry, 0o666)
    result, sites = div_by_sites(store)
    assert (result.exit_code, sites) == (0, expected)
    assert sorted(result.stderr.splitlines()) == [
        f"nvo-scan: warning: cache entry {entry} can be written by another user (mode 666): ignored"
        for entry in read]


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_of_another_user_is_ignored(tmp_path, expected):
    store = tmp_path / "cache"
    div_by_sites(store)
    read = read_without_the_stat_index(store)
    for entry in entry_files(store):
        os.chown(entry, 4321, -1)
    result, sites = div_by_sites(store)
    assert (result.exit_code, sites) == (0, expected)
    assert sorted(result.stderr.splitlines()) == [
        f"nvo-scan: warning: cache entry {entry} can be written by another user (owned by uid 4321): ignored"
        for entry in read]


def plant(directory, value) -> list[str]:
    """Every entry of ``directory`` replaced by ``value`` pickled (mode 600, ours: only the content is wrong)."""
    entries = entry_files(directory)
    for path in entries:
        with open(path, "wb") as f:
            f.write(value if isinstance(value, bytes) else pickle.dumps(value))
    return entries


def test_a_planted_pickle_of_the_wrong_type_is_ignored_with_a_warning(tmp_path, expected):
    store = tmp_path / "cache"
    div_by_sites(store)
    read = read_without_the_stat_index(store)
    plant(store, {"sites": []})
    result, sites = div_by_sites(store)
    assert (result.exit_code, sites) == (0, expected)  # not exit 3, not "no site found"
    assert sorted(result.stderr.splitlines()) == [
        f"nvo-scan: warning: cache entry {path} is not a valid nvo-scan entry (holds a dict, not an nvo-scan "
        "entry): ignored" for path in read]


def test_a_planted_entry_holding_the_wrong_class_or_field_is_ignored(tmp_path, expected):
    store = tmp_path / "cache"
    div_by_sites(store)
    salt = ParseCache(str(store)).salt
    wrong_field = FileEntry(file="not a parse", extraction=None, definitions=[])
    read = read_without_the_stat_index(store)
    for value, reason in [((MAGIC, FORMAT, salt, "0" * 64, []), "stored under another key"),
                          ((MAGIC, FORMAT + 1, salt, "0" * 64, []), "written by another version of nvo-scan")]:
        plant(store, value)
        result, sites = div_by_sites(store)
        assert (result.exit_code, sites) == (0, expected)
        assert f"nvo-scan: warning: cache entry {read[0]} is not a valid nvo-scan entry ({reason}): ignored\n" \
            in result.stderr
    # the right key, the wrong contents: each entry's own key is needed, so plant through the cache itself
    parse_cache = ParseCache(str(tmp_path / "direct"))
    parse_cache.put(("k",), wrong_field)
    warnings = []
    parse_cache.warn = warnings.append
    assert parse_cache.get(("k",), FileEntry) is None
    assert warnings == [f"cache entry {parse_cache._path(('k',))} is not a valid nvo-scan entry "
                        "(its file is a str): ignored"]
    parse_cache.put(("k",), [1, 2])
    warnings.clear()
    assert parse_cache.get(("k",), FileEntry) is None
    assert warnings == [f"cache entry {parse_cache._path(('k',))} is not a valid nvo-scan entry "
                        "(holds a list where a FileEntry belongs): ignored"]


def test_a_planted_pickle_cannot_run_code(tmp_path, expected):
    store = tmp_path / "cache"
    div_by_sites(store)
    witness = tmp_path / "ran"

    class Exploit:
        def __reduce__(self):
            return os.system, (f"touch {witness}",)

    read = read_without_the_stat_index(store)
    plant(store, pickle.dumps(Exploit()))
    result, sites = div_by_sites(store)
    assert (result.exit_code, sites) == (0, expected)
    assert not witness.exists()
    assert (f"nvo-scan: warning: cache entry {read[0]} is not a valid nvo-scan entry (UnpicklingError: "
            f"{os.system.__module__}.system is not a class nvo-scan stores): ignored\n") in result.stderr


def test_sizes_and_their_precedence(tmp_path, monkeypatch):
    assert [parse_size(v, "x") for v in ("1GB", "500 MB", "2g", "1048576", "1.5k")] == [
        1 << 30, 500 << 20, 2 << 30, 1048576, 1536]
    with pytest.raises(CacheError, match=r"^cache_size: '12x' is not a cache size \(e.g. 1GB, 500MB, 1048576\)$"):
        parse_size("12x", "cache_size")
    monkeypatch.delenv("NVO_SCAN_CACHE_SIZE", raising=False)
    assert size_limit(None, None) == 1 << 30
    assert size_limit(None, "2MB") == 2 << 20
    monkeypatch.setenv("NVO_SCAN_CACHE_SIZE", "3MB")
    assert size_limit(None, "2MB") == 3 << 20
    assert size_limit("4MB", "2MB") == 4 << 20
    (tmp_path / "nvo-scan.toml").write_text('cache_size = "many"\n')
    monkeypatch.chdir(tmp_path)
    result = run("cache", "info", "--cache-dir", str(tmp_path / "c"))
    assert (result.exit_code, result.stderr) == (
        2, f"nvo-scan: {tmp_path / 'nvo-scan.toml'}: cache_size: 'many' is not a cache size (e.g. 1GB, 500MB, "
           "1048576)\n")


def test_least_recently_used_entries_are_evicted_over_the_cap(tmp_path):
    store = ParseCache(str(tmp_path / "c"), max_bytes=10_000)
    for name in ("old", "middle", "new"):
        store.put((name,), "x" * 4000)
    for age, name in enumerate(("new", "middle", "old")):
        os.utime(store._path((name,)), ns=(10**18 - age * 10**12,) * 2)
    store.close()  # over 10,000 bytes after writing: the least recently used go first
    assert [os.path.exists(store._path((n,))) for n in ("old", "middle", "new")] == [False, True, True]
    assert store.get(("middle",), str) == "x" * 4000


def test_eviction_runs_after_a_command_with_cache_size(tmp_path, expected):
    store = tmp_path / "cache"
    result, sites = div_by_sites(store, "--cache-size", "1KB")
    assert (result.exit_code, sites) == (0, expected)
    kept = entry_files(store)
    assert sum(map(os.path.getsize, kept)) <= 1024  # what is left fits: only the small stat index
    assert [os.path.getsize(p) < 1024 for p in kept] == [True]


def test_cache_info_and_clear(tmp_path):
    store = tmp_path / "cache"
    div_by_sites(store)
    (store / "notes.txt").write_text("not ours")
    entries = [p for p in entry_files(store) if not p.endswith("notes.txt")]
    sizes = sum(map(os.path.getsize, entries))
    # the file's parse, its SQL analysis, the stat index, where-used's index (2 parts) and its sites' line texts
    assert len(entries) == 6
    info = run("cache", "info", "--cache-dir", str(store))
    assert info.exit_code == 0
    lines = info.stdout.splitlines()
    assert lines[:3] == [f"directory  {store}", "entries    6",
                         f"size       {size_text(sizes)} (limit 1.0 GB)"]
    assert lines[3].startswith("last used  ") and len(lines) == 4
    cleared = run("cache", "clear", "--cache-dir", str(store))
    assert (cleared.exit_code, cleared.stdout) == (0, f"removed 6 cache entries ({size_text(sizes)}) "
                                                      f"from {store}\n")
    assert os.listdir(store) == ["notes.txt"]  # only our files are removed
    assert run("cache", "info", "--cache-dir", str(store)).stdout == (
        f"directory  {store}\nentries    0\nsize       0 bytes (limit 1.0 GB)\n")


def size_text(count: int) -> str:
    return f"{count / 1024:.1f} KB" if count < 1 << 20 else f"{count / (1 << 20):.1f} MB"


def test_clear_refuses_a_directory_others_can_write(tmp_path):
    store = tmp_path / "cache"
    store.mkdir()
    store.chmod(0o777)
    result = run("cache", "clear", "--cache-dir", str(store))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"nvo-scan: warning: cache directory {store} can be written by another user "
                             f"(mode 777): ignored, running without the cache\n"
                             f"nvo-scan: cache directory {store} not cleared (see above)\n")


@pytest.mark.parametrize("command", [["where-used", "div_by", FIXTURE], ["check", FIXTURE],
                                     ["cache", "info"], ["cache", "clear"]])
def test_an_empty_cache_dir_is_refused(command):
    result = run(*command, "--cache-dir", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("nvo-scan: --cache-dir: an empty path names no directory (leave the option out for "
                             "~/.cache/nvo-scan, or use --no-cache)\n")
    with pytest.raises(CacheError):
        ParseCache("")

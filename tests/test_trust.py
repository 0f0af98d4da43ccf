"""Answers a reviewer can trust: phase states, the seed's question in one command, no silent zeros, names
that are paths, terminal tables that fit, output order and shape, and the safety of the user's files."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil

import pytest
from click.testing import CliRunner, Result

from conftest import ANSI, EXISTING, FIXTURES, MAIN, PHASES
from powerfill_nvo import api
from powerfill_nvo.cli import main
from powerfill_nvo.views.table import render_table, shorten_left, wants_colour

#: The 6a migrations of n_cst_powerfill.sru's lines 170-240, as (table, column).
SEED_6A = [("pfill_pool", "div_by"), ("pfill_pool", "pool_status"), ("pfill_pool", "settle_date"),
           ("pfill_bx", "div_by"), ("pfill_bx", "div_by_override"), ("pfill_bx", "bx_seq"),
           ("pfill_bx", "price_src"), ("pfill_bx", "last_px_dt"), ("pfill_run_log", "rows_done")]


def run(*args: str, columns: int = 200, **env: str) -> Result:
    return CliRunner(env={"COLUMNS": str(columns), **env}).invoke(main, [*args, "--no-cache"]
                                                                  if args[0] != "-h" else list(args))


@pytest.fixture
def repo_cwd(monkeypatch):
    monkeypatch.chdir(FIXTURES.parent)


def sql_columns(sql: str) -> list[tuple[str, str]]:
    return re.findall(r"ALTER TABLE dbo\.(\w+) ADD (\w+) ", sql)


# ------------------------------------------------------------------ 1. phase semantics
def test_a_phases_file_typo_makes_unphased_rows_and_a_warning_with_the_closest_name(tmp_path):
    phases = tmp_path / "phases.toml"
    phases.write_text('6a = ["psp_pfill_bx_setle_and_price"]\n6b = ["psp_pfill_pool_allocate"]\n')
    result = run("enumerate-migrations", MAIN, "--phases", str(phases), "--format", "json")
    assert result.exit_code == 0
    warning = (f"{phases}: phase 6a: procedure psp_pfill_bx_setle_and_price is not defined in the scanned "
               "sources; did you mean psp_pfill_bx_settle_and_price?")
    assert result.stderr == f"nvo-scan: warning: {warning}\n"
    data = json.loads(result.stdout)
    assert data["warnings"] == [warning]
    assert data["phases"] == ["6a", "6b", "unphased", "embedded-only", "unreferenced"]
    by_line = {m["line"]: m for m in data["migrations"]}
    assert (by_line[184]["phase"], by_line[184]["used_by"]) == ("unphased", ["psp_pfill_bx_settle_and_price"])
    assert by_line[174]["phase"] == "6b"
    assert (by_line[175]["phase"], by_line[175]["used_outside"]) == ("embedded-only", [f"{MAIN}:1170",
                                                                                       f"{MAIN}:1171"])
    assert (by_line[178]["phase"], by_line[178]["used_by"], by_line[178]["used_outside"]) == ("unreferenced", [], [])


def test_phases_keep_the_files_order_in_the_table_view(tmp_path):
    phases = tmp_path / "phases.toml"
    phases.write_text('7 = ["psp_pfill_cash_trade_sync"]\n6b = ["psp_pfill_pool_allocate"]\n'
                      '6a = ["psp_pfill_bx_settle_and_price"]\n')
    result = run("enumerate-migrations", MAIN, "--phases", str(phases))
    assert "by phase: 7 10, 6b 5, 6a 4, unphased 0, embedded-only 7, unreferenced 7" in result.stdout.splitlines()


# ------------------------------------------------------------------ 2. the seed's question
def test_seed_question_gives_exactly_the_6a_blocks_in_the_range(repo_cwd):
    result = run("enumerate-migrations", "fixtures/n_cst_powerfill.sru", "--phases", "fixtures/phases.toml",
                 "--lines", "170-240", "--phase", "6a", "--format", "sql")
    assert result.exit_code == 0
    assert sql_columns(result.stdout) == SEED_6A
    assert "CREATE TABLE" not in result.stdout and "-- TODO" not in result.stdout


def test_upto_and_repeated_phase(repo_cwd):
    upto = run("enumerate-migrations", "fixtures/n_cst_powerfill.sru", "--phases", "fixtures/phases.toml",
               "--lines", "170-240", "--upto", "6b", "--format", "json")
    assert {m["phase"] for m in json.loads(upto.stdout)["migrations"]} == {"6a", "6b"}
    both = run("enumerate-migrations", "fixtures/n_cst_powerfill.sru", "--phases", "fixtures/phases.toml",
               "--phase", "6b", "--phase", "unreferenced", "--format", "json")
    rows = json.loads(both.stdout)["migrations"]
    assert [(m["line"], m["phase"]) for m in rows] == [
        (174, "6b"), (178, "unreferenced"), (203, "unreferenced"), (212, "unreferenced"), (222, "unreferenced"),
        (223, "6b"), (224, "6b"), (230, "unreferenced"), (245, "unreferenced"), (260, "unreferenced"),
        (309, "6b")]


def test_an_unknown_phase_is_a_usage_error_with_the_closest_name(repo_cwd):
    result = run("enumerate-migrations", "fixtures/n_cst_powerfill.sru", "--phases", "fixtures/phases.toml",
                 "--phase", "6c")  # as close to 6a as to 6b: difflib picks one
    assert result.exit_code == 2
    assert result.stderr == ("nvo-scan: no phase 6c in the phases file (did you mean 6b?); its phases are 6a, 6b, 7, "
                             "unphased, embedded-only, unreferenced\n")
    no_file = run("enumerate-migrations", "fixtures/n_cst_powerfill.sru", "--upto", "6a")
    assert no_file.exit_code == 2
    assert no_file.stderr == ("nvo-scan: --phase and --upto need a phases file (--phases F.toml or phases = in "
                              "nvo-scan.toml)\n")


@pytest.mark.parametrize("name", ["pfill_pool", "dbo.pfill_pool", "[dbo].[pfill_pool]", "PFILL_POOL"])
def test_table_accepts_schema_qualified_and_bracketed_names(name):
    result = run("enumerate-migrations", MAIN, "--table", name, "--format", "json")
    assert [m["column"] for m in json.loads(result.stdout)["migrations"]] == [
        "div_by", "pool_status", "settle_date", "max_upb", "coupon_rate", "agency_code", "pool_type"]
    assert result.stderr == ""


def test_a_table_of_another_schema_matches_nothing_and_says_so():
    result = run("enumerate-migrations", MAIN, "--table", "other.pfill_pool")
    assert result.exit_code == 0
    assert result.stderr == ("nvo-scan: --table other.pfill_pool matches no table of the scanned sources "
                             "(did you mean pfill_pool?)\n")
    assert result.stdout.splitlines()[0] == "0 migrations, 0 unresolved"
    typo = run("where-used", "div_by", MAIN, "--table", "pfill_pol")
    assert typo.stderr.splitlines()[0] == ("nvo-scan: --table pfill_pol matches no table of the scanned sources "
                                           "(did you mean pfill_pool?)")


# ------------------------------------------------------------------ 3. no silent zeros
@pytest.fixture
def undecodable(tmp_path):
    path = tmp_path / "bad.sru"
    path.write_bytes(b"A\x81B")  # 0x81 is not a cp1252 character (read with --encoding cp1252)
    return path


def test_an_undecodable_file_stops_the_command_with_exit_2(undecodable):
    result = run("enumerate-migrations", ANSI, str(undecodable), "--encoding", "cp1252")
    assert result.exit_code == 2
    assert result.stdout == ""
    first, last = result.stderr.splitlines()
    assert first.startswith(f"nvo-scan: {undecodable}: cannot decode as cp1252: byte 0x81 at offset 1 (line 1)")
    assert last == ("nvo-scan: 1 file could not be read; nothing was written (--keep-going goes on without them, "
                    "exit code 1)")


def test_keep_going_writes_the_rest_and_exits_1(undecodable):
    result = run("where-used", "pool_label", ANSI, str(undecodable), "--keep-going", "--format", "json",
                 "--encoding", "cp1252")
    assert result.exit_code == 1
    assert [s["line"] for s in json.loads(result.stdout)["sites"]] == [39, 41]
    assert result.stderr.splitlines()[0].startswith(f"nvo-scan: {undecodable}: cannot decode")


def test_a_file_that_is_not_an_export_is_one_diagnostic(tmp_path):
    fake = tmp_path / "passwd.sru"
    fake.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
    result = run("enumerate-migrations", str(fake))
    assert result.exit_code == 0
    assert result.stderr == "nvo-scan: 1 file is not a PowerBuilder export (-v lists them)\n"
    verbose = run("enumerate-migrations", str(fake), "-v")
    assert verbose.stderr.splitlines() == [
        "nvo-scan: 1 file is not a PowerBuilder export",
        f"nvo-scan: {fake}: not a PowerBuilder export: no script, type, variable or DataWindow SQL in it"]
    check = run("check", str(fake), "--format", "json")
    assert json.loads(check.stdout)["files"][0]["errors"] == [
        {"line": 1, "message": "not a PowerBuilder export: no script, type, variable or DataWindow SQL in it"}]


def test_parse_diagnostics_are_counted_on_stderr_in_the_table_view():
    broken = str(FIXTURES / "broken" / "missing_end_if.sru")
    result = run("enumerate-migrations", broken)
    assert result.stderr == "nvo-scan: 1 parse diagnostic (-v lists them)\n"
    assert run("enumerate-migrations", broken, "--format", "json").stderr == ""


@pytest.mark.parametrize("encoding", ["rot13", "cp1252x", "base64"])
def test_an_unknown_encoding_is_a_usage_error(encoding):
    result = run("where-used", "div_by", MAIN, "--encoding", encoding)
    assert result.exit_code == 2
    assert result.stderr == f"nvo-scan: --encoding: unknown text encoding '{encoding}'\n"


def test_a_column_with_no_site_gets_did_you_mean():
    result = run("where-used", "div_bx", MAIN)
    assert result.exit_code == 0
    assert result.stdout == "div_bx: no site found (did you mean div_by?)\n"


def test_a_helper_matching_nothing_is_said_and_an_invalid_one_is_a_usage_error():
    result = run("enumerate-migrations", MAIN, "--helper", "of_nothing_here$")
    assert result.exit_code == 0
    assert result.stderr == ("nvo-scan: --helper of_nothing_here$: no function definition or call in the scanned "
                             "sources matches it\n")
    invalid = run("enumerate-migrations", MAIN, "--helper", "(")
    assert invalid.exit_code == 2
    assert invalid.stderr == ("nvo-scan: --helper: invalid regular expression '(': missing ), unterminated "
                              "subpattern at position 0\n")


# ------------------------------------------------------------------ 4. arguments that look like paths
@pytest.mark.parametrize("command, example", [("schema", "pfill_pool"), ("where-used", "div_by")])
def test_a_path_given_as_the_name_is_refused_with_the_right_form(repo_cwd, command, example):
    result = run(command, "fixtures/n_cst_ansi.sru")
    assert result.exit_code == 2
    name = "TABLE" if command == "schema" else "COLUMN"
    assert result.stderr.splitlines()[-1] == (
        f"Error: fixtures/n_cst_ansi.sru is a path, not a {name.lower()} name: nvo-scan {command} {name} [PATH]... "
        f"(e.g. nvo-scan {command} {example} fixtures/n_cst_ansi.sru)")
    missing = run(command, "other/x.SRW")
    assert missing.exit_code == 2 and "other/x.SRW is a path" in missing.stderr


# ------------------------------------------------------------------ 5. terminal tables that fit
def test_tables_fit_columns_and_cut_paths_from_the_left(tmp_path):
    deep = tmp_path / "a_rather_long_folder_name" / "another_long_folder" / "CIPQ"
    deep.mkdir(parents=True)
    shutil.copy(MAIN, deep / "n_cst_powerfill.sru")
    result = run("where-used", "retry_cnt", str(deep / "n_cst_powerfill.sru"), columns=100)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[2].startswith("…/CIPQ/n_cst_powerfill.sru:371  ")
    assert [line.split()[0] for line in lines[2:-1] if line.startswith("…/")] == [
        f"…/CIPQ/n_cst_powerfill.sru:{n}" for n in (371, 514, 687, 688, 960, 969)]


def test_shorten_left_keeps_the_file_name_and_line():
    location = "/work/corpus/Progitek+CIPQ_2/CIPQ/n_cst_cipq_appmanager.sru:6577"
    assert shorten_left(location, 40) == "…/CIPQ/n_cst_cipq_appmanager.sru:6577"
    assert shorten_left(location, 10) == "…/n_cst_cipq_appmanager.sru:6577"
    assert shorten_left("x.sru:5", 10) == "x.sru:5"


def test_long_cells_wrap_within_their_column():
    text = render_table(["where", "text"], [("f.sru:1", "alpha beta gamma delta epsilon zeta eta theta")],
                        location=0, width=30)
    assert text.splitlines() == ["where    text", "-------  ---------------------", "f.sru:1  alpha beta gamma",
                                 "         delta epsilon zeta", "         eta theta"]


def test_colour_only_at_a_terminal_without_no_color(monkeypatch):
    rows = [("f.sru:1", ("NOT NULL without DEFAULT", "yellow"))]
    assert "\x1b[" in render_table(["where", "warnings"], rows, location=0, colour=True, width=60)
    assert "\x1b[" not in render_table(["where", "warnings"], rows, location=0, colour=False, width=60)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_colour(None) and not wants_colour("out.txt")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_colour(None)


@pytest.fixture
def escapes(tmp_path):
    """An export whose SQL text holds an escape sequence and a line separator."""
    path = tmp_path / "n_esc.sru"
    path.write_text('global type n_esc from nonvisualobject\nend type\n\n'
                    'public function integer of_q ();string ls_sql\n'
                    'ls_sql = "UPDATE pfill_pool SET div_by = 1 -- \x1b[2J\u2028x"\n'
                    'EXECUTE IMMEDIATE :ls_sql;\nreturn 0\nend function\n', encoding="utf-8")
    return path


def test_control_characters_from_sources_are_escaped_in_table_and_csv(escapes):
    table = run("where-used", "div_by", str(escapes))
    assert "\x1b" not in table.stdout and "\u2028" not in table.stdout
    assert '\\x1b[2J\\u2028x"' in table.stdout
    csv_out = run("where-used", "div_by", str(escapes), "--format", "csv")
    assert "\x1b" not in csv_out.stdout
    assert csv_out.stdout.splitlines()[1].endswith('ls_sql = ""UPDATE pfill_pool SET div_by = 1 -- \\x1b[2J\\u2028x"""')


# ------------------------------------------------------------------ 6. output order and shape
def test_csv_booleans_are_true_and_false():
    rows = list(csv.reader(io.StringIO(run("enumerate-migrations", MAIN, "--format", "csv", "--existing",
                                           EXISTING).stdout)))
    assert (rows[0][9], rows[0][-1]) == ("resolved", "covered")
    assert [(r[1], r[9], r[-1]) for r in rows[1:5]] == [("171", "true", "true"), ("172", "true", "true"),
                                                        ("173", "true", "false"), ("174", "true", "false")]
    assert ("212", "false", "false") in [(r[1], r[9], r[-1]) for r in rows]


def test_schema_json_is_an_object_and_counts_are_singular():
    data = json.loads(run("schema", "pfill_run_log", MAIN, "--format", "json").stdout)
    assert list(data) == ["tables"]
    assert [c["column"] for c in data["tables"][0]["columns"]][:3] == ["ended_dt", "pool_id", "proc_name"]
    one = run("schema", "pfill_bx", ANSI)
    assert one.stdout == "no table definitions found for pfill_bx\n"
    ansi = run("enumerate-migrations", ANSI)
    assert "1 migration, 0 unresolved" in ansi.stdout.splitlines()


def test_dash_h_is_help():
    result = CliRunner().invoke(main, ["where-used", "-h"])
    assert result.exit_code == 0 and result.stdout.startswith("Usage: main where-used [OPTIONS] COLUMN [PATHS]...")


# ------------------------------------------------------------------ 8. the user's files
def test_output_onto_the_existing_script_is_refused_even_with_force(tmp_path):
    existing = tmp_path / "007.sql"
    shutil.copy(EXISTING, existing)
    for force in ([], ["--force"]):
        result = run("enumerate-migrations", MAIN, "--existing", str(existing), "--format", "sql",
                     "-o", str(existing), *force)
        assert result.exit_code == 2
        assert result.stderr == f"nvo-scan: -o {existing} is the --existing script: write the candidates to another file\n"
    assert existing.read_bytes() == open(EXISTING, "rb").read()


@pytest.mark.parametrize("option", ["--phases", "--existing", "--schema"])
def test_a_missing_file_option_is_one_plain_sentence(tmp_path, option):
    result = run("enumerate-migrations", MAIN, option, str(tmp_path / "nope.toml"))
    assert result.exit_code == 2
    assert result.stderr == f"nvo-scan: {option} {tmp_path / 'nope.toml'}: the file does not exist\n"
    folder = run("enumerate-migrations", MAIN, option, str(tmp_path))
    assert folder.stderr == f"nvo-scan: {option} {tmp_path}: the file is a directory\n"


def test_output_onto_a_directory_is_one_sentence(tmp_path):
    result = run("enumerate-migrations", MAIN, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"nvo-scan: {tmp_path} is a folder; give a file name with -o\n"


def test_report_goes_under_the_project_root_and_a_second_run_asks_for_force(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    shutil.copy(ANSI, tmp_path / "src")
    (tmp_path / "nvo-scan.toml").write_text('sources = ["src"]\n')
    (tmp_path / "src" / "deeper").mkdir()
    monkeypatch.chdir(tmp_path / "src" / "deeper")
    first = run("report")
    target = tmp_path / "reports" / "nvo-scan-report.html"
    assert first.exit_code == 0 and target.is_file()
    assert first.stderr == f"nvo-scan: report written to {target}\n"
    second = run("report")
    assert second.exit_code == 2
    assert second.stderr == (f"nvo-scan: {target} exists: pass --force to replace it, or -o FILE to write "
                             "elsewhere\n")


def test_the_same_file_under_two_spellings_is_scanned_once(repo_cwd):
    data = json.loads(run("where-used", "pool_label", "fixtures", "./fixtures/n_cst_ansi.sru",
                          "--format", "json").stdout)
    assert [(s["file"], s["line"]) for s in data["sites"]] == [("fixtures/n_cst_ansi.sru", 39),
                                                               ("fixtures/n_cst_ansi.sru", 41)]


# ------------------------------------------------------------------ issue 13.8: odd folder entries
def test_dangling_symlinks_loops_and_fifos_in_a_folder_are_skipped_with_a_warning(tmp_path):
    shutil.copy(ANSI, tmp_path / "n_cst_ansi.sru")
    os.symlink(tmp_path / "gone.sru", tmp_path / "a_dangling.sru")
    os.symlink(tmp_path / "b_loop.sru", tmp_path / "b_loop.sru")
    os.mkfifo(tmp_path / "c_fifo.sru")
    result = run("where-used", "pool_label", str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert [s["line"] for s in json.loads(result.stdout)["sites"]] == [39, 41]
    assert result.stderr.splitlines() == [
        f"nvo-scan: {tmp_path}/a_dangling.sru: skipped: dangling symbolic link",
        f"nvo-scan: {tmp_path}/b_loop.sru: skipped: symbolic link loop",
        f"nvo-scan: {tmp_path}/c_fifo.sru: skipped: not a regular file"]


def test_api_selected_phases():
    phases = {"6a": ["x"], "6b": ["y"], "7": ["z"]}
    assert api.selected_phases(phases) is None
    assert api.selected_phases(phases, upto="6b") == ["6a", "6b"]
    assert api.selected_phases(phases, ["7", "unphased"]) == ["7", "unphased"]
    with pytest.raises(api.UsageError, match="--upto unreferenced: name a phase of the phases file"):
        api.selected_phases(phases, upto="unreferenced")
    assert PHASES  # the shipped phases file is what the CLI tests above use


# ------------------------------------------------------------------ 10. the report on a whole application
def test_byte_identical_exports_are_one_row_with_their_copies(tmp_path):
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        shutil.copy(ANSI, tmp_path / folder / "n_cst_ansi.sru")
    html = api.report([str(tmp_path)], use_cache=False)
    rows = re.findall(r'<tr data-phase="" data-table="pfill_pool" data-line="(\d+)"', html)
    assert rows == ["39"]
    assert '<span class="badge" title="' + f"{tmp_path}/b/n_cst_ansi.sru:39\n{tmp_path}/c/n_cst_ansi.sru:39" \
        + '">3 copies</span>' in html
    assert "<summary>3 files, 177 lines (1 distinct; byte-identical copies grouped) · show all</summary>" in html
    assert html.index('id="migrations-section"') < html.index('id="where-used"') < html.index('id="problems"') \
        < html.index('id="sql"') < html.index('id="crud"') < html.index('<section id="sources">')


def test_other_versions_of_an_export_are_grouped_and_said_to_differ(tmp_path):
    """Four exports of n_cst_ansi: a, b byte-identical; c two comment lines longer (the call moves from line
    39 to 41); d with another definition (its own row)."""
    text = open(ANSI, "rb").read()
    versions = {"a": text, "b": text,
                "c": text.replace(b"string ls_label\r\n", b"string ls_label\r\n// v2: labels cached\r\n//\r\n"),
                "d": text.replace(b'"varchar(40) null"', b'"varchar(60) null"')}
    for folder, content in versions.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "n_cst_ansi.sru").write_bytes(content)
    html = api.report([str(tmp_path)], use_cache=False)
    rows = re.findall(r'<tr data-phase="" data-table="pfill_pool" data-line="(\d+)".*?<td class="def">(.*?)</td>'
                      r'.*?<td class="loc">(.*?)</td>', html, re.S)
    where = '<span class="nowrap">n_cst_ansi.sru:39</span>'
    assert [(line, definition) for line, definition, _ in rows] == [("39", "varchar(40) null"),
                                                                   ("39", "varchar(60) null")]
    assert rows[0][2].endswith(
        f'{where} <span class="badge" title="{tmp_path}/b/n_cst_ansi.sru:39\n{tmp_path}/c/n_cst_ansi.sru:41 '
        '(another version: the file differs)">3 copies, 1 in other versions</span>')
    assert rows[1][2].endswith(where)  # d's definition differs: not a copy
    assert "<summary>4 files, 238 lines (3 distinct; byte-identical copies grouped) · show all</summary>" in html


def test_the_007_header_gives_a_digest_past_20_files(tmp_path):
    from powerfill_nvo.views.migrations import render_sql, source_digest

    report = api.enumerate_migrations([ANSI], use_cache=False)
    sources = [{"path": f"src/f{i:02}.sru", "sha256": f"{i:064x}", "lines": 10} for i in range(21)]
    sql = render_sql(report, sources, "src", None)
    digest = source_digest(sources)["sha256"]
    assert ("-- Sources: 21 files, 210 lines; SHA-256 of their sorted list of\n"
            f"--   paths and SHA-256s: {digest} (every file is listed by --format json)\n") in sql
    assert "src/f00.sru" not in sql
    assert "--   src/f00.sru  sha256" in render_sql(report, sources[:20], "src", None)
    listed = json.loads(run("enumerate-migrations", ANSI, "--format", "json").stdout)["sources"]
    assert [(s["path"], s["lines"]) for s in listed] == [(ANSI, 59)]


def test_the_report_shows_the_phases_file_warnings(tmp_path):
    phases = tmp_path / "phases.toml"
    phases.write_text('6a = ["psp_pfill_bx_setle_and_price"]\n')
    html = api.report([MAIN], phases=str(phases), use_cache=False)
    assert (f'<li class="warn">{phases}: phase 6a: procedure psp_pfill_bx_setle_and_price is not defined in the '
            "scanned sources; did you mean psp_pfill_bx_settle_and_price?</li>") in html

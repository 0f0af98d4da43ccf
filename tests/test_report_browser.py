"""The HTML report in a real headless Chromium (Debian's ``chromium``, driven by Playwright) opened from a file:// URL."""
from __future__ import annotations

import os
import re
import shutil

import pytest
from playwright.sync_api import sync_playwright

from conftest import EXISTING, HOSTILE, PHASES
from powerfill_nvo import api
from powerfill_nvo.views import report as report_view
from test_report import MIGRATIONS, PHASE_6A

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def chromium() -> str:
    """Debian's Chromium, else one on PATH; the test is skipped without one."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip("no Chromium executable (/usr/bin/chromium or chromium on PATH): apt-get install chromium")


@pytest.fixture(scope="module")
def report_url(fixtures_result, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(api.report(result=fixtures_result, phases=PHASES, existing=EXISTING), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_report(browser, url: str):
    """A fresh page on ``url``; ``page.events`` records every request, error and dialog."""
    events = {"requests": [], "errors": [], "dialogs": []}
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("request", lambda request: events["requests"].append(request.url))
    page.on("console", lambda message: message.type == "error" and events["errors"].append(message.text))
    page.on("pageerror", lambda error: events["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.events = events
    return page


@pytest.fixture
def page(browser, report_url):
    page = open_report(browser, report_url)
    yield page
    page.close()


def visible_rows(page) -> int:
    return page.locator("#migrations tbody tr:visible").count()


def test_loads_offline_without_errors(page, report_url, tmp_path):
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert page.events == {"requests": [report_url], "errors": [], "dialogs": []}
    assert page.locator("img").count() == 0
    assert page.locator('#migrations tr[data-table="pfill_<script>"] td').first.text_content() == "pfill_<script>"


def test_filter_by_phase(page):
    assert page.text_content("#mig-count") == f"{MIGRATIONS} of {MIGRATIONS} migrations"
    page.select_option("#f-phase", "6a")
    assert page.text_content("#mig-count") == f"{PHASE_6A} of {MIGRATIONS} migrations"
    assert visible_rows(page) == PHASE_6A
    page.select_option("#f-resolved", "no")
    assert page.text_content("#mig-count") == f"0 of {MIGRATIONS} migrations"
    page.select_option("#f-phase", "")
    assert visible_rows(page) == 3
    page.select_option("#f-resolved", "")
    page.fill("#f-text", "pfill_legacy_trade")
    page.wait_for_function("() => document.getElementById('mig-count').textContent.startsWith('3 of')")
    assert visible_rows(page) == 3
    assert page.events["errors"] == []


def test_sort_by_phase(page):
    phases = "#migrations tbody tr td:nth-child(8)"
    page.click("#migrations thead th:nth-child(8) button")
    assert page.get_attribute("#migrations thead th:nth-child(8)", "aria-sort") == "ascending"
    ascending = page.locator(phases).all_text_contents()
    order = ["6a", "6b", "7", "unphased", "embedded-only", "unreferenced"]
    assert [order.index(p) for p in ascending] == sorted(order.index(p) for p in ascending)
    page.click("#migrations thead th:nth-child(8) button")
    assert page.locator(phases).all_text_contents()[0] == "unreferenced"


def test_column_filter_and_sites(page):
    page.fill("#c-text", "div_by")
    page.wait_for_function("() => document.getElementById('col-count').textContent.startsWith('2 of')")
    page.click('details[data-name="div_by"] > summary')
    assert page.locator('details[data-name="div_by"] td.excerpt span.here:visible').count() == 32


@pytest.mark.parametrize("clipboard_api", [True, False], ids=["navigator.clipboard", "execCommand fallback"])
def test_copy_button(page, clipboard_api):
    if not clipboard_api:
        page.evaluate("() => Object.defineProperty(navigator, 'clipboard', { value: undefined })")
    button = page.locator("#copy-sql")
    assert button.is_visible()
    button.click()
    page.wait_for_function("() => document.getElementById('copy-status').textContent !== ''")
    assert page.text_content("#copy-status") == "Copied to the clipboard."
    assert "SET NOCOUNT ON;" in page.text_content("#sql-text")
    assert page.events["errors"] == []


def test_report_without_phases(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(api.report([HOSTILE], use_cache=False), encoding="utf-8")
    page = open_report(browser, path.as_uri())
    page.select_option("#f-table", "pfill_<script>")
    assert page.text_content("#mig-count") == "1 of 5 migrations"
    assert page.events == {"requests": [path.as_uri()], "errors": [], "dialogs": []}
    page.close()


def test_big_report_shows_the_first_rows_and_closes_the_sql(browser, fixtures_result, tmp_path, monkeypatch):
    monkeypatch.setattr(report_view, "SHOWN_ROWS", 10)
    monkeypatch.setattr(report_view, "OPEN_SQL_LINES", 10)
    path = tmp_path / "limited.html"
    path.write_text(api.report(result=fixtures_result, phases=PHASES), encoding="utf-8")
    page = open_report(browser, path.as_uri())
    assert visible_rows(page) == 10
    page.select_option("#f-phase", "6a")
    assert page.text_content("#mig-count") == f"{PHASE_6A} of {MIGRATIONS} migrations, the first 10 shown"
    assert visible_rows(page) == 10
    page.click("#mig-all")
    assert page.text_content("#mig-count") == f"{PHASE_6A} of {MIGRATIONS} migrations"
    assert visible_rows(page) == PHASE_6A
    assert page.locator("#mig-all").is_hidden()
    assert page.locator("#sql-text").is_hidden()
    page.click("#copy-sql")
    page.wait_for_function("() => document.getElementById('copy-status').textContent !== ''")
    assert page.text_content("#copy-status") == "Copied to the clipboard."
    assert page.events["errors"] == []
    page.close()


def copied_text(page) -> str:
    """Click "Copy SQL" with the clipboard replaced by a recorder; the text it received."""
    page.evaluate("() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: (text) => "
                  "{ window.copiedText = text; return Promise.resolve(); } } })")
    page.click("#copy-sql")
    page.wait_for_function("() => window.copiedText !== undefined || "
                           "document.getElementById('copy-status').textContent !== ''")
    return page.evaluate("() => window.copiedText")


def test_the_migration_filters_choose_the_sql_blocks_and_what_is_copied(page):
    blocks = page.locator("#sql-text .sql-block").count()
    assert page.text_content("#sql-count") == f"{blocks} of {blocks} blocks"
    page.select_option("#f-phase", "6a")
    page.fill("#f-lines", "170-240")
    # the filter runs on every keystroke: wait for the whole range's result, not the first change
    page.wait_for_function(f"() => document.getElementById('sql-count').textContent === '6 of {blocks} blocks'")
    text = copied_text(page)
    assert text.startswith("-- 007_BackfillLegacyPluginMigrations.sql")
    assert re.findall(r"ALTER TABLE dbo\.(\w+) ADD (\w+) ", text) == [
        ("pfill_pool", "settle_date"), ("pfill_bx", "div_by"), ("pfill_bx", "div_by_override"),
        ("pfill_bx", "price_src"), ("pfill_bx", "last_px_dt"), ("pfill_run_log", "rows_done")]  # the rest is covered
    assert page.text_content("#sql-count") == f"6 of {blocks} blocks"
    assert page.text_content("#mig-count") == f"9 of {MIGRATIONS} migrations"
    assert page.events["errors"] == []


def test_first_screen_shows_the_migrations_and_locations_never_wrap_inside(browser, report_url):
    page = browser.new_page(viewport={"width": 900, "height": 700})
    page.goto(report_url)
    assert page.locator("#migrations tbody tr").first.bounding_box()["y"] < 700
    heights = page.eval_on_selector_all("#migrations td.loc .nowrap", "els => els.map(e => e.getClientRects().length)")
    assert heights and set(heights) == {1}  # "name.sru:171-177" is one unbroken line box
    header = page.locator("#migrations thead th").nth(7)
    header.scroll_into_view_if_needed()
    box = header.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 3, box["y"] + box["height"] - 3)  # the cell's corner, not its button
    assert header.get_attribute("aria-sort") == "ascending"
    page.close()

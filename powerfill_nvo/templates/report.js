"use strict";
// nvo-scan report: sorting and filtering of the migrations table, the column filter, the copy button.
// Reads only the page itself; makes no request.
(function () {
  const byId = (id) => document.getElementById(id);
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function debounce(fn, ms) {
    let timer;
    return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function setupMigrations() {
    const table = byId("migrations");
    const body = table.tBodies[0];
    const rows = Array.from(body.rows, (el) => ({ el, text: el.textContent.toLowerCase() }));
    const phase = byId("f-phase"), tableName = byId("f-table"), resolved = byId("f-resolved"), search = byId("f-text");
    const lineRange = byId("f-lines");
    const blocks = Array.from(document.querySelectorAll("#sql-text .sql-block")), sqlCount = byId("sql-count");
    const count = byId("mig-count"), showAll = byId("mig-all");
    let shownRows = Number(table.dataset.shown);  // only the first matching rows are shown: big tables stay quick

    // "6500-6700" (or one line number) -> [first, last]; anything else filters nothing
    function wantedLines() {
      const match = lineRange.value.trim().match(/^(\d+)\s*(?:-\s*(\d+))?$/);
      return match ? [Number(match[1]), Number(match[2] || match[1])] : null;
    }

    // the phase, table and line-range filters choose the 007 blocks too (and so what "Copy SQL" copies)
    function filterSql(wanted, lines) {
      let shown = 0;
      for (const block of blocks) {
        const inRange = !lines || block.dataset.lines.split(" ").some((n) => Number(n) >= lines[0] && Number(n) <= lines[1]);
        const match = inRange && ["phase", "table"].every((key) => !wanted[key] || block.dataset[key] === wanted[key]);
        block.hidden = !match;
        shown += match ? 1 : 0;
      }
      sqlCount.textContent = shown + " of " + blocks.length + " blocks";
    }

    function filter() {
      const wanted = { phase: phase ? phase.value : "", table: tableName.value, resolved: resolved.value };
      const words = search.value.trim().toLowerCase();
      const lines = wantedLines();
      const matches = (row) => Object.keys(wanted).every((key) => !wanted[key] || row.el.dataset[key] === wanted[key])
        && (!lines || (Number(row.el.dataset.line) >= lines[0] && Number(row.el.dataset.line) <= lines[1]))
        && (!words || row.text.includes(words));
      filterSql(wanted, lines);
      let matched = 0;
      for (const row of rows) {
        const match = matches(row);
        row.el.hidden = !match || matched >= shownRows;
        matched += match ? 1 : 0;
      }
      const cut = matched > shownRows;
      count.textContent = matched + " of " + rows.length + " migrations" + (cut ? ", the first " + shownRows + " shown" : "");
      showAll.hidden = !cut;
    }

    function sort(header, index) {
      const direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      for (const th of table.tHead.rows[0].cells) th.setAttribute("aria-sort", "none");
      header.setAttribute("aria-sort", direction);
      const sign = direction === "ascending" ? 1 : -1;
      // a cell's data-sort (the phase's place in the phases file) before its text
      const key = (row) => row.el.cells[index].dataset.sort ?? row.el.cells[index].textContent.trim();
      const keyed = rows.map((row) => [key(row), row]);
      keyed.sort((a, b) => sign * collator.compare(a[0], b[0]));
      keyed.forEach(([, row], index) => { rows[index] = row; });
      const fragment = document.createDocumentFragment();
      rows.forEach((row) => fragment.appendChild(row.el));
      body.appendChild(fragment);
      filter();
    }

    Array.from(table.tHead.rows[0].cells).forEach((th, index) => {
      th.addEventListener("click", () => sort(th, index));  // the whole header cell; its button for the keyboard
    });
    for (const select of [phase, tableName, resolved]) if (select) select.addEventListener("change", filter);  // no phase select without a phases file
    search.addEventListener("input", debounce(filter, 120));
    lineRange.addEventListener("input", debounce(filter, 120));
    showAll.addEventListener("click", () => { shownRows = Infinity; filter(); });
  }

  function setupColumns() {
    const input = byId("c-text"), count = byId("col-count");
    const columns = Array.from(document.querySelectorAll("details.column"));
    input.addEventListener("input", debounce(() => {
      const words = input.value.trim().toLowerCase();
      let shown = 0;
      for (const column of columns) {
        const visible = !words || column.dataset.name.includes(words);
        column.hidden = !visible;
        shown += visible ? 1 : 0;
      }
      count.textContent = shown + " of " + columns.length + " columns";
    }, 120));
  }

  // navigator.clipboard needs a secure context, which a file:// page may not be: fall back to execCommand.
  function copyWithTextarea(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(() => copyWithTextarea(text));
    }
    return copyWithTextarea(text);
  }

  function setupCopy() {
    const button = byId("copy-sql"), status = byId("copy-status"), sql = byId("sql-text");
    button.addEventListener("click", () => {
      const shown = Array.from(sql.children).filter((part) => !part.hidden).map((part) => part.textContent);
      copyText(shown.join("")).then(
        () => { status.textContent = "Copied to the clipboard."; },
        () => { status.textContent = "The browser refused: select the text below and press Ctrl+C."; });
    });
  }

  setupMigrations();
  setupColumns();
  setupCopy();
})();

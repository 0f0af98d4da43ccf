"""The HTML view of ``nvo-scan report``: one self-contained page (CSS and JavaScript inline, nothing from the network)."""
from __future__ import annotations

from typing import Iterator

from ..report import EXCERPT_WIDTH, ReportData
from .templates import render_pieces

#: CRUD blocks start open when all of them hold at most this many rows together.
OPEN_CRUD_ROWS = 80
#: Migration rows shown at once (the first that match the filter); the page has a "Show all" button.
SHOWN_ROWS = 500
#: The SQL starts open when it has at most this many lines (a long one slows the page down when open).
OPEN_SQL_LINES = 3000


def html_pieces(data: ReportData) -> Iterator[str]:
    """The page in pieces, rendered as they are consumed; every text from the sources is escaped by the
    template's autoescaping."""
    return render_pieces("report.html.j2", r=data, crud_open=sum(len(b.rows) for b in data.crud) <= OPEN_CRUD_ROWS,
                         shown_rows=SHOWN_ROWS, sql_open=data.sql_lines <= OPEN_SQL_LINES,
                         excerpt_width=EXCERPT_WIDTH)


def render_html(data: ReportData) -> str:
    """The whole page as one string."""
    return "".join(html_pieces(data))

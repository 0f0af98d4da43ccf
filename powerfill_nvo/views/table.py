"""Terminal tables (rich, imported on first use): they fit the terminal, wrap long cells, keep
``file:line`` whole (a long path is cut from the left) and show source text with control characters escaped."""
from __future__ import annotations

import io
import os
import shutil
import sys
from typing import Callable, Iterator, Optional, Sequence

from ..escapes import escape_hidden

#: A cell is a value, or (value, rich style) for a coloured one.
Cell = object
#: Narrowest ``file:line`` column a long path is cut down to (the file name and line always stay whole).
MIN_LOCATION_WIDTH = 24


def terminal_width() -> Optional[int]:
    """``COLUMNS``, else the terminal's width; None (no limit) when stdout is not a terminal."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def wants_colour(output: Optional[str] = None) -> bool:
    """Colour only on a terminal (stdout, not ``-o FILE``) and when ``NO_COLOR`` is not set."""
    return output in (None, "-") and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def shorten_left(location: str, limit: int) -> str:
    """``path:line`` in at most ``limit`` characters by cutting whole folders from the left
    (``…/CIPQ/n_cst_x.sru:6577``); the file name and line are never cut."""
    if len(location) <= limit:
        return location
    folders = location.split("/")
    while len(folders) > 2 and len("…/" + "/".join(folders[1:])) > limit:
        folders.pop(0)
    return "…/" + "/".join(folders[1:]) if len(folders) > 1 else "…/" + folders[0]


def _cell(value: Cell):
    from rich.text import Text

    value, style = value if isinstance(value, tuple) else (value, "")
    return Text(escape_hidden("" if value is None else str(value)), style=style)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, location: Optional[int] = None,
                 colour: bool = False, width: Optional[int] = None, max_width: Optional[int] = None) -> str:
    """The table in ``width`` columns (default: ``terminal_width()``); column ``location`` holds
    ``file:line`` cells, which never wrap; other cells wrap past ``max_width`` characters."""
    return "\n".join(table_lines(headers, rows, location=location, colour=colour, width=width, max_width=max_width))


def table_lines(headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, location: Optional[int] = None,
                colour: bool = False, width: Optional[int] = None, max_width: Optional[int] = None) -> Iterator[str]:
    """``render_table``'s lines one by one: a table that needs no wrapping is made from ``rows`` (read twice)
    line by line, never held whole (50,000 rows: no copy of every cell)."""
    width = width or terminal_width()
    shown = _shown(headers, rows, location, width)
    if not colour and (widths := _plain_widths(headers, rows, shown, width, max_width, location)) is not None:
        return _plain_lines(headers, rows, shown, widths)
    return _rich_lines(headers, [shown(r) for r in rows], location, colour, width, max_width)


def _shown(headers: Sequence[str], rows: Sequence[Sequence[Cell]], location: Optional[int],
           width: Optional[int]) -> Callable[[Sequence[Cell]], list[Cell]]:
    """A row's cells as shown: with a width, the ``file:line`` cell cut from the left to leave the others room."""
    if location is None or not width:
        return list
    natural = [max([len(header)] + [len(str(r[i])) for r in rows]) for i, header in enumerate(headers)]
    spare = width - (sum(natural) - natural[location]) - 2 * len(headers)
    limit = max(spare, MIN_LOCATION_WIDTH, width // 3)

    def shown(row: Sequence[Cell]) -> list[Cell]:
        cells = list(row)
        cells[location] = shorten_left(str(cells[location]), limit)
        return cells
    return shown


def _rich_lines(headers: Sequence[str], rows: list[list[Cell]], location: Optional[int], colour: bool,
                width: Optional[int], max_width: Optional[int]) -> Iterator[str]:
    """The table laid out by rich (cells that wrap, colours)."""
    from rich.console import Console
    from rich.rule import Rule
    from rich.table import Table

    table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold" if colour else "")
    for i, header in enumerate(headers):
        if i == location:
            longest = max([len(header)] + [len(str(r[i])) for r in rows])
            table.add_column(header, no_wrap=True, min_width=longest)
        else:
            table.add_column(header, overflow="fold", max_width=max_width)
    table.add_row(*(Rule(characters="-", style="") for _ in headers))  # dashes as wide as each column
    cells = [[_cell(v) for v in r] for r in rows]
    for r in cells:
        table.add_row(*r)
    if not width:  # no limit: the table's own width (rich pads every line to the console's width)
        width = sum(max([len(h)] + [c.cell_len for c in column]) + 2 for h, column in zip(headers, zip(*cells))) \
            if cells else sum(len(h) + 2 for h in headers)
    out = io.StringIO()
    console = Console(file=out, width=width, color_system="standard" if colour else None,
                      force_terminal=colour, no_color=not colour, highlight=False, markup=False, emoji=False)
    console.print(table)
    return (line.rstrip() for line in out.getvalue().splitlines())


def cell_len(text: str) -> int:
    """The terminal cells ``text`` takes: its length when it is printable ASCII (one cell a character; rich,
    which counts the rest, is not imported for it), else rich's count (wide and zero-width characters)."""
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def _plain_texts(row: Sequence[Cell]) -> list[str]:
    """The cells of a row as one-line texts (colours dropped, hidden characters escaped)."""
    return [escape_hidden("" if v is None else str(v)) for v in (v[0] if isinstance(v, tuple) else v for v in row)]


def _plain_widths(headers: Sequence[str], rows: Sequence[Sequence[Cell]], shown: Callable, width: Optional[int],
                  max_width: Optional[int], location: Optional[int]) -> Optional[list[int]]:
    """Each column's width when no cell has to wrap (as wide as its widest cell), else None."""
    widths = [cell_len(h) for h in headers]
    for row in rows:
        widths = [max(w, cell_len(text)) for w, text in zip(widths, _plain_texts(shown(row)))]
    if max_width and any(w > max_width for i, w in enumerate(widths) if i != location):
        return None
    if width and sum(widths) + 2 * len(widths) > width:
        return None
    return widths


def _plain_lines(headers: Sequence[str], rows: Sequence[Sequence[Cell]], shown: Callable,
                 widths: list[int]) -> Iterator[str]:
    """The table as rich lays it out when no cell has to wrap (each column as wide as its widest cell, two
    spaces between, dashes under the headers), without rich's per-cell layout, which takes minutes for
    25,000 rows."""
    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(cells, widths)).rstrip()

    yield line(headers)
    yield line(["-" * w for w in widths])
    for row in rows:
        yield line(_plain_texts(shown(row)))

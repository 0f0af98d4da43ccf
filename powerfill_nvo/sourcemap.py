"""Text rebuilt from PowerScript pieces, with a map from each character to its source position."""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Iterable, Optional


def _positions() -> array:
    return array("I")


#: A character another file wrote keeps where that file wrote it: its column is ``FOREIGN_COLS`` × (1 + the
#: index of its origin in the text's ``origins``) + its column there, its line the line of that origin (see
#: ``MappedText.origins``). A column never reaches ``FOREIGN_COLS`` on its own.
FOREIGN_COLS = 1 << 16


def is_foreign(col: int) -> bool:
    """Whether a character at column ``col`` (as a ``MappedText`` holds it) was written in another file."""
    return col >= FOREIGN_COLS


def _runs(lines: array, cols: array) -> array:
    """(count, line, column) of each run of positions on one line with columns counting up by one
    (by zero when the column is 0), flattened."""
    runs, index, total = array("I"), 0, len(lines)
    while index < total:
        line, col = lines[index], cols[index]
        step, end = (1 if col else 0), index + 1
        while end < total and lines[end] == line and cols[end] == col + step * (end - index):
            end += 1
        runs.extend((end - index, line, col))
        index = end
    return runs


def _positions_of(runs: array) -> tuple[array, array]:
    """The lines and columns that ``_runs`` made ``runs`` of."""
    lines, cols = array("I"), array("I")
    for at in range(0, len(runs), 3):
        count, line, col = runs[at:at + 3]
        lines.extend(array("I", [line]) * count)
        cols.extend(array("I", range(col, col + count)) if col else array("I", [0]) * count)
    return lines, cols


@dataclass(init=False)
class MappedText:
    """A text and, for each of its characters, the line and column it came from in ``file``.

    ``lines[i]`` and ``cols[i]`` locate ``text[i]``: lines 1-based (as ``grep -n``),
    columns 1-based; column 0 marks a character of a placeholder for a piece not
    known from the source (its line is where the source wrote that piece).
    ``complete`` is False when any placeholder was inserted. The positions are
    compact arrays, so large rebuilt texts stay cheap to keep and to cache.

    A character another file wrote (a constant, a template or a structure's data read
    from another object) keeps its own place: its column says which of ``origins`` it
    comes from (``FOREIGN_COLS``), an origin is (path, index of a script of that file),
    and its line is counted from that script's first line (1 on the first), or from
    the file's first line when the index is -1 (``placed_in_files`` makes it so once
    every file's scripts are known).
    """

    file: str
    text: str = ""
    lines: array = field(default_factory=_positions)
    cols: array = field(default_factory=_positions)
    complete: bool = True
    origins: tuple = ()

    def __init__(self, file: str, text: str = "", lines: Optional[array] = None, cols: Optional[array] = None,
                 complete: bool = True, origins: tuple = ()) -> None:
        # straight into the instance: extraction makes ~20,000 texts of a 13,000-line NVO
        self.__dict__.update(file=file, text=text, lines=array("I") if lines is None else lines,
                             cols=array("I") if cols is None else cols, complete=complete, origins=origins)

    def append(self, piece: str, positions: Iterable[tuple[int, int]]) -> None:
        """Add ``piece`` whose characters came from ``positions`` (one (line, column) per character)."""
        self.__dict__.pop("runs", None)
        before = len(self.lines)
        for line, col in positions:
            self.lines.append(line)
            self.cols.append(col)
        if len(self.lines) - before != len(piece):
            raise ValueError("a piece needs exactly one position per character")
        self.text += piece

    def append_placeholder(self, placeholder: str, line: int) -> None:
        """Add text standing for an unknown piece that the source wrote at ``line``."""
        self.__dict__.pop("runs", None)
        self.text += placeholder
        self.lines.extend([line] * len(placeholder))
        self.cols.extend([0] * len(placeholder))
        self.complete = False

    def extend(self, other: "MappedText") -> None:
        self.__dict__.pop("runs", None)
        self.text += other.text
        self.lines.extend(other.lines)
        if other.origins and other.origins != self.origins:
            slots = [self.origin_slot(origin) for origin in other.origins]
            self.cols.extend(array("I", (col if col < FOREIGN_COLS else
                                         slots[col // FOREIGN_COLS - 1] + col % FOREIGN_COLS for col in other.cols)))
        else:
            self.cols.extend(other.cols)
        self.complete = self.complete and other.complete

    def origin_slot(self, origin: tuple[str, int]) -> int:
        """What a character's column adds for ``origin`` (another file's script, see the class), added to
        ``origins`` when new."""
        if origin not in self.origins:
            self.origins = (*self.origins, origin)
        return FOREIGN_COLS * (1 + self.origins.index(origin))

    def file_at(self, index: int) -> Optional[str]:
        """The other file that wrote character ``index``, None for the text's own characters."""
        col = self.cols[index]
        return self.origins[col // FOREIGN_COLS - 1][0] if col >= FOREIGN_COLS else None

    def placed_in_files(self, script_lines: dict[str, list[int]]) -> "MappedText":
        """This text with each other file's character on that file's own line (an origin of index -1), from
        the first line of each script of each file (by path); the text itself when none is counted from a
        script (or the script is not among ``script_lines``)."""
        starts = [script_lines[path][index] if index >= 0 and index < len(script_lines.get(path, ())) else None
                  for path, index in self.origins]
        if not any(start is not None for start in starts):
            return self
        placed = MappedText(self.file, self.text, array("I"), array("I"), self.complete)
        slots = [placed.origin_slot((path, -1) if start is not None else (path, index))
                 for (path, index), start in zip(self.origins, starts)]
        for line, col in zip(self.lines, self.cols):
            if col >= FOREIGN_COLS:
                origin = col // FOREIGN_COLS - 1
                start = starts[origin]
                line, col = line if start is None else start + line - 1, slots[origin] + col % FOREIGN_COLS
            placed.lines.append(line)
            placed.cols.append(col)
        return placed

    def own_lines(self) -> list[int]:
        """The lines of the characters the text's own file wrote."""
        return [line for line, col in zip(self.lines, self.cols) if col < FOREIGN_COLS]

    def position_runs(self) -> array:
        """The positions as runs (see ``__getstate__``): equal runs, equal positions."""
        runs = self.__dict__.get("runs")
        return runs if runs is not None else _runs(self.lines, self.cols)

    def __getstate__(self) -> dict:
        """Pickled with the positions as runs (count, line, column) of consecutive characters on one line
        whose columns count up (or stay 0, in a placeholder): a few numbers per piece, not 8 bytes a character."""
        state = {name: value for name, value in self.__dict__.items() if name not in ("lines", "cols")}
        state["runs"] = self.position_runs()
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)  # the positions are rebuilt from the runs when first used

    def __setattr__(self, name: str, value) -> None:
        if name == "lines" or name == "cols":
            self.__dict__.pop("runs", None)  # new positions: the stored runs no longer describe them
        self.__dict__[name] = value  # (no descriptors here: straight into the instance, set for every text made)

    def __getattr__(self, name: str):
        runs = self.__dict__.get("runs")
        if name in ("lines", "cols") and runs is not None:
            self.lines, self.cols = _positions_of(runs)
            self.__dict__["runs"] = runs  # kept while the positions do not change: their digest for free
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def copy(self) -> "MappedText":
        return MappedText(self.file, self.text, array("I", self.lines), array("I", self.cols), self.complete,
                          self.origins)

    def slice(self, start: int, end: int) -> "MappedText":
        """The characters ``start:end``, with their positions."""
        return MappedText(self.file, self.text[start:end], self.lines[start:end], self.cols[start:end], self.complete,
                          self.origins)

    def tail(self, start: int) -> "MappedText":
        """The characters from ``start`` on, with their positions."""
        return self.slice(start, len(self.text))

    def with_text(self, text: str) -> "MappedText":
        """The same positions under a text of the same length (an upper-cased copy, say)."""
        if len(text) != len(self.text):
            raise ValueError("the new text must keep every character's position")
        return MappedText(self.file, text, self.lines, self.cols, self.complete, self.origins)

    def starts_with(self, other: "MappedText") -> bool:
        """Whether this text begins with ``other``, character and position alike."""
        n = len(other.text)
        return (self.text.startswith(other.text) and self.lines[:n] == other.lines
                and self.cols[:n] == other.cols and self.origins[:len(other.origins)] == other.origins)

    def line_at(self, index: int) -> int:
        """Source line of character ``index``."""
        return self.lines[index]

    def token_line(self, first: int, last: int) -> int:
        """The line of a token whose characters are ``first..last`` (inclusive): where its last character
        is written, so a name assembled from pieces (a constant + ``"_pct"``) is placed where it is completed."""
        return self.lines[last]

    def line_span(self, start: int, end: int) -> tuple[int, int]:
        """First and last source line of the text's own characters among ``start:end`` (another file's are
        not on its lines); (0, 0) when it has none there."""
        if not self.origins:
            lines = self.lines[start:end]
            if not lines:
                line = self.lines[start] if start < len(self.lines) else 0
                return line, line
        else:
            lines = self.slice(start, end).own_lines()
            if not lines:
                return 0, 0
        return min(lines), max(lines)

    @classmethod
    def from_source(cls, file: str, text: str, first_line: int, first_col: int = 1) -> "MappedText":
        """A text copied verbatim from the source starting at (first_line, first_col)."""
        lines, cols = array("I"), array("I")
        line, col = first_line, first_col
        for ch in text:
            lines.append(line)
            cols.append(col)
            if ch == "\n":
                line, col = line + 1, 1
            else:
                col += 1
        return cls(file, text, lines, cols)

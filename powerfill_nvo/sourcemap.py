"""Text rebuilt from PowerScript pieces, with a map from each character to its source position."""
from __future__ import annotations

from dataclasses import dataclass, field

#: Position of a character that does not come from the source (a placeholder).
UNKNOWN = (0, 0)


@dataclass
class MappedText:
    """A text and, for each of its characters, the (line, column) it came from in ``file``.

    Lines are 1-based (as ``grep -n``), columns 1-based; ``(0, 0)`` marks a
    character of a placeholder for a piece not known from the source.
    ``complete`` is False when any placeholder was inserted.
    """

    file: str
    text: str = ""
    positions: list[tuple[int, int]] = field(default_factory=list)
    complete: bool = True

    def append(self, piece: str, positions: list[tuple[int, int]]) -> None:
        """Add ``piece`` whose characters came from ``positions`` (same length)."""
        if len(piece) != len(positions):
            raise ValueError("a piece needs exactly one position per character")
        self.text += piece
        self.positions.extend(positions)

    def append_placeholder(self, placeholder: str, line: int) -> None:
        """Add text standing for an unknown piece that the source wrote at ``line``."""
        self.text += placeholder
        self.positions.extend([(line, 0)] * len(placeholder))
        self.complete = False

    def extend(self, other: "MappedText") -> None:
        self.text += other.text
        self.positions.extend(other.positions)
        self.complete = self.complete and other.complete

    def copy(self) -> "MappedText":
        return MappedText(self.file, self.text, list(self.positions), self.complete)

    def line_at(self, index: int) -> int:
        """Source line of character ``index`` (the nearest known one before it for placeholders)."""
        for i in range(min(index, len(self.positions) - 1), -1, -1):
            line = self.positions[i][0]
            if line:
                return line
        for line, _ in self.positions[index:]:
            if line:
                return line
        return 0

    def line_span(self, start: int, end: int) -> tuple[int, int]:
        """First and last source line of the characters ``start:end``."""
        lines = [pos[0] for pos in self.positions[start:end] if pos[0]]
        if not lines:
            line = self.line_at(start)
            return line, line
        return min(lines), max(lines)

    @classmethod
    def from_source(cls, file: str, text: str, first_line: int, first_col: int = 1) -> "MappedText":
        """A text copied verbatim from the source starting at (first_line, first_col)."""
        positions = []
        line, col = first_line, first_col
        for ch in text:
            positions.append((line, col))
            if ch == "\n":
                line, col = line + 1, 1
            else:
                col += 1
        return cls(file, text, positions)

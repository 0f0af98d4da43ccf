"""Stage 1: raw bytes of a PowerBuilder export -> decoded text and line table.

Line numbers are those ``grep -n`` prints: only ``"\\n"`` ends a line (the
``"\\r"`` of a ``"\\r\\n"`` pair belongs to the ending), a lone ``"\\r"`` is an
ordinary character, and a last line without a newline still counts. A file with
no ``"\\n"`` at all but ``"\\r"`` line endings (classic Mac) is read with each
``"\\r"`` ending a line, as editors show it. With a cache, a file its stat index knows unchanged is not
read until its text is needed (``read_stamped``).
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # the cache module loads only when a command uses the cache
    from .cache import FileFacts, ParseCache

_HEX = re.compile(r"\$\$HEX(\d+)\$\$([0-9A-Fa-f]*)\$\$ENDHEX\$\$")
_NEWLINE = re.compile("\n")
#: Spec names of the UTF codecs an explicit ``encoding=`` may resolve to.
_LABELS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16-le": "utf-16le"}
# Bytes undefined in an ANSI code page decode to the same code point, as Windows does.
codecs.register_error("powerfill_nvo.c1", lambda e: (e.object[e.start:e.end].decode("latin-1"), e.end))


class ReadError(Exception):
    """A source file that cannot be read or decoded; ``line`` is where decoding failed (0: unknown)."""

    def __init__(self, path: str, message: str, line: int = 0):
        super().__init__(path, message, line)
        self.path = path
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class SourceText:
    """Decoded text of one file with the offset of each line's first character."""

    path: str
    text: str
    encoding: str
    sha256: str
    line_starts: Optional[list[int]] = None  # computed from ``text`` when not given
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message): bytes read as U+FFFD

    def __post_init__(self) -> None:
        if self.line_starts is None:
            starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
            self.line_starts = starts[:-1] if starts[-1] == len(self.text) else starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line holding ``text[offset]``; ``len(text)`` gives the last line (0 if the text is empty)."""
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} outside 0..{len(self.text)}")
        return bisect_right(self.line_starts, offset)

    def column_of(self, offset: int) -> int:
        """1-based column (in characters) of ``text[offset]``."""
        line = self.line_of(offset)
        return offset - (self.line_starts[line - 1] if line else 0) + 1

    def line_text(self, line: int) -> str:
        """Text of 1-based ``line`` without its ``"\\n"`` or ``"\\r\\n"``."""
        if not 1 <= line <= self.line_count:
            raise IndexError(f"line {line} outside 1..{self.line_count}")
        end = self.line_starts[line] if line < self.line_count else len(self.text)
        text = self.text[self.line_starts[line - 1]:end]
        return text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")


def text_codec(encoding: str) -> str:
    """The codec name of the text encoding ``encoding``; LookupError (with a message for the user)
    when Python knows no such encoding or it is not a text encoding (``rot13``, ``base64``)."""
    try:
        codec = codecs.lookup(encoding).name
        b"a".decode(codec)  # bytes-to-bytes codecs refuse to decode to text
    except UnicodeDecodeError:
        pass  # a text encoding that cannot read one lone byte (utf-32)
    except (LookupError, TypeError, ValueError):
        raise LookupError(f"unknown text encoding {encoding!r}") from None
    return codec


def _decode_error(data: bytes, codec: str, e: UnicodeDecodeError) -> tuple[int, str]:
    """(line, message) naming the bytes ``e`` could not decode."""
    line = data[:e.start].decode(codec, "replace").count("\n") + 1
    what = f"byte 0x{data[e.start]:02x}" if e.end - e.start == 1 else f"bytes {data[e.start:e.end].hex(' ')}"
    return line, f"cannot decode as {codec}: {what} at offset {e.start} (line {line}): {e.reason}"


def _decode(data: bytes, codec: str, path: str) -> str:
    """``data`` decoded strictly, or ReadError naming the offending bytes and their line."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        line, message = _decode_error(data, codec, e)
        raise ReadError(path, message, line) from None


def _decode_marked(data: bytes, codec: str, problems: list[tuple[int, str]]) -> str:
    """``data`` in the codec its BOM names: bytes that do not decode (one flipped byte, an odd byte
    count) become U+FFFD and a problem at their line, so the rest of the file is still read."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        line, message = _decode_error(data, codec, e)
        problems.append((line, f"{message}; undecodable bytes read as U+FFFD"))
        return data.decode(codec, "replace")


def _try_decode(data: bytes, codec: str) -> Optional[str]:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_utf16le(data: bytes) -> bool:
    """Even length and mostly NULs at odd offsets in the first KB (ASCII text as UTF-16LE)."""
    head = data[:1024]
    nuls = head[1::2].count(0)
    return len(data) % 2 == 0 and nuls > len(head) // 8 and nuls > head[0::2].count(0)


def _unhex(m: re.Match) -> str:
    """One ``$$HEX<n>$$<utf-16le hex>$$ENDHEX$$`` decoded, or left as is if malformed or holding a line break."""
    digits = m[2]
    if len(digits) % 4:
        return m[0]
    try:
        chars = bytes.fromhex(digits).decode("utf-16-le")
    except UnicodeDecodeError:
        return m[0]
    ok = chars and int(m[1]) in (len(chars), len(digits) // 4) and "\n" not in chars and "\r" not in chars
    return chars if ok else m[0]


def decode_bytes(data: bytes, path: str = "<bytes>", encoding: Optional[str] = None) -> SourceText:
    """Decode an export: a BOM decides, else ``encoding``, else UTF-16LE / UTF-8 / cp1252 detection.

    Under a BOM, bytes that do not decode are read as U+FFFD and listed in ``problems``; with an
    explicit ``encoding`` they are a ReadError (the encoding is likely wrong for the whole file)."""
    problems: list[tuple[int, str]] = []
    if data.startswith(codecs.BOM_UTF16_LE):
        label, text = "utf-16le-bom", _decode_marked(data, "utf-16-le", problems)
    elif data.startswith(codecs.BOM_UTF8):
        label, text = "utf-8-bom", _decode_marked(data, "utf-8", problems)
    elif encoding:
        try:
            codec = text_codec(encoding)
        except LookupError as e:
            raise ReadError(path, str(e)) from None
        label, text = _LABELS.get(codec, codec), _decode(data, codec, path)
    elif _looks_utf16le(data) and (text := _try_decode(data, "utf-16-le")) is not None:
        label = "utf-16le"
    elif (text := _try_decode(data, "utf-8")) is not None:
        label = "utf-8"
    else:
        label, text = "cp1252", data.decode("cp1252", "powerfill_nvo.c1")
    text = text.removeprefix("\ufeff")
    if text.startswith("HA$PBExportHeader$"):
        text = text[2:]
    text = _HEX.sub(_unhex, text)
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")  # same length: offsets are unchanged
    return SourceText(path, text, label, hashlib.sha256(data).hexdigest(), problems=problems)


def display_path(path: str | os.PathLike) -> str:
    """``path`` as text that any output can hold: bytes of a file name that are not UTF-8 are
    shown as ``\\xff`` escapes (the name stays unambiguous, every output valid UTF-8)."""
    name = os.fsdecode(path)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_source(path: str | os.PathLike, encoding: Optional[str] = None) -> SourceText:
    """Read and decode the file at ``path``; any failure is a ReadError. The result's ``path`` is
    the ``display_path`` of ``path``."""
    name = display_path(path)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ReadError(name, f"cannot read file: {e.strerror or e}") from None
    return decode_bytes(data, name, encoding)


class StoredSource(SourceText):
    """A file the stat index knows (hash, encoding, declared type): read and decoded only when its text is
    first needed (a cache miss, a line's text for where-used)."""

    def __init__(self, path: str, option: Optional[str], facts: FileFacts) -> None:
        self.file_path, self.option, self.facts = path, option, facts
        self.path, self.sha256, self.encoding = display_path(path), facts.sha256, facts.encoding
        self._read: Optional[SourceText] = None

    def _source(self) -> SourceText:
        if self._read is None:
            source = read_source(self.file_path, self.option)
            if source.sha256 != self.sha256:
                raise ReadError(self.path, "changed while nvo-scan was reading the sources; run the command again")
            self._read = source
        return self._read

    text = property(lambda self: self._source().text)
    line_starts = property(lambda self: self._source().line_starts)
    problems = property(lambda self: self._source().problems)


def known_source(path: str, encoding: Optional[str], cache: ParseCache) -> Optional[StoredSource]:
    """The file at ``path`` as the stat index knows it (unchanged since it was read), else None."""
    from .cache import FileFacts

    facts = cache.stamp(path, (encoding,))
    return StoredSource(path, encoding, facts) if isinstance(facts, FileFacts) else None


def read_stamped(path: str, encoding: Optional[str], cache: Optional[ParseCache]) -> SourceText:
    """The file at ``path`` decoded, as ``read_source``; with a cache, a file whose size, mtime and inode are
    those it had when last read is not read again (a ``StoredSource``)."""
    known = known_source(path, encoding, cache) if cache else None
    if known is not None:
        return known
    try:
        status = os.stat(path) if cache else None  # before reading: a change after it gives a new stamp
    except OSError:
        status = None
    source = read_source(path, encoding)
    if status is not None:
        from .cache import FileFacts

        cache.remember(path, (encoding,), FileFacts(source.sha256, source.encoding, *declared_type(source)), status)
    return source


_GLOBAL_TYPE = re.compile(r"^[ \t]*global[ \t]+type[ \t]+(\w+)[ \t]+from[ \t]+(\w+)", re.M | re.I)


def declared_type(source: SourceText) -> tuple[Optional[str], Optional[str]]:
    """The object an export defines and its ancestor, lower case, from its first ``global type … from …``."""
    if isinstance(source, StoredSource):
        return source.facts.object_name, source.facts.ancestor
    match = _GLOBAL_TYPE.search(source.text)
    return (match.group(1).lower(), match.group(2).lower()) if match else (None, None)

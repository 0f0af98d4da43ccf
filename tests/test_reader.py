"""Stage 1: bytes -> SourceText (encodings, PB escapes, grep-compatible line table)."""
import errno
import hashlib
import os
import pickle

import pytest

from powerfill_nvo.reader import ReadError, SourceText, decode_bytes, read_source


def grep_lines(data: bytes, encoding: str) -> list[str]:
    """The lines ``grep -n ''`` prints for ``data``, without their ``\\n``/``\\r\\n``."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return [line.removesuffix(b"\r").decode(encoding) for line in lines]


def assert_lines(src: SourceText, expected: list[str]) -> None:
    assert src.line_count == len(expected)
    assert [src.line_text(n) for n in range(1, src.line_count + 1)] == expected


# --------------------------------------------------------------------------- encodings


def test_utf16le_with_bom():
    data = b"\xff\xfe" + "global type w_main from window\r\nst = 'é'\r\n".encode("utf-16-le")
    src = decode_bytes(data, "w_main.srw")
    assert src.path == "w_main.srw"
    assert src.encoding == "utf-16le-bom"
    assert src.text == "global type w_main from window\r\nst = 'é'\r\n"
    assert src.line_starts == [0, 32]
    assert_lines(src, ["global type w_main from window", "st = 'é'"])
    assert src.sha256 == hashlib.sha256(data).hexdigest()


def test_utf16le_without_bom():
    data = "forward\r\nls = 'ü'\r\n".encode("utf-16-le")
    src = decode_bytes(data)
    assert src.encoding == "utf-16le"
    assert src.text == "forward\r\nls = 'ü'\r\n"
    assert src.line_starts == [0, 9]


def test_utf8_with_bom():
    src = decode_bytes(b"\xef\xbb\xbf" + "forward\nls = 'ü'\n".encode("utf-8"))
    assert src.encoding == "utf-8-bom"
    assert src.text == "forward\nls = 'ü'\n"
    assert src.line_starts == [0, 8]


def test_utf8_without_bom_non_ascii_and_pure_ascii():
    src = decode_bytes("ls = 'ñ€'\n".encode("utf-8"))
    assert (src.encoding, src.text) == ("utf-8", "ls = 'ñ€'\n")
    assert decode_bytes(b"ls = 'n'\n").encoding == "utf-8"


def test_cp1252_fallback():
    src = decode_bytes(b"ls = '\xe9'\r\n")
    assert (src.encoding, src.text) == ("cp1252", "ls = 'é'\r\n")
    # bytes undefined in cp1252 decode to the same code point (as Windows does)
    assert decode_bytes(b"\x81\xe9").text == "\x81é"


def test_explicit_encoding_overrides_detection():
    assert decode_bytes(b"s = '\xe8'").text == "s = 'è'"
    src = decode_bytes(b"s = '\xe8'", encoding="cp1250")
    assert (src.encoding, src.text) == ("cp1250", "s = 'č'")
    assert decode_bytes(b"s = '\xe8'", encoding="windows-1250").encoding == "cp1250"
    assert decode_bytes("ü\n".encode("utf-16-le"), encoding="UTF-16LE").encoding == "utf-16le"


def test_explicit_encoding_that_cannot_decode_names_file_offset_and_line():
    with pytest.raises(ReadError) as info:
        decode_bytes(b"a\r\nb\n c\xe9\n", "x.srw", encoding="utf-8")
    assert str(info.value) == \
        "x.srw: cannot decode as utf-8: byte 0xe9 at offset 7 (line 3): invalid continuation byte"
    assert (info.value.path, info.value.line, info.value.__cause__) == ("x.srw", 3, None)


def test_utf16_bom_with_an_odd_byte_count_is_read_with_the_problem_at_its_line():
    data = b"\xff\xfe" + "a\r\nb\r\nc".encode("utf-16-le") + b"x"
    src = decode_bytes(data, "x.srw")
    assert (src.encoding, src.text, src.line_count) == ("utf-16le-bom", "a\r\nb\r\nc\ufffd", 3)
    assert src.problems == [(3, "cannot decode as utf-16-le: byte 0x78 at offset 16 (line 3): truncated data; "
                                "undecodable bytes read as U+FFFD")]


def test_utf8_bom_with_a_flipped_byte_is_read_with_the_problem_at_its_line():
    src = decode_bytes(b"\xef\xbb\xbfa\nb\xffc\nd\n", "x.srw")
    assert (src.text, src.line_count) == ("a\nb\ufffdc\nd\n", 3)
    assert src.problems == [(2, "cannot decode as utf-8: byte 0xff at offset 6 (line 2): invalid start byte; "
                                "undecodable bytes read as U+FFFD")]


@pytest.mark.parametrize("encoding", ["no-such-codec", "cp1252x", "rot13", "base64", "zlib"])
def test_unknown_or_non_text_encoding_is_a_read_error(encoding):
    with pytest.raises(ReadError) as info:
        decode_bytes(b"x", "x.srw", encoding=encoding)
    assert str(info.value) == f"x.srw: unknown text encoding {encoding!r}"
    assert info.value.line == 0


def test_utf32_is_a_text_encoding_that_fails_at_its_line():
    with pytest.raises(ReadError) as info:
        decode_bytes("a\nb\n".encode("utf-32-le") + b"\xff\xff\xff\xff", "x.srw", encoding="utf-32-le")
    assert info.value.line == 3
    assert info.value.message == \
        "cannot decode as utf-32-le: bytes ff ff ff ff at offset 16 (line 3): code point not in range(0x110000)"


def test_cr_only_line_endings_are_lines():
    src = decode_bytes(b"global type n_x from nonvisualobject\rend type\r\rls = 'a'\r")
    assert (src.line_count, src.line_text(2), src.line_text(4)) == (4, "end type", "ls = 'a'")
    assert src.line_of(src.text.index("ls")) == 4


def test_bom_wins_over_explicit_encoding():
    src = decode_bytes(b"\xff\xfe" + "é".encode("utf-16-le"), encoding="cp1250")
    assert (src.encoding, src.text) == ("utf-16le-bom", "é")


# --------------------------------------------------------------------------- PB markers


def test_ha_marker_removed_only_at_start():
    src = decode_bytes(b"HA$PBExportHeader$w_main.srw\r\n$PBExportComments$HA$PBExportHeader$\r\n")
    assert src.text == "$PBExportHeader$w_main.srw\r\n$PBExportComments$HA$PBExportHeader$\r\n"
    assert_lines(src, ["$PBExportHeader$w_main.srw", "$PBExportComments$HA$PBExportHeader$"])
    assert decode_bytes(b"x\nHA$PBExportHeader$a\n").text == "x\nHA$PBExportHeader$a\n"


def test_hex_escapes_decoded():
    data = (
        b'st = "caf$$HEX1$$e900$$ENDHEX$$"\r\n'
        b"a$$HEX2$$2000e900$$ENDHEX$$b\r\n"
        b"$$HEX2$$e900E800$$ENDHEX$$\r\n"
        b"$$HEX1$$3dd800de$$ENDHEX$$ $$HEX2$$3dd800de$$ENDHEX$$\r\n"
        b"end\r\n"
    )
    src = decode_bytes(data)
    assert src.text == 'st = "café"\r\na éb\r\néè\r\n\U0001F600 \U0001F600\r\nend\r\n'
    assert src.line_of(src.text.index("end")) == 5


@pytest.mark.parametrize("escape", [
    b"$$HEX2$$e900$$ENDHEX$$",        # count does not match
    b"$$HEX1$$e9$$ENDHEX$$",          # not whole code units
    b"$$HEX1$$zz00$$ENDHEX$$",        # not hex
    b"$$HEX1$$e900",                  # unterminated
    b"$$HEX0$$$$ENDHEX$$",            # empty
    b"$$HEX1$$00d8$$ENDHEX$$",        # lone surrogate
    b"$$HEX1$$0a00$$ENDHEX$$",        # would add a line break
    b"$$HEX1$$0d00$$ENDHEX$$",
    b"$$HEX2$$0d000a00$$ENDHEX$$",
])
def test_malformed_or_line_breaking_hex_escape_kept(escape):
    src = decode_bytes(b"a " + escape + b" $$HEX1$$e900$$ENDHEX$$\nb\n")
    assert src.text == "a " + escape.decode("ascii") + " é\nb\n"
    assert src.line_count == 2


# --------------------------------------------------------------------------- line table


def test_crlf():
    src = decode_bytes(b"a\r\nbc\r\n")
    assert src.line_starts == [0, 3]
    assert_lines(src, ["a", "bc"])


def test_lf():
    src = decode_bytes(b"a\nbc\n")
    assert src.line_starts == [0, 2]
    assert_lines(src, ["a", "bc"])


def test_mixed_line_endings():
    src = decode_bytes(b"a\r\nb\nc\r\n\r\nd\n")
    assert src.line_starts == [0, 3, 5, 8, 10]
    assert_lines(src, ["a", "b", "c", "", "d"])


def test_lone_cr_is_not_a_line_break():
    data = b'release 12;\r\ntext(name=t_1 text="one\rtwo" )\r\ncolumn(name=c_1)\r\n'
    src = decode_bytes(data)
    assert src.line_count == 3 == data.count(b"\n")
    assert_lines(src, grep_lines(data, "cp1252"))
    assert src.line_text(2) == 'text(name=t_1 text="one\rtwo" )'
    two = src.text.index("two")
    assert (src.line_of(two), src.column_of(two)) == (2, 25)
    assert src.line_of(src.text.index("column")) == 3
    # a lone CR ending the file is content of the last line
    assert_lines(decode_bytes(b"a\nb\r"), ["a", "b\r"])


def test_no_final_newline():
    data = b"a\r\nlast"
    src = decode_bytes(data)
    assert src.line_starts == [0, 3]
    assert_lines(src, grep_lines(data, "utf-8"))
    assert src.line_text(2) == "last"
    assert (src.line_of(len(src.text)), src.column_of(len(src.text))) == (2, 5)


def test_offset_at_end_after_final_newline_is_last_line():
    src = decode_bytes(b"a\nbc\n")
    assert (src.line_of(5), src.column_of(5)) == (2, 4)
    assert (src.line_of(1), src.column_of(1)) == (1, 2)  # the "\n" belongs to its line


def test_empty_file():
    src = decode_bytes(b"")
    assert (src.text, src.encoding, src.line_starts, src.line_count) == ("", "utf-8", [], 0)
    assert (src.line_of(0), src.column_of(0)) == (0, 1)
    bom_only = decode_bytes(b"\xff\xfe")
    assert (bom_only.text, bom_only.encoding, bom_only.line_count) == ("", "utf-16le-bom", 0)


def test_out_of_range_positions():
    src = decode_bytes(b"a\nb\n")
    for call, arg in [(src.line_of, -1), (src.line_of, 5), (src.line_text, 0), (src.line_text, 3)]:
        with pytest.raises(IndexError):
            call(arg)


def test_source_text_built_directly_computes_line_starts():
    assert SourceText("p", "a\r\nb", "utf-8", "").line_starts == [0, 3]


def test_large_file_and_long_line():
    long_line = "x" * 600_000
    text = "".join(f"line {n}\r\n" for n in range(1, 100_001)) + long_line + "\r\nend"
    src = decode_bytes(text.encode("ascii"))
    assert src.line_count == 100_002
    assert src.line_text(100_000) == "line 100000"
    assert src.line_text(100_001) == long_line
    assert src.line_of(len(src.text) - 1) == 100_002
    assert src.column_of(src.text.index(long_line) + 599_999) == 600_000


# --------------------------------------------------------------------------- files


def test_read_source(tmp_path):
    path = tmp_path / "n_x.sru"
    path.write_bytes(b"HA$PBExportHeader$n_x.sru\r\n")
    src = read_source(path)
    assert (src.path, src.text, src.encoding) == (str(path), "$PBExportHeader$n_x.sru\r\n", "utf-8")


@pytest.mark.parametrize("kind, code", [("missing", errno.ENOENT), ("directory", errno.EISDIR)])
def test_read_error(tmp_path, kind, code):
    path = tmp_path / "missing.srw" if kind == "missing" else tmp_path
    with pytest.raises(ReadError) as info:
        read_source(path)
    err = info.value
    assert not isinstance(err, (OSError, UnicodeError))
    assert (err.path, err.message) == (str(path), f"cannot read file: {os.strerror(code)}")
    assert str(err) == f"{path}: cannot read file: {os.strerror(code)}"
    assert err.__cause__ is None and err.__suppress_context__


def test_read_error_pickles():
    err = pickle.loads(pickle.dumps(ReadError("a.srw", "boom", 7)))
    assert (err.path, err.message, err.line, str(err)) == ("a.srw", "boom", 7, "a.srw: boom")

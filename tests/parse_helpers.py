"""Shared by the parser tests: a one-function export around a body, parsed."""
from __future__ import annotations

import textwrap

from powerfill_nvo import model as m
from powerfill_nvo.parse import parse_source
from powerfill_nvo.reader import decode_bytes

HEAD = "global type n_x from nonvisualobject\nend type\n\npublic function integer of_x ();\n"


def body_of(body: str) -> tuple[list[m.Stmt], str]:
    """The statements of a function whose body (``body``) starts on line 5; and the export text."""
    text = HEAD + textwrap.dedent(body).strip("\n") + "\nend function\n"
    sf = parse_source(decode_bytes(text.encode(), "t.sru"))
    assert sf.diagnostics == []
    (script,) = sf.scripts
    assert (script.line, script.end_line, script.parsed) == (4, text.count("\n"), True)
    return script.body, text

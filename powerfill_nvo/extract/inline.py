"""SQL built from a function's parameters, rebuilt for each call that passes them.

A function that builds ``"ALTER TABLE " + as_table + " ADD " + as_column + …`` folds,
on its own, to a text with placeholders where its parameters go. Each call that
passes known strings for them (in this file or another) gives the whole text:
the placeholders replaced by the caller's values, which keep their own source
positions. The text lives in the caller's file; a character the callee wrote in
another file is placed at the call. The text with placeholders is dropped when
every call of the function filled it; otherwise it stays, so nothing is lost. A
text the function returns is not rebuilt: each caller folds the result where it
uses it, with the arms its arguments choose.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..sourcemap import MappedText
from . import Extraction
from .common import CallSite, SqlText, filled, template_holes

def _holes(text: SqlText) -> list[tuple[int, int, int]]:
    """The (start, end, parameter index) of each placeholder in ``text`` that stands for a parameter
    of the function holding it."""
    if text.text.complete or text.script is None or not text.script.params:
        return []
    return template_holes(text.text, tuple(p.name.lower() for p in text.script.params))


def _filled(text: SqlText, holes: list[tuple[int, int, int]], call: CallSite) -> Optional[MappedText]:
    """``text`` with each hole replaced by the string ``call`` passes there; None when one is not known."""
    if any(index >= len(call.args) or not call.args[index].resolved for _, _, index in holes):
        return None
    return filled(text.text, holes, [a.value for a in call.args], call.file, call.line)


def inline_parameters(by_file: dict[str, Extraction], calls_to: dict[int, list[CallSite]],
                      summary_of: Callable[[SqlText], object]) -> None:
    """Add, to the caller's extraction, each text of a function rebuilt for a call passing its parameters.

    ``by_file``: each file's extraction; ``calls_to``: calls by the id of the function's summary they
    resolve to; ``summary_of``: the summary of the function holding a text.
    """
    added: list[tuple[Extraction, SqlText]] = []
    for extraction in by_file.values():
        kept = []
        for text in extraction.sql:
            holes = _holes(text)
            calls = calls_to.get(id(summary_of(text)), []) if holes else []
            filled = [(call, _filled(text, holes, call)) for call in calls if not call.evaluated]
            added += [(by_file[call.file], _rebuilt(text, call, mapped)) for call, mapped in filled
                      if mapped is not None and text.origin != "returned"]  # (a result: each caller folds it
            # itself, with the arms its arguments choose; the text with placeholders goes all the same)
            if not calls or any(mapped is None for _, mapped in filled):
                kept.append(text)
        extraction.sql[:] = kept
    seen = {id(e): {_key(t.text) for t in e.sql} for e in by_file.values()}
    for extraction, text in added:  # once, however many calls pass the same values
        if _key(text.text) not in seen[id(extraction)]:
            seen[id(extraction)].add(_key(text.text))
            extraction.sql.append(text)


def _key(text: MappedText) -> tuple:
    return text.text, text.lines.tobytes(), text.cols.tobytes(), text.origins


def _rebuilt(text: SqlText, call: CallSite, mapped: MappedText) -> SqlText:
    """The rebuilt text as a finding of the caller's file."""
    first, last = mapped.line_span(0, len(mapped.text))
    if not first:  # every character another file's: the text is where the call builds it
        first = last = call.line
    script = text.script if call.file == text.file else call.script
    how = f"built by {text.script.name} for the call at {call.file}:{call.line}"
    return SqlText(call.file, script, mapped, text.origin, first, last, text.executed,
                   f"{text.via}; {how}" if text.via else how, list(text.waits))

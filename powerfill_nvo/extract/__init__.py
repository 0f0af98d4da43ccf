"""Stage 3: calls of interest and SQL texts (rebuilt from strings, or embedded) of one parsed file."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .. import model as m
from ..reader import SourceText
from ..sourcemap import MappedText
from .fold import CallSite, FoldedArg, Folder, SqlText, looks_like_sql, placeholder
from .literals import literal_text
from .pbselect import pbselect_text
from .textscan import scan_calls

__all__ = ["Extraction", "CallSite", "FoldedArg", "SqlText", "extract", "looks_like_sql", "placeholder",
           "literal_text"]


@dataclass
class Extraction:
    calls: list[CallSite] = field(default_factory=list)
    sql: list[SqlText] = field(default_factory=list)


def extract(source: SourceText, file: m.SourceFile, call_pattern: Optional[re.Pattern] = None) -> Extraction:
    """Calls whose name matches ``call_pattern`` (searched, any case) and every distinct SQL text.

    In a script that did not parse, wanted calls are still found by a text scan (noted on each call).
    """
    result = Extraction()
    seen: set[tuple] = set()

    def add_sql(sql: SqlText) -> None:
        key = (sql.text.text, sql.text.lines[:1].tobytes(), sql.text.cols[:1].tobytes())
        if key not in seen:
            seen.add(key)
            result.sql.append(sql)

    def wants(call: m.Call) -> bool:
        return call_pattern is not None and call_pattern.search(call.name) is not None

    folder = Folder(source, file, wants, result.calls.append, add_sql)
    folder.run()
    result.calls = folder.through_callers(result.calls)
    if call_pattern is not None:
        for script in file.scripts:
            if not script.parsed:
                result.calls.extend(scan_calls(source, file, script, call_pattern.search))
    for statement in file.datawindow_sql:
        if statement.kind == "retrieve":
            line, col = source.line_of(statement.start), source.column_of(statement.start)
            text = MappedText.from_source(source.path, statement.text, line, col + 1)
        else:
            text = pbselect_text(source, statement)
        if text is not None:
            add_sql(SqlText(file.path, None, text, "datawindow", statement.line, statement.end_line))
    result.calls.sort(key=lambda c: c.line)
    return result

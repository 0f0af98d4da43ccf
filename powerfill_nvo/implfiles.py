"""Stored procedures in T-SQL texts: the team's deploy scripts (``Sql/00N_*.sql``) and the NVO's rebuilt texts.

A deploy script is read as a whole (UTF-8 or UTF-16 with a BOM, UTF-8 without, else cp1252), mapped
line for line to itself, and cut into statements by the same T-SQL splitter the SQL stage uses:
``GO`` lines separate batches, and each ``CREATE [OR ALTER] PROC[EDURE]`` statement starts a
procedure that runs to the end of its batch (or the next CREATE PROCEDURE). Preambles such as
``IF OBJECT_ID(…) IS NOT NULL DROP PROCEDURE …`` are other batches and are not part of it.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Iterable

from .reader import ReadError, decode_bytes
from .sourcemap import MappedText
from .sources import SourceError, find_files
from .sql.split import Statement, procedure_name, split
from .sql.tokens import Lexed, lex

#: File endings read as T-SQL when a folder is named (any case).
SQL_SUFFIXES = (".sql",)


@dataclass
class ProcedureText:
    """One ``CREATE PROCEDURE`` in a text: its header statement, then the statements of its body."""

    name: str
    text: MappedText
    lexed: Lexed
    header: Statement
    body: list[Statement]

    @property
    def file(self) -> str:
        return self.text.file

    def line(self, token: int) -> int:
        """Source line of token ``token``."""
        return self.text.lines[self.lexed.tokens[token].start]

    def last_token_line(self, token: int) -> int:
        return self.text.lines[self.lexed.tokens[token].end]

    @property
    def first_line(self) -> int:
        return self.line(self.header.start)

    @property
    def last_line(self) -> int:
        last = self.body[-1] if self.body else self.header
        return self.last_token_line(last.end - 1)

    @property
    def key(self) -> str:
        return procedure_key(self.name)


def procedure_key(name: str) -> str:
    """How procedure names are paired: case-insensitive, without schema or brackets (``[dbo].[P]`` -> ``p``)."""
    return name.strip().split(".")[-1].strip("[]\"").lower()


def procedures_in(text: MappedText, lexed: Lexed | None = None) -> list[ProcedureText]:
    """Every CREATE PROCEDURE of ``text`` (tokenized as ``lexed``, if given) with its body statements."""
    lexed = lexed or lex(text)
    statements = split(lexed)
    found: list[ProcedureText] = []
    for statement in statements:
        if statement.keyword == "create_procedure":
            found.append(ProcedureText(procedure_name(lexed, statement), text, lexed, statement, []))
        elif found and statement.batch == found[-1].header.batch:
            found[-1].body.append(statement)
    return found


@dataclass
class ImplementationFile:
    path: str
    encoding: str
    lines: int
    procedures: list[ProcedureText]


class ImplementationError(SourceError):
    """An implementation path or file that cannot be read as T-SQL (the user's to fix)."""


def find_sql_files(paths: Iterable[str]) -> list[str]:
    """``.sql`` files under ``paths`` (files named directly are taken whatever their ending), in name order."""
    return find_files(paths, SQL_SUFFIXES, ImplementationError)


def _decode(data: bytes, path: str, encoding: str | None) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data[2:].decode("utf-16-be"), "utf-16be-bom"
        except UnicodeDecodeError as e:
            raise ReadError(path, f"cannot decode as utf-16-be: {e.reason} at offset {e.start}") from None
    source = decode_bytes(data, path, encoding)
    return source.text, source.encoding


def read_implementation(path: str, encoding: str | None = None) -> ImplementationFile:
    """The procedures of one T-SQL file; a file that does not tokenize to its end is an error naming its line."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ReadError(path, f"cannot read file: {e.strerror or e}") from None
    text, label = _decode(data, path, encoding)
    mapped = MappedText.from_source(path, text, 1)
    lexed = lex(mapped)
    if lexed.error_line:
        raise ImplementationError(f"{path}:{lexed.error_line}: T-SQL does not tokenize from here "
                                  "(an unterminated string, quoted name or comment?)")
    procedures = procedures_in(mapped, lexed)
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    return ImplementationFile(path, label, lines, procedures)

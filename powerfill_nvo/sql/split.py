"""Split T-SQL tokens into GO batches and statements with a small keyword state machine.

sqlglot reads a whole procedure batch as one opaque Command, so statements are
found here: a statement starts at one of ``STARTERS`` at paren depth 0 outside
CASE … END, unless the keyword continues the current statement (``INSERT …
SELECT``, ``UNION SELECT``, cursor ``FOR SELECT``, CTE ``WITH … SELECT``,
``UPDATE … SET``, MERGE ``THEN UPDATE``, ``ALTER TABLE … DROP COLUMN`` …).
Control keywords (IF, ELSE, WHILE, BEGIN, END, PRINT, FETCH, …) become
statements of their own, so nothing swallows the text after them.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlglot.tokens import TokenType

from .tokens import NAME_TYPES, Lexed, object_name

STARTERS = frozenset(
    "SELECT INSERT UPDATE DELETE MERGE WITH CREATE ALTER DROP TRUNCATE DECLARE SET EXEC EXECUTE "
    "PRINT RAISERROR THROW RETURN IF ELSE WHILE BEGIN END COMMIT ROLLBACK SAVE OPEN CLOSE FETCH "
    "DEALLOCATE GOTO BREAK CONTINUE WAITFOR USE GRANT REVOKE DENY DBCC CHECKPOINT KILL "
    "READTEXT WRITETEXT UPDATETEXT RECONFIGURE SETUSER SHUTDOWN BULK".split()
) | {"UPDATE STATISTICS"}
#: Keywords that cannot occur inside parentheses or CASE: seeing one there means
#: the text was unbalanced, so a new statement starts.
RESYNC = frozenset("BEGIN IF WHILE DECLARE CREATE PRINT RETURN".split())
SET_OPERATORS = frozenset({"UNION", "ALL", "EXCEPT", "INTERSECT"})
DML = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE", "MERGE"})
#: Words before INSERT/UPDATE/DELETE that make it part of the statement
#: (MERGE actions, cursor FOR UPDATE, trigger events).
DML_CONTINUERS = frozenset({"THEN", "FOR", "AFTER", "OF", ","})
OBJECT_TYPES = frozenset(
    "TABLE PROC PROCEDURE VIEW FUNCTION TRIGGER INDEX SCHEMA TYPE SYNONYM SEQUENCE DEFAULT "
    "RULE DATABASE USER ROLE LOGIN".split()
)


@dataclass
class Statement:
    """Tokens ``start:end`` of a lexed text; ``keyword`` is e.g. ``select``,
    ``create_table``, ``alter_table``, ``create_index``, ``create_procedure``,
    ``if``, ``begin`` (the main verb for ``WITH`` CTE statements)."""

    keyword: str
    start: int
    end: int
    batch: int


class _Splitter:
    def __init__(self, lexed: Lexed) -> None:
        self.lexed = lexed
        self.words = lexed.words
        self.statements: list[Statement] = []
        self.start: int | None = None
        self.batch = 0

    def run(self) -> list[Statement]:
        tokens, words = self.lexed.tokens, self.words
        for i, tok in enumerate(tokens):
            word = words[i]
            if word == "GO" and (i == 0 or tokens[i - 1].line != tok.line):
                self._close(i)
                self.batch += 1
                continue
            if tok.token_type is TokenType.SEMICOLON:
                self._close(i)
                continue
            if self.start is not None and self._starts(i):
                self._close(i)
            if self.start is None:
                self._open(i)
            self._track(word, tok.token_type)
        self._close(len(tokens))
        return self.statements

    def _open(self, i: int) -> None:
        self.start = i
        self.keyword = self._keyword(i)
        self.depth = self.case = 0
        self.insert_open = self.keyword == "insert"
        self.set_open = self.keyword == "update"
        self.cte_open = self.keyword == "with"

    def _close(self, i: int) -> None:
        if self.start is not None and i > self.start:
            self.statements.append(Statement(self.keyword, self.start, i, self.batch))
        self.start = None

    def _word(self, i: int) -> str:
        return self.words[i] if i < len(self.words) else ""

    def _keyword(self, i: int) -> str:
        word = self.words[i]
        if self._is_label(i):
            return "label"
        if word not in ("CREATE", "ALTER"):
            return word.lower() or "unknown"
        j = i + 1
        while self._word(j) in ("OR", "ALTER", "UNIQUE", "CLUSTERED", "NONCLUSTERED"):
            j += 1
        what = self._word(j)
        if what in ("PROC", "PROCEDURE"):
            return "create_procedure"
        if what == "TABLE":
            return word.lower() + "_table"
        if word == "CREATE" and j < len(self.words) and self.lexed.tokens[j].token_type is TokenType.INDEX:
            return "create_index"
        return word.lower()

    def _is_label(self, i: int) -> bool:
        tokens = self.lexed.tokens
        return (tokens[i].token_type in NAME_TYPES and i + 1 < len(tokens)
                and tokens[i + 1].token_type is TokenType.COLON)

    def _starts(self, i: int) -> bool:
        word, prev = self.words[i], self.words[i - 1]
        if prev in (".", "#"):  # a name's part: dbo.open, #open
            return False
        if self.depth or self.case:  # only a keyword impossible there: unbalanced text
            return word in RESYNC or (word == "END" and not self.case)
        if word not in STARTERS:
            return self._is_label(i)
        nxt = self._word(i + 1)
        if word == "SELECT":
            return not (prev in SET_OPERATORS or prev == "FOR" or self.insert_open or self.cte_open)
        if word in DML:
            return not (prev in DML_CONTINUERS or self.cte_open or (word == "UPDATE" and nxt == "("))
        if word == "SET":
            return not (self.set_open or prev == "UPDATE" or self.keyword == "alter_table")
        if word in ("EXEC", "EXECUTE"):
            return not (self.insert_open or prev in ("WITH", "GRANT", "REVOKE", "DENY", ","))
        if word == "WITH":
            return self._is_cte(i)
        if word == "IF":  # DROP TABLE IF EXISTS, ADD COLUMN IF NOT EXISTS (PostgreSQL)
            return prev not in OBJECT_TYPES and not (prev == "COLUMN" and self.keyword == "alter_table")
        if word == "FETCH":
            return prev not in ("ROW", "ROWS")
        if word == "ALTER":  # CREATE OR ALTER, ALTER TABLE … ALTER COLUMN
            return prev != "OR" and not (self.keyword == "alter_table" and nxt == "COLUMN")
        if word == "DROP":  # ALTER TABLE … DROP COLUMN / CONSTRAINT
            return not (self.keyword == "alter_table" and nxt not in OBJECT_TYPES)
        return True

    def _is_cte(self, i: int) -> bool:
        tokens = self.lexed.tokens
        after = self._word(i + 2)
        return (i + 1 < len(tokens) and tokens[i + 1].token_type in NAME_TYPES
                and (after == "(" or (after == "AS" and self._word(i + 3) == "(")))

    def _track(self, word: str, token_type: TokenType) -> None:
        if token_type is TokenType.L_PAREN:
            self.depth += 1
        elif token_type is TokenType.R_PAREN:
            self.depth = max(0, self.depth - 1)
        elif word == "CASE":
            self.case += 1
        elif word == "END" and self.case:
            self.case -= 1
        elif self.depth == 0:
            if word in ("SELECT", "VALUES", "EXEC", "EXECUTE"):
                self.insert_open = False
            elif word == "SET":
                self.set_open = False
            if self.cte_open and word in DML:
                self.cte_open = False
                self.keyword = word.lower()
                self.insert_open = word == "INSERT"
                self.set_open = word == "UPDATE"


def split(lexed: Lexed) -> list[Statement]:
    """The statements of ``lexed``, in order; ``GO`` lines separate batches."""
    return _Splitter(lexed).run()


#: Stored programs: what CREATE/ALTER makes whose body is the rest of its batch, run later when called.
PROGRAMS = frozenset({"PROC", "PROCEDURE", "FUNCTION", "TRIGGER"})
#: What CREATE/ALTER makes whose body is the rest of its batch.
BODY_OBJECTS = PROGRAMS | {"VIEW"}


def starts_body(lexed: Lexed, statement: Statement, objects: frozenset[str] = BODY_OBJECTS) -> bool:
    """CREATE/ALTER PROCEDURE, VIEW, FUNCTION, TRIGGER (of ``objects``): the rest of the batch is their body."""
    if statement.keyword == "create_procedure":
        return True
    if statement.keyword not in ("create", "alter"):
        return False
    j = statement.start + 1
    while lexed.words[j:j + 1] in (["OR"], ["ALTER"]):
        j += 1
    return j < len(lexed.words) and lexed.words[j] in objects


def trigger_table(lexed: Lexed, statement: Statement) -> str:
    """The table a CREATE/ALTER TRIGGER … ON table statement is on ('' for another statement)."""
    words = lexed.words[statement.start:statement.end]
    if "TRIGGER" not in words[:4] or "ON" not in words:
        return ""
    return object_name(lexed, statement.start + words.index("ON") + 1, statement.end)[0]


def procedure_name(lexed: Lexed, statement: Statement) -> str:
    """The name of the procedure a ``create_procedure`` statement creates."""
    i = statement.start
    while lexed.words[i] not in ("PROC", "PROCEDURE"):
        i += 1
    return object_name(lexed, i + 1, statement.end)[0]

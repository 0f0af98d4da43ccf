"""The kinds of statement sqlfluff's tsql dialect finds in a generated 007 script."""
from __future__ import annotations

from sqlfluff.core import FluffConfig, Linter

#: What a 007 script may hold: the guards, the DDL, PRINT, SET and GO.
ALLOWED_STATEMENTS = frozenset({"if_then_statement", "begin_end_block", "alter_table_statement",
                                "create_table_statement", "print_statement", "set_segment", "go_statement"})
#: The raw templater: the script is SQL as written (a ``{{`` in a name or comment is no Jinja template).
_LINTER = Linter(config=FluffConfig(overrides={"dialect": "tsql", "large_file_skip_byte_limit": 0,
                                               "templater": "raw"}))


def statement_kinds(sql: str) -> set[str]:
    """The segment type of every statement sqlfluff parses in ``sql``; ``unparsable`` when a part is not T-SQL."""
    tree = _LINTER.parse_string(sql).tree
    kinds = {"unparsable"} if any(True for _ in tree.recursive_crawl("unparsable")) else set()
    kinds |= {"go_statement"} if any(True for _ in tree.recursive_crawl("go_statement")) else set()
    for statement in tree.recursive_crawl("statement"):
        kinds |= {s.type for s in statement.segments if not (s.is_meta or s.is_whitespace or s.is_comment)}
    return kinds

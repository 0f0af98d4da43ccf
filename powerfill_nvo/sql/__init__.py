"""Analyze SQL: every table.column definition and reference in T-SQL texts
(procedures, CREATE/ALTER TABLE, embedded SQL), mapped to exact source lines.

Use in two passes: ``collect_definitions`` over all texts to fill a ``Catalog``,
then ``analyze`` on each text against it.
"""
from .catalog import Catalog
from .model import ColumnDef, ColumnRef, Procedure, SqlFacts

__all__ = ["Catalog", "ColumnDef", "ColumnRef", "Procedure", "SqlFacts", "analyze", "collect_definitions"]


def __getattr__(name: str):
    """``analyze`` and ``collect_definitions`` load sqlglot on first use, so reading cached results
    (which only need the model classes) starts fast."""
    if name in ("analyze", "collect_definitions"):
        from . import analysis
        return getattr(analysis, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

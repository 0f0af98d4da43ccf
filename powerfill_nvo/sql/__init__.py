"""Analyze SQL: every table.column definition and reference in T-SQL texts
(procedures, CREATE/ALTER TABLE, embedded SQL), mapped to exact source lines.

Use in two passes: ``collect_definitions`` over all texts to fill a ``Catalog``,
then ``analyze`` on each text against it.
"""
from .analysis import analyze, collect_definitions
from .catalog import Catalog
from .model import ColumnDef, ColumnRef, Procedure, SqlFacts

__all__ = ["Catalog", "ColumnDef", "ColumnRef", "Procedure", "SqlFacts", "analyze", "collect_definitions"]

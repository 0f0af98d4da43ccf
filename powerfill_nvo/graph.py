"""Stage 5: the column graph (networkx) of files, scripts, procedures, tables and columns.

Node ids are ``kind:name`` (``table:pfill_pool``, ``column:pfill_pool.div_by``,
``procedure:psp_x``, ``script:file:owner.name``, ``file:path``); every edge
carries ``file``, ``line`` and ``kind`` (contains, defines, has, or a site kind
such as proc_reference) and, for column sites, ``access``.
"""
from __future__ import annotations

import networkx as nx

from .pipeline import PipelineResult
from .whereused import all_sites


def table_node(table: str) -> str:
    return f"table:{table.lower()}"


def column_node(table: str, column: str) -> str:
    return f"column:{table.lower()}.{column.lower()}"


def build_graph(result: PipelineResult) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for document in result.documents:
        path = document.file.path
        graph.add_node(f"file:{path}", kind="file", label=path)
        for script in document.file.scripts:
            node = f"script:{path}:{script.qualified_name}"
            graph.add_node(node, kind="script", label=script.qualified_name)
            graph.add_edge(f"file:{path}", node, file=path, line=script.line, kind="contains")
    for analyzed in result.sql:
        procedure, sql = analyzed.facts.procedure, analyzed.text
        if procedure is not None and sql.script is not None:
            node = f"procedure:{procedure.name.lower()}"
            graph.add_node(node, kind="procedure", label=procedure.name)
            graph.add_edge(f"script:{sql.file}:{sql.script.qualified_name}", node,
                           file=sql.file, line=procedure.line, kind="defines")
    for site in all_sites(result):
        column = column_node(site.table or "", site.column)  # a column of no known table has no table node
        graph.add_node(column, kind="column", label=f"{site.table}.{site.column}" if site.table else site.column)
        if site.table:
            table = table_node(site.table)
            graph.add_node(table, kind="table", label=site.table)
            if not graph.has_edge(table, column):
                graph.add_edge(table, column, file=site.file, line=site.line, kind="has")
        source = f"procedure:{site.procedure.lower()}" if site.procedure else f"script:{site.file}:{site.script}"
        if source not in graph:
            graph.add_node(source, kind="script", label=site.script)
        graph.add_edge(source, column, file=site.file, line=site.line, kind=site.kind, access=site.access)
    return graph

"""Stage 5: the column graph of files, scripts, procedures, tables and columns.

Node ids are ``kind:name`` (``table:pfill_pool``, ``column:pfill_pool.div_by``,
``procedure:psp_x``, ``script:file:owner.name``, ``file:path``); every edge
carries ``file``, ``line`` and ``kind`` (contains, defines, has, or a site kind
such as proc_reference) and, for column sites, ``access``.

``build_graph`` fills a networkx ``MultiDiGraph`` (the Python API's graph) or a ``ColumnGraph``, which the
``graph`` command writes: the same nodes and edges in the same order, a node's data kept as one pair and an
edge's as one tuple instead of networkx's dictionaries (a 50,000-column line: about a third of the memory).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional, Union

from .pipeline import PipelineResult
from .whereused import all_sites

if TYPE_CHECKING:
    import networkx

#: The data of a node, and of an edge (``access`` for column sites only), in the order they are given.
NODE_FIELDS = ("kind", "label")
EDGE_FIELDS = ("file", "line", "kind", "access")


def table_node(table: str) -> str:
    return f"table:{table.lower()}"


def column_node(table: str, column: str) -> str:
    return f"column:{table.lower()}.{column.lower()}"


class ColumnGraph:
    """A directed multigraph with networkx's order: nodes as first added (by ``add_node`` or as an edge's end),
    a node's data as last given, edges by source node, then by target in the order of the first edge between
    them, then by key (0, 1, … in the order added). ``nodes``, ``edges``, ``graph``, ``is_directed`` and
    ``is_multigraph`` answer as networkx's do, for the writers in ``views/graph.py``."""

    def __init__(self) -> None:
        self._nodes: dict[str, Optional[tuple]] = {}  # node -> its data's values (None: added by an edge only)
        self._succ: dict[str, dict[str, list[tuple]]] = {}  # source -> target -> each edge's data values

    def add_node(self, node: str, **data) -> None:
        self._nodes[node] = _values(data, NODE_FIELDS)

    def add_edge(self, source: str, target: str, **data) -> None:
        values = _values(data, EDGE_FIELDS)
        self._nodes.setdefault(source, None)
        self._nodes.setdefault(target, None)
        self._succ.setdefault(source, {}).setdefault(target, []).append(values)

    def has_edge(self, source: str, target: str) -> bool:
        return target in self._succ.get(source, {})

    def __contains__(self, node: str) -> bool:
        return node in self._nodes

    @property
    def graph(self) -> dict:
        """Graph-level data (networkx's ``G.graph``): none."""
        return {}

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def number_of_nodes(self) -> int:
        return len(self._nodes)

    def number_of_edges(self) -> int:
        return sum(len(edges) for targets in self._succ.values() for edges in targets.values())

    def nodes(self, data: bool = False) -> Iterator:
        """Each node, or (node, its data as a dict) with ``data``."""
        if not data:
            return iter(self._nodes)
        return ((node, dict(zip(NODE_FIELDS, values or ()))) for node, values in self._nodes.items())

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        """Each edge as (source, target[, key][, its data as a dict])."""
        for source in self._nodes:
            for target, edges in self._succ.get(source, {}).items():
                for key, values in enumerate(edges):
                    yield (source, target) + ((key,) if keys else ()) + \
                        ((dict(zip(EDGE_FIELDS, values)),) if data else ())


def _values(data: dict, fields: tuple[str, ...]) -> tuple:
    """The values of ``data``, which names the first of ``fields``, in that order."""
    if tuple(data) != fields[:len(data)]:
        raise ValueError(f"expected the data {', '.join(fields)} in that order, got {', '.join(data)}")
    return tuple(data.values())


def _site_order(site) -> tuple:
    return (site.file, site.line, site.table or "", site.column, site.kind, site.script, site.procedure or "",
            site.access or "")


def build_graph(result: PipelineResult, graph: Union[ColumnGraph, networkx.MultiDiGraph]):
    """``graph`` (empty) filled with the files, scripts, procedures, tables and columns of ``result``."""
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
    for site in sorted(all_sites(result), key=_site_order):  # (in the order of the sources, whatever the
        column = column_node(site.table or "", site.column)  # order the texts were found in)  # a column of no known table has no table node
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

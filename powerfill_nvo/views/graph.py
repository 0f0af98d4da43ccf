"""Graph exports: GraphML, Graphviz DOT and node-link JSON."""
from __future__ import annotations

import io
import json
from typing import Iterable, Iterator

import networkx as nx

_SHAPES = {"file": "folder", "script": "box", "procedure": "component", "table": "cylinder", "column": "ellipse"}


def _dot_id(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_pieces(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The DOT text line by line (a large graph's text is never held whole)."""
    yield "digraph nvo_scan {\n  rankdir=LR;\n"
    for node, data in graph.nodes(data=True):
        yield (f"  {_dot_id(node)} [label={_dot_id(data.get('label', node))}, "
               f"shape={_SHAPES.get(data.get('kind'), 'ellipse')}];\n")
    for a, b, data in graph.edges(data=True):
        yield f"  {_dot_id(a)} -> {_dot_id(b)} [label={_dot_id(data['kind'] + ' :' + str(data['line']))}];\n"
    yield "}\n"


def render_dot(graph: nx.MultiDiGraph) -> str:
    return "".join(dot_pieces(graph))


def render_graphml(graph: nx.MultiDiGraph) -> str:
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    return out.getvalue().decode("utf-8")


def json_pieces(graph: nx.MultiDiGraph) -> Iterator[str]:
    """``json.dumps(nx.node_link_data(graph, edges="edges"), indent=2)`` item by item: the same text, without a
    copy of the graph as dicts or the whole text in memory (a 25,000-column line: 166 MB)."""
    yield (f'{{\n  "directed": {json.dumps(graph.is_directed())},\n  "multigraph": {json.dumps(graph.is_multigraph())},'
           f'\n  "graph": {_indented(graph.graph, 2)},\n  "nodes": ')
    yield from _array(({**data, "id": node} for node, data in graph.nodes(data=True)))
    yield ',\n  "edges": '
    yield from _array(({**data, "source": a, "target": b, "key": key}
                       for a, b, key, data in graph.edges(keys=True, data=True)))
    yield "\n}"


def _indented(value, depth: int) -> str:
    """``value`` as JSON with indent 2, placed ``depth`` spaces in (JSON strings hold no raw line break)."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + " " * depth)


def _array(items: Iterable[dict]) -> Iterator[str]:
    """A JSON array of ``items`` at the second level of an indent-2 document."""
    opening = "["
    for item in items:
        yield f"{opening}\n    {_indented(item, 4)}"
        opening = ","
    yield "[]" if opening == "[" else "\n  ]"


def render_json(graph: nx.MultiDiGraph) -> str:
    return "".join(json_pieces(graph))

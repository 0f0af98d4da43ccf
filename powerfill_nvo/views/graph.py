"""Graph exports: GraphML, Graphviz DOT and node-link JSON."""
from __future__ import annotations

import io
import json

import networkx as nx

_SHAPES = {"file": "folder", "script": "box", "procedure": "component", "table": "cylinder", "column": "ellipse"}


def _dot_id(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_dot(graph: nx.MultiDiGraph) -> str:
    lines = ["digraph nvo_scan {", "  rankdir=LR;"]
    for node, data in graph.nodes(data=True):
        lines.append(f"  {_dot_id(node)} [label={_dot_id(data.get('label', node))}, "
                     f"shape={_SHAPES.get(data.get('kind'), 'ellipse')}];")
    for a, b, data in graph.edges(data=True):
        lines.append(f"  {_dot_id(a)} -> {_dot_id(b)} [label={_dot_id(data['kind'] + ' :' + str(data['line']))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_graphml(graph: nx.MultiDiGraph) -> str:
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    return out.getvalue().decode("utf-8")


def render_json(graph: nx.MultiDiGraph) -> str:
    return json.dumps(nx.node_link_data(graph, edges="edges"), indent=2, ensure_ascii=False)

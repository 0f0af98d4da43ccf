"""Graph exports: GraphML, Graphviz DOT and node-link JSON, each written item by item (a large graph's text is
never held whole) from a ``graph.ColumnGraph`` or a networkx ``MultiDiGraph``."""
from __future__ import annotations

import itertools
import json
from typing import Iterable, Iterator
from xml.etree.ElementTree import _escape_attrib, _escape_cdata  # the escaping networkx's GraphML writer uses

_SHAPES = {"file": "folder", "script": "box", "procedure": "component", "table": "cylinder", "column": "ellipse"}


def _dot_id(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_pieces(graph) -> Iterator[str]:
    """The DOT text line by line (a large graph's text is never held whole)."""
    yield "digraph nvo_scan {\n  rankdir=LR;\n"
    for node, data in graph.nodes(data=True):
        yield (f"  {_dot_id(node)} [label={_dot_id(data.get('label', node))}, "
               f"shape={_SHAPES.get(data.get('kind'), 'ellipse')}];\n")
    for a, b, data in graph.edges(data=True):
        yield f"  {_dot_id(a)} -> {_dot_id(b)} [label={_dot_id(data['kind'] + ' :' + str(data['line']))}];\n"
    yield "}\n"


def json_pieces(graph) -> Iterator[str]:
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


GRAPHML_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
                '"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n  ')
#: GraphML's name of each type of data value (networkx's table: an int is a ``long``).
GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def graphml_pieces(graph) -> Iterator[str]:
    """``nx.write_graphml(graph, …)``'s text (its ``xml.etree`` writer: pretty-printed, UTF-8, a character UTF-8
    cannot hold as a character reference; the graph has no graph-level data) item by item: the same bytes
    without a tree of every element in memory."""
    return (piece.encode("utf-8", "xmlcharrefreplace").decode("utf-8") for piece in _graphml_text(graph))


def _graphml_text(graph) -> Iterator[str]:
    keys: dict[tuple[str, str, str], str] = {}  # (name, type, scope) -> id, numbered in order of first use
    for scope, items in (("node", (data for _, data in graph.nodes(data=True))),
                         ("edge", (data for *_, data in graph.edges(data=True)))):
        for data in items:
            for name, value in data.items():
                keys.setdefault((str(name), _graphml_type(value), scope), f"d{len(keys)}")
    yield GRAPHML_HEAD
    for (name, kind, scope), key in reversed(keys.items()):  # networkx puts each new key before the others
        yield f'<key id="{key}" for="{scope}" attr.name="{_escape_attrib(name)}" attr.type="{kind}" />\n  '
    elements = itertools.chain(
        (("node", {"id": node}, data) for node, data in graph.nodes(data=True)),
        (("edge", {"source": a, "target": b, "id": key}, data) for a, b, key, data in graph.edges(keys=True, data=True)))
    element = next(elements, None)
    if element is None:
        yield '<graph edgedefault="directed" />\n</graphml>\n'
        return
    yield '<graph edgedefault="directed">\n    '
    for following in elements:
        yield _graphml_element(*element, keys) + "\n    "
        element = following
    yield _graphml_element(*element, keys) + "\n  </graph>\n</graphml>\n"


def _graphml_element(tag: str, attributes: dict, data: dict, keys: dict) -> str:
    """A node or edge element and its data elements, indented as networkx's writer indents them."""
    head = "<" + tag + "".join(f' {name}="{_escape_attrib(str(value))}"' for name, value in attributes.items())
    if not data:
        return head + " />"
    items = []
    for name, value in data.items():
        key, text = keys[str(name), _graphml_type(value), tag], str(value)
        items.append(f'<data key="{key}">{_escape_cdata(text)}</data>' if text else f'<data key="{key}" />')
    return head + ">\n      " + "\n      ".join(items) + "\n    </" + tag + ">"


def _graphml_type(value) -> str:
    try:
        return GRAPHML_TYPES[type(value)]
    except KeyError:
        raise TypeError(f"GraphML does not support type {type(value)} as data values.") from None

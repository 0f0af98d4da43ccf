"""PBDOM over XML known from the source: ``PBDOM_BUILDER.BuildFromString(ls_xml)`` of a known string gives a
document whose elements' names, attribute values and texts keep each character's place (a release manifest's
``<column table="…" name="…" type="…"/>`` read back with ``GetAttributeValue``). A document or element is a
``Record``: an element's name, attributes (``@name``), text and child elements (an array, in order)."""
from __future__ import annotations

import re
from typing import Optional

from ..sourcemap import MappedText
from .values import Parts, Record, Value

#: The PBDOM functions read: a builder's, a document's and an element's.
FUNCTIONS = frozenset({"buildfromstring", "getrootelement", "getname", "gettext", "gettexttrim",
                       "getattributevalue", "getchildelement"})
#: Fields of a document or element record (names no PowerScript variable can have).
ROOT, NAME, TEXT, CHILDREN = "\0root", "\0name", "\0text", "\0children"

_MARKUP = re.compile(r'<\?.*?\?>|<!--.*?-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!DOCTYPE[^>]*>'
                     r'|<(?P<close>/?)(?P<name>[\w:.-]+)(?P<attributes>(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)'
                     r'\s*(?P<empty>/?)>', re.S)
_ATTRIBUTE = re.compile(r'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def parse(text: MappedText) -> Optional[Record]:
    """The document ``text`` holds; None when it is not well-formed XML or holds an entity (``&amp;``: its
    characters would not be where the source writes them)."""
    if not text.complete or "&" in text.text:
        return None
    stack: list[tuple[Optional[MappedText], dict, list, MappedText]] = []
    root: Optional[Record] = None
    position = 0
    for markup in _MARKUP.finditer(text.text):
        if stack:
            stack[-1][3].extend(text.slice(position, markup.start()))
        elif text.text[position:markup.start()].strip():
            return None
        position = markup.end()
        if markup["cdata"] is not None and stack:
            stack[-1][3].extend(text.slice(markup.start("cdata"), markup.end("cdata")))
        if not markup["name"]:
            continue
        if markup["close"]:
            if not stack or stack[-1][0].text != markup["name"]:
                return None
            element = _element(*stack.pop())
        else:
            opened = (text.slice(markup.start("name"), markup.end("name")), _attributes(text, markup), [],
                      text.slice(0, 0))
            if not markup["empty"]:
                stack.append(opened)
                continue
            element = _element(*opened)
        if stack:
            stack[-1][2].append(element)
        elif root is None:
            root = element
        else:
            return None
    return Record({ROOT: root}) if root is not None and not stack and not text.text[position:].strip() else None


def _attributes(text: MappedText, markup: re.Match) -> dict[str, MappedText]:
    """A start tag's attributes, ``@name`` -> its value where the source writes it."""
    found, base = {}, markup.start("attributes")
    for attribute in _ATTRIBUTE.finditer(markup["attributes"]):
        start, end = attribute.span(2 if attribute[2] is not None else 3)
        found[f"@{attribute[1].lower()}"] = text.slice(base + start, base + end)
    return found


def _element(name: MappedText, attributes: dict, children: list, text: MappedText) -> Record:
    return Record({NAME: name, TEXT: text, CHILDREN: Parts(dict(enumerate(children, 1))), **attributes})


def method(held: Record, name: str, args: list[Value]) -> Value:
    """What a PBDOM document's or element's function ``name`` gives for ``args``; None when not known."""
    fields = held.fields
    if name == "getrootelement" and ROOT in fields:
        return fields[ROOT]
    if NAME not in fields:
        return None
    if name == "getname":
        return fields[NAME]
    if name in ("gettext", "gettexttrim"):
        return fields[TEXT]
    if name == "getattributevalue" and args and isinstance(args[0], MappedText) and args[0].complete:
        return fields.get(f"@{args[0].text.lower()}")
    if name == "getchildelement" and args and isinstance(args[0], MappedText) and args[0].complete:
        return next((child for child in fields[CHILDREN].items.values()
                     if child.fields[NAME].text == args[0].text), None)
    return None


def children(held: Value) -> Optional[Parts]:
    """The child elements ``GetChildElements(ref elements[])`` gives an element; None for any other value."""
    return held.fields[CHILDREN] if isinstance(held, Record) and NAME in held.fields else None


def is_dom(value: Value) -> bool:
    """Whether ``value`` is a PBDOM document or element."""
    return isinstance(value, Record) and (ROOT in value.fields or NAME in value.fields)

"""PBDOM over XML known from the source (``extract/xmldom.py``)."""
from __future__ import annotations

from powerfill_nvo.extract import xmldom
from powerfill_nvo.sourcemap import MappedText


def _xml(text: str) -> MappedText:
    return MappedText.from_source("n_mig.sru", text, 40, 5)


def test_elements_attributes_and_texts_keep_their_places():
    document = xmldom.parse(_xml('<?xml version="1.0"?>\n<plan release="7">\n'
                                 '  <column table="pfill_pool" name=\'div_by\'/>\n'
                                 '  <note>kept <![CDATA[as is]]></note>\n</plan>'))
    root = xmldom.method(document, "getrootelement", [])
    assert xmldom.method(root, "getname", []).text == "plan"
    column, note = xmldom.children(root).items.values()
    table = xmldom.method(column, "getattributevalue", [_xml("TABLE")])
    assert (table.text, table.lines.tolist(), table.cols[0]) == ("pfill_pool", [42] * 10, 18)
    assert xmldom.method(column, "getattributevalue", [_xml("name")]).text == "div_by"
    assert xmldom.method(note, "gettext", []).text == "kept as is"
    assert xmldom.method(root, "getchildelement", [_xml("note")]) is note
    assert xmldom.method(column, "getattributevalue", [_xml("type")]) is None


def test_broken_xml_or_an_entity_is_no_document():
    assert xmldom.parse(_xml("<a><b></a>")) is None
    assert xmldom.parse(_xml("<a/><b/>")) is None
    assert xmldom.parse(_xml('<a name="x &amp; y"/>')) is None
    assert xmldom.parse(_xml("text <a/>")) is None

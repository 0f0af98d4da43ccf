"""The jinja2 environment over the templates shipped in ``powerfill_nvo/templates``."""
from __future__ import annotations

import functools
from typing import Iterator

import jinja2

#: Characters gathered before a rendered piece is handed on (fewer, larger writes).
PIECE_SIZE = 1 << 16


@functools.lru_cache(maxsize=None)
def environment(html: bool) -> jinja2.Environment:
    """Autoescaping for HTML; SQL templates receive text that is already quoted and validated."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("powerfill_nvo", "templates"),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(name: str, **context) -> str:
    return environment(name.endswith(".html.j2")).get_template(name).render(**context)


def render_pieces(name: str, **context) -> Iterator[str]:
    """The template rendered as it is consumed, in pieces of about ``PIECE_SIZE`` characters: a large page is
    never held whole in memory."""
    pending: list[str] = []
    size = 0
    for piece in environment(name.endswith(".html.j2")).get_template(name).generate(**context):
        pending.append(piece)
        size += len(piece)
        if size >= PIECE_SIZE:
            yield "".join(pending)
            pending, size = [], 0
    if pending:
        yield "".join(pending)

"""The jinja2 environment over the templates shipped in ``powerfill_nvo/templates``."""
from __future__ import annotations

import functools

import jinja2


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

"""The plugin's Jinja templates (``templates/partials/palimpsest/``) rendered outside MkDocs.

Generated parts of pages (the document header, the comparison pages, the home summary that
replaces a marker in a hand-written page) are written into the
generated Markdown as the HTML of a template rendered from the page's data, so that the MkDocs
plugin and ``palimpsest build-markdown`` (plain MkDocs, ProperDocs, Zensical) publish the same
HTML, and a designer changes the template, not Python.

The environment mirrors MkDocs' theme environment: **no autoescape**. Every value a contributor
wrote (title, body, symbol, sponsors…) must be written with ``| e`` in the templates; values
that are already safe HTML (sanitized notes) are written with ``| safe``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

from .raw_blocks import raw_block

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=False,  # as in MkDocs' theme environment: the templates escape with | e
        keep_trailing_newline=False,
    )


def render_partial(name: str, **data: Any) -> str:
    """``partials/palimpsest/<name>.html`` rendered with ``data``, as one raw block of HTML
    with no blank line (``raw_blocks.py``: Markdown passes it through untouched; the MkDocs
    plugin lifts it out before conversion)."""
    html = environment().get_template(f"partials/palimpsest/{name}.html").render(**data)
    return raw_block("\n".join(line for line in html.splitlines() if line.strip()))

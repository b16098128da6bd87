"""Render one of the plugin's Jinja partials outside MkDocs (the home summary, which replaces
a marker in a hand-written page, in both the plugin and ``palimpsest build-markdown``).
The partials use no MkDocs-specific filter; every contributor value is escaped in them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


@lru_cache(maxsize=None)
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=False,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=False)


def render_partial(name: str, **context) -> str:
    return _env().get_template(name).render(**context).strip()

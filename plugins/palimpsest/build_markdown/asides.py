"""The per-clause asides (lineage, notes) of an exported page: the plugin's aside partial
rendered with plain Jinja2, and the Python-Markdown extension
(``markdown_extensions: [palimpsest.build_markdown.asides]``) that puts the HTML in place.

The asides travel in the Markdown as the same empty marker the plugin fills, carrying their
rendered HTML (base64) in an attribute; the extension swaps it in after conversion, as the
plugin's ``on_page_content`` does. (Raw multi-line HTML inside ``md_in_html`` divs is
re-nested by Python-Markdown, so it cannot go into the Markdown as it is.)
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from markdown import Extension
from markdown.postprocessors import Postprocessor

from ..package_data import ASIDE_TEMPLATE

EXTENSION_NAME = "palimpsest.build_markdown.asides"  # as listed in the exported mkdocs.yml

_CARRIED = re.compile(
    r'<aside class="pal-aside" data-anchor="([a-z0-9-]+)" data-palimpsest-html="([A-Za-z0-9+/=]*)"></aside>'
)


def aside_renderer(templates_dirs: list[Path]):
    """The aside partial as a function ``(clause, document) -> html`` (plain Jinja2, the
    templates use no MkDocs-specific filter)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in templates_dirs]),
        autoescape=False,  # as in MkDocs' theme environment
        keep_trailing_newline=False,
    )
    template = env.get_template(ASIDE_TEMPLATE)
    return lambda clause, document: template.render(clause=clause, document=document, page=None, config=None).strip()


def carried_marker(anchor: str, html: str) -> str:
    return f'<aside class="pal-aside" data-anchor="{anchor}" data-palimpsest-html="{base64.b64encode(html.encode()).decode()}"></aside>'


class AsidesExtension(Extension):
    """Python-Markdown extension: the carried asides → their HTML (see ``carried_marker``)."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown API
        md.postprocessors.register(_AsidePostprocessor(md), "palimpsest_asides", 0)


class _AsidePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return _CARRIED.sub(lambda m: base64.b64decode(m.group(2)).decode(), text)


def makeExtension(**kwargs) -> AsidesExtension:  # noqa: N802 - Python-Markdown API
    return AsidesExtension(**kwargs)

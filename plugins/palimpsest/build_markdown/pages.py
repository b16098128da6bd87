"""A rendered document page (``render.RenderedPage``) as a static Markdown file: its asides
rendered and carried in their markers (``asides.py``), and its front matter."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..render import ASIDE_MARKER_RE, RenderedPage
from .asides import carried_marker


def static_page(page: RenderedPage, render_aside, page_data: bool = True) -> str:
    """The page's Markdown with the asides rendered and (``page_data``) the page data in its
    front matter."""
    markdown = page.markdown
    front: dict[str, Any] = {}
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 4)
        front = yaml.safe_load(markdown[4:end]) or {}
        markdown = markdown[end + len("\n---\n") :]
    clauses = page.meta.get("clauses", {})

    def aside(match: re.Match[str]) -> str:
        data = clauses.get(match.group(1))
        html = render_aside(data, page.meta) if data is not None else ""
        return carried_marker(match.group(1), html) if html else ""

    markdown = re.sub(ASIDE_MARKER_RE, aside, markdown)
    if page_data:
        front["palimpsest"] = page.meta
    header = yaml.dump(front, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n{markdown}"

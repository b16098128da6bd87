"""Where contributor values become page text: one definition of HTML escaping for the core.

* ``html(value)``: text or attribute value in HTML (``& < > " '`` escaped; MarkupSafe, the
  library Jinja itself escapes with); ``html_text(value)``: text between tags (``& < >``).
* ``front_matter(title=…, description=…)``: the YAML front matter of a generated page. MkDocs'
  Jinja environment does not autoescape and Material prints ``page.meta.title`` and
  ``page.meta.description`` raw (in ``<title>``, ``<meta name="description">``, the header bar),
  so every value handed to the theme is HTML-escaped here, once; JSON-quoted so YAML keeps it
  verbatim.

Templates of the plugin write contributor values with ``| e``; Markdown text goes through
``inline.escape_md``.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import escape


def html(value: Any) -> str:
    return str(escape("" if value is None else str(value)))


def html_text(value: str) -> str:
    """Text between tags: ``& < >`` escaped (quotes are text there, as Markdown leaves them)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


THEME_PRINTS_RAW = ("title", "description")  # page.meta keys Material writes into the page unescaped


def front_matter_json(front: dict[str, Any]) -> str:
    """A generated page's whole front matter as one line of JSON (JSON is YAML: fast to parse,
    every value quoted), with the values the theme prints raw HTML-escaped; the page's data
    (read by the plugin's templates, which escape with ``| e``) is left as it is."""
    safe = {k: (html(v) if k in THEME_PRINTS_RAW else v) for k, v in front.items()}
    return "---\n" + json.dumps(safe, ensure_ascii=False, sort_keys=True) + "\n---\n"


def front_matter(*, hide: tuple[str, ...] = (), **fields: Any) -> list[str]:
    """Front matter lines (with the ``---`` fences and a blank line after) for values the
    theme prints raw; ``hide``: Material's page-level ``hide`` list (``toc``, ``navigation``)."""
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}: {json.dumps(html(value), ensure_ascii=False)}")
    if hide:
        lines += ["hide:", *(f"  - {name}" for name in hide)]
    return lines + ["---", ""]

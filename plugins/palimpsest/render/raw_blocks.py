"""HTML that a page carries through Markdown untouched, without paying for Markdown's HTML parser.

The generated parts of pages that are HTML already (a template rendered from data: a document's
header, clauses and notes, a comparison, a lineage list, the home summary) are written into the page's Markdown between two
comments, ``<!-- palimpsest:raw -->`` and ``<!-- /palimpsest:raw -->``. Any Markdown generator
passes such a block through as raw HTML (``palimpsest build-markdown``'s pages keep them); but
Python-Markdown reads every raw block with its HTML parser, which costs more than the rest of
the conversion on a large corpus. So the MkDocs plugin lifts the blocks out before conversion
(``lift``: each becomes a one-line placeholder comment carrying a token of this build) and puts
them back in the converted HTML (``restore``). The HTML published is the same either way.

The markers come only from the plugin's own templates: text a contributor wrote reaches a page
escaped (``<`` as ``&lt;``) or sanitized (comments dropped), and a placeholder holds this
build's random token.
"""

from __future__ import annotations

import re
import secrets

RAW_OPEN = "<!-- palimpsest:raw -->"
RAW_CLOSE = "<!-- /palimpsest:raw -->"
_BLOCK_RE = re.compile(re.escape(RAW_OPEN) + r"\n?(.*?)\n?" + re.escape(RAW_CLOSE), re.S)


def raw_block(html: str) -> str:
    """``html`` (no blank line inside) as a raw block for the page's Markdown."""
    return f"{RAW_OPEN}\n{html}\n{RAW_CLOSE}"


def raw_inline(html: str) -> str:
    """``html`` (one line) as raw HTML inside a line of Markdown, e.g. a note's call-out in a
    heading: lifted, it is a comment, which the ``toc`` extension leaves out of the heading's
    id (as it leaves out the ``footnotes`` extension's own call-outs)."""
    return f"{RAW_OPEN}{html}{RAW_CLOSE}"


class RawBlocks:
    """The raw blocks lifted out of pages, by page, until their HTML is back."""

    def __init__(self) -> None:
        self._token = secrets.token_hex(8)
        self._placeholder = re.compile(rf"<!-- palimpsest:raw {self._token} (\d+) -->")
        self._blocks: dict[str, list[str]] = {}

    def lift(self, page: str, markdown: str) -> str:
        """``markdown`` with each raw block replaced by a placeholder comment."""
        if RAW_OPEN not in markdown:
            return markdown
        blocks = self._blocks.setdefault(page, [])

        def keep(m: re.Match[str]) -> str:
            blocks.append(m.group(1))
            return f"<!-- palimpsest:raw {self._token} {len(blocks) - 1} -->"

        return _BLOCK_RE.sub(keep, markdown)

    def restore(self, page: str, html: str) -> tuple[str, set[str]]:
        """The converted ``html`` of ``page`` with its blocks back in place of their placeholders
        (a comment on its own lines is a raw block to Markdown: it comes out as it went in),
        and the ``id`` values of the blocks put back: MkDocs learns a page's anchors from its
        Markdown, and validates the links to them."""
        blocks = self._blocks.pop(page, None)
        if not blocks:
            return html, set()
        ids: set[str] = set()

        def put(m: re.Match[str]) -> str:
            i = int(m.group(1))
            if i >= len(blocks):
                return ""
            ids.update(_ID_RE.findall(blocks[i]))
            return blocks[i]

        return self._placeholder.sub(put, html), ids


# the plugin's templates write every attribute in double quotes, values escaped
_ID_RE = re.compile(r'\sid="([^"]+)"')

"""The pages lineage adds to the site, as ``[(src_uri, markdown)]``: one comparison page per
document with a predecessor (``lineage_pages.py``), the corpus map (``corpus_map.py``) and one
full lineage list per document (``lineage_lists.py``). Imports point one way: these modules use
``lineage_view`` (the per-clause view models), never the reverse."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Document
from .corpus_map import corpus_map_page
from .lineage_lists import lineage_list_pages
from .lineage_pages import comparison_pages
from .lineage_view import CorpusLinks
from .site import SiteContext


def lineage_pages(
    lin, docs_by_slug: Mapping[str, Document], ctx: SiteContext, links: CorpusLinks | None = None
) -> list[tuple[str, str]]:
    """``links``: the corpus' links (``lineage_view.CorpusLinks``), when the caller has them."""
    return [
        *comparison_pages(lin, docs_by_slug, ctx),
        corpus_map_page(lin, docs_by_slug, ctx),
        *lineage_list_pages(lin, docs_by_slug, ctx, links),
    ]

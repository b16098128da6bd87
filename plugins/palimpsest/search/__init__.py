"""Search: what the Pagefind index holds for each page (``search.records``) and the index
build over the finished site (``search.pagefind``). Plain Python: no MkDocs import."""

from .pagefind import PAGEFIND_DIR, SearchIndexError, build_index
from .records import KIND_LABELS, search_data, search_filters, symbol_keys

__all__ = [
    "KIND_LABELS",
    "PAGEFIND_DIR",
    "SearchIndexError",
    "build_index",
    "search_data",
    "search_filters",
    "symbol_keys",
]

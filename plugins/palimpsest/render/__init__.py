"""Document → Markdown page + page meta, the home listing, the JSON export (no MkDocs here)."""

from .export import document_record, dumps, index_record
from .home import LISTING_MARKER, documents_listing
from .page import ASIDE_MARKER_RE, RenderedPage, page_meta, render_document
from .site import SiteContext

__all__ = [
    "ASIDE_MARKER_RE",
    "LISTING_MARKER",
    "RenderedPage",
    "SiteContext",
    "document_record",
    "documents_listing",
    "dumps",
    "index_record",
    "page_meta",
    "render_document",
]

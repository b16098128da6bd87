"""Browsing the corpus: the home summary (bodies and sessions, with counts, latest first) and
one listing page per session — or per body when its documents carry no session — as data.

Pages are generated Markdown files whose front matter holds everything the template
``palimpsest/listing.html`` shows (``template:`` and ``palimpsest:`` keys), so the same files
build with the plugin and from ``palimpsest build-markdown``. Their size does not grow with
the corpus beyond one session: a listing holds at most ``PAGE_ROWS`` documents, then goes on
to a numbered next page (``browse/general-assembly/78/2/``).

* ``browse/index.md``: every body and its sessions;
* ``browse/<body>/index.md``: the sessions of one body (and its documents without a session);
* ``browse/<body>/<session>/index.md``: the documents of one session, newest first.

Rows: date, symbol, title, committee (or the committee's report), agenda item, clause count,
each document's link relative to the listing page. Contributor values are escaped by the
templates (``| e``), never here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Document
from .escape import front_matter_json
from .lineage_view import relative_url
from .site import SiteContext, human_date, sort_date

PAGE_ROWS = 300  # documents per listing page (~120 kB of HTML with Material's chrome)
BROWSE = "browse"
NO_SESSION = "other"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "body"


def ordinal(n: str) -> str:
    if not n.isdigit():
        return n
    k = int(n)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def session_label(session: str) -> str:
    return f"{ordinal(session)} session" if session != NO_SESSION else "Without a session"


def _natural(text: str) -> tuple:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text.lower()))


def _url(ctx: SiteContext, path: str) -> str:
    """Site-relative URL of a folder page (``browse/general-assembly/78/``)."""
    return path + "/" if ctx.use_directory_urls else path + "/index.html"


def _src(path: str) -> str:
    return f"{path}/index.md"


@dataclass(frozen=True)
class Group:
    body: str
    session: str  # "78", or NO_SESSION
    docs: tuple[Document, ...]  # newest first

    @property
    def path(self) -> str:
        return f"{BROWSE}/{slugify(self.body)}/{slugify(self.session)}"

    @property
    def latest(self) -> str:
        return max((sort_date(d.meta) for d in self.docs), default="")


def newest_first(docs: Iterable[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (sort_date(d.meta), _natural(d.meta.symbol)), reverse=True)


def groups(docs: Iterable[Document]) -> dict[str, list[Group]]:
    """{body: [Group per session, latest session first]}, bodies alphabetical."""
    by: dict[str, dict[str, list[Document]]] = {}
    for d in docs:
        session = d.meta.session.strip() or NO_SESSION
        by.setdefault(d.meta.body, {}).setdefault(session, []).append(d)
    out: dict[str, list[Group]] = {}
    for body in sorted(by):
        gs = [Group(body, s, tuple(newest_first(ds))) for s, ds in by[body].items()]
        gs.sort(
            key=lambda g: (g.session != NO_SESSION, _natural(g.session) if g.session != NO_SESSION else (), g.latest),
            reverse=True,
        )
        out[body] = gs
    return out


def row(doc: Document, ctx: SiteContext, here: str) -> dict[str, Any]:
    m = doc.meta
    day = sort_date(m)
    return {
        "symbol": m.symbol,
        "sort_symbol": "".join(f"{int(t):08d}" if t.isdigit() else t for t in re.split(r"(\d+)", m.symbol.lower())),
        "title": m.title,
        "url": relative_url(here, ctx.page_url(doc.slug)),
        "date": day,
        "date_text": human_date(day),
        "draft": m.is_draft,
        "committee": m.committee_report,
        "agenda_item": m.agenda_item,
        "clauses": len(doc.clauses),
    }


def _page(title: str, description: str, data: Mapping[str, Any]) -> str:
    front = {
        "title": title,
        "description": description,
        "template": "palimpsest/listing.html",
        "search": {"exclude": True},
        "hide": ["toc"],
        "palimpsest": data,
    }
    # JSON is YAML: one line, fast to parse, every value quoted (no YAML surprises)
    return front_matter_json(front)


def _group_summary(g: Group, ctx: SiteContext, here: str) -> dict[str, Any]:
    return {
        "label": session_label(g.session),
        "session": g.session,
        "count": len(g.docs),
        "clauses": sum(len(d.clauses) for d in g.docs),
        "latest": g.latest,
        "latest_text": human_date(g.latest),
        "url": relative_url(here, _url(ctx, g.path)),
    }


def summary(docs: list[Document], ctx: SiteContext, here: str) -> dict[str, Any]:
    """The home page's (and ``browse/``'s) view model: bodies, then their sessions, latest
    first, with counts. ``here``: site-relative URL of the page showing it."""
    bodies = []
    for body, gs in groups(docs).items():
        bodies.append(
            {
                "name": body,
                "count": sum(len(g.docs) for g in gs),
                "url": relative_url(here, _url(ctx, f"{BROWSE}/{slugify(body)}")),
                "sessions": [_group_summary(g, ctx, here) for g in gs],
            }
        )
    return {
        "documents": len(docs),
        "clauses": sum(len(d.clauses) for d in docs),
        "bodies": bodies,
        "browse_url": relative_url(here, _url(ctx, BROWSE)),
    }


def listing_pages(docs: list[Document], ctx: SiteContext) -> list[tuple[str, str]]:
    """(src_uri, Markdown) of every browse page."""
    pages: list[tuple[str, str]] = []
    here = _url(ctx, BROWSE)
    data = {"kind": "summary", **summary(docs, ctx, here)}
    pages.append((_src(BROWSE), _page("Browse the corpus", "Every document, by body and session.", data)))
    for body, gs in groups(docs).items():
        body_path = f"{BROWSE}/{slugify(body)}"
        here = _url(ctx, body_path)
        sessions = [_group_summary(g, ctx, here) for g in gs]
        pages.append(
            (
                _src(body_path),
                _page(
                    body,
                    f"Documents of the {body}, by session.",
                    {
                        "kind": "body",
                        "body": body,
                        "count": sum(len(g.docs) for g in gs),
                        "sessions": sessions,
                        "up": relative_url(here, _url(ctx, BROWSE)),
                    },
                ),
            )
        )
        for g in gs:
            chunks = [g.docs[i : i + PAGE_ROWS] for i in range(0, len(g.docs), PAGE_ROWS)] or [()]
            paths = [g.path] + [f"{g.path}/{k}" for k in range(2, len(chunks) + 1)]
            for k, (chunk, path) in enumerate(zip(chunks, paths)):
                here = _url(ctx, path)
                title = (
                    f"{body}, {session_label(g.session)}"
                    if g.session != NO_SESSION
                    else f"{body}: documents without a session"
                )
                if len(chunks) > 1:
                    title += f" (page {k + 1} of {len(chunks)})"
                pages.append(
                    (
                        _src(path),
                        _page(
                            title,
                            f"{len(g.docs)} documents of the {body}, {session_label(g.session)}, newest first.",
                            {
                                "kind": "session",
                                "body": body,
                                "session": g.session,
                                "count": len(g.docs),
                                "first": k * PAGE_ROWS + 1,
                                "last": k * PAGE_ROWS + len(chunk),
                                "rows": [row(d, ctx, here) for d in chunk],
                                "up": relative_url(here, _url(ctx, body_path)),
                                "pages": [
                                    {"number": i + 1, "url": relative_url(here, _url(ctx, p)), "current": i == k}
                                    for i, p in enumerate(paths)
                                ]
                                if len(chunks) > 1
                                else [],
                            },
                        ),
                    )
                )
    return pages

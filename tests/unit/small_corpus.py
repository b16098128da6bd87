"""What the unit tests of pages build by hand: one-clause documents, the site context of the
lineage and corpus-map tests, and a page template's ``content`` block rendered with plain Jinja2
(Material's base template, which it extends, is not there)."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from palimpsest.model import Clause, Document, DocumentMeta, Part
from palimpsest.render import SiteContext

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "plugins" / "palimpsest" / "templates"
SITE_CTX = SiteContext(site_url="https://example.org/site/")


def one_clause_document(
    slug: str,
    symbol: str,
    *,
    title: str,
    adopted: str,
    body: str = "General Assembly",
    session: str = "",
    text: str = "Decides to act,",
) -> Document:
    """A document of one operative paragraph (``op1``)."""
    meta = DocumentMeta(
        slug=slug,
        symbol=symbol,
        title=title,
        body=body,
        adopted=adopted,
        official_url="",
        source="",
        session=session,
    )
    clause = Clause(
        anchor="op1",
        eid="para_1",
        kind="operative",
        number="1",
        label="para. 1",
        parent=None,
        part="",
        text=text,
        line=1,
    )
    return Document(meta=meta, parts=(Part(slug="", title="", items=(clause,)),), footnotes=())


def template_environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)))


def content_block(name: str) -> jinja2.Template:
    """The ``{% block content %}`` of the page template ``name``, as a template of its own."""
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    body = re.search(r"{% block content %}(.*){% endblock %}", source, re.S)
    assert body, f"{name} has no content block"
    return template_environment().from_string(body.group(1))

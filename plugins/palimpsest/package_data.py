"""The files the package ships besides its code, and where they go in a site: the Jinja
templates (theme overrides) and the CSS/JS assets. Read by the MkDocs plugin and by
``palimpsest build-markdown``, so both publish the same files at the same paths."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_DIR = PACKAGE_DIR / "assets"
ASSETS_DEST = "assets/palimpsest"  # in the built site
ASIDE_TEMPLATE = "partials/palimpsest/clause-aside.html"  # the per-clause aside (lineage, notes)

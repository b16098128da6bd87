"""The palimpsest plugin's options in ``mkdocs.yml``, validated by MkDocs' config system.

Each option is documented here (a docstring per option, as mkdocs-autorefs does) and on the
page ``docs/plugin-options.md`` with its default and an example; ``tests/unit/test_config.py``
checks that the two agree. The defaults themselves are ``project.OPTION_DEFAULTS``, which the
plain-Python commands (``palimpsest check``, ``build-markdown``) read too. The only MkDocs
import outside ``plugin.py``: the core never reads this module.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .project import OPTION_DEFAULTS as D  # the one statement of the defaults (plain Python)


class PalimpsestConfig(Config):
    enabled = c.Type(bool, default=D["enabled"])
    """Run the plugin. ``false`` builds the hand-written pages only (no documents, no export)."""

    sources_dir = c.Dir(exists=True, default=D["sources_dir"])
    """The corpus folder, one sub-folder per document, relative to ``mkdocs.yml``. Notes,
    redirects, edit links and ``palimpsest check`` all read documents from here."""

    repo_branch = c.Type(str, default=D["repo_branch"])
    """The branch of ``repo_url`` that the "Source" and "Add a note" links open on GitHub."""

    api_dir = c.Type(str, default=D["api_dir"])
    """Where the JSON export (``index.json``, ``<slug>.json``, ``anchors.lock``) is written,
    relative to the site root."""

    lineage = c.Type(bool, default=D["lineage"])
    """Compute the "evolved from" links, the comparison pages and the corpus map."""

    anchor_lock = c.Type(bool, default=D["anchor_lock"])
    """Fail the build when a published anchor (``anchors.lock``) disappears without a redirect,
    when the lock is missing, or when it lost lines an earlier lock had."""

    search = c.Type(bool, default=D["search"])
    """Build the Pagefind search index of the site after the build (one fragment per query,
    nothing downloaded before the reader searches). ``false`` skips it (a quick preview)."""

    previous_lock = c.Type(str, default=D["previous_lock"])
    """An earlier ``anchors.lock`` (e.g. the one the deployed site publishes) whose entries the
    current lock must all keep. Empty: only the lock committed in git (HEAD) is compared."""

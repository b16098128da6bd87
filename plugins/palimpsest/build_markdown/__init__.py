"""``palimpsest build-markdown OUT/``: the whole site as plain Markdown files + assets on disk.

Any MkDocs-compatible generator — MkDocs without the plugin, the ProperDocs fork, Zensical (which
runs no custom plugins) — can then publish the corpus from ``OUT/``::

    palimpsest build-markdown out/          # writes out/mkdocs.yml, out/docs/, out/overrides/
    cd out && mkdocs build --strict         # or: properdocs build -f mkdocs.yml / zensical build

What is written (no MkDocs import here; the same pipeline and render functions as the plugin):

* ``docs/<slug>/index.md``: each document page (``render.render_document``), its front matter
  holding ``title`` and ``description`` (with ``--page-data`` also the data the plugin puts in
  ``page.meta["palimpsest"]``, under the ``palimpsest`` key, for custom templates); the
  per-clause asides the plugin renders at build time (lineage, notes) are rendered here with
  the same Jinja partials and carried in the plugin's marker, which the Markdown extension of
  ``asides.py`` fills in (``pages.py``);
* the hand-written pages of ``docs/`` copied, the home listing put in place of the
  ``<!-- palimpsest:documents -->`` marker;
* ``docs/api/*.json``: the JSON export; ``docs/assets/palimpsest/*``: the plugin's CSS/JS;
* ``overrides/``: the plugin's templates (``theme.custom_dir``);
* ``mkdocs.yml``: the project's, without the ``palimpsest`` plugin and ``watch``, with the CSS/JS,
  the Markdown extensions the pages need and ``not_in_nav`` for the generated pages
  (``site_config.py``).

Output is deterministic: the same corpus gives byte-identical files. ``OUT/`` is emptied first
(only when it looks like an earlier output or is empty, so a wrong path is never wiped).

Modules: ``asides`` (the aside partial rendered outside MkDocs, and the Python-Markdown
extension that puts it in place), ``pages`` (a rendered page as a static Markdown file),
``site_config`` (the mkdocs.yml of the plain build), ``writer`` (the whole output folder),
``command`` (the ``build-markdown`` subcommand).
"""

from .command import COMMAND
from .writer import MarkdownSite, build_markdown

__all__ = ["COMMAND", "MarkdownSite", "build_markdown"]

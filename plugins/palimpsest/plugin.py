"""The MkDocs adapter: wires the plain-Python core into a build. Nothing else lives here.

* ``on_config``: the plugin's ``templates/`` become theme overrides (after the site's own
  ``custom_dir``), its CSS/JS join ``extra_css``/``extra_javascript``, the Markdown extensions
  the pages need are switched on (``footnotes``, ``attr_list``, ``md_in_html`` and
  ``palimpsest.render.footnote_numbers``).
* ``on_files``: loads ``sources/``, links citations, runs ``enrich`` (notes, lineage, anchor
  lock and its redirects), generates one page per document
  (``<slug>/index.md``, not in the nav: the site stays linear with thousands of documents), the
  JSON export (``api/index.json``, ``api/<slug>.json``) and the assets.
* ``on_page_markdown``: the home listing in place of ``<!-- palimpsest:documents -->``; the
  document's data into ``page.meta["palimpsest"]``; ``page.edit_url`` → the source folder.
* ``on_page_markdown`` also lifts the raw HTML blocks of generated pages out of Python-Markdown's
  way and ``on_page_content`` puts them back, with their anchors (``render/raw_blocks.py``);
* ``on_page_content``: each aside marker (written after the paragraph of a clause whose meta
  carries extra data: ``lineage``, ``note``…) → the ``partials/palimpsest/clause-aside.html``
  partial rendered with ``page.meta["palimpsest"]["clauses"][anchor]``.
* ``on_page_context``: a document page's hidden table of contents cut to its first heading;
* ``on_post_build``: the Pagefind search index over the built site, reading only the pages it
  may index (all but the generated pages kept out of search; ``search/pagefind.py``).
* ``on_serve``: rebuild when ``sources/`` changes.

Problems in sources are logged at WARNING (``mkdocs build --strict`` fails) with file, line
and fix; ``PluginError`` when the build cannot go on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .config import PalimpsestConfig
from .errors import SourceError
from .model import Document
from .package_data import ASIDE_TEMPLATE, ASSETS_DEST, ASSETS_DIR, TEMPLATES_DIR
from .render import ASIDE_MARKER_RE, LISTING_MARKER, RenderedPage, SiteContext, documents_listing
from .render.footnote_numbers import FootnoteNumbersExtension
from .render.raw_blocks import RawBlocks
from .search import SearchIndexError, build_index
from .site_build import generate_site

log = get_plugin_logger(__name__)

REQUIRED_EXTENSIONS = ("footnotes", "attr_list", "md_in_html")


class PalimpsestPlugin(BasePlugin[PalimpsestConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.pages: dict[str, RenderedPage] = {}
        self.ctx = SiteContext()
        self._aside = None
        self._unindexed: set[str] = set()  # generated pages kept out of search
        self._meta: dict[str, dict] = {}  # src_uri → page.meta of generated pages (template data)
        self._raw = RawBlocks()  # HTML blocks kept out of Markdown's way (render/raw_blocks.py)
        self._indexed: set[str] = set()  # site paths of the pages Pagefind reads

    # --- configuration ----------------------------------------------------------------------

    def project_root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()

    def sources_path(self, config) -> Path:
        # c.Dir has made the option an absolute path (relative to mkdocs.yml) and checked it
        return Path(self.config.sources_dir).resolve()

    def on_config(self, config):
        self._aside = None
        if not self.config.enabled:
            return config
        theme_dirs = config.theme.dirs
        templates = str(TEMPLATES_DIR)
        if templates not in theme_dirs:
            # after the site's own custom_dir (which must win), before the theme's templates
            at = 1 if config.theme.custom_dir else 0
            theme_dirs.insert(at, templates)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        if not any(isinstance(e, FootnoteNumbersExtension) for e in config.markdown_extensions) and (
            "palimpsest.render.footnote_numbers" not in config.markdown_extensions
        ):
            config.markdown_extensions.append(FootnoteNumbersExtension())
        for asset in sorted(ASSETS_DIR.glob("*.css")):
            if f"{ASSETS_DEST}/{asset.name}" not in config.extra_css:
                config.extra_css.append(f"{ASSETS_DEST}/{asset.name}")
        scripts = [str(s) for s in config.extra_javascript]
        for asset in sorted(ASSETS_DIR.glob("*.js")):
            if f"{ASSETS_DEST}/{asset.name}" not in scripts:
                config.extra_javascript.append(f"{ASSETS_DEST}/{asset.name}")
        self.ctx = SiteContext(
            site_url=config.site_url or "",
            repo_url=(config.repo_url or "").rstrip("/"),
            repo_branch=self.config.repo_branch,
            use_directory_urls=config.use_directory_urls,
            api_dir=self.config.api_dir.strip("/"),
        )
        return config

    # --- files ------------------------------------------------------------------------------

    def on_files(self, files: Files, config) -> Files:
        if not self.config.enabled:
            return files
        sources = self.sources_path(config)
        if not sources.is_dir():
            raise PluginError(
                f"palimpsest: the sources folder {sources} does not exist. Fix: create it (one folder "
                f"per document) or set `sources_dir` of the palimpsest plugin in mkdocs.yml."
            )
        try:
            previous = (self.config.previous_lock,) if self.config.previous_lock else ()
            site = generate_site(
                sources,
                self.project_root(config),
                self.ctx,
                lineage=self.config.lineage,
                lock=self.config.anchor_lock,
                previous_locks=previous,
            )
        except SourceError as err:  # the loader gave up on the whole corpus
            raise PluginError(err.message) from err
        for problem in site.errors:
            log.warning(problem.message)
        self.docs, self.ctx = site.docs, site.ctx
        self.pages = {}
        for page in site.pages:
            self.pages[page.src_uri] = page
            self._add(files, File.generated(config, page.src_uri, content=page.markdown), not_in_nav=True)
        for path, data in site.data:
            self._add(files, File.generated(config, path, content=data))
        in_nav = set(_nav_paths(config.nav))
        # comparisons, the corpus map, listings: lineage and diffs are not searchable
        self._unindexed = {src for src, _ in site.extra_pages}
        self._meta = {}
        for src_uri, markdown in site.extra_pages:
            markdown = self._keep_meta(src_uri, markdown)
            self._add(files, File.generated(config, src_uri, content=markdown), not_in_nav=src_uri not in in_nav)
        for asset in sorted(ASSETS_DIR.iterdir()):
            if asset.is_file():
                self._add(files, File.generated(config, f"{ASSETS_DEST}/{asset.name}", abs_src_path=str(asset)))
        # what Pagefind reads: every page but the generated ones kept out of search (a
        # hand-written page that excludes itself has no data-pagefind-body: Pagefind skips it).
        # Known here, not from the pages built, so that a `--dirty` rebuild indexes them all.
        self._indexed = {f.dest_uri for f in files.documentation_pages() if f.src_uri not in self._unindexed}
        return files

    def _keep_meta(self, src_uri: str, markdown: str) -> str:
        """Generated pages carry their template data as JSON front matter (valid YAML, for
        ``build-markdown``); here it is parsed once with ``json`` and handed to ``page.meta``
        in ``on_page_markdown`` — PyYAML would take seconds on a large corpus' pages."""
        if not markdown.startswith("---\n{"):
            return markdown
        head, sep, body = markdown[4:].partition("\n---\n")
        try:
            meta = json.loads(head)
        except ValueError:
            return markdown
        self._meta[src_uri] = meta
        return "---\n" + json.dumps({"title": meta.get("title", "")}, ensure_ascii=False) + "\n---\n" + body

    def _add(self, files: Files, file: File, not_in_nav: bool = False) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            if existing.generated_by is None:
                log.warning(
                    f"docs/{file.src_uri} hides the page palimpsest generates at that path. "
                    f"Fix: rename or remove docs/{file.src_uri}."
                )
            files.remove(existing)
        if not_in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)

    # --- pages ------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page, config, files):
        if not self.config.enabled:
            return markdown
        return self._raw.lift(page.file.src_uri, self._page_markdown(markdown, page))

    def _page_markdown(self, markdown: str, page) -> str:
        rendered = self.pages.get(page.file.src_uri)
        if rendered is not None:
            page.meta["palimpsest"] = rendered.meta
            if rendered.meta.get("edit_url"):
                page.edit_url = rendered.meta["edit_url"]
            return markdown
        if page.file.src_uri in self._meta:
            page.meta.update(self._meta[page.file.src_uri])
        if page.file.src_uri in self._unindexed:
            search = page.meta.setdefault("search", {})
            if isinstance(search, dict):
                search["exclude"] = True
        if LISTING_MARKER in markdown:
            listing = documents_listing(self.docs, self.ctx, page.file.src_uri)
            return markdown.replace(LISTING_MARKER, listing)
        return markdown

    def on_page_content(self, html: str, page, config, files):
        if not self.config.enabled:
            return html
        html, ids = self._raw.restore(page.file.src_uri, html)
        if ids and page.present_anchor_ids is not None:
            page.present_anchor_ids |= ids  # MkDocs validates links to anchors in these blocks
        meta = page.meta.get("palimpsest")
        if not meta or 'class="pal-aside"' not in html:
            return html
        clauses = meta.get("clauses", {})
        template = self._aside_template(config)

        def aside(match: re.Match[str]) -> str:
            data = clauses.get(match.group(1))
            if data is None:
                return ""
            return template.render(clause=data, document=meta, page=page, config=config).strip()

        return re.sub(ASIDE_MARKER_RE, aside, html)

    def on_page_context(self, context, page, config, nav):
        if self.config.enabled and page.file.src_uri in self.pages and page.toc:
            # a document page hides its table of contents (the margin panel takes its place), but
            # Material still writes it into the page, hidden: of it keep the first heading, the
            # target of the "Skip to content" link
            first = page.toc.items[0]
            page.toc = TableOfContents([AnchorLink(first.title, first.id, first.level)])
        return context

    def _aside_template(self, config):
        # page content is rendered before on_env, so the theme's environment is built here
        if self._aside is None:
            self._aside = config.theme.get_env().get_template(ASIDE_TEMPLATE)
        return self._aside

    def on_post_build(self, config):
        if not self.config.enabled or not self.config.search:
            return
        try:
            pages = sorted(self._indexed)
            build_index(Path(config.site_dir), keep_index_url=not config.use_directory_urls, pages=pages)
        except SearchIndexError as err:
            raise PluginError(f"palimpsest: {err}") from err

    def on_serve(self, server, config, builder):
        if not self.config.enabled:
            return server
        sources = self.sources_path(config)
        if sources.is_dir():
            server.watch(str(sources))
        return server


def _nav_paths(nav) -> list[str]:
    """The Markdown paths named in mkdocs.yml's ``nav`` (a generated page may be listed there,
    e.g. ``corpus-map/index.md``)."""
    out: list[str] = []
    if isinstance(nav, str):
        out.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            out.extend(_nav_paths(item))
    elif isinstance(nav, dict):
        for value in nav.values():
            out.extend(_nav_paths(value))
    return out

"""``palimpsest build-markdown OUT/``: the whole site as plain Markdown files + assets on disk.

Any MkDocs-compatible generator — MkDocs without the plugin, the ProperDocs fork, Zensical (which
runs no custom plugins) — can then publish the corpus from ``OUT/``::

    palimpsest build-markdown out/          # writes out/mkdocs.yml, out/docs/, out/overrides/
    cd out && mkdocs build --strict         # or: properdocs build -f mkdocs.yml / zensical build

What is written (no MkDocs import here; the same render functions as the plugin):

* ``docs/<slug>/index.md``: each document page (``render.render_document``), its front matter
  holding ``title`` and ``description`` (with ``--page-data`` also the data the plugin puts
  in ``page.meta["palimpsest"]``, under the ``palimpsest`` key, for custom templates); the per-clause asides the plugin renders at build time (lineage, notes) are rendered
  here with the same Jinja partials (``templates/partials/palimpsest/clause-aside.html``) and
  carried in the plugin's marker, which this module's Markdown extension fills in;
* the hand-written pages of ``docs/`` copied, the home listing put in place of the
  ``<!-- palimpsest:documents -->`` marker;
* ``docs/api/*.json``: the JSON export; ``docs/assets/palimpsest/*``: the plugin's CSS/JS;
* ``overrides/``: the plugin's templates (``theme.custom_dir``);
* ``mkdocs.yml``: the project's, without the ``palimpsest`` plugin and ``watch``, with the CSS/JS,
  the Markdown extensions the pages need and ``not_in_nav`` for the generated pages.

Output is deterministic: the same corpus gives byte-identical files. ``OUT/`` is emptied first
(only when it looks like an earlier output or is empty, so a wrong path is never wiped).
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown import Extension
from markdown.postprocessors import Postprocessor

from .contributor_files import read_text
from .errors import SourceError
from .render import ASIDE_MARKER_RE, LISTING_MARKER, RenderedPage, SiteContext, documents_listing
from .site_build import generate_site

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_DIR = PACKAGE_DIR / "assets"
ASSETS_DEST = "assets/palimpsest"
ASIDE_TEMPLATE = "partials/palimpsest/clause-aside.html"
EXTENSIONS = (
    "footnotes",
    "attr_list",
    "md_in_html",
    "palimpsest.render.footnote_numbers",
    "palimpsest.export_markdown",
)
STAMP = ".palimpsest-build-markdown"  # marks an output folder this command may empty


@dataclass
class MarkdownSite:
    """What ``build_markdown`` wrote (paths relative to OUT/) and the corpus problems."""

    files: list[str] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    documents: int = 0


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping ``!ENV``/``!!python/name:`` values as plain tagged strings."""


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(suffix, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(suffix, loader.construct_sequence(node))
    assert isinstance(node, yaml.MappingNode)
    return _Tagged(suffix, loader.construct_mapping(node))


@dataclass(frozen=True)
class _Tagged:
    tag: str
    value: Any


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _keep_tag(loader, "!" + suffix, node))
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: _keep_tag(loader, "tag:yaml.org,2002:python/" + suffix, node),
)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, t: _Tagged):
    if isinstance(t.value, list):
        return dumper.represent_sequence(t.tag, t.value)
    if isinstance(t.value, dict):
        return dumper.represent_mapping(t.tag, t.value)
    return dumper.represent_scalar(t.tag, t.value)


_Dumper.add_representer(_Tagged, _represent_tagged)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        config = yaml.load(read_text(config_file), Loader=_Loader) or {}  # noqa: S506 - a SafeLoader subclass
    except (OSError, yaml.YAMLError) as err:
        raise SourceError(
            str(config_file),
            getattr(getattr(err, "problem_mark", None), "line", 0) + 1,
            f"Cannot read the site configuration: {err}",
            "Fix mkdocs.yml (it must be valid YAML).",
        ) from err
    if not isinstance(config, dict):
        raise SourceError(str(config_file), 1, "The site configuration is not a mapping.", "Fix mkdocs.yml.")
    return config


def _env_value(value: Any) -> Any:
    """An ``!ENV VAR`` / ``!ENV [VAR, …, default]`` option as MkDocs resolves it."""
    if not (isinstance(value, _Tagged) and value.tag == "!ENV"):
        return value
    names = value.value if isinstance(value.value, list) else [value.value]
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None


def _plugin_config(config: Mapping[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, Mapping) and "palimpsest" in entry:
            return {k: _env_value(v) for k, v in dict(entry["palimpsest"] or {}).items()}
    return {}


def site_context(config: Mapping[str, Any]) -> SiteContext:
    plugin = _plugin_config(config)
    return SiteContext(
        site_url=str(config.get("site_url") or ""),
        repo_url=str(config.get("repo_url") or "").rstrip("/"),
        repo_branch=str(plugin.get("repo_branch", "main")),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        api_dir=str(plugin.get("api_dir", "api")).strip("/"),
    )


def aside_renderer(templates_dirs: list[Path]):
    """The aside partial as a function ``(clause, document) -> html`` (plain Jinja2, the
    templates use no MkDocs-specific filter)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in templates_dirs]),
        autoescape=False,  # as in MkDocs' theme environment
        keep_trailing_newline=False,
    )
    template = env.get_template(ASIDE_TEMPLATE)
    return lambda clause, document: template.render(clause=clause, document=document, page=None, config=None).strip()


# The asides travel in the Markdown as the same empty marker the plugin fills, carrying their
# rendered HTML (base64) in an attribute; the Markdown extension of this module
# (``markdown_extensions: [palimpsest.export_markdown]``) swaps it in after conversion, as the
# plugin's on_page_content does. (Raw multi-line HTML inside ``md_in_html`` divs is re-nested
# by Python-Markdown, so it cannot go into the Markdown as it is.)
_CARRIED = re.compile(
    r'<aside class="pal-aside" data-anchor="([a-z0-9-]+)" data-palimpsest-html="([A-Za-z0-9+/=]*)"></aside>'
)


def carried_marker(anchor: str, html: str) -> str:
    return f'<aside class="pal-aside" data-anchor="{anchor}" data-palimpsest-html="{base64.b64encode(html.encode()).decode()}"></aside>'


class AsidesExtension(Extension):
    """Python-Markdown extension: the carried asides → their HTML (see ``carried_marker``)."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown API
        md.postprocessors.register(_AsidePostprocessor(md), "palimpsest_asides", 0)


class _AsidePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return _CARRIED.sub(lambda m: base64.b64decode(m.group(2)).decode(), text)


def makeExtension(**kwargs) -> AsidesExtension:  # noqa: N802 - Python-Markdown API
    return AsidesExtension(**kwargs)


def static_page(page: RenderedPage, render_aside, page_data: bool = True) -> str:
    """The page's Markdown with the asides rendered and (``page_data``) the page data in its
    front matter."""
    markdown = page.markdown
    front: dict[str, Any] = {}
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 4)
        front = yaml.safe_load(markdown[4:end]) or {}
        markdown = markdown[end + len("\n---\n") :]
    clauses = page.meta.get("clauses", {})

    def aside(match: re.Match[str]) -> str:
        data = clauses.get(match.group(1))
        html = render_aside(data, page.meta) if data is not None else ""
        return carried_marker(match.group(1), html) if html else ""

    markdown = re.sub(ASIDE_MARKER_RE, aside, markdown)
    if page_data:
        front["palimpsest"] = page.meta
    header = yaml.dump(front, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n{markdown}"


def not_in_nav_patterns(generated: set[str]) -> list[str]:
    """gitignore-style patterns covering the generated pages (first folder → ``*``), few
    enough for MkDocs to match quickly with thousands of documents."""
    return sorted({"/" + "/".join(["*"] + uri.split("/")[1:]) if "/" in uri else "/" + uri for uri in generated})


def site_config(config: Mapping[str, Any], docs_dir: str, generated: set[str]) -> dict[str, Any]:
    """The project's mkdocs.yml for a plain build of the exported Markdown."""
    out = {k: v for k, v in config.items() if k not in ("watch", "docs_dir", "site_dir")}
    out["docs_dir"] = docs_dir
    plugins = []
    for entry in config.get("plugins") or []:
        name = next(iter(entry)) if isinstance(entry, Mapping) else entry
        if name != "palimpsest":
            plugins.append(entry)
    out["plugins"] = plugins
    extensions = list(config.get("markdown_extensions") or [])
    names = {next(iter(e)) if isinstance(e, Mapping) else e for e in extensions}
    extensions += [e for e in EXTENSIONS if e not in names]
    out["markdown_extensions"] = extensions
    # as the plugin does: every CSS and JS file of assets/, sorted by name
    for key, pattern in (("extra_css", "*.css"), ("extra_javascript", "*.js")):
        listed = list(config.get(key) or [])
        present = {str(x) for x in listed}
        listed += [
            f"{ASSETS_DEST}/{a.name}"
            for a in sorted(ASSETS_DIR.glob(pattern))
            if f"{ASSETS_DEST}/{a.name}" not in present
        ]
        out[key] = listed
    theme = (
        dict(config.get("theme") or {}) if isinstance(config.get("theme"), Mapping) else {"name": config.get("theme")}
    )
    theme.setdefault("custom_dir", "overrides")
    out["theme"] = theme
    # the generated pages stay out of the navigation, as with the plugin
    out["not_in_nav"] = "\n".join(
        filter(None, [str(config.get("not_in_nav") or "").strip(), *not_in_nav_patterns(generated)])
    )
    return out


def _check_output(out: Path) -> None:
    """Refuse an output path build-markdown cannot use, before any work is done."""
    if out.exists() and not out.is_dir():
        raise SourceError(
            str(out),
            1,
            "The output path is a file, not a folder.",
            "Give the path of an empty or new folder (build-markdown writes a whole site into it).",
        )
    if out.exists():
        if any(out.iterdir()) and not (out / STAMP).is_file():
            raise SourceError(
                str(out),
                1,
                "The output folder is not empty and was not written by build-markdown.",
                "Give an empty or new folder (build-markdown empties its output folder first).",
            )


def _reset(out: Path) -> None:
    _check_output(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / STAMP).write_text(
        "written by `palimpsest build-markdown`; the folder is emptied on each run\n", encoding="utf-8"
    )


def build_markdown(
    root: Path, out: Path, config_file: str = "mkdocs.yml", page_data: bool = False, lineage: bool | None = None
) -> MarkdownSite:
    """Write the site as Markdown under ``out`` (see the module docstring). ``page_data=True``
    also writes ``page.meta["palimpsest"]`` into the front matter (only custom templates
    reading the page data need it: the asides are rendered anyway; it is large, and YAML front
    matter is slow to parse). ``lineage`` overrides the
    plugin's ``lineage`` option of mkdocs.yml."""
    root, out = Path(root).resolve(), Path(out).resolve()
    _check_output(out)
    config = read_config(root / config_file)
    plugin = _plugin_config(config)
    docs_src = root / str(config.get("docs_dir", "docs"))
    result = MarkdownSite()
    # the same pipeline as the plugin: load, link, notes + lineage + lock, render
    site = generate_site(
        root / str(plugin.get("sources_dir", "sources")),
        root,
        site_context(config),
        lineage=bool(plugin.get("lineage", True)) if lineage is None else lineage,
        lock=bool(plugin.get("anchor_lock", True)),
        previous_locks=(str(plugin["previous_lock"]),) if plugin.get("previous_lock") else (),
    )
    result.errors = list(site.errors)
    docs, ctx = site.docs, site.ctx
    templates = (
        [root / str(config["theme"]["custom_dir"])]
        if isinstance(config.get("theme"), Mapping) and config["theme"].get("custom_dir")
        else []
    )
    render_aside = aside_renderer(templates + [TEMPLATES_DIR])

    _reset(out)
    written: dict[str, bytes] = {}
    docs_dir = "docs"

    def put(rel: str, data: str | bytes) -> None:
        written[rel] = data.encode("utf-8") if isinstance(data, str) else data

    generated = set()
    for page in site.pages:
        generated.add(page.src_uri)
        put(f"{docs_dir}/{page.src_uri}", static_page(page, render_aside, page_data))
    for path, data in site.data:
        put(f"{docs_dir}/{path}", data)
    for src_uri, markdown in site.extra_pages:  # comparison pages, corpus map
        generated.add(src_uri)
        put(f"{docs_dir}/{src_uri}", markdown)
    if docs_src.is_dir():
        for src in sorted(p for p in docs_src.rglob("*") if p.is_file()):
            rel = src.relative_to(docs_src).as_posix()
            if rel in generated:
                continue  # the generated page wins, as in the plugin
            if src.suffix == ".md":
                text = src.read_text(encoding="utf-8")
                if LISTING_MARKER in text:
                    text = text.replace(LISTING_MARKER, documents_listing(docs, ctx, rel))
                put(f"{docs_dir}/{rel}", text)
            else:
                put(f"{docs_dir}/{rel}", src.read_bytes())
    for asset in sorted(ASSETS_DIR.iterdir()):
        if asset.is_file():
            put(f"{docs_dir}/{ASSETS_DEST}/{asset.name}", asset.read_bytes())
    for tpl in sorted(TEMPLATES_DIR.rglob("*")):
        if tpl.is_file():
            put(f"overrides/{tpl.relative_to(TEMPLATES_DIR).as_posix()}", tpl.read_bytes())
    cfg = site_config(config, docs_dir, generated)
    put(
        "mkdocs.yml",
        "# Written by `palimpsest build-markdown`: the site without the palimpsest plugin.\n"
        + yaml.dump(cfg, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000),
    )

    for rel in sorted(written):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(written[rel])
    result.files = sorted(written)
    result.documents = len(docs)
    return result


# --- command line (registered in cli.COMMANDS) ------------------------------------------


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("out", type=Path, help="output folder (emptied first; created if missing)")
    p.add_argument("--config-file", default="mkdocs.yml", help="site configuration, relative to --root")
    p.add_argument(
        "--page-data",
        action="store_true",
        help="also write each page's data (page.meta['palimpsest']) into its front matter",
    )


def run(args: argparse.Namespace) -> int:
    try:
        site = build_markdown(Path(args.root), args.out, config_file=args.config_file, page_data=args.page_data)
    except SourceError as err:
        print(err.message, file=sys.stderr)
        return 1
    for problem in site.errors:
        print(problem.message)
    if site.errors:
        print(
            f"palimpsest build-markdown: {len(site.errors)} problem(s) in the sources; output written anyway.",
            file=sys.stderr,
        )
        return 1
    print(f"palimpsest build-markdown: {site.documents} documents, {len(site.files)} files written to {args.out}.")
    print(f"Publish with: cd {args.out} && mkdocs build   (or properdocs / zensical build)")
    return 0


COMMAND = (
    "build-markdown",
    "write every page (Markdown + front matter), the JSON export and the assets to a folder, "
    "for any MkDocs-compatible generator",
    configure,
    run,
)

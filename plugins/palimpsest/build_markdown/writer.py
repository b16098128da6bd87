"""The output folder of ``palimpsest build-markdown``: the same pipeline as the plugin
(``site_build.generate_site``), every file written from it, nothing else (see the package
docstring for what is written)."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from ..mkdocs_yml import dump_config, read_config
from ..package_data import ASSETS_DEST, ASSETS_DIR, TEMPLATES_DIR
from ..project import options, site_context
from ..render import LISTING_MARKER, documents_listing
from ..site_build import generate_site
from .asides import aside_renderer
from .pages import static_page
from .site_config import site_config

STAMP = ".palimpsest-build-markdown"  # marks an output folder this command may empty


@dataclass
class MarkdownSite:
    """What ``build_markdown`` wrote (paths relative to OUT/) and the corpus problems."""

    files: list[str] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    documents: int = 0


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
    """Write the site as Markdown under ``out`` (see the package docstring). ``page_data=True``
    also writes ``page.meta["palimpsest"]`` into the front matter (only custom templates
    reading the page data need it: the asides are rendered anyway; it is large, and YAML front
    matter is slow to parse). ``lineage`` overrides the plugin's ``lineage`` option of
    mkdocs.yml."""
    root, out = Path(root).resolve(), Path(out).resolve()
    _check_output(out)
    config = read_config(root / config_file)
    opts = options(config)
    docs_src = root / str(config.get("docs_dir", "docs"))
    result = MarkdownSite()
    # the same pipeline as the plugin: load, link, notes + lineage + lock, render
    site = generate_site(
        root / str(opts["sources_dir"]),
        root,
        site_context(config),
        lineage=bool(opts["lineage"]) if lineage is None else lineage,
        lock=bool(opts["anchor_lock"]),
        previous_locks=(str(opts["previous_lock"]),) if opts["previous_lock"] else (),
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
        "# Written by `palimpsest build-markdown`: the site without the palimpsest plugin.\n" + dump_config(cfg),
    )

    for rel in sorted(written):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(written[rel])
    result.files = sorted(written)
    result.documents = len(docs)
    return result

"""The ``mkdocs.yml`` of the exported site: the project's own, without the palimpsest plugin,
with what the plugin would have added (CSS/JS, Markdown extensions, theme overrides) and the
generated pages kept out of the navigation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..package_data import ASSETS_DEST, ASSETS_DIR
from .asides import EXTENSION_NAME

EXTENSIONS = (
    "footnotes",
    "attr_list",
    "md_in_html",
    "palimpsest.render.footnote_numbers",
    EXTENSION_NAME,
)


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

"""Where a project keeps its things, read from its ``mkdocs.yml`` (the palimpsest plugin's
options), so the command line and ``palimpsest build-markdown`` honour the same options as the
build. Plain Python: no MkDocs import.

``OPTION_DEFAULTS`` is the one statement of the options' defaults: ``config.py`` (the MkDocs
schema) takes its defaults from it, and ``options`` fills them in for the plain-Python
commands."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import SourceError
from .mkdocs_yml import env_value, read_config
from .render import SiteContext

CONFIG_FILE = "mkdocs.yml"

OPTION_DEFAULTS: dict[str, Any] = {
    "enabled": True,
    "sources_dir": "sources",
    "repo_branch": "main",
    "api_dir": "api",
    "lineage": True,
    "anchor_lock": True,
    "search": True,
    "previous_lock": "",
}
DEFAULT_SOURCES_DIR = OPTION_DEFAULTS["sources_dir"]


def configured_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The palimpsest plugin's options as written in a configuration read by ``read_config``
    (``!ENV`` values resolved; {} when the plugin is not listed)."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, Mapping) and "palimpsest" in entry:
            return {k: env_value(v) for k, v in dict(entry["palimpsest"] or {}).items()}
    return {}


def options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The plugin's options with their defaults (``OPTION_DEFAULTS``) filled in."""
    return {**OPTION_DEFAULTS, **configured_options(config)}


def plugin_options(root: Path, config_file: str = CONFIG_FILE) -> dict[str, Any]:
    """The palimpsest plugin's options as written in ``root/mkdocs.yml`` ({} without the file)."""
    path = Path(root) / config_file
    if not path.is_file():
        return {}
    try:
        return configured_options(read_config(path))
    except SourceError:
        return {}


def sources_dir(root: Path, config_file: str = CONFIG_FILE) -> Path:
    return Path(root) / str(plugin_options(root, config_file).get("sources_dir") or DEFAULT_SOURCES_DIR)


def site_context(config: Mapping[str, Any]) -> SiteContext:
    """The render context a configuration describes (site URL, repository, URL style)."""
    opts = options(config)
    return SiteContext(
        site_url=str(config.get("site_url") or ""),
        repo_url=str(config.get("repo_url") or "").rstrip("/"),
        repo_branch=str(opts["repo_branch"]),
        use_directory_urls=bool(config.get("use_directory_urls", True)),
        api_dir=str(opts["api_dir"]).strip("/"),
    )

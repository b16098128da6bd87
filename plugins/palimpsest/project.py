"""Where a project keeps its things, read from its ``mkdocs.yml`` (the palimpsest plugin's
options), so the command line honours the same ``sources_dir`` and ``previous_lock`` as the
build. Plain Python: no MkDocs import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import SourceError

DEFAULT_SOURCES_DIR = "sources"
CONFIG_FILE = "mkdocs.yml"


def plugin_options(root: Path, config_file: str = CONFIG_FILE) -> dict[str, Any]:
    """The palimpsest plugin's options in ``root/mkdocs.yml`` ({} without the file)."""
    from .export_markdown import _plugin_config, read_config

    path = Path(root) / config_file
    if not path.is_file():
        return {}
    try:
        return _plugin_config(read_config(path))
    except SourceError:
        return {}


def sources_dir(root: Path, config_file: str = CONFIG_FILE) -> Path:
    return Path(root) / str(plugin_options(root, config_file).get("sources_dir") or DEFAULT_SOURCES_DIR)

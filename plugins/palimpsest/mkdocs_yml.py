"""``mkdocs.yml`` read and written as plain YAML, without MkDocs: ``!ENV`` and
``!!python/name:`` values are kept as tagged values (``Tagged``), so a configuration read here
and written back (``dump_config``) means to MkDocs what it meant before. ``env_value`` resolves
an ``!ENV`` value as MkDocs does."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .contributor_files import read_text
from .errors import SourceError


@dataclass(frozen=True)
class Tagged:
    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping ``!ENV``/``!!python/name:`` values as plain tagged values."""


def _keep_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return Tagged(suffix, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(suffix, loader.construct_sequence(node))
    assert isinstance(node, yaml.MappingNode)
    return Tagged(suffix, loader.construct_mapping(node))


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _keep_tag(loader, "!" + suffix, node))
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: _keep_tag(loader, "tag:yaml.org,2002:python/" + suffix, node),
)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, t: Tagged):
    if isinstance(t.value, list):
        return dumper.represent_sequence(t.tag, t.value)
    if isinstance(t.value, dict):
        return dumper.represent_mapping(t.tag, t.value)
    return dumper.represent_scalar(t.tag, t.value)


_Dumper.add_representer(Tagged, _represent_tagged)


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


def dump_config(config: dict[str, Any]) -> str:
    """YAML text of a configuration read by ``read_config`` (tags written back, order kept)."""
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def env_value(value: Any) -> Any:
    """An ``!ENV VAR`` / ``!ENV [VAR, …, default]`` option as MkDocs resolves it."""
    if not (isinstance(value, Tagged) and value.tag == "!ENV"):
        return value
    names = value.value if isinstance(value.value, list) else [value.value]
    for name in names[:-1] if len(names) > 1 else names:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return names[-1] if len(names) > 1 else None

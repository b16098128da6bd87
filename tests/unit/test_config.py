"""The plugin's options: validated by MkDocs, documented with their defaults on the options page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config.base import ValidationError  # noqa: F401 - the type MkDocs raises

from palimpsest.config import PalimpsestConfig

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "plugin-options.md").read_text(encoding="utf-8")


def options() -> dict[str, object]:
    return {name: option.default for name, option in PalimpsestConfig._schema}


def test_every_option_has_a_section_with_its_default_and_an_example():
    sections = dict(re.findall(r"^## `([a-z_]+)`\n\n(.*?)(?=^## |\Z)", PAGE, re.S | re.M))
    assert set(sections) == set(options())
    for name, default in options().items():
        shown = {True: "true", False: "false", "": "empty"}.get(default, str(default))  # type: ignore[call-overload]
        assert sections[name].startswith(f"Default: `{shown}`" if shown != "empty" else "Default: empty"), name
        assert f"    {name}:" in sections[name], f"{name}: no example"


def test_every_option_has_a_docstring_in_the_config_module():
    source = (ROOT / "plugins" / "palimpsest" / "config.py").read_text(encoding="utf-8")
    for name in options():
        assert re.search(rf"^    {name} = .*\n    \"\"\"", source, re.M), f"{name} has no docstring"


def _validate(tmp_path: Path, **values):
    config = PalimpsestConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(values)
    return config.validate()


def test_types_are_validated(tmp_path):
    (tmp_path / "sources").mkdir()
    failed, _ = _validate(tmp_path, lineage="sometimes")
    assert [name for name, _ in failed] == ["lineage"]
    failed, _ = _validate(tmp_path, sources_dir="missing")
    assert [name for name, _ in failed] == ["sources_dir"] and "exist" in str(failed[0][1])
    failed, _ = _validate(tmp_path)
    assert failed == []


@pytest.mark.integration
def test_a_disabled_plugin_builds_only_the_hand_written_pages(tmp_path):
    import sys
    from subprocess import run

    (tmp_path / "docs").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hello\n\n<!-- palimpsest:documents -->\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - palimpsest:\n      enabled: false\n", encoding="utf-8"
    )
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file() and not (tmp_path / "site" / "api").exists()


def test_the_defaults_are_stated_once_for_mkdocs_and_the_plain_python_commands():
    from palimpsest.project import OPTION_DEFAULTS

    assert options() == OPTION_DEFAULTS

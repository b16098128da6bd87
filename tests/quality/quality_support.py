"""Helpers shared by the quality gates (imported by name: tests/ folders are not packages)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def load_script(name: str):
    """A module of scripts/ (they are not a package)."""
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run_build(cmd: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **QUIET, **(env or {})})
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(map(str, cmd))}` failed (exit {result.returncode}) in {cwd}:\n"
            f"{(result.stdout + result.stderr)[-5000:]}",
            pytrace=False,
        )
    return result


def site_url() -> str:
    import yaml

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for line in text.splitlines():  # no full YAML load: mkdocs.yml may hold !ENV / !!python tags
        if line.startswith("site_url:"):
            return str(yaml.safe_load(line.split(":", 1)[1]) or "")
    return ""

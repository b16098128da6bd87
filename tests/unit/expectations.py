"""Per-document expectations, one golden file each: ``tests/fixtures/expected/<slug>.yml``.

Each file holds what reading one text shows (counts, cover block, sentences re-joined across
page breaks), written by a person reading the text, never by running the parser. Tests read
them through ``expected``; ``Expected.check`` raises an AssertionError that names the file and
the field, so a failing expectation says where to look.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_DIR = ROOT / "tests" / "fixtures" / "expected"


@dataclass(frozen=True)
class Expected:
    path: Path
    data: dict[str, Any]

    @property
    def file(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def symbol(self) -> str:
        return self.data["symbol"]

    @property
    def text(self) -> Path:
        """The source text the expectations are about."""
        return ROOT / self.data["text"]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __getitem__(self, key: str) -> Any:
        if key not in self.data:
            raise AssertionError(f"{self.file}: no `{key}` (add it, from reading the text)")
        return self.data[key]

    def check(self, what: str, got: Any, want: Any) -> None:
        assert got == want, f"{self.file}: {what}: got {got!r}, expected {want!r}"


@cache
def expected(slug: str) -> Expected:
    path = EXPECTED_DIR / f"{slug}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("symbol") and data.get("text"), f"{path}: needs symbol and text"
    return Expected(path, data)


def slugs_with(key: str) -> list[str]:
    """The documents whose golden file states ``key`` (sorted)."""
    return sorted(p.stem for p in EXPECTED_DIR.glob("*.yml") if key in expected(p.stem).data)

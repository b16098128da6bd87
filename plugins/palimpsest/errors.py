"""Errors a contributor can act on: every one names the file, the line and what to do."""

from __future__ import annotations


class SourceError(Exception):
    """A problem in a file of ``sources/``: raised or collected by the core, reported by the
    plugin (as a warning, so ``mkdocs build --strict`` fails) and by ``palimpsest check``."""

    def __init__(self, path: str, line: int, problem: str, fix: str):
        self.path = path
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.path}:{self.line}: {self.problem} Fix: {self.fix}"

    def github_annotation(self) -> str:
        """The same message as a GitHub Actions workflow command, shown on the PR's diff."""
        text = f"{self.problem} Fix: {self.fix}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line}::{text}"

"""Every read of a file a contributor writes goes through here.

``read_text`` turns the bytes of ``document.yml``, ``annotations.md``, ``redirects.yml``,
``anchors.lock`` or a source text into ``str``, or raises a ``SourceError`` that names the file,
the *line* (not a byte offset) and the fix: not UTF-8, a NUL byte, a file too large, a symbolic
link that leaves the project. ``load_yaml`` parses the YAML files with limits enforced *before*
anything is built from them: no anchors or aliases (an alias bomb is refused at its first
alias, not expanded), a bounded nesting depth and size, and dates kept as the strings the
contributor wrote (so ``2021-02-30`` is a message from the schema check, not a ``ValueError``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError

MiB = 1024 * 1024
# Generous for real files (the largest real source is well under 1 MiB), small enough that a
# mistaken or hostile file cannot stall a build.
SIZE_LIMITS = {".yml": MiB // 4, ".yaml": MiB // 4, ".md": 4 * MiB, ".lock": 32 * MiB}
DEFAULT_SIZE_LIMIT = 16 * MiB
YAML_MAX_DEPTH = 8


def relative(path: Path, project_root: Path | None) -> str:
    """``path`` as the contributor sees it: relative to the project root when inside it."""
    if project_root is not None:
        try:
            return path.absolute().relative_to(Path(project_root).absolute()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def check_inside(path: Path, project_root: Path | None, rel: str) -> None:
    """Refuse a file (or folder) that is, or passes through, a symbolic link leading out of
    the project: it would publish whatever it points at."""
    if project_root is None:
        return
    root = Path(project_root).resolve()
    real = Path(path).resolve()
    if real != root and root not in real.parents:
        raise SourceError(
            rel,
            1,
            f"{rel} is a symbolic link to {real}, outside the project.",
            "Put the file itself in the repository (copy it, do not link it).",
        )


def read_bytes(path: Path, project_root: Path | None = None, *, limit: int | None = None) -> bytes:
    path = Path(path)
    rel = relative(path, project_root)
    check_inside(path, project_root, rel)
    limit = limit if limit is not None else SIZE_LIMITS.get(path.suffix, DEFAULT_SIZE_LIMIT)
    try:
        size = path.stat().st_size
        if size > limit:
            raise SourceError(
                rel,
                1,
                f"The file is {size:,} bytes; the limit for this kind of file is {limit:,}.",
                "Check that this is the right file; split it or remove what does not belong in it.",
            )
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(
            rel, 1, f"The file cannot be read ({exc.strerror or exc}).", "Check that it exists and is a regular file."
        ) from None


def decode(data: bytes, rel: str, *, allow_nul: bool = False) -> str:
    """UTF-8 bytes → text (a leading BOM is dropped); errors name the line and column.
    ``allow_nul``: the caller reports NUL characters itself (the ingest reads on without them)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise SourceError(
            rel,
            line,
            f"The file is not UTF-8 text: byte 0x{data[exc.start]:02x} at column {col} cannot be read ({exc.reason}).",
            "Save the file as UTF-8 (in most editors: Save with encoding → UTF-8).",
        ) from None
    if "\x00" in text and not allow_nul:
        line, col = _line_col(data, data.index(b"\x00"))
        raise SourceError(
            rel,
            line,
            f"The file contains a NUL byte (column {col}): it is binary or damaged.",
            "Remove the NUL character, or save the file again as plain UTF-8 text.",
        )
    return text[1:] if text.startswith("\ufeff") else text


def read_text(
    path: Path, project_root: Path | None = None, *, limit: int | None = None, allow_nul: bool = False
) -> str:
    """A contributor's text file, decoded, or a ``SourceError`` naming file and line."""
    path = Path(path)
    return decode(read_bytes(path, project_root, limit=limit), relative(path, project_root), allow_nul=allow_nul)


# libyaml's parser when PyYAML was built with it (the wheels are): the same safe loading, nine
# times faster than the pure-Python one on the corpus' document.yml files (README: Dependencies)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringDatesLoader(_SAFE_LOADER):  # type: ignore[valid-type,misc]
    """Safe YAML where ``2021-02-30`` stays the string it is (the schema checks dates)."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_error(rel: str, exc: yaml.YAMLError, fix: str) -> SourceError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else 1
    problem = getattr(exc, "problem", None) or str(exc)
    return SourceError(rel, line, f"The file is not valid YAML: {problem}.", fix)


def check_yaml_limits(text: str, rel: str, fix: str, *, max_depth: int = YAML_MAX_DEPTH) -> None:
    """Walk the YAML events before building anything: refuse anchors, aliases and deep nesting."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise SourceError(
                    rel,
                    line,
                    "YAML anchors and aliases (`&name`, `*name`) are not allowed here.",
                    "Write each value out in full.",
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > max_depth:
                    raise SourceError(rel, line, f"The YAML is nested more than {max_depth} levels deep.", fix)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _yaml_error(rel, exc, fix) from None


def load_yaml(text: str, rel: str, fix: str) -> Any:
    """Parse a contributor's YAML within the limits; dates stay strings."""
    check_yaml_limits(text, rel, fix)
    try:
        return yaml.load(text, Loader=_StringDatesLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise _yaml_error(rel, exc, fix) from None


def compose_yaml(text: str, rel: str, fix: str) -> yaml.Node | None:
    """The YAML node tree (with line marks), within the limits."""
    check_yaml_limits(text, rel, fix)
    try:
        return yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise _yaml_error(rel, exc, fix) from None

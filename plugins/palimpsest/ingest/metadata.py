"""``sources/<slug>/document.yml``: read, check against a JSON Schema, report with line numbers."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import yaml

from ..contributor_files import compose_yaml, load_yaml, read_text
from ..errors import SourceError
from ..model import OPTIONAL_FIELDS, DocumentMeta
from . import bodies

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_HELP = {
    "symbol": "the official document symbol, e.g. `symbol: A/RES/70/126`",
    "title": "the title as printed, e.g. `title: Promoting social integration`",
    "body": "the adopting body, e.g. `body: General Assembly`",
    "adopted": "the adoption date as YYYY-MM-DD, e.g. `adopted: 2015-12-17` (a draft has `status: draft` and `dated:` instead)",
    "dated": "the date of the draft as YYYY-MM-DD, e.g. `dated: 2025-10-14`",
}


@functools.lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(resources.files("palimpsest").joinpath("schemas/document-yml.schema.json").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


UNDOCS = "https://undocs.org/"  # the one official-URL base of UN document symbols


def official_url(symbol: str) -> str:
    """By the rule of the symbol's body (bodies.yml); any other UN document symbol resolves on
    undocs.org; "" when there is no rule (document.yml must give `official_url`)."""
    url = bodies.official_url(symbol)
    if url:
        return url
    is_un = bool(re.match(r"^[A-Z]+(?:\.\d+)?/", symbol)) and not symbol.startswith("ILC")
    return f"{UNDOCS}{symbol}" if is_un else ""


YAML_FIX = "Write one `key: value` per line; quote values that contain a colon."


def _key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    try:
        node = compose_yaml(text, "document.yml", YAML_FIX)
    except SourceError:
        return lines
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            lines[str(k.value)] = k.start_mark.line + 1
    return lines


def read_metadata(folder: Path, project_root: Path, source_rel: str) -> tuple[DocumentMeta | None, list[SourceError]]:
    path = folder / "document.yml"
    rel = path.relative_to(project_root).as_posix() if path.is_relative_to(project_root) else str(path)
    slug = folder.name
    errors: list[SourceError] = []
    if not SLUG_RE.match(slug):
        errors.append(
            SourceError(
                folder.as_posix(),
                1,
                f"The folder name {slug!r} is not a valid slug.",
                "Use the lowercase symbol with hyphens, e.g. sources/a-res-70-126/.",
            )
        )
    if not path.exists():
        errors.append(
            SourceError(
                rel,
                1,
                "document.yml is missing.",
                "Create it with symbol, title, body and adopted (see README: Adding a source).",
            )
        )
        return None, errors
    try:
        text = read_text(path, project_root)
        data = load_yaml(text, rel, YAML_FIX)
    except SourceError as exc:
        errors.append(exc)
        return None, errors
    if not isinstance(data, dict):
        errors.append(
            SourceError(
                rel,
                1,
                "document.yml must be a list of `key: value` lines.",
                "Write symbol, title, body and adopted as `key: value` lines.",
            )
        )
        return None, errors
    problems = sorted(_validator().iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    # the line of each key, for the messages (a second parse: only when there is something to say)
    lines = _key_lines(text) if problems else {}
    for err in problems:
        key = str(err.absolute_path[0]) if err.absolute_path else None
        if err.validator == "required":
            missing = re.findall(r"'([^']+)' is a required property", err.message)
            for m in missing:
                errors.append(SourceError(rel, 1, f"document.yml has no `{m}`.", f"Add {REQUIRED_HELP.get(m, m)}."))
            continue
        if err.validator == "additionalProperties":
            extra = re.findall(r"'([^']+)'", err.message)
            for e in extra:
                allowed = ", ".join(sorted(_schema()["properties"]))
                errors.append(
                    SourceError(
                        rel,
                        lines.get(e, 1),
                        f"Unknown field `{e}` in document.yml.",
                        f"Remove it or use one of: {allowed}.",
                    )
                )
            continue
        line = lines.get(key, 1) if key else 1
        hint = REQUIRED_HELP.get(key or "", "see README: Adding a source")
        if err.validator == "format" and err.validator_value == "date":
            errors.append(
                SourceError(
                    rel,
                    line,
                    f"`{key}: {err.instance}` is not a date that exists.",
                    "Write a real calendar date as YYYY-MM-DD (check the day and the month).",
                )
            )
            continue
        shown = err.message if len(err.message) <= 200 else err.message[:200] + "…"
        errors.append(SourceError(rel, line, f"`{key}` is malformed: {shown}.", f"Write {hint}."))
    if errors:
        return None, errors
    symbol = str(data["symbol"])
    url = data.get("official_url") or official_url(symbol)
    if not url:
        errors.append(
            SourceError(
                rel,
                _key_lines(text).get("symbol", 1),
                f"No official URL for {symbol}: it is not a UN document symbol that undocs.org resolves.",
                "Add `official_url: https://…` pointing at the official text.",
            )
        )
        return None, errors
    meta = DocumentMeta(
        slug=slug,
        symbol=symbol,
        title=str(data["title"]),
        body=str(data["body"]),
        adopted=str(data.get("adopted") or ""),
        official_url=url,
        source=source_rel,
        status="draft" if data.get("status") == "draft" else "adopted",
        **{k: str(data[k]) for k in OPTIONAL_FIELDS if data.get(k) not in (None, "")},
    )
    return meta, errors


def meta_line(folder: Path, key: str) -> int:
    path = folder / "document.yml"
    try:
        return _key_lines(read_text(path)).get(key, 1) if path.exists() else 1
    except SourceError:
        return 1

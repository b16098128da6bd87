"""Documents from a folder of raw texts that have no ``document.yml`` (e.g. a bulk download).

    .venv/bin/python scripts/real_corpus.py /work/shared/corpus-ga            # summary
    .venv/bin/python scripts/real_corpus.py /work/shared/corpus-ga --errors   # why texts fail

For every ``<folder>/texts/*.txt`` (or ``<folder>/*.txt``) the metadata a contributor would
write is generated from what the text itself states (its symbol, its title, its adoption date
or, for a draft, its date of distribution), completed from ``records.jsonl`` when the folder has
one (title and agenda items); then the text goes through the real ingest
(``palimpsest.ingest.load_document``) from a temporary source folder holding ``source.txt`` and
``document.yml``. Only the texts the ingest reads without any problem are kept: a text it
cannot read cleanly is reported, never patched.

``load_folder(folder) -> (documents, failures)`` is what the audit and the benchmark import;
``load_sources()`` adds the corpus of the repository's own ``sources/``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from palimpsest.errors import SourceError  # noqa: E402
from palimpsest.ingest import load_corpus, load_document, read_source  # noqa: E402

_NUMBER_TITLE = re.compile(r"^\s*\d+/\d+\.\s*")


def _records(folder: Path) -> dict[str, dict]:
    path = folder / "records.jsonl"
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[Path(rec.get("file", "")).name] = rec
    return out


def _slug(symbol: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


def metadata_for(text: str, path: str, record: dict | None) -> dict:
    """The ``document.yml`` a contributor would write for this text (raises SourceError)."""
    raw = read_source(text, path)
    record = record or {}
    symbol = raw.meta.get("symbol") or record.get("symbol")
    title = raw.meta.get("title") or _NUMBER_TITLE.sub("", record.get("title") or "")
    if not symbol or not title:
        raise SourceError(path, 1, "The text states no symbol or no title.", "Write document.yml by hand.")
    meta: dict = {"symbol": symbol, "title": " ".join(title.split()), "body": "General Assembly"}
    if raw.meta.get("adopted"):
        meta["adopted"] = raw.meta["adopted"]
    elif raw.meta.get("status") == "draft" and raw.meta.get("distributed"):
        meta.update(status="draft", dated=raw.meta["distributed"])
    else:
        raise SourceError(path, 1, "The text states no adoption date.", "Write document.yml by hand.")
    if raw.meta.get("session"):
        meta["session"] = int(raw.meta["session"])
    agenda = raw.meta.get("agenda_item") or ", ".join(a.removeprefix("Item ") for a in record.get("agenda_items") or [])
    if agenda:
        meta["agenda_item"] = agenda
    if raw.meta.get("draft_symbol"):
        meta["draft"] = raw.meta["draft_symbol"]
    return meta


def load_folder(folder: Path, limit: int | None = None) -> tuple[list, list[tuple[str, str]]]:
    """(documents read without any problem, [(file, first problem)…]) for a folder of raw texts."""
    folder = Path(folder)
    texts_dir = folder / "texts" if (folder / "texts").is_dir() else folder
    records = _records(folder)
    files = sorted(texts_dir.glob("*.txt"))[:limit]
    docs, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_root = Path(tmp)
        for f in files:
            text = f.read_text("utf-8")
            try:
                meta = metadata_for(text, str(f), records.get(f.name))
            except SourceError as exc:
                failures.append((f.name, str(exc)))
                continue
            except Exception as exc:  # an ingest defect on this text (reported, the others go on)
                failures.append((f.name, f"ingest crashed: {type(exc).__name__}: {exc}"))
                continue
            src = tmp_root / _slug(meta["symbol"])
            if src.exists():
                failures.append((f.name, f"a second text of {meta['symbol']}"))
                continue
            src.mkdir()
            (src / "source.txt").write_text(text, "utf-8")
            (src / "document.yml").write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), "utf-8")
            try:
                doc, errors = load_document(src, tmp_root)
            except Exception as exc:  # an ingest defect on this text (reported, the others go on)
                failures.append((f.name, f"ingest crashed: {type(exc).__name__}: {exc}"))
                continue
            if doc is None or errors:
                failures.append((f.name, str(errors[0]) if errors else "not read"))
                continue
            docs.append(doc)
    return docs, failures


def load_sources() -> list:
    docs, _errors = load_corpus(ROOT / "sources", ROOT)
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--errors", action="store_true", help="list the texts left out and why")
    args = ap.parse_args(argv)
    docs, failures = load_folder(args.folder)
    print(
        f"{len(docs)} documents read cleanly, {len(failures)} left out, {sum(len(d.clauses) for d in docs):,} clauses"
    )
    if args.errors:
        for name, why in failures:
            print(f"{name}: {why.splitlines()[0][:200]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Raw source text → ``Document``: format detection, a reader per format, the structure builder.

Public entry points: ``load_document(folder, project_root)`` and ``load_corpus(sources_dir,
project_root)``. Both return what they could build *and* every problem found, as
``SourceError``s naming the file, the line and the fix; nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import SourceError
from ..model import Document
from .markdown_source import looks_like_markdown, read_markdown
from .metadata import meta_line, read_metadata
from .ods_text import looks_like_ods_text, read_ods_text
from .pdf_layout import read_pdf
from .pdf_text import looks_like_pdf_text, read_pdf_text
from .raw import RawText
from .structure import build_document

SOURCE_NAMES = ("source.md", "source.txt", "source.pdf")  # source.pdf: the official PDF, read as bytes
# metadata the source states about itself that document.yml may omit (kept in meta.extra)
_FROM_SOURCE = ("distributed", "session", "agenda_item", "committee_report", "sponsors", "meeting")


def read_source(text: str, path: str) -> RawText:
    """Pick the reader for a raw text by its shape."""
    if path.endswith(".md"):
        return read_markdown(text, path)
    if looks_like_ods_text(text):
        return read_ods_text(text, path)
    if looks_like_pdf_text(text):
        return read_pdf_text(text, path)
    if looks_like_markdown(text):
        return read_markdown(text, path)
    raise SourceError(path, 1, "The ingest does not recognise the format of this text (not Markdown, not an "
                      "export of the UN document system, not text extracted from a UN PDF).",
                      "Save the text as source.md (Markdown) or paste the text extracted from the official PDF "
                      "unchanged into source.txt.")


def find_source(folder: Path) -> Path | None:
    for name in SOURCE_NAMES:
        if (folder / name).exists():
            return folder / name
    return None


def load_document(folder: Path, project_root: Path) -> tuple[Document | None, list[SourceError]]:
    folder = Path(folder)
    project_root = Path(project_root)
    src = find_source(folder)
    rel_folder = folder.relative_to(project_root).as_posix() if folder.is_relative_to(project_root) else str(folder)
    if src is None:
        return None, [SourceError(rel_folder, 1, "No source text in this folder.",
                                  "Add the raw text as source.txt or source.md, or the official PDF as source.pdf, next to document.yml.")]
    rel = src.relative_to(project_root).as_posix() if src.is_relative_to(project_root) else str(src)
    meta, errors = read_metadata(folder, project_root, rel)
    try:
        text = "" if src.suffix == ".pdf" else src.read_text("utf-8")
    except UnicodeDecodeError as exc:
        return None, errors + [SourceError(rel, 1, f"The source is not UTF-8 text ({exc.reason} at byte {exc.start}).",
                                           "Save the file as UTF-8.")]
    try:
        raw = read_pdf(src.read_bytes(), rel) if src.suffix == ".pdf" else read_source(text, rel)
    except SourceError as exc:
        return None, errors + [exc]
    if meta is None:
        return None, errors
    extra = dict(meta.extra)
    for key in _FROM_SOURCE:
        if key in raw.meta and key not in extra:
            extra[key] = raw.meta[key]
    meta = replace(meta, extra=tuple(sorted(extra.items())))
    yml = (folder / "document.yml").relative_to(project_root).as_posix() if folder.is_relative_to(project_root) else str(folder / "document.yml")
    if raw.meta.get("symbol") and raw.meta["symbol"] != meta.symbol:
        errors.append(SourceError(yml, meta_line(folder, "symbol"),
                                  f"document.yml gives the symbol {meta.symbol} but the source says {raw.meta['symbol']}.",
                                  "Correct document.yml (or check that the right text is in the folder)."))
    if raw.meta.get("adopted") and meta.adopted and raw.meta["adopted"] != meta.adopted:
        errors.append(SourceError(yml, meta_line(folder, "adopted"),
                                  f"document.yml gives the adoption date {meta.adopted} but the source says {raw.meta['adopted']}.",
                                  "Correct the `adopted` date in document.yml."))
    doc, build_errors = build_document(raw, meta, rel)
    return doc, errors + build_errors


def document_date(doc: Document) -> str:
    return doc.meta.adopted or doc.meta.get("dated") or ""


def load_corpus(sources_dir: Path, project_root: Path) -> tuple[list[Document], list[SourceError]]:
    """Every folder of ``sources_dir`` with a document, sorted by date then symbol."""
    sources_dir = Path(sources_dir)
    docs: list[Document] = []
    errors: list[SourceError] = []
    if not sources_dir.is_dir():
        return docs, [SourceError(str(sources_dir), 1, "The sources folder does not exist.",
                                  "Create it, or set `sources_dir` in the palimpsest plugin's configuration.")]
    for folder in sorted(p for p in sources_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        doc, errs = load_document(folder, project_root)
        errors.extend(errs)
        if doc is not None:
            docs.append(doc)
    docs.sort(key=lambda d: (document_date(d), d.meta.symbol))
    seen: dict[str, str] = {}
    for d in docs:
        if d.meta.symbol in seen:
            errors.append(SourceError(d.meta.source, 1, f"The symbol {d.meta.symbol} is also used by sources/{seen[d.meta.symbol]}.",
                                      "Each document appears once; remove the duplicate folder."))
        seen[d.meta.symbol] = d.slug
    return docs, errors

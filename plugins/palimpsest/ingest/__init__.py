"""Raw source text → ``Document``: format detection, a reader per format, the structure builder.

Public entry points: ``load_document(folder, project_root)`` and ``load_corpus(sources_dir,
project_root)``. Both return what they could build *and* every problem found, as
``SourceError``s naming the file, the line and the fix; nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..contributor_files import check_inside, read_bytes, read_text, relative
from ..errors import SourceError
from ..model import Document, DocumentMeta
from .akn import looks_like_akn, read_akn
from .markdown_source import looks_like_markdown, read_markdown
from .metadata import meta_line, read_metadata
from .ocr_volume import looks_like_ocr_volume, read_ocr_volume
from .ods_text import looks_like_ods_text, read_ods_text
from .paged_text import looks_like_paged_text, read_paged_text
from .pdf_layout import read_pdf
from .pdf_text import looks_like_pdf_text, read_pdf_text
from .raw import RawText
from .structure import build_document


class IngestCrash(SourceError):
    """An unexpected shape the ingest has no rule for (a defect of the ingest, not of the
    source): reported like any other problem, so one document never stops the others."""


# source.pdf: the official PDF, read as bytes; source.xml: Akoma Ntoso
SOURCE_NAMES = ("source.md", "source.txt", "source.pdf", "source.xml")
# metadata the source states about itself that document.yml may omit (``DocumentMeta`` fields)
_FROM_SOURCE = ("distributed", "session", "agenda_item", "committee_report", "sponsors", "meeting")


def normalise_text(text: str, path: str) -> tuple[str, list[SourceError]]:
    """What every reader gets: no byte-order mark, LF line ends, no NUL characters (each NUL
    is reported with its line: it is never part of an official text)."""
    errors: list[SourceError] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        errors.append(
            SourceError(
                path,
                line,
                f"The source holds {text.count(chr(0))} NUL character(s) (first on this "
                "line); they were left out of the page.",
                "Re-save the text from the official document: NUL bytes are damage, not text.",
            )
        )
        text = text.replace("\x00", "")
    return text, errors


def read_source(text: str, path: str, symbol: str | None = None) -> RawText:
    """Pick the reader for a raw text by its shape. ``symbol`` (from document.yml) names the
    resolution to keep when the text holds several (pages of a printed volume)."""
    text, _ = normalise_text(text, path)
    if path.endswith(".xml") or looks_like_akn(text):
        return read_akn(text, path)
    if path.endswith(".md"):
        return read_markdown(text, path)
    if looks_like_ods_text(text):
        return read_ods_text(text, path)
    if "\f" in text and looks_like_paged_text(text):
        return read_paged_text(text, path)  # form feeds: pdftotext, whatever the cover looks like
    if looks_like_pdf_text(text):
        return read_pdf_text(text, path)
    if looks_like_paged_text(text):
        return read_paged_text(text, path)
    if looks_like_ocr_volume(text):
        return read_ocr_volume(text, path, symbol)
    if looks_like_markdown(text):
        return read_markdown(text, path)
    raise SourceError(
        path,
        1,
        "The ingest does not recognise the format of this text (not Markdown, not an "
        "export of the UN document system, not text extracted from a UN PDF).",
        "Save the text as source.md (Markdown) or paste the text extracted from the official PDF "
        "unchanged into source.txt.",
    )


def find_source(folder: Path) -> Path | None:
    for name in SOURCE_NAMES:
        if (folder / name).exists():
            return folder / name
    return None


def _crash(path: str, exc: BaseException) -> IngestCrash:
    import traceback

    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" in {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return IngestCrash(
        path,
        1,
        f"The ingest met a shape of text it has no rule for ({type(exc).__name__}: {exc}{where}); "
        "the document was not read.",
        "Report it with this source file attached (it is a defect of the ingest); meanwhile check the "
        "source is the unedited text of the official document.",
    )


def ingest_text(
    text: str, rel: str, meta: DocumentMeta | Callable[[RawText], DocumentMeta]
) -> tuple[Document | None, RawText | None, list[SourceError]]:
    """Read a raw text and build its document. ``meta`` may be a function of the reader's
    output (to derive metadata from the text). Never raises: every problem, including an
    unexpected one inside a reader, comes back as a ``SourceError``."""
    text, errors = normalise_text(text, rel)
    try:
        raw = read_source(text, rel)
    except SourceError as exc:
        return None, None, errors + [exc]
    except Exception as exc:  # noqa: BLE001 - any defect becomes a located message
        return None, None, errors + [_crash(rel, exc)]
    try:
        m = meta(raw) if callable(meta) else meta
        doc, build_errors = build_document(raw, m, rel)
    except SourceError as exc:
        return None, raw, errors + [exc]
    except Exception as exc:  # noqa: BLE001
        return None, raw, errors + [_crash(rel, exc)]
    return doc, raw, errors + build_errors


def load_document(folder: Path, project_root: Path) -> tuple[Document | None, list[SourceError]]:
    folder = Path(folder)
    project_root = Path(project_root)
    src = find_source(folder)
    rel_folder = folder.relative_to(project_root).as_posix() if folder.is_relative_to(project_root) else str(folder)
    if src is None:
        return None, [
            SourceError(
                rel_folder,
                1,
                "No source text in this folder.",
                "Add the raw text as source.txt or source.md, or the official PDF as source.pdf, next to document.yml.",
            )
        ]
    others = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name.startswith("source.") and p != src)
    if others:
        return None, [
            SourceError(
                f"{rel_folder}/{others[0]}",
                1,
                f"This folder holds more than one source file ({src.name}, {', '.join(others)}); "
                f"only one can be the text of the document.",
                "Keep one source file per folder (the official text as received) and remove or move the others.",
            )
        ]
    rel = src.relative_to(project_root).as_posix() if src.is_relative_to(project_root) else str(src)
    meta, errors = read_metadata(folder, project_root, rel)
    data = b""
    try:
        if src.suffix == ".pdf":  # the official PDF, byte-identical to the download
            data, text = read_bytes(src, project_root), ""
        else:
            # UTF-8, inside the project, within the size limit (errors name the line); NUL
            # characters are reported by normalise_text, which reads on without them
            text = read_text(src, project_root, allow_nul=True)
    except SourceError as exc:
        return None, errors + [exc]
    if text:
        text, norm_errors = normalise_text(text, rel)
        errors.extend(norm_errors)
    try:
        raw = read_pdf(data, rel) if src.suffix == ".pdf" else read_source(text, rel, meta.symbol if meta else None)
    except SourceError as exc:
        return None, errors + [exc]
    except Exception as exc:  # noqa: BLE001 - any defect becomes a located message
        return None, errors + [_crash(rel, exc)]
    if meta is None:
        return None, errors
    stated: dict[str, Any] = {k: raw.meta[k] for k in _FROM_SOURCE if raw.meta.get(k) and not getattr(meta, k)}
    meta = replace(meta, **stated)
    yml = (
        (folder / "document.yml").relative_to(project_root).as_posix()
        if folder.is_relative_to(project_root)
        else str(folder / "document.yml")
    )
    if raw.meta.get("symbol") and raw.meta["symbol"] != meta.symbol:
        errors.append(
            SourceError(
                yml,
                meta_line(folder, "symbol"),
                f"document.yml gives the symbol {meta.symbol} but the source says {raw.meta['symbol']}.",
                "Correct document.yml (or check that the right text is in the folder).",
            )
        )
    if raw.meta.get("adopted") and meta.adopted and raw.meta["adopted"] != meta.adopted:
        errors.append(
            SourceError(
                yml,
                meta_line(folder, "adopted"),
                f"document.yml gives the adoption date {meta.adopted} but the source says {raw.meta['adopted']}.",
                "Correct the `adopted` date in document.yml.",
            )
        )
    try:
        doc, build_errors = build_document(raw, meta, rel)
    except SourceError as exc:
        return None, errors + [exc]
    except Exception as exc:  # noqa: BLE001
        return None, errors + [_crash(rel, exc)]
    return doc, errors + build_errors


def document_date(doc: Document) -> str:
    return doc.meta.date


def load_corpus(
    sources_dir: Path, project_root: Path, only: Iterable[str] | None = None
) -> tuple[list[Document], list[SourceError]]:
    """Every folder of ``sources_dir`` with a document (or only the folders named in ``only``),
    sorted by date then symbol."""
    sources_dir = Path(sources_dir)
    docs: list[Document] = []
    errors: list[SourceError] = []
    if not sources_dir.is_dir():
        return docs, [
            SourceError(
                str(sources_dir),
                1,
                "The sources folder does not exist.",
                "Create it, or set `sources_dir` in the palimpsest plugin's configuration.",
            )
        ]
    wanted = None if only is None else set(only)
    for folder in sorted(p for p in sources_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if wanted is not None and folder.name not in wanted:
            continue
        try:
            check_inside(folder, project_root, relative(folder, project_root))
        except SourceError as exc:
            errors.append(exc)
            continue
        doc, errs = load_document(folder, project_root)
        errors.extend(errs)
        if doc is not None:
            docs.append(doc)
    docs.sort(key=lambda d: (document_date(d), d.meta.symbol))
    seen: dict[str, str] = {}
    for d in docs:
        if d.meta.symbol in seen:
            errors.append(
                SourceError(
                    d.meta.source,
                    1,
                    f"The symbol {d.meta.symbol} is also used by sources/{seen[d.meta.symbol]}.",
                    "Each document appears once; remove the duplicate folder.",
                )
            )
        seen[d.meta.symbol] = d.slug
    return docs, errors

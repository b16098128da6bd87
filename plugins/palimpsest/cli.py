"""``palimpsest``: the command line for contributors and CI (no site build, no MkDocs).

    palimpsest check [--root .] [--github] [--json FILE]
                                             validate sources, notes, redirects, anchors.lock; a summary
                                             by problem kind, the whole report as JSON
    palimpsest lock [--root .]               add the corpus's anchors to anchors.lock
    palimpsest add FILE… [--root .]          new sources/<slug>/ from raw texts (document.yml from the text)
    palimpsest build-markdown OUT/ [--root .] the site as Markdown for other generators (build_markdown/)

Each subcommand is a ``(name, help, configure(parser), run(args) -> exit code)`` entry of
``COMMANDS``; ``build-markdown`` (``build_markdown.command``) is added the same way.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from .anchor_lock import LOCK_FILE, check_lock, load_redirects, lock_history, unlocked_anchors, update_lock
from .build_markdown import COMMAND as BUILD_MARKDOWN
from .errors import SourceError
from .model import Document


def load_documents(root: Path) -> tuple[dict[str, Document], list[SourceError]]:
    """The corpus of the project's sources folder (``sources_dir`` of mkdocs.yml, default
    ``sources/``) as slug → Document, and the loader's errors."""
    from .ingest import load_corpus
    from .project import sources_dir

    loaded, errors = load_corpus(sources_dir(root), root)
    documents = {d.slug: d for d in loaded}
    return dict(sorted(documents.items())), list(errors)


def validate(
    root: Path, previous_locks: tuple[str, ...] = (), refs: tuple[str, ...] = ("HEAD",)
) -> tuple[dict[str, Document], dict[str, dict], list[SourceError]]:
    """Everything ``palimpsest check`` checks: returns the corpus, the notes by slug and
    every error (sorted by file and line). ``previous_locks`` (files) and ``refs`` (git refs):
    earlier anchors.lock versions the current one must contain."""
    from .enrich import load_notes
    from .project import plugin_options

    documents, errors = load_documents(root)
    found, errs = load_notes(list(documents.values()), root)
    errors.extend(errs)
    notes: dict[str, dict] = {slug: n for slug, n in found.items() if n}
    redirects, errs = load_redirects(documents, root)
    errors.extend(errs)
    lock = root / LOCK_FILE
    configured = str(plugin_options(root).get("previous_lock") or "")
    history, errs = lock_history(root, previous_locks + ((configured,) if configured else ()), refs)
    errors.extend(errs)
    errors.extend(check_lock(documents, lock, redirects, project_root=root, history=history))
    errors.extend(unlocked_anchors(documents, lock, project_root=root))
    errors.sort(key=lambda e: (e.path, e.line))
    return documents, notes, errors


def _github(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "github", False)) or os.environ.get("GITHUB_ACTIONS") == "true"


def print_errors(errors: list[SourceError], github: bool, out=None) -> None:
    out = out or sys.stdout
    for e in errors:
        print(e.github_annotation() if github else e.message, file=out)


# --- check ------------------------------------------------------------------------------


def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--github",
        action="store_true",
        help="print errors as GitHub Actions annotations (default when GITHUB_ACTIONS=true)",
    )
    p.add_argument(
        "--previous-lock",
        action="append",
        default=[],
        metavar="FILE",
        help="an earlier anchors.lock (e.g. the published site's) whose entries must all still be there",
    )
    p.add_argument(
        "--against",
        action="append",
        default=[],
        metavar="REF",
        help="a git ref whose committed anchors.lock the current one must contain (default: HEAD; "
        "in a pull request: the base branch)",
    )
    p.add_argument(
        "--json",
        metavar="FILE",
        type=Path,
        help="also write the report (every document, its status and problems) as JSON",
    )
    p.add_argument(
        "--verbose",
        action="store_true",
        help="also list, per document, the lines the ingest set aside as page furniture",
    )


def check_report(root: Path, documents: dict[str, Document], errors: list[SourceError]) -> dict:
    """Every document folder of ``sources/``, clean or refused with its problems, and a summary
    by problem kind (how many documents show each)."""
    from .contributor_files import relative
    from .ingest.summary import kinds_of_documents, problem_kind
    from .project import sources_dir

    sources = sources_dir(root)
    prefix = relative(sources, root).rstrip("/") + "/"
    folders = (
        sorted(p.name for p in sources.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
        if sources.is_dir()
        else []
    )
    per_doc: dict[str, list[SourceError]] = {f: [] for f in folders}
    other: list[SourceError] = []
    for e in errors:
        folder = e.path[len(prefix) :].split("/", 1)[0] if e.path.startswith(prefix) else ""
        if folder in per_doc:
            per_doc[folder].append(e)
        else:
            other.append(e)
    docs = []
    for slug in folders:
        errs = per_doc[slug]
        status = "refused" if slug not in documents else ("clean" if not errs else "problems")
        docs.append(
            {
                "folder": f"{prefix}{slug}",
                "status": status,
                "clauses": len(documents[slug].clauses) if slug in documents else 0,
                "problems": [
                    {"file": e.path, "line": e.line, "problem": e.problem, "fix": e.fix, "kind": problem_kind(e)}
                    for e in errs
                ],
            }
        )
    kinds = kinds_of_documents({d: per_doc[d] for d in folders})
    return {
        "documents": docs,
        "other_problems": [
            {"file": e.path, "line": e.line, "problem": e.problem, "fix": e.fix, "kind": problem_kind(e)} for e in other
        ],
        "summary": {
            "documents": len(folders),
            "clean": sum(1 for d in docs if d["status"] == "clean"),
            "with_problems": sum(1 for d in docs if d["status"] == "problems"),
            "refused": sum(1 for d in docs if d["status"] == "refused"),
            "by_kind": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        },
    }


def print_summary(report: dict, out=None) -> None:
    out = out or sys.stderr
    s = report["summary"]
    print(
        f"palimpsest check: {s['documents']} documents: {s['clean']} clean, {s['with_problems']} with problems, "
        f"{s['refused']} refused.",
        file=out,
    )
    for kind, count in s["by_kind"].items():
        print(f"  {count:4d} document(s): {kind}", file=out)
    if report["other_problems"]:
        print(
            f"  {len(report['other_problems'])} problem(s) outside the document folders "
            "(anchors.lock, redirects, other files).",
            file=out,
        )


def print_discarded(documents: Mapping[str, Document], out=None) -> None:
    """What the ingest set aside as page furniture, per document, with its source line: the
    other half of "nothing is dropped silently" (everything else is in the document)."""
    out = out or sys.stdout
    for doc in documents.values():
        print(f"{doc.meta.source}: {len(doc.discarded)} line(s) set aside as page furniture", file=out)
        for line, text in doc.discarded:
            print(f"  {doc.meta.source}:{line}: {text}", file=out)


def _run_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    documents, notes, errors = validate(root, tuple(args.previous_lock), tuple(args.against) or ("HEAD",))
    if args.verbose:
        print_discarded(documents)
    print_errors(errors, _github(args))
    n_notes = sum(len(v) for v in notes.values())
    report = check_report(root, documents, errors)
    if args.json:
        import json

        try:
            args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
        except OSError as exc:
            print(f"palimpsest check: cannot write {args.json}: {exc.strerror}.", file=sys.stderr)
            return 2
    if errors:
        files = len({e.path for e in errors})
        print(f"palimpsest check: {len(errors)} problem(s) in {files} file(s).", file=sys.stderr)
        print_summary(report)
        return 1
    print(f"palimpsest check: {len(documents)} documents, {n_notes} notes, anchors locked: no problems.")
    print_summary(report, sys.stdout)
    return 0


# --- add --------------------------------------------------------------------------------


def _configure_add(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="raw source text(s): .txt or .md, as received")


_YML_ORDER = (
    "symbol",
    "title",
    "body",
    "adopted",
    "status",
    "dated",
    "session",
    "meeting",
    "agenda_item",
    "committee_report",
    "distributed",
    "sponsors",
    "official_url",
)


def document_yml(fields: dict[str, str], missing: list[str]) -> str:
    """The text of a new document.yml: the fields found, then each missing one as a comment
    saying what to write."""
    import yaml

    from .ingest.derive import FIELD_HELP

    lines = [
        "# Written by `palimpsest add` from what the source text says; check every value against the",
        "# official document (README: Adding a source).",
    ]
    for key in sorted(fields, key=lambda k: (_YML_ORDER.index(k) if k in _YML_ORDER else len(_YML_ORDER), k)):
        value = fields[key]
        if key in ("session",) and str(value).isdigit():
            lines.append(f"{key}: {int(value)}")
        elif key in ("adopted", "dated", "distributed"):
            lines.append(f"{key}: {value}")
        else:
            lines.append(yaml.safe_dump({key: value}, allow_unicode=True, width=10_000, default_style=None).strip())
    for key in missing:
        lines.append(f"# {key}: not found in the text; write {FIELD_HELP.get(key, key)}")
    return "\n".join(lines) + "\n"


def add_source(root: Path, file: Path, out=None) -> tuple[int, list[str]]:
    """Create ``sources/<slug>/`` for one raw file; returns (exit code, missing fields)."""
    import shutil

    from .ingest import ingest_text, load_document
    from .ingest.derive import FIELD_HELP, derive_metadata, meta_from_fields, slug_for

    out = out or sys.stdout
    if not file.is_file():
        print(f"{file}: no such file. Fix: give the path of the raw text you received.", file=out)
        return 1, []
    suffix = file.suffix.lower()
    if suffix not in (".txt", ".md", ".xml"):
        print(
            f"{file}:1: palimpsest add reads plain text (.txt: the text extracted from the official PDF, or "
            "an ODS export), Markdown (.md) or Akoma Ntoso XML (.xml). Fix: save the text as .txt unchanged "
            "and add that file.",
            file=out,
        )
        return 1, []
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        print(f"{file}:{line}: the file is not UTF-8 text ({exc.reason}). Fix: save it as UTF-8.", file=out)
        return 1, []
    fields: dict[str, str] = {}
    missing: list[str] = []

    def meta(raw):
        nonlocal fields, missing
        fields, missing = derive_metadata(raw, text)
        return meta_from_fields(fields, "new", str(file))

    doc, raw, errors = ingest_text(text, str(file), meta)
    if raw is None:
        for e in errors:
            print(e.message, file=out)
        print(f"{file}: not added: the ingest cannot read it (see above).", file=out)
        return 1, []
    slug = slug_for(fields["symbol"]) if fields.get("symbol") else slug_for(file.stem)
    folder = root / "sources" / slug
    if folder.exists():
        print(
            f"{file}: not added: sources/{slug}/ already exists. Fix: compare the two texts; to replace the "
            f"source, copy the file over sources/{slug}/source{suffix} yourself.",
            file=out,
        )
        return 1, missing
    folder.mkdir(parents=True)
    shutil.copyfile(file, folder / f"source{suffix}")
    (folder / "document.yml").write_text(document_yml(fields, missing), "utf-8")
    print(f"{file} → sources/{slug}/ (source{suffix} copied unchanged, document.yml written)", file=out)
    for key in ("symbol", "title", "body", "adopted", "dated", "session"):
        if key in fields:
            print(f"  {key}: {fields[key]}", file=out)
    for key in missing:
        print(
            f"  {key}: not found in the text. Fix: in sources/{slug}/document.yml write {FIELD_HELP.get(key, key)}.",
            file=out,
        )
    _doc, problems = load_document(folder, root)
    for e in problems:
        print(f"  {e.message}", file=out)
    return 0, missing


def _run_add(args: argparse.Namespace) -> int:
    root = Path(args.root)
    code = 0
    for f in args.files:
        rc, _missing = add_source(root, f)
        code = max(code, rc)
    if code == 0:
        print("palimpsest add: check the values in document.yml, then run `palimpsest check`.")
    return code


# --- lock -------------------------------------------------------------------------------


def _configure_lock(p: argparse.ArgumentParser) -> None:
    pass


def _run_lock(args: argparse.Namespace) -> int:
    root = Path(args.root)
    documents, errors = load_documents(root)
    if errors:
        # Locking anchors of a corpus that did not load cleanly could promise wrong anchors.
        print_errors(errors, _github(args))
        print(f"palimpsest lock: not updated; fix the {len(errors)} problem(s) above first.", file=sys.stderr)
        return 1
    # entries of the committed lock that the working one lost are put back, never dropped
    history, _ = lock_history(root)
    added = update_lock(documents, root / LOCK_FILE, history)
    print(f"palimpsest lock: {len(added)} anchor(s) added to {LOCK_FILE}.")
    for entry in added[:20]:
        print(f"  + {entry}")
    if len(added) > 20:
        print(f"  … and {len(added) - 20} more")
    return 0


Command = tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]

COMMANDS: list[Command] = [
    (
        "add",
        "create sources/<slug>/ from raw text files: the file copied unchanged, document.yml filled from the text",
        _configure_add,
        _run_add,
    ),
    (
        "check",
        "validate sources, notes, redirects and anchors.lock (exit 1 on any problem)",
        _configure_check,
        _run_check,
    ),
    ("lock", f"add every current anchor to {LOCK_FILE} (never removes one)", _configure_lock, _run_lock),
    BUILD_MARKDOWN,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="palimpsest", description="Palimpsest: annotated UN/ILO resolutions.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text, configure, run in COMMANDS:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--root", default=".", help="project root (holds sources/ and anchors.lock; default: .)")
        configure(p)
        p.set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""``palimpsest``: the command line for contributors and CI (no site build, no MkDocs).

    palimpsest check [--root .] [--github]   validate sources, notes, redirects, anchors.lock
    palimpsest lock [--root .]               add the corpus's anchors to anchors.lock

Each subcommand is a ``(name, help, configure(parser), run(args) -> exit code)`` entry of
``COMMANDS``; ``export`` and ``build-markdown`` are added the same way.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from .anchor_lock import LOCK_FILE, check_lock, load_redirects, lock_history, unlocked_anchors, update_lock
from .errors import SourceError
from .export_markdown import COMMAND as BUILD_MARKDOWN
from .model import Document


def load_documents(root: Path) -> tuple[dict[str, Document], list[SourceError]]:
    """The corpus of the project's sources folder (``sources_dir`` of mkdocs.yml, default
    ``sources/``) as slug → Document, and the loader's errors."""
    from .ingest import load_corpus
    from .project import sources_dir

    documents, errors = load_corpus(sources_dir(root), root)
    if not isinstance(documents, Mapping):
        documents = {d.slug: d for d in documents}
    return dict(sorted(documents.items())), list(errors)


def validate(root: Path, previous_locks: tuple[str, ...] = (), refs: tuple[str, ...] = ("HEAD",)
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
    p.add_argument("--github", action="store_true", help="print errors as GitHub Actions annotations (default when GITHUB_ACTIONS=true)")
    p.add_argument("--previous-lock", action="append", default=[], metavar="FILE",
                   help="an earlier anchors.lock (e.g. the published site's) whose entries must all still be there")
    p.add_argument("--against", action="append", default=[], metavar="REF",
                   help="a git ref whose committed anchors.lock the current one must contain (default: HEAD; "
                        "in a pull request: the base branch)")


def _run_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    documents, notes, errors = validate(root, tuple(args.previous_lock), tuple(args.against) or ("HEAD",))
    print_errors(errors, _github(args))
    n_notes = sum(len(v) for v in notes.values())
    if errors:
        files = len({e.path for e in errors})
        print(f"palimpsest check: {len(errors)} problem(s) in {files} file(s).", file=sys.stderr)
        return 1
    print(f"palimpsest check: {len(documents)} documents, {n_notes} notes, anchors locked: no problems.")
    return 0


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
    ("check", "validate sources, notes, redirects and anchors.lock (exit 1 on any problem)", _configure_check, _run_check),
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

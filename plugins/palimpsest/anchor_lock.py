"""The anchor promise: once published, an anchor never stops working.

* ``anchors.lock`` (project root, committed) lists every published anchor of every document,
  one ``<slug>#<anchor>`` per line, sorted; lines starting with ``#`` are comments.
  ``palimpsest lock`` adds the anchors of the current corpus (it never removes one).
* ``check_lock`` fails for every locked anchor that is gone, unless the document declares a
  redirect for it in ``sources/<slug>/redirects.yml``::

      # old anchor: the clause that now holds its text
      op16: op15

* The other fragments a reader may arrive with (redirects, Akoma Ntoso eIds, delegates'
  shorthand such as ``OP4`` or ``op1(a)``) are resolved in the browser by
  ``assets/palimpsest.js`` from the page's data (``eids``, ``redirects``).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Mapping
from difflib import get_close_matches
from pathlib import Path

import yaml

from .anchors import ANCHOR_RE
from .contributor_files import compose_yaml, read_text, relative
from .errors import SourceError
from .model import Document

LOCK_FILE = "anchors.lock"
REDIRECTS_FILE = "redirects.yml"
LOCK_HEADER = (
    "# Published anchors: every <slug>#<anchor> ever published. Lines are never removed.\n"
    "# Add new ones with `palimpsest lock`; if a clause anchor must change, keep its old\n"
    "# anchor working with sources/<slug>/redirects.yml (`old: new`).\n"
)
_ENTRY_RE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)#([a-z0-9]+(?:-[a-z0-9]+)*)$")


def _docs(documents: Iterable[Document] | Mapping[str, Document]) -> list[Document]:
    values = documents.values() if isinstance(documents, Mapping) else documents
    return sorted(values, key=lambda d: d.slug)


def natural_key(entry: str) -> tuple:
    """``op2`` before ``op10``; deterministic for everything."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", entry))


def published_anchors(documents: Iterable[Document] | Mapping[str, Document]) -> set[str]:
    return {f"{d.slug}#{c.anchor}" for d in _docs(documents) for c in d.clauses}


def read_lock(lock_path: Path) -> tuple[dict[str, int], list[SourceError]]:
    """Entries of the lock → their line; malformed lines are errors."""
    entries: dict[str, int] = {}
    errors: list[SourceError] = []
    if not lock_path.is_file():
        return entries, errors
    name = lock_path.name
    try:
        text = read_text(lock_path)
    except SourceError as exc:
        return entries, [SourceError(name, exc.line, exc.problem, exc.fix)]
    return parse_lock(text, name)


def parse_lock(text: str, name: str = LOCK_FILE) -> tuple[dict[str, int], list[SourceError]]:
    """The entries of a lock's text (e.g. the lock of the published site, or of ``main``)."""
    entries: dict[str, int] = {}
    errors: list[SourceError] = []
    for i, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not _ENTRY_RE.match(line):
            errors.append(
                SourceError(
                    name,
                    i,
                    f"`{line}` is not a `<slug>#<anchor>` entry.",
                    "Restore the line as `palimpsest lock` wrote it (e.g. `a-res-68-131#op4`).",
                )
            )
            continue
        entries.setdefault(line, i)
    return entries, errors


def _lock_rel(lock_path: Path, project_root: Path | None) -> str:
    if project_root is not None:
        try:
            return lock_path.resolve().relative_to(project_root.resolve()).as_posix()
        except ValueError:
            pass
    return lock_path.name


def load_redirects(
    documents: Iterable[Document] | Mapping[str, Document], project_root: Path
) -> tuple[dict[str, dict[str, str]], list[SourceError]]:
    """Read every ``sources/<slug>/redirects.yml``: slug → {old anchor: current anchor}.
    Checks that each old anchor is well-formed and no longer a clause, and that each target
    is a clause of the document."""
    redirects: dict[str, dict[str, str]] = {}
    errors: list[SourceError] = []
    for doc in _docs(documents):
        file = Path(project_root) / doc.meta.folder / REDIRECTS_FILE
        if not file.is_file():
            continue
        path = relative(file, project_root)
        try:
            text = read_text(file, project_root)
        except SourceError as exc:
            errors.append(exc)
            continue
        mapping, errs = parse_redirects(text, path, doc)
        errors.extend(errs)
        if mapping:
            redirects[doc.slug] = mapping
    return redirects, errors


def parse_redirects(text: str, path: str, document: Document) -> tuple[dict[str, str], list[SourceError]]:
    anchors = sorted(c.anchor for c in document.clauses)
    current = set(anchors)
    errors: list[SourceError] = []
    out: dict[str, str] = {}
    try:
        root = compose_yaml(text, path, "Write one `old-anchor: new-anchor` per line, e.g. `op16: op15`.")
    except SourceError as exc:
        return {}, [exc]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [
            SourceError(
                path,
                root.start_mark.line + 1,
                "redirects.yml must be a mapping of old anchors to current anchors.",
                "Write one `old-anchor: new-anchor` per line, e.g. `op16: op15`.",
            )
        ]
    seen: dict[str, int] = {}
    for knode, vnode in root.value:
        line = knode.start_mark.line + 1
        old = str(knode.value).strip() if isinstance(knode, yaml.ScalarNode) else ""
        new = str(vnode.value).strip() if isinstance(vnode, yaml.ScalarNode) else ""
        if not old or not ANCHOR_RE.match(old):
            errors.append(
                SourceError(
                    path,
                    line,
                    f"`{old or '?'}` is not an anchor.",
                    "The key is the old anchor exactly as published (e.g. `op16`).",
                )
            )
            continue
        if old in seen:
            errors.append(
                SourceError(
                    path, line, f"`{old}` is redirected twice (also at line {seen[old]}).", "Keep one line for it."
                )
            )
            continue
        seen[old] = line
        if not new:
            errors.append(
                SourceError(
                    path,
                    line,
                    f"The redirect of `{old}` has no target.",
                    f"Write the anchor of the clause that now holds its text: `{old}: op15`.",
                )
            )
            continue
        if old in current:
            errors.append(
                SourceError(
                    path,
                    line,
                    f"`{old}` is redirected, but it is still a clause of {document.meta.symbol}, so the redirect would never apply.",
                    f"Delete the line `{old}: {new}`.",
                )
            )
            continue
        if new not in current:
            near = get_close_matches(new, anchors, n=3, cutoff=0.5)
            hint = f" Closest: {', '.join(f'`{n}`' for n in near)}." if near else ""
            errors.append(
                SourceError(
                    path,
                    line,
                    f"The redirect `{old}: {new}` points to `{new}`, which is not a clause of {document.meta.symbol}.",
                    "Point it to an existing anchor." + hint,
                )
            )
            continue
        out[old] = new
    return dict(sorted(out.items(), key=lambda kv: natural_key(kv[0]))), errors


def nearest_anchor(anchor: str, anchors: list[str]) -> str | None:
    """The likeliest new home of a vanished anchor: same kind, nearest number (the one before
    on a tie: a removed ``op16`` most often merged into ``op15``)."""
    m = re.match(r"^(.*?)(\d+)((?:-[a-z0-9]+)*)$", anchor)
    if m:
        prefix, num = m.group(1), int(m.group(2))
        same = []
        for a in anchors:
            n = re.match(rf"^{re.escape(prefix)}(\d+)$", a)
            if n:
                same.append((abs(int(n.group(1)) - num), int(n.group(1)) > num, a))
        if same:
            return min(same)[2]
    near = get_close_matches(anchor, sorted(anchors), n=1, cutoff=0.5)
    return near[0] if near else None


def committed_lock(project_root: Path, ref: str = "HEAD") -> tuple[str, str] | None:
    """``(label, text)`` of the lock as committed at ``ref`` (git), or None outside a git
    checkout or when the lock was never committed there. The published-anchor history: the
    working lock may only add to it."""
    root = Path(project_root).resolve()
    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=30
        )
        if top.returncode != 0:
            return None
        rel = (root / LOCK_FILE).relative_to(Path(top.stdout.strip()).resolve()).as_posix()
        shown = subprocess.run(["git", "-C", str(root), "show", f"{ref}:{rel}"], capture_output=True, timeout=30)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if shown.returncode != 0:
        return None
    return f"{LOCK_FILE} at {ref}", shown.stdout.decode("utf-8", "replace")


def lock_history(
    project_root: Path, previous_locks: Iterable[str | Path] = (), refs: Iterable[str] = ("HEAD",)
) -> tuple[list[tuple[str, str]], list[SourceError]]:
    """The earlier locks a build or ``palimpsest check`` compares with: the lock committed at
    each git ``ref`` (when the project is a git checkout) and each ``previous_locks`` file
    (e.g. the lock of the deployed site, or of the pull request's base branch)."""
    history: list[tuple[str, str]] = []
    errors: list[SourceError] = []
    for ref in refs:
        committed = committed_lock(project_root, ref)
        if committed:
            history.append(committed)
    for name in previous_locks:
        path = Path(name)
        if not path.is_absolute():
            path = Path(project_root) / path
        try:
            history.append((str(name), read_text(path)))
        except SourceError as exc:
            errors.append(
                SourceError(
                    exc.path,
                    exc.line,
                    f"The earlier lock to compare with cannot be read: {exc.problem}",
                    "Point `previous_lock` (or --previous-lock) at the anchors.lock of the published site.",
                )
            )
    return history, errors


def check_lock(
    documents: Iterable[Document] | Mapping[str, Document],
    lock_path: Path,
    redirects: Mapping[str, Mapping[str, str]] | None = None,
    project_root: Path | None = None,
    history: Iterable[tuple[str, str]] = (),
) -> list[SourceError]:
    """Every anchor ever published must still exist, or be redirected.

    The published anchors are those of the lock *and* of every earlier lock in ``history``
    (``(label, text)`` pairs: the lock committed in git, the lock of the deployed site...): the
    lock may only grow, so an entry an earlier lock had and this one lacks is an error, and
    its clause is checked all the same. A corpus with documents needs a lock."""
    redirects = redirects or {}
    docs = {d.slug: d for d in _docs(documents)}
    rel = _lock_rel(lock_path, project_root)
    if not lock_path.is_file() and docs:
        return [
            SourceError(
                rel,
                1,
                f"There is no {LOCK_FILE}: the anchors already published cannot be protected.",
                f"Restore it from git (`git checkout origin/main -- {LOCK_FILE}`); only for a brand-new "
                f"site with nothing published yet, create it with `palimpsest lock`.",
            )
        ]
    entries, errors = read_lock(lock_path)
    errors = [SourceError(rel, e.line, e.problem, e.fix) for e in errors]
    if docs and not entries and not errors:
        errors.append(
            SourceError(
                rel,
                1,
                f"{LOCK_FILE} lists no anchor, though the corpus has {len(docs)} documents.",
                f"Restore it from git (`git checkout origin/main -- {LOCK_FILE}`), then run `palimpsest lock`.",
            )
        )
    for label, text in history:
        earlier, _ = parse_lock(text, label)
        lost = sorted(set(earlier) - set(entries), key=natural_key)
        if lost:
            shown = ", ".join(f"`{e}`" for e in lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
            errors.append(
                SourceError(
                    rel,
                    1,
                    f"{len(lost)} published anchor(s) that {label} lists are missing from {LOCK_FILE} ({shown}): "
                    f"the lock may only grow.",
                    f"Put the lines back (`git checkout origin/main -- {LOCK_FILE}`, then `palimpsest lock`); an anchor that "
                    f"must change gets a redirect, never a deleted line.",
                )
            )
            for entry in lost:
                entries.setdefault(entry, 1)
    current = published_anchors(docs)
    missing_docs: dict[str, list[int]] = {}
    for entry, line in sorted(entries.items(), key=lambda kv: (kv[1], natural_key(kv[0]))):
        if entry in current:
            continue
        slug, anchor = entry.split("#", 1)
        if slug not in docs:
            missing_docs.setdefault(slug, []).append(line)
            continue
        target = redirects.get(slug, {}).get(anchor)
        if target and f"{slug}#{target}" in current:
            continue
        near = nearest_anchor(anchor, [c.anchor for c in docs[slug].clauses])
        example = f"`{anchor}: {near}`" if near else f"`{anchor}: <current anchor>`"
        folder = docs[slug].meta.folder
        errors.append(
            SourceError(
                rel,
                line,
                f"The published anchor `{entry}` no longer exists: links and citations to it would break.",
                f"Restore the clause numbering in {folder}/, or declare where it went in {folder}/{REDIRECTS_FILE}, e.g. {example}.",
            )
        )
    for slug, lines in sorted(missing_docs.items()):
        errors.append(
            SourceError(
                rel,
                lines[0],
                f"The published document `{slug}` ({len(lines)} anchors, lines {lines[0]}–{lines[-1]}) is gone from the sources.",
                f"Restore its folder `{slug}/` in the sources folder: a published document stays published.",
            )
        )
    return sorted(errors, key=lambda e: e.line)


def unlocked_anchors(
    documents: Iterable[Document] | Mapping[str, Document], lock_path: Path, project_root: Path | None = None
) -> list[SourceError]:
    """One error per document whose anchors are not all in the lock yet (so the promise can
    be checked the next time): run ``palimpsest lock`` and commit ``anchors.lock``."""
    rel = _lock_rel(lock_path, project_root)
    if not lock_path.is_file():
        return [
            SourceError(
                rel,
                1,
                f"There is no {LOCK_FILE}: published anchors are not protected.",
                f"Run `palimpsest lock` and commit {LOCK_FILE}.",
            )
        ]
    entries, _ = read_lock(lock_path)
    errors = []
    for doc in _docs(documents):
        new = sorted((c.anchor for c in doc.clauses if f"{doc.slug}#{c.anchor}" not in entries), key=natural_key)
        if new:
            shown = ", ".join(new[:5]) + (", …" if len(new) > 5 else "")
            errors.append(
                SourceError(
                    rel,
                    1,
                    f"{len(new)} anchor(s) of `{doc.slug}` are not in {LOCK_FILE} yet ({shown}).",
                    f"Run `palimpsest lock` and commit {LOCK_FILE}.",
                )
            )
    return errors


def update_lock(
    documents: Iterable[Document] | Mapping[str, Document], lock_path: Path, history: Iterable[tuple[str, str]] = ()
) -> list[str]:
    """Add the anchors of ``documents`` to the lock (creating it if needed), and put back any
    entry an earlier lock of ``history`` had; never removes a line. Returns the entries added,
    sorted. Rewrites the file only when something changed."""
    entries, _ = read_lock(lock_path)
    wanted = published_anchors(documents)
    for _label, text in history:
        wanted |= set(parse_lock(text)[0])
    added = sorted(wanted - set(entries), key=natural_key)
    if added or not lock_path.is_file():
        # A malformed line is reported by check_lock and must be repaired by hand: keep it verbatim.
        kept_bad: list[str] = []
        if lock_path.is_file():
            for raw in read_text(lock_path).splitlines():
                s = raw.strip()
                if s and not s.startswith("#") and not _ENTRY_RE.match(s):
                    kept_bad.append(s)
        lines = sorted(set(entries) | set(added), key=natural_key)
        lock_path.write_text(LOCK_HEADER + "".join(f"{e}\n" for e in lines + kept_bad), encoding="utf-8")
    return added

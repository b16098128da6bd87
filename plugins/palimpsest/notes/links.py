"""Links from a page to GitHub's web editor, so a reader can add or edit a note, and the small
dict the note partial (``templates/partials/palimpsest/note.html``) renders."""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlencode

from .read import ANNOTATIONS_FILE, Note


def _repo(repo_url: str) -> str:
    url = repo_url.strip().rstrip("/")
    return url[:-4] if url.endswith(".git") else url


# ``folder`` below is a document's folder relative to the repository root, as the loader found it
# (``sources/a-res-70-126``, or under whatever ``sources_dir`` the site configures).


def edit_url(repo_url: str, branch: str, folder: str) -> str:
    """GitHub's editor for an existing ``<folder>/annotations.md``."""
    return f"{_repo(repo_url)}/edit/{quote(branch)}/{quote(folder.strip('/'))}/{ANNOTATIONS_FILE}"


def note_template(anchor: str) -> str:
    """What a new section looks like, prefilled for the contributor."""
    return f"## {anchor}\n\nAuthor: \nSources: \n\nWrite the note here (Markdown).\n"


def new_file_url(repo_url: str, branch: str, folder: str, anchor: str | None = None) -> str:
    """GitHub's "create file" page for a document that has no annotations file yet, with the
    file name and (when ``anchor`` is given) a first section filled in."""
    params = {"filename": ANNOTATIONS_FILE}
    if anchor:
        params["value"] = f"# Notes on {posixpath.basename(folder.strip('/'))}\n\n" + note_template(anchor)
    return f"{_repo(repo_url)}/new/{quote(branch)}/{quote(folder.strip('/'))}?{urlencode(params, quote_via=quote)}"


def add_note_url(repo_url: str, branch: str, folder: str, anchor: str, file_exists: bool) -> str:
    """The "Add a note" link of a clause without a note: the editor of the existing file, or a
    new prefilled file."""
    return edit_url(repo_url, branch, folder) if file_exists else new_file_url(repo_url, branch, folder, anchor)


# In ``add_note_links``' template: the place of the clause's anchor, as it appears once quoted
# in the URL (the page script puts the anchor there: assets/palimpsest.js).
ANCHOR_SLOT = "{anchor}"


def add_note_links(repo_url: str, branch: str, folder: str, file_exists: bool) -> dict[str, str]:
    """The document's "Add a note" links: ``url`` for the document (its header), ``template``
    for one clause (``add_note_url`` with ``quote(ANCHOR_SLOT)`` where the anchor goes)."""
    return {
        "url": edit_url(repo_url, branch, folder) if file_exists else new_file_url(repo_url, branch, folder),
        "template": add_note_url(repo_url, branch, folder, ANCHOR_SLOT, file_exists),
        "slot": quote(ANCHOR_SLOT),
    }


def note_context(note: Note, repo_url: str | None = None, branch: str = "main") -> dict:
    """The dict ``partials/palimpsest/note.html`` renders (also fine for ``page.meta``: plain
    strings, lists and dicts only)."""
    return {
        "anchor": note.anchor,
        "id": note.note_anchor,
        "html": note.html,
        "author": note.author,
        "sources": [{"text": s.text, "url": s.url} for s in note.sources],
        "overrides": [{"kind": k, "slug": s, "anchor": a} for k, s, a in note.overrides],
        "edit_url": edit_url(repo_url, branch, posixpath.dirname(note.path)) if repo_url else None,
        "path": note.path,
        "line": note.line,
    }

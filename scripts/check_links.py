#!/usr/bin/env python3
"""Offline link checker for a built site (``site/``): every internal link and fragment resolves.

    python scripts/check_links.py site/            # exit 1 and one line per broken link

What is checked, in every ``*.html`` file under the site folder:

* ``href`` of ``a``/``link`` and ``src`` of ``script``/``img``/``source``/``iframe`` that point
  inside the site (relative URLs, or absolute ones under ``--site-url``) must name an existing
  file (a folder URL needs its ``index.html``);
* a ``#fragment`` must be an ``id`` (or an ``a name``) of the target page; ``#`` alone and
  ``#__*`` (Material's own hash routes, e.g. ``#__search``) are allowed;
* duplicate ``id`` values in one page are reported too (a fragment would be ambiguous).

External links (``http(s)://`` elsewhere, ``mailto:``, ``javascript:``, ``data:``) are skipped:
this runs without network.

Also importable: ``check_site(site_dir, site_url="") -> list[Problem]`` and
``page_ids(html_file) -> frozenset[str]``.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRS = (
    ("a", "href"),
    ("link", "href"),
    ("area", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
)
SKIP_SCHEMES = ("mailto:", "javascript:", "data:", "tel:", "blob:")


@dataclass(frozen=True, order=True)
class Problem:
    page: str  # site-relative path of the page holding the link
    link: str  # the link as written
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link!r}: {self.problem}"


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def page_ids(html_file: Path) -> frozenset[str]:
    soup = _soup(html_file)
    ids = {t["id"] for t in soup.find_all(id=True)}
    ids |= {t["name"] for t in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def duplicate_ids(html_file: Path) -> list[str]:
    counts = Counter(t["id"] for t in _soup(html_file).find_all(id=True))
    return sorted(i for i, n in counts.items() if n > 1)


def _target_file(site: Path, page_rel: str, url_path: str) -> Path | None:
    """The file an internal URL path points to, or None when it does not exist."""
    if url_path.startswith("/"):
        joined = url_path.lstrip("/")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), url_path))
    if joined.startswith("../") or joined == "..":
        return None
    candidate = site / joined if joined not in ("", ".") else site
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site_dir: Path, site_url: str = "") -> list[Problem]:
    site = Path(site_dir).resolve()
    _soup.cache_clear()
    page_ids.cache_clear()
    problems: list[Problem] = []
    base = urlsplit(site_url) if site_url else None
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        for dup in duplicate_ids(html):
            problems.append(Problem(rel, f"#{dup}", "duplicate id in the page"))
        soup = _soup(html)
        for tag, attr in LINK_ATTRS:
            for el in soup.find_all(tag, attrs={attr: True}):
                link = el[attr].strip()
                if not link or link.lower().startswith(SKIP_SCHEMES):
                    continue
                parts = urlsplit(link)
                if parts.scheme or parts.netloc:
                    if not base or parts.netloc != base.netloc or not parts.path.startswith(base.path):
                        continue  # external
                    path = "/" + parts.path[len(base.path) :].lstrip("/")
                elif parts.path.startswith("/") and base and parts.path.startswith(base.path):
                    path = "/" + parts.path[len(base.path) :].lstrip("/")  # root-relative (404.html)
                else:
                    path = parts.path
                path = unquote(path)
                target = html if path == "" else _target_file(site, rel, path)
                if target is None:
                    problems.append(Problem(rel, link, "target file does not exist"))
                    continue
                frag = unquote(parts.fragment)
                if not frag or frag.startswith("__") or target.suffix != ".html":
                    continue
                if frag not in page_ids(target):
                    problems.append(Problem(rel, link, f"no id {frag!r} in {target.relative_to(site).as_posix()}"))
    return sorted(set(problems))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("site", type=Path, help="the built site folder")
    p.add_argument("--site-url", default="", help="absolute links under this URL count as internal")
    args = p.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html; build the site first (mkdocs build)", file=sys.stderr)
        return 2
    problems = check_site(args.site, args.site_url)
    for prob in problems:
        print(prob)
    pages = sum(1 for _ in args.site.rglob("*.html"))
    print(f"check_links: {pages} pages, {len(problems)} problem(s).", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``palimpsest build-markdown`` subcommand (registered in ``cli.COMMANDS``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import SourceError
from .writer import build_markdown


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("out", type=Path, help="output folder (emptied first; created if missing)")
    p.add_argument("--config-file", default="mkdocs.yml", help="site configuration, relative to --root")
    p.add_argument(
        "--page-data",
        action="store_true",
        help="also write each page's data (page.meta['palimpsest']) into its front matter",
    )


def run(args: argparse.Namespace) -> int:
    try:
        site = build_markdown(Path(args.root), args.out, config_file=args.config_file, page_data=args.page_data)
    except SourceError as err:
        print(err.message, file=sys.stderr)
        return 1
    for problem in site.errors:
        print(problem.message)
    if site.errors:
        print(
            f"palimpsest build-markdown: {len(site.errors)} problem(s) in the sources; output written anyway.",
            file=sys.stderr,
        )
        return 1
    print(f"palimpsest build-markdown: {site.documents} documents, {len(site.files)} files written to {args.out}.")
    print(f"Publish with: cd {args.out} && mkdocs build   (or properdocs / zensical build)")
    return 0


COMMAND = (
    "build-markdown",
    "write every page (Markdown + front matter), the JSON export and the assets to a folder, "
    "for any MkDocs-compatible generator",
    configure,
    run,
)

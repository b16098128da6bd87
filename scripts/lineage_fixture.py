"""The real corpus of the lineage regression set: build it, sample it, score it.

    .venv/bin/python scripts/lineage_fixture.py corpus /work/shared/corpus-ga   # write the corpus
    .venv/bin/python scripts/lineage_fixture.py sample --links 150 --unlinked 150 --seed 10
    .venv/bin/python scripts/lineage_fixture.py score                           # precision / recall

``corpus``: the GA texts the ingest reads cleanly (``real_corpus.load_folder``) and the
documents of ``sources/``, stored clause by clause in ``tests/fixtures/lineage/corpus.json.gz``
(metadata lineage uses: symbol, title, date, session, agenda item, draft; every clause's anchor,
kind and text), so the tests recompute lineage without ``/work/shared``.

``sample``: a seeded random draw of links (``evolved_from`` entries) and of unlinked clauses
from the lineage of that corpus, printed with both texts (and, for an unlinked clause, the
earlier clauses closest to it by fuzzy text matching) for a person to judge; judgments go to
``tests/fixtures/lineage/judged.json`` (see ``tests/unit/test_lineage_audit.py``).

``score``: precision and recall of the current engine on the judged set.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "unit"))

FIXTURE = ROOT / "tests" / "fixtures" / "lineage"


def write_corpus(folder: Path) -> None:
    from real_corpus import load_folder, load_sources

    docs, failures = load_folder(folder)
    docs += load_sources()
    out = []
    for d in sorted(docs, key=lambda d: d.slug):
        m = d.meta
        out.append(
            {
                "slug": d.slug,
                "symbol": m.symbol,
                "title": m.title,
                "body": m.body,
                "adopted": m.adopted,
                **{k: m.get(k) for k in ("status", "dated", "session", "agenda_item", "draft") if m.get(k)},
                "clauses": [[c.anchor, c.kind, c.text] for c in d.clauses],
            }
        )
    FIXTURE.mkdir(parents=True, exist_ok=True)
    with gzip.open(FIXTURE / "corpus.json.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(
            '{\n"documents": [\n'
            + ",\n".join(json.dumps(x, ensure_ascii=False, sort_keys=True) for x in out)
            + "\n]}\n"
        )
    print(
        f"{len(out)} documents ({len(failures)} texts left out by the ingest), {sum(len(x['clauses']) for x in out):,} clauses"
    )


def draw(lin, n_links: int, n_unlinked: int, seed: int, tag: str, links_of=None) -> list[dict]:
    """A seeded random draw of links and unlinked clauses of a lineage result (``links_of``:
    another engine's links as {(slug, anchor): [(slug, anchor), ...]} instead of ``lin``'s)."""
    from rapidfuzz import fuzz, process

    text = {(s, c.anchor): c.text for s in lin.order for c in lin.clauses[s]}
    rank = {s: i for i, s in enumerate(lin.order)}
    if links_of is None:
        links_of = {k: [(x.document, x.anchor) for x in v] for k, v in lin.evolved_from.items()}
    rng = random.Random(seed)
    pairs = sorted((k, src) for k, v in links_of.items() for src in v)
    unlinked = sorted(k for k in text if not links_of.get(k))
    items = []
    for k, src in rng.sample(pairs, min(n_links, len(pairs))):
        items.append(
            {
                "kind": "link",
                "drawn_from": tag,
                "document": k[0],
                "anchor": k[1],
                "text": text[k],
                "source_document": src[0],
                "source_anchor": src[1],
                "source_text": text[src],
            }
        )
    keys = sorted(text, key=lambda k: rank[k[0]])
    texts = [text[k] for k in keys]
    first_of = {}
    for i, k in enumerate(keys):
        first_of.setdefault(k[0], i)
    for k in rng.sample(unlinked, min(n_unlinked, len(unlinked))):
        choices = texts[: first_of[k[0]]]  # clauses of earlier documents
        cands = []
        for scorer in (fuzz.token_set_ratio, fuzz.ratio):
            for _t, sc, i in process.extract(text[k], choices, scorer=scorer, limit=2, processor=str.lower):
                if keys[i] not in [c[0] for c in cands]:
                    cands.append((keys[i], round(sc)))
        items.append(
            {
                "kind": "unlinked",
                "drawn_from": tag,
                "document": k[0],
                "anchor": k[1],
                "text": text[k],
                "closest": [
                    {"document": c[0][0], "anchor": c[0][1], "score": c[1], "text": text[c[0]]} for c in cands[:4]
                ],
            }
        )
    return items


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("folder", type=Path)
    sub.add_parser("score")
    sm = sub.add_parser("sample")
    sm.add_argument("--links", type=int, default=150)
    sm.add_argument("--unlinked", type=int, default=150)
    sm.add_argument("--seed", type=int, default=10)
    sm.add_argument(
        "--other", type=Path, help='JSON {"slug#anchor": [[slug, anchor, similarity], ...]} of another engine'
    )
    sm.add_argument("--tag", default="engine")
    sm.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "corpus":
        write_corpus(args.folder)
    elif args.cmd == "sample":
        from test_lineage_audit import fixture_documents

        from palimpsest.lineage import compute_lineage

        lin = compute_lineage(fixture_documents())
        other = None
        if args.other:
            raw = json.loads(args.other.read_text("utf-8"))
            other = {tuple(k.split("#", 1)): [(x[0], x[1]) for x in v] for k, v in raw.items()}
        items = draw(lin, args.links, args.unlinked, args.seed, args.tag, other)
        args.out.write_text(json.dumps(items, indent=1, ensure_ascii=False), "utf-8")
        print(f"{len(items)} items drawn")
    elif args.cmd == "score":
        from test_lineage_audit import fixture_documents, judged, score

        from palimpsest.lineage import compute_lineage

        lin = compute_lineage(fixture_documents())
        print(json.dumps(score(lin, judged()), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

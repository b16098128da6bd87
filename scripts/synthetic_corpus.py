"""Synthetic corpora with a known lineage, derived from the real clause texts in ``sources/``.

Used by ``scripts/bench_lineage.py`` (and by the lineage tests while the real corpus loader is
not available). Nothing here is part of the published site.

* ``crude_documents(sources_dir)`` — a quick, forgiving splitter: source text → ``Document``s
  whose clauses are the numbered operative paragraphs, lettered points and preambular
  paragraphs. Good enough for lineage experiments; the real ingest lives in
  ``palimpsest.ingest``.
* ``generate(n_docs, seed_clauses, seed)`` — a corpus of ``n_docs`` documents in families
  (chains of revisions, like 68/131 → 70/126 → 78/178), each revision mutating its parent
  (words substituted / inserted / deleted, opening verb changed, clauses reordered, dropped,
  moved between preamble and operative part, new clauses added), some borrowing a clause from
  another family, plus unrelated noise clauses built from shuffled vocabulary. Returns the
  documents and the true nearest parent of every clause.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from palimpsest.model import OPTIONAL_FIELDS, Clause, Document, DocumentMeta, Part

# --------------------------------------------------------------------------------------------
# Crude splitter
# --------------------------------------------------------------------------------------------

_FURNITURE = re.compile(
    r"^\s*(\[Start1\]|\[DU1\]|<<ODS|United Nations\s*$|General Assembly\s*$|Distr\.|\d+-\d+\s*\(E\)|"
    r"\*\d+\*|\d+/\d+\s*$|Please recycle|_{3,}|-{3,}|A/RES/|A/C\.3/|E/RES/|Page \d+)"
)
_NUMBERED = re.compile(r"^\s*(?:-\s*)?(\d{1,3})\.\s*(?:\*\*)?\s*(.*)$")
_POINT = re.compile(r"^\s*(?:-\s*)?\(([a-z]{1,4})\)\s+(.*)$")
_PREAMBLE_START = re.compile(
    r"^(?:\*?The )?(General Assembly|Economic and Social Council|Economic and Social Commission|General Conference)"
)
_OPENING = re.compile(
    r"^[A-Z][a-z]+(?:ing|ed)\b|^(?:Deeply|Gravely|Seriously|Mindful|Aware|Conscious|Convinced|Noting|Bearing|Having|Desirous|Guided|Alarmed|Concerned|Emphasizing|Further|Taking)\b"
)


def _clean(text: str) -> str:
    text = re.sub(r"<sup>\s*\d+\s*</sup>", "", text)
    text = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+", "", text)
    text = text.replace("*", "")
    text = re.sub(r"(?<=[a-z,;.”\"])\d{1,2}(?=[\s,;.]|$)", "", text)  # glued footnote marks
    return re.sub(r"\s+", " ", text).strip()


def _paragraphs(raw: str) -> list[tuple[int, str]]:
    """Logical paragraphs with their first line: blank lines and tab-indented lines start a new
    paragraph; wrapped lines are joined; document-system furniture is skipped."""
    paras: list[tuple[int, str]] = []
    cur: list[str] = []
    start = 0
    for i, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or _FURNITURE.match(line):
            if cur:
                paras.append((start, " ".join(cur)))
                cur = []
            continue
        starts_new = line.startswith("\t") or bool(_NUMBERED.match(line) or _POINT.match(line))
        if starts_new and cur:
            paras.append((start, " ".join(cur)))
            cur = []
        if not cur:
            start = i
        cur.append(line.strip())
    if cur:
        paras.append((start, " ".join(cur)))
    return paras


def crude_clauses(raw: str) -> list[Clause]:
    clauses: list[Clause] = []
    in_preamble = False
    pp = 0
    last_num = 0
    part = ""
    parent: Clause | None = None
    pending_number: str | None = None
    for line, para in _paragraphs(raw):
        text = _clean(para)
        if not text:
            continue
        if pending_number is not None:  # "13." alone on its line
            text = f"{pending_number}. {text}"
            pending_number = None
        if re.fullmatch(r"\d{1,3}\.", text):
            pending_number = text[:-1]
            continue
        if _PREAMBLE_START.match(text) and text.rstrip().endswith(","):
            in_preamble = True
            continue
        m = _NUMBERED.match(text)
        if m and m.group(2):
            n = int(m.group(1))
            if n <= last_num and n == 1:
                part = "annex" if not part else part + "x"
            last_num = n
            in_preamble = False
            base = f"op{n}" if not part else f"{part}-p{n}"
            parent = Clause(base, f"para_{n}", "operative", str(n), f"para. {n}", None, part, m.group(2), line)
            clauses.append(parent)
            continue
        m = _POINT.match(text)
        if m and parent is not None:
            anchor = f"{parent.anchor}-{m.group(1)}"
            clauses.append(Clause(anchor, anchor, "point", m.group(1), anchor, parent.anchor, part, m.group(2), line))
            continue
        if in_preamble and _OPENING.match(text) and len(text.split()) >= 4:
            pp += 1
            clauses.append(
                Clause(
                    f"pp{pp}",
                    f"preamble__recital_{pp}",
                    "preambular",
                    str(pp),
                    f"preambular para. {pp}",
                    None,
                    "",
                    text,
                    line,
                )
            )
            continue
        if in_preamble and clauses and clauses[-1].kind == "preambular" and text[:1].islower():
            c = clauses[-1]  # a paragraph continued after a page break
            clauses[-1] = Clause(
                c.anchor, c.eid, c.kind, c.number, c.label, c.parent, c.part, c.text + " " + text, c.line
            )
    return clauses


def crude_documents(sources_dir: Path) -> list[Document]:
    docs = []
    for folder in sorted(p for p in Path(sources_dir).iterdir() if p.is_dir()):
        src = next(iter(sorted(folder.glob("source.*"))), None)
        if src is None or not (folder / "document.yml").exists():
            continue
        meta = yaml.safe_load((folder / "document.yml").read_text(encoding="utf-8")) or {}
        dm = DocumentMeta(
            slug=folder.name,
            symbol=str(meta.get("symbol", folder.name)),
            title=str(meta.get("title", "")),
            body=str(meta.get("body", "")),
            adopted=str(meta.get("adopted", "")),
            official_url="",
            source=str(src),
            status="draft" if meta.get("status") == "draft" else "adopted",
            **{k: str(meta[k]) for k in OPTIONAL_FIELDS if meta.get(k)},
        )
        clauses = crude_clauses(src.read_text(encoding="utf-8"))
        docs.append(Document(dm, (Part("", None, tuple(clauses)),), ()))
    return docs


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------

_VERBS_OP = [
    "Stresses",
    "Reaffirms",
    "Recognizes",
    "Encourages",
    "Invites",
    "Calls upon",
    "Urges",
    "Emphasizes",
    "Notes",
    "Welcomes",
    "Requests",
    "Underlines",
    "Acknowledges",
]
_VERBS_PP = [
    "Stressing",
    "Reaffirming",
    "Recognizing",
    "Encouraging",
    "Noting",
    "Recalling",
    "Emphasizing",
    "Welcoming",
    "Acknowledging",
    "Bearing in mind",
    "Underlining",
    "Expressing concern",
]
_MODS = ["", "", "", "also ", "further "]
_FUNCTION_WORDS = set(
    "a an the and or of to in on for with by at from as that which who whose this these those its their his her "
    "is are be been being was were has have had shall should will would can could may might must not no all any "
    "each every such other into within through including inter alia also further well than so".split()
)


@dataclass
class SynClause:
    kind: str  # "preambular" | "operative"
    body: str  # text without the opening verb
    uid: int  # unique id of this clause instance
    parent: int | None  # uid of the clause it was derived from (None = new)

    def text(self, verb: str) -> str:
        return f"{verb} {self.body}"


def _strip_verb(text: str) -> tuple[str, str]:
    words = text.split()
    i = 1
    while i < len(words) and words[i].lower() in {
        "also",
        "further",
        "again",
        "upon",
        "note",
        "with",
        "appreciation",
        "in",
        "mind",
        "concern",
        "deep",
    }:
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


class Generator:
    def __init__(self, seed_clauses: list[str], seed: int = 0, mutation: float = 0.08):
        self.rng = random.Random(seed)
        self.pool = [_strip_verb(t)[1] for t in seed_clauses if len(t.split()) >= 12]
        self.rng.shuffle(self.pool)
        self.vocab = sorted({w for t in self.pool for w in t.split() if w.isalpha() and len(w) > 3})
        self.mutation = mutation
        self.uid = 0

    def _new_uid(self) -> int:
        self.uid += 1
        return self.uid

    def noise(self) -> str:
        n = self.rng.randint(14, 45)
        return " ".join(self.rng.choice(self.vocab) for _ in range(n)) + ";"

    def mutate(self, body: str) -> str:
        words = body.split()
        rng = self.rng
        out: list[str] = []
        rate = rng.uniform(0.5, 2.5) * self.mutation
        for w in words:
            r = rng.random()
            if r < rate / 3:
                continue  # delete
            if r < 2 * rate / 3:
                out.append(rng.choice(self.vocab))  # substitute
                continue
            out.append(w)
            if r > 1 - rate / 3:
                out.append(rng.choice(self.vocab))  # insert
        if rng.random() < 0.15:  # a phrase inserted in the middle
            k = rng.randrange(len(out) + 1)
            out[k:k] = [rng.choice(self.vocab) for _ in range(rng.randint(3, 8))]
        return " ".join(out) if len(out) >= 6 else body

    def novel(self) -> str:
        """A clause with the grammar of a real one and new content: most content words of a
        real clause replaced by random vocabulary (so it shares only function-word n-grams and
        boilerplate with the rest of the corpus)."""
        template = self.rng.choice(self.pool)
        out = []
        for w in template.split():
            if w.lower().strip(",;.") not in _FUNCTION_WORDS and self.rng.random() < 0.7:
                out.append(self.rng.choice(self.vocab))
            else:
                out.append(w)
        return " ".join(out)

    def fresh(self) -> str:
        return self.noise() if self.rng.random() < 0.3 else self.novel()

    def root(self, size: int) -> list[SynClause]:
        clauses = []
        for i in range(size):
            body = self.fresh()
            kind = "preambular" if i < size // 3 else "operative"
            clauses.append(SynClause(kind, body, self._new_uid(), None))
        return clauses

    def revise(self, parent: list[SynClause], borrow: list[SynClause]) -> list[SynClause]:
        rng = self.rng
        out: list[SynClause] = []
        for c in parent:
            r = rng.random()
            if r < 0.08:
                continue  # dropped
            kind = c.kind
            if rng.random() < 0.04:
                kind = "operative" if kind == "preambular" else "preambular"  # moved
            body = c.body if r < 0.5 else self.mutate(c.body)  # kept / changed
            out.append(SynClause(kind, body, self._new_uid(), c.uid))
        for _ in range(rng.choice([0, 1, 1, 2, 3])):  # new clauses (noise text)
            out.insert(
                rng.randrange(len(out) + 1),
                SynClause(rng.choice(["preambular", "operative"]), self.fresh(), self._new_uid(), None),
            )
        for b in borrow:  # a clause borrowed (quoted) from another family
            body = self.mutate(b.body)
            if rng.random() < 0.5:
                body = " ".join(self.rng.choice(self.vocab) for _ in range(rng.randint(4, 12))) + " " + body
            out.insert(
                rng.randrange(len(out) + 1),
                SynClause(rng.choice(["preambular", "operative"]), body, self._new_uid(), b.uid),
            )
        if rng.random() < 0.2 and len(out) > 3:  # two clauses swap places
            i, j = rng.sample(range(len(out)), 2)
            out[i], out[j] = out[j], out[i]
        return out


def _to_document(
    index: int, family: int, clauses: list[SynClause], rng: random.Random
) -> tuple[Document, dict[int, str]]:
    slug = f"syn-{index:05d}"
    day = index  # one document a day, in index order
    year, rem = divmod(day, 360)
    date = f"{1990 + year:04d}-{rem // 30 + 1:02d}-{rem % 30 + 1:02d}"
    meta = DocumentMeta(
        slug=slug,
        symbol=f"SYN/{index:05d}",
        title=f"Family {family}",
        body="Synthetic",
        adopted=date,
        official_url="",
        source="",
    )
    pre = [c for c in clauses if c.kind == "preambular"]
    ops = [c for c in clauses if c.kind == "operative"]
    items = []
    where: dict[int, str] = {}
    for i, c in enumerate(pre, 1):
        verb = rng.choice(_VERBS_PP) + " " + rng.choice(_MODS)
        items.append(
            Clause(
                f"pp{i}",
                f"preamble__recital_{i}",
                "preambular",
                str(i),
                f"preambular para. {i}",
                None,
                "",
                c.text(verb.strip()),
                i,
            )
        )
        where[c.uid] = f"pp{i}"
    for i, c in enumerate(ops, 1):
        verb = rng.choice(_VERBS_OP) + " " + rng.choice(_MODS)
        items.append(
            Clause(f"op{i}", f"para_{i}", "operative", str(i), f"para. {i}", None, "", c.text(verb.strip()), 100 + i)
        )
        where[c.uid] = f"op{i}"
    return Document(meta, (Part("", None, tuple(items)),), ()), where


def generate(
    n_docs: int, seed_clauses: list[str], seed: int = 0, family_size: int = 12
) -> tuple[list[Document], dict[tuple[str, str], tuple[str, str] | None]]:
    """``n_docs`` documents; returns them and the truth: (slug, anchor) → nearest parent
    (slug, anchor) or None for a new clause."""
    gen = Generator(seed_clauses, seed)
    rng = gen.rng
    n_families = max(1, n_docs // family_size)
    families: list[list[list[SynClause]]] = [[] for _ in range(n_families)]
    docs: list[Document] = []
    truth: dict[tuple[str, str], tuple[str, str] | None] = {}
    located: dict[int, tuple[str, str]] = {}
    for index in range(n_docs):
        fam = index % n_families if index < n_families else rng.randrange(n_families)
        history = families[fam]
        if not history:
            clauses = gen.root(rng.randint(15, 40))
        else:
            borrow = []
            if rng.random() < 0.1 and n_families > 1:
                other = families[rng.randrange(n_families)]
                if other and other is not history and other[-1]:
                    borrow = [rng.choice(other[-1])]
            clauses = gen.revise(history[-1], borrow)
        history.append(clauses)
        doc, where = _to_document(index, fam, clauses, rng)
        docs.append(doc)
        for c in clauses:
            located[c.uid] = (doc.slug, where[c.uid])
            truth[(doc.slug, where[c.uid])] = located.get(c.parent) if c.parent is not None else None
    return docs, truth

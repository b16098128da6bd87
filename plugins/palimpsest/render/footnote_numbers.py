"""A Python-Markdown extension that shows footnotes with their *printed* numbers.

The standard ``footnotes`` extension numbers notes 1, 2, 3… in order of first reference,
whatever the label. Official texts number their notes themselves (a text may start at note 4,
or cite note 2 before note 1), and a citation of "note 3" must find note 3 on the page. So,
after the footnotes extension is done, for every footnote whose label is a number:

* the call-out ``<sup id="fnref:3"><a class="footnote-ref" href="#fn:3">…</a></sup>`` shows
  the label;
* the notes list is ordered by number and each ``<li id="fn:3">`` carries ``value="3"``, so
  the list numbers equal the printed numbers; back-link titles say the printed number.

The HTML keeps the shape of the standard extension, so Material's ``content.footnote.tooltips``
keeps working. Labels that are not numbers are left alone.

Use it as ``markdown_extensions: [footnotes, palimpsest.render.footnote_numbers]`` (the
MkDocs plugin adds it by itself).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_NUM = re.compile(r"^\d+$")


def _label(ref: str) -> str:
    # "#fn:3" / "fn:3" / "fn-3" (custom separators): the label is what follows the separator
    ref = ref.lstrip("#")
    return re.split(r"[:\-]", ref, maxsplit=1)[-1] if re.match(r"^fn(ref\d*)?[:\-]", ref) else ""


class PrintedNumbers(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for sup in root.iter("sup"):
            for a in sup.findall("a"):
                if a.get("class") == "footnote-ref":
                    label = _label(a.get("href", ""))
                    if _NUM.match(label):
                        a.text = label
        for div in root.iter("div"):
            if "footnote" not in (div.get("class") or "").split():
                continue
            ol = div.find("ol")
            if ol is None:
                continue
            items = list(ol.findall("li"))
            labels = [_label(li.get("id", "")) for li in items]
            if not items or not all(_NUM.match(lb) for lb in labels):
                continue
            ordered = sorted(zip(labels, items), key=lambda pair: int(pair[0]))
            for li in items:
                ol.remove(li)
            for label, li in ordered:
                li.set("value", label)
                for back in li.iter("a"):
                    if back.get("class") == "footnote-backref" and back.get("title"):
                        back.set("title", re.sub(r"\d+", label, back.get("title", ""), count=1))
                ol.append(li)


class FootnoteNumbersExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # after "inline" (20), "footnote-reorder" (19) and "footnote-duplicate" (15)
        md.treeprocessors.register(PrintedNumbers(md), "palimpsest-footnote-numbers", 12)


def makeExtension(**kwargs: object) -> FootnoteNumbersExtension:  # noqa: N802 (Markdown API)
    return FootnoteNumbersExtension(**kwargs)

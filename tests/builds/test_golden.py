"""Golden output: the fixture site's pages, one of each content type and its listing, a plain
page and Get help, committed as the HTML they should be (tests/golden/), so a change to a
template, a partial or a plugin's HTML shows in review as a diff of the pages it changes.

When a change is intended: `make golden` (or `pytest tests/builds/test_golden.py
--update-golden`) rewrites tests/golden/; read the diff of tests/golden/ and commit it with the
change.

Normalised, and only this, because it changes with the stylesheet's or Material's bytes rather
than with a template, and would otherwise make every CSS edit and every Dependabot update of
Material rewrite every golden page: the content hash in the names of the joined stylesheet and
Material's scripts (assets/.../name.<hash>.css|.min.js) and the versions in the generator line.
Nothing else varies: two builds of the fixture site (its build date is fixed) are byte for byte
the same pages."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from act.types import CONTENT_TYPES  # the content-type registry
from support import ROOT

GOLDEN = ROOT / "tests" / "golden"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"
# Pages besides each content type's item and listing.
OTHER_PAGES = ["index.html", "about/index.html", "get-help/index.html"]

ASSET_HASH = re.compile(
    r"(assets/(?:javascripts|stylesheets)/(?:workers/)?[\w-]+)\.[0-9a-f]{8}((?:\.min)?\.(?:js|css))"
)
GENERATOR = re.compile(r'(<meta name="generator" content=")[^"]*(")')


def normalised(html: str) -> str:
    html = ASSET_HASH.sub(r"\1.HASH\2", html)
    return GENERATOR.sub(r"\1mkdocs-VERSION, mkdocs-material-VERSION\2", html)


def golden_pages(site: Path) -> tuple[list[str], list[str]]:
    """(pages to compare, problems): for each content type in the registry, its listing and
    its first item page in the fixture site, then OTHER_PAGES."""
    pages, problems = [], []
    for content_type in CONTENT_TYPES:
        section = content_type.section
        pages.append(f"{section}/index.html")
        items = [
            f"{section}/{path.stem}/index.html"
            for path in sorted((FIXTURE_CONTENT / section).rglob("*.md"))
            if (site / section / path.stem / "index.html").exists()
        ]
        if items:
            pages.append(items[0])
        else:
            problems.append(
                f"the fixture site has no published page of type '{content_type.kind}': "
                f"add one to tests/fixtures/site/content/{section}/"
            )
    return pages + OTHER_PAGES, problems


def test_the_fixture_sites_pages_are_the_committed_golden_html(fixture_build, request):
    site = fixture_build.site
    pages, problems = golden_pages(site)
    missing = [page for page in pages if not (site / page).exists()]
    assert not problems and not missing, "\n".join(problems + [f"not built: {m}" for m in missing])

    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.html"):
            old.unlink()
        for page in pages:
            (GOLDEN / page).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / page).write_text(normalised((site / page).read_text("utf-8")), "utf-8")
        return

    differences = []
    for page in pages:
        golden = GOLDEN / page
        if not golden.exists():
            differences.append(f"{page}: no golden copy in tests/golden/ yet")
            continue
        expected = golden.read_text(encoding="utf-8").splitlines(keepends=True)
        built = normalised((site / page).read_text(encoding="utf-8")).splitlines(keepends=True)
        differences += difflib.unified_diff(
            expected, built, f"tests/golden/{page}", f"built/{page}", n=2
        )
    stale = sorted(
        path.relative_to(GOLDEN).as_posix()
        for path in GOLDEN.rglob("*.html")
        if path.relative_to(GOLDEN).as_posix() not in pages
    )
    differences += [f"{page}: golden copy of a page no longer compared\n" for page in stale]
    if differences:
        pytest.fail(
            "The built pages differ from tests/golden/ (- golden, + built). If the change is "
            "intended, run `make golden` and commit tests/golden/ with it.\n\n"
            + "".join(line if line.endswith("\n") else line + "\n" for line in differences),
            pytrace=False,
        )

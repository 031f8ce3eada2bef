"""The real edition in content/ and data/: it passes the checks and every file becomes a page."""

from __future__ import annotations

from act.builddate import build_date
from act.check import check_site
from act.content.checker import check_content
from act.types import CONTENT_TYPES
from support import ROOT

SECTIONS = [t.section for t in CONTENT_TYPES]


def test_edition_has_no_content_errors():
    catalogue, _ = check_site(ROOT / "content", ROOT / "data", build_date())
    assert [str(p) for p in catalogue.errors] == []


def test_edition_meets_the_first_edition_minimums():
    catalogue = check_content(ROOT / "content", ROOT / "data", build_date())
    assert len(catalogue.of_kind("article")) >= 12
    assert len(catalogue.of_kind("reserve")) >= 10
    opportunities = catalogue.of_kind("opportunity")
    assert len(opportunities) >= 24
    regions = {r for o in opportunities for r in o.data["regions"]}
    assert {t["id"] for t in catalogue.taxonomies.regions} <= regions | {"england"}


def test_every_content_file_is_a_page_of_the_site(edition_site):
    catalogue = check_content(ROOT / "content", ROOT / "data", build_date())
    missing = [
        e.url
        for e in catalogue.entries
        if not e.is_draft and not (edition_site / e.url / "index.html").exists()
    ]
    assert missing == []
    # The hand-written pages, and each content type's section page (from the registry).
    for page in ("about", "contribute", "accessibility", "privacy", *SECTIONS):
        assert (edition_site / page / "index.html").exists(), page


def test_the_home_page_shows_no_empty_box_when_a_listing_has_nothing(edition_site):
    """With no upcoming events in the edition, the home page has no events listing that says
    there are none: every listing on it shows at least one card."""
    catalogue = check_content(ROOT / "content", ROOT / "data", build_date())
    html = (edition_site / "index.html").read_text(encoding="utf-8")
    assert 'class="act-empty"' not in html
    if not catalogue.of_kind("event"):
        assert "act-list--event" not in html
        assert "There are no upcoming events" not in html

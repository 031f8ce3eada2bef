"""The About page and the programme entry for ACT say who writes the pages as it really is:
checked against the authors and reviewers recorded in the content."""

from __future__ import annotations

from datetime import date

import yaml

from act.content.checker import check_content
from support import ROOT

EDITORIAL_TEAM = "ACT editorial team"
CLAIM_BY_SERVICES = "written by people who work or volunteer in the emergency services"


def recorded_authorship():
    catalogue = check_content(ROOT / "content", ROOT / "data", date(2026, 12, 1))
    written = [e for e in catalogue.entries if e.kind in ("article", "reserve") and not e.is_draft]
    authors = {e.data["author"]["name"] for e in written}
    reviewed = [e for e in written if e.data.get("reviewer")]
    return authors, reviewed


def test_about_says_who_writes_the_pages_as_recorded():
    about = (ROOT / "content/about.md").read_text(encoding="utf-8")
    authors, reviewed = recorded_authorship()
    if authors == {EDITORIAL_TEAM}:
        assert "every article and every reserve guide is written by the ACT editorial team" in about
        assert CLAIM_BY_SERVICES not in about
    else:
        assert CLAIM_BY_SERVICES in about or EDITORIAL_TEAM not in about
    if not reviewed:
        assert "None has yet been checked by a named expert" in about
    else:
        assert "None has yet been checked" not in about


def test_programme_entry_for_act_does_not_claim_advice_from_serving_workers():
    entries = yaml.safe_load((ROOT / "data/programmes.yml").read_text(encoding="utf-8"))
    act = next(e for e in entries if e["id"] == "active-citizens-toolkit")
    text = " ".join(f"{act['summary']} {act['description']}".split())
    authors, _ = recorded_authorship()
    if authors == {EDITORIAL_TEAM}:
        assert "carries advice and articles from serving emergency service workers" not in text
        assert "aims to carry advice from serving emergency service workers" in text
        assert "written by the ACT editorial team" in text


def test_no_page_promises_a_future_data_refresh():
    for path in (ROOT / "overrides").rglob("*.html"):
        assert "after the next data refresh" not in path.read_text(encoding="utf-8"), path

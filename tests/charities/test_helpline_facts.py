"""Issue 29: what Get help says it checked is true, and no one nation's line is offered to all."""

from __future__ import annotations

import re
from datetime import date

from act.charities.directory import build_directory
from act.charities.pages import get_help_pages
from act.charities.referrals import helpline_audit, load_referrals
from act.charities.snapshot import curated_snapshot
from act.templates import fragment_environment
from support import ROOT

REFERRALS = ROOT / "data/referrals.yml"


def edition_pages():
    referrals, problems = load_referrals(REFERRALS, "data/referrals.yml")
    assert not problems
    directory = build_directory(referrals, curated_snapshot(referrals))
    pages = get_help_pages(directory, fragment_environment([ROOT / "overrides"]))
    return referrals, {p.src_uri: p.body for p in pages}


def test_every_helpline_in_the_edition_names_its_source_and_when_it_was_checked():
    warnings = helpline_audit(REFERRALS, "data/referrals.yml", date(2026, 12, 5))
    assert [str(w) for w in warnings if "has no" in w.message] == []


def test_no_helpline_rests_on_wikipedia_or_a_news_story():
    referrals, _ = edition_pages()
    sources = [h.source or "" for n in referrals.needs for h in n.helplines]
    assert [s for s in sources if "wikipedia.org" in s or "/discover/2020/" in s] == []


def test_the_police_non_emergency_number_is_back_under_victims_of_crime_with_a_source():
    referrals, _ = edition_pages()
    need = next(n for n in referrals.needs if n.id == "victims-of-crime")
    police = next(h for h in need.helplines if h.number == "101")
    assert police.source and police.source.startswith("https://")
    assert police.serves_whole_uk


def test_get_help_says_what_was_checked_and_never_that_the_register_was():
    _, bodies = edition_pages()
    for src_uri, body in bodies.items():
        assert "What we checked:" in body, src_uri
        assert "not yet been checked" not in body, src_uri
        assert "We have not checked them against the charity register" in body, src_uri


def test_the_first_number_on_get_help_is_not_a_line_for_one_nation_shown_as_for_all():
    _, bodies = edition_pages()
    index = bodies["get-help/index.md"]
    cards = re.findall(r'<li class="act-card">(.*?)</li>', index, re.S)
    numbered = [c for c in cards if 'href="tel:' in c]
    assert "Wales" not in numbered[0]
    # A line for one nation says so on its card.
    dan = next(c for c in numbered if "DAN 24/7" in c)
    assert "Covers: Wales" in dan

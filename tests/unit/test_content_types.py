"""Every registered content type is whole: a missing part fails here, not late in a build.

A content type is one declaration (an Entry subclass in act/content/types.py) plus its
templates; this test is the list of what that declaration must hold.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from act.content.checker import check_content
from act.entry import TEMPLATES, Entry
from act.listings.sources import SOURCES
from act.schema import Record
from act.search.facets import FILTERS, TYPES, facets_for_entry
from act.types import CONTENT_TYPES, TYPE_BY_KIND, TYPE_BY_SECTION

ROOT = Path(__file__).parents[2]
OVERRIDES = ROOT / "overrides"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda t: t.kind)
def test_a_content_type_declares_every_part(content_type: type[Entry]):
    # Its own name, folder and schema: not the plain page's.
    assert content_type.kind != Entry.kind
    assert content_type.section and "/" not in content_type.section
    assert isinstance(content_type.schema, Record) and content_type.schema is not Entry.schema
    names = {f.name for f in content_type.schema.fields}
    assert {"title", "summary", "published", "review_by", "draft"} <= names
    # Its words, written for it rather than inherited.
    for attribute in ("label", "search_label", "noun"):
        assert getattr(content_type, attribute) != getattr(Entry, attribute), attribute
    assert content_type.review_after_months > 0
    # Its search facets and structured data are its own methods.
    assert content_type.search_filters is not Entry.search_filters
    assert content_type.structured_data is not Entry.structured_data
    # The body `act new` starts it with, and its templates.
    assert "TODO" in content_type.new_body()
    for template in TEMPLATES:
        path = OVERRIDES / template.format(kind=content_type.kind)
        assert path.is_file(), f"{content_type.kind} has no {template}: add {path}"
    # A listing source shows it, and the fixture site has one to build and test.
    assert any(s.card == content_type.kind for s in SOURCES.values())
    assert any((FIXTURE_CONTENT / content_type.section).rglob("*.md"))


def test_the_registry_finds_each_type_by_kind_and_folder():
    assert list(TYPE_BY_KIND.values()) == list(CONTENT_TYPES)
    assert list(TYPE_BY_SECTION.values()) == list(CONTENT_TYPES)
    assert len({t.kind for t in CONTENT_TYPES}) == len(CONTENT_TYPES)
    # Search shows each type under its own name, in the registry's order.
    assert list(TYPES)[: len(CONTENT_TYPES)] == [t.kind for t in CONTENT_TYPES]


def test_every_listing_card_and_source_is_declared_once():
    for source in SOURCES.values():
        assert (OVERRIDES / "fragments/act/cards" / f"{source.card}.html").is_file(), source.name
        assert source.order in ("newest", "title", "rotate")
        assert len({f.name for f in source.filters}) == len(source.filters)


def test_every_search_filter_a_type_gives_is_one_the_search_page_shows():
    fixture = ROOT / "tests" / "fixtures" / "site"
    catalogue = check_content(fixture / "content", fixture / "data", date(2026, 6, 1))
    names = catalogue.taxonomies.names()
    given = set()
    for entry in catalogue.entries:
        facets = facets_for_entry(entry, names, date(2026, 6, 1))
        given |= {name for name, _ in facets.filter_pairs()} if facets else set()
    assert {t.kind for t in CONTENT_TYPES} <= {e.kind for e in catalogue.entries}
    assert given <= set(FILTERS) and {"type", "topic", "region", "service"} <= given


def test_an_entry_reads_its_front_matter_as_typed_attributes():
    fixture = ROOT / "tests" / "fixtures" / "site"
    catalogue = check_content(fixture / "content", fixture / "data", date(2026, 6, 1))
    responder = next(e for e in catalogue.entries if e.slug == "open-responder")
    assert responder.commitment.pattern == responder.data["commitment"]["pattern"] == "on-call"
    assert responder.commitment.hours_per_month == 20
    assert type(responder.commitment).__name__ == "Commitment"
    assert responder.regions == ["south-west"] and responder.remote is False
    with pytest.raises(AttributeError, match="no field 'comitment'"):
        _ = responder.comitment  # a typo is an error, not None
    guide = catalogue.of_kind("reserve")[0]
    finder_facts = {
        "category": "policing",
        "regions": ["uk-wide"],
        "commitment": {"pattern": "regular", "hours_per_month": 16},
        "remote": False,
    }
    listed = replace(guide, data={**guide.data, "in_finder": finder_facts}).as_opportunity()
    assert (listed.commitment.pattern, listed.category) == ("regular", "policing")
    assert listed.title == guide.title
    event = next(e for e in catalogue.of_kind("event") if e.slug == "fixture-hack-weekend")
    assert event.start.utcoffset().total_seconds() == 3600  # British Summer Time
    assert event.end.utcoffset().total_seconds() == 0  # the clocks have gone back

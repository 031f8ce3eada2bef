"""Every registered content type is whole: a missing part fails here, not late in a build.

A content type is one module (act/types/<kind>.py: its Entry subclass, listings and JSON-LD)
plus its templates, its `act new` body and fixture files; this test is the list of what it
must hold, and names every missing part in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from act.catalogue import Catalogue
from act.content.checker import check_content
from act.entry import Entry
from act.listings.sources import SOURCES
from act.schema import Record
from act.search.facets import FILTERS, TYPES, facets_for_entry
from act.types import CONTENT_TYPES, TYPE_BY_KIND, TYPE_BY_SECTION
from act.types.parts import missing_parts

ROOT = Path(__file__).parents[2]
OVERRIDES = ROOT / "overrides"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"


def missing_parts_of(content_type: type[Entry]) -> list[str]:
    """Every part `content_type` lacks, each in words naming what to add: all of them at
    once, so one run lists the whole work of adding a type."""
    missing = []

    def need(present: bool, part: str) -> None:
        if not present:
            missing.append(part)

    # Its own name, folder and schema: not the plain page's.
    need(content_type.kind != Entry.kind, "its own `kind`")
    need(bool(content_type.section) and "/" not in content_type.section, "a `section` folder")
    schema = content_type.schema
    need(isinstance(schema, Record) and schema is not Entry.schema, "its own `schema`")
    names = {f.name for f in schema.fields} if isinstance(schema, Record) else set()
    for field in ("title", "summary", "published", "review_by", "draft"):
        need(field in names, f"a `{field}` field in its schema")
    # Its words, written for it rather than inherited.
    for attribute in ("label", "search_label", "noun"):
        need(getattr(content_type, attribute) != getattr(Entry, attribute), f"its `{attribute}`")
    need(content_type.review_after_months > 0, "`review_after_months` above 0")
    # Its search facets and structured data are its own methods.
    need(content_type.search_filters is not Entry.search_filters, "its `search_filters`")
    need(content_type.structured_data is not Entry.structured_data, "its `structured_data`")
    # A listing source shows it with its card, and it has a listing page of its own.
    need(
        any(s.card == content_type.kind for s in content_type.sources),
        f"a listing source in its `sources` with card='{content_type.kind}'",
    )
    pages = content_type.listing_pages(Catalogue(), date(2026, 6, 1))
    need(
        any(p.src_uri == f"{content_type.section}/index.md" for p in pages),
        f"its section's page ({content_type.section}/index.md) in `listing_pages`",
    )
    # The files beside its module: templates and its `act new` body (as the build finds them).
    for problem in missing_parts([OVERRIDES], shown, (content_type,)):
        missing.append(f"{problem.path} ({problem.message})")
    body = content_type.new_body_path()
    need(not body.is_file() or "TODO" in body.read_text(encoding="utf-8"), f"TODO in {body}")
    # The fixture site has one to build and test.
    need(
        any((FIXTURE_CONTENT / content_type.section).rglob("*.md")),
        f"fixture files in tests/fixtures/site/content/{content_type.section}/",
    )
    return missing


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda t: t.kind)
def test_a_content_type_declares_every_part(content_type: type[Entry]):
    assert missing_parts_of(content_type) == []


def test_a_type_added_by_half_is_told_every_part_it_lacks_in_one_run():
    """A throwaway type with only a kind and a folder: one run names every missing part."""

    @dataclass
    class Course(Entry):
        kind = "course"
        section = "courses"

    missing = missing_parts_of(Course)
    for part in (
        "its own `schema`",
        "its `label`",
        "its `noun`",
        "its `search_filters`",
        "its `structured_data`",
        "a listing source in its `sources` with card='course'",
        "its section's page (courses/index.md) in `listing_pages`",
        "fixture files in tests/fixtures/site/content/courses/",
    ):
        assert part in missing
    files = " ".join(missing)
    for path in (
        "overrides/partials/act/course-header.html",
        "overrides/fragments/act/cards/course.html",
        "plugins/act/types/new/course.md",
    ):
        assert path in files


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

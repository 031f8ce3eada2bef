"""Listing queries: plain functions from the catalogue to ordered lists of items."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from act.content.types import Entry

if TYPE_CHECKING:
    from act.content.checker import Catalogue


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.last_changed, e.title), reverse=True)


def articles(catalogue: Catalogue, topic: str | None = None) -> list[Entry]:
    """Published articles, newest first; only those filed under `topic` if given."""
    found = catalogue.of_kind("article")
    if topic:
        found = [a for a in found if topic in a.data["topics"]]
    return _newest_first(found)


def open_opportunities(catalogue: Catalogue, on: date) -> list[Entry]:
    """Opportunities still open on `on`, newest first."""
    return _newest_first([o for o in catalogue.of_kind("opportunity") if o.is_open(on)])


def finder_items(catalogue: Catalogue, on: date) -> list[Any]:
    """What the opportunity finder lists: open opportunities, then the reserve guides that ask
    to be listed there too (written once, in content/reserves/)."""
    guides = [r.as_opportunity() for r in reserves(catalogue)]
    return open_opportunities(catalogue, on) + [g for g in guides if g is not None]


def reserves(catalogue: Catalogue) -> list[Entry]:
    """Reserve guides in title order."""
    return sorted(catalogue.of_kind("reserve"), key=lambda r: r.title.lower())


def upcoming_events(catalogue: Catalogue, on: date) -> list[Entry]:
    """Events that have not ended before `on`, soonest first."""
    found = [e for e in catalogue.of_kind("event") if e.is_upcoming(on)]
    return sorted(found, key=lambda e: (e.start, e.title))


def past_events(catalogue: Catalogue, on: date) -> list[Entry]:
    """Events that ended before `on`, the most recent first."""
    found = [e for e in catalogue.of_kind("event") if not e.is_upcoming(on)]
    return sorted(found, key=lambda e: (e.start, e.title), reverse=True)

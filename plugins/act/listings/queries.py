"""Listing queries: plain functions from the catalogue to ordered lists of entries."""

from __future__ import annotations

from datetime import date

from act.content.checker import Catalogue
from act.content.types import Entry


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(
        entries, key=lambda e: (e.data.get("updated") or e.data["published"], e.title), reverse=True
    )


def articles(catalogue: Catalogue, topic: str | None = None) -> list[Entry]:
    """Published articles, newest first; only those filed under `topic` if given."""
    found = catalogue.of_kind("article")
    if topic:
        found = [a for a in found if topic in a.data["topics"]]
    return _newest_first(found)


def open_opportunities(catalogue: Catalogue, on: date) -> list[Entry]:
    """Opportunities still open on `on`, newest first."""
    return _newest_first([o for o in catalogue.of_kind("opportunity") if o.is_open(on)])


def reserves(catalogue: Catalogue) -> list[Entry]:
    """Reserve guides in title order."""
    return sorted(catalogue.of_kind("reserve"), key=lambda r: r.title.lower())

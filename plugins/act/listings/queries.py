"""Listing queries: plain functions from the catalogue to ordered lists of items."""

from __future__ import annotations

from datetime import date
from typing import Any

from act.content.checker import Catalogue
from act.content.types import Entry


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


def select(
    catalogue: Catalogue,
    source: str,
    filters: dict[str, str],
    *,
    today: date,
    limit: int | None = None,
    order: str = "newest",
) -> list[Any]:
    """Items of `source` matching every filter, in `order`, at most `limit` of them."""
    if source == "articles":
        items: list[Any] = articles(catalogue, filters.get("topic"))
    elif source == "opportunities":
        items = open_opportunities(catalogue, today)
        if "region" in filters:
            items = [
                o
                for o in items
                if filters["region"] in catalogue.taxonomies.regions_covered(o.data["regions"])
            ]
        if "category" in filters:
            items = [o for o in items if o.data["category"] == filters["category"]]
        if "commitment" in filters:
            items = [o for o in items if o.data["commitment"]["pattern"] == filters["commitment"]]
        if "remote" in filters:
            items = [o for o in items if o.data["remote"] == (filters["remote"] == "yes")]
    elif source == "reserves":
        items = [
            r
            for r in reserves(catalogue)
            if filters.get("service", r.data["service"]) == r.data["service"]
            and filters.get("nation", r.data["nations"][0]) in r.data["nations"]
        ]
    else:
        collection = "programmes" if source == "programmes" else "showcase"
        items = [
            p
            for p in catalogue.collections.get(collection, [])
            if filters.get("status", p["status"]) == p["status"]
            and ("tag" not in filters or filters["tag"] in p.get("tags", []))
        ]
    if order == "title":
        items = sorted(items, key=_title)
    elif order == "rotate" and items:
        # A different item each day, the same all day: reproducible with ACT_BUILD_DATE.
        items = sorted(items, key=_title)
        shift = today.toordinal() % len(items)
        items = items[shift:] + items[:shift]
    return items[:limit] if limit else items


def _title(item: Any) -> str:
    return (item.title if isinstance(item, Entry) else item["name"]).lower()

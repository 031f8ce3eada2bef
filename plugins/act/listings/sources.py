"""What a listing can list: each source declared once, with its filters and its order.

The `act:listing` directive's checks (which sources, which filters, which values), the card it
is shown with and the query that selects its items all come from these declarations, so a
source cannot be accepted by the directive and unknown to the query, and a filter value cannot
be accepted for one source because another source knows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from act.collections import PROGRAMME_STATUSES, PROJECT_STATUSES
from act.content.types import (
    ATTENDANCE,
    COMMITMENT_PATTERNS,
    NATIONS,
    OPPORTUNITY_CATEGORIES,
    SERVICES,
)
from act.listings import queries

if TYPE_CHECKING:
    from act.content.checker import Catalogue

ORDERS = ("newest", "title", "rotate")
EMPTY = "Nothing to show here yet."


@dataclass(frozen=True)
class Filter:
    """One `key=value` a source can be filtered by: the values it accepts, and whether an
    item matches a value."""

    name: str
    values: Callable[[Catalogue], Iterable[str]]
    matches: Callable[[Any, str, Catalogue], bool]


@dataclass(frozen=True)
class Source:
    """A listing source: its items in their natural order, its filters, its default order, the
    card each item is shown with, and what an empty listing says."""

    name: str
    items: Callable[[Catalogue, date], list[Any]]
    card: str
    filters: tuple[Filter, ...] = ()
    order: str = "newest"
    empty: str = EMPTY

    def filter(self, name: str) -> Filter | None:
        return next((f for f in self.filters if f.name == name), None)

    def vocabulary(self, catalogue: Catalogue) -> dict[str, set[str]]:
        """The values each of this source's filters accepts."""
        return {f.name: set(f.values(catalogue)) for f in self.filters}

    def select(
        self,
        catalogue: Catalogue,
        filters: dict[str, str],
        *,
        today: date,
        limit: int | None = None,
        order: str | None = None,
    ) -> list[Any]:
        """Items matching every filter, in `order` (the source's own by default), at most
        `limit` of them."""
        items = self.items(catalogue, today)
        for name, value in filters.items():
            matches = self.filter(name)
            if matches is None:
                raise ValueError(f"{self.name} cannot be filtered by '{name}'")
            items = [item for item in items if matches.matches(item, value, catalogue)]
        order = order or self.order
        if order == "title":
            items = sorted(items, key=_title)
        elif order == "rotate" and items:
            # A different item each day, the same all day: reproducible with ACT_BUILD_DATE.
            items = sorted(items, key=_title)
            shift = today.toordinal() % len(items)
            items = items[shift:] + items[:shift]
        return items[:limit] if limit else items


def _title(item: Any) -> str:
    return (item["name"] if isinstance(item, dict) else item.title).lower()


def _choice(name: str, values: Iterable[str], field: Callable[[Any], Any]) -> Filter:
    """A filter on one field of fixed values; a list-valued field matches when it holds it."""
    fixed = tuple(values)

    def matches(item: Any, value: str, catalogue: Catalogue) -> bool:
        found = field(item)
        return value in found if isinstance(found, list) else found == value

    return Filter(name, lambda catalogue: fixed, matches)


def _regions(field: Callable[[Any], list[str]]) -> Filter:
    """Regions match what they cover: `region=london` lists UK-wide items too."""
    return Filter(
        "region",
        lambda catalogue: (r["id"] for r in catalogue.taxonomies.regions),
        lambda item, value, catalogue: value in catalogue.taxonomies.regions_covered(field(item)),
    )


def _collection(name: str) -> Callable[[Catalogue, date], list[Any]]:
    return lambda catalogue, today: list(catalogue.collections.get(name, []))


SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        Source(
            "articles",
            lambda catalogue, today: queries.articles(catalogue),
            card="article",
            filters=(
                Filter(
                    "topic",
                    lambda catalogue: (t["id"] for t in catalogue.taxonomies.topics),
                    lambda item, value, catalogue: value in item.topics,
                ),
            ),
        ),
        Source(
            "opportunities",
            lambda catalogue, today: queries.open_opportunities(catalogue, today),
            card="opportunity",
            filters=(
                _regions(lambda o: o.regions),
                _choice("category", OPPORTUNITY_CATEGORIES, lambda o: o.category),
                _choice("commitment", COMMITMENT_PATTERNS, lambda o: o.commitment.pattern),
                _choice("remote", ("yes", "no"), lambda o: "yes" if o.remote else "no"),
            ),
        ),
        Source(
            "reserves",
            lambda catalogue, today: queries.reserves(catalogue),
            card="reserve",
            filters=(
                _choice("service", SERVICES, lambda r: r.service),
                _choice("nation", NATIONS, lambda r: r.nations),
            ),
            order="title",
        ),
        Source(
            "events",
            lambda catalogue, today: queries.upcoming_events(catalogue, today),
            card="event",
            filters=(
                _regions(lambda e: e.regions),
                _choice("attendance", ATTENDANCE, lambda e: e.attendance),
            ),
            empty="There are no upcoming events at the moment.",
        ),
        Source(
            "programmes",
            _collection("programmes"),
            card="programme",
            filters=(_choice("status", PROGRAMME_STATUSES, lambda p: p["status"]),),
        ),
        Source(
            "projects",
            _collection("showcase"),
            card="project",
            filters=(
                _choice("status", PROJECT_STATUSES, lambda p: p["status"]),
                Filter(
                    "tag",
                    lambda catalogue: (
                        t for p in catalogue.collections.get("showcase", []) for t in p["tags"]
                    ),
                    lambda item, value, catalogue: value in item.get("tags", []),
                ),
            ),
        ),
    )
}


def vocabulary(catalogue: Catalogue) -> dict[str, dict[str, set[str]]]:
    """For each source, the values each of its filters accepts."""
    return {name: source.vocabulary(catalogue) for name, source in SOURCES.items()}

"""The listing language: a `Source` (what a listing can list, declared once with its filters
and its order), a `PageSpec` (a listing page before it is rendered), and the filters sources
share. Each content type declares its own sources and pages with these (act/types/<kind>.py);
the collections' are in act/listings/sources.py, which gathers them all.

The `act:listing` directive's checks (which sources, which filters, which values), the card it
is shown with and the query that selects its items all come from these declarations, so a
source cannot be accepted by the directive and unknown to the query, and a filter value cannot
be accepted for one source because another source knows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from act.taxonomies import Taxonomies


class Listable(Protocol):
    """What a listing reads of the catalogue (act.catalogue.Catalogue): its entries by kind,
    the taxonomies and the data collections. A protocol, not the Catalogue itself: the
    catalogue holds entries, and the entries declare their listings with this module."""

    taxonomies: Taxonomies
    collections: dict[str, list[dict]]

    def of_kind(self, kind: str, include_drafts: bool = False) -> list[Any]: ...


ORDERS = ("newest", "title", "rotate")
EMPTY = "Nothing to show here yet."


@dataclass(frozen=True)
class Filter:
    """One `key=value` a source can be filtered by: the values it accepts, and whether an
    item matches a value."""

    name: str
    values: Callable[[Listable], Iterable[str]]
    matches: Callable[[Any, str, Listable], bool]


@dataclass(frozen=True)
class Source:
    """A listing source: its items in their natural order, its filters, its default order, the
    card each item is shown with, and what an empty listing says."""

    name: str
    items: Callable[[Listable, date], list[Any]]
    card: str
    filters: tuple[Filter, ...] = ()
    order: str = "newest"
    empty: str = EMPTY

    def filter(self, name: str) -> Filter | None:
        return next((f for f in self.filters if f.name == name), None)

    def vocabulary(self, catalogue: Listable) -> dict[str, set[str]]:
        """The values each of this source's filters accepts."""
        return {f.name: set(f.values(catalogue)) for f in self.filters}

    def select(
        self,
        catalogue: Listable,
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


def choice(name: str, values: Iterable[str], field: Callable[[Any], Any]) -> Filter:
    """A filter on one field of fixed values; a list-valued field matches when it holds it."""
    fixed = tuple(values)

    def matches(item: Any, value: str, catalogue: Listable) -> bool:
        found = field(item)
        return value in found if isinstance(found, list) else found == value

    return Filter(name, lambda catalogue: fixed, matches)


def regions(field: Callable[[Any], list[str]]) -> Filter:
    """Regions match what they cover: `region=london` lists UK-wide items too."""
    return Filter(
        "region",
        lambda catalogue: (r["id"] for r in catalogue.taxonomies.regions),
        lambda item, value, catalogue: value in catalogue.taxonomies.regions_covered(field(item)),
    )


def collection(name: str) -> Callable[[Listable, date], list[Any]]:
    """A source's items: the records of a data collection (act.collections), in file order."""
    return lambda catalogue, today: list(catalogue.collections.get(name, []))


@dataclass(frozen=True)
class PageSpec:
    """A listing page before it is rendered: enough to know its address and what makes it."""

    src_uri: str
    title: str
    summary: str
    source_file: str  # the file an editor changes to change this page
    fragment: str
    context: Callable[[], dict]
    search_type: str | None = None
    made_from: str = ""  # the record it shows, for messages: "topic 'flooding'"

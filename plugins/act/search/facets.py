"""What a page tells Pagefind: whether to index it, its filters and metadata (no sort key: the
search page never sorts, and a sort puts every page's order in the file each query fetches)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from act.entry import Entry
from act.types import CONTENT_TYPES

# The `type` filter's values, with the words shown in the search page's filter pane: each
# content type's own, then the generated pages'.
TYPES = {
    **{t.kind: t.search_label for t in CONTENT_TYPES},
    "help": "Get help",
    "area": "Your area",  # the area pages (act/areas), found by their councils' names
    "project": "Projects",
    "programme": "Programmes",
    "page": "Other pages",
}

# The search page's filters, in the order shown, with their names; act-search.js reads them
# from the page. Every filter a content type gives (Entry.search_filters) must be here.
FILTERS = {"type": "Type", "topic": "Topic", "region": "Where", "service": "Service"}


@dataclass(frozen=True)
class SearchFacets:
    """The Pagefind markup of one indexed page."""

    type: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def filter_pairs(self) -> list[tuple[str, str]]:
        """("type", "article"), ("topic", "Flooding"), ... in a stable order."""
        pairs = [("type", self.type)]
        for name in sorted(self.filters):
            pairs.extend((name, value) for value in self.filters[name])
        return pairs


def facets_for_entry(
    entry: Entry, names: dict[str, dict[str, str]], today: date
) -> SearchFacets | None:
    """Facets of a content entry; None for what must not be found (a closed opportunity)."""
    if not entry.section:  # a hand-written page
        return SearchFacets("page", meta={"summary": entry.summary} if entry.summary else {})
    filters = entry.search_filters(names, today)
    if filters is None:
        return None
    changed = entry.last_changed
    meta = {"summary": entry.summary}
    if changed:
        meta["date"] = changed.isoformat()
    return SearchFacets(entry.kind, filters, meta)


def facets_from_meta(meta: Mapping[str, Any]) -> SearchFacets | None:
    """Facets a generated page declares in its front matter: `search: {type: help, ...}`."""
    declared = meta.get("search")
    if not isinstance(declared, dict) or declared.get("type") not in TYPES:
        return None
    filters = {k: [str(x) for x in v] for k, v in (declared.get("filters") or {}).items()}
    page_meta = {"summary": meta["summary"]} if meta.get("summary") else {}
    return SearchFacets(declared["type"], filters, page_meta)


def plain_page_facets(meta: Mapping[str, Any]) -> SearchFacets:
    """A hand-written page (about, privacy, the plan...) is found as type `page`."""
    return facets_from_meta(meta) or SearchFacets(
        "page", meta={"summary": meta["summary"]} if meta.get("summary") else {}
    )

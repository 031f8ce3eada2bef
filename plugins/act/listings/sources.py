"""Every listing source the `act:listing` directive accepts: each content type's own
(`sources` on its class in act/types/), then the data collections' below. The language they
are written in (Source, Filter) is act/listing.py."""

from __future__ import annotations

from act.collections import PROGRAMME_STATUSES, PROJECT_STATUSES
from act.listing import Filter, Listable, Source, choice, collection
from act.types import CONTENT_TYPES

# The data collections' sources (act.collections).
COLLECTION_SOURCES = (
    Source(
        "programmes",
        collection("programmes"),
        card="programme",
        filters=(choice("status", PROGRAMME_STATUSES, lambda p: p["status"]),),
    ),
    Source(
        "projects",
        collection("showcase"),
        card="project",
        filters=(
            choice("status", PROJECT_STATUSES, lambda p: p["status"]),
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

SOURCES: dict[str, Source] = {
    source.name: source
    for source in (*(s for t in CONTENT_TYPES for s in t.sources), *COLLECTION_SOURCES)
}


def vocabulary(catalogue: Listable) -> dict[str, dict[str, set[str]]]:
    """For each source, the values each of its filters accepts."""
    return {name: source.vocabulary(catalogue) for name, source in SOURCES.items()}

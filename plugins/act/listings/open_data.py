"""Open data: the listings as JSON, each with a JSON Schema generated from our own schemas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from act import characters
from act.catalogue import Catalogue
from act.collections import PROGRAMME, PROJECT
from act.entry import Entry
from act.publishing.site import LICENCE, LICENCE_URL, Site
from act.schema import SLUG_PATTERN, Record, json_schema
from act.types import opportunity, reserve

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Export:
    name: str  # file name without .json
    title: str
    description: str
    record: Record
    items: list[dict[str, Any]]
    has_pages: bool  # items are content entries with their own page
    # Where each item was written: its file, and its place in that file ('' or '[3]').
    sources: list[tuple[str, str]]

    @property
    def path(self) -> str:
        return f"data/{self.name}.json"

    @property
    def schema_path(self) -> str:
        return f"data/{self.name}.schema.json"


def exports(catalogue: Catalogue, site: Site) -> list[Export]:
    """Every open data export, computed once per build."""

    def entries(found: list[Entry]) -> list[dict[str, Any]]:
        return [{"id": e.slug, "url": site.absolute(e.url), **_plain(e.data)} for e in found]

    def from_pages(found: list[Entry]) -> list[tuple[str, str]]:
        return [(f"content/{e.src_uri}", "") for e in found]

    def from_data(name: str) -> list[tuple[str, str]]:
        return [
            (f"data/{name}.yml", f"[{n}]") for n in range(len(catalogue.collections.get(name, [])))
        ]

    opportunities = opportunity.open_opportunities(catalogue, site.build_date)
    reserves = reserve.reserves(catalogue)

    return [
        Export(
            "opportunities",
            "Volunteering opportunities",
            "Open volunteering opportunities in public safety across the UK.",
            opportunity.OPPORTUNITY,
            entries(opportunities),
            True,
            from_pages(opportunities),
        ),
        Export(
            "reserves",
            "Emergency-service reserves",
            "Guides to joining the reserves, with their structured facts.",
            reserve.RESERVE,
            entries(reserves),
            True,
            from_pages(reserves),
        ),
        Export(
            "programmes",
            "Community programme",
            "The initiatives of the community programme ACT is part of.",
            PROGRAMME,
            _plain(catalogue.collections.get("programmes", [])),
            False,
            from_data("programmes"),
        ),
        Export(
            "showcase",
            "Showcase projects",
            "Projects made by volunteers.",
            PROJECT,
            _plain(catalogue.collections.get("showcase", [])),
            False,
            from_data("showcase"),
        ),
    ]


def document(export: Export, site: Site) -> dict[str, Any]:
    """The export's JSON document. Raises characters.UnwantedCharacter for a value with a
    character that does not belong, naming the file and field it was written in."""
    for item, (source, place) in zip(export.items, export.sources, strict=True):
        characters.refuse_in_data(item, source=source, output=export.path, field=place)
    return {
        "$schema": site.absolute(export.schema_path),
        "title": export.title,
        "description": export.description,
        "publisher": site.name,
        "source": site.url,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "build_date": site.build_date.isoformat(),
        "items": export.items,
    }


def schema(export: Export, site: Site, terms: dict[str, dict[str, str]]) -> dict[str, Any]:
    item = json_schema(export.record, terms)
    if export.has_pages:
        item["properties"] = {
            "id": {
                "type": "string",
                "pattern": SLUG_PATTERN.pattern,
                "description": "the page's slug, unique within this export",
            },
            "url": {"type": "string", "pattern": "^https://", "description": "the page"},
            **item["properties"],
        }
        item["required"] = ["id", "url", *item["required"]]
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": site.absolute(export.schema_path),
        "title": export.title,
        "description": export.description,
        "type": "object",
        "required": ["title", "licence", "build_date", "items"],
        "properties": {
            "$schema": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "publisher": {"type": "string"},
            "source": {"type": "string"},
            "licence": {"const": LICENCE},
            "licence_url": {"type": "string"},
            "build_date": {"type": "string", "format": "date"},
            "items": {"type": "array", "items": item},
        },
        "additionalProperties": False,
    }


def _plain(value: Any) -> Any:
    """Front matter values as JSON values: dates become ISO text; empty optional values go."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value

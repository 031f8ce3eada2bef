"""The taxonomies content is filed under: topics and regions (data/topics.yml, regions.yml),
and the police force areas a role or event can name (the ids of data/areas.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from act.datafiles import load_records
from act.problems import Problem
from act.schema import Choice, Field, ListOf, Record, Slug, Text
from act.yamlfile import parse_yaml, read_text

NATION_IDS = ("england", "wales", "scotland", "northern-ireland")
AREAS_FILE = "areas.yml"

TOPIC = Record(
    [
        Field("id", Slug(), doc="used in URLs; never rename", example="flooding"),
        Field("name", Text(), doc="shown to readers", example="Flooding"),
        Field("description", Text(multiline=True), required=False, doc="one sentence"),
    ]
)
REGION = Record(
    [
        Field("id", Slug(), example="london"),
        Field("name", Text(), example="London"),
        Field("kind", Choice(("uk", "nation", "region")), example="region"),
        Field("nation", Choice(NATION_IDS), required=False, doc="for English regions: england"),
        Field(
            "police_forces",
            ListOf(Text()),
            required=False,
            default=[],
            doc="territorial police forces in the area",
        ),
    ]
)


@dataclass
class Taxonomies:
    topics: list[dict] = field(default_factory=list)
    regions: list[dict] = field(default_factory=list)
    # The police force areas of data/areas.yml as terms: {id, name, region, nation}. The file
    # itself is checked, with every problem at its line, by act.areas.data.
    areas: list[dict] = field(default_factory=list)
    _names: dict[str, dict[str, str]] | None = field(default=None, init=False, repr=False)

    def regions_covered(self, region_ids: list[str]) -> list[str]:
        """Every region id a listing in `region_ids` should be found under.

        UK-wide covers everything; a nation covers its regions; a region is also found under
        its nation, so someone choosing England sees London's opportunities too.
        """
        by_id = {r["id"]: r for r in self.regions}
        covered: set[str] = set()
        for region_id in region_ids:
            region = by_id.get(region_id, {"id": region_id, "kind": "region"})
            if region["kind"] == "uk":
                covered.update(by_id)
            elif region["kind"] == "nation":
                covered.add(region_id)
                covered.update(r["id"] for r in self.regions if r.get("nation") == region_id)
            else:
                covered.add(region_id)
                if region.get("nation"):
                    covered.add(region["nation"])
        return sorted(covered)

    def names(self) -> dict[str, dict[str, str]]:
        """{'topics': {id: name}, 'regions': {id: name}, 'areas': {id: name}} for schema checks
        and display.

        Made once: templates ask for it on every page."""
        if self._names is None:
            self._names = {
                "topics": {t["id"]: t["name"] for t in self.topics},
                "regions": {r["id"]: r["name"] for r in self.regions},
                "areas": {a["id"]: a["name"] for a in self.areas},
            }
        return self._names


def load_taxonomies(data_dir: Path, shown_as) -> tuple[Taxonomies, list[Problem]]:
    topics, problems = load_records(
        data_dir / "topics.yml", TOPIC, shown_as(data_dir / "topics.yml")
    )
    regions, more = load_records(
        data_dir / "regions.yml", REGION, shown_as(data_dir / "regions.yml")
    )
    return Taxonomies(topics, regions, area_terms(data_dir / AREAS_FILE)), problems + more


def area_terms(path: Path) -> list[dict]:
    """The ids, names, regions and nations of data/areas.yml, for the fields that name an area
    (a role's or an event's `areas`). Only the terms are read here, and nothing is reported:
    act.areas.data reads the whole file and reports every problem in it at its line."""
    if not path.exists():
        return []
    text, _ = read_text(path, str(path))
    doc, _ = parse_yaml(text, str(path)) if text is not None else (None, [])
    items = doc.value if doc is not None and isinstance(doc.value, list) else []
    keys = ("id", "name", "region", "nation")
    return [
        {k: item[k] for k in keys}
        for item in items
        if isinstance(item, dict) and all(isinstance(item.get(k), str) for k in keys)
    ]

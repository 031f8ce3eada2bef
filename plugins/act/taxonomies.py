"""The taxonomies content is filed under: topics and regions (data/topics.yml, regions.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from act.datafiles import load_records
from act.problems import Problem
from act.schema import Choice, Field, ListOf, Record, Slug, Text

NATION_IDS = ("england", "wales", "scotland", "northern-ireland")

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
        """{'topics': {id: name}, 'regions': {id: name}} for schema checks and display.

        Made once: templates ask for it on every page."""
        if self._names is None:
            self._names = {
                "topics": {t["id"]: t["name"] for t in self.topics},
                "regions": {r["id"]: r["name"] for r in self.regions},
            }
        return self._names


def load_taxonomies(data_dir: Path, shown_as) -> tuple[Taxonomies, list[Problem]]:
    topics, problems = load_records(
        data_dir / "topics.yml", TOPIC, shown_as(data_dir / "topics.yml")
    )
    regions, more = load_records(
        data_dir / "regions.yml", REGION, shown_as(data_dir / "regions.yml")
    )
    return Taxonomies(topics, regions), problems + more

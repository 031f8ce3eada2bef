"""data/areas.yml: one record per police force area, with the councils it covers, its police,
fire and rescue, ambulance and resilience forum, each fact with its sources and checked date.

The emergency and utility numbers are not stored here: they come from data/numbers.yml by the
area's nation (act.numbers). The checks, run by `act check` (act/check.py):

- every field present and typed as AREA says (web addresses are https);
- `region` a region id of data/regions.yml whose nation is the area's nation (Wales, Scotland
  and Northern Ireland are regions of their own);
- every council in exactly one area: a council named twice is an error at its second line,
  naming both areas (compared without case, spaces or punctuation, as the place field on the
  site compares them, so "St Helens" and "St. Helens" are one council);
- `fire` and `ambulance` are lists of at least one service; an ambulance service that covers
  only part of the area says which part in `serves`, and at most one has no `serves` (the one
  for the rest of the area).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from act.datafiles import load_records
from act.problems import Problem
from act.schema import Choice, Context, Field, IsoDate, ListOf, Record, Slug, Text, Url
from act.taxonomies import AREAS_FILE, NATION_IDS
from act.wording import shown_path
from act.yamlfile import Path_

NATION_NAMES = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}

SOURCE = Record(
    [
        Field("title", Text(), doc="the name of the page or dataset", example="Police Act 1996"),
        Field("url", Url(), doc="its https address", example="https://www.legislation.gov.uk/"),
    ]
)


def _optional_link(name: str, doc: str) -> Field:
    return Field(name, Url(), required=False, doc=doc)


POLICE = Record(
    [
        Field("name", Text(), example="West Yorkshire Police"),
        Field(
            "url", Url(), doc="the force's website", example="https://www.westyorkshire.police.uk/"
        ),
        _optional_link("report_online", "where to report a crime online, if sourced"),
        _optional_link("specials", "the force's own page on joining the special constabulary"),
        _optional_link("volunteers", "police support volunteers"),
        _optional_link("cadets", "volunteer police cadets"),
    ]
)
FIRE = Record(
    [
        Field("name", Text(), example="West Yorkshire Fire and Rescue Service"),
        Field("url", Url(), doc="its website"),
        _optional_link("on_call", "on-call (retained) firefighter recruitment"),
    ]
)
AMBULANCE = Record(
    [
        Field("name", Text(), example="Yorkshire Ambulance Service NHS Trust"),
        Field("url", Url(), doc="its website"),
        Field(
            "serves",
            Text(),
            required=False,
            doc="where in the area it serves, in plain English, when it covers only part of it",
            example="North Lincolnshire and North East Lincolnshire",
        ),
    ]
)
RESILIENCE = Record(
    [
        Field("name", Text(), example="West Yorkshire Prepared"),
        Field("url", Url(), doc="its website"),
        _optional_link("risk_register", "the community risk register, where one is published"),
    ]
)


def _one_ambulance_for_the_rest(record: dict, path: Path_, ctx: Context) -> None:
    """Of an area's ambulance services, at most one covers the rest of the area; each other
    says where it serves."""
    whole = [i for i, service in enumerate(record["ambulance"]) if not service.get("serves")]
    for index in whole[1:]:
        ctx.report(
            path + ("ambulance", index, "serves"),
            "two ambulance services without `serves`: only one can cover the rest of the area",
            "add a line like `serves: North Lincolnshire and North East Lincolnshire` to the "
            "service that covers only part of the area, saying which part",
        )


def _remember_lines(record: dict, path: Path_, ctx: Context) -> None:
    """The lines the whole-file checks point back to."""
    record["line"] = ctx.doc.line_of(path + ("id",))
    record["region_line"] = ctx.doc.line_of(path + ("region",))
    record["council_lines"] = [
        ctx.doc.line_of(path + ("councils", i)) for i in range(len(record["councils"]))
    ]


AREA = Record(
    [
        Field("id", Slug(), doc="the page's address, /areas/<id>/; never rename", example="leeds"),
        Field("name", Text(), doc="the police force area's name", example="West Yorkshire"),
        Field("nation", Choice(NATION_IDS), example="england"),
        Field(
            "region",
            Slug(),
            doc="a region id from data/regions.yml (in Wales, Scotland, Northern Ireland: the "
            "nation's id)",
            example="yorkshire-and-the-humber",
        ),
        Field(
            "councils",
            ListOf(Text(), min_items=1),
            doc="the council areas (local authorities) it covers, as commonly named",
            example="[Bradford, Calderdale, Kirklees, Leeds, Wakefield]",
        ),
        Field("councils_source", SOURCE, doc="where the list of councils comes from"),
        Field("police", POLICE),
        Field("fire", ListOf(FIRE, min_items=1), doc="the fire and rescue services covering it"),
        Field(
            "ambulance",
            ListOf(AMBULANCE, min_items=1),
            doc="the ambulance services covering it, the one for the whole area (or most of it) "
            "first",
        ),
        Field(
            "resilience",
            RESILIENCE,
            doc="the local resilience forum (Scotland: regional resilience partnership)",
        ),
        Field(
            "sources",
            ListOf(SOURCE, min_items=1),
            doc="where the police, fire, ambulance and resilience facts come from",
        ),
        Field("checked", IsoDate(), doc="the day the facts were checked", example="2026-12-05"),
    ],
    rules=[_one_ambulance_for_the_rest, _remember_lines],
)


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Service:
    """A police force, fire and rescue service, ambulance service or resilience forum.
    `serves` is where in the area it serves, when only part of it (an ambulance service)."""

    name: str
    url: str
    links: tuple[tuple[str, str], ...] = ()  # (field, url): report_online, specials...
    serves: str | None = None

    def link(self, name: str) -> str | None:
        return dict(self.links).get(name)


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    nation: str
    region: str
    councils: tuple[str, ...]
    councils_source: Link
    police: Service
    fire: tuple[Service, ...]
    ambulance: tuple[Service, ...]
    resilience: Service
    sources: tuple[Link, ...]
    checked: date
    line: int = 0

    @property
    def url(self) -> str:
        return f"areas/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"areas/{self.id}.md"

    @property
    def nation_name(self) -> str:
        return NATION_NAMES[self.nation]

    @property
    def covering_regions(self) -> tuple[str, ...]:
        """The region ids a role or event names to cover this area: its region, its nation,
        the whole UK."""
        return tuple(dict.fromkeys((self.region, self.nation, "uk-wide")))

    @property
    def feed_path(self) -> str:
        return f"areas/{self.id}/feed.xml"

    @property
    def calendar_path(self) -> str:
        return f"areas/{self.id}/events.ics"


@dataclass(frozen=True)
class AreaData:
    """data/areas.yml as read and checked. `areas` is empty when the file is missing (a site
    without areas) or wholly unreadable; `problems` says why."""

    path: Path
    areas: tuple[Area, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    exists: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def council_key(name: str) -> str:
    """A council's name as compared: no case, accents, spaces or punctuation; '&' is 'and'.
    The place field (act-areas.js) compares typed names the same way."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "", text)


def _service(record: dict, links: tuple[str, ...] = ()) -> Service:
    return Service(
        record["name"],
        record["url"],
        tuple((name, record[name]) for name in links if record.get(name)),
        record.get("serves"),
    )


def _area(record: dict) -> Area:
    return Area(
        id=record["id"],
        name=record["name"],
        nation=record["nation"],
        region=record["region"],
        councils=tuple(record["councils"]),
        councils_source=Link(record["councils_source"]["title"], record["councils_source"]["url"]),
        police=_service(record["police"], ("report_online", "specials", "volunteers", "cadets")),
        fire=tuple(_service(f, ("on_call",)) for f in record["fire"]),
        ambulance=tuple(_service(a) for a in record["ambulance"]),
        resilience=_service(record["resilience"], ("risk_register",)),
        sources=tuple(Link(s["title"], s["url"]) for s in record["sources"]),
        checked=record["checked"],
        line=record["line"],
    )


def load_areas(path: Path, shown_as: str, regions: list[dict]) -> tuple[list[Area], list[Problem]]:
    """Read and check data/areas.yml against the regions of data/regions.yml."""
    records, problems = load_records(path, AREA, shown_as)
    by_region = {r["id"]: r for r in regions}
    kept: list[dict] = []
    for record in records:
        region = by_region.get(record["region"])
        if region is None:
            known = ", ".join(sorted(by_region)) or "none: data/regions.yml is missing"
            problems.append(
                Problem(
                    shown_as,
                    record["region_line"],
                    f"{record['id']}.region",
                    f"'{record['region']}' is not a region of data/regions.yml",
                    f"use one of: {known}",
                )
            )
            continue
        region_nation = region["id"] if region.get("kind") == "nation" else region.get("nation")
        if region_nation != record["nation"]:
            problems.append(
                Problem(
                    shown_as,
                    record["region_line"],
                    f"{record['id']}.region",
                    f"'{record['region']}' is not in {NATION_NAMES[record['nation']]}",
                    "use a region of the area's nation (in Wales, Scotland and Northern "
                    "Ireland, the nation's own id)",
                )
            )
            continue
        kept.append(record)
    problems += _councils_once(kept, shown_as)
    return [_area(r) for r in kept], problems


def _councils_once(records: list[dict], shown_as: str) -> list[Problem]:
    """A council in two areas (or twice in one) is an error at its second line."""
    first: dict[str, tuple[str, str, int]] = {}
    problems = []
    for record in records:
        for council, line in zip(record["councils"], record["council_lines"], strict=True):
            key = council_key(council)
            if not key:
                problems.append(
                    Problem(
                        shown_as,
                        line,
                        f"{record['id']}.councils",
                        f"'{council}' has no letters or digits",
                        "write the council's name",
                    )
                )
                continue
            if key in first:
                area, name, at = first[key]
                where = "this area" if area == record["id"] else f"the area '{area}'"
                problems.append(
                    Problem(
                        shown_as,
                        line,
                        f"{record['id']}.councils",
                        f"'{council}' is already in {where} ('{name}', line {at}): "
                        "a council is in one police force area",
                        "keep the council in the one area whose police force covers it",
                    )
                )
                continue
            first[key] = (record["id"], council, line)
    return problems


def read_area_data(data_dir: Path, regions: list[dict]) -> AreaData:
    """data/areas.yml in `data_dir`, checked; no file is no areas and no problem."""
    path = data_dir / AREAS_FILE
    if not path.exists():
        return AreaData(path)
    areas, problems = load_areas(path, shown_path(path), regions)
    return AreaData(path, tuple(areas), problems, exists=True)


def named_area_problems(
    entries: Sequence[Any], areas: Sequence[Area], covered_by: Any, content_dir: Path
) -> list[Problem]:
    """A role or an event that names an area (`areas`) whose region its `regions` do not cover
    ("regions: [london]" with "areas: [cumbria]"): the finder's region and area filters would
    disagree about where it is. `covered_by(regions)` is Taxonomies.regions_covered. An
    unknown area id is the schema check's problem, not this one's."""
    by_id = {a.id: a for a in areas}
    problems = []
    for entry in entries:
        named = entry.data.get("areas") or []
        if not named:
            continue
        covered = set(covered_by(entry.data.get("regions") or []))
        for index, area_id in enumerate(named):
            area = by_id.get(area_id)
            if area is None or area.region in covered:
                continue
            path = content_dir / entry.src_uri
            problems.append(
                Problem(
                    shown_path(path),
                    _line_of_areas(path),
                    f"areas[{index}]",
                    f"'{area_id}' ({area.name}) is in the region '{area.region}', which "
                    "`regions` does not cover",
                    f"add '{area.region}' (or its nation) to `regions`, or name only areas "
                    "in the regions given",
                )
            )
    return problems


def _line_of_areas(path: Path) -> int:
    """The line of the front matter's `areas:` (1 if it cannot be read)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if re.match(r"areas\s*:", line)), 1)

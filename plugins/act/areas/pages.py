"""The area pages: /areas/ (every area, grouped by nation: a plain list that works without
JavaScript) and /areas/<id>/ (the numbers for its nation, its services, ways to join in, its
resilience forum, the roles and events that cover it), rendered from Jinja fragments in
overrides/fragments/act/."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from act.areas.charities import local_charities
from act.areas.data import NATION_NAMES, Area
from act.charities.directory import Directory
from act.generated import GeneratedPage
from act.numbers import Number, Numbers

INDEX_URI = "areas/index.md"
PLACES_PATH = "areas/places.json"
TEMPLATE = "act-areas.html"
SEARCH_TYPE = "area"

# Where the facts come from, as the site states it (the data file's header says the same).
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0: "
    "legislation.gov.uk (police areas), data.police.uk (forces), GOV.UK (local resilience "
    "forums), and the police, fire and rescue and ambulance services' own websites."
)


@dataclass(frozen=True)
class NumberLine:
    """One service of data/numbers.yml as a nation's page gives it: its numbers there, or
    what to do there instead."""

    id: str
    name: str
    what: str
    numbers: tuple[Number, ...]
    advice: str | None = None


def numbers_for_nation(numbers: Numbers, nation: str) -> list[NumberLine]:
    """Every service of data/numbers.yml, with only the numbers that serve `nation`."""
    lines = []
    for service in numbers.services:
        found = service.numbers_for(nation)
        advice = next((o.advice for o in service.elsewhere if nation in o.nations), None)
        if found or advice:
            lines.append(NumberLine(service.id, service.name, service.what, found, advice))
    return lines


def number_sources(numbers: Numbers, nation: str) -> list[Any]:
    """The sources of the numbers a nation's page shows, each once."""
    seen: dict[str, Any] = {}
    for service in numbers.services:
        for option in service.options:
            if nation in option.nations:
                for source in option.sources:
                    seen.setdefault(source.url, source)
    return list(seen.values())


def covers(area: Area, item: Any) -> int | None:
    """How near `item` (a role or event) is to `area`: 0 it names the area in `areas`, 1 its
    region, 2 its nation, 3 the whole UK; None if it does not cover it. An item that names
    areas is where its sources say, and covers only those, whatever its regions."""
    named_areas = item.data.get("areas") or ()
    if named_areas:
        return 0 if area.id in named_areas else None
    named = set(item.data.get("regions") or ())
    for nearness, region in enumerate(area.covering_regions, start=1):
        if region in named:
            return nearness
    return None


def local(area: Area, items: Sequence[Any]) -> list[Any]:
    """The items that cover `area`: those that name it first, then its region's, its nation's
    and the whole UK's, keeping their order otherwise."""
    found = [(covers(area, item), n, item) for n, item in enumerate(items)]
    return [item for nearness, _, item in sorted(x for x in found if x[0] is not None)]


def by_nation(areas: Sequence[Area]) -> list[tuple[str, list[Area]]]:
    """(nation name, its areas by name), in the order England, Wales, Scotland, N. Ireland."""
    groups = []
    for nation, name in NATION_NAMES.items():
        found = sorted((a for a in areas if a.nation == nation), key=lambda a: a.name.lower())
        if found:
            groups.append((name, found))
    return groups


def area_pages(
    areas: Sequence[Area],
    env: Environment,
    numbers: Numbers,
    roles: Sequence[Any],
    events: Sequence[Any],
    region_names: dict[str, str],
    source_file: str = "data/areas.yml",
    directory: Directory | None = None,
) -> list[GeneratedPage]:
    """/areas/ and a page per area. `roles` are the open opportunities and the finder's
    reserve guides, `events` the events to come, each with `data['regions']` (and perhaps
    `data['areas']`); `directory` is Get help's, whose charities are listed where they work."""
    area_names = {a.id: a.name for a in areas}

    def render(fragment: str, page_url: str, **context: Any) -> str:
        return env.get_template(f"fragments/act/{fragment}").render(
            root="../" * page_url.count("/"),
            places=PLACES_PATH,
            licence=LICENCE,
            licence_url=LICENCE_URL,
            attribution=ATTRIBUTION,
            **context,
        )

    pages = [
        GeneratedPage(
            INDEX_URI,
            "Your area",
            "Your police force area: the local police, fire and rescue and ambulance services, "
            "the local resilience forum, and ways to volunteer near you.",
            render("areas.html", "areas/", groups=by_nation(areas)),
            source_file=source_file,
            template=TEMPLATE,
        )
    ]
    for area in areas:
        pages.append(
            GeneratedPage(
                area.src_uri,
                area.name,
                # Searched with the page: names, not "volunteering", which the roles own.
                f"The police, fire and rescue and ambulance services and the local resilience "
                f"forum of the {area.name} police force area ({', '.join(area.councils)}), with "
                f"the numbers to call in {area.nation_name}.",
                render(
                    "area.html",
                    area.url,
                    area=area,
                    numbers=numbers_for_nation(numbers, area.nation),
                    number_sources=number_sources(numbers, area.nation),
                    roles=local(area, roles),
                    events=local(area, events),
                    region_names=region_names,
                    area_names=area_names,
                    charities=local_charities(area, directory, region_names),
                    charity_credit=directory.credit if directory else None,
                ),
                source_file=source_file,
                search_type=SEARCH_TYPE,
                template=TEMPLATE,
            )
        )
    return pages

"""What the build writes of the areas besides their pages: the place file the place field
reads (areas/places.json), the open data with its JSON Schema, each area's Atom feed and
iCalendar file (through the site's own writers), and each page's JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from act import characters
from act.areas.data import AREA, Area, council_key
from act.areas.pages import ATTRIBUTION, PLACES_PATH, local
from act.jsontext import json_text
from act.listings import feeds, open_data
from act.publishing import calendar
from act.publishing.site import Site
from act.publishing.structured_data import CONTEXT
from act.schema import Record

SOURCE_FILE = "data/areas.yml"


def places(areas: Sequence[Area]) -> str:
    """areas/places.json: every council with its key (as council_key makes it, and as
    act-areas.js makes what is typed) and its area; the areas' names and addresses, relative
    to the file. Small, and fetched whole: nothing typed is ever sent."""
    document = {
        "areas": {a.id: {"name": a.name, "url": f"{a.id}/"} for a in areas},
        "places": [
            [council, council_key(council), area.id]
            for area in areas
            for council in sorted(area.councils, key=str.lower)
        ],
    }
    for n, area in enumerate(areas):
        characters.refuse_in_data(
            {"name": area.name, "councils": list(area.councils)},
            source=SOURCE_FILE,
            output=PLACES_PATH,
            field=f"[{n}]",
        )
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _item(area: Area, site: Site) -> dict[str, Any]:
    def service(s, *links: str) -> dict[str, Any]:
        return {"name": s.name, "url": s.url, **{k: v for k, v in s.links if k in links}}

    return {
        "id": area.id,
        "url": site.absolute(area.url),
        "name": area.name,
        "nation": area.nation,
        "region": area.region,
        "councils": list(area.councils),
        "councils_source": {"title": area.councils_source.title, "url": area.councils_source.url},
        "police": service(area.police, "report_online", "specials", "volunteers", "cadets"),
        "fire": [service(f, "on_call") for f in area.fire],
        "ambulance": [
            {**service(a), **({"serves": a.serves} if a.serves else {})} for a in area.ambulance
        ],
        "resilience": service(area.resilience, "risk_register"),
        "sources": [{"title": s.title, "url": s.url} for s in area.sources],
        "checked": area.checked.isoformat(),
    }


def export(areas: Sequence[Area], site: Site) -> open_data.Export:
    """The areas as open data, in the same shape and with the same kind of JSON Schema as the
    site's other exports."""
    return open_data.Export(
        "areas",
        "Police force areas",
        "Each police force area of the UK with the councils it covers, its police, fire and "
        "rescue and ambulance services and its local resilience forum, each with its sources. "
        + ATTRIBUTION,
        # The export's own `id` and `url` (has_pages) come first, so the record's id is not
        # given twice.
        Record([f for f in AREA.fields if f.name != "id"]),
        [_item(a, site) for a in areas],
        True,
        [(SOURCE_FILE, f"[{n}]") for n in range(len(areas))],
    )


def open_data_files(areas: Sequence[Area], site: Site) -> dict[str, str]:
    made = export(areas, site)
    return {
        made.path: json_text(open_data.document(made, site)),
        made.schema_path: json_text(open_data.schema(made, site, {})),
    }


def alert_files(
    area: Area, opportunities: Sequence[Any], events: Sequence[Any], site: Site
) -> dict[str, bytes]:
    """The area's Atom feed (the open opportunities and the events to come that cover it) and
    its iCalendar file (those events), written by the site's own feed and calendar writers."""
    mine_events = local(area, events)
    entries = feeds.feed_entries([], local(area, opportunities), mine_events)
    return {
        area.feed_path: feeds.atom_feed(
            entries, site, path=area.feed_path, title=f"{site.name}: {area.name}"
        ),
        area.calendar_path: calendar.calendar(mine_events, site, f"{site.name}: {area.name}"),
    }


def structured_data(area: Area, site: Site) -> list[dict[str, Any]]:
    """The area as a schema.org AdministrativeArea containing its councils, and each of its
    services as an organisation serving it (one that serves part of it, that part: a Place
    in the area)."""
    here = site.absolute(area.url) + "#area"
    blocks: list[dict[str, Any]] = [
        {
            "@context": CONTEXT,
            "@type": "AdministrativeArea",
            "@id": here,
            "name": f"{area.name} police force area",
            "url": site.absolute(area.url),
            "containedInPlace": {"@type": "AdministrativeArea", "name": area.nation_name},
            "containsPlace": [{"@type": "AdministrativeArea", "name": c} for c in area.councils],
        }
    ]
    services = [area.police, *area.fire, *area.ambulance]
    for service in services:
        served: dict[str, Any] = {"@id": here}
        if service.serves:
            served = {"@type": "Place", "name": service.serves, "containedInPlace": served}
        blocks.append(
            {
                "@context": CONTEXT,
                "@type": "GovernmentOrganization",
                "name": service.name,
                "url": service.url,
                "areaServed": served,
            }
        )
    blocks.append(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "name": area.resilience.name,
            "url": area.resilience.url,
            "areaServed": {"@id": here},
        }
    )
    return blocks

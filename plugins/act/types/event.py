"""Events (content/events/): their schema and rules, entry, listings (upcoming and past), their
JSON-LD (a schema.org Event) and the iCalendar files published beside their pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from act.entry import (
    AREAS,
    PUBLISHING,
    SOURCES,
    SUMMARY,
    TITLE,
    Entry,
    dates_in_order,
    summary_length,
)
from act.listing import Listable, PageSpec, Source, choice, regions
from act.publishing import calendar
from act.publishing.site import Site
from act.publishing.structured_data import CONTEXT, SHARE_IMAGE
from act.schema import (
    Boolean,
    Choice,
    Context,
    Field,
    ListOf,
    LocalDateTime,
    Pounds,
    Record,
    TaxonomyTerm,
    Text,
    Url,
)
from act.yamlfile import Path_

ATTENDANCE = {"online": "Online", "in-person": "In person", "hybrid": "Online and in person"}


def _event_rules(data: dict, path: Path_, ctx: Context) -> None:
    if data["end"] <= data["start"]:
        ctx.report(
            path + ("end",),
            f"ends before it starts ({data['start']:%Y-%m-%dT%H:%M})",
            "check the end's date and time",
        )
    if data["attendance"] != "online" and not data.get("place"):
        ctx.report(
            path + ("place",),
            f"an event that is {ATTENDANCE[data['attendance']].lower()} needs a place",
            "add place: the venue and town, as the organiser gives it",
        )
    if not data["free"] and not data.get("cost"):
        ctx.report(
            path + ("cost",),
            "the event is not free, so readers need to know the cost",
            "add cost: the price in pounds and what it includes, or set free: true",
        )
    if data["free"] and data.get("price") is not None:
        ctx.report(
            path + ("price",),
            "the event is free, so it has no price",
            "remove price, or set free: false and say what it costs in cost",
        )


EVENT = Record(
    [
        TITLE,
        SUMMARY,
        Field(
            "start",
            LocalDateTime(),
            doc="when it starts, as UK clocks show it",
            example="2027-03-13T09:30",
        ),
        Field(
            "end",
            LocalDateTime(),
            doc="when it ends, as UK clocks show it",
            example="2027-03-14T17:00",
        ),
        Field(
            "attendance",
            Choice(ATTENDANCE),
            doc="online, in-person or hybrid (both)",
            example="online",
        ),
        Field(
            "place",
            Text(),
            required=False,
            doc="the venue and town, for an event in person or hybrid",
            example="Town hall, Keswick",
        ),
        Field(
            "regions",
            ListOf(TaxonomyTerm("regions"), min_items=1),
            doc="region ids from data/regions.yml: where it happens (uk-wide for online events "
            "open to all)",
            example="[london]",
        ),
        AREAS,
        Field("organiser", Text(), doc="who runs it", example="Police Rewired"),
        Field(
            "organiser_url",
            Url(),
            required=False,
            doc="the organiser's own website",
            example="https://www.policecoders.org/",
        ),
        Field(
            "booking_url",
            Url(),
            doc="the organiser's page for booking a place or joining",
            example="https://www.policecoders.org/",
        ),
        Field("free", Boolean(), doc="true if it costs nothing to attend", example="true"),
        Field(
            "cost",
            Text(),
            required=False,
            doc="the price in pounds and what it includes, when it is not free",
            example="£10, lunch included",
        ),
        Field(
            "price",
            Pounds(),
            required=False,
            doc="the full price in pounds as a number, when it is not free (search engines "
            "show it); cost says what it includes and who pays less",
            example="10",
        ),
        *PUBLISHING,
        SOURCES,
    ],
    rules=[summary_length, dates_in_order, _event_rules],
)


def upcoming_events(catalogue: Listable, on: date) -> list[Entry]:
    """Events that have not ended before `on`, soonest first."""
    found = [e for e in catalogue.of_kind("event") if e.is_upcoming(on)]
    return sorted(found, key=lambda e: (e.start, e.title))


def past_events(catalogue: Listable, on: date) -> list[Entry]:
    """Events that ended before `on`, the most recent first."""
    found = [e for e in catalogue.of_kind("event") if not e.is_upcoming(on)]
    return sorted(found, key=lambda e: (e.start, e.title), reverse=True)


@dataclass
class Event(Entry):
    """An event: upcoming until the day it ends is over, then past (on its own, as an
    opportunity closes)."""

    kind = "event"
    section = "events"
    schema = EVENT
    label = "Events"
    search_label = "Events"
    noun = "event"
    review_after_months = 3
    labels = {"attendance": ATTENDANCE}
    sources = (
        Source(
            "events",
            lambda catalogue, today: upcoming_events(catalogue, today),
            card="event",
            filters=(
                regions(lambda e: e.regions),
                choice("attendance", ATTENDANCE, lambda e: e.attendance),
            ),
            empty="There are no upcoming events at the moment.",
        ),
    )

    @property
    def calendar_path(self) -> str:
        """Its iCalendar file, beside its page."""
        return f"{self.url}{self.slug}.ics"

    def is_upcoming(self, on: date) -> bool:
        return self.end.date() >= on

    @classmethod
    def listing_pages(cls, catalogue: Listable, today: date) -> list[PageSpec]:
        """What is coming up, and what has happened."""
        return [
            PageSpec(
                "events/index.md",
                "Events",
                "Events in public safety and community preparedness: what is coming up, and "
                "what has happened.",
                "content/events/",
                "events.html",
                lambda: {
                    "upcoming": upcoming_events(catalogue, today),
                    "past": past_events(catalogue, today),
                },
            )
        ]

    def search_filters(self, names, today):
        if not self.is_upcoming(today):
            return None
        return {"region": [names["regions"][r] for r in self.data["regions"]]}

    def structured_data(self, site, names, body):
        return [event_json_ld(self, site, names["regions"])]

    @classmethod
    def published_files(cls, entries, site, today):
        """An iCalendar file beside each event's page, and one of every upcoming event."""
        for event in entries:
            yield event.calendar_path, calendar.calendar([event], site, event.title)
        upcoming = [e for e in entries if e.is_upcoming(today)]
        upcoming.sort(key=lambda e: (e.start, e.title))
        yield (
            calendar.UPCOMING_PATH,
            calendar.calendar(upcoming, site, f"{site.name}: upcoming events"),
        )


ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def event_json_ld(entry: Entry, site: Site, region_names: dict[str, str]) -> dict[str, Any]:
    """An event, as schema.org Event: times with their UK offset, where (a place, the booking
    page online, or both), who organises it and what it costs."""
    regions = [region_names.get(r, r) for r in entry.regions]
    online = {"@type": "VirtualLocation", "url": entry.booking_url}
    # The place is one line as the organiser gives it ("Town hall, Keswick"): its name, not
    # split into street and town by guesswork; the address holds only what the data knows.
    place = {
        "@type": "Place",
        "name": entry.place or "",
        "address": {
            "@type": "PostalAddress",
            **({"addressRegion": regions[0]} if len(regions) == 1 else {}),
            "addressCountry": "GB",
        },
    }
    locations = {"online": [online], "in-person": [place], "hybrid": [place, online]}
    organiser = {"@type": "Organization", "name": entry.organiser}
    if entry.organiser_url:
        organiser["url"] = entry.organiser_url
    offer: dict[str, Any] = {"@type": "Offer", "url": entry.booking_url}
    if entry.free:
        offer |= {"price": "0", "priceCurrency": "GBP"}
    else:
        offer["description"] = entry.cost
        if entry.price is not None:
            offer |= {"price": f"{entry.price:.2f}", "priceCurrency": "GBP"}
    return {
        "@context": CONTEXT,
        "@type": "Event",
        "name": entry.title,
        "description": entry.summary,
        "url": site.absolute(entry.url),
        "startDate": entry.start.isoformat(),
        "endDate": entry.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[entry.attendance],
        "location": locations[entry.attendance],
        "organizer": organiser,
        "offers": offer,
        "image": site.absolute(SHARE_IMAGE),
        "inLanguage": "en-GB",
    }

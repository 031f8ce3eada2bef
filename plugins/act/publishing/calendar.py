"""iCalendar files (RFC 5545) for events: one per event, beside its page, and one of every
upcoming event. Written with the `icalendar` library, which folds long lines, escapes text and
writes the Europe/London time zone the times refer to."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import icalendar

from act.publishing.site import Site

if TYPE_CHECKING:
    from act.content.types import Event

UPCOMING_PATH = "events/upcoming.ics"
PRODUCT = "-//Active Citizens Toolkit//Events//EN"


def calendar(events: Iterable[Event], site: Site, name: str) -> bytes:
    """A calendar of `events`, called `name` in calendar apps."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for entry in events:
        cal.add_component(_event(entry, site))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(entry: Event, site: Site) -> icalendar.Event:
    event = icalendar.Event()
    # The same UID every build, so a calendar app updates the event instead of adding another.
    event.add("uid", f"{entry.url.strip('/').replace('/', '-')}@{urlparse(site.url).netloc}")
    # When it last changed (not when the site was built), so rebuilding changes nothing.
    event.add("dtstamp", datetime.combine(entry.last_changed, time(), tzinfo=UTC))
    event.add("summary", entry.title)
    event.add("description", _description(entry, site))
    event.add("dtstart", entry.start)
    event.add("dtend", entry.end)
    event.add("location", "Online" if entry.attendance == "online" else entry.place)
    event.add("url", site.absolute(entry.url))
    event.add("status", "CONFIRMED")
    return event


def _description(entry: Event, site: Site) -> str:
    cost = "Free" if entry.free else entry.cost
    return (
        f"{entry.summary}\n\nOrganised by {entry.organiser}. Cost: {cost}.\n"
        f"Book or join: {entry.booking_url}\nMore: {site.absolute(entry.url)}"
    )

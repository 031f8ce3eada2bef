"""iCalendar files (RFC 5545) for events: one per event, beside its page, and one of every
upcoming event. Written with the `icalendar` library, which folds long lines; the Europe/London
time zone the times refer to is written here (see _london), and so is the escaping of text (see
_Text); a character that does not belong (act.characters) stops the writer with the event's
file and field."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, cast
from urllib.parse import urlparse

import icalendar

from act import characters
from act.publishing.site import Site

if TYPE_CHECKING:
    from act.entry import Entry

UPCOMING_PATH = "events/upcoming.ics"
PRODUCT = "-//Active Citizens Toolkit//Events//EN"
WRITTEN = "the calendar"
LONDON = "Europe/London"


class _Text(icalendar.vText):
    """TEXT as RFC 5545 writes it (3.3.11): backslash, semicolon, comma and line feed escaped,
    nothing else changed. icalendar's own vText reads a '\\N' already in the text as a line
    break, so a title with a backslash and an N in it would change on the way."""

    __slots__ = ()
    encoding: str  # vText's own slot, set by its __new__

    def to_ical(self) -> bytes:
        text = str(self)
        for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
            text = text.replace(char, escaped)
        return text.encode("utf-8")  # vText's default encoding, which every _Text here has


def calendar(events: Iterable[Entry], site: Site, name: str) -> bytes:
    """A calendar of `events`, called `name` in calendar apps. Raises
    characters.UnwantedCharacter if a value has a character that does not belong."""
    # The events first: a calendar of one event is named by its title, so a character there
    # is reported as the event's own; a name left with one has the site's name in it.
    made = [_event(entry, site) for entry in events]
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # No METHOD: a file to download or subscribe to is a plain iCalendar object, not a
    # scheduling message (RFC 5546). METHOD:PUBLISH would need an ORGANIZER, a calendar user's
    # address (in practice mailto:), and the event data has no e-mail: a web address there
    # makes some apps offer to reply to it. The organiser's name is in the description. And
    # served as text/calendar with no method parameter, a METHOD in the file breaks RFC 5545
    # 3.7.2 (the two must both be given, or neither).
    # A property icalendar does not know is written as given: made TEXT here, so escaped.
    cal.add("x-wr-calname", _text(name, "mkdocs.yml", "site_name"))
    # Every event's times are UK times (Europe/London); the zone is written even when there is
    # no event, which also keeps an empty calendar valid (RFC 5545 wants one component).
    cal.add_component(_london())
    for event in made:
        cal.add_component(event)
    return cal.to_ical()


def _london() -> icalendar.Timezone:
    """Europe/London as two yearly rules (RFC 5545 3.6.5), as calendar apps write it: British
    Summer Time from 1am GMT on the last Sunday in March, Greenwich Mean Time from 2am BST on
    the last Sunday in October, the rules in force since 1996. icalendar's own zone lists each
    change as one value of one RDATE, and Mozilla's ical.js and vobject read only the first of
    them: summer time all year, events in winter an hour early."""
    zone = icalendar.Timezone()
    zone.add("tzid", LONDON)
    for kind, name, start, month, before, after in (
        (icalendar.TimezoneDaylight, "BST", datetime(1996, 3, 31, 1), 3, 0, 1),
        (icalendar.TimezoneStandard, "GMT", datetime(1996, 10, 27, 2), 10, 1, 0),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)  # local time before the change, with no zone
        part.add("tzoffsetfrom", timedelta(hours=before))
        part.add("tzoffsetto", timedelta(hours=after))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        zone.add_component(part)
    return zone


def _event(entry: Entry, site: Site) -> icalendar.Event:
    source = f"content/{entry.src_uri}"
    event = icalendar.Event()
    # The same UID every build, so a calendar app updates the event instead of adding another.
    event.add("uid", f"{entry.url.strip('/').replace('/', '-')}@{urlparse(site.url).netloc}")
    # When it last changed (not when the site was built), so rebuilding changes nothing.
    # (A content type's schema requires `published`, so it has a last change.)
    event.add("dtstamp", datetime.combine(cast(date, entry.last_changed), time(), tzinfo=UTC))
    event.add("summary", _text(entry.title, source, "title"))
    event.add("description", _Text(_description(entry, site, source)))
    event.add("dtstart", entry.start)
    event.add("dtend", entry.end)
    place = "Online" if entry.attendance == "online" else entry.place
    event.add("location", _text(place, source, "place"))
    event.add("url", site.absolute(entry.url))
    event.add("status", "CONFIRMED")
    return event


def _text(value: str, source: str, field: str) -> _Text:
    """One line of TEXT, from the `field` of the file `source`."""
    return _Text(
        characters.refuse(value, one_line=True, source=source, field=field, output=WRITTEN)
    )


def _description(entry: Entry, site: Site, source: str) -> str:
    """The event's facts in lines of their own; each value is one line."""
    summary = _text(entry.summary, source, "summary")
    organiser = _text(entry.organiser, source, "organiser")
    cost = "Free" if entry.free else _text(entry.cost, source, "cost")
    return (
        f"{summary}\n\nOrganised by {organiser}. Cost: {cost}.\n"
        f"Book or join: {entry.booking_url}\nMore: {site.absolute(entry.url)}"
    )

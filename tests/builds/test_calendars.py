"""Every calendar the fixture site and the edition write, read by two iCalendar readers that
work differently: the `icalendar` library (which knows Europe/London by name) and vobject
(which works the times out from the VTIMEZONE in the file, as Mozilla's ical.js does). Both
must give each event the UK time it has on its page, in summer, in winter and across a clock
change. A time zone that vobject misreads put winter events an hour early in calendar apps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from support import make_project, run_build

LONDON = ZoneInfo("Europe/London")


def _times(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Each event's start and end as each reader reads them, by UID: 'icalendar' and 'vobject'."""
    text = path.read_bytes()
    first = icalendar.Calendar.from_ical(text)
    second = vobject.readOne(text.decode("utf-8"))
    return {
        "icalendar": sorted(
            (str(e["UID"]), _local(e.decoded("DTSTART")), _local(e.decoded("DTEND")))
            for e in first.walk("VEVENT")
        ),
        "vobject": sorted(
            (str(e.uid.value), _local(e.dtstart.value), _local(e.dtend.value))
            for e in second.contents.get("vevent", [])
        ),
    }


def _local(moment: datetime) -> str:
    """A time as read: the clock time and the offset from UTC the reader gives it."""
    assert moment.tzinfo is not None, moment
    return moment.isoformat()


def _calendars(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.ics"))
    assert site / "events/upcoming.ics" in found
    return found


@pytest.mark.parametrize("which", ["fixture", "edition"])
def test_every_calendar_reads_the_same_uk_times_in_two_readers(request, which):
    site = request.getfixturevalue("fixture_build").site if which == "fixture" else None
    site = site or request.getfixturevalue("edition_site")
    for path in _calendars(site):
        times = _times(path)
        assert times["icalendar"] == times["vobject"], path
        for _uid, *moments in times["icalendar"]:
            for moment in moments:
                # The offset is the one UK clocks have at that time, not one for the whole year.
                clock = datetime.fromisoformat(moment).replace(tzinfo=None)
                assert moment == clock.replace(tzinfo=LONDON).isoformat(), path


def test_the_fixture_calendars_hold_summer_winter_and_a_clock_change(fixture_build):
    read = {path.name: _times(path)["vobject"] for path in _calendars(fixture_build.site)}
    weekend = ("2026-10-24T09:30:00+01:00", "2026-10-25T17:00:00+00:00")  # the clocks go back
    meetup = ("2026-03-10T18:30:00+00:00", "2026-03-10T20:00:00+00:00")  # winter: GMT
    assert [tuple(t) for _uid, *t in read["fixture-hack-weekend.ics"]] == [weekend]
    assert [tuple(t) for _uid, *t in read["fixture-past-meetup.ics"]] == [meetup]
    assert [tuple(t) for _uid, *t in read["upcoming.ics"]] == [weekend]


@pytest.mark.parametrize("which", ["fixture", "edition"])
def test_a_calendar_is_a_scheduling_message_only_with_an_organiser(request, which):
    """RFC 5546: METHOD:PUBLISH needs an ORGANIZER on every event. The calendars carry no METHOD
    (the data has no organiser's e-mail); if one comes back, so must the organiser."""
    site = request.getfixturevalue("fixture_build").site if which == "fixture" else None
    site = site or request.getfixturevalue("edition_site")
    for path in _calendars(site):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        if "METHOD" not in calendar:
            continue
        for event in calendar.walk("VEVENT"):
            organiser = event.get("ORGANIZER")
            assert organiser is not None, path
            assert organiser.params.get("CN") and str(organiser).startswith("mailto:"), path


def test_the_upcoming_calendar_is_valid_with_no_event_to_come(tmp_path):
    """RFC 5545 wants at least one component in a calendar: with no event to come, the time
    zone is that component, and apps that subscribed read an empty calendar, not an error."""
    build = run_build(make_project("site", tmp_path / "project"), build_date="2027-01-01")
    assert build.returncode == 0, build.output
    text = (build.site / "events/upcoming.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar.walk("VEVENT") == []
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]
    assert str(calendar["X-WR-CALNAME"]).endswith("upcoming events")
    assert vobject.readOne(text.decode("utf-8")).vtimezone.tzid.value == "Europe/London"
    assert _times(build.site / "events/upcoming.ics") == {"icalendar": [], "vobject": []}

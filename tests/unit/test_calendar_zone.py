"""The Europe/London zone the calendars write, as vobject works it out from the file (as
Mozilla's ical.js does), gives the UK offset of every hour of every year to 2040 (but the
hour the clocks skip in March, which no UK clock shows)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import vobject
from test_hostile_chars import fixture_entry

from act.publishing.calendar import calendar
from act.publishing.site import Site


def test_the_written_zone_gives_uk_clock_offsets_year_after_year():
    site = Site("ACT", "https://act.example.org/", "Plan for emergencies.", date(2026, 6, 1))
    event = fixture_entry("events/fixture-hack-weekend.md")
    written = calendar([event], site, "ACT: upcoming events").decode("utf-8")
    zone = vobject.readOne(written).vtimezone.gettzinfo()
    london = ZoneInfo("Europe/London")
    moment, wrong = datetime(2000, 1, 1), []
    while moment.year < 2040:
        uk = moment.replace(tzinfo=london)
        exists = uk.astimezone(UTC).astimezone(london).replace(tzinfo=None) == moment
        if exists and moment.replace(tzinfo=zone).utcoffset() != uk.utcoffset():
            wrong.append(moment)
        moment += timedelta(hours=1)
    assert wrong == []

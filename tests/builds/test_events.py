"""Events in the built fixture site (build date 2026-06-01): listings, pages, calendars, JSON-LD
and search. The fixture has one event to come (a hybrid weekend across the October clock
change) and one that ended in March."""

from __future__ import annotations

import json
import re

import icalendar

from support import by_type, card_titles, json_ld, section


def test_upcoming_and_past_events_are_listed_apart(fixture_build):
    page = fixture_build.html("events")
    assert card_titles(section(page, "upcoming")) == ["Fixture hack weekend"]
    assert card_titles(section(page, "past")) == ["Fixture past meetup"]
    assert 'href="../events/upcoming.ics"' in page or 'href="upcoming.ics"' in page


def test_the_home_page_block_says_plainly_when_there_are_none(fixture_build):
    home = fixture_build.html("")
    assert card_titles(section(home, "upcoming-events")) == ["Fixture hack weekend"]
    online = section(home, "online-events")
    assert card_titles(online) == []  # the only online event has happened
    assert "There are no upcoming events at the moment." in online


def test_an_event_page_says_when_where_who_and_what_it_costs(fixture_build):
    page = fixture_build.html("events/fixture-hack-weekend")
    text = re.sub(r"<[^>]+>", "", page)
    assert "Saturday 24 October 2026, 9:30am to Sunday 25 October 2026, 5pm" in text
    assert '<time datetime="2026-10-24T09:30:00+01:00">' in page
    assert "Online and in person: Fixture Hall, Leeds (Yorkshire and the Humber)" in text
    assert "Book or join on the Fixture Organiser website" in text
    assert 'href="fixture-hack-weekend.ics"' in page
    assert "This event has happened" not in text
    past = re.sub(r"<[^>]+>", "", fixture_build.html("events/fixture-past-meetup"))
    assert "This event has happened" in past and "It ended on 10 March 2026" in past
    assert "£5, or free for students" in past
    assert "Book or join" not in past


def test_each_event_has_an_icalendar_file_and_the_upcoming_ones_share_one(fixture_build):
    one = icalendar.Calendar.from_ical(
        (fixture_build.site / "events/fixture-hack-weekend/fixture-hack-weekend.ics").read_bytes()
    )
    (event,) = one.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Fixture hack weekend"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    # UK time: British Summer Time when it starts, Greenwich Mean Time after the clocks go back.
    assert start.isoformat() == "2026-10-24T09:30:00+01:00"
    assert end.isoformat() == "2026-10-25T17:00:00+00:00"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert [tz["TZID"] for tz in one.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(event["LOCATION"]) == "Fixture Hall, Leeds"
    assert str(event["URL"]).endswith("/events/fixture-hack-weekend/")
    assert str(event["UID"]).startswith("events-fixture-hack-weekend@")
    upcoming = icalendar.Calendar.from_ical(
        (fixture_build.site / "events/upcoming.ics").read_bytes()
    )
    assert [str(e["SUMMARY"]) for e in upcoming.walk("VEVENT")] == ["Fixture hack weekend"]
    assert (fixture_build.site / "events/fixture-past-meetup/fixture-past-meetup.ics").is_file()


def test_an_event_is_described_as_a_schema_org_event(fixture_build):
    event = by_type(json_ld(fixture_build.html("events/fixture-hack-weekend")))["Event"]
    assert (event["startDate"], event["endDate"]) == (
        "2026-10-24T09:30:00+01:00",
        "2026-10-25T17:00:00+00:00",
    )
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]
    # The venue is one line of text: the Place's name, not guessed into a street and a town.
    assert event["location"][0] == {
        "@type": "Place",
        "name": "Fixture Hall, Leeds",
        "address": {
            "@type": "PostalAddress",
            "addressRegion": "Yorkshire and the Humber",
            "addressCountry": "GB",
        },
    }
    assert event["organizer"] == {
        "@type": "Organization",
        "name": "Fixture Organiser",
        "url": "https://www.example.org/",
    }
    assert event["offers"]["price"] == "0"
    past = by_type(json_ld(fixture_build.html("events/fixture-past-meetup")))["Event"]
    assert past["location"] == [
        {"@type": "VirtualLocation", "url": "https://www.example.org/meetup"}
    ]
    assert past["offers"] == {
        "@type": "Offer",
        "url": "https://www.example.org/meetup",
        "description": "£5, or free for students",
        "price": "5.00",
        "priceCurrency": "GBP",
    }


def test_only_upcoming_events_are_found_by_search(fixture_build):
    upcoming = fixture_build.html("events/fixture-hack-weekend")
    assert 'data-pagefind-filter="type:event"' in upcoming
    assert "data-pagefind-body" not in fixture_build.html("events/fixture-past-meetup")
    search = fixture_build.html("search")
    types = json.loads(re.search(r'data-types="([^"]+)"', search)[1].replace("&#34;", '"'))
    assert ["event", "Events"] in types

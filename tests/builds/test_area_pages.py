"""The area pages of the fixture site (act/areas): /areas/ by nation, a page per area with the
numbers of its nation, JSON-LD, the sitemap, the place file, the open data with its schema,
and each area's feed and calendar."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import icalendar
import jsonschema
import vobject

from act.areas.data import council_key

ATOM = "{http://www.w3.org/2005/Atom}"
AREAS = ["west-yorkshire", "south-wales", "scotland", "northern-ireland"]


def jsonld(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in found]


def test_the_index_lists_every_area_by_nation_as_plain_links(fixture_build):
    html = fixture_build.html("areas")
    headings = re.findall(r"<h2 id=\"[^\"]*\">([^<]+)</h2>", html)
    assert headings[:4] == ["England", "Wales", "Scotland", "Northern Ireland"]
    for area in AREAS:
        assert f'href="../areas/{area}/"' in html or f'href="{area}/"' in html, area
    assert "Open Government Licence v3.0" in html
    assert 'href="../data/areas.json"' in html


def test_northern_irelands_page_gives_its_own_power_gas_and_flood_lines(fixture_build):
    html = fixture_build.html("areas/northern-ireland")
    numbers = html[: html.index('class="act-lead"')]
    assert "03457 643 643" in numbers and "0800 002 001" in numbers and "0300 2000 100" in numbers
    assert not re.search(r'href="tel:105"', html)
    assert "0800 111 999" not in html  # Great Britain's gas line
    england = fixture_build.html("areas/west-yorkshire")
    assert 'href="tel:105"' in england and "03457 643 643" not in england


def test_an_area_lists_the_roles_and_events_that_cover_it(fixture_build):
    yorkshire = fixture_build.html("areas/west-yorkshire")
    assert "Fixture hack weekend" in yorkshire  # an event in Yorkshire and the Humber
    assert "Listening volunteer" in yorkshire  # UK-wide
    assert "Open responder" not in yorkshire  # South West England only
    wales = fixture_build.html("areas/south-wales")
    assert "Fixture hack weekend" not in wales


def test_an_area_page_has_its_place_and_services_as_json_ld_and_is_in_the_sitemap(
    fixture_build,
):
    blocks = jsonld(fixture_build.html("areas/south-wales"))
    place = next(b for b in blocks if b.get("@type") == "AdministrativeArea")
    assert place["url"].endswith("/areas/south-wales/")
    assert {c["name"] for c in place["containsPlace"]} >= {"Cardiff", "Swansea"}
    served = [b["name"] for b in blocks if b.get("areaServed") == {"@id": place["@id"]}]
    assert "South Wales Police" in served and "Mid and West Wales Fire and Rescue Service" in served
    sitemap = (fixture_build.site / "sitemap.xml").read_text(encoding="utf-8")
    for area in AREAS:
        assert f"/areas/{area}/</loc>" in sitemap


def test_an_area_page_is_indexed_for_search_with_its_councils_weighted(fixture_build):
    html = fixture_build.html("areas/west-yorkshire")
    assert 'data-pagefind-filter="type:area"' in html
    councils = re.search(
        r'<ul class="act-areas-councils" data-pagefind-weight="10">(.*?)</ul>', html, re.S
    )
    assert councils and "Leeds" in councils.group(1)


def test_the_place_file_maps_every_council_to_its_area(fixture_build):
    places = json.loads((fixture_build.site / "areas/places.json").read_text(encoding="utf-8"))
    assert set(places["areas"]) == set(AREAS)
    by_council = {name: area for name, _, area in places["places"]}
    assert by_council["Leeds"] == "west-yorkshire" and by_council["Belfast"] == "northern-ireland"
    assert all(key == council_key(name) for name, key, _ in places["places"])


def test_the_areas_open_data_validates_against_its_own_schema(fixture_build):
    document = json.loads((fixture_build.site / "data/areas.json").read_text(encoding="utf-8"))
    schema = json.loads((fixture_build.site / "data/areas.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    assert [item["id"] for item in document["items"]] == AREAS
    assert document["items"][3]["ambulance"] == [
        {"name": "Northern Ireland Ambulance Service", "url": "https://www.nias.hscni.net/"},
        {
            "name": "Fixture Islands Ambulance Service",
            "url": "https://www.example.org/fixture-ambulance/",
            "serves": "the fixture islands",
        },
    ]
    assert schema["properties"]["items"]["items"]["properties"]["ambulance"]["type"] == "array"


def test_each_area_has_an_atom_feed_and_a_calendar_of_what_covers_it(fixture_build):
    site = fixture_build.site
    html = fixture_build.html("areas/west-yorkshire")
    assert 'href="../../areas/west-yorkshire/feed.xml"' in html
    assert 'href="../../areas/west-yorkshire/events.ics"' in html
    feed = ET.fromstring((site / "areas/west-yorkshire/feed.xml").read_bytes())
    assert feed.find(f"{ATOM}title").text.endswith(": West Yorkshire")
    self_link = [
        link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"
    ]
    assert self_link == [feed.find(f"{ATOM}id").text]
    assert self_link[0].endswith("/areas/west-yorkshire/feed.xml")
    titles = sorted(e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry"))
    assert titles == ["Fixture hack weekend", "Listening volunteer"]
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text
    text = (site / "areas/west-yorkshire/events.ics").read_bytes()
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Fixture hack weekend"]
    assert vobject.readOne(text.decode("utf-8")).vevent.summary.value == "Fixture hack weekend"
    wales = icalendar.Calendar.from_ical((site / "areas/south-wales/events.ics").read_bytes())
    assert wales.walk("VEVENT") == []


def test_humbersides_page_links_both_ambulance_services_with_what_each_serves(edition_site):
    html = (edition_site / "areas" / "humberside" / "index.html").read_text(encoding="utf-8")
    services = html[html.index('id="services"') : html.index('id="join-in"')]
    ambulance = re.findall(r"<li>Ambulance: (.*?)</li>", services, re.S)
    assert ambulance == [
        '<a href="https://www.yas.nhs.uk/">Yorkshire Ambulance Service NHS Trust</a>'
        " (serves the rest of the area)",
        '<a href="https://www.emas.nhs.uk/">East Midlands Ambulance Service NHS Trust</a>'
        " (serves North Lincolnshire and North East Lincolnshire)",
    ]
    london = (edition_site / "areas" / "london" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<li>Ambulance: (.*?)</li>", london, re.S) == [
        '<a href="https://www.londonambulance.nhs.uk/">London Ambulance Service NHS Trust</a>'
    ]  # one service: no word on what it serves
    blocks = jsonld(html)
    place = next(b for b in blocks if b.get("@type") == "AdministrativeArea")
    served = {b["name"]: b["areaServed"] for b in blocks if "areaServed" in b}
    assert served["Yorkshire Ambulance Service NHS Trust"] == {"@id": place["@id"]}
    assert served["East Midlands Ambulance Service NHS Trust"] == {
        "@type": "Place",
        "name": "North Lincolnshire and North East Lincolnshire",
        "containedInPlace": {"@id": place["@id"]},
    }

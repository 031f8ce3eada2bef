"""The feeds carry every article and every event to come, in the fixture site and the edition:
opportunities, which outnumber articles and change in batches, no longer push articles out of
one shared cap, and events were left out altogether."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from act.builddate import build_date
from act.content.checker import check_content
from act.types.article import articles
from act.types.event import upcoming_events
from support import FIXTURE_BUILD_DATE, ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


def _in_feeds(site: Path) -> tuple[set[str], set[str]]:
    """The addresses of the items of the Atom feed and of the JSON Feed."""
    root = ET.fromstring((site / "feed.xml").read_bytes())
    atom = {e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")}
    items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    return atom, {i["id"] for i in items}


@pytest.mark.parametrize("which", ["fixture", "edition"])
def test_every_article_and_event_to_come_is_in_both_feeds(request, which):
    if which == "fixture":
        build = request.getfixturevalue("fixture_build")
        site, project, today = build.site, build.project, date.fromisoformat(FIXTURE_BUILD_DATE)
    else:
        site, project, today = request.getfixturevalue("edition_site"), ROOT, build_date()
    catalogue = check_content(project / "content", project / "data", today)
    wanted = articles(catalogue) + upcoming_events(catalogue, today)
    assert wanted
    atom, json_feed = _in_feeds(site)
    base = json.loads((site / "feed.json").read_text(encoding="utf-8"))["home_page_url"]
    addresses = {base + e.url.lstrip("/") for e in wanted}
    assert addresses - atom == set()
    assert addresses - json_feed == set()


def test_an_event_item_says_when_it_is_and_who_organises_it(fixture_build):
    items = json.loads((fixture_build.site / "feed.json").read_text(encoding="utf-8"))["items"]
    (event,) = [i for i in items if i["tags"] == ["event"]]
    assert event["title"] == "Fixture hack weekend"
    assert event["summary"].startswith(
        "Saturday 24 October 2026, 9:30am to Sunday 25 October 2026, 5pm. A made-up weekend"
    )
    assert event["authors"] == [{"name": "Fixture Organiser"}]
    # The event that has happened is not in the feed.
    assert not [i for i in items if "fixture-past-meetup" in i["id"]]

"""Atom and JSON Feed of new and updated articles and opportunities, dated from front matter.

Dates come from front matter, not git: CI clones shallowly, so git dates would be wrong.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from feedgen.feed import FeedGenerator

from act.content.types import Entry
from act.jsontext import json_text
from act.publishing.site import LICENCE, Site

FEED_SIZE = 50
ATOM_PATH = "feed.xml"
JSON_FEED_PATH = "feed.json"


def feed_entries(articles: list[Entry], opportunities: list[Entry]) -> list[Entry]:
    """The newest articles and open opportunities, newest change first."""
    entries = sorted(articles + opportunities, key=lambda e: (changed(e), e.url), reverse=True)
    return entries[:FEED_SIZE]


def changed(entry: Entry) -> date:
    return entry.last_changed


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def atom_feed(entries: list[Entry], site: Site) -> bytes:
    feed = FeedGenerator()
    feed.id(site.url)
    feed.title(f"{site.name}: new and updated")
    feed.subtitle(site.description)
    feed.link(href=site.url, rel="alternate")
    feed.link(href=site.absolute(ATOM_PATH), rel="self")
    feed.language("en-GB")
    feed.rights(f"{LICENCE}, {site.name} contributors")
    feed.updated(_midnight(max((changed(e) for e in entries), default=site.build_date)))
    for entry in reversed(entries):  # feedgen puts the last added first
        item = feed.add_entry()
        item.id(site.absolute(entry.url))
        item.title(entry.title)
        item.link(href=site.absolute(entry.url))
        item.summary(entry.summary)
        item.published(_midnight(entry.data["published"]))
        item.updated(_midnight(changed(entry)))
        item.author(
            name=entry.data["author"]["name"]
            if "author" in entry.data
            else entry.data["organisation"]
        )
        item.category(term=entry.kind)
    return feed.atom_str(pretty=True)


def json_feed(entries: list[Entry], site: Site) -> str:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    return json_text(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"{site.name}: new and updated",
            "home_page_url": site.url,
            "feed_url": site.absolute(JSON_FEED_PATH),
            "description": site.description,
            "language": "en-GB",
            "items": [
                {
                    "id": site.absolute(e.url),
                    "url": site.absolute(e.url),
                    "title": e.title,
                    "summary": e.summary,
                    "content_text": e.summary,
                    "date_published": _midnight(e.data["published"]).isoformat(),
                    "date_modified": _midnight(changed(e)).isoformat(),
                    "authors": [
                        {
                            "name": e.data["author"]["name"]
                            if "author" in e.data
                            else e.data["organisation"]
                        }
                    ],
                    "tags": [e.kind],
                }
                for e in entries
            ],
        },
        final_newline=False,
    )

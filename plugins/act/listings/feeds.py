"""Atom and JSON Feed of new and updated articles, open opportunities and events to come,
dated from front matter. Each kind has its own cap (FEED_SIZE), so a batch of opportunities
cannot push articles out; an event's item says when it is.

Dates come from front matter, not git: CI clones shallowly, so git dates would be wrong. A
character that does not belong (act.characters) stops either writer with its file and field:
the Atom feed's XML cannot hold most control characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import cast

from feedgen.feed import FeedGenerator

from act import characters
from act.entry import Entry
from act.jsontext import json_text
from act.publishing.site import LICENCE, Site
from act.wording import event_when

FEED_SIZE = 50  # of each kind
ATOM_PATH = "feed.xml"
JSON_FEED_PATH = "feed.json"


def feed_entries(
    articles: list[Entry], opportunities: list[Entry], events: list[Entry]
) -> list[Entry]:
    """The newest FEED_SIZE of each list (articles, open opportunities, events to come),
    together, newest change first."""
    entries = [
        entry for kind in (articles, opportunities, events) for entry in _newest(kind)[:FEED_SIZE]
    ]
    return _newest(entries)


def _newest(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (changed(e), e.url), reverse=True)


def changed(entry: Entry) -> date:
    # Feeds list content types, whose schemas require `published`: never None.
    return cast(date, entry.last_changed)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@dataclass(frozen=True)
class _Item:
    """The text a feed gives of an entry, each value checked."""

    title: str
    summary: str
    author: str


def _item(entry: Entry, output: str) -> _Item:
    def checked(value: str, field: str) -> str:
        source = f"content/{entry.src_uri}"
        return characters.refuse(value, one_line=True, source=source, field=field, output=output)

    title, summary = checked(entry.title, "title"), checked(entry.summary, "summary")
    if entry.kind == "event":
        when = event_when(entry.start, entry.end)
        return _Item(title, f"{when}. {summary}", checked(entry.organiser, "organiser"))
    if "author" in entry.data:
        return _Item(title, summary, checked(entry.data["author"]["name"], "author.name"))
    return _Item(title, summary, checked(entry.data["organisation"], "organisation"))


def _site_text(site: Site, output: str) -> tuple[str, str]:
    """The site's name and description, checked: they come from mkdocs.yml."""

    def checked(value: str, field: str) -> str:
        return characters.refuse(
            value, one_line=True, source="mkdocs.yml", field=field, output=output
        )

    return checked(site.name, "site_name"), checked(site.description, "site_description")


def atom_feed(
    entries: list[Entry], site: Site, path: str = ATOM_PATH, title: str | None = None
) -> bytes:
    """The Atom feed written at `path` (the site's, or another such as an area's, called
    `title`); raises characters.UnwantedCharacter for a character that does not belong in a
    value."""
    name, description = _site_text(site, path)
    items = [(entry, _item(entry, path)) for entry in entries]
    feed = FeedGenerator()
    feed.id(site.url if path == ATOM_PATH else site.absolute(path))
    feed.title(title or f"{name}: new and updated")
    feed.subtitle(description)
    feed.link(href=site.url, rel="alternate")
    feed.link(href=site.absolute(path), rel="self")
    feed.language("en-GB")
    feed.rights(f"{LICENCE}, {site.name} contributors")
    feed.updated(_midnight(max((changed(e) for e in entries), default=site.build_date)))
    for entry, text in reversed(items):  # feedgen puts the last added first
        item = feed.add_entry()
        item.id(site.absolute(entry.url))
        item.title(text.title)
        item.link(href=site.absolute(entry.url))
        item.summary(text.summary)
        item.published(_midnight(entry.data["published"]))
        item.updated(_midnight(changed(entry)))
        item.author(name=text.author)
        item.category(term=entry.kind)
    return feed.atom_str(pretty=True)


def json_feed(entries: list[Entry], site: Site) -> str:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/); raises
    characters.UnwantedCharacter as atom_feed does."""
    name, description = _site_text(site, JSON_FEED_PATH)
    return json_text(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"{name}: new and updated",
            "home_page_url": site.url,
            "feed_url": site.absolute(JSON_FEED_PATH),
            "description": description,
            "language": "en-GB",
            "items": [
                {
                    "id": site.absolute(e.url),
                    "url": site.absolute(e.url),
                    "title": text.title,
                    "summary": text.summary,
                    "content_text": text.summary,
                    "date_published": _midnight(e.data["published"]).isoformat(),
                    "date_modified": _midnight(changed(e)).isoformat(),
                    "authors": [{"name": text.author}],
                    "tags": [e.kind],
                }
                for e, text in ((e, _item(e, JSON_FEED_PATH)) for e in entries)
            ],
        },
        final_newline=False,
    )

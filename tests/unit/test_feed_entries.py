"""Which entries the feeds carry: the newest FEED_SIZE of each kind, so a batch of changed
opportunities does not push an older article out of the feed."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from test_hostile_chars import fixture_entry

from act.listings import feeds


def _copies(src_uri: str, count: int, newest: date) -> list:
    entry = fixture_entry(src_uri)
    return [
        dataclasses.replace(
            entry,
            slug=f"{entry.slug}-{n}",
            data={**entry.data, "updated": newest - timedelta(days=n)},
        )
        for n in range(count)
    ]


def test_many_newer_opportunities_leave_every_article_and_event_in_the_feed():
    article = fixture_entry("prepare/sandbag-basics.md")
    event = fixture_entry("events/fixture-hack-weekend.md")
    opportunities = _copies("volunteer/open-responder.md", 2 * feeds.FEED_SIZE, date(2026, 5, 30))
    entries = feeds.feed_entries([article], opportunities, [event])
    assert article in entries and event in entries
    assert len([e for e in entries if e.kind == "opportunity"]) == feeds.FEED_SIZE
    # Newest change first, whatever the kind.
    changed = [feeds.changed(e) for e in entries]
    assert changed == sorted(changed, reverse=True)

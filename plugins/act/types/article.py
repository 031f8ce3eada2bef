"""Advice articles (content/prepare/): their schema, entry, listings and JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from act.entry import (
    AUTHOR,
    CHANGES,
    OFFLINE,
    PUBLISHING,
    REVIEWER_FIELD,
    SENSITIVE,
    SOURCES,
    SUMMARY,
    TITLE,
    UPDATED,
    Entry,
    dates_in_order,
    never_kept_if_sensitive,
    newest_first,
    no_reviewer_yet,
    summary_length,
)
from act.listing import Filter, Listable, PageSpec, Source
from act.publishing.site import Site
from act.publishing.structured_data import CONTEXT, SHARE_IMAGE
from act.schema import Field, ListOf, Record, TaxonomyTerm

ARTICLE = Record(
    [
        TITLE,
        SUMMARY,
        Field(
            "topics",
            ListOf(TaxonomyTerm("topics"), min_items=1),
            doc="one or more topic ids from data/topics.yml",
            example="[planning]",
        ),
        AUTHOR,
        REVIEWER_FIELD,
        *PUBLISHING[:1],
        UPDATED,
        *PUBLISHING[1:],
        SOURCES,
        CHANGES,
        SENSITIVE,
        OFFLINE,
    ],
    rules=[summary_length, dates_in_order, no_reviewer_yet, never_kept_if_sensitive],
)


def articles(catalogue: Listable, topic: str | None = None) -> list[Entry]:
    """Published articles, newest first; only those filed under `topic` if given."""
    found = catalogue.of_kind("article")
    if topic:
        found = [a for a in found if topic in a.data["topics"]]
    return newest_first(found)


@dataclass
class Article(Entry):
    kind = "article"
    section = "prepare"
    schema = ARTICLE
    label = "Articles"
    search_label = "Advice"
    noun = "article"
    report_reading_age = True
    report_awaiting_review = True
    sources = (
        Source(
            "articles",
            lambda catalogue, today: articles(catalogue),
            card="article",
            filters=(
                Filter(
                    "topic",
                    lambda catalogue: (t["id"] for t in catalogue.taxonomies.topics),
                    lambda item, value, catalogue: value in item.topics,
                ),
            ),
        ),
    )

    @property
    def awaiting_review(self) -> bool:
        return not self.data.get("reviewer")

    @classmethod
    def listing_pages(cls, catalogue: Listable, today: date) -> list[PageSpec]:
        """Its section's page: the articles under each topic. (Each topic's own page is made
        from data/topics.yml, in act/listings/pages.py.)"""
        return [
            PageSpec(
                "prepare/index.md",
                "Prepare",
                "Advice on getting ready for emergencies and what to do when one happens.",
                "content/prepare/",
                "prepare.html",
                lambda: {
                    "topics": [
                        (t, articles(catalogue, t["id"])) for t in catalogue.taxonomies.topics
                    ]
                },
            )
        ]

    def search_filters(self, names, today):
        return {"topic": [names["topics"][t] for t in self.data["topics"]]}

    def structured_data(self, site, names, body):
        return [article_json_ld(self, site)]


def _person(person: dict, site: Site) -> dict[str, Any]:
    if person["name"].lower().startswith("act "):
        return {"@type": "Organization", "name": person["name"], "url": site.absolute("about/")}
    return {
        "@type": "Person",
        "name": person["name"],
        "url": person.get("url") or site.absolute("about/"),
        "jobTitle": person["role"],
        **(
            {"affiliation": {"@type": "Organization", "name": person["service"]}}
            if person.get("service")
            else {}
        ),
    }


def article_json_ld(entry: Entry, site: Site) -> dict[str, Any]:
    """Article for advice articles and reserve guides."""
    d = entry.data
    return {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": entry.title,
        "description": entry.summary,
        "url": site.absolute(entry.url),
        "mainEntityOfPage": site.absolute(entry.url),
        "datePublished": d["published"].isoformat(),
        "dateModified": cast(date, entry.last_changed).isoformat(),  # `published` is required
        "image": site.absolute(SHARE_IMAGE),
        "author": _person(d["author"], site),
        "publisher": {"@type": "Organization", "name": site.name, "url": site.url},
        "inLanguage": "en-GB",
        "citation": [
            {"@type": "CreativeWork", "name": s["title"], "url": s["url"]}
            for s in d.get("sources") or []
        ],
    }

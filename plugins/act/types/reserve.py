"""Reserve guides (content/reserves/): the emergency-service reserves and volunteer emergency
roles. Their schema, entry and listings; a guide may also be listed in the opportunity finder
(act.types.opportunity), with the finder's facts in `in_finder`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from act.entry import (
    AUTHOR,
    CHANGES,
    NATIONS,
    PUBLISHING,
    REVIEWER_FIELD,
    SOURCES,
    SUMMARY,
    TITLE,
    UPDATED,
    Entry,
    dates_in_order,
    no_reviewer_yet,
    summary_length,
)
from act.listing import Listable, PageSpec, Source, choice
from act.schema import Boolean, Choice, Field, Integer, ListOf, Record, Text, Url
from act.types.article import article_json_ld
from act.types.opportunity import FINDER, IN_FINDER, MAXIMUM_AGE, MINIMUM_AGE, ages_in_order

SERVICES = {
    "police": "Police",
    "fire-and-rescue": "Fire and rescue",
    "ambulance": "Ambulance",
    "coastguard": "Coastguard",
    "lifeboat": "Lifeboat",
    "search-and-rescue": "Search and rescue",
    "armed-forces": "Armed forces",
    "voluntary-aid": "Voluntary aid",
}


RESERVE = Record(
    [
        TITLE,
        SUMMARY,
        Field("service", Choice(SERVICES), doc="the kind of service", example="police"),
        Field("organisation", Text(), doc="who you join", example="Your local police force"),
        Field(
            "nations",
            ListOf(Choice(NATIONS), min_items=1),
            doc="where it recruits: england, wales, scotland, northern-ireland",
            example="[england, wales]",
        ),
        Field("paid", Boolean(), doc="true if the role is paid", example="false"),
        Field(
            "pay_notes",
            Text(),
            required=False,
            doc="pay, allowances or expenses",
            example="Unpaid; expenses are repaid.",
        ),
        MINIMUM_AGE,
        MAXIMUM_AGE,
        Field(
            "hours_per_month",
            Integer(0, 744),
            doc="the typical minimum hours a month",
            example="16",
        ),
        Field(
            "commitment",
            Text(),
            doc="the time asked for, in words",
            example="At least 16 hours a month.",
        ),
        Field("vetting", Text(), doc="the checks made before you start", example="Police vetting"),
        Field("fitness_test", Boolean(), doc="true if there is a fitness test", example="true"),
        Field(
            "time_to_join",
            Text(),
            doc="typical time from applying to starting",
            example="6 to 12 months",
        ),
        Field(
            "apply_url",
            Url(),
            doc="the official page on how to apply",
            example="https://www.police.uk/",
        ),
        IN_FINDER,
        AUTHOR,
        REVIEWER_FIELD,
        *PUBLISHING[:1],
        UPDATED,
        *PUBLISHING[1:],
        SOURCES,
        CHANGES,
    ],
    rules=[summary_length, dates_in_order, ages_in_order, no_reviewer_yet],
)


def reserves(catalogue: Listable) -> list[Entry]:
    """Reserve guides in title order."""
    return sorted(catalogue.of_kind("reserve"), key=lambda r: r.title.lower())


@dataclass
class Reserve(Entry):
    kind = "reserve"
    section = "reserves"
    schema = RESERVE
    label = "Reserves"
    search_label = "Reserves"
    noun = "guide"
    labels = {"service": SERVICES, "nation": NATIONS}
    sources = (
        Source(
            "reserves",
            lambda catalogue, today: reserves(catalogue),
            card="reserve",
            filters=(
                choice("service", SERVICES, lambda r: r.service),
                choice("nation", NATIONS, lambda r: r.nations),
            ),
            order="title",
        ),
    )

    @property
    def awaiting_review(self) -> bool:
        return not self.data.get("reviewer")

    def as_opportunity(self) -> FinderEntry | None:
        """This guide as the opportunity finder shows it, if it asks to be listed there."""
        facts = self.data.get("in_finder")
        return FinderEntry(self, {**self.data, **facts}) if facts else None

    @classmethod
    def listing_pages(cls, catalogue: Listable, today: date) -> list[PageSpec]:
        """The page that compares them."""
        return [
            PageSpec(
                "reserves/index.md",
                "Join a reserve",
                "Which reserve suits me? Compare the "
                "emergency-service reserves and volunteer emergency roles.",
                "content/reserves/",
                "reserves.html",
                lambda: {"items": reserves(catalogue)},
            )
        ]

    def search_filters(self, names, today):
        return {
            "service": [SERVICES[self.data["service"]]],
            "region": [NATIONS[n] for n in self.data["nations"]],
        }

    def structured_data(self, site, names, body):
        return [article_json_ld(self, site)]


@dataclass(frozen=True)
class FinderEntry:
    """A reserve guide in the opportunity finder: the guide's page and title, with the
    finder's facts (category, regions, commitment, remote) from its `in_finder`."""

    guide: Reserve
    data: dict[str, Any]
    kind: ClassVar[str] = "opportunity"

    def __getattr__(self, name: str) -> Any:
        """The finder's facts as attributes, as an Opportunity gives them."""
        if name.startswith("_") or name not in FINDER.field_names:
            raise AttributeError(f"FinderEntry has no field '{name}'")
        return getattr(FINDER.typed(self.data, "in_finder"), name)

    @property
    def url(self) -> str:
        return self.guide.url

    @property
    def title(self) -> str:
        return self.guide.title

    @property
    def summary(self) -> str:
        return self.guide.summary

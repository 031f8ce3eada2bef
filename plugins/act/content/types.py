"""The content types (article, opportunity, reserve): their schemas and the objects built from them.

The folder a file sits in decides its type; the schema here is the single source of truth for
its front matter, for `act check`, the build, `act new` and the generated reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from act.problems import Severity
from act.publishing import calendar, structured_data
from act.schema import (
    EARLIEST_PUBLISHED,
    Boolean,
    Choice,
    Context,
    Field,
    Integer,
    IsoDate,
    ListOf,
    LocalDateTime,
    Pounds,
    Record,
    TaxonomyTerm,
    Text,
    Url,
)
from act.yamlfile import Path_

if TYPE_CHECKING:
    from act.publishing.site import Site

# The body `act new` starts a file of each type with: new/<kind>.md beside this module.
NEW_BODIES = Path(__file__).parent / "new"

SUMMARY_LIMIT = 160
# The page layouts in overrides/ a content page may ask for with `template:`.
PAGE_TEMPLATES = ("main.html", "home.html", "plan.html")
# Forms a page can show after its text (overrides/partials/act/forms/<name>.html): markup
# that content may not hold (act.content.body), kept in the templates, where it is reviewed.
PAGE_FORMS = ("report-a-problem", "suggest-an-opportunity")
# Each vocabulary maps the value written in front matter to the words shown to readers.
NATIONS = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
OPPORTUNITY_CATEGORIES = {
    "emergency-response": "Emergency response",
    "policing": "Policing",
    "fire-and-rescue": "Fire and rescue",
    "search-and-rescue": "Search and rescue",
    "first-aid-and-health": "First aid and health",
    "community-support": "Community support",
    "for-young-people": "For under-18s",
    "working-with-young-people": "Working with young people",
    "crime-and-victims": "Crime and victims",
}
COMMITMENT_PATTERNS = {"regular": "Regular", "flexible": "Flexible", "on-call": "On call"}
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

PERSON = Record(
    [
        Field(
            "name",
            Text(),
            doc="the person's name, or 'ACT editorial team'",
            example="ACT editorial team",
        ),
        Field("role", Text(), doc="their role, shown with the article", example="Special Sergeant"),
        Field(
            "service",
            Text(),
            required=False,
            doc="the service or organisation they belong to",
            example="Kent Police",
        ),
        Field(
            "url",
            Url(),
            required=False,
            doc="a page about them, such as their profile on their service's website",
            example="https://www.kent.police.uk/",
        ),
    ]
)
REVIEWER = Record(
    [
        *PERSON.fields,
        Field("reviewed", IsoDate(), doc="when they reviewed it", example="2026-11-26"),
    ]
)
SOURCE = Record(
    [
        Field(
            "title",
            Text(),
            doc="the name of the page or document",
            example="Prepare for emergencies (GOV.UK)",
        ),
        Field("url", Url(), doc="its https address", example="https://prepare.campaign.gov.uk/"),
    ]
)
CHANGE = Record(
    [
        Field("date", IsoDate(), example="2026-11-26"),
        Field(
            "note",
            Text(multiline=True),
            doc="what changed, in a sentence",
            example="First published.",
        ),
    ]
)


def _summary_length(data: dict, path: Path_, ctx: Context) -> None:
    if len(data["summary"]) > SUMMARY_LIMIT:
        ctx.report(
            path + ("summary",),
            f"is {len(data['summary'])} characters; search results and "
            f"listings cut it at {SUMMARY_LIMIT}",
            "shorten it to one plain sentence",
            Severity.WARNING,
        )


def _never_kept_if_sensitive(data: dict, path: Path_, ctx: Context) -> None:
    if data.get("sensitive") and data.get("offline"):
        ctx.report(
            path + ("offline",),
            "a sensitive page is never kept on readers' devices: a saved copy would show "
            "that someone read it",
            "remove `offline: true` (or `sensitive: true`, if the page is not about a danger)",
        )


def _dates_in_order(data: dict, path: Path_, ctx: Context) -> None:
    published, updated = data["published"], data.get("updated")
    if updated and updated < published:
        ctx.report(
            path + ("updated",),
            f"{updated} is before the published date {published}",
            "check both dates",
        )
    if data["review_by"] < published:
        ctx.report(
            path + ("review_by",),
            f"{data['review_by']} is before the published date {published}",
            "set a review date after publication, usually a year later",
        )
    closing = data.get("closing_date")
    if closing and closing < published:
        ctx.report(
            path + ("closing_date",),
            f"{closing} is before the published date {published}",
            "check the closing date, or remove it if recruitment is rolling",
        )


def _awaiting_review(data: dict, path: Path_, ctx: Context) -> None:
    if not data.get("reviewer"):
        ctx.report(
            path + ("reviewer",),
            "awaiting expert review: no reviewer is recorded",
            "the page says so; add a reviewer once a named expert has checked it",
            Severity.WARNING,
        )


PUBLISHING = [
    Field(
        "published",
        IsoDate(EARLIEST_PUBLISHED),
        doc="the date it was first published",
        example="2026-11-26",
    ),
    Field(
        "review_by",
        IsoDate(),
        doc="when an editor should check it is still right",
        example="2027-11-26",
    ),
    Field(
        "draft",
        Boolean(),
        required=False,
        default=False,
        doc="true keeps it out of the published site (it still shows in `make serve`)",
        example="false",
    ),
]
SOURCES = Field(
    "sources", ListOf(SOURCE, min_items=1), doc="where each fact comes from: a list of {title, url}"
)
OPTIONAL_SOURCES = Field(
    "sources",
    ListOf(SOURCE),
    required=False,
    default=[],
    doc="where each fact comes from: a list of {title, url}",
)
# An opportunity is a fact people act on (an age, a check, where to apply): every one names
# where it comes from, the organisation's own page first.
OPPORTUNITY_SOURCES = Field(
    "sources",
    ListOf(SOURCE, min_items=1),
    doc="where each fact comes from, the organisation's own page first: a list of {title, url}",
)
CHANGES = Field(
    "changes",
    ListOf(CHANGE),
    required=False,
    default=[],
    doc="change notes: a list of {date, note}",
)
UPDATED = Field(
    "updated",
    IsoDate(EARLIEST_PUBLISHED),
    required=False,
    doc="the date of the last real change",
    example="2026-11-26",
)
TITLE = Field(
    "title",
    Text(),
    doc="the page title, in sentence case",
    example="Make a household emergency plan",
)
SUMMARY = Field(
    "summary",
    Text(),
    doc=f"one sentence, at most {SUMMARY_LIMIT} characters, shown in listings and search",
    example="What to agree with your household before an emergency.",
)
AUTHOR = Field("author", PERSON, doc="who wrote it: name, role and service")
SENSITIVE = Field(
    "sensitive",
    Boolean(),
    required=False,
    default=False,
    doc="true puts an 'Exit this page' button on the page, for readers who may be in danger",
    example="true",
)
OFFLINE = Field(
    "offline",
    Boolean(),
    required=False,
    default=False,
    doc="true keeps the page on readers' devices after their first visit, so it opens without "
    "signal (the emergency set: keep it small)",
    example="true",
)
REVIEWER_FIELD = Field(
    "reviewer",
    REVIEWER,
    required=False,
    doc="a named expert who checked it, with the date; leave out until one has",
)

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
    rules=[_summary_length, _dates_in_order, _awaiting_review, _never_kept_if_sensitive],
)

CATEGORY = Field(
    "category",
    Choice(OPPORTUNITY_CATEGORIES),
    doc="the kind of volunteering",
    example="emergency-response",
)
REGIONS = Field(
    "regions",
    ListOf(TaxonomyTerm("regions"), min_items=1),
    doc="region ids from data/regions.yml (uk-wide for national roles)",
    example="[london]",
)
COMMITMENT = Field(
    "commitment",
    Record(
        [
            Field(
                "pattern",
                Choice(COMMITMENT_PATTERNS),
                doc="regular, flexible or on-call",
                example="regular",
            ),
            Field(
                "hours_per_month",
                Integer(1, 744),
                required=False,
                doc="typical hours a month, if stated",
                example="16",
            ),
        ]
    ),
    doc="how much time it takes: pattern and hours_per_month",
)
REMOTE = Field(
    "remote", Boolean(), doc="true if it can be done entirely from home", example="false"
)
# A reserve guide can also be listed in the opportunity finder, with these facts, so one role
# is written once and shown in both places.
IN_FINDER = Field(
    "in_finder",
    Record([CATEGORY, REGIONS, COMMITMENT, REMOTE]),
    required=False,
    doc="to list this guide in the opportunity finder too: category, regions, commitment, remote",
)

OPPORTUNITY = Record(
    [
        TITLE,
        Field(
            "organisation",
            Text(),
            doc="the organisation you would volunteer with",
            example="British Red Cross",
        ),
        Field(
            "organisation_url",
            Url(),
            required=False,
            doc="the organisation's own website, if apply_url is not on it",
            example="https://www.redcross.org.uk/",
        ),
        SUMMARY,
        Field(
            "apply_url",
            Url(also=("mailto",)),
            doc="the organisation's page for applying",
            example="https://www.redcross.org.uk/get-involved/volunteer",
        ),
        REGIONS,
        Field(
            "place",
            Text(),
            required=False,
            doc="the town or city where you would volunteer, if it is one place",
            example="Keswick",
        ),
        CATEGORY,
        COMMITMENT,
        Field("minimum_age", Integer(0, 99), doc="the youngest age accepted", example="18"),
        REMOTE,
        Field(
            "requirements",
            ListOf(Text()),
            required=False,
            default=[],
            doc="what you need, e.g. checks or a driving licence",
            example="[Enhanced DBS check]",
        ),
        Field(
            "expenses",
            Text(),
            required=False,
            doc="what expenses are paid",
            example="Travel expenses are repaid.",
        ),
        Field(
            "contact",
            Url(also=("mailto", "tel")),
            required=False,
            doc="a general contact: https, mailto: or tel: (never a person's own details)",
            example="tel:+441234567890",
        ),
        Field(
            "closing_date",
            IsoDate(),
            required=False,
            doc="the last day to apply; leave out for rolling recruitment",
            example="2027-03-31",
        ),
        *PUBLISHING,
        OPPORTUNITY_SOURCES,
    ],
    rules=[_summary_length, _dates_in_order],
)

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
        Field("minimum_age", Integer(0, 99), doc="the youngest age accepted", example="18"),
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
    rules=[_summary_length, _dates_in_order, _awaiting_review],
)

ATTENDANCE = {"online": "Online", "in-person": "In person", "hybrid": "Online and in person"}


def _event_rules(data: dict, path: Path_, ctx: Context) -> None:
    if data["end"] <= data["start"]:
        ctx.report(
            path + ("end",),
            f"ends before it starts ({data['start']:%Y-%m-%dT%H:%M})",
            "check the end's date and time",
        )
    if data["attendance"] != "online" and not data.get("place"):
        ctx.report(
            path + ("place",),
            f"an event that is {ATTENDANCE[data['attendance']].lower()} needs a place",
            "add place: the venue and town, as the organiser gives it",
        )
    if not data["free"] and not data.get("cost"):
        ctx.report(
            path + ("cost",),
            "the event is not free, so readers need to know the cost",
            "add cost: the price in pounds and what it includes, or set free: true",
        )
    if data["free"] and data.get("price") is not None:
        ctx.report(
            path + ("price",),
            "the event is free, so it has no price",
            "remove price, or set free: false and say what it costs in cost",
        )


EVENT = Record(
    [
        TITLE,
        SUMMARY,
        Field(
            "start",
            LocalDateTime(),
            doc="when it starts, as UK clocks show it",
            example="2027-03-13T09:30",
        ),
        Field(
            "end",
            LocalDateTime(),
            doc="when it ends, as UK clocks show it",
            example="2027-03-14T17:00",
        ),
        Field(
            "attendance",
            Choice(ATTENDANCE),
            doc="online, in-person or hybrid (both)",
            example="online",
        ),
        Field(
            "place",
            Text(),
            required=False,
            doc="the venue and town, for an event in person or hybrid",
            example="Town hall, Keswick",
        ),
        Field(
            "regions",
            ListOf(TaxonomyTerm("regions"), min_items=1),
            doc="region ids from data/regions.yml: where it happens (uk-wide for online events "
            "open to all)",
            example="[london]",
        ),
        Field("organiser", Text(), doc="who runs it", example="Police Rewired"),
        Field(
            "organiser_url",
            Url(),
            required=False,
            doc="the organiser's own website",
            example="https://www.policecoders.org/",
        ),
        Field(
            "booking_url",
            Url(),
            doc="the organiser's page for booking a place or joining",
            example="https://www.policecoders.org/",
        ),
        Field("free", Boolean(), doc="true if it costs nothing to attend", example="true"),
        Field(
            "cost",
            Text(),
            required=False,
            doc="the price in pounds and what it includes, when it is not free",
            example="£10, lunch included",
        ),
        Field(
            "price",
            Pounds(),
            required=False,
            doc="the full price in pounds as a number, when it is not free (search engines "
            "show it); cost says what it includes and who pays less",
            example="10",
        ),
        *PUBLISHING,
        SOURCES,
    ],
    rules=[_summary_length, _dates_in_order, _event_rules],
)

PAGE = Record(
    [
        Field("title", Text(), required=False),
        Field("summary", Text(), required=False),
        Field(
            "template",
            Choice(PAGE_TEMPLATES),
            required=False,
            doc="a page layout from overrides/: " + ", ".join(PAGE_TEMPLATES),
        ),
        Field(
            "form",
            Choice(PAGE_FORMS),
            required=False,
            doc="a form shown after the page's text: " + ", ".join(PAGE_FORMS),
        ),
        Field(
            "hide",
            ListOf(Choice(("navigation", "toc", "footer", "feedback", "path", "tags"))),
            required=False,
        ),
        SENSITIVE,
        OFFLINE,
        OPTIONAL_SOURCES,
    ],
    rules=[_never_kept_if_sensitive],
)


@dataclass
class Entry:
    """A checked content file. `data` holds the cleaned front matter.

    A content type is one subclass: everything the rest of the code knows of it is declared
    here (its folder, schema and words) or found by its kind in the places listed in
    TEMPLATES (the header above its body, the card listings show it with), and the completeness
    test (tests/unit/test_content_types.py) fails when a registered type lacks a part.
    """

    kind: ClassVar[str] = "page"
    section: ClassVar[str] = ""
    schema: ClassVar[Record] = PAGE
    # The web editor's name for the collection, and the search page's name for the type.
    label: ClassVar[str] = "Pages"
    search_label: ClassVar[str] = "Other pages"
    # What a reader is told it is ("This guide was written from the sources...").
    noun: ClassVar[str] = "page"
    # `act new`: how long until an editor checks a new file again.
    review_after_months: ClassVar[int] = 12
    # `act report`: whether its reading age is measured and a missing reviewer is flagged.
    report_reading_age: ClassVar[bool] = False
    report_awaiting_review: ClassVar[bool] = False

    src_uri: str
    slug: str
    data: dict[str, Any]

    @cached_property
    def facts(self) -> Any:
        """The front matter as an object made from the schema: `entry.facts.commitment`."""
        return self.schema.typed(self.data, self.kind)

    def __getattr__(self, name: str) -> Any:
        """A field of the front matter read as an attribute (`opportunity.commitment.pattern`,
        `event.start`); only the schema's own fields, so a typo is still an AttributeError."""
        if name.startswith("_") or name not in type(self).schema.field_names:
            raise AttributeError(f"{type(self).__name__} has no field '{name}'")
        return getattr(self.facts, name)

    @property
    def url(self) -> str:
        return f"{self.section}/{self.slug}/" if self.section else ""

    @property
    def title(self) -> str:
        return self.data.get("title") or ""

    @property
    def summary(self) -> str:
        return self.data.get("summary") or ""

    @property
    def last_changed(self) -> date | None:
        """The date of the last real change: `updated`, else `published`."""
        return self.data.get("updated") or self.data.get("published")

    @property
    def is_draft(self) -> bool:
        return bool(self.data.get("draft"))

    @property
    def awaiting_review(self) -> bool:
        return False

    @property
    def closing_date(self) -> date | None:
        """The last day it is open, for what closes (an opportunity); None otherwise."""
        return None

    def review_due(self, on: date) -> bool:
        review_by = self.data.get("review_by")
        return bool(review_by and review_by <= on)

    @classmethod
    def new_body(cls) -> str:
        """The body `act new` starts a file of this type with."""
        return (NEW_BODIES / f"{cls.kind}.md").read_text(encoding="utf-8")

    def search_filters(
        self, names: dict[str, dict[str, str]], today: date
    ) -> dict[str, list[str]] | None:
        """Its search filters ({'topic': ['Flooding']}), or None when it must not be found
        (a closed opportunity)."""
        return {}

    def structured_data(
        self, site: Site, names: dict[str, dict[str, str]], body: str
    ) -> list[dict[str, Any]]:
        """Its schema.org JSON-LD blocks; `body` is the page's rendered HTML."""
        return []

    @classmethod
    def published_files(
        cls, entries: list[Entry], site: Site, today: date
    ) -> Iterator[tuple[str, bytes]]:
        """Files published beside the pages of this type's `entries` (site-relative path,
        content), such as calendars; act/publishing writes them after the build."""
        return iter(())


# The templates every content type has, by kind, under overrides/.
TEMPLATES = ("partials/act/{kind}-header.html", "fragments/act/cards/{kind}.html")


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

    @property
    def awaiting_review(self) -> bool:
        return not self.data.get("reviewer")

    def search_filters(self, names, today):
        return {"topic": [names["topics"][t] for t in self.data["topics"]]}

    def structured_data(self, site, names, body):
        return [structured_data.article(self, site)]


@dataclass
class Opportunity(Entry):
    kind = "opportunity"
    section = "volunteer"
    schema = OPPORTUNITY
    label = "Volunteering opportunities"
    search_label = "Volunteering"
    noun = "opportunity"
    # Opportunities change more often than advice, so an editor looks at them sooner.
    review_after_months = 6

    @property
    def closing_date(self) -> date | None:
        return self.data.get("closing_date")

    def is_open(self, on: date) -> bool:
        closing = self.closing_date
        return closing is None or closing >= on

    def search_filters(self, names, today):
        if not self.is_open(today):
            return None
        return {"region": [names["regions"][r] for r in self.data["regions"]]}

    def structured_data(self, site, names, body):
        return [structured_data.job_posting(self, site, names["regions"], body)]


@dataclass
class Reserve(Entry):
    kind = "reserve"
    section = "reserves"
    schema = RESERVE
    label = "Reserves"
    search_label = "Reserves"
    noun = "guide"

    @property
    def awaiting_review(self) -> bool:
        return not self.data.get("reviewer")

    def as_opportunity(self) -> FinderEntry | None:
        """This guide as the opportunity finder shows it, if it asks to be listed there."""
        facts = self.data.get("in_finder")
        return FinderEntry(self, {**self.data, **facts}) if facts else None

    def search_filters(self, names, today):
        return {
            "service": [SERVICES[self.data["service"]]],
            "region": [NATIONS[n] for n in self.data["nations"]],
        }

    def structured_data(self, site, names, body):
        return [structured_data.article(self, site)]


@dataclass
class Event(Entry):
    """An event: upcoming until the day it ends is over, then past (on its own, as an
    opportunity closes)."""

    kind = "event"
    section = "events"
    schema = EVENT
    label = "Events"
    search_label = "Events"
    noun = "event"
    review_after_months = 3

    @property
    def calendar_path(self) -> str:
        """Its iCalendar file, beside its page."""
        return f"{self.url}{self.slug}.ics"

    def is_upcoming(self, on: date) -> bool:
        return self.end.date() >= on

    def search_filters(self, names, today):
        if not self.is_upcoming(today):
            return None
        return {"region": [names["regions"][r] for r in self.data["regions"]]}

    def structured_data(self, site, names, body):
        return [structured_data.event(self, site, names["regions"])]

    @classmethod
    def published_files(cls, entries, site, today):
        """An iCalendar file beside each event's page, and one of every upcoming event."""
        for event in entries:
            yield event.calendar_path, calendar.calendar([event], site, event.title)
        upcoming = [e for e in entries if e.is_upcoming(today)]
        upcoming.sort(key=lambda e: (e.start, e.title))
        yield (
            calendar.UPCOMING_PATH,
            calendar.calendar(upcoming, site, f"{site.name}: upcoming events"),
        )


@dataclass(frozen=True)
class FinderEntry:
    """A reserve guide in the opportunity finder: the guide's page and title, with the
    finder's facts (category, regions, commitment, remote) from its `in_finder`."""

    guide: Reserve
    data: dict[str, Any]
    kind: ClassVar[str] = "opportunity"

    def __getattr__(self, name: str) -> Any:
        """The finder's facts as attributes, as an Opportunity gives them."""
        finder = IN_FINDER.kind
        if name.startswith("_") or name not in finder.field_names:
            raise AttributeError(f"FinderEntry has no field '{name}'")
        return getattr(finder.typed(self.data, "in_finder"), name)

    @property
    def url(self) -> str:
        return self.guide.url

    @property
    def title(self) -> str:
        return self.guide.title

    @property
    def summary(self) -> str:
        return self.guide.summary


# The registry: every content type, in the order they are shown (search filters, the editor).
CONTENT_TYPES: tuple[type[Entry], ...] = (Article, Opportunity, Reserve, Event)
TYPE_BY_SECTION = {t.section: t for t in CONTENT_TYPES}
TYPE_BY_KIND = {t.kind: t for t in CONTENT_TYPES}

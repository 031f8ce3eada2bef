"""The content types (article, opportunity, reserve): their schemas and the objects built from them.

The folder a file sits in decides its type; the schema here is the single source of truth for
its front matter, for `act check`, the build, `act new` and the generated reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from act.problems import Severity
from act.schema import (
    Boolean,
    Choice,
    Context,
    Field,
    Integer,
    IsoDate,
    ListOf,
    Record,
    TaxonomyTerm,
    Text,
    Url,
)
from act.yamlfile import Path_

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
        Field("note", Text(), doc="what changed, in a sentence", example="First published."),
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
    Field("published", IsoDate(), doc="the date it was first published", example="2026-11-26"),
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
CHANGES = Field(
    "changes",
    ListOf(CHANGE),
    required=False,
    default=[],
    doc="change notes: a list of {date, note}",
)
UPDATED = Field(
    "updated",
    IsoDate(),
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
    rules=[_summary_length, _dates_in_order, _awaiting_review],
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
        OPTIONAL_SOURCES,
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
    ]
)


@dataclass
class Entry:
    """A checked content file. `data` holds the cleaned front matter."""

    kind: ClassVar[str] = "page"
    section: ClassVar[str] = ""
    schema: ClassVar[Record] = PAGE

    src_uri: str
    slug: str
    data: dict[str, Any]

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

    def review_due(self, on: date) -> bool:
        review_by = self.data.get("review_by")
        return bool(review_by and review_by <= on)


@dataclass
class Article(Entry):
    kind = "article"
    section = "prepare"
    schema = ARTICLE

    @property
    def awaiting_review(self) -> bool:
        return not self.data.get("reviewer")


@dataclass
class Opportunity(Entry):
    kind = "opportunity"
    section = "volunteer"
    schema = OPPORTUNITY

    def is_open(self, on: date) -> bool:
        closing = self.data.get("closing_date")
        return closing is None or closing >= on


@dataclass
class Reserve(Entry):
    kind = "reserve"
    section = "reserves"
    schema = RESERVE

    @property
    def awaiting_review(self) -> bool:
        return not self.data.get("reviewer")

    def as_opportunity(self) -> FinderEntry | None:
        """This guide as the opportunity finder shows it, if it asks to be listed there."""
        facts = self.data.get("in_finder")
        return FinderEntry(self, {**self.data, **facts}) if facts else None


@dataclass(frozen=True)
class FinderEntry:
    """A reserve guide in the opportunity finder: the guide's page and title, with the
    finder's facts (category, regions, commitment, remote) from its `in_finder`."""

    guide: Reserve
    data: dict[str, Any]
    kind: ClassVar[str] = "opportunity"

    @property
    def url(self) -> str:
        return self.guide.url

    @property
    def title(self) -> str:
        return self.guide.title

    @property
    def summary(self) -> str:
        return self.guide.summary


CONTENT_TYPES: tuple[type[Entry], ...] = (Article, Opportunity, Reserve)
TYPE_BY_SECTION = {t.section: t for t in CONTENT_TYPES}

"""The ground floor of every content type: the fields, records and rules they share, the plain
page's schema, and `Entry`, the checked file each type subclasses (act/types/<kind>.py).

The folder a file sits in decides its type; a type's schema is the single source of truth for
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
from act.schema import (
    EARLIEST_PUBLISHED,
    Boolean,
    Choice,
    Context,
    Field,
    IsoDate,
    ListOf,
    Record,
    TaxonomyTerm,
    Text,
    Url,
)
from act.yamlfile import Path_

if TYPE_CHECKING:
    from act.listing import Listable, PageSpec, Source
    from act.publishing.site import Site

# The body `act new` starts a file of each type with: types/new/<kind>.md.
NEW_BODIES = Path(__file__).parent / "types" / "new"

SUMMARY_LIMIT = 160
# The page layouts in overrides/ a content page may ask for with `template:`.
PAGE_TEMPLATES = ("main.html", "home.html", "plan.html")
# Forms a page can show after its text (overrides/partials/act/forms/<name>.html): markup
# that content may not hold (act.content.body), kept in the templates, where it is reviewed.
PAGE_FORMS = ("report-a-problem", "suggest-an-opportunity")
# Each vocabulary maps the value written in front matter to the words shown to readers.
# The nations: reserve guides, the numbers' and the Get help directory's data use them.
NATIONS = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
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


def summary_length(data: dict, path: Path_, ctx: Context) -> None:
    if len(data["summary"]) > SUMMARY_LIMIT:
        ctx.report(
            path + ("summary",),
            f"is {len(data['summary'])} characters; search results and "
            f"listings cut it at {SUMMARY_LIMIT}",
            "shorten it to one plain sentence",
            Severity.WARNING,
        )


def never_kept_if_sensitive(data: dict, path: Path_, ctx: Context) -> None:
    if data.get("sensitive") and data.get("offline"):
        ctx.report(
            path + ("offline",),
            "a sensitive page is never kept on readers' devices: a saved copy would show "
            "that someone read it",
            "remove `offline: true` (or `sensitive: true`, if the page is not about a danger)",
        )


def dates_in_order(data: dict, path: Path_, ctx: Context) -> None:
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


def no_reviewer_yet(data: dict, path: Path_, ctx: Context) -> None:
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
# Where a role or an event is, when its sources name one or more police force areas: an area
# page lists it first (act.areas.pages), before what only covers the area's region or nation.
AREAS = Field(
    "areas",
    ListOf(TaxonomyTerm("areas")),
    required=False,
    default=[],
    doc="police force area ids from data/areas.yml, when the source says where it is",
    example="[cumbria]",
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
    rules=[never_kept_if_sensitive],
)


@dataclass
class Entry:
    """A checked content file. `data` holds the cleaned front matter.

    A content type is one subclass in its own module, act/types/<kind>.py, listed in the
    registry (act/types/__init__.py): everything the rest of the code knows of it is declared
    there (its folder, schema and words, its listings and JSON-LD) or found by its kind in the
    places listed in TEMPLATES (the header above its body, the card listings show it with),
    and the completeness test (tests/unit/test_content_types.py) fails when a registered type
    lacks a part.
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
    # The words of its vocabularies, as templates show them (act.templates.LABELS):
    # {"category": {"policing": "Policing", ...}}.
    labels: ClassVar[dict[str, dict[str, str]]] = {}
    # The `act:listing` sources that list it (act.listing).
    sources: ClassVar[tuple[Source, ...]] = ()

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
    def new_body_path(cls) -> Path:
        """The file holding the body `act new` starts a file of this type with."""
        return NEW_BODIES / f"{cls.kind}.md"

    @classmethod
    def new_body(cls) -> str:
        """The body `act new` starts a file of this type with."""
        return cls.new_body_path().read_text(encoding="utf-8")

    @classmethod
    def listing_pages(cls, catalogue: Listable, today: date) -> list[PageSpec]:
        """The listing pages of its own (its section's index page, ...), as PageSpecs."""
        return []

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


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Entries newest first (by their last real change), then by title: listings' order."""
    return sorted(entries, key=lambda e: (e.last_changed, e.title), reverse=True)


# The templates every content type has, by kind, under overrides/.
TEMPLATES = ("partials/act/{kind}-header.html", "fragments/act/cards/{kind}.html")

"""Volunteering opportunities (content/volunteer/): their vocabularies, schema, entry, the
opportunity finder's listings, and their JSON-LD (a JobPosting)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

from act.entry import (
    AREAS,
    PUBLISHING,
    SOURCE,
    SUMMARY,
    TITLE,
    Entry,
    dates_in_order,
    newest_first,
    summary_length,
)
from act.listing import Listable, PageSpec, Source, choice, regions
from act.publishing.description import description_html
from act.publishing.site import Site
from act.publishing.structured_data import CONTEXT
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

OPPORTUNITY_CATEGORIES = {
    "emergency-response": "Emergency response",
    "policing": "Policing",
    "fire-and-rescue": "Fire and rescue",
    "search-and-rescue": "Search and rescue",
    "first-aid-and-health": "First aid and health",
    "community-support": "Community support",
    "for-young-people": "For young people",
    "working-with-young-people": "Working with young people",
    "crime-and-victims": "Crime and victims",
}
COMMITMENT_PATTERNS = {"regular": "Regular", "flexible": "Flexible", "on-call": "On call"}

# An opportunity is a fact people act on (an age, a check, where to apply): every one names
# where it comes from, the organisation's own page first.
OPPORTUNITY_SOURCES = Field(
    "sources",
    ListOf(SOURCE, min_items=1),
    doc="where each fact comes from, the organisation's own page first: a list of {title, url}",
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
MINIMUM_AGE = Field("minimum_age", Integer(0, 99), doc="the youngest age accepted", example="18")
# An age is a fact people act on: an opportunity gives one only where its source states it; the
# page then tells readers to ask the organisation. (Every reserve guide's source states one.)
STATED_MINIMUM_AGE = Field(
    "minimum_age",
    Integer(0, 99),
    required=False,
    doc="the youngest age accepted, only if the organisation states one (else the page says ask)",
    example="18",
)
# Youth schemes stop at an age: the finder does not offer them to readers older than that.
MAXIMUM_AGE = Field(
    "maximum_age",
    Integer(0, 99),
    required=False,
    doc="the oldest age accepted, only if the organisation states one (youth schemes)",
    example="17",
)


def ages_in_order(data: dict, path: Path_, ctx: Context) -> None:
    """The oldest age accepted is not below the youngest."""
    oldest, youngest = data.get("maximum_age"), data.get("minimum_age")
    if oldest is not None and youngest is not None and oldest < youngest:
        ctx.report(
            path + ("maximum_age",),
            f"{oldest} is below the minimum age {youngest}",
            "the maximum age is the oldest age accepted: make it at least the minimum age, "
            "or leave it out if there is no upper age",
        )


# A reserve guide can also be listed in the opportunity finder, with these facts, so one role
# is written once and shown in both places.
FINDER = Record([CATEGORY, REGIONS, COMMITMENT, REMOTE])
IN_FINDER = Field(
    "in_finder",
    FINDER,
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
        AREAS,
        Field(
            "place",
            Text(),
            required=False,
            doc="the town or city where you would volunteer, if it is one place",
            example="Keswick",
        ),
        CATEGORY,
        COMMITMENT,
        STATED_MINIMUM_AGE,
        MAXIMUM_AGE,
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
    rules=[summary_length, dates_in_order, ages_in_order],
)


def open_opportunities(catalogue: Listable, on: date) -> list[Entry]:
    """Opportunities still open on `on`, newest first."""
    return newest_first([o for o in catalogue.of_kind("opportunity") if o.is_open(on)])


def finder_items(catalogue: Listable, on: date) -> list[Any]:
    """What the opportunity finder lists: open opportunities, then the reserve guides that ask
    to be listed there too (written once, in content/reserves/; act.types.reserve), in title
    order."""
    guides = sorted(catalogue.of_kind("reserve"), key=lambda r: r.title.lower())
    found = (r.as_opportunity() for r in guides)
    return open_opportunities(catalogue, on) + [g for g in found if g is not None]


def area_groups(taxonomies: Any) -> list[tuple[str, list[dict]]]:
    """The police force areas for the finder's area filter: (nation name, its areas by name),
    nations in the order of data/regions.yml."""
    groups = []
    for nation in (r for r in taxonomies.regions if r.get("kind") == "nation"):
        found = [a for a in taxonomies.areas if a["nation"] == nation["id"]]
        if found:
            groups.append((nation["name"], sorted(found, key=lambda a: a["name"].lower())))
    return groups


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
    labels = {"category": OPPORTUNITY_CATEGORIES, "commitment": COMMITMENT_PATTERNS}
    sources = (
        Source(
            "opportunities",
            lambda catalogue, today: open_opportunities(catalogue, today),
            card="opportunity",
            filters=(
                regions(lambda o: o.regions),
                choice("category", OPPORTUNITY_CATEGORIES, lambda o: o.category),
                choice("commitment", COMMITMENT_PATTERNS, lambda o: o.commitment.pattern),
                choice("remote", ("yes", "no"), lambda o: "yes" if o.remote else "no"),
            ),
        ),
    )

    @property
    def closing_date(self) -> date | None:
        return self.data.get("closing_date")

    def is_open(self, on: date) -> bool:
        closing = self.closing_date
        return closing is None or closing >= on

    @classmethod
    def listing_pages(cls, catalogue: Listable, today: date) -> list[PageSpec]:
        """The opportunity finder."""
        return [
            PageSpec(
                "volunteer/index.md",
                "Volunteer",
                "Volunteering opportunities in public safety across the UK.",
                "content/volunteer/",
                "opportunities.html",
                lambda: {
                    "items": finder_items(catalogue, today),
                    "regions": catalogue.taxonomies.regions,
                    "area_groups": area_groups(catalogue.taxonomies),
                },
            )
        ]

    def search_filters(self, names, today):
        if not self.is_open(today):
            return None
        return {"region": [names["regions"][r] for r in self.data["regions"]]}

    def structured_data(self, site, names, body):
        return [job_posting(self, site, names["regions"], body)]


def job_posting(
    entry: Entry, site: Site, region_names: dict[str, str], body: str
) -> dict[str, Any]:
    """A volunteering opportunity, as JobPosting with employmentType VOLUNTEER; `body` is the
    page's rendered Markdown, the full description."""
    d = entry.data
    posting: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": entry.title,
        "description": f"<p>{html.escape(entry.summary)}</p>{description_html(body)}",
        "url": site.absolute(entry.url),
        "datePosted": d["published"].isoformat(),
        "employmentType": "VOLUNTEER",
        "hiringOrganization": _organisation(d),
        "directApply": False,
        "applicantLocationRequirements": {"@type": "Country", "name": "United Kingdom"},
        "jobLocation": _job_locations(d, region_names),
    }
    if d.get("closing_date"):
        posting["validThrough"] = _end_of_day(d["closing_date"])
    if d["remote"]:
        posting["jobLocationType"] = "TELECOMMUTE"
    return posting


def _organisation(d: dict) -> dict[str, Any]:
    """With organisation_url, else the home page of the site apply_url is on (not mailto:)."""
    organisation = {"@type": "Organization", "name": d["organisation"]}
    apply = urlparse(d["apply_url"])
    if d.get("organisation_url"):
        organisation["url"] = d["organisation_url"]
    elif apply.scheme == "https":
        organisation["url"] = f"https://{apply.netloc}/"
    return organisation


def _job_locations(d: dict, region_names: dict[str, str]) -> list[dict[str, Any]]:
    """One address per region; with a place, the one address of that place."""
    regions = [region_names.get(r, r) for r in d["regions"]]
    if d.get("place"):
        addresses = [
            {"addressLocality": d["place"]}
            | ({"addressRegion": regions[0]} if len(regions) == 1 else {})
        ]
    else:
        addresses = [{"addressRegion": region} for region in regions]
    return [
        {
            "@type": "Place",
            "address": {"@type": "PostalAddress", **address, "addressCountry": "GB"},
        }
        for address in addresses
    ]


def _end_of_day(day: date) -> str:
    return f"{day.isoformat()}T23:59:59+00:00"

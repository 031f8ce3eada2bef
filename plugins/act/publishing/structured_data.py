"""schema.org JSON-LD: Article, JobPosting, Organization, WebSite and BreadcrumbList."""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from act.publishing.description import description_html
from act.publishing.site import Site

if TYPE_CHECKING:
    from act.content.types import Entry, Event

CONTEXT = "https://schema.org"
# Shown with an article when it has no picture of its own (scripts/make-share-image draws it).
SHARE_IMAGE = "assets/share.png"


def breadcrumbs(site: Site, trail: list[tuple[str, str]]) -> dict[str, Any]:
    """BreadcrumbList from [(name, site-relative url), ...], home first."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": site.absolute(url)}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }


def organization(site: Site) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": site.name,
        "url": site.url,
        "logo": site.absolute("assets/logo.svg"),
        "description": site.description,
    }


def website(site: Site) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": site.name,
        "url": site.url,
        "description": site.description,
        "inLanguage": "en-GB",
    }


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


def article(entry: Entry, site: Site) -> dict[str, Any]:
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
        "dateModified": entry.last_changed.isoformat(),
        "image": site.absolute(SHARE_IMAGE),
        "author": _person(d["author"], site),
        "publisher": {"@type": "Organization", "name": site.name, "url": site.url},
        "inLanguage": "en-GB",
        "citation": [
            {"@type": "CreativeWork", "name": s["title"], "url": s["url"]}
            for s in d.get("sources") or []
        ],
    }


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


ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def event(entry: Event, site: Site, region_names: dict[str, str]) -> dict[str, Any]:
    """An event, as schema.org Event: times with their UK offset, where (a place, the booking
    page online, or both), who organises it and what it costs."""
    regions = [region_names.get(r, r) for r in entry.regions]
    online = {"@type": "VirtualLocation", "url": entry.booking_url}
    # The place is one line as the organiser gives it ("Town hall, Keswick"): its name, not
    # split into street and town by guesswork; the address holds only what the data knows.
    place = {
        "@type": "Place",
        "name": entry.place or "",
        "address": {
            "@type": "PostalAddress",
            **({"addressRegion": regions[0]} if len(regions) == 1 else {}),
            "addressCountry": "GB",
        },
    }
    locations = {"online": [online], "in-person": [place], "hybrid": [place, online]}
    organiser = {"@type": "Organization", "name": entry.organiser}
    if entry.organiser_url:
        organiser["url"] = entry.organiser_url
    offer: dict[str, Any] = {"@type": "Offer", "url": entry.booking_url}
    if entry.free:
        offer |= {"price": "0", "priceCurrency": "GBP"}
    else:
        offer["description"] = entry.cost
        if entry.price is not None:
            offer |= {"price": f"{entry.price:.2f}", "priceCurrency": "GBP"}
    return {
        "@context": CONTEXT,
        "@type": "Event",
        "name": entry.title,
        "description": entry.summary,
        "url": site.absolute(entry.url),
        "startDate": entry.start.isoformat(),
        "endDate": entry.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[entry.attendance],
        "location": locations[entry.attendance],
        "organizer": organiser,
        "offers": offer,
        "image": site.absolute(SHARE_IMAGE),
        "inLanguage": "en-GB",
    }

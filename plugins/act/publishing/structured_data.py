"""schema.org JSON-LD the whole site shares: Organization, WebSite and BreadcrumbList. Each
content type builds its own (act/types/<kind>.py: Article, JobPosting, Event) with these."""

from __future__ import annotations

from typing import Any

from act.publishing.site import Site

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

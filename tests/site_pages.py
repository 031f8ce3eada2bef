"""The fixture site's pages that stand for every kind of page the registries make: one live
page of each content type (act.types.CONTENT_TYPES) and one of each listing page's fragment
(each type's own, the data collections', topics, projects), by name. The quality gates visit
these, so a new type, or a new listing, is visited as soon as it is registered, and a type with
no fixture file fails the gates ("no page at /no-course-in-the-fixture-site/").
"""

from __future__ import annotations

from datetime import date

from act.content.checker import check_content
from act.generated import GeneratedPage
from act.listings.pages import listing_pages
from act.types import CONTENT_TYPES
from support import FIXTURE_BUILD_DATE, FIXTURES


def registry_pages() -> dict[str, str]:
    """{name: site-relative URL}: each content type by its kind (a page that is open or
    upcoming on the fixture build date, the first by address), then each listing fragment by
    its name ("opportunities", "topic", ...), the first page made with it."""
    today = date.fromisoformat(FIXTURE_BUILD_DATE)
    site = FIXTURES / "site"
    catalogue = check_content(site / "content", site / "data", today)
    names = catalogue.taxonomies.names()
    pages = {}
    for content_type in CONTENT_TYPES:
        live = sorted(
            e.url
            for e in catalogue.of_kind(content_type.kind)
            if e.search_filters(names, today) is not None
        )
        pages[content_type.kind] = (
            live[0] if live else f"no-{content_type.kind}-in-the-fixture-site/"
        )
    for spec in listing_pages(catalogue, today):
        name = spec.fragment.removesuffix(".html")
        pages.setdefault(name, GeneratedPage(spec.src_uri, "", "").url)
    return pages

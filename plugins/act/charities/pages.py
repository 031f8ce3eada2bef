"""The Get help pages, rendered from Jinja fragments in overrides/fragments/act/."""

from __future__ import annotations

from jinja2 import Environment

from act.charities.directory import Directory
from act.generated import GeneratedPage
from act.numbers import Numbers

INDEX_URI = "get-help/index.md"
OPEN_REFERRAL_DIR = "data/openreferral"


def get_help_pages(
    directory: Directory, env: Environment, numbers: Numbers | None = None
) -> list[GeneratedPage]:
    """/get-help/ and one page per need; every page opens with the emergency panel, its
    numbers from data/numbers.yml (`numbers`)."""

    def render(fragment: str, page_url: str, **context) -> str:
        return env.get_template(f"fragments/act/{fragment}").render(
            root="../" * page_url.count("/"),
            credit=directory.credit,
            open_referral=f"{OPEN_REFERRAL_DIR}/",
            numbers=numbers or Numbers(),
            **context,
        )

    pages = [
        GeneratedPage(
            INDEX_URI,
            "Get help",
            "Helplines and charities for people affected by addiction, abuse, crime, "
            "exploitation, a mental health crisis, loneliness, money worries or homelessness, "
            "for each nation of the UK.",
            render("get-help.html", "get-help/", listings=directory.listings),
            search_type="help",  # found by search as `type: help` (see act.search.facets)
            exit_button=any(listing.need.sensitive for listing in directory.listings),
        )
    ]
    for listing in directory.listings:
        pages.append(
            GeneratedPage(
                f"get-help/{listing.need.id}.md",
                listing.need.name,
                listing.need.who_it_helps,
                render("get-help-need.html", listing.need.url, listing=listing),
                search_type="help",
                sensitive=listing.need.sensitive,
            )
        )
    return pages

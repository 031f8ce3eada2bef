"""The Get help pages, rendered from Jinja fragments in overrides/fragments/act/."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from act.charities.directory import Directory

INDEX_URI = "get-help/index.md"
OPEN_REFERRAL_DIR = "data/openreferral"


@dataclass(frozen=True)
class GetHelpPage:
    """A generated page: its source name, title, summary and HTML body."""

    src_uri: str
    title: str
    summary: str
    body: str
    sensitive: bool = False

    @property
    def url(self) -> str:
        """'get-help/index.md' -> 'get-help/'; 'get-help/homelessness.md' -> its folder URL."""
        stem = self.src_uri.removesuffix(".md").removesuffix("index")
        return stem if stem.endswith("/") else stem + "/"

    @property
    def markdown(self) -> str:
        return (
            f"---\ntitle: {_yaml_text(self.title)}\nsummary: {_yaml_text(self.summary)}\n"
            # Found by search as `type: help` (see act.search.facets).
            f"search: {{type: help}}\n"
            # Sensitive pages carry the "Exit this page" button (partials/act/exit-this-page).
            + ("sensitive: true\n" if self.sensitive else "")
            + f"---\n\n{self.body}\n"
        )


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def get_help_pages(directory: Directory, env: Environment) -> list[GetHelpPage]:
    """/get-help/ and one page per need."""

    def render(fragment: str, page_url: str, **context) -> str:
        return env.get_template(f"fragments/act/{fragment}").render(
            root="../" * page_url.count("/"),
            credit=directory.credit,
            open_referral=f"{OPEN_REFERRAL_DIR}/",
            **context,
        )

    pages = [
        GetHelpPage(
            INDEX_URI,
            "Get help",
            "Helplines and charities for people affected by addiction, abuse, crime, "
            "exploitation, a mental health crisis, loneliness, money worries or homelessness, "
            "for each nation of the UK.",
            render("get-help.html", "get-help/", listings=directory.listings),
            sensitive=any(listing.need.sensitive for listing in directory.listings),
        )
    ]
    for listing in directory.listings:
        pages.append(
            GetHelpPage(
                f"get-help/{listing.need.id}.md",
                listing.need.name,
                listing.need.who_it_helps,
                render("get-help-need.html", listing.need.url, listing=listing),
                sensitive=listing.need.sensitive,
            )
        )
    return pages

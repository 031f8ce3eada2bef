"""The listing pages, rendered from Jinja fragments in overrides/fragments/act/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from act.content.checker import Catalogue
from act.listings import queries


@dataclass(frozen=True)
class ListingPage:
    """A generated page: where it goes, its title, and its Markdown (front matter + HTML)."""

    src_uri: str
    title: str
    summary: str
    body: str

    @property
    def markdown(self) -> str:
        return (
            f"---\ntitle: {_yaml_text(self.title)}\nsummary: {_yaml_text(self.summary)}\n"
            f"---\n\n{self.body}\n"
        )


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fragment_environment(template_dirs: list[Path]) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    return env


def long_date(value: date) -> str:
    """2026-11-26 -> '26 November 2026' (GOV.UK style)."""
    return f"{value.day} {value:%B %Y}"


def root_from(src_uri: str) -> str:
    """The relative path from a page's URL back to the site root ('prepare/index.md' -> '../')."""
    depth = src_uri.count("/") + (0 if src_uri.endswith("index.md") else 1)
    return "../" * depth


def listing_pages(catalogue: Catalogue, env: Environment, today: date) -> list[ListingPage]:
    """Every listing page of the site, computed once per build."""
    names = catalogue.taxonomies.names()
    common = {"names": names, "today": today}

    def render(fragment: str, src_uri: str, **context) -> str:
        return env.get_template(f"fragments/act/{fragment}").render(
            **common, root=root_from(src_uri), **context
        )

    pages = [
        ListingPage(
            "prepare/index.md",
            "Prepare",
            "Advice from people who work in emergencies on getting ready for them.",
            render(
                "prepare.html",
                "prepare/index.md",
                topics=[
                    (t, queries.articles(catalogue, t["id"])) for t in catalogue.taxonomies.topics
                ],
            ),
        ),
        ListingPage(
            "volunteer/index.md",
            "Volunteer",
            "Volunteering opportunities in public safety across the UK.",
            render(
                "opportunities.html",
                "volunteer/index.md",
                opportunities=queries.open_opportunities(catalogue, today),
            ),
        ),
        ListingPage(
            "reserves/index.md",
            "Join a reserve",
            "Guides to the emergency-service reserves and volunteer emergency roles.",
            render("reserves.html", "reserves/index.md", reserves=queries.reserves(catalogue)),
        ),
    ]
    for topic in catalogue.taxonomies.topics:
        pages.append(
            ListingPage(
                f"topics/{topic['id']}.md",
                topic["name"],
                topic.get("description") or "",
                render(
                    "article-list.html",
                    f"topics/{topic['id']}.md",
                    articles=queries.articles(catalogue, topic["id"]),
                ),
            )
        )
    return pages

"""The listing pages and blocks, rendered from Jinja fragments in overrides/fragments/act/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from act.collections import PROGRAMME_STATUSES, PROJECT_STATUSES
from act.content.checker import Catalogue
from act.content.types import COMMITMENT_PATTERNS, NATIONS, OPPORTUNITY_CATEGORIES, SERVICES
from act.listings import queries
from act.listings.directive import Directive

LABELS = {
    "category": OPPORTUNITY_CATEGORIES,
    "commitment": COMMITMENT_PATTERNS,
    "service": SERVICES,
    "nation": NATIONS,
    "status": {**PROGRAMME_STATUSES, **PROJECT_STATUSES},
}
CARDS = {
    "articles": "article",
    "opportunities": "opportunity",
    "reserves": "reserve",
    "programmes": "programme",
    "projects": "project",
}


@dataclass(frozen=True)
class ListingPage:
    """A generated page: where it comes from and goes, its title, and its Markdown."""

    src_uri: str
    title: str
    summary: str
    body: str
    source_file: str  # the file an editor changes to change this page
    search_type: str | None = None  # the search `type` filter, if the page is to be found

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix("index.md").removesuffix(".md") + (
            "" if self.src_uri.endswith("index.md") else "/"
        )

    @property
    def markdown(self) -> str:
        search = f"search: {{type: {self.search_type}}}\n" if self.search_type else ""
        return (
            f"---\ntitle: {_yaml_text(self.title)}\nsummary: {_yaml_text(self.summary)}\n"
            f"{search}---\n\n{self.body}\n"
        )


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def long_date(value: date) -> str:
    """2026-11-26 -> '26 November 2026' (GOV.UK style)."""
    return f"{value.day} {value:%B %Y}"


def root_for(url: str) -> str:
    """The relative path from a page's URL to the site root ('prepare/x/' -> '../../')."""
    return "../" * url.count("/")


class ListingRenderer:
    """Renders fragments with what every listing needs: names, labels, today, the root."""

    def __init__(self, catalogue: Catalogue, template_dirs: list[Path], today: date) -> None:
        self.catalogue = catalogue
        self.today = today
        self.env = Environment(
            loader=FileSystemLoader([str(d) for d in template_dirs]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["long_date"] = long_date
        self.env.globals.update(
            names=catalogue.taxonomies.names(),
            labels=LABELS,
            today=today,
            regions_covered=catalogue.taxonomies.regions_covered,
        )

    def render(self, fragment: str, url: str, **context) -> str:
        template = self.env.get_template(f"fragments/act/{fragment}")
        return template.render(root=root_for(url), **context)

    def render_directive(self, directive: Directive, url: str) -> str:
        items = queries.select(
            self.catalogue,
            directive.source,
            directive.filters,
            today=self.today,
            limit=directive.limit,
            order=directive.order,
        )
        return self.render("listing.html", url, items=items, card=CARDS[directive.source])

    def pages(self) -> list[ListingPage]:
        """Every listing page of the site, computed once per build."""
        catalogue, today = self.catalogue, self.today
        page = self._page
        pages = [
            page(
                "prepare/index.md",
                "Prepare",
                "Advice on getting ready for emergencies and what to do when one happens.",
                "content/prepare/",
                "prepare.html",
                topics=[
                    (t, queries.articles(catalogue, t["id"])) for t in catalogue.taxonomies.topics
                ],
            ),
            page(
                "volunteer/index.md",
                "Volunteer",
                "Volunteering opportunities in public safety across the UK.",
                "content/volunteer/",
                "opportunities.html",
                items=queries.finder_items(catalogue, today),
                regions=catalogue.taxonomies.regions,
            ),
            page(
                "reserves/index.md",
                "Join a reserve",
                "Which reserve suits me? Compare the "
                "emergency-service reserves and volunteer emergency roles.",
                "content/reserves/",
                "reserves.html",
                items=queries.reserves(catalogue),
            ),
            page(
                "programmes/index.md",
                "Programmes",
                "The community programme ACT is part of, and how to take part.",
                "data/programmes.yml",
                "programmes.html",
                search_type="programme",
                items=catalogue.collections.get("programmes", []),
            ),
            page(
                "projects/index.md",
                "Projects",
                "Projects made by volunteers to help with public safety problems.",
                "data/showcase.yml",
                "projects.html",
                items=catalogue.collections.get("showcase", []),
            ),
        ]
        for topic in catalogue.taxonomies.topics:
            pages.append(
                page(
                    f"topics/{topic['id']}.md",
                    topic["name"],
                    topic.get("description") or topic["name"],
                    "data/topics.yml",
                    "topic.html",
                    topic=topic,
                    items=queries.articles(catalogue, topic["id"]),
                )
            )
        for project in catalogue.collections.get("showcase", []):
            pages.append(
                page(
                    f"projects/{project['id']}.md",
                    project["name"],
                    project["what_it_does"],
                    "data/showcase.yml",
                    "project.html",
                    search_type="project",
                    item=project,
                )
            )
        return pages

    def _page(
        self,
        src_uri: str,
        title: str,
        summary: str,
        source_file: str,
        fragment: str,
        search_type: str | None = None,
        **context,
    ) -> ListingPage:
        url = ListingPage(src_uri, "", "", "", "").url
        body = self.render(fragment, url, **context)
        return ListingPage(src_uri, title, summary, body, source_file, search_type)

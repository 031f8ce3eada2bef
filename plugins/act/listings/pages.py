"""The listing pages and blocks, rendered from Jinja fragments in overrides/fragments/act/."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from act.catalogue import Catalogue
from act.generated import GeneratedPage
from act.listing import EMPTY, PageSpec
from act.listings.directive import Directive
from act.listings.sources import SOURCES
from act.templates import LABELS, fragment_environment
from act.types import CONTENT_TYPES
from act.types.article import articles


def root_for(url: str) -> str:
    """The relative path from a page's URL to the site root ('prepare/x/' -> '../../').

    MkDocs gives the home page the URL './', which is the root itself.
    """
    return "../" * url.removeprefix("./").count("/")


class ListingRenderer:
    """Renders fragments with what every listing needs: names, labels, today, the root."""

    def __init__(self, catalogue: Catalogue, template_dirs: list[Path], today: date) -> None:
        self.catalogue = catalogue
        self.today = today
        self.env = fragment_environment(template_dirs)
        self.env.globals.update(
            names=catalogue.taxonomies.names(),
            labels=LABELS,
            today=today,
            empty=EMPTY,  # what a listing with nothing in it says, unless its source says more
            regions_covered=catalogue.taxonomies.regions_covered,
        )

    def render(self, fragment: str, url: str, **context) -> str:
        template = self.env.get_template(f"fragments/act/{fragment}")
        return template.render(root=root_for(url), **context)

    def render_directive(self, directive: Directive, url: str) -> str:
        source = SOURCES[directive.source]
        items = source.select(
            self.catalogue,
            directive.filters,
            today=self.today,
            limit=directive.limit,
            order=directive.order,
        )
        return self.render("listing.html", url, items=items, card=source.card, empty=source.empty)

    def pages(self, kept: KeptBodies | None = None) -> list[GeneratedPage]:
        """Every listing page of the site, computed once per build; with `kept`, a page whose
        fragment gets what it got last time is not rendered again."""
        pages = []
        for spec in listing_pages(self.catalogue, self.today):
            url = _url_of(spec.src_uri)
            context = spec.context()

            def render(spec=spec, url=url, context=context) -> str:
                return self.render(spec.fragment, url, **context)

            key = (spec.src_uri, spec.fragment, self.today)
            body = render() if kept is None else kept.body(key, context, render)
            pages.append(
                GeneratedPage(
                    spec.src_uri,
                    spec.title,
                    spec.summary,
                    body,
                    source_file=spec.source_file,
                    search_type=spec.search_type,
                )
            )
        return pages


class KeptBodies:
    """Listing pages' bodies kept between `mkdocs serve --dirty` rebuilds, each with the context
    it was rendered from. A save changes the context of the few listings that show the saved
    file; the others are equal to last time's (the same entries, compared by value) and their
    body is used again. Whoever keeps them must `forget` them when a template or the data
    changes (the fragments, the names and labels they use), which the context does not show.
    Held in memory only, never written anywhere."""

    def __init__(self) -> None:
        self._kept: dict[tuple, tuple[dict, str]] = {}

    def forget(self) -> None:
        self._kept.clear()

    def body(self, key: tuple, context: dict, render: Callable[[], str]) -> str:
        kept = self._kept.get(key)
        if kept is not None and kept[0] == context:
            return kept[1]
        body = render()
        self._kept[key] = (context, body)
        return body


def listing_pages(catalogue: Catalogue, today: date) -> list[PageSpec]:
    """The listing pages the site makes: each content type's own, then the data collections'
    and each topic's and project's page; their context is computed only when rendered."""
    specs = [page for t in CONTENT_TYPES for page in t.listing_pages(catalogue, today)]
    specs += [
        PageSpec(
            "programmes/index.md",
            "Programmes",
            "The community programme ACT is part of, and how to take part.",
            "data/programmes.yml",
            "programmes.html",
            lambda: {"items": catalogue.collections.get("programmes", [])},
            search_type="programme",
        ),
        PageSpec(
            "projects/index.md",
            "Projects",
            "Projects made by volunteers to help with public safety problems.",
            "data/showcase.yml",
            "projects.html",
            lambda: {"items": catalogue.collections.get("showcase", [])},
        ),
    ]
    for topic in catalogue.taxonomies.topics:
        specs.append(
            PageSpec(
                f"topics/{topic['id']}.md",
                topic["name"],
                topic.get("description") or topic["name"],
                "data/topics.yml",
                "topic.html",
                _topic_context(catalogue, topic),
                made_from=f"topic '{topic['id']}'",
            )
        )
    for project in catalogue.collections.get("showcase", []):
        specs.append(
            PageSpec(
                f"projects/{project['id']}.md",
                project["name"],
                project["what_it_does"],
                "data/showcase.yml",
                "project.html",
                _project_context(project),
                search_type="project",
                made_from=f"project '{project['id']}'",
            )
        )
    return specs


def _topic_context(catalogue: Catalogue, topic: dict) -> Callable[[], dict]:
    return lambda: {"topic": topic, "items": articles(catalogue, topic["id"])}


def _project_context(project: dict) -> Callable[[], dict]:
    return lambda: {"item": project}


def _url_of(src_uri: str) -> str:
    return GeneratedPage(src_uri, "", "").url

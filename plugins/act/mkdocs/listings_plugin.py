"""`act/listings`: the generated listing pages (the open data page among them) and the listing
directives. Everything is computed once per build from the content plugin's catalogue."""

from __future__ import annotations

import os
import time
from collections.abc import Container
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from act.generated import GeneratedPage
from act.listings import open_data
from act.listings.directive import find_directives
from act.listings.pages import KeptBodies, ListingRenderer
from act.listings.sources import vocabulary
from act.mkdocs.nav import content_plugin, nav_paths, template_values
from act.mkdocs.publishing_plugin import site_of
from act.problems import format_report
from act.publishing.site import LICENCE, LICENCE_URL
from act.wording import shown_path

LISTING_MARKER = "<!-- act-listing-{} -->"


class ListingsPlugin(BasePlugin):
    dirty = False
    kept: KeptBodies | None = None
    previous_build: float | None = None
    build_started: float | None = None

    # Defining on_startup keeps this instance across `mkdocs serve` rebuilds; state that
    # belongs to one build is reset in on_config.
    def on_startup(self, *, command: str, dirty: bool, **kwargs: Any) -> None:
        self.dirty = dirty
        # A --dirty rebuild renders again only the listing pages whose items changed.
        self.kept = KeptBodies() if dirty else None

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> None:
        self.previous_build, self.build_started = self.build_started, time.time()
        self.source_files: dict[str, str] = {}
        self.listings: dict[str, list[str]] = {}  # src_uri -> rendered act:listing blocks

    def on_files(self, files: Files, /, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
        content = content_plugin(config, "act/listings")
        self.catalogue = content.catalogue
        self.site = site_of(config, content.today)
        template_dirs = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        self.renderer = ListingRenderer(self.catalogue, template_dirs, content.today)
        self.vocabulary = vocabulary(self.catalogue)
        # Every page after a change to a template, data or mkdocs.yml (see below).
        everything = self.dirty and self._everything_changed(config)
        if self.kept is not None and everything:
            self.kept.forget()
        pages = [*self.renderer.pages(self.kept), self._open_data_page()]
        in_nav = nav_paths(config.nav)
        for page in pages:
            self.source_files[page.src_uri] = page.source_file
            inclusion = (
                InclusionLevel.INCLUDED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            )
            # The body is finished HTML: it skips Markdown (which would only copy it, slowly,
            # for listings of thousands of items, and could read a value as Markdown).
            content.add_generated(files, config, page, inclusion)
        if self.dirty:
            _outdate_for_dirty_build(files, everything, self.catalogue.with_directives)
        return files

    def _everything_changed(self, config: MkDocsConfig) -> bool:
        """True on the first build, and after a change to a template, data or mkdocs.yml."""
        return self.previous_build is None or _changed_since(
            [
                config.theme.custom_dir,
                content_plugin(config, "act/listings").data_dir,
                config.config_file_path,
            ],
            self.previous_build,
        )

    def _open_data_page(self) -> GeneratedPage:
        body = self.renderer.render(
            "open-data.html",
            "open-data/",
            exports=open_data.exports(self.catalogue, self.site),
            plans=self.catalogue.plans.plans,
            licence=LICENCE,
            licence_url=LICENCE_URL,
        )
        return GeneratedPage(
            "open-data/index.md",
            "Open data",
            "ACT's listings as open data, with JSON Schemas, and its feeds.",
            body,
            source_file="data/",
        )

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
    ) -> str | None:
        if "act:listing" not in markdown:
            return markdown
        shown = shown_path(Path(config.docs_dir) / page.file.src_uri)
        directives, problems = find_directives(markdown, shown, self.vocabulary)
        if problems:
            raise PluginError("A listing directive is wrong:\n" + format_report(problems))
        # Each listing is a marker until the page is rendered: its HTML skips Markdown, and
        # act/content checks the page's own HTML without it.
        listings = self.listings[page.file.src_uri] = []
        for directive in reversed(directives):
            listings.append(self.renderer.render_directive(directive, page.file.url))
            marker = LISTING_MARKER.format(len(listings) - 1)
            markdown = f"{markdown[: directive.start]}\n\n{marker}\n\n{markdown[directive.end :]}"
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
    ) -> str | None:
        for n, listing in enumerate(self.listings.pop(page.file.src_uri, [])):
            html = html.replace(LISTING_MARKER.format(n), listing, 1)
        return html

    def on_page_context(
        self,
        context: TemplateContext,
        /,
        *,
        page: Page,
        config: MkDocsConfig,
        nav: Navigation,
        **kwargs: Any,
    ) -> TemplateContext | None:
        values = template_values(context)
        source = self.source_files.get(page.file.src_uri)
        if source:
            values["act_source"] = source
        return context


def _outdate_for_dirty_build(files, everything: bool, with_directives: Container[str]) -> None:
    """`mkdocs serve --dirty` rebuilds only the pages whose Markdown changed. Mark the output
    of the others out of date when they would show something else too: every page after a
    change to a template, data or mkdocs.yml (`everything`); pages with a listing directive
    (the home page; the check has just read every file) always, as they show other pages.
    (Generated pages are always rebuilt.)"""
    for file in files.documentation_pages(inclusion=lambda _: True):
        if file.generated_by or not (everything or file.src_uri in with_directives):
            continue
        if os.path.isfile(file.abs_dest_path):
            os.utime(file.abs_dest_path, (0, 0))


def _changed_since(paths: list, moment: float) -> bool:
    for path in filter(None, map(Path, filter(None, paths))):
        found = path.rglob("*") if path.is_dir() else [path]
        if any(p.is_file() and p.stat().st_mtime >= moment for p in found):
            return True
    return False

"""`act/search`: marks what Pagefind should index, adds /search/, and indexes the built site."""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from act.mkdocs.nav import content_plugin
from act.search.facets import FILTERS, TYPES, facets_for_entry, facets_from_meta, plain_page_facets
from act.search.indexer import SearchIndexError, index_site

log = get_plugin_logger(__name__)
SEARCH_PAGE = """---
title: Search
summary: Search the Active Citizens Toolkit.
template: act-search.html
---
"""


class SearchConfig(Config):
    enabled = opt.Type(bool, default=True)


# Longest wait, on stopping `mkdocs serve`, for a background re-index to finish (seconds).
SHUTDOWN_WAIT = 60


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.indexed_once = False
        self.worker: threading.Thread | None = None
        self.dirty = False

    # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.pages_marked = 0

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        files.append(
            File.generated(
                config, "search/index.md", content=SEARCH_PAGE, inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
        return files

    # After act/content has put the page's entry in the context.
    @event_priority(-50)
    def on_page_context(
        self, context: dict, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict:
        entry = context.get("act_entry")
        if entry is not None:
            content = content_plugin(config, "act/search")
            facets = facets_for_entry(entry, content.catalogue.taxonomies.names(), content.today)
        elif page.file.generated_by or page.is_homepage:
            facets = facets_from_meta(page.meta)  # listings are found through their items
        else:
            facets = plain_page_facets(page.meta)
        context["act_search"] = facets
        context["act_search_types"] = TYPES
        context["act_search_filters"] = FILTERS
        self.pages_marked += facets is not None
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        if self.serving and self.indexed_once:
            # Re-index in the background so a save is served at once; search catches up.
            if self.worker is None or not self.worker.is_alive():
                self.worker = threading.Thread(
                    target=self._index_quietly, args=(site,), daemon=True
                )
                self.worker.start()
            return
        try:
            result = index_site(site)
        except SearchIndexError as err:
            raise PluginError(f"Search index: {err}") from None
        self.indexed_once = True
        log.info(
            "Pagefind (%s) indexed %d pages in %.1f s",
            result.binary,
            result.page_count,
            result.seconds,
        )
        # A template lost data-pagefind-body? (A --dirty build renders only some pages.)
        if not self.dirty and result.page_count != self.pages_marked:
            log.warning(
                "Pagefind indexed %d pages but %d were marked for search",
                result.page_count,
                self.pages_marked,
            )

    def _index_quietly(self, site: Path) -> None:
        try:
            result = index_site(site, low_priority=True)
            log.info(
                "Search re-indexed in the background: %d pages in %.1f s",
                result.page_count,
                result.seconds,
            )
        except SearchIndexError as err:
            log.error("Search index: %s", err)

    # `mkdocs serve` deletes its temporary site folder after this: a re-index still writing
    # into it would make that fail ("Directory not empty"). Let it finish first.
    def on_shutdown(self) -> None:
        if self.worker is not None and self.worker.is_alive():
            self.worker.join(timeout=SHUTDOWN_WAIT)

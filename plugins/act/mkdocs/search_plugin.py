"""`act/search`: marks what Pagefind should index, adds /search/, and indexes each page as it is
written (Pagefind's service on the other core), writing the index after the build."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from act.generated import GeneratedPage
from act.listings.pages import listing_pages
from act.mkdocs.nav import content_plugin, template_values
from act.search.facets import FILTERS, TYPES, facets_for_entry, facets_from_meta, plain_page_facets
from act.search.indexer import OUTPUT_DIR, IndexResult, SearchIndexError, index_site
from act.search.recompress import recompress_first_fetched
from act.search.service import PagefindService
from act.search.synonyms import load_synonyms
from act.search.words import page_words, word_list, write_words

log = get_plugin_logger(__name__)
SEARCH_PAGE = GeneratedPage(
    "search/index.md", "Search", "Search the Active Citizens Toolkit.", template="act-search.html"
)


class SearchConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Feed Pagefind each page as it is written (false: one run over site/ after the build).
    index_while_rendering = opt.Type(bool, default=True)


# Longest wait, on stopping `mkdocs serve`, for a background re-index to finish (seconds).
SHUTDOWN_WAIT = 60


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.indexed_once = False
        self.worker: threading.Thread | None = None
        self.dirty = False
        self.service: PagefindService | None = None
        self.streaming = False
        self.writing: IndexWriting | None = None
        self.stopping = threading.Event()  # set when `mkdocs serve` stops

    # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
    def on_startup(self, *, command: str, dirty: bool, **kwargs: Any) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> None:
        self.pages_marked = 0
        self.words: Counter[str] = Counter()  # the indexed text's, for "Did you mean"
        # A whole build feeds Pagefind page by page. A `mkdocs serve` rebuild (perhaps of a
        # few pages, with --dirty) re-indexes the whole folder in the background instead.
        self.streaming = (
            self.config.enabled
            and self.config.index_while_rendering
            and not (self.serving and self.indexed_once)
        )

    def on_files(self, files: Files, /, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
        content = content_plugin(config, "act/search")
        content.add_generated(files, config, SEARCH_PAGE, InclusionLevel.NOT_IN_NAV)
        # Checked by `act check` (act.check); here only what the search page needs.
        synonyms, _ = load_synonyms(content.data_dir)
        self.synonyms = [[s.word, s.finds] for s in synonyms]
        return files

    # After act/content has put the page's entry in the context.
    @event_priority(-50)
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
        entry = values.get("act_entry")
        if entry is not None:
            content = content_plugin(config, "act/search")
            facets = facets_for_entry(entry, content.catalogue.taxonomies.names(), content.today)
        elif page.file.generated_by or page.is_homepage:
            facets = facets_from_meta(page.meta)  # listings are found through their items
        else:
            facets = plain_page_facets(page.meta)
        values["act_search"] = facets
        values["act_search_types"] = TYPES
        values["act_search_filters"] = FILTERS
        values["act_search_synonyms"] = self.synonyms
        if page.file.src_uri == SEARCH_PAGE.src_uri:
            values["act_search_sections"] = sections(nav, content_plugin(config, "act/search"))
        self.pages_marked += facets is not None
        return context

    # Last, so Pagefind reads the HTML exactly as it is written to the site.
    @event_priority(-100)
    def on_post_page(
        self, output: str, /, *, page: Page, config: MkDocsConfig, **kwargs: Any
    ) -> str | None:
        if self.config.enabled:
            self.words.update(page_words(output))
        if self.streaming:
            try:
                if self.service is None:
                    self.service = PagefindService(Path(config.site_dir))
                    self.service.start()
                self.service.add_page(page.file.dest_uri, output)
            except SearchIndexError as err:
                self._stop_service()
                raise PluginError(f"Search index ({page.file.src_uri}): {err}") from None
        return output

    def on_build_error(self, *, error: Exception, **kwargs: Any) -> None:
        self._stop_service()
        if self.writing is not None:  # another plugin's on_post_build failed meanwhile
            self.writing.wait()
            self.writing = None

    def _stop_service(self) -> None:
        if self.service is not None:
            self.service.close()
            self.service = None

    # First of every plugin's on_post_build: Pagefind writes the index on the other core while
    # the others write the feeds, the open data and sw.js (none of which reads the index).
    @event_priority(100)
    def _start_writing_index(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        self.writing = None
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
        self.writing = IndexWriting(self._write_index, site, streamed=self.service is not None)

    # Last: the build ends once the index is written and checked.
    @event_priority(-100)
    def _finish_index(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        writing, self.writing = self.writing, None
        if writing is None:
            return
        try:
            result = writing.result()
        except SearchIndexError as err:
            raise PluginError(f"Search index: {err}") from None
        self.indexed_once = True
        log.info(
            "Pagefind (%s) indexed %d pages %s in %.1f s%s",
            result.binary,
            result.page_count,
            "while rendering" if writing.streamed else "in the built site",
            result.seconds,
            f" (peak memory {result.peak_mb:.0f} MB)" if result.peak_mb else "",
        )
        # A template lost data-pagefind-body? (A --dirty build renders only some pages.)
        if not self.dirty and result.page_count != self.pages_marked:
            log.warning(
                "Pagefind indexed %d pages but %d were marked for search",
                result.page_count,
                self.pages_marked,
            )

    on_post_build = CombinedEvent(_start_writing_index, _finish_index)

    def _write_index(self, site: Path) -> IndexResult:
        """The pages fed while rendering, written out, or the whole folder if none were; then,
        but for a preview, the files a first search fetches gzipped again more tightly."""
        service, self.service = self.service, None
        if service is None:
            result = index_site(site)
        else:
            try:
                result = service.write()
            finally:
                service.close()
        words = write_words(site / OUTPUT_DIR, word_list(self.words))
        log.info(
            "Search's word list for 'Did you mean': %d words, %.1f kB gzipped",
            words.count,
            words.gzipped_bytes / 1000,
        )
        if not self.serving:
            done = recompress_first_fetched(site / OUTPUT_DIR)
            log.info(
                "Pagefind's wasm and page metadata gzipped again with Zopfli: %.1f kB → %.1f kB",
                done.bytes_before / 1000,
                done.bytes_after / 1000,
            )
        return result

    def _index_quietly(self, site: Path) -> None:
        try:
            result = index_site(site, low_priority=True, stop=self.stopping)
            log.info(
                "Search re-indexed in the background: %d pages in %.1f s",
                result.page_count,
                result.seconds,
            )
        except SearchIndexError as err:
            if not self.stopping.is_set():
                log.error("Search index: %s", err)

    # `mkdocs serve` deletes its temporary site folder after this: a re-index still writing
    # into it would make that fail ("Directory not empty"). Stop it, and wait until it has.
    # (Waiting for it to finish held Ctrl+C up for as long as Pagefind took on a busy machine.)
    def on_shutdown(self, **kwargs: Any) -> None:
        self.stopping.set()
        if self.worker is not None and self.worker.is_alive():
            self.worker.join(timeout=SHUTDOWN_WAIT)


def sections(nav: Navigation, content) -> list[tuple[str, str]]:
    """(title, address) of every section, for the search page without JavaScript: the pages at
    the top of the navigation (Get help and Make a plan among them), then the listing pages
    it leaves out (Events)."""
    found = [
        (item.title, item.url)
        for item in nav.items
        if isinstance(item, Page) and not item.is_homepage
    ]
    urls = {url for _, url in found}
    for spec in listing_pages(content.catalogue, content.today):
        url = spec.src_uri.removesuffix("index.md")
        if not spec.made_from and url not in urls:
            found.append((spec.title, url))
    return found


class IndexWriting:
    """The index being written on a thread of its own; `result` waits for it."""

    def __init__(self, write: Callable[[Path], IndexResult], site: Path, streamed: bool) -> None:
        self.streamed = streamed
        self._result: IndexResult | None = None
        self._error: SearchIndexError | None = None
        self._thread = threading.Thread(target=self._run, args=(write, site), name="index")
        self._thread.start()

    def _run(self, write: Callable[[Path], IndexResult], site: Path) -> None:
        try:
            self._result = write(site)
        except SearchIndexError as err:
            self._error = err
        except Exception as err:  # reported by result(), in the build's own thread
            self._error = SearchIndexError(f"{type(err).__name__}: {err}")

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> IndexResult:
        self.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

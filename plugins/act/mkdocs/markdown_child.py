"""Half of the item pages' Markdown converted in a forked child, on the core a build leaves idle.

MkDocs converts every page's Markdown (Page.render) before it renders any template, on one
core; nothing has been written yet, so Pagefind has nothing to read and the machine's other
core waits. Once the nav is made, a whole `mkdocs build` forks a child that converts every
second item page exactly as MkDocs would (the plugins' on_pre_page and on_page_markdown, then
Page.render) and sends back what Page.render sets. The build's process still runs every
plugin event itself; when it comes to render one of those pages, it takes the child's result
if the Markdown it holds is the Markdown the child converted (compared by digest), and
converts the page itself otherwise. Results come back through a pipe, never a file; what the
child logged while converting is logged again by the build, so `--strict` counts it. If the
child fails in any way, the build converts the page itself: the site never depends on it."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

_FORK = multiprocessing.get_context("fork")
# Seconds without a result after which the build stops waiting for the child and converts
# the rest itself (a page takes milliseconds; the site is the same either way).
GIVE_UP_AFTER = 60


@dataclass
class Converted:
    """What Page.render sets, as the child found it, and what it logged meanwhile."""

    digest: bytes  # of the Markdown converted
    content: str | None  # as Page.content: set by Page.render
    toc: TableOfContents
    title: str | None
    anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    log: list[tuple[str, int, str]]  # logger name, level, message

    def apply(self, page: Page, files) -> bool:
        """Set on `page` what Page.render would have; False if a linked file is unknown."""
        links = None
        if self.links_to_anchors is not None:
            links = {
                files.get_file_from_path(uri): found for uri, found in self.links_to_anchors.items()
            }
            if None in links:
                return False
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = self.anchor_ids
        if links is not None:
            page.links_to_anchors = links
        for name, level, message in self.log:
            logging.getLogger(name).log(level, "%s", message)
        return True


class ChildConverter:
    """One build's child: start() after the nav is made, prepare() in on_pre_page, stop()
    once every page is converted (or the build failed)."""

    def __init__(self) -> None:
        self.handed: set[str] = set()  # src_uri of the pages the child converts
        self.taken = 0  # how many of those the build used
        self._results: dict[str, Converted | None] = {}
        self._connection: Connection | None = None
        self._process: BaseProcess | None = None

    def start(self, pages: list[Page], config, files) -> None:
        chosen = pages[1::2]
        if not chosen:
            return
        receiving, sending = _FORK.Pipe(duplex=False)
        process = _FORK.Process(
            target=_convert_in_child, args=(sending, chosen, config, files), daemon=True
        )
        process.start()
        self._process = process
        sending.close()
        self._connection = receiving
        # Only now: in the child, which runs the plugins' on_pre_page, nothing is handed.
        self.handed = {page.file.src_uri for page in chosen}

    def prepare(self, page: Page) -> None:
        """Make the page's render take the child's result (an attribute of this page only)."""
        if page.file.src_uri in self.handed:
            page.render = partial(self._render, page)  # type: ignore[method-assign]

    def stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None

    def _render(self, page: Page, config, files) -> None:
        del page.render  # Page.render again, for this page's later builds
        converted = self._take(page.file.src_uri)
        same = converted is not None and converted.digest == _digest(page.markdown)
        if converted is not None and same and converted.apply(page, files):
            self.taken += 1
            return
        page.render(config, files)

    def _take(self, src_uri: str) -> Converted | None:
        while src_uri not in self._results and self._connection is not None:
            try:
                if not self._connection.poll(GIVE_UP_AFTER):
                    raise TimeoutError
                uri, converted = self._connection.recv()
            except Exception:  # the child died, is stuck or sent something unreadable
                self._connection.close()
                self._connection = None
                break
            self._results[uri] = converted
        return self._results.pop(src_uri, None)


def _digest(markdown: str | None) -> bytes:
    text = (markdown or "").encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).digest()


class _Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _convert_in_child(sending, pages: list[Page], config, files) -> None:
    # Every record reaches the root logger once, and is kept there instead of printed.
    captured = _Captured()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers, mkdocs_log.propagate = [], True
    logging.getLogger().handlers = [captured]
    try:
        for page in pages:
            captured.records = []
            sending.send((page.file.src_uri, _convert(page, config, files, captured)))
    except Exception:
        pass  # the build converts what it was not sent
    finally:
        sending.close()


def _convert(page: Page, config, files, captured: _Captured) -> Converted | None:
    """MkDocs' _populate_page for one page, without the events that follow rendering."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        Page.render(page, config, files)
    except Exception:
        return None  # the build converts it, and reports what is wrong
    finally:
        config._current_page = None
    links = page.links_to_anchors
    return Converted(
        _digest(page.markdown),
        page.content,
        page.toc,
        page._title_from_render,
        page.present_anchor_ids,
        None if links is None else {file.src_uri: found for file, found in links.items()},
        captured.records,
    )

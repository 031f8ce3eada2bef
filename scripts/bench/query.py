"""The bytes a first search query fetches, measured in Chromium against the built site served
on 127.0.0.1 (tests/support_server.py, with netlify.toml's headers)."""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bench.corpus import ROOT

QUERY = "flood"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]


@dataclass
class QueryBytes:
    """Search requests made from a fresh page load to the first results of QUERY."""

    query: str
    results_shown: int
    bytes: int  # as transferred by the local server, which does not compress
    gzip_bytes: int  # each response gzipped, as a CDN would send text (already-gzipped stays)
    requests: dict[str, int] = field(default_factory=dict)  # path -> bytes

    def as_dict(self) -> dict:
        return asdict(self)


def chromium_path() -> str | None:
    for candidate in (os.environ.get("ACT_CHROMIUM"), shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def first_query_bytes(site: Path, variant: str, query: str = QUERY) -> QueryBytes:
    """Open the search the way a reader does and record what the search fetches.

    A: /search/?q=QUERY (our Pagefind page: pagefind.js, its wasm, the entry file, filters,
    index chunks and the fragments of the results shown). B: the home page, then Material's
    search box (search_index.json and the search worker with lunr)."""
    from playwright.sync_api import sync_playwright  # a test dependency: imported when used

    sys.path.insert(0, str(ROOT / "tests"))
    from support_server import serve

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("no Chromium: install it (`make test` does) or set ACT_CHROMIUM")
    bodies: dict[str, bytes] = {}
    with (
        serve(site, ROOT / "netlify.toml") as base,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

        def record(response) -> None:
            path = urlparse(response.url).path
            if _is_search_request(path, variant):
                try:
                    bodies[path] = response.body()
                except Exception:  # a worker's response body is not always available
                    length = response.headers.get("content-length")
                    bodies[path] = b"\0" * int(length or 0)

        page.on("response", record)
        # Workers fetch through the context, not the page.
        page.context.on("response", record)
        if variant == "A":
            page.goto(base + f"search/?q={query}")
            page.wait_for_function(
                "() => /^[0-9]+ results?/.test("
                "document.querySelector('[data-act-search-status]').textContent)",
                timeout=120_000,
            )
            page.wait_for_load_state("networkidle")
            shown = page.locator("[data-act-search-results] > li").count()
        else:
            page.goto(base)
            page.fill("input.md-search__input", query)
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            page.wait_for_load_state("networkidle")
            shown = page.locator(".md-search-result__item").count()
        browser.close()
    total = sum(len(b) for b in bodies.values())
    return QueryBytes(
        query,
        shown,
        total,
        sum(_gzipped_size(b) for b in bodies.values()),
        {path: len(body) for path, body in sorted(bodies.items())},
    )


def _is_search_request(path: str, variant: str) -> bool:
    if variant == "A":
        return "/pagefind/" in path
    return path.endswith("search_index.json") or "/workers/search" in path or "lunr" in path


def _gzipped_size(body: bytes) -> int:
    if body[:2] == b"\x1f\x8b":  # Pagefind's chunks are gzipped already
        return len(body)
    return min(len(body), len(gzip.compress(body, 6)))

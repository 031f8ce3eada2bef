"""The emergency set: the pages kept on a reader's device after their first visit, and the
files those pages load.

It is declared in one place: `offline: true` in a content page's front matter, plus every Get
help page (generated from data/referrals.yml, so they have no front matter to flag), less any
sensitive page.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

GET_HELP = "get-help/"
OFFLINE_PAGE = "offline/"
MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
# What the service worker never keeps: the web editor (it saves through GitHub, and an old copy
# would edit with old code), and search, which needs the whole index (the offline page says so).
NEVER_KEPT = ("admin/", "search/", "pagefind/", WORKER)
# What a first visit may fetch in the background for the set (bytes, gzip -9): on a phone
# with little signal or data, more is a cost readers did not ask for.
BUDGET = 500_000
# How long the worker keeps a page the reader opened (outside the set) after they last opened
# it. Opened pages are grouped by the week they were opened (the only time kept: no page
# records the day or hour it was read), so one is removed within a week after that.
KEEP_OPENED_DAYS = 30
# The first characters of each file's SHA-256 that the worker compares, so a new deploy
# fetches only the files whose content changed.
HASH_LENGTH = 16


@dataclass(frozen=True)
class SavedPage:
    """A page of the emergency set: its address (relative to the site root) and its title."""

    url: str
    title: str


def in_emergency_set(url: str, meta: Mapping[str, Any]) -> bool:
    """True if the page at `url` (site-relative, "" for home) is kept offline. A sensitive
    page never is, whatever else marks it: a saved copy would show that someone read it."""
    if is_sensitive(meta):
        return False
    return meta.get("offline") is True or url.startswith(GET_HELP)


def is_sensitive(meta: Mapping[str, Any]) -> bool:
    """True for a page with an "Exit this page" button, which the worker never stores."""
    return bool(meta.get("sensitive"))


class _Assets(HTMLParser):
    """The addresses a page loads as it opens: stylesheets, icons, the manifest, scripts and
    images. Links the reader follows are not assets."""

    LINK_RELS = {"stylesheet", "icon", "manifest", "apple-touch-icon", "preload", "modulepreload"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and self.LINK_RELS & set(values.get("rel", "").lower().split()):
            self.found.append(values.get("href", ""))
        elif tag in ("script", "img", "source") and values.get("src"):
            self.found.append(values["src"])


# `mkdocs serve` writes the set's pages again on every rebuild, mostly unchanged: the same
# page read again gives the same answer without parsing it (in memory, for this process only).
@functools.lru_cache(maxsize=256)
def page_assets(html: str, page_url: str) -> frozenset[str]:
    """The site-relative paths of the files a page loads from this site. Addresses on other
    sites and data: URIs are left out (the site makes no such requests, and they are never
    cached)."""
    parser = _Assets()
    parser.feed(html)
    base = "/" + page_url
    paths = set()
    for address in parser.found:
        parts = urlsplit(urljoin(base, address))
        if parts.scheme or parts.netloc or not address:
            continue
        paths.add(parts.path.lstrip("/"))
    return frozenset(paths)


def page_file(site: Path, url: str) -> Path:
    """The built file of a page address or asset path."""
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


@dataclass(frozen=True)
class Precache:
    """What the service worker fetches when it installs, and what that weighs."""

    pages: tuple[str, ...]
    files: tuple[str, ...]
    version: str
    gzipped_bytes: int
    sizes: dict[str, int] = field(default_factory=dict, compare=False)  # gzipped, by path
    hashes: dict[str, str] = field(default_factory=dict, compare=False)  # content, by path

    @property
    def urls(self) -> list[str]:
        """Addresses relative to the service worker's folder ("./" is the home page)."""
        return [url or "./" for url in (*self.pages, *self.files)]

    @property
    def url_hashes(self) -> dict[str, str]:
        """Each address's content hash (the start of the SHA-256 of its built bytes)."""
        return {url or "./": self.hashes[url] for url in (*self.pages, *self.files)}


def precache(site: Path, pages: Iterable[str], always: Iterable[str] = ()) -> Precache:
    """The pages (with the offline page), every file they load, and `always` (the manifest and
    its icons), with a version that changes whenever any of their bytes does."""
    pages = sorted(set(pages) | {OFFLINE_PAGE})
    files: set[str] = set(always)
    for url in pages:
        files |= page_assets(page_file(site, url).read_text(encoding="utf-8"), url)
    files = {path for path in files if not path.startswith(NEVER_KEPT)}
    missing = sorted(path for path in files if not page_file(site, path).is_file())
    if missing:
        raise FileNotFoundError(
            "the emergency set's pages load files the build did not write: " + ", ".join(missing)
        )
    digest = hashlib.sha256()
    sizes, hashes = {}, {}
    for path in [*pages, *sorted(files)]:
        data = page_file(site, path).read_bytes()
        content = hashlib.sha256(data)
        digest.update(path.encode() + b"\0" + content.digest())
        sizes[path] = _gzipped_size(data)
        hashes[path] = content.hexdigest()[:HASH_LENGTH]
    return Precache(
        tuple(pages),
        tuple(sorted(files)),
        digest.hexdigest()[:12],
        sum(sizes.values()),
        sizes,
        hashes,
    )


def over_budget(site: Path, kept: Precache, budget: int = BUDGET) -> list[tuple[str, int]]:
    """The pages that take the set over `budget`, each with what it adds (its own bytes and
    those of the files it is the first to load), or [] within budget. The Get help pages and
    the offline page are counted first, as no page setting can leave them out."""
    if kept.gzipped_bytes <= budget:
        return []
    fixed = [url for url in kept.pages if url.startswith((GET_HELP, OFFLINE_PAGE))]
    counted = set(kept.files) - {f for url in kept.pages for f in _assets_of(site, url)}
    total = sum(kept.sizes[path] for path in counted)
    over = []
    for url in [*fixed, *(url for url in kept.pages if url not in fixed)]:
        added = [url, *sorted(set(_assets_of(site, url)) - counted)]
        counted.update(added)
        cost = sum(kept.sizes.get(path, 0) for path in added)
        total += cost
        if total > budget:
            over.append((url, cost))
    return over


def _assets_of(site: Path, url: str) -> frozenset[str]:
    paths = page_assets(page_file(site, url).read_text(encoding="utf-8"), url)
    return frozenset(path for path in paths if not path.startswith(NEVER_KEPT))


@functools.lru_cache(maxsize=256)
def _gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


# The offline page's groups, by where a page sits; pages elsewhere go under "Other pages".
GROUPS = (
    ("", "Start here"),
    ("plan/", "Start here"),
    (GET_HELP, "Get help"),
    ("prepare/", "Advice"),
)


def grouped(pages: Iterable[SavedPage]) -> list[tuple[str, list[SavedPage]]]:
    """The saved pages under the offline page's headings, in the order of GROUPS."""
    order = list(dict.fromkeys(heading for _, heading in GROUPS)) + ["Other pages"]
    groups: dict[str, list[SavedPage]] = {heading: [] for heading in order}
    for page in pages:
        heading = next(
            (
                name
                for prefix, name in GROUPS
                if page.url == prefix or (prefix and page.url.startswith(prefix))
            ),
            "Other pages",
        )
        groups[heading].append(page)
    return [(heading, found) for heading, found in groups.items() if found]

"""Index a built site with Pagefind: one directory-level call to the pinned binary."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import get_executable

OUTPUT_DIR = "pagefind"
# Chrome inside the indexed body that is not content.
EXCLUDE_SELECTORS = [".headerlink", ".md-source-file", ".act-no-index"]


class SearchIndexError(RuntimeError):
    """Indexing failed; the message says why and what to do."""


@dataclass(frozen=True)
class IndexResult:
    binary: str
    page_count: int
    seconds: float


def pagefind_binary() -> Path:
    binary = get_executable()
    if binary is None or not Path(binary).exists():
        raise SearchIndexError(
            "the Pagefind binary is missing: install the pinned packages with "
            "`pip install -e .` (pagefind and pagefind-bin at the same version)"
        )
    return Path(binary)


def index_site(site_dir: Path) -> IndexResult:
    """Index every page of `site_dir` that carries data-pagefind-body into site_dir/pagefind."""
    binary = pagefind_binary()
    started = time.perf_counter()
    try:
        page_count = asyncio.run(_index(site_dir.resolve()))
    except SearchIndexError:
        raise
    except Exception as err:  # the Pagefind service raises bare Exceptions
        raise SearchIndexError(f"Pagefind ({binary}) failed to index {site_dir}: {err}") from err
    return IndexResult(str(binary), page_count, time.perf_counter() - started)


async def _index(site_dir: Path) -> int:
    config = IndexConfig(
        output_path=str(site_dir / OUTPUT_DIR),
        force_language="en",
        exclude_selectors=EXCLUDE_SELECTORS,
    )
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site_dir))
    return indexed_page_count(site_dir / OUTPUT_DIR)


def indexed_page_count(bundle_dir: Path) -> int:
    """Pages in the written index. (add_directory's own count includes every HTML file read,
    even those without data-pagefind-body that Pagefind then leaves out.)"""
    entry = json.loads((bundle_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())

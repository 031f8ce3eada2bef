"""Index a built site with Pagefind: one directory-level call to the pinned binary."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

OUTPUT_DIR = "pagefind"
LANGUAGE = "en"
INDEX_TIMEOUT = 900  # seconds
# Material's chrome inside the indexed body that is not content (ours is marked in the
# templates with data-pagefind-ignore).
EXCLUDE_SELECTORS = [".headerlink", ".md-source-file"]


class SearchIndexError(RuntimeError):
    """Indexing failed; the message says why and what to do."""


@dataclass(frozen=True)
class IndexResult:
    binary: str
    page_count: int
    seconds: float
    peak_mb: float | None = None  # Pagefind's own peak memory, where it was measured


def pagefind_binary() -> Path:
    binary = get_executable()
    if binary is None or not Path(binary).exists():
        raise SearchIndexError(
            "the Pagefind binary is missing: install the pinned packages with "
            "`pip install -e .` (pagefind and pagefind-bin at the same version)"
        )
    return Path(binary)


def index_site(
    site_dir: Path, low_priority: bool = False, stop: threading.Event | None = None
) -> IndexResult:
    """Index every page of `site_dir` that carries data-pagefind-body into site_dir/pagefind.

    One run of the pinned binary over the whole folder (its parallel crawler). The binary is
    run directly rather than through the Python API, whose service merges the binary's stderr
    into the stream it parses and answers before its files are written: on a few thousand
    pages it sometimes failed with "Expecting value". `low_priority` (a background re-index
    under `mkdocs serve`) leaves the CPU to the next rebuild; setting `stop` ends the run at
    once (SearchIndexError), as when `mkdocs serve` stops."""
    binary = pagefind_binary()
    site = site_dir.resolve()
    command = [str(binary), "--site", str(site), "--output-path", str(site / OUTPUT_DIR)]
    command += ["--force-language", LANGUAGE, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    if low_priority and shutil.which("nice"):
        command = ["nice", "-n", "10", *command]
    started = time.perf_counter()
    try:
        returncode, output = _run(command, stop or threading.Event())
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"Pagefind ({binary}) failed to index {site_dir}: {err}") from err
    if returncode != 0:
        raise SearchIndexError(
            f"Pagefind ({binary}) failed to index {site_dir} (exit {returncode}): "
            + output.strip()[-2000:]
        )
    return IndexResult(
        str(binary), indexed_page_count(site / OUTPUT_DIR), time.perf_counter() - started
    )


def _run(command: list[str], stop: threading.Event) -> tuple[int, str]:
    """Run the binary until it ends, INDEX_TIMEOUT passes or `stop` is set; its exit code and
    what it printed (stderr, else stdout)."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        deadline = time.monotonic() + INDEX_TIMEOUT
        while not stop.is_set():
            try:
                out, err = process.communicate(timeout=0.2)
                return process.returncode, err or out
            except subprocess.TimeoutExpired:
                if time.monotonic() > deadline:
                    process.kill()
                    raise
        process.kill()
        raise SearchIndexError("stopped before it finished")


def indexed_page_count(bundle_dir: Path) -> int:
    """Pages in the written index. (add_directory's own count includes every HTML file read,
    even those without data-pagefind-body that Pagefind then leaves out.)"""
    entry = json.loads((bundle_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())

"""Edit-to-preview: with `mkdocs serve --livereload` (what `make serve` runs) on a corpus, the
time from saving one article to the rebuilt page being served with the change."""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.corpus import BUILD_DATE
from bench.runs import BIN, build_env

STARTUP_SECONDS = 900
EDIT_SECONDS = 300
REINDEXED = "Search re-indexed in the background"


@dataclass
class PreviewResult:
    """Seconds from save to served, per edit, and whether everything that shows the article
    caught up (its page, its listing, the home page's latest advice, search)."""

    dirty: bool
    startup_seconds: float
    edit_seconds: list[float] = field(default_factory=list)
    consistent: dict[str, bool] = field(default_factory=dict)

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.edit_seconds) if self.edit_seconds else float("nan")

    def as_dict(self) -> dict:
        return {**asdict(self), "median_seconds": round(self.median_seconds, 3)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait(check: Callable[[], bool], seconds: float, poll: float = 0.02) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if check():
            return time.perf_counter() - started
        time.sleep(poll)
    return None


def newest_article(project: Path) -> Path:
    """The article the home page lists first under "Latest advice"."""
    from act.content.checker import check_content
    from act.types.article import articles

    catalogue = check_content(project / "content", project / "data", BUILD_DATE)
    return project / "content" / articles(catalogue)[0].src_uri


def measure_preview(project: Path, dirty: bool, edits: int = 3) -> PreviewResult:
    """Start the preview server on `project`, save an article `edits` times, time each."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    if dirty:
        command.append("--dirty")
    article = newest_article(project)
    url = base + f"prepare/{article.stem}/"
    original = article.read_text(encoding="utf-8")
    log_path = project / ".bench-serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=project, env=build_env(), stdout=log, stderr=log)
    try:
        started = time.perf_counter()
        if _wait(lambda: _fetch(url) is not None, STARTUP_SECONDS, poll=0.5) is None:
            raise RuntimeError(f"preview did not start:\n{log_path.read_text()[-3000:]}")
        result = PreviewResult(dirty, time.perf_counter() - started)
        time.sleep(2)  # let the first build's Pagefind index settle
        for n in range(edits):
            marker = f"Benchmark edit {n} {time.time_ns()}."
            reindexed = log_path.read_text().count(REINDEXED)
            article.write_text(f"{original.rstrip()}\n\n{marker}\n", encoding="utf-8")
            seconds = _wait(lambda m=marker: m in (_fetch(url) or ""), EDIT_SECONDS)
            if seconds is None:
                raise RuntimeError(f"the edit was not served within {EDIT_SECONDS} s")
            result.edit_seconds.append(seconds)
            # Wait for the background search re-index, so the next edit starts from rest.
            _wait(lambda r=reindexed: log_path.read_text().count(REINDEXED) > r, EDIT_SECONDS, 0.2)
        result.consistent = _title_change_reaches_everything(article, original, base, url)
    finally:
        article.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return result


def _title_change_reaches_everything(
    article: Path, original: str, base: str, url: str
) -> dict[str, bool]:
    """Retitle the article; does the change reach every page that shows it?"""
    # Appended, so the article keeps its place in listings ordered by date, then title.
    old_title = re.search(r"^title: (.*)$", original, flags=re.M).group(1).rstrip()
    title = f"retitled {time.time_ns()}"
    quote = old_title[-1] if old_title[-1] in "'\"" else ""
    new_title = f"{old_title.removesuffix(quote) if quote else old_title} {title}{quote}"
    article.write_text(
        re.sub(r"^title: .*$", f"title: {new_title}", original, count=1, flags=re.M),
        encoding="utf-8",
    )
    checks = {
        "article page": url,
        "prepare listing": base + "prepare/",
        "home page latest advice": base,
    }
    seen = {name: _wait(lambda u=u: title in (_fetch(u) or ""), 60) for name, u in checks.items()}
    return {name: seconds is not None for name, seconds in seen.items()}

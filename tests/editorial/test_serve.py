"""`make serve`: the live preview rebuilds when content/, data/ or overrides/ change.

Runs the same `mkdocs serve --livereload` as `make serve`, on a free port of 127.0.0.1, in a
temporary copy of the fixture site, and watches the served pages change.
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from support import FIXTURE_BUILD_DATE, make_project, start_serve, stop_serve

STARTUP_SECONDS = 90
RELOAD_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_until(check: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    pytest.fail(f"{what} within {seconds} s; server log:\n{log.read_text()[-3000:]}")


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in folder.rglob("*")
    }


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# `make serve` adds --dirty: only changed pages are rebuilt, and listing pages whose items did
# not change are not rendered again; a data or template change must still reach them.
@pytest.fixture(params=[[], ["--dirty"]], ids=["whole", "dirty"])
def preview(tmp_path, request):
    """The fixture site served by `mkdocs serve --livereload` (with --dirty, as `make serve`,
    and without); stopped with Ctrl+C afterwards."""
    project = make_project("site", tmp_path / "project")
    # The act/charities plugin asks to watch data/charities; watching a missing folder stops
    # `mkdocs serve` at start-up, and the fixture site has no charity snapshot.
    (project / "data" / "charities").mkdir(exist_ok=True)
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "ACT_BUILD_DATE": FIXTURE_BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    server = start_serve(
        project, ["--livereload", *request.param, "-a", f"127.0.0.1:{port}"], log, env
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(
            lambda: server.poll() is not None or fetch(url + "prepare/") is not None,
            STARTUP_SECONDS,
            "no page served",
            log,
        )
        assert server.poll() is None, f"mkdocs serve stopped:\n{log.read_text()[-3000:]}"
        yield project, url, log
    finally:
        stop_serve(server, log)


def test_serve_rebuilds_listings_content_and_templates_without_writing_to_content(preview):
    project, url, log = preview
    watched_before = {
        folder: snapshot(project / folder) for folder in ("content", "data", "overrides")
    }
    assert "Make a plan" in fetch(url + "prepare/")

    # data/: the topic's name is shown on the generated Prepare listing.
    replace_in(project / "data" / "topics.yml", "name: Make a plan", "name: Plan ahead together")
    wait_until(
        lambda: "Plan ahead together" in (fetch(url + "prepare/") or ""),
        RELOAD_SECONDS,
        "the Prepare listing did not show the renamed topic",
        log,
    )

    # content/: an article's title, on its own page.
    article = project / "content" / "prepare" / "sandbag-basics.md"
    replace_in(article, "title: ", "title: Renamed ")
    wait_until(
        lambda: "Renamed " in (fetch(url + "prepare/sandbag-basics/") or ""),
        RELOAD_SECONDS,
        "the article did not show its new title",
        log,
    )
    # ...and on the listing that shows it.
    wait_until(
        lambda: "Renamed " in (fetch(url + "prepare/") or ""),
        RELOAD_SECONDS,
        "the Prepare listing did not show the article's new title",
        log,
    )

    # overrides/: a listing fragment.
    fragment = project / "overrides" / "fragments" / "act" / "prepare.html"
    fragment.write_text(
        fragment.read_text(encoding="utf-8") + "\n<p>Fragment edited while serving.</p>\n",
        encoding="utf-8",
    )
    wait_until(
        lambda: "Fragment edited while serving." in (fetch(url + "prepare/") or ""),
        RELOAD_SECONDS,
        "the Prepare listing did not use the edited fragment",
        log,
    )

    # Nothing the build writes lands in a watched folder (which would rebuild without an
    # edit, for ever): generated pages live in memory, and the only changes in the watched
    # folders are the three we made.
    watched_after = {
        folder: snapshot(project / folder) for folder in ("content", "data", "overrides")
    }
    changed = {
        f"{folder}/{name}"
        for folder, after in watched_after.items()
        for name in watched_before[folder].keys() | after.keys()
        if watched_before[folder].get(name) != after.get(name)
    }
    assert changed == {
        "data/topics.yml",
        "content/prepare/sandbag-basics.md",
        "overrides/fragments/act/prepare.html",
    }


def answers(url: str) -> bool:
    """True if the server answers at all within fetch's 5 s (a page, or an error page)."""
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def test_a_save_with_a_mistake_is_reported_and_the_preview_goes_on_answering(preview):
    """MkDocs' own preview waits for a good build before it answers again; ours says what is
    wrong and goes on serving the last site that built."""
    project, url, log = preview
    article = project / "content" / "prepare" / "sandbag-basics.md"
    good = article.read_text(encoding="utf-8")
    article.write_text(good + "\n\n<script>alert(1)</script>\n", encoding="utf-8")
    wait_until(
        lambda: "the HTML element <script> is not allowed" in log.read_text(),
        RELOAD_SECONDS,
        "the mistake was not reported",
        log,
    )
    wait_until(
        lambda: "The preview shows the last version that built" in log.read_text(),
        RELOAD_SECONDS,
        "the preview did not say what it shows",
        log,
    )
    assert answers(url + "prepare/"), "the preview stopped answering after the mistake"
    article.write_text(good.replace("title: ", "title: Fixed "), encoding="utf-8")
    wait_until(
        lambda: "Fixed " in (fetch(url + "prepare/sandbag-basics/") or ""),
        RELOAD_SECONDS,
        "the corrected article was not served",
        log,
    )

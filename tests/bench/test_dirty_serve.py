"""`mkdocs serve --dirty` (what `make serve` runs) rebuilds only what a save changes, yet every
page that shows the change catches up: the home page's listings, and every page after a change
to a template or to data."""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request

import pytest

from support import FIXTURE_BUILD_DATE, make_project, start_serve, stop_serve

SECONDS = 60


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def shows(url: str, text: str) -> bool:
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.2)
    return False


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def dirty_preview(tmp_path):
    project = make_project("site", tmp_path / "project")
    (project / "data" / "charities").mkdir(exist_ok=True)  # watched by act/charities
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "ACT_BUILD_DATE": FIXTURE_BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    server = start_serve(project, ["--livereload", "--dirty", "-a", f"127.0.0.1:{port}"], log, env)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert shows(url + "prepare/sandbag-basics/", "Sandbag basics"), log.read_text()[-3000:]
        yield project, url
    finally:
        stop_serve(server, log)


def test_a_save_reaches_the_page_the_home_page_and_the_listing(dirty_preview):
    project, url = dirty_preview
    home = fetch(url)
    slug = "sandbag-basics" if "Sandbag basics" in home else "keep-warm"
    article = project / "content" / "prepare" / f"{slug}.md"
    replace_in(article, "title: ", "title: Retitled ")
    assert shows(url + f"prepare/{slug}/", "Retitled ")
    assert shows(url + "prepare/", "Retitled ")
    assert shows(url, "Retitled ")  # the home page's "Latest" listing, though it did not change


def test_a_template_or_data_change_reaches_pages_that_did_not_change(dirty_preview):
    project, url = dirty_preview
    page = url + "prepare/sandbag-basics/"
    replace_in(project / "data" / "topics.yml", "name: Flooding", "name: Floods and rain")
    assert shows(page, "Floods and rain")
    partial = project / "overrides" / "partials" / "act" / "entry-footer.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "\n<p>Footer edited.</p>\n")
    assert shows(page, "Footer edited.")
    assert shows(url + "reserves/rnli-crew/", "Footer edited.")

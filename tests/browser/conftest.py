"""Browser fixtures: the fixture site served on 127.0.0.1 and a real Chromium driving it."""

from __future__ import annotations

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from browser_support import DESKTOP, Watch
from support import ROOT
from support_server import serve

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    for candidate in (
        os.environ.get("ACT_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.fail(
        "Chromium is needed for the browser tests: run `make test` (it installs it), "
        "or set ACT_CHROMIUM to a Chromium binary"
    )


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(fixture_build):
    with serve(fixture_build.site, ROOT / "netlify.toml") as url:
        yield url


@pytest.fixture
def watched(chromium, site_url):
    """A new page (desktop size) plus a Watch that records misbehaviour."""
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(site_url)
    watch.attach(page)
    yield page, watch
    context.close()

"""Browser fixtures: the fixture site served on 127.0.0.1 and a real Chromium driving it."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from browser_support import CHROMIUM_ARGS, DESKTOP, Watch, chromium_path
from support import ROOT
from support_server import serve


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

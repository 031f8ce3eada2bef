"""The Get help pages in Chromium, served with the site's real headers (CSP included):
no WCAG A/AA problems, nothing blocked or erroring, readable at phone width."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import PHONE
from charities.get_help_project import HOSTILE, build_get_help_project
from support import ROOT
from support_server import serve

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="module")
def get_help_url(tmp_path_factory):
    """A project whose Get help pages list register data and a hostile charity, served."""
    build = build_get_help_project(tmp_path_factory.mktemp("gethelp") / "project")
    assert build.returncode == 0, build.output
    with serve(build.site, ROOT / "netlify.toml") as url:
        yield url


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page, problems
    context.close()


def wcag_violations(page) -> list[str]:
    """WCAG A/AA problems in the page's content (the theme's header and footer are tested
    with the rest of the site)."""
    results = Axe().run(
        page,
        context={"include": [[".md-content"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'])})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("path", ["get-help/", "get-help/crisis/"])
def test_get_help_pages_pass_axe_at_phone_width_without_errors(phone_page, get_help_url, path):
    page, problems = phone_page
    page.goto(get_help_url + path)
    assert wcag_violations(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == [], "no console errors: the JSON-LD block is data, not blocked script"


def test_the_hostile_name_shows_as_text_and_runs_nothing(phone_page, get_help_url):
    page, problems = phone_page
    page.add_init_script("window.__alerts = 0; window.alert = () => { window.__alerts += 1; };")
    page.goto(get_help_url + "get-help/crisis/")
    assert page.get_by_role("heading", name=HOSTILE).is_visible()
    page.get_by_role("link", name=HOSTILE).hover()
    assert page.evaluate("() => window.__alerts") == 0
    assert problems == []


def test_phone_numbers_are_tel_links(phone_page, get_help_url):
    page, _ = phone_page
    page.goto(get_help_url + "get-help/crisis/")
    link = page.get_by_role("link", name="0800 000 0000")
    assert link.get_attribute("href") == "tel:08000000000"
    assert page.get_by_role("link", name="999").first.get_attribute("href") == "tel:999"

"""'Exit this page' on sensitive pages of the real edition, in Chromium with the site's headers:
the button, the Shift x3 shortcut, the history (Back does not return) and the no-JS link."""

from __future__ import annotations

import pytest

from browser_support import DESKTOP
from support import ROOT
from support_server import serve

NEUTRAL = "https://www.bbc.co.uk/weather"
SENSITIVE_PAGES = ["get-help/domestic-abuse/", "prepare/cover-your-tracks-online/"]


@pytest.fixture(scope="module")
def edition_url(edition_site):
    with serve(edition_site, ROOT / "netlify.toml") as url:
        yield url


@pytest.fixture
def browser_page(chromium):
    """A page whose trips to the neutral site are answered locally (the tests need no network)."""

    def make(javascript: bool = True):
        context = chromium.new_context(viewport=DESKTOP, java_script_enabled=javascript)
        context.route(
            "https://www.bbc.co.uk/**",
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<title>BBC Weather</title>"
            ),
        )
        contexts.append(context)
        return context.new_page()

    contexts = []
    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", SENSITIVE_PAGES)
def test_sensitive_page_has_an_exit_button_announced_as_a_button(browser_page, edition_url, path):
    page = browser_page()
    page.goto(edition_url + path)
    button = page.get_by_role("button", name="Emergency Exit this page")
    assert button.is_visible()
    assert button.get_attribute("href") == NEUTRAL


def test_exit_button_stays_on_screen_when_the_page_scrolls(browser_page, edition_url):
    page = browser_page()
    page.goto(edition_url + "get-help/domestic-abuse/")
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(200)
    box = page.get_by_role("button", name="Emergency Exit this page").bounding_box()
    assert box is not None and 0 <= box["y"] < DESKTOP["height"]


def test_pages_that_are_not_sensitive_have_no_exit_button(browser_page, edition_url):
    page = browser_page()
    page.goto(edition_url + "prepare/grab-bag/")
    assert page.locator("[data-act-exit-button]").count() == 0


def test_the_button_leaves_and_back_does_not_return(browser_page, edition_url):
    page = browser_page()
    page.goto(edition_url)
    page.goto(edition_url + "get-help/domestic-abuse/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert "domestic-abuse" not in page.url
    assert page.url.rstrip("/") == edition_url.rstrip("/")


def test_pressing_shift_three_times_leaves(browser_page, edition_url):
    page = browser_page()
    page.goto(edition_url)
    page.goto(edition_url + "prepare/cover-your-tracks-online/")
    page.keyboard.press("Shift")
    status = page.locator("#act-exit-status")
    assert "press 2 more times" in status.text_content()
    page.keyboard.press("Shift")
    assert "press 1 more time" in status.text_content()
    page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert "cover-your-tracks" not in page.url


def test_other_keys_between_shifts_start_the_count_again(browser_page, edition_url):
    page = browser_page()
    page.goto(edition_url + "get-help/domestic-abuse/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert "domestic-abuse" in page.url


def test_without_javascript_the_button_is_a_plain_link_that_leaves(browser_page, edition_url):
    page = browser_page(javascript=False)
    page.goto(edition_url + "get-help/domestic-abuse/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(NEUTRAL)
    assert page.title() == "BBC Weather"

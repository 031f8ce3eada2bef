"""Your area in Chromium: the place field finds an area from a council or town name without
sending what was typed anywhere; /areas/ works without JavaScript; a remembered area shows on
the home page and can be forgotten; a site search for a council finds its area first."""

from __future__ import annotations

import pytest

from browser_support import DESKTOP, PHONE, Watch

RESULTS = "[data-act-search-results] .act-card__title"


def wait_for_results(page, count_text: str) -> list[str]:
    page.wait_for_function(
        "t => document.querySelector('[data-act-search-status]')?.textContent.startsWith(t)",
        arg=count_text,
        timeout=90_000,  # Pagefind loads its wasm first, on a shared machine
    )
    return page.locator(RESULTS).all_inner_texts()


PLACES = [
    ("Leeds", "areas/west-yorkshire/", "West Yorkshire"),
    ("cardiff", "areas/south-wales/", "South Wales"),
    ("Glasgow", "areas/scotland/", "Scotland"),
    ("BELFAST.", "areas/northern-ireland/", "Northern Ireland"),
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(("typed", "url", "name"), PLACES)
def test_typing_a_place_reaches_its_area_and_sends_nothing_typed(
    chromium, site_url, viewport, typed, url, name
):
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    watch = Watch(site_url)
    watch.attach(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url + (request.post_data or "")))
    page.goto(site_url + "areas/", wait_until="networkidle")
    field = page.get_by_role("textbox", name="Find your area")
    field.fill(typed)
    page.get_by_role("button", name="Go").click()
    page.wait_for_url(site_url + url)
    assert page.locator("h1").inner_text() == name
    words = typed.strip(".").lower()
    assert [r for r in requests if words in r.lower() and not r.endswith(f"/{url}")] == []
    assert not any("?" in r and "place" in r for r in requests)
    assert watch.console_errors == [] and watch.foreign_requests == []
    context.close()


def test_the_matches_are_links_the_keyboard_reaches(watched, site_url):
    page, _ = watched
    page.goto(site_url + "areas/", wait_until="networkidle")
    page.get_by_role("textbox", name="Find your area").press_sequentially("Ca")
    status = page.locator("[data-act-area-status]")
    status.filter(has_text="match").wait_for()
    matches = page.locator("[data-act-area-matches] a")
    assert matches.all_inner_texts() == ["Calderdale: West Yorkshire", "Cardiff: South Wales"]
    page.keyboard.press("Tab")  # the Go button
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Calderdale: West Yorkshire"
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "areas/west-yorkshire/")


def test_without_javascript_the_index_is_a_plain_list_of_links(chromium, site_url):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "areas/")
    assert not page.get_by_role("textbox", name="Find your area").is_visible()
    page.get_by_role("link", name="South Wales", exact=True).click()
    page.wait_for_url(site_url + "areas/south-wales/")
    assert not page.get_by_role("button", name="Make this my area").is_visible()
    context.close()


def test_a_remembered_area_shows_first_on_the_home_page_and_can_be_forgotten(watched, site_url):
    page, watch = watched
    page.goto(site_url, wait_until="networkidle")
    mine = page.locator(".act-home [data-act-area-mine]")
    assert not mine.is_visible()
    page.goto(site_url + "areas/northern-ireland/", wait_until="networkidle")
    page.get_by_role("button", name="Make this my area").click()
    assert page.get_by_text("This is your area").is_visible()
    page.goto(site_url, wait_until="networkidle")
    assert mine.is_visible()
    assert mine.inner_text().startswith("Your area: Northern Ireland")
    # First on the page: before the emergency numbers.
    assert page.evaluate(
        """() => {
          const mine = document.querySelector('.act-home [data-act-area-mine]');
          const numbers = document.querySelector('.act-numbers');
          return !!(mine.compareDocumentPosition(numbers) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    mine.get_by_role("link", name="Northern Ireland").click()
    page.wait_for_url(site_url + "areas/northern-ireland/")
    page.go_back()
    page.get_by_role("button", name="Forget").click()
    assert not mine.is_visible()
    assert page.evaluate("localStorage.getItem('act-area')") is None
    page.reload()
    assert not mine.is_visible()
    assert watch.console_errors == [] and watch.foreign_requests == []


def test_a_search_for_a_council_finds_its_area_first(watched, site_url):
    page, _ = watched
    # The fixture's hack weekend happens in Leeds too: the area must still come first.
    page.goto(site_url + "search/?q=Leeds")
    results = wait_for_results(page, "2 results")
    assert results == ["West Yorkshire", "Fixture hack weekend"]

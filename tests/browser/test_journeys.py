"""Top tasks as tests: five things people come for, each done on a phone (390 px) from the
home page in at most two taps or one search. A tap is a click on a link or a button; typing
into a field and choosing from a list are not counted."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from browser_support import PHONE


@pytest.fixture
def phone(chromium, site_url):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def on_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def tap_task(page, name: str) -> None:
    """Tap a top task and wait for its page to load (its scripts run), as a person would see
    it before tapping again; a page served through the service worker can take longer."""
    with page.expect_navigation():
        page.locator(".act-tasks").get_by_role("link", name=name, exact=True).click()


def test_the_emergency_numbers_come_first_and_can_be_called(phone):
    numbers = phone.locator(".act-numbers")
    assert on_first_screen(numbers.get_by_role("link", name="999", exact=True))
    hrefs = numbers.locator("a[href^='tel:']").evaluate_all("links => links.map(a => a.href)")
    assert hrefs == [
        "tel:999",
        "tel:112",
        "tel:101",
        "tel:111",
        "tel:105",
        "tel:03457643643",
        "tel:0800111999",
        "tel:0800002001",
        "tel:03459881188",
        "tel:03002000100",
    ]
    # The numbers come before everything else in the page's content.
    first = phone.evaluate("document.querySelector('#main-content h2').id")
    assert first == "act-numbers-title"


def test_what_to_do_in_a_flood_in_one_search(phone, site_url):
    box = phone.locator("#act-search-box-input")
    box.fill("flood")
    box.press("Enter")
    phone.wait_for_url("**/search/?q=flood")
    first = phone.locator(".act-search__results .act-card__title").first
    first.wait_for()
    assert first.inner_text() == "Sandbag basics"
    assert on_first_screen(first), "the first result is on the first screen"
    first.click()
    assert phone.locator("h1").inner_text() == "Sandbag basics"


def test_a_role_for_a_16_year_old_in_yorkshire_or_a_way_to_widen(phone):
    tap_task(phone, "Volunteer")  # tap 1
    count = phone.locator("#act-finder-count")
    assert on_first_screen(count)
    assert on_first_screen(phone.locator(".act-list--opportunity .act-card__title").first)
    phone.get_by_role("button", name="Filter results").click()  # tap 2
    phone.select_option("#act-filter-region", "yorkshire-and-the-humber")
    phone.fill("#act-filter-age", "16")
    assert count.inner_text() == "0 opportunities"
    # None open to a 16-year-old in the fixture: the page says what to widen, with links
    # that do it, each saying how many it finds.
    widen = phone.locator("[data-act-finder-widen]")
    assert widen.is_visible()
    links = widen.locator("[data-act-finder-widen-list] a")
    assert links.count() >= 1
    label = links.first.inner_text()
    expected = int(label.rsplit("(", 1)[1].split()[0])
    with phone.expect_navigation():
        links.first.click()
    expect(count).to_have_text(f"{expected} opportunit{'y' if expected == 1 else 'ies'}")
    visible = phone.locator(".act-list--opportunity > .act-card:visible")
    assert visible.count() == expected
    assert widen.is_hidden()
    assert widen.locator("a[href$='reserves/']").count() == 1  # cadet schemes take younger people


def test_how_to_become_a_special_constable_in_two_taps(phone):
    tap_task(phone, "Join a reserve")
    phone.locator("table.act-compare").get_by_role("link", name="Special constable").click()
    assert phone.locator("h1").inner_text() == "Special constable"
    assert phone.get_by_role("link", name="How to apply").is_visible()
    crumbs = phone.locator(".act-breadcrumbs li").all_inner_texts()
    assert crumbs == ["Home", "Join a reserve", "Special constable"]


def test_help_with_domestic_abuse_in_two_taps(phone):
    tap_task(phone, "Get help")
    phone.locator("#main-content").get_by_role("link", name="Domestic abuse").first.click()
    assert "Domestic abuse" in phone.locator("h1").inner_text()
    helpline = phone.locator("#main-content a[href^='tel:']").first
    assert helpline.is_visible()


def test_start_a_plan_in_one_tap_with_the_first_field_on_the_first_screen(phone, site_url):
    tap_task(phone, "Make a plan")
    first = phone.locator("#act-plan-people-1-name")
    assert on_first_screen(first), "the plan's first field is on the first screen"
    first.fill("Sam")
    assert phone.locator("[data-plan-card=people]").inner_text().startswith("Sam")
    assert parse_qs(urlparse(phone.url).query) == {}

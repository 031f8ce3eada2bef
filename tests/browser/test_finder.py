"""The opportunity finder and the reserves table, driven in Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from support import ROOT
from support_server import serve


def visible_titles(page) -> list[str]:
    return page.locator(
        ".act-list--opportunity > .act-card:visible .act-card__title"
    ).all_inner_texts()


def test_filters_narrow_the_list_update_count_and_url_and_survive_reload(watched, site_url):
    page, watch = watched
    page.goto(site_url + "volunteer/")
    assert visible_titles(page) == ["Listening volunteer", "Community first responder"]
    page.select_option("#act-filter-region", "south-west")
    assert visible_titles(page) == ["Listening volunteer", "Community first responder"]
    page.select_option("#act-filter-region", "london")
    assert visible_titles(page) == ["Listening volunteer"]
    assert page.locator("#act-finder-count").inner_text() == "1 opportunity"
    page.select_option("#act-filter-region", "")
    page.check("#act-filter-remote")
    page.fill("#act-filter-age", "17")
    assert visible_titles(page) == []
    assert page.locator("#act-finder-count").inner_text() == "0 opportunities"
    page.fill("#act-filter-age", "30")
    assert visible_titles(page) == ["Listening volunteer"]
    assert parse_qs(urlparse(page.url).query) == {"age": ["30"], "remote": ["yes"]}
    page.reload()
    assert page.locator("#act-filter-remote").is_checked()
    assert page.input_value("#act-filter-age") == "30"
    assert visible_titles(page) == ["Listening volunteer"]
    assert watch.console_errors == [] and watch.foreign_requests == []


def test_a_shared_filtered_address_opens_filtered(watched, site_url):
    page, _ = watched
    page.goto(site_url + "volunteer/?category=first-aid-and-health&commitment=on-call")
    assert page.input_value("#act-filter-category") == "first-aid-and-health"
    assert visible_titles(page) == ["Community first responder"]
    page.click("text=Clear filters")
    # The finder applies a reset after the form has reset its fields (a task later, as the
    # reset event fires first): wait for it rather than read the list at once.
    expect(page.locator(".act-list--opportunity > .act-card:visible")).to_have_count(2)
    assert urlparse(page.url).query == ""


def test_without_javascript_the_full_list_shows_and_the_form_stays_hidden(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "volunteer/")
    assert page.locator("form[data-act-finder]").is_hidden()
    assert page.locator(".act-list--opportunity > .act-card").count() == 2
    context.close()


def test_reserves_table_sorts_by_a_column_with_the_keyboard(watched, site_url):
    page, watch = watched
    page.goto(site_url + "reserves/")
    rows = page.locator("table.act-compare tbody th[scope=row]")
    assert rows.all_inner_texts() == ["RNLI crew", "Special constable"]
    button = page.get_by_role("button", name="Minimum age")
    button.focus()
    page.keyboard.press("Enter")
    header = page.locator("th", has=button)
    assert header.get_attribute("aria-sort") == "ascending"
    assert rows.all_inner_texts() == ["RNLI crew", "Special constable"]
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert rows.all_inner_texts() == ["Special constable", "RNLI crew"]
    assert watch.console_errors == []


@pytest.fixture(scope="module")
def edition_url(edition_site):
    with serve(edition_site, ROOT / "netlify.toml") as url:
        yield url


def test_youth_schemes_are_offered_only_to_the_ages_they_take(chromium, edition_url):
    """On the real edition: at 45 no scheme for under-18s is offered as a role to join; adult
    roles with cadets still are, and say they are for adults."""
    context = chromium.new_context()
    page = context.new_page()
    page.goto(edition_url + "volunteer/")
    youth = page.locator(".act-card[data-category='for-young-people']")
    assert youth.count() >= 6  # cadets, youth volunteers, Explorer Scouts
    assert "For young people, ages 10 to 17" in youth.filter(has_text="Sea cadet").inner_text()
    page.fill("#act-filter-age", "45")
    titles = visible_titles(page)
    assert not [t for t in titles if "cadet" in t.lower() and "leader" not in t.lower()]
    assert page.locator(".act-card[data-category='for-young-people']:visible").count() == 0
    assert "Volunteer Police Cadets leader" in titles
    leader = page.locator(".act-card", has_text="Volunteer Police Cadets leader")
    assert "Adult role: working with young people" in leader.inner_text()
    page.fill("#act-filter-age", "14")
    titles = visible_titles(page)
    assert "Sea cadet" in titles and "NHS Cadet" in titles
    assert "Volunteer Police Cadets leader" not in titles
    page.fill("#act-filter-age", "17")
    assert "Sea cadet" in visible_titles(page)
    page.fill("#act-filter-age", "18")
    assert "Sea cadet" not in visible_titles(page)
    context.close()


def test_a_role_whose_source_states_no_age_says_so_and_is_offered_at_every_age(
    chromium, edition_url
):
    """North West Ambulance Service's pages give no minimum age for its community first
    responders: the card says "Age not stated" (not an 18 nobody stated), the role page says to
    ask, and the finder leaves it in at any age typed."""
    context = chromium.new_context()
    page = context.new_page()
    page.goto(edition_url + "volunteer/")
    title = "Community first responder in the North West"
    card = page.locator(".act-card", has_text=title)
    assert card.get_attribute("data-min-age") is None
    assert "Age not stated" in card.inner_text()
    for age in ["12", "18", "70"]:
        page.fill("#act-filter-age", age)
        assert title in visible_titles(page)
    card.get_by_role("link", name=title).click()
    facts = page.locator(".act-facts")
    assert "Minimum age\nNot stated: ask them" in facts.inner_text()
    context.close()


def test_a_youth_role_is_offered_up_to_its_maximum_age_and_not_beyond(chromium, edition_url):
    """On the real edition, each youth role's maximum_age (the oldest age its source states):
    Sea Cadets take 10 to 17, NHS Cadets and Volunteer Police Cadets (a reserve guide listed in
    the finder) 14 and 13 to 18."""
    context = chromium.new_context()
    page = context.new_page()
    page.goto(edition_url + "volunteer/")
    sea = page.locator(".act-card", has_text="Sea cadet")
    assert (sea.get_attribute("data-min-age"), sea.get_attribute("data-max-age")) == ("10", "17")
    shown = {
        "10": {"Sea cadet"},
        "17": {"Sea cadet", "NHS Cadet", "Volunteer police cadets"},
        "18": {"NHS Cadet", "Volunteer police cadets"},
        "19": set(),
        "40": set(),
    }
    for age, expected in shown.items():
        page.fill("#act-filter-age", age)
        titles = set(visible_titles(page))
        assert titles & {"Sea cadet", "NHS Cadet", "Volunteer police cadets"} == expected, age
    # Past every youth role's maximum, none is offered.
    assert page.locator(".act-card[data-category='for-young-people']:visible").count() == 0
    context.close()

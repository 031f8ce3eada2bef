"""The opportunity finder and the reserves table, driven in Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect


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

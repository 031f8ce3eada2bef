"""Search in Chromium: the header box, the search page, filters and the URL state."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from support import ROOT, make_project, run_build
from support_server import serve

RESULTS = "[data-act-search-results] .act-card__title"


def wait_for_results(page, count_text: str) -> list[str]:
    page.wait_for_function(
        # `?.`: after Enter in the header box the old page is still there for a moment, and a
        # predicate that throws ends the wait instead of polling until the search page loads.
        "t => document.querySelector('[data-act-search-status]')?.textContent.startsWith(t)",
        arg=count_text,
        timeout=90_000,  # generous: CI machines are shared and Pagefind loads its wasm first
    )
    return page.locator(RESULTS).all_inner_texts()


def results_list_hidden(page) -> bool:
    return page.evaluate("document.querySelector('[data-act-search-results]').hidden")


def test_a_word_from_one_article_finds_that_article_first(watched, site_url):
    page, watch = watched
    page.goto(site_url + "search/")
    page.fill("#act-search-input", "sandbags")
    assert wait_for_results(page, "1 result for “sandbags”") == ["Sandbag basics"]
    assert parse_qs(urlparse(page.url).query) == {"q": ["sandbags"]}
    assert watch.console_errors == [] and watch.foreign_requests == []


def test_choosing_type_opportunity_narrows_results_and_the_url_restores_them(watched, site_url):
    page, watch = watched
    page.goto(site_url + "search/?q=volunteer")
    everything = wait_for_results(page, "4 results")
    assert sorted(everything) == [
        "Beta Finder",
        "Listening volunteer",
        "Programmes",
        "Special constable",
    ]
    page.get_by_text("Filter results").click()  # the filters fold into one disclosure
    volunteering = page.locator("label[for^=act-filter-type]", has_text="Volunteering")
    assert volunteering.inner_text() == "Volunteering (1)"  # counted for this query
    page.check("input[name=type][value=opportunity]")
    titles = wait_for_results(page, "1 result")
    assert titles == ["Listening volunteer"]
    query = parse_qs(urlparse(page.url).query)
    assert query == {"q": ["volunteer"], "type": ["opportunity"]}
    page.goto(site_url + "search/?q=volunteer&type=opportunity")
    assert wait_for_results(page, "1 result") == titles
    assert page.is_checked("input[name=type][value=opportunity]")
    assert page.input_value("#act-search-input") == "volunteer"
    assert watch.console_errors == [] and watch.foreign_requests == []


def test_a_closed_opportunity_cannot_be_found(watched, site_url):
    page, _ = watched
    page.goto(site_url + "search/?q=winter")
    assert wait_for_results(page, "0 results") == []
    assert results_list_hidden(page)  # no empty list is announced
    page.fill("#act-search-input", "sandbags")
    assert wait_for_results(page, "1 result") == ["Sandbag basics"]
    assert not results_list_hidden(page)


def test_slash_opens_the_header_search_and_the_keyboard_does_the_rest(watched, site_url):
    page, watch = watched
    page.goto(site_url + "prepare/keep-warm/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "act-search-box-input"
    page.keyboard.type("sandbags")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=sandbags")
    assert wait_for_results(page, "1 result") == ["Sandbag basics"]
    page.keyboard.press("Tab")  # from the page into the filters, all reachable by keyboard
    assert watch.console_errors == [] and watch.foreign_requests == []


def test_search_works_after_going_to_another_section(watched, site_url):
    page, watch = watched
    page.goto(site_url + "about/")
    page.click(".md-tabs__link[href$='volunteer/']")
    page.wait_for_url("**/volunteer/")
    page.goto(site_url + "search/?type=reserve")
    assert sorted(wait_for_results(page, "2 results")) == ["RNLI crew", "Special constable"]
    assert watch.console_errors == []


def test_at_phone_width_the_header_search_is_usable(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "prepare/keep-warm/")
    box = page.locator("#act-search-box-input")
    assert box.is_visible()
    assert box.bounding_box()["width"] >= 80
    box.fill("sandbags")
    box.press("Enter")
    assert wait_for_results(page, "1 result") == ["Sandbag basics"]
    context.close()


def test_without_javascript_the_search_page_says_so_and_links_to_listings(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/?q=flood")
    notice = page.locator("[data-act-search-nojs]")
    assert notice.is_visible()
    assert "Search needs JavaScript" in notice.inner_text()
    assert page.locator("[data-act-search-nojs] a[href$='volunteer/']").count() == 1
    assert results_list_hidden(page)
    page.fill("#act-search-input", "sandbags")
    page.click(".act-search__form button[type=submit]")  # without JavaScript, the form is sent
    page.wait_for_url("**/search/?q=sandbags")
    context.close()


def test_results_come_five_then_five_more_near_the_end_then_ten_with_a_button(watched, site_url):
    page, watch = watched
    fragments: list[str] = []
    page.on("request", lambda r: "/pagefind/fragment/" in r.url and fragments.append(r.url))
    page.goto(site_url + "search/?q=help")
    page.wait_for_function(
        "() => document.querySelector('[data-act-search-status]').textContent.includes('results')",
        timeout=90_000,
    )
    total = int(page.locator("[data-act-search-status]").inner_text().split()[0])
    assert total > 10
    page.wait_for_load_state("networkidle")
    # A first query fetches the results in view, not ten: the button is below the fold.
    assert page.locator(RESULTS).count() == 5
    assert len(fragments) == 5
    more = page.get_by_role("button", name="Show more results")
    more.scroll_into_view_if_needed()  # scrolling near the end of the list loads five more
    page.wait_for_function(f"() => document.querySelectorAll('{RESULTS}').length === 10")
    more.focus()
    page.keyboard.press("Enter")  # then the button adds ten
    page.wait_for_function(f"() => document.querySelectorAll('{RESULTS}').length > 10")
    assert page.locator(RESULTS).count() == min(total, 20)
    titles = page.locator(RESULTS).all_inner_texts()
    assert len(fragments) == len(set(fragments)) == min(total, 20)  # none fetched twice
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == titles[10]  # keyboard users continue where the new results start
    assert more.is_hidden() == (total <= 20)
    assert watch.console_errors == []


def test_a_first_query_fetches_neither_filter_lists_nor_a_worker_until_the_pane_opens(
    watched, site_url
):
    page, watch = watched
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.context.on("request", lambda request: fetched.append(request.url))  # workers' too
    page.goto(site_url + "search/?q=volunteer")
    assert len(wait_for_results(page, "4 results")) == 4
    assert [url for url in fetched if "/pagefind/fragment/" in url]  # (it does see fetches)
    assert [url for url in fetched if "/pagefind/filter/" in url] == []
    assert [url for url in fetched if "pagefind-worker" in url] == []
    page.get_by_text("Filter results").click()
    volunteering = page.locator("label[for^=act-filter-type]", has_text="Volunteering")
    assert volunteering.inner_text() == "Volunteering (1)"  # counted for this query
    assert [url for url in fetched if "/pagefind/filter/" in url]
    page.check("input[name=type][value=opportunity]")
    assert wait_for_results(page, "1 result") == ["Listening volunteer"]
    assert watch.console_errors == []


def test_without_javascript_the_search_page_lists_every_section(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    links = page.locator("[data-act-search-nojs] li a").all()
    sections = {a.inner_text(): a.get_attribute("href") for a in links}
    context.close()
    # The top of the navigation (mkdocs.yml), then the listing pages it leaves out.
    assert sections == {
        "Prepare": "../prepare/",
        "Volunteer": "../volunteer/",
        "Join a reserve": "../reserves/",
        "Get help": "../get-help/",
        "Your area": "../areas/",
        "Make a plan": "../plan/",
        "Projects": "../projects/",
        "Programmes": "../programmes/",
        "Events": "../events/",
    }


def test_a_new_query_starts_without_the_last_ones_filter_and_a_filter_says_it_is_on(
    watched, site_url
):
    page, watch = watched
    page.goto(site_url + "search/?q=sandbags&type=article")
    assert wait_for_results(page, "1 result") == ["Sandbag basics"]
    note = page.locator("[data-act-search-filtered]")
    assert note.inner_text() == "Showing only Advice: clear filter"
    page.fill("#act-search-input", "volunteer")  # Advice would leave nothing of this one
    assert len(wait_for_results(page, "4 results")) == 4
    assert note.is_hidden()
    assert not page.is_checked("input[name=type][value=article]")
    assert parse_qs(urlparse(page.url).query) == {"q": ["volunteer"]}
    page.get_by_text("Filter results").click()
    page.check("input[name=type][value=opportunity]")  # ticked for this query: it holds
    assert wait_for_results(page, "1 result") == ["Listening volunteer"]
    assert note.inner_text() == "Showing only Volunteering: clear filter"
    page.get_by_role("button", name="clear filter").click()
    assert len(wait_for_results(page, "4 results")) == 4
    assert note.is_hidden()
    assert watch.console_errors == []


def test_a_query_that_finds_nothing_suggests_the_sites_own_word(watched, site_url):
    page, watch = watched
    page.goto(site_url + "search/?q=flod")
    assert wait_for_results(page, "0 results") == []
    suggestion = page.locator("[data-act-search-suggest]")
    assert suggestion.inner_text() == "Did you mean flood?"
    suggestion.get_by_role("link", name="flood").click()
    page.wait_for_url("**/search/?q=flood")
    # The suggestion's search finds something (how many grows with the fixture site).
    page.wait_for_function(
        "() => /^[1-9][0-9]* results?/.test("
        "document.querySelector('[data-act-search-status]')?.textContent ?? '')",
        timeout=90_000,
    )
    assert page.locator(RESULTS).all_inner_texts()
    assert suggestion.is_hidden()
    assert watch.console_errors == [] and watch.foreign_requests == []


@pytest.fixture(scope="module")
def site_with_synonyms(tmp_path_factory):
    """The fixture site with data/search-synonyms.yml (kept out of the shared fixture, whose
    data files the injection probe fills with text no synonym check would pass)."""
    project = make_project("site", tmp_path_factory.mktemp("synonyms") / "project")
    (project / "data" / "search-synonyms.yml").write_text(
        "- word: blackout\n  finds: power cut\n", encoding="utf-8"
    )
    build = run_build(project)
    assert build.returncode == 0, build.output
    with serve(build.site, ROOT / "netlify.toml") as url:
        yield url


def test_a_declared_synonym_also_shows_what_its_words_find(chromium, site_with_synonyms):
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site_with_synonyms + "search/?q=blackout")
    page.wait_for_function(  # "blackout" is on no page: every result is the synonym's
        "() => /^[1-9]\\d* results? for/.test("
        "document.querySelector('[data-act-search-status]').textContent)"
    )
    assert "Keep warm in a power cut" in page.locator(RESULTS).all_inner_texts()
    assert page.inner_text("[data-act-search-also]") == "Also showing results for “power cut”."
    page.fill("#act-search-input", "sandbags")
    assert wait_for_results(page, "1 result") == ["Sandbag basics"]
    assert page.locator("[data-act-search-also]").is_hidden()
    context.close()

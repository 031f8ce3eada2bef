"""Search on the real edition finds each nation's helplines and the roles open to under-18s."""

from __future__ import annotations

import pytest

from support import ROOT
from support_server import serve

RESULTS = "[data-act-search-results] .act-card__title"


@pytest.fixture(scope="module")
def edition_url(edition_site):
    with serve(edition_site, ROOT / "netlify.toml") as url:
        yield url


def titles_for(chromium, url: str, query: str) -> list[str]:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{url}search/?q={query}")
    page.wait_for_function(
        "() => /result/.test(document.querySelector('[data-act-search-status]').textContent)",
        timeout=90_000,
    )
    page.wait_for_timeout(300)
    more = page.get_by_role("button", name="Show more results")
    while more.count() and more.is_visible():
        more.click()
        page.wait_for_timeout(200)
    titles = page.locator(RESULTS).all_inner_texts()
    context.close()
    return titles


@pytest.mark.parametrize(
    ("query", "page_title"),
    [
        ("Live Fear Free", "Domestic abuse"),  # Wales
        ("Scotland's Domestic Abuse and Forced Marriage Helpline", "Domestic abuse"),
        ("Domestic and Sexual Abuse Helpline Nexus", "Domestic abuse"),  # Northern Ireland
        ("Men's Advice Line", "Domestic abuse"),
        ("Galop", "Domestic abuse"),
        ("Breathing Space", "Mental health crisis"),
        ("Lifeline Northern Ireland", "Mental health crisis"),
        ("Shout 85258", "Mental health crisis"),
        ("gas leak", "Gas leak"),
    ],
)
def test_search_finds_each_nations_helplines(chromium, edition_url, query, page_title):
    assert page_title in titles_for(chromium, edition_url, query)


def test_search_for_under_18_finds_the_roles_for_young_people(chromium, edition_url):
    titles = titles_for(chromium, edition_url, "under 18")
    for role in ("St John Ambulance cadet", "Sea cadet", "Police Scotland youth volunteer"):
        assert role in titles


@pytest.mark.parametrize(
    ("query", "page_title"),
    [
        ("terror", "Stay safe if there is a terror attack"),
        ("evacuation", "Shelter in place or leave your home"),
        ("water", "If your water supply stops"),
        ("wildfire", "Wildfires: prevent them and stay safe"),
        ("pandemic", "Prepare for a pandemic or outbreak of illness"),
        ("community emergency group", "Community emergency groups and plans"),
        ("fraud", "Fraud and scams"),
    ],
)
def test_search_finds_the_topics_every_peer_covers(chromium, edition_url, query, page_title):
    assert page_title in titles_for(chromium, edition_url, query)

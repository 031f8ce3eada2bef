"""Local roles and the reader's own area, in Chromium, on the real edition (its roles name
their areas): the finder starts from the remembered area and narrows to roles for that area,
its region, its nation or the whole UK; the chosen area's page is saved on the device at once
and opens without signal while it is the reader's area."""

from __future__ import annotations

import json

import pytest

from browser_support import DESKTOP, PHONE, Watch
from support import ROOT
from support_server import serve

AREA_CACHE = "act-offline-your-area"
OPENED_CACHE = "act-offline-opened-week-"


@pytest.fixture(scope="module")
def edition_url(edition_site):
    with serve(edition_site, ROOT / "netlify.toml") as url:
        yield url


def remember(context, area_id: str, name: str) -> None:
    """The area act-areas.js keeps after "Make this my area", in every page of `context`."""
    value = json.dumps({"id": area_id, "name": name})
    context.add_init_script(f"localStorage.setItem('act-area', {json.dumps(value)})")


def shown_titles(page) -> list[str]:
    return page.locator(
        ".act-list--opportunity > .act-card:not([hidden]) .act-card__title"
    ).all_inner_texts()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_finder_starts_from_the_remembered_area(chromium, edition_url, viewport):
    context = chromium.new_context(viewport=viewport)
    remember(context, "cumbria", "Cumbria")
    page = context.new_page()
    watch = Watch(edition_url)
    watch.attach(page)
    page.goto(edition_url + "volunteer/", wait_until="networkidle")
    count = page.locator("#act-finder-count")
    assert count.inner_text().endswith(" for Cumbria")
    titles = shown_titles(page)
    # The role that names the area first, as on the area's own page.
    assert titles[0] == "Mountain rescue team member in the Lake District"  # names Cumbria
    assert "Samaritans listening volunteer" in titles  # UK-wide
    assert "Telephone friendship volunteer" in titles  # England
    assert "Police support volunteer in London" not in titles  # names London
    assert "Fire Cadets volunteer leader in Leicestershire" not in titles
    assert "Community first responder in the East Midlands" not in titles  # another region
    assert "Police Scotland youth volunteer" not in titles  # another nation
    assert count.inner_text().startswith(f"{len(titles)} opportunit")
    # The address carries no filter until the reader changes one: a shared link is neutral.
    assert "?" not in page.url
    assert watch.console_errors == [] and watch.foreign_requests == []
    context.close()


def test_the_area_filter_narrows_to_the_area_its_region_nation_and_the_uk(chromium, edition_url):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = Watch(edition_url)
    watch.attach(page)
    page.goto(edition_url + "volunteer/", wait_until="networkidle")
    everything = len(shown_titles(page))
    toggle = page.locator("[data-act-finder-toggle]")
    if toggle.is_visible():  # on a phone the filters fold behind a button
        toggle.click()
    page.get_by_label("Your police force area").select_option("london")
    assert "area=london" in page.url
    titles = shown_titles(page)
    assert 0 < len(titles) < everything
    assert "Police support volunteer in London" in titles
    assert "Community first responder in London" in titles
    assert "Mountain rescue team member in the Lake District" not in titles
    page.get_by_label("Your police force area").select_option("city-of-london")
    titles = shown_titles(page)
    # The City has its own police force: the Met's volunteers are not for it; London's
    # ambulance service covers it.
    assert "Police support volunteer in London" not in titles
    assert "Community first responder in London" in titles
    # An address's own filters win over the remembered area.
    page.evaluate(
        "localStorage.setItem('act-area', JSON.stringify({id: 'cumbria', name: 'Cumbria'}))"
    )
    page.goto(edition_url + "volunteer/?area=leicestershire", wait_until="networkidle")
    titles = shown_titles(page)
    assert "Fire Cadets volunteer leader in Leicestershire" in titles
    assert "Mountain rescue team member in the Lake District" not in titles
    assert watch.console_errors == []
    context.close()


def caches_named(page) -> list[str]:
    return page.evaluate("async () => await caches.keys()")


def test_the_chosen_area_opens_without_signal(chromium, edition_url):
    context = chromium.new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    watch = Watch(edition_url)
    watch.attach(page)
    page.goto(edition_url + "areas/cumbria/")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.get_by_role("button", name="Make this my area").click()
    page.locator("[data-act-area-saved-note]").filter(
        has_text="Its page is saved on this device, so it opens without signal."
    ).wait_for()
    kept = page.evaluate(
        "async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)", AREA_CACHE
    )
    assert edition_url + "areas/cumbria/" in kept
    # Every file the page loads is on the device: in the area's cache or the emergency set's.
    missing = page.evaluate(
        """async () => {
            const urls = [...document.querySelectorAll('link[rel~="stylesheet"], script[src]')]
                .map((node) => node.href || node.src);
            const found = await Promise.all(urls.map((url) => caches.match(url)));
            return urls.filter((url, i) => !found[i]);
        }"""
    )
    assert missing == []
    # However long ago it was opened: the weekly caches of opened pages may have gone.
    page.evaluate(
        """async (prefix) => {
            for (const name of await caches.keys()) {
                if (name.startsWith(prefix)) await caches.delete(name);
            }
        }""",
        OPENED_CACHE,
    )
    context.set_offline(True)
    page.goto(edition_url + "areas/cumbria/")
    assert page.locator("h1").inner_text() == "Cumbria"
    assert page.locator(".act-saved").inner_text().startswith("You are offline.")
    # Its own stylesheet came from the device too.
    assert page.evaluate(
        "[...document.styleSheets].some((s) => (s.href || '').endsWith('act-areas.css') && s.cssRules.length)"
    )
    context.set_offline(False)
    page.goto(edition_url + "areas/cumbria/", wait_until="networkidle")
    page.get_by_role("button", name="Forget").click()
    gone = page.evaluate(
        """async (name) => {
            const end = Date.now() + 10000;
            while (Date.now() < end) {
                if (!(await caches.has(name))) return true;
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            return false;
        }""",
        AREA_CACHE,
    )
    assert gone, "forgetting the area did not remove its saved page"
    assert watch.foreign_requests == []
    context.close()

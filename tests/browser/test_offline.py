"""Works without signal, in Chromium: after a first visit the service worker keeps the
emergency set, and without a connection those pages open (the saved plan still in /plan/),
a page never saved shows the offline page, and a new build's worker replaces the old caches.

The real edition is used, not the fixture site: its emergency set (power cuts, floods...) is
what readers get. Service workers need a secure context; http://127.0.0.1 is one.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import CHROMIUM_ARGS, PHONE, Watch, chromium_path
from plan.plan_page import assert_sample_plan_shown, fill_sample_plan, stored_plan
from support import ROOT, make_project, run_build
from support_server import serve

NETLIFY_TOML = ROOT / "netlify.toml"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SET_CACHE = "act-offline-set-"
VISITED_CACHE = "act-offline-visited-"


def worker_config(site) -> dict:
    """The CONFIG the build wrote into sw.js."""
    source = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const CONFIG = (\{.*?\n\});", source, re.S).group(1))


def cache_contents(page) -> dict[str, list[str]]:
    """Every cache of this origin, by name: the URLs it holds."""
    return page.evaluate("""async () => {
        const found = {};
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            found[name] = (await cache.keys()).map((request) => request.url);
        }
        return found;
    }""")


def until_kept(page, url: str) -> None:
    """Wait until a cache holds `url`: the worker keeps a visited page just after serving it.
    (wait_for_function cannot wait on a promise, so the page polls, with a deadline.)"""
    kept = page.evaluate(
        """async (url) => {
            const deadline = Date.now() + 30000;
            while (Date.now() < deadline) {
                if (await caches.match(url)) return true;
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            return false;
        }""",
        url,
    )
    assert kept, f"{url} was never kept"


def first_visit(page, base: str) -> None:
    """Open the home page and wait until its service worker is active (installing it fetched
    the emergency set) and controls the page."""
    page.goto(base)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_function("navigator.serviceWorker.controller !== null")


@pytest.fixture(scope="module")
def edition_url(edition_site):
    with serve(edition_site, NETLIFY_TOML) as url:
        yield url


@pytest.fixture
def offline_ready(chromium, edition_url):
    """A phone-sized page that has visited the home page once, and its context."""
    context = chromium.new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    watch = Watch(edition_url)
    watch.attach(page)
    first_visit(page, edition_url)
    yield context, page, watch
    context.close()


def test_the_first_visit_keeps_the_whole_emergency_set(offline_ready, edition_site, edition_url):
    _, page, watch = offline_ready
    config = worker_config(edition_site)
    caches = cache_contents(page)
    kept = caches[SET_CACHE + config["version"]]
    expected = {edition_url + ("" if path == "./" else path) for path in config["precache"]}
    assert set(kept) == expected
    for page_url in (
        "",
        "plan/",
        "get-help/",
        "get-help/gas-emergency/",
        "prepare/power-cuts/",
        "prepare/prepare-for-flooding/",
        "prepare/during-and-after-a-flood/",
        "prepare/storms-and-high-winds/",
        "prepare/heatwave/",
        "prepare/grab-bag/",
        "offline/",
    ):
        assert edition_url + page_url in kept, page_url
    # Only this site, and never the editor, search or the worker itself.
    every_url = [url for urls in caches.values() for url in urls]
    assert all(url.startswith(edition_url) for url in every_url)
    assert not [u for u in every_url if re.search(r"/(admin|search|pagefind)/|/sw\.js$", u)]
    assert not watch.console_errors and not watch.csp_violations and not watch.foreign_requests


def test_without_signal_the_plan_get_help_and_the_advice_open(offline_ready, edition_url):
    context, page, watch = offline_ready
    page.goto(edition_url + "plan/")
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    fill_sample_plan(page)
    assert json.loads(stored_plan(page))["groups"]["people"][0]["name"] == "Sam Example"
    context.set_offline(True)

    page.goto(edition_url + "plan/")
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert_sample_plan_shown(page)
    assert "saved on this device" in page.locator(".act-saved").inner_text()

    page.goto(edition_url + "get-help/")
    assert page.locator("h1").first.inner_text() == "Get help"
    page.goto(edition_url + "get-help/gas-emergency/")
    assert page.locator("a[href='tel:0800111999']").count() >= 1
    page.goto(edition_url + "prepare/power-cuts/")
    assert "power cut" in page.locator("h1").first.inner_text().lower()
    assert page.locator("a[href='tel:105']").count() >= 1
    note = page.locator("#main-content > .act-saved")
    assert note.get_attribute("role") == "status"
    # A saved time would record when the reader last opened the page: there is none.
    assert "saved on this device" in note.inner_text()
    assert not re.search(r"\d", note.inner_text())
    # The saved pages bring their styles and scripts: the page is laid out, the menu works.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )
    assert not watch.console_errors and not watch.csp_violations


def test_a_page_never_saved_shows_the_offline_page_which_passes_axe(offline_ready, edition_url):
    context, page, _ = offline_ready
    context.set_offline(True)
    response = page.goto(edition_url + "volunteer/")
    assert response is not None and response.from_service_worker
    assert page.locator("h1").inner_text() == "You are offline"
    links = page.locator(".act-offline-list a")
    titles = links.all_inner_texts()
    assert "Cope with a power cut" in titles and "Make a plan" in titles and "Get help" in titles
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.response["violations"] == [], results.generate_report()
    # Each link on it opens without a connection.
    links.filter(has_text="Cope with a power cut").click()
    page.wait_for_url(edition_url + "prepare/power-cuts/")
    assert page.locator(".act-saved").count() == 1


def test_search_without_signal_says_it_needs_a_connection(offline_ready, edition_url):
    context, page, _ = offline_ready
    page.goto(edition_url + "search/?q=flood")  # online: search works, and is never kept
    context.set_offline(True)
    page.goto(edition_url + "search/?q=flood")
    assert page.locator("h1").inner_text() == "You are offline"
    assert page.locator("#act-offline-search").inner_text() == "Search needs a connection"


def stored_dates(page) -> list[str]:
    """Every Date header of every stored response: a stored time says when a page was read."""
    return page.evaluate("""async () => {
        const found = [];
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const response of await cache.matchAll()) {
                for (const [header, value] of response.headers) {
                    if (header === "date" || header.startsWith("x-act")) found.push(value);
                }
            }
        }
        return found;
    }""")


SENSITIVE = ["prepare/cover-your-tracks-online/", "get-help/domestic-abuse/"]


def test_visited_pages_are_kept_but_never_exit_this_page_ones_or_the_editor(
    offline_ready, edition_url
):
    context, page, _ = offline_ready
    page.goto(edition_url + "prepare/cold-weather/")
    for url in SENSITIVE:  # each has "Exit this page"
        page.goto(edition_url + url)
        assert page.locator("[data-act-exit-button]").count() == 1
    page.evaluate("async (url) => { await fetch(url); }", edition_url + "admin/")
    until_kept(page, edition_url + "prepare/cold-weather/")
    context.set_offline(True)
    page.goto(edition_url + "prepare/cold-weather/")
    assert page.locator(".act-saved").count() == 1
    for url in SENSITIVE:
        page.goto(edition_url + url)
        assert page.locator("h1").inner_text() == "You are offline"
    kept = [url for urls in cache_contents(page).values() for url in urls]
    assert edition_url + "prepare/cold-weather/" in kept
    assert not [url for url in kept if "cover-your-tracks" in url or "/admin/" in url]
    assert not [url for url in kept if "domestic-abuse" in url]
    assert stored_dates(page) == []


def test_the_site_is_installable(chromium, edition_url, tmp_path):
    # What Lighthouse's installable-manifest audit asked Chromium, asked directly: Lighthouse 12
    # dropped its PWA category. An ordinary profile, as Chromium never installs from incognito.
    context = chromium.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=chromium_path(), args=CHROMIUM_ARGS
    )
    page = context.new_page()
    first_visit(page, edition_url)
    session = context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    manifest = session.send("Page.getAppManifest")
    context.close()
    assert errors == []
    assert manifest["url"] == edition_url + "manifest.webmanifest"
    assert not manifest["errors"]
    data = json.loads(manifest["data"])
    assert data["display"] == "standalone" and data["short_name"] == "ACT"
    assert data["start_url"] == "./" and data["theme_color"] == "#1b3d6d"
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}


def test_a_new_build_replaces_the_old_worker_and_its_caches(chromium, tmp_path):
    project = make_project("site", tmp_path / "project")
    assert (first := run_build(project)).returncode == 0, first.output
    served = tmp_path / "served"
    shutil.copytree(project / "site", served)
    old = worker_config(served)["version"]
    with serve(served, NETLIFY_TOML) as base:
        context = chromium.new_context(service_workers="allow")
        page = context.new_page()
        first_visit(page, base)
        page.goto(base + "volunteer/")  # a page kept as visited
        until_kept(page, base + "volunteer/")
        assert set(cache_contents(page)) == {SET_CACHE + old, VISITED_CACHE + old}

        # A new deploy: a page of the emergency set changes, the site is built again.
        plan = project / "content" / "plan.md"
        plan.write_text(plan.read_text() + "\nA sentence added by a later build.\n")
        assert (second := run_build(project)).returncode == 0, second.output
        shutil.rmtree(served)
        shutil.copytree(project / "site", served)
        new = worker_config(served)["version"]
        assert new != old
        assert "A sentence added by a later build." in (served / "plan" / "index.html").read_text()

        # The new worker is "activated" once it has deleted the old caches.
        page.evaluate("""async () => {
            const registration = await navigator.serviceWorker.ready;
            await registration.update();
            const worker = registration.installing || registration.waiting || registration.active;
            await new Promise((resolve) => {
                if (worker.state === "activated") resolve();
                worker.addEventListener("statechange", () => {
                    if (worker.state === "activated") resolve();
                });
            });
        }""")
        assert set(cache_contents(page)) == {SET_CACHE + new}
        context.set_offline(True)
        page.goto(base + "plan/")
        assert "A sentence added by a later build." in page.content()
        context.close()

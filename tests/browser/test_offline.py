"""Works without signal, in Chromium: after a first visit the service worker keeps the
emergency set, and without a connection those pages open (the saved plan still in /plan/),
a page never saved shows the offline page, and a new deploy's worker downloads only what
changed and keeps the pages the reader opened. When the browser asks to save data, nothing is
downloaded in the background until the reader asks.

The real edition is used, not the fixture site: its emergency set (power cuts, floods...) is
what readers get. Service workers need a secure context; http://127.0.0.1 is one.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from act.offline.emergency_set import page_assets
from browser_support import CHROMIUM_ARGS, DESKTOP, PHONE, Watch, chromium_path
from plan.plan_page import assert_sample_plan_shown, fill_sample_plan, stored_plan
from support import ROOT, make_project, run_build
from support_server import serve

NETLIFY_TOML = ROOT / "netlify.toml"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SET_CACHE = "act-offline-set-"
OPENED_CACHE = "act-offline-opened-week-"
WEEK_MS = 7 * 24 * 60 * 60 * 1000
SAVED = "Saved. The emergency pages now open on this device without signal."


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


def until_set_saved(page, config: dict) -> None:
    """Wait until this build's set cache holds every file of the set (the page asks the worker
    to save it once the worker is active)."""
    saved = page.evaluate(
        """async ([name, size]) => {
            const deadline = Date.now() + 30000;
            while (Date.now() < deadline) {
                if (await caches.has(name)) {
                    const kept = await (await caches.open(name)).keys();
                    if (kept.length >= size) return true;
                }
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            return false;
        }""",
        [SET_CACHE + config["version"], len(config["precache"])],
    )
    assert saved, "the emergency set was never saved"


def first_visit(page, base: str, site=None) -> None:
    """Open the home page and wait until its service worker is active and controls the page,
    and, given the built `site`, until the emergency set is saved."""
    page.goto(base)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    if site is not None:
        until_set_saved(page, worker_config(site))


def set_paths(config: dict) -> set[str]:
    """The server paths of the set's files."""
    return {"/" + ("" if url == "./" else url) for url in config["precache"]}


def home_page_files(site) -> set[str]:
    """The server paths the home page loads by itself (its HTML and the files it links)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    return {"/"} | {"/" + path for path in page_assets(html, "")}


def save_data(context, page) -> None:
    """Chromium's own data-saver emulation (CDP Emulation.setDataSaverOverride), not a script
    pretending: navigator.connection.saveData is true and the page's requests carry
    `Save-Data: on`."""
    context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})


@pytest.fixture(scope="module")
def edition_url(edition_site):
    with serve(edition_site, NETLIFY_TOML) as url:
        yield url


@pytest.fixture
def offline_ready(chromium, edition_url, edition_site):
    """A phone-sized page that has visited the home page once, and its context."""
    context = chromium.new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    watch = Watch(edition_url)
    watch.attach(page)
    first_visit(page, edition_url, edition_site)
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


def test_a_first_visit_downloads_each_file_once_reusing_what_the_page_loaded(
    chromium, edition_site
):
    requests: list[tuple[str, int, int]] = []
    with serve(edition_site, NETLIFY_TOML, compress=True, requests=requests) as base:
        context = chromium.new_context(viewport=PHONE, service_workers="allow")
        page = context.new_page()
        first_visit(page, base, edition_site)
        # Without Save-Data nothing is offered (the box is not even built): the set is saved.
        assert page.locator("[data-act-offline-offer]").count() == 0
        context.close()
    fetched = [path for path, status, _ in requests if status == 200]
    # The page's own stylesheet, script and HTML come from the browser's HTTP cache, not twice.
    assert [path for path in set(fetched) if fetched.count(path) > 1] == []
    assert set_paths(worker_config(edition_site)) <= set(fetched)


def test_with_save_data_nothing_is_saved_in_the_background_until_the_reader_asks(
    chromium, edition_site
):
    requests: list[tuple[str, int, int]] = []
    config = worker_config(edition_site)
    own = home_page_files(edition_site)
    # The box is built by act-offline.js when it is offered: no page carries it hidden.
    pages = list(edition_site.rglob("*.html"))
    assert len(pages) > 100
    assert [
        p.relative_to(edition_site).as_posix()
        for p in pages
        if re.search("data-act-offline-offer|Use this site without signal", p.read_text("utf-8"))
    ] == []
    with serve(edition_site, NETLIFY_TOML, compress=True, requests=requests) as base:
        context = chromium.new_context(viewport=PHONE, service_workers="allow")
        page = context.new_page()
        watch = Watch(base)
        watch.attach(page)
        save_data(context, page)
        page.goto(base)
        assert page.evaluate("navigator.connection.saveData") is True
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        offer = page.locator("[data-act-offline-offer]")
        expect(offer).to_be_visible()
        assert "This downloads about" in offer.inner_text()
        # At the end of the article, named by its heading, its progress bar named the same.
        assert page.locator("#main-content > [data-act-offline-offer]:last-child").count() == 1
        expect(offer).to_have_accessible_name("Use this site without signal")
        expect(
            offer.get_by_role("heading", level=2, name="Use this site without signal")
        ).to_be_visible()
        expect(offer.locator("progress")).to_be_hidden()
        # The worker is active and has answered the page: only the worker's own script came
        # after the page's files, and nothing is saved.
        assert {path for path, _, _ in requests} - own == {"/sw.js"}
        assert cache_contents(page) == {}

        button = offer.get_by_role("button", name="Save for use without signal")
        button.focus()
        page.keyboard.press("Enter")  # usable from the keyboard
        expect(offer.locator("[role=status]")).to_have_text(SAVED)
        expect(button).to_be_hidden()
        progress = offer.locator("progress")
        expect(progress).to_have_accessible_name("Use this site without signal")
        assert progress.get_attribute("max") == str(len(config["precache"]))
        assert progress.evaluate("(bar) => bar.value === bar.max")
        kept = cache_contents(page)[SET_CACHE + config["version"]]
        assert {base + path.lstrip("/") for path in set_paths(config)} == set(kept)
        fetched = [path for path, status, _ in requests if status == 200]
        assert set_paths(config) - own <= set(fetched)
        assert [path for path in set(fetched) if fetched.count(path) > 1] == []

        page.reload()  # saved: not offered again
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        expect(offer).to_be_hidden()
        context.set_offline(True)
        page.goto(base + "prepare/power-cuts/")
        assert page.locator(".act-saved").count() == 1
        assert not watch.console_errors and not watch.csp_violations
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_save_offer_fits_the_page(chromium, edition_site, viewport):
    with serve(edition_site, NETLIFY_TOML) as base:
        context = chromium.new_context(viewport=viewport, service_workers="allow")
        page = context.new_page()
        save_data(context, page)
        page.goto(base + "prepare/power-cuts/")
        offer = page.locator("[data-act-offline-offer]")
        expect(offer).to_be_visible()
        box = offer.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        results = Axe().run(
            page,
            context={"include": [["[data-act-offline-offer]"]]},
            options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
        )
        assert results.response["violations"] == [], results.generate_report()
        context.close()


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
    message = page.locator("#act-offline-search")
    assert message.inner_text() == "Search needs a connection"
    # At the top of the first screen of a phone (390 by 844 px), not below the saved pages.
    box = message.bounding_box()
    assert page.viewport_size == PHONE
    assert box["y"] + box["height"] <= PHONE["height"] / 2
    assert page.get_by_text("This page is not saved on this device").is_hidden()


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
    # Opened pages are kept by the week they were last opened, for 30 days after that week:
    # a week that ended 35 or more days ago is removed when a page is next kept, one that ended
    # 21 to 28 days ago stays.
    week = page.evaluate(f"Math.floor(Date.now() / {WEEK_MS})")
    expired, recent = OPENED_CACHE + str(week - 6), OPENED_CACHE + str(week - 4)
    page.evaluate(
        """async (names) => {
            for (const name of names) {
                await (await caches.open(name)).put(location.origin + "/kept-" + name, new Response("x"));
            }
        }""",
        [expired, recent],
    )
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
    names = cache_contents(page)
    assert edition_url + "prepare/cold-weather/" in names[OPENED_CACHE + str(week)]
    assert recent in names and expired not in names
    # The week is the only time kept: no stored response carries a date.
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


LATER_ARTICLE = """---
title: A later article
summary: Published after the first deploy, so the home page lists it as the latest.
topics: [power-cuts]
author: {name: ACT editorial team, role: Editorial team}
reviewer: {name: Example Reviewer, role: Fixture role, reviewed: 2026-05-01}
published: 2026-05-01
review_by: 2027-05-01
sources:
  - title: Power cuts (105)
    url: https://www.powercut105.com/
---

Added by the second deploy.
"""


def test_a_new_deploy_downloads_only_what_changed_and_keeps_the_pages_opened(chromium, tmp_path):
    project = make_project("site", tmp_path / "project")
    assert (first := run_build(project)).returncode == 0, first.output
    served = tmp_path / "served"
    shutil.copytree(project / "site", served)
    old = worker_config(served)
    requests: list[tuple[str, int, int]] = []
    with serve(served, NETLIFY_TOML, requests=requests) as base:
        context = chromium.new_context(service_workers="allow")
        page = context.new_page()
        first_visit(page, base, served)
        page.goto(base + "volunteer/")  # a page the reader opened, outside the set
        until_kept(page, base + "volunteer/")

        # A second deploy: a new article, which the home page lists as the latest.
        (project / "content" / "prepare" / "a-later-article.md").write_text(LATER_ARTICLE)
        assert (second := run_build(project)).returncode == 0, second.output
        shutil.rmtree(served)
        shutil.copytree(project / "site", served)
        new = worker_config(served)
        assert new["version"] != old["version"]
        assert "A later article" in (served / "index.html").read_text()
        changed = {url for url, hash in new["hashes"].items() if old["hashes"].get(url) != hash}
        assert "./" in changed and set(new["precache"]) - changed  # some files are unchanged

        requests.clear()
        # The new worker is "activated" once it has saved the new set and tidied the old.
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
        fetched = {path for path, status, _ in requests if status == 200} - {"/sw.js"}
        assert fetched == set_paths({"precache": sorted(changed)})
        caches = cache_contents(page)
        assert SET_CACHE + old["version"] not in caches
        assert len(caches[SET_CACHE + new["version"]]) == len(new["precache"])
        opened = [name for name in caches if name.startswith(OPENED_CACHE)]
        assert [base + "volunteer/" in caches[name] for name in opened] == [True]

        context.set_offline(True)
        page.goto(base + "volunteer/")
        assert page.locator(".act-saved").count() == 1
        assert page.locator("h1").first.inner_text() != "You are offline"
        page.goto(base)
        assert "A later article" in page.content()
        context.close()


def test_without_signal_a_groups_community_plan_opens_with_its_answers(offline_ready, edition_url):
    """Never opened before, the community plan opens without signal (it is in the emergency
    set), with the answers this browser keeps for it."""
    context, page, _ = offline_ready
    saved = {
        "format": "act-community-emergency-plan",
        "version": 1,
        "fields": {"community_name": "Example Village"},
        "groups": {"log": [{"what": "Road closed at the bridge"}]},
    }
    page.evaluate("p => localStorage.setItem('act-community-plan', JSON.stringify(p))", saved)
    context.set_offline(True)

    page.goto(edition_url + "community-plan/")
    page.locator(".act-plan-page[data-plan-ready]").wait_for(state="attached")
    assert page.input_value("#act-plan-community_name") == "Example Village"
    assert page.input_value("#act-plan-log-1-what") == "Road closed at the bridge"

"""Site-wide quality gates in Chromium: accessibility (axe, WCAG 2.2 AA), privacy, the CSP,
skip link and visible focus — one page of every type, at desktop and phone widths.

A page type missing from the fixture site fails its gate: a gate that skips proves nothing.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import DESKTOP, PHONE, Watch
from site_pages import registry_pages

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGE_WEIGHT_BUDGET = 70_000  # bytes, compressed, everything the article page loads
CLS_BUDGET = 0.02  # cumulative layout shift while a page loads (web.dev: "good" is below 0.1)

# One page of every content type and every kind of listing page, read from the registries
# (site_pages.py: a new type or listing is visited as soon as it is registered), with a few
# chosen for what they hold; then the pages no registry makes. The fixture site is built
# with ACT_BUILD_DATE=2026-06-01.
CHOSEN = {
    "article": "prepare/sandbag-basics/",
    "opportunity": "volunteer/open-responder/",
    "reserve": "reserves/special-constable/",
    "topic": "topics/flooding/",
    "project": "projects/beta-finder/",
}
PAGES = {
    "home": "",
    **{name: CHOSEN.get(name, url) for name, url in registry_pages().items()},
    "closed opportunity": "volunteer/closed-winter-helper/",
    "past event": "events/fixture-past-meetup/",
    "get help": "get-help/",
    "need": "get-help/domestic-abuse/",
    "areas": "areas/",
    "area": "areas/northern-ireland/",
    "plan": "plan/",
    "community plan": "community-plan/",
    "search results": "search/?q=sandbags&type=article",
    "open data": "open-data/",
    "404": "no-such-page/",
}
AXE = Axe()


def page_exists(site: Path, url: str) -> bool:
    path = url.split("?")[0]
    return path == "no-such-page/" or (site / path / "index.html").exists()


def built_page(fixture_build, name: str) -> str:
    url = PAGES[name]
    assert page_exists(fixture_build.site, url), f"the fixture site has no {name} page at /{url}"
    return url


@pytest.fixture(params=["desktop", "phone"])
def viewport(request):
    return {"desktop": DESKTOP, "phone": PHONE}[request.param]


@pytest.mark.parametrize("name", PAGES)
def test_page_passes_axe_csp_privacy_and_has_skip_link(
    chromium, site_url, fixture_build, viewport, name
):
    url = built_page(fixture_build, name)
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    watch = Watch(site_url)
    watch.attach(page)
    page.goto(site_url + url, wait_until="networkidle")
    if name == "search results":
        page.wait_for_function(
            "document.querySelector('[data-act-search-status]').textContent.includes('result')"
        )
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    if name != "404":  # the missing page is a 404 by design: Chromium logs the status
        assert watch.console_errors == [], "console errors or CSP violations"
    assert watch.foreign_requests == [], "requests to other hosts"
    assert watch.csp_violations == []
    skip = page.locator("a.act-skip")
    assert skip.get_attribute("href").endswith("#main-content")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('act-skip')")
    assert skip.is_visible(), "the skip link shows when focused"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    context.close()


# Sums every layout shift not caused by input, from the first paint on (buffered: true).
MEASURE_LAYOUT_SHIFT = """
window.__actShift = 0;
window.__actShifts = [];
new PerformanceObserver(function (list) {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__actShift += entry.value;
    window.__actShifts.push(entry.sources.map(function (s) {
      return s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?";
    }).join(", ") + ": " + entry.value.toFixed(4));
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("name", PAGES)
def test_nothing_moves_while_the_page_loads(chromium, site_url, fixture_build, viewport, name):
    url = built_page(fixture_build, name)
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    page.add_init_script(MEASURE_LAYOUT_SHIFT)
    page.goto(site_url + url, wait_until="networkidle")
    if name == "search results":
        page.wait_for_function(
            "document.querySelector('[data-act-search-status]').textContent.includes('result')"
        )
    # Two frames after the last change, so every shift so far has been reported.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    shift = page.evaluate("window.__actShift")
    shifts = page.evaluate("window.__actShifts")
    print(f"\nCLS {name} {viewport['width']}px: {shift:.4f}")
    context.close()
    assert shift < CLS_BUDGET, f"{name}: layout shift {shift:.3f}: {shifts}"


@pytest.mark.parametrize(
    ("name", "scripts"),
    [
        ("article", []),
        ("home", []),
        ("opportunities", ["act-finder.js"]),
        ("reserves", ["act-sort.js"]),
        ("plan", ["act-plan.js"]),
        ("community plan", ["act-plan.js"]),
        ("search results", ["act-search.js"]),
    ],
)
def test_a_page_loads_only_the_scripts_it_uses(fixture_build, name, scripts):
    html = fixture_build.html(PAGES[name].split("?")[0])
    ours = ["act-finder.js", "act-sort.js", "act-plan.js", "act-search.js"]
    assert [s for s in ours if f"assets/javascripts/{s}" in html] == scripts
    assert ("assets/act-plan.css" in html) == name.endswith("plan")
    # Nothing in <head> waits for the network: the one script there is inline (the CSP allows
    # it by its hash) and first marks the page as having JavaScript.
    head = html[: html.index("</head>")]
    assert re.findall(r"<script(?![^>]*ld\+json)([^>]*)>", head) == [""]
    assert re.search(r"<script>\s*document\.documentElement\.classList\.add\(\"act-js\"\)", head)


def test_keyboard_focus_is_visible_on_links_and_buttons(watched, site_url):
    page, _ = watched
    page.goto(site_url + "volunteer/")
    for _ in range(12):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, s.outlineWidth, document.activeElement.tagName]; }""")
        assert style[0] != "none" and style[1] != "0px", style


@pytest.mark.parametrize("name", ["article", "reserve", "need", "plan"])
def test_print_hides_chrome_and_shows_link_addresses(chromium, site_url, fixture_build, name):
    url = built_page(fixture_build, name)
    page = chromium.new_page()
    page.goto(site_url + url)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".act-search-box"):
        hidden = page.evaluate(f"""() => [...document.querySelectorAll('{chrome}')]
            .every(e => getComputedStyle(e).display === 'none')""")
        assert hidden, f"{chrome} shows in print"
    shown = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href^="http"]')]
        .map(a => getComputedStyle(a, '::after').content)""")
    # The fixture's plan links to no other website; the other pages do, and must show where.
    assert shown or name == "plan"
    assert all("http" in content for content in shown)
    page.close()


def test_article_first_load_is_within_the_page_weight_budget(chromium, site_url, fixture_build):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    page.goto(site_url + PAGES["article"], wait_until="networkidle")
    total = 0
    for url in set(loaded):
        path = url.removeprefix(site_url).split("?")[0].split("#")[0]
        file = fixture_build.site / path / ("index.html" if path.endswith("/") or not path else "")
        total += len(gzip.compress(file.read_bytes(), compresslevel=9))
    context.close()
    # Material downloads sitemap.xml for each link[rel=alternate] (it takes them for languages);
    # the feed links are written so it does not (main.html). The sitemap grows with the site.
    assert not any(url.endswith("sitemap.xml") for url in loaded), loaded
    print(
        f"\nArticle page weight, first load, gzip -9: {total / 1000:.1f} kB "
        f"({len(set(loaded))} files)"
    )
    assert total < PAGE_WEIGHT_BUDGET


# A search with more results than the first screen shows (13 in the fixture site; "flood" finds
# 21 in the edition): the first five, then five more near the end, then ten more on the button.
SEARCH_WITH_MORE = "search/?q=help"


def test_nothing_moves_as_search_results_arrive_scroll_in_and_load_more(
    chromium, site_url, viewport
):
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    page.add_init_script(MEASURE_LAYOUT_SHIFT)
    page.goto(site_url + SEARCH_WITH_MORE, wait_until="networkidle")
    page.wait_for_function(
        "() => document.querySelector('[data-act-search-status]').textContent.includes('result')"
    )
    total = int(page.locator("[data-act-search-status]").inner_text().split()[0])
    assert total > 10, "the gate needs a search that loads more"
    cards = "[data-act-search-results] > li"
    after_load = page.evaluate("window.__actShift")
    page.mouse.wheel(0, 4000)  # to the end at once: the next five load with the button in view
    page.wait_for_function(f"() => document.querySelectorAll('{cards}').length === 10")
    page.wait_for_timeout(600)  # past the 500 ms after input in which shifts are not counted
    after_scroll = page.evaluate("window.__actShift")
    page.get_by_role("button", name="Show more results").click()
    page.wait_for_function(f"() => document.querySelectorAll('{cards}').length > 10")
    page.wait_for_timeout(600)
    after_more = page.evaluate("window.__actShift")
    shifts = page.evaluate("window.__actShifts")
    print(
        f"\nCLS search {viewport['width']}px: load {after_load:.4f}, "
        f"scrolled {after_scroll:.4f}, more {after_more:.4f}"
    )
    context.close()
    assert after_more < CLS_BUDGET, f"layout shift {after_more:.3f}: {shifts}"

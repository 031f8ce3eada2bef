"""Text at 200% on a phone (WCAG 1.4.4 and 1.4.10): every page type at 390 px wide with the
browser's default text size doubled, 16 px to 32 px.

That is Chromium's own text-size setting (Settings, Appearance, Font size; here through the
DevTools protocol's Page.setFontSizes), and what a phone's text-size setting becomes for a
page that sizes its text in rem and em: the root element's initial font size grows with it
(MDN, <meta name="text-scale">). Media queries in em grow with it too, so the layout sees a
narrower screen in words, as the reader does. (An injected `html { font-size: 200% }` leaves
them at 16 px, which no reader's setting does.)
"""

from __future__ import annotations

import pytest
from test_quality_gates import PAGES, built_page

from browser_support import PHONE
from support import ROOT
from support_server import serve

DOUBLED_TEXT = {"standard": 32, "fixed": 26}  # Chromium's defaults are 16 and 13

# Every element shown, in the page as laid out: those past the screen's edge or outside their
# parent's box (unless a parent scrolls or clips: a table in its scroll box), and the text whose
# colour over what is drawn behind it (the boxes at that point, not the parent's declared
# background) falls below WCAG's 4.5:1, or 3:1 for large text. Each text is scrolled to the
# middle of the screen first, so what is behind it is what is drawn there.
PROBE = """() => {
  const width = document.documentElement.clientWidth;
  const outside = [], faint = [];
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + (typeof e.className === "string" && e.className.trim()
      ? "." + e.className.trim().split(/\\s+/).slice(0, 2).join(".") : "");
  const shown = e => { const s = getComputedStyle(e);
    return s.display !== "none" && s.visibility !== "hidden" && e.getClientRects().length > 0; };
  // Off the screen by design: the closed drawer, hidden parts, a closed disclosure's content.
  const putAway = e => e.closest(
    ".md-sidebar, [hidden], details:not([open]) > :not(summary), .act-visually-hidden, [aria-hidden=true]");
  const scrolls = e => { for (let a = e; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== "visible") return true; } return false; };
  for (const e of document.body.querySelectorAll("*")) {
    if ((e instanceof SVGElement && !(e instanceof SVGSVGElement)) || !shown(e) || putAway(e)) continue;
    const parent = e.parentElement;
    const style = getComputedStyle(e);
    if (!parent || parent === document.body || style.position === "absolute" || style.position === "fixed") continue;
    const box = e.getBoundingClientRect(), outer = parent.getBoundingClientRect();
    if (!box.width || !box.height || scrolls(parent)) continue;
    const at = `[${Math.round(box.left)}, ${Math.round(box.right)}]`;
    if (box.left < -1 || box.right > width + 1) outside.push(`${name(e)} ${at} past the screen's edge`);
    else if (box.left < outer.left - 1 || box.right > outer.right + 1)
      outside.push(`${name(e)} ${at} outside ${name(parent)} [${Math.round(outer.left)}, ${Math.round(outer.right)}]`);
  }
  const rgba = c => { const v = (c.match(/[\\d.]+/g) || []).map(Number); return v.length === 3 ? v.concat(1) : v.length ? v : [0, 0, 0, 0]; };
  const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3])).concat(1);
  const luminance = c => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const done = new Set();
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const e = node.parentElement;
    if (!node.textContent.trim() || !e || done.has(e) || !shown(e) || putAway(e)) continue;
    done.add(e);
    let opacity = 1;
    for (let a = e; a; a = a.parentElement) opacity *= parseFloat(getComputedStyle(a).opacity);
    if (opacity < 0.1) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const first = () => [...range.getClientRects()].find(r => r.width > 2 && r.height > 2);
    if (!first()) continue;
    window.scrollTo(0, first().top + window.scrollY - window.innerHeight / 2);
    const r = first();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || x > width || y < 0 || y > window.innerHeight) continue;
    const layers = [];
    let picture = false;
    for (const under of document.elementsFromPoint(x, y)) {
      const s = getComputedStyle(under);
      if (s.backgroundImage !== "none") { picture = true; break; }  // not a colour to measure
      const c = rgba(s.backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    if (picture) continue;
    const background = layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
    const s = getComputedStyle(e);
    const colour = over(rgba(s.color), background);
    const [a, b] = [luminance(colour), luminance(background)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const px = parseFloat(s.fontSize), large = px >= 24 || (parseInt(s.fontWeight) >= 700 && px >= 18.66);
    if (ratio < (large ? 3 : 4.5))
      faint.push(`${name(e)} "${node.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}:1`);
  }
  window.scrollTo(0, 0);
  return { root: getComputedStyle(document.documentElement).fontSize,
           scrollWidth: document.documentElement.scrollWidth, outside, faint };
}"""


def open_with_doubled_text(chromium, url: str):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": DOUBLED_TEXT})
    page.goto(url, wait_until="networkidle")
    return context, page


@pytest.mark.parametrize("name", PAGES)
def test_at_200_percent_text_on_a_phone_nothing_scrolls_sideways_or_leaves_its_box(
    chromium, site_url, fixture_build, name
):
    url = built_page(fixture_build, name)
    context, page = open_with_doubled_text(chromium, site_url + url)
    if name == "search results":
        page.wait_for_function(
            "document.querySelector('[data-act-search-status]').textContent.includes('result')"
        )
    found = page.evaluate(PROBE)
    context.close()
    assert found["root"] == "40px", "the text is doubled (Material's root is 125%: 20 px → 40 px)"
    assert found["scrollWidth"] <= PHONE["width"], (
        f"{name} scrolls {found['scrollWidth'] - PHONE['width']} px sideways: {found['outside']}"
    )
    assert found["outside"] == [], name
    assert found["faint"] == [], name


def test_at_200_percent_text_the_header_keeps_the_site_name_and_the_search(chromium, site_url):
    context, page = open_with_doubled_text(chromium, site_url + "prepare/sandbag-basics/")
    name = page.locator(".md-header__topic").first
    assert name.inner_text().strip() == "Active Citizens Toolkit"
    box = name.bounding_box()
    words = page.evaluate(
        """e => { const r = document.createRange(); r.selectNodeContents(e);
        return r.getBoundingClientRect().width; }""",
        name.element_handle(),
    )
    assert words <= box["width"] + 1, "the whole site name shows (it wraps, it is not cut)"
    search = page.get_by_role("button", name="Search")
    assert search.is_visible()
    search.click()
    page.wait_for_url("**/search/**")
    assert page.locator("#act-search-input").is_visible()
    context.close()


# The words of each heading that the browser broke in two: a word whose text takes more than one
# line box, though it would fit on a line of its own.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const heading of document.querySelectorAll(".md-content h1, .md-content h2")) {
    const text = heading.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const room = heading.getBoundingClientRect().width;
    for (const match of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
      if (lines.size > 1 && range.getBoundingClientRect().width < room) broken.push(match[0]);
    }
  }
  return broken;
}"""


def test_at_200_percent_text_on_a_phone_headings_keep_their_words_whole(chromium, edition_site):
    """On the edition's volunteering pages, whose titles hold words like "Community" and
    "Volunteering": headings are set a size down where the screen is narrow in words, so no word
    of a title is split over two lines."""
    with serve(edition_site, ROOT / "netlify.toml") as url:
        for address in ["volunteer/", "volunteer/north-west-community-first-responder/"]:
            context, page = open_with_doubled_text(chromium, url + address)
            broken = page.evaluate(BROKEN_WORDS)
            context.close()
            assert broken == [], f"{address}: {broken}"

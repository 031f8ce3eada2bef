"""Material's navigation drawer, section tabs and configuration script are rendered once for
all the item pages that share them (act/mkdocs/shared_parts.py), and each page still gets
exactly what Material would give it: its links relative to its own folder (every link is
followed by tests/builds/test_links.py), and its own place in the nav marked."""

from __future__ import annotations

import re
from types import SimpleNamespace as Item

from act.mkdocs.shared_parts import SharedParts

DRAWER = re.compile(r'<nav class="md-nav md-nav--primary.*?</ul>\s*</nav>', re.S)
TABS = re.compile(r'<nav class="md-tabs".*?</nav>', re.S)


def page(url: str, active: bool = False) -> Item:
    return Item(url=url, is_page=True, active=active, children=None)


def nav_of(*items) -> Item:
    return Item(items=list(items))


def test_sibling_item_pages_share_a_part_and_others_render_their_own():
    volunteer, about = page("volunteer/"), page("about/")
    section = Item(url=None, is_page=False, active=False, children=[volunteer])
    parts = SharedParts(nav_of(page(""), section, about))
    calls = []

    def render(name, item):
        return parts(name, item, lambda: calls.append(item.url) or f"<{item.url}>")

    first, sibling = page("opportunities/first/"), page("opportunities/second/")
    assert render("nav", first) == render("nav", sibling) == "<opportunities/first/>"
    assert calls == ["opportunities/first/"]
    # Another part, another depth or folder, a file URL, a page in the nav: rendered anew.
    render("tabs", first)
    render("nav", page("guides/first/"))
    render("nav", page("opportunities/first/more/"))
    render("nav", page("opportunities/page.html"))
    render("nav", volunteer)
    render("nav", volunteer)
    assert calls[1:] == [
        "opportunities/first/",
        "guides/first/",
        "opportunities/first/more/",
        "opportunities/page.html",
        "volunteer/",
        "volunteer/",
    ]
    assert parts.renders == len(calls)


def test_a_page_is_not_shared_when_a_nav_link_is_inside_its_folder_or_items_are_active():
    inner = page("help/urgent/")
    parts = SharedParts(nav_of(page(""), inner))
    # help/other/ and help/urgent/ are siblings, but a link to help/urgent/ from inside
    # help/urgent/ would be "./": the folder that holds a nav link is never shared.
    assert parts.key("nav", page("help/urgent/")) is None
    assert parts.key("nav", page("")) is None  # the top folder holds every link
    plain = parts.key("nav", page("help/other/"))
    inner.active = True  # whatever marks a nav item active changes the part
    assert parts.key("nav", page("help/other/")) not in (None, plain)


def test_item_pages_in_a_folder_get_the_same_drawer_and_tabs_and_section_pages_their_own(
    edition_site,
):
    items = sorted((edition_site / "volunteer").glob("*/index.html"))
    assert len(items) >= 2
    drawers = {DRAWER.search(p.read_text(encoding="utf-8"))[0] for p in items}
    tabs = {TABS.search(p.read_text(encoding="utf-8"))[0] for p in items}
    assert len(drawers) == len(tabs) == 1
    assert "md-nav__link--active" not in drawers.pop()  # an item is not in the nav
    # A section page in the nav marks its own link, and only its own.
    html = (edition_site / "volunteer" / "index.html").read_text(encoding="utf-8")
    active = re.findall(r'href="([^"]*)" class="md-nav__link md-nav__link--active"', html)
    assert active == ["./"], active
    assert "md-tabs__item--active" in TABS.search(html)[0]

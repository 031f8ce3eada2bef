"""Make a plan prints an A4 plan and a wallet card, and works for everyone: axe, phone, keyboard."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import DESKTOP, PHONE
from plan.plan_page import SAMPLE_TEXT, fill_sample_plan, import_plan, open_plan

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SITE_CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".act-footer"]
CONTROLS = ".act-plan-page :is(a[href], button, input, textarea, select)"


@pytest.fixture
def desktop(chromium):
    context = chromium.new_context(viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context
    context.close()


def wcag_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'])})"
        for v in results.response["violations"]
    ]


def test_print_view_shows_the_answers_and_the_wallet_card_without_the_site_around_them(
    desktop, site_url
):
    page = open_plan(desktop, site_url)
    fill_sample_plan(page)
    page.emulate_media(media="print")

    for selector in SITE_CHROME + [".act-plan-tools", ".act-plan-intro", ".act-plan-more"]:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("[data-plan-add]").first.is_hidden()
    assert page.locator(".act-plan-print-heading").is_visible()
    for selector, value in SAMPLE_TEXT.items():
        assert page.locator(selector).is_visible(), selector
        assert page.input_value(selector) == value
    card = page.locator(".act-plan-card")
    assert card.is_visible()
    card_text = card.inner_text()
    for value in ("Sam Example, Ravi Example", "The bus stop outside number 12", "Central Library"):
        assert value in card_text
    assert "Jo Example: 07700 900123" in card_text
    assert "Alex Example: 01632 960123" in card_text
    assert "999 or 112" in card_text and "0345 988 1188" in card_text
    assert card.evaluate("el => getComputedStyle(el).breakBefore") == "page"
    # Two sides of a credit card (85.6 mm by 54 mm) at 96 CSS pixels to the inch.
    sides = card.locator(".act-plan-card__side")
    for box in (sides.nth(0).bounding_box(), sides.nth(1).bounding_box()):
        assert box["width"] == pytest.approx(85.6 / 25.4 * 96, abs=1)
        assert box["height"] == pytest.approx(54 / 25.4 * 96, abs=1)


def test_printing_the_wallet_card_only_leaves_out_the_plan(desktop, site_url):
    page = open_plan(desktop, site_url)
    fill_sample_plan(page)
    # The print dialog itself is the browser's: stand in for it so the test can look at the page.
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.get_by_role("button", name="Print the wallet card only").click()
    assert page.evaluate("() => window.printed") is True
    page.emulate_media(media="print")
    assert page.locator(".act-plan-card").is_visible()
    assert page.locator("#act-plan").is_hidden()
    assert "Sam Example" in page.locator(".act-plan-card").inner_text()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("#act-plan").is_visible()


def test_without_javascript_the_page_is_a_clean_blank_plan_to_print(chromium, site_url):
    context = chromium.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "plan/")
        assert page.locator(".act-plan-tools").is_hidden()
        assert page.locator("[data-plan-nojs]").is_visible()
        assert page.locator("[data-plan-add]").first.is_hidden()
        assert page.locator("[data-plan-remove]").first.is_hidden()
        assert page.locator("[data-plan-group=people] [data-plan-row]").count() == 4
        assert page.locator(".act-plan-numbers").inner_text().count("\n") >= 5
        page.emulate_media(media="print")
        assert page.locator(".md-header").is_hidden()
        assert page.locator("[data-plan-nojs]").is_hidden()
        assert page.locator("#act-plan-people-1-name").is_visible()
        assert page.locator(".act-plan-card").is_visible()
        assert page.locator("[data-plan-card=people]").inner_text() == ""
    finally:
        context.close()


def test_axe_finds_no_wcag_a_or_aa_problems_in_an_empty_plan(desktop, site_url):
    page = open_plan(desktop, site_url)
    assert wcag_violations(page) == []


def test_axe_finds_no_wcag_a_or_aa_problems_in_a_filled_plan_on_a_phone(phone, site_url):
    page = open_plan(phone, site_url)
    fill_sample_plan(page)
    import_plan(page, b"not a plan")  # shows the error message too
    assert wcag_violations(page) == []


def test_at_phone_width_nothing_overflows_and_targets_are_large(phone, site_url):
    page = open_plan(phone, site_url)
    fill_sample_plan(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector))
            .filter(el => el.getClientRects().length)
            .map(el => {
              const r = el.getBoundingClientRect();
              const boxed = el.type === 'checkbox' || el.type === 'radio';
              const target = boxed ? el.parentElement.getBoundingClientRect() : r;
              return {name: el.id || el.textContent.trim(), tag: el.tagName, left: r.left,
                      right: r.right, height: target.height, width: r.width};
            })""",
        CONTROLS,
    )
    assert len(boxes) > 60
    assert [b["name"] for b in boxes if b["left"] < 0 or b["right"] > PHONE["width"]] == []
    small = [b["name"] for b in boxes if b["tag"] != "A" and b["height"] < 44]
    assert small == []
    assert [b["name"] for b in boxes if b["tag"] == "INPUT" and b["width"] < 24] == []


def test_keyboard_alone_reaches_every_control_with_a_visible_focus(desktop, site_url):
    page = open_plan(desktop, site_url)
    count = page.evaluate(
        """selector => {
          // A group of radio buttons is one stop: Tab reaches the chosen one, arrows the rest.
          const controls = Array.from(document.querySelectorAll(selector))
            .filter(el => el.getClientRects().length && !(el.type === 'radio' && !el.checked));
          controls.forEach((el, i) => { el.dataset.kbd = String(i); });
          return controls.length;
        }""",
        CONTROLS,
    )
    reached, unseen_focus = set(), []
    page.locator("body").click(position={"x": 5, "y": 300})
    for _ in range(count + 200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el.dataset.kbd === undefined) return null;
              const style = getComputedStyle(el);
              const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
              return {kbd: el.dataset.kbd, visible, name: el.id || el.textContent.trim()};
            }"""
        )
        if focused:
            reached.add(focused["kbd"])
            if not focused["visible"]:
                unseen_focus.append(focused["name"])
        if len(reached) == count:
            break
    assert len(reached) == count
    assert unseen_focus == []


def test_rows_are_added_and_removed_by_keyboard(desktop, site_url):
    page = open_plan(desktop, site_url)
    add = page.get_by_role("button", name="Add another person")
    add.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "act-plan-people-5-name"
    page.keyboard.type("Nan Example")
    assert page.locator("label[for=act-plan-people-5-name]").inner_text() == "Name"
    page.focus("#act-plan-grab_radio")
    page.keyboard.press("Space")
    assert page.is_checked("#act-plan-grab_radio")
    page.get_by_role("button", name="Remove person 2").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.textContent") == "Add another person"
    assert page.input_value("#act-plan-people-4-name") == "Nan Example"
    assert page.locator("#act-plan-status").inner_text() == "Person 2 removed."
    legends = page.locator("[data-plan-group=people] legend").all_inner_texts()
    assert legends == ["Person 1", "Person 2", "Person 3", "Person 4"]


def printed_pages(page) -> int:
    """How many sheets of A4 the page prints on (Chromium's own PDF, as "Print" makes it)."""
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("filled", [False, True], ids=["blank", "filled"])
def test_the_plan_prints_on_two_a4_pages_and_the_card_on_a_third(chromium, site_url, filled):
    context = chromium.new_context(viewport=DESKTOP)
    page = open_plan(context, site_url)
    if filled:
        fill_sample_plan(page)
    assert printed_pages(page) == 3
    page.emulate_media(media="screen")
    page.evaluate("document.documentElement.classList.add('act-plan-print-card-only')")
    assert printed_pages(page) == 1, "the wallet card alone is one page"
    context.close()

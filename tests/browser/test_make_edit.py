"""`make edit` as a new editor uses it: write an article, an opportunity and an event in the
form, change one helpline's note in the Get help data, save each, leave the Workflow tab open,
then set each Ready and publish it. The editor's local backend saves in its own clone, so your
working tree never changes branch, and the preview moves on when something is published
without reloading the editor's page; what is published passes `act check`, and the helpline
edit changes only that helpline's lines."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import time
from datetime import date, timedelta

import pytest
import yaml
from test_editor import (
    PUBLISHED,
    REVIEW_BY,
    add_source,
    choose,
    control,
    fill_article,
    fill_opportunity,
    write_body,
)

from browser_support import DESKTOP, Watch
from editorial.edit_support import make_edit_running
from editorial.test_serve import fetch, wait_until
from support import BIN, ROOT

WATCH_SECONDS = int(
    os.environ.get("ACT_TEST_WATCH", 60)
)  # how long the Workflow tab stays open while the test watches


def git(*args: str, cwd=ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def make_edit(tmp_path):
    with make_edit_running(tmp_path) as edit:
        edit.wait_until_ready()
        yield edit.base, edit.log, edit.folder


def your_folder() -> tuple[str, str]:
    return git("symbolic-ref", "-q", "--short", "HEAD"), git(
        "status", "--porcelain", "--untracked-files=all"
    )


# The event: a month from now, in person, from the morning to the afternoon.
EVENT_DAY = date.today() + timedelta(days=30)
EVENT_START, EVENT_END = f"{EVENT_DAY}T10:00", f"{EVENT_DAY}T16:00"
# The helpline whose note is changed: the second of the first need (one line in the file).
NEED, HELPLINE = 0, 1
NEW_NOTE = "Information and help for anyone in Wales worried about drugs or alcohol."


def save_entry(page, address: str) -> None:
    """Save, and wait for Decap to open the saved entry at its own address."""
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/{address}", timeout=60_000)


def open_entry(page, base: str, collection: str, entry: str) -> None:
    """Open an entry's form by way of its collection's list, as the editor's links go."""
    page.goto(f"{base}admin/#/collections/{collection}")
    page.get_by_role("link", name="Workflow").wait_for()
    page.goto(f"{base}admin/#/collections/{collection}/{entry}")


def new_entry(page, base: str, collection: str) -> None:
    open_entry(page, base, collection, "new")
    control(page, "title").wait_for()


def write_article(page, base: str) -> None:
    new_entry(page, base, "article")
    fill_article(page)
    save_entry(page, "collections/article/entries/keep-a-torch-by-the-bed")


def write_opportunity(page, base: str) -> None:
    new_entry(page, base, "opportunity")
    fill_opportunity(page)
    save_entry(page, "collections/opportunity/entries/flood-warden-in-your-street")


def write_event(page, base: str) -> None:
    new_entry(page, base, "event")
    control(page, "title").fill("Community resilience open day")
    control(page, "summary").fill("Meet the groups that help your street get ready for floods.")
    control(page, "start").fill(EVENT_START)
    control(page, "end").fill(EVENT_END)
    choose(page, "attendance", "In person")
    control(page, "place").fill("Town hall, Keswick")
    choose(page, "regions", "North West England")
    control(page, "organiser").fill("Keswick flood action group")
    control(page, "booking_url").fill("https://www.example.org/open-day")
    control(page, "cost").fill("£5, tea and cake included")
    control(page, "price").fill("5")
    control(page, "published").fill(PUBLISHED)
    control(page, "review_by").fill(REVIEW_BY)
    add_source(page, nth_title=1, nth_url=0)  # organiser_url and booking_url are not url-
    write_body(page, "Come and meet the volunteers who keep Keswick ready for floods.")
    save_entry(page, "collections/event/entries/community-resilience-open-day")


def edit_helpline(page, base: str, need: str) -> None:
    open_entry(page, base, "referrals", "entries/referrals")
    # Needs start folded, each showing its name under a bar whose first button unfolds it;
    # its helplines then show unfolded.
    summary = page.get_by_text(need, exact=True).first
    summary.locator("xpath=preceding-sibling::div[1]//button").first.click()
    control(page, "note", HELPLINE).fill(NEW_NOTE)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved").first.wait_for(timeout=60_000)


def set_ready_and_publish(page, base: str, card: str, cards: list[str]) -> None:
    """From the Workflow tab: open the entry, set it Ready, publish it now."""
    page.goto(f"{base}admin/#/workflow")
    for waiting in cards:  # the Workflow tab has read every entry still waiting
        page.get_by_text(waiting, exact=True).first.wait_for(timeout=60_000)
    page.get_by_text(card, exact=True).first.click()
    page.get_by_role("button", name=re.compile("^Delete ")).first.wait_for(timeout=60_000)
    page.get_by_role("button", name=re.compile("^Status: ")).click()
    page.get_by_role("menuitem", name="Ready").click()
    page.get_by_role("button", name="Status: Ready").wait_for(timeout=60_000)
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_role("menuitem", name="Publish now").click()
    page.get_by_text("Entry published").first.wait_for(timeout=60_000)


def changed_lines(before: str, after: str) -> list[int]:
    """The line numbers (from 1) of `before` that a diff to `after` removes or writes over,
    and where it adds lines."""
    lines: list[int] = []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            lines.extend(range(i1 + 1, max(i2, i1 + 1) + 1))
    return lines


def helpline_lines(text: str, need: int, helpline: int) -> range:
    """The lines (from 1) of one helpline in data/referrals.yml: from its "- name:" to the
    line before the next item or field at its indentation or less."""
    lines = text.splitlines()
    needs = [n for n, line in enumerate(lines) if line.startswith("- ")]
    start_of_need = needs[need]
    end_of_need = needs[need + 1] if need + 1 < len(needs) else len(lines)
    items = [n for n in range(start_of_need, end_of_need) if lines[n].startswith("    - ")]
    first = items[helpline]
    last = first + 1
    while last < end_of_need and lines[last].startswith("      "):
        last += 1
    return range(first + 1, last + 1)


PUBLISHED_FILES = {
    "Keep a torch by the bed": "content/prepare/keep-a-torch-by-the-bed.md",
    "Flood warden in your street": "content/volunteer/flood-warden-in-your-street.md",
    "Community resilience open day": "content/events/community-resilience-open-day.md",
}


def test_a_new_editor_writes_each_kind_sets_it_ready_and_publishes_it(chromium, make_edit):
    base, log, edit = make_edit
    repo = edit / "repo"
    before = your_folder()
    start = git("rev-parse", "main", cwd=repo).strip()
    referrals_before = git("show", f"{start}:data/referrals.yml", cwd=repo)
    need = yaml.safe_load(referrals_before)[NEED]
    helpline = need["helplines"][HELPLINE]
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Publish this entry?" and the like
    watch = Watch(base)
    watch.attach(page)
    loads = []
    page.on("load", lambda _: loads.append(page.url))

    page.goto(base + "admin/")
    page.get_by_role("button", name="Login").click()
    write_article(page, base)
    write_opportunity(page, base)
    write_event(page, base)
    edit_helpline(page, base, need["name"])
    assert your_folder() == before

    # With the Workflow tab open, as an editor leaves it: nothing reloads, nothing switches.
    cards = [*PUBLISHED_FILES, "data/referrals.yml"]
    page.goto(f"{base}admin/#/workflow")
    try:
        for card in cards:
            page.get_by_text(card, exact=True).first.wait_for(timeout=90_000)
    finally:
        page.screenshot(path=str(log.parent / "workflow.png"))
    loads.clear()
    end = time.monotonic() + WATCH_SECONDS
    while time.monotonic() < end:
        assert your_folder() == before
        page.wait_for_timeout(5000)
    assert loads == [], loads

    for done, card in enumerate(cards):
        try:
            set_ready_and_publish(page, base, card, cards[done:])
        finally:
            page.screenshot(path=str(log.parent / "published.png"))
    for address in ["prepare/keep-a-torch-by-the-bed/", "events/community-resilience-open-day/"]:
        wait_until(lambda a=address: fetch(base + a) is not None, 180, f"no {address}", log)
    # The preview moved on with each publish; the editor's page was never reloaded by it.
    assert loads == [], loads
    context.close()

    # Every file is on the clone's main, each publish passed `act check`, and so does the lot.
    for path in PUBLISHED_FILES.values():
        git("cat-file", "-e", f"main:{path}", cwd=repo)
    article = git("show", f"main:{PUBLISHED_FILES['Keep a torch by the bed']}", cwd=repo)
    front = yaml.safe_load(article.split("---")[1])
    assert front["title"] == "Keep a torch by the bed" and str(front["published"]) == PUBLISHED
    event = git("show", f"main:{PUBLISHED_FILES['Community resilience open day']}", cwd=repo)
    front = yaml.safe_load(event.split("---")[1])
    assert (front["attendance"], front["place"]) == ("in-person", "Town hall, Keswick")
    assert [str(front["start"])[:16], str(front["end"])[:16]] == [EVENT_START, EVENT_END]
    # The preview follows what is published once `act check` passes on it (publishes close
    # together are checked together): it reaches the last one, and no check failed on the way.
    latest = git("rev-parse", "main", cwd=repo).strip()
    wait_until(
        lambda: git("rev-parse", "HEAD", cwd=edit / "preview").strip() == latest,
        180,
        "the preview did not reach the last publish",
        log,
    )
    assert "It passes act check" in log.read_text()
    assert "act check found problems" not in log.read_text()
    result = subprocess.run(
        [str(BIN / "act"), "check"], cwd=edit / "check", capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout

    # The helpline edit: its note changed, and no line outside that helpline.
    referrals = git("show", "main:data/referrals.yml", cwd=repo)
    assert yaml.safe_load(referrals)[NEED]["helplines"][HELPLINE] == {
        **helpline,
        "note": NEW_NOTE,
    }
    changed = changed_lines(referrals_before, referrals)
    own = helpline_lines(referrals_before, NEED, HELPLINE)
    assert changed and set(changed) <= set(own), (changed, own)
    assert git("diff", "--name-only", start, "main", cwd=repo).split() == sorted(
        [*PUBLISHED_FILES.values(), "data/referrals.yml"]
    )
    assert your_folder() == before
    # decap-server is on loopback too; nothing else is asked.
    backend = yaml.safe_load(fetch(base + "admin/config.yml"))["local_backend"]["url"]
    assert watch.csp_violations == []
    assert [url for url in watch.foreign_requests if not url.startswith(backend)] == []

"""The web editor at /admin/: what an editor writes through its forms passes `act check`.

Decap CMS runs in Chromium against its in-memory `test-repo` backend (no network, no GitHub),
with the configuration the build generates from the schemas; only the backend is swapped. The
files it would commit are read from that backend's store, written into a copy of the
publication, and checked with the real `act check`.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from act.content.checker import shown_path
from act.editor.config import cms_config, cms_config_yaml
from act.taxonomies import load_taxonomies
from browser_support import DESKTOP, Watch
from support import BIN, ROOT

TODAY = date.today()
PUBLISHED = (TODAY - timedelta(days=1)).isoformat()
REVIEW_BY = (TODAY + timedelta(days=365)).isoformat()
# Files the test-repo backend starts with: the data files an editor changes in place.
SEEDED = ["data/programmes.yml", "data/showcase.yml", "data/referrals.yml"]


def editor_config_text() -> str:
    taxonomies, _ = load_taxonomies(ROOT / "data", shown_path)
    config = cms_config(taxonomies.names(), "example/act", backend={"name": "test-repo"})
    return cms_config_yaml(config)


def seed_script() -> str:
    """window.repoFiles as the test-repo backend reads it: a tree of {content} leaves."""
    tree: dict = {}
    for path in SEEDED:
        *folders, name = path.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder, {})
        node[name] = {"content": (ROOT / path).read_text(encoding="utf-8")}
    return f"window.repoFiles = {json.dumps(tree)};"


@pytest.fixture
def editor(chromium, site_url):
    context = chromium.new_context(viewport=DESKTOP)
    context.add_init_script(seed_script())
    page = context.new_page()
    watch = Watch(site_url)
    watch.attach(page)
    config = editor_config_text()
    page.route(
        "**/admin/config.yml",
        lambda route: route.fulfill(body=config, content_type="text/yaml; charset=utf-8"),
    )
    page.goto(site_url + "admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Articles").first.wait_for()
    yield page, watch, site_url
    context.close()


def control(page, name: str, nth: int = 0):
    """The nth visible form control of the field called `name` (Decap's ids are name-field-N;
    the fields of a folded optional group, like the reviewer, are there but hidden)."""
    controls = page.locator(f'input[id^="{name}-field-"], textarea[id^="{name}-field-"]')
    return controls.filter(visible=True).nth(nth)


def choose(page, name: str, label: str, nth: int = 0) -> None:
    control(page, name, nth).fill(label)
    page.keyboard.press("Enter")


def write_body(page, text: str) -> None:
    page.locator('[data-slate-editor="true"]').last.click()
    page.keyboard.type(text)


UNPUBLISHED = "Object.keys(window.repoFilesUnpublished || {}).length"


def save(page) -> None:
    """Save a new entry: the editorial workflow keeps it as an unpublished change (a branch
    and a pull request on GitHub), which is where the test-repo backend stores it."""
    before = page.evaluate(UNPUBLISHED)
    page.get_by_role("button", name="Save").click()
    page.wait_for_function(f"{UNPUBLISHED} > {before}")


def saved_files(page) -> dict[str, str]:
    """What the editorial workflow would commit on its branch: path -> file text."""
    pairs = page.evaluate(
        "() => Object.values(window.repoFilesUnpublished)"
        ".flatMap(entry => entry.diffs.map(diff => [diff.path, diff.content]))"
    )
    return dict(pairs)


def act_check(files: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    project = tmp_path / "publication"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "data", project / "data")
    for path, text in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    env = {**os.environ, "ACT_BUILD_DATE": TODAY.isoformat()}
    return subprocess.run(
        [str(BIN / "act"), "check"], cwd=project, env=env, capture_output=True, text=True
    )


def new_entry(page, base: str, collection: str) -> None:
    page.goto(f"{base}admin/#/collections/{collection}/new")
    control(page, "title").wait_for()


def add_source(page, nth_title: int, nth_url: int) -> None:
    page.get_by_role("button", name="Add sources").click()
    control(page, "title", nth_title).fill("Prepare for emergencies (GOV.UK)")
    control(page, "url", nth_url).fill("https://prepare.campaign.gov.uk/")


def fill_article(page) -> None:
    """A new article's form, filled in as an editor would (tests/browser/test_make_edit.py too)."""
    control(page, "title").fill("Keep a torch by the bed")
    control(page, "summary").fill("Why a torch within reach matters in a power cut.")
    choose(page, "topics", "Power cuts")
    control(page, "name").fill("ACT editorial team")
    control(page, "role").fill("Editorial team")
    control(page, "published").fill(PUBLISHED)
    control(page, "review_by").fill(REVIEW_BY)
    add_source(page, nth_title=1, nth_url=1)  # author.url comes first
    write_body(page, "Keep a torch where you can reach it in the dark.")


def write_article(page, base: str) -> None:
    new_entry(page, base, "article")
    fill_article(page)
    save(page)


def fill_opportunity(page) -> None:
    """A new opportunity's form, filled in as an editor would."""
    control(page, "title").fill("Flood warden in your street")
    control(page, "organisation").fill("Your local council")
    control(page, "summary").fill("Help neighbours get ready when a flood is forecast.")
    control(page, "apply_url").fill("mailto:volunteer@example.org?subject=Flood%20warden")
    choose(page, "regions", "London")
    choose(page, "category", "Community support")
    choose(page, "pattern", "On call")
    control(page, "minimum_age").fill("18")
    control(page, "published").fill(PUBLISHED)
    control(page, "review_by").fill(REVIEW_BY)
    add_source(page, nth_title=1, nth_url=0)  # an opportunity has no other url field
    write_body(page, "Flood wardens pass on warnings and check on neighbours.")


def write_opportunity(page, base: str) -> None:
    new_entry(page, base, "opportunity")
    fill_opportunity(page)
    save(page)


def write_reserve(page, base: str) -> None:
    new_entry(page, base, "reserve")
    control(page, "title").fill("Join the coastguard rescue service")
    control(page, "summary").fill("Volunteer to search the coast and help people in danger.")
    choose(page, "service", "Coastguard")
    control(page, "organisation").fill("HM Coastguard")
    choose(page, "nations", "England")
    choose(page, "nations", "Wales")
    control(page, "minimum_age").fill("18")
    control(page, "hours_per_month").fill("8")
    control(page, "commitment").fill("Call-outs at any time, and training.")
    control(page, "vetting").fill("Background checks")
    control(page, "time_to_join").fill("3 to 6 months")
    control(page, "apply_url").fill("https://www.gov.uk/guidance/join-hm-coastguard")
    control(page, "name").fill("ACT editorial team")
    control(page, "role").fill("Editorial team")
    control(page, "published").fill(PUBLISHED)
    control(page, "review_by").fill(REVIEW_BY)
    add_source(page, nth_title=1, nth_url=1)
    write_body(page, "Coastguard rescue officers are volunteers who live near the coast.")
    save(page)


def test_articles_opportunities_and_reserve_guides_written_in_the_editor_pass_act_check(
    editor, tmp_path
):
    page, watch, base = editor
    write_article(page, base)
    write_opportunity(page, base)
    write_reserve(page, base)

    files = saved_files(page)
    assert sorted(files) == [
        "content/prepare/keep-a-torch-by-the-bed.md",
        "content/reserves/join-the-coastguard-rescue-service.md",
        "content/volunteer/flood-warden-in-your-street.md",
    ]
    result = act_check(files, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no errors" in result.stdout
    front = yaml.safe_load(
        files["content/reserves/join-the-coastguard-rescue-service.md"].split("---")[1]
    )
    assert front["nations"] == ["england", "wales"] and front["paid"] is False
    assert str(front["published"]) == PUBLISHED
    assert watch.csp_violations == [] and watch.foreign_requests == []


def test_a_data_file_edited_in_the_editor_passes_act_check_and_keeps_its_comment(editor, tmp_path):
    page, watch, base = editor
    original_text = (ROOT / "data/programmes.yml").read_text(encoding="utf-8")
    original = yaml.safe_load(original_text)
    page.goto(f"{base}admin/#/collections/programmes/entries/programmes")
    last = len(original)
    page.get_by_text(f"{last} programmes").wait_for()  # the entries, folded
    page.get_by_role("button", name="Add programmes").click()
    # The new entry opens; the others stay folded, so its fields are the visible ones.
    control(page, "id").fill("flood-wardens")
    control(page, "name").fill("Flood wardens")
    choose(page, "status", "Planned")
    control(page, "summary").fill("Volunteers who pass on flood warnings in their street.")
    control(page, "get_involved").fill("Ask your council.")
    save(page)

    files = saved_files(page)
    assert list(files) == ["data/programmes.yml"]
    written = files["data/programmes.yml"]
    header = original_text[: original_text.index("\n- id:")]
    assert written.startswith(header)
    entries = yaml.safe_load(written)
    # Untouched entries stay as they were.
    assert entries[:last] == original
    assert entries[last]["id"] == "flood-wardens"
    result = act_check(files, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert watch.csp_violations == [] and watch.foreign_requests == []


def test_the_preview_uses_the_sites_stylesheets(editor):
    page, _, base = editor
    new_entry(page, base, "article")
    control(page, "title").fill("A title to preview")
    control(page, "summary").fill("What the preview shows.")
    write_body(page, "The body, set as the site sets it.")
    frame = page.frame_locator("iframe").first
    frame.get_by_text("A title to preview").wait_for()
    # Drawn as the site draws a page, not as a list of raw values.
    article = frame.locator("article.md-typeset")
    assert article.locator("h1").inner_text() == "A title to preview"
    article.get_by_text("The body, set as the site sets it.").wait_for()
    assert "Summary:" not in article.inner_text()
    hrefs = frame.locator("link[rel=stylesheet]").evaluate_all("ls => ls.map(l => l.href)")
    # One stylesheet: Material's and act.css joined (plugins/act/mkdocs/stylesheet.py).
    assert len(hrefs) == 1 and "/assets/stylesheets/site." in hrefs[0], hrefs
    sheet = frame.locator("link[rel=stylesheet]").evaluate(
        "l => Array.from(l.sheet.cssRules).map(r => r.cssText).join(' ')"
    )
    assert ".md-typeset" in sheet and "--md-primary-fg-color" in sheet


def comparable(value):
    """A data file's values as text, empty fields left out: the editor writes a charity
    number 277424 as '277424' and an untouched optional list as [], which read the same."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return str(value)


@pytest.mark.parametrize(
    ("name", "field"), [("showcase", "what_it_does"), ("referrals", "who_it_helps")]
)
def test_changing_one_entry_of_a_data_file_changes_nothing_else(editor, tmp_path, name, field):
    page, watch, base = editor
    original = yaml.safe_load((ROOT / f"data/{name}.yml").read_text(encoding="utf-8"))
    page.goto(f"{base}admin/#/collections/{name}/entries/{name}")
    # Entries start folded, each showing its name under a bar whose first button unfolds it.
    summary = page.get_by_text(original[0]["name"], exact=True).first
    summary.locator("xpath=preceding-sibling::div[1]//button").first.click()
    control(page, field).fill("Changed in the editor.")
    save(page)

    text = saved_files(page)[f"data/{name}.yml"]
    written = yaml.safe_load(text)
    expected = [{**original[0], field: "Changed in the editor."}, *original[1:]]
    # Only that field's lines change: the rest of the file is written back as it was.
    before = (ROOT / f"data/{name}.yml").read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, text.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert [line for line in changed if line.startswith("+")] == [
        f"+  {field}: Changed in the editor."
    ], changed
    assert len(changed) <= 4, changed  # the old value, folded over at most three lines
    assert comparable(written) == comparable(expected)
    result = act_check(saved_files(page), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert watch.csp_violations == [] and watch.foreign_requests == []


def test_a_year_typed_into_a_date_stays_that_year(chromium, site_url):
    # As a person types a date into the date box: day and month (in the order the browser's
    # language puts them), then the year.
    context = chromium.new_context(viewport=DESKTOP, locale="en-GB")
    context.add_init_script(seed_script())
    page = context.new_page()
    config = editor_config_text()
    page.route(
        "**/admin/config.yml",
        lambda route: route.fulfill(body=config, content_type="text/yaml; charset=utf-8"),
    )
    page.goto(site_url + "admin/")
    page.get_by_role("button", name="Login").click()
    new_entry(page, site_url, "article")
    published = control(page, "published")
    published.click()
    page.keyboard.type("05122026")
    typed = published.input_value()
    assert typed in ("2026-12-05", "2026-05-12"), typed  # never 1906
    control(page, "title").click()  # on to the next field: the date stays as typed
    assert published.input_value() == typed
    context.close()


def test_a_cleared_optional_field_is_left_out_of_the_file(editor):
    page, watch, base = editor
    new_entry(page, base, "article")
    control(page, "title").fill("Keep a radio that needs no mains power")
    control(page, "summary").fill("A wind-up or battery radio keeps you informed in a power cut.")
    choose(page, "topics", "Power cuts")
    control(page, "name").fill("ACT editorial team")
    control(page, "role").fill("Editorial team")
    control(page, "service").fill("Some service")
    control(page, "service").fill("")  # changed their mind
    control(page, "published").fill(PUBLISHED)
    control(page, "updated").fill(PUBLISHED)
    control(page, "updated").fill("")
    control(page, "review_by").fill(REVIEW_BY)
    add_source(page, nth_title=1, nth_url=1)
    write_body(page, "A radio that needs no mains power still works in a power cut.")
    save(page)
    (text,) = saved_files(page).values()
    front = yaml.safe_load(text.split("---")[1])
    assert "service" not in front["author"] and "updated" not in front
    assert '""' not in text and "''" not in text


BAD_APPLY = [
    "http://example.org/volunteer",
    "www.example.org",
    "https://exa mple.org",
    "mailto:volunteer@example.org?cc=boss@example.org",
    "mailto:volunteer@example.org?body=Hello",
    "mailto:not-an-address",
    "tel:0800-CALL-NOW",
]


def test_the_form_refuses_each_bad_link_with_a_message(editor):
    page, watch, base = editor
    new_entry(page, base, "opportunity")
    control(page, "title").fill("Flood warden in your street")
    for value in BAD_APPLY:
        control(page, "apply_url").fill(value)
        page.get_by_role("button", name="Save").click()
        message = page.get_by_text("Write a web address starting https://").first
        message.wait_for()
        assert page.evaluate(UNPUBLISHED) == 0, value
    control(page, "published").fill("1906-12-01")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("This date is before 2020: check the year.").wait_for()
    assert page.evaluate(UNPUBLISHED) == 0


def test_moving_straight_from_one_entry_to_another_shows_the_second(editor):
    """Decap keeps the form it shows when the address moves from one entry straight to another
    (Back, Forward, an address typed in): the Get help file then showed no needs at all, and
    saving it would have emptied it. The editor's page loads afresh instead."""
    page, watch, base = editor
    programmes = yaml.safe_load((ROOT / "data/programmes.yml").read_text(encoding="utf-8"))
    referrals = yaml.safe_load((ROOT / "data/referrals.yml").read_text(encoding="utf-8"))
    page.goto(f"{base}admin/#/collections/programmes/entries/programmes")
    page.get_by_text(f"{len(programmes)} programmes").wait_for()

    page.evaluate("location.hash = '#/collections/referrals/entries/referrals'")

    page.get_by_text(referrals[0]["name"], exact=True).first.wait_for(timeout=30_000)
    assert page.get_by_text(f"{len(programmes)} programmes").count() == 0
    assert watch.csp_violations == [] and watch.foreign_requests == []

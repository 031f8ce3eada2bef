"""`make edit` as a new editor uses it: write an article in the form, save it, set it Ready,
publish it, with the Workflow tab open. The editor's local backend saves in its own clone, so
your working tree never changes branch and the preview reloads only when something is
published; what is published passes `act check`."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request

import pytest
import yaml
from test_editor import PUBLISHED, REVIEW_BY, add_source, choose, control, write_body

from browser_support import DESKTOP, Watch
from editorial.test_serve import STARTUP_SECONDS, fetch, free_port, wait_until
from support import BIN, ROOT

WATCH_SECONDS = int(
    os.environ.get("ACT_TEST_WATCH", 60)
)  # how long the Workflow tab stays open while the test watches


def git(*args: str, cwd=ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def ask_decap_server(api: str) -> bool:
    request = urllib.request.Request(
        api, data=b'{"action": "info"}', headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5):
            return True
    except OSError:
        return False


@pytest.fixture
def make_edit(tmp_path):
    preview, backend = free_port(), free_port()
    log = tmp_path / "edit.log"
    env = {
        **os.environ,
        "ACT_PREVIEW_PORT": str(preview),
        "ACT_DECAP_PORT": str(backend),
        "ACT_EDIT_DIR": str(tmp_path / "edit"),
        "ACT_EDIT_BRANCH": "",
        "NO_MKDOCS_2_WARNING": "1",
    }
    with log.open("w") as output:
        edit = subprocess.Popen(
            [str(ROOT / "scripts" / "edit")],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            start_new_session=True,
        )
    api = f"http://127.0.0.1:{backend}/api/v1"
    base = f"http://127.0.0.1:{preview}/"
    try:
        wait_until(
            lambda: fetch(base + "admin/config.yml") is not None, STARTUP_SECONDS, "no preview", log
        )
        wait_until(lambda: ask_decap_server(api), 30, "no decap-server", log)
        yield base, log, tmp_path / "edit"
    finally:
        os.killpg(edit.pid, signal.SIGINT)
        edit.wait(timeout=30)


def your_folder() -> tuple[str, str]:
    return git("symbolic-ref", "-q", "--short", "HEAD"), git(
        "status", "--porcelain", "--untracked-files=all"
    )


def test_a_new_editor_writes_sets_ready_and_publishes_an_article(chromium, make_edit):
    base, log, edit = make_edit
    before = your_folder()
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Publish this entry?" and the like
    watch = Watch(base)
    watch.attach(page)
    loads = []
    page.on("load", lambda _: loads.append(page.url))

    page.goto(base + "admin/")
    page.get_by_role("button", name="Login").click()
    page.goto(f"{base}admin/#/collections/article/new")
    control(page, "title").wait_for()
    control(page, "title").fill("Keep a torch by the bed")
    control(page, "summary").fill("Why a torch within reach matters in a power cut.")
    choose(page, "topics", "Power cuts")
    control(page, "name").fill("ACT editorial team")
    control(page, "role").fill("Editorial team")
    control(page, "published").fill(PUBLISHED)
    control(page, "review_by").fill(REVIEW_BY)
    add_source(page, nth_title=1, nth_url=1)
    write_body(page, "Keep a torch where you can reach it in the dark.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved").first.wait_for(timeout=60_000)
    # Decap then opens the saved entry at its own address: wait for it before moving on.
    page.wait_for_url("**/entries/keep-a-torch-by-the-bed", timeout=60_000)
    assert your_folder() == before

    # With the Workflow tab open, as an editor leaves it: nothing reloads, nothing switches.
    page.locator("a[href$='#/collections/article']").first.click()  # the back arrow
    page.get_by_role("link", name="Workflow").click()
    try:
        page.get_by_text("Keep a torch by the bed").first.wait_for(timeout=90_000)
    finally:
        page.screenshot(path=str(log.parent / "workflow.png"))
    loads.clear()
    end = time.monotonic() + WATCH_SECONDS
    while time.monotonic() < end:
        assert your_folder() == before
        page.wait_for_timeout(5000)
    assert len(loads) <= 1, loads

    page.get_by_text("Keep a torch by the bed").first.click()
    page.get_by_role("button", name=re.compile("^Status: ")).click()
    page.get_by_role("menuitem", name="Ready").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_role("menuitem", name="Publish now").click()
    try:
        page.get_by_text("Entry published").first.wait_for(timeout=60_000)
    finally:
        page.screenshot(path=str(log.parent / "published.png"))
    context.close()

    path = "content/prepare/keep-a-torch-by-the-bed.md"
    published = git("show", f"main:{path}", cwd=edit / "repo")
    front = yaml.safe_load(published.split("---")[1])
    assert front["title"] == "Keep a torch by the bed" and str(front["published"]) == PUBLISHED
    wait_until(lambda: "It passes act check" in log.read_text(), 180, "no check", log)
    wait_until(
        lambda: fetch(base + "prepare/keep-a-torch-by-the-bed/") is not None, 180, "no page", log
    )
    result = subprocess.run(
        [str(BIN / "act"), "check"], cwd=edit / "check", capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert your_folder() == before
    # decap-server is on loopback too; nothing else is asked.
    backend = yaml.safe_load(fetch(base + "admin/config.yml"))["local_backend"]["url"]
    assert watch.csp_violations == []
    assert [url for url in watch.foreign_requests if not url.startswith(backend)] == []

"""`make edit`: the live preview and Decap's local backend together, on 127.0.0.1 only.

Runs scripts/edit (what `make edit` runs after installing decap-server) on free ports, reads
the editor's configuration from the preview, asks decap-server what it serves, and stops both
with Ctrl+C.
"""

from __future__ import annotations

import json
import socket
import subprocess
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from edit_support import ask_decap_server, make_edit_running
from test_serve import STARTUP_SECONDS, fetch, wait_until

from support import ROOT


def listens_on(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def decap(api: str, action: str, **params) -> dict:
    """One call to decap-server, as the editor's page makes it."""
    body = json.dumps({"action": action, "params": {"branch": "main", **params}}).encode()
    request = urllib.request.Request(api, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def save(api: str, slug: str, path: str, text: str) -> None:
    """Save an entry in the editorial workflow: a branch of its own, status draft."""
    decap(
        api,
        "persistEntry",
        dataFiles=[{"slug": slug, "path": path, "raw": text}],
        assets=[],
        options={
            "collectionName": "article",
            "commitMessage": f"Create article {slug}",
            "useWorkflow": True,
            "status": "draft",
        },
    )


def save_and_publish(api: str, slug: str, path: str, text: str) -> None:
    """Save an entry in the editorial workflow (its own branch), set it Ready, publish it."""
    save(api, slug, path, text)
    decap(
        api,
        "updateUnpublishedEntryStatus",
        collection="article",
        slug=slug,
        newStatus="pending_publish",
    )
    decap(api, "publishUnpublishedEntry", collection="article", slug=slug)


def git(*args: str, cwd=ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


BAD_ARTICLE = """---
title: A page with a problem
summary: It has no topics.
author: {name: ACT editorial team, role: Editorial team}
published: 2026-12-01
review_by: 2027-12-01
sources:
  - {title: Prepare for emergencies, url: "https://prepare.campaign.gov.uk/"}
---
Text.
"""


@pytest.fixture
def make_edit(tmp_path):
    with make_edit_running(tmp_path) as edit:
        edit.wait_until_ready()
        yield edit.api, edit.base, edit.log, edit.folder
    backend = int(edit.api.split(":")[2].split("/")[0])
    assert not listens_on("127.0.0.1", backend), edit.log.read_text()[-2000:]


def test_make_edit_serves_the_editor_with_the_local_backend_on_loopback(make_edit):
    api, base, _, _ = make_edit
    config = yaml.safe_load(fetch(base + "admin/config.yml"))
    assert config["local_backend"] == {"url": api}
    assert config["backend"]["name"] == "github"  # the deployed editor is unchanged
    info = ask_decap_server(api)
    assert info["type"] == "local_git"
    elsewhere = other_address()
    if elsewhere:
        assert not listens_on(elsewhere, int(api.split(":")[2].split("/")[0])), (
            "decap-server is reachable off loopback"
        )
        assert not listens_on(elsewhere, int(base.split(":")[2].strip("/"))), (
            "the preview is reachable off loopback"
        )


def test_saving_and_publishing_never_touch_your_folder_nor_commit_stray_files(make_edit):
    api, base, log, edit = make_edit
    before = (git("status", "--porcelain", "--untracked-files=all"), git("rev-parse", "HEAD"))
    branch = git("symbolic-ref", "-q", "--short", "HEAD")
    (edit / "repo" / "notes.txt").write_text("a file someone left here", encoding="utf-8")
    (edit / "repo" / "content" / "prepare").mkdir(parents=True, exist_ok=True)

    save_and_publish(
        api, "a-page-with-a-problem", "content/prepare/a-page-with-a-problem.md", BAD_ARTICLE
    )

    published = git("show", "--stat", "--format=", "main", cwd=edit / "repo")
    assert "a-page-with-a-problem.md" in published and "notes.txt" not in published
    assert (
        git("status", "--porcelain", "--untracked-files=all"),
        git("rev-parse", "HEAD"),
    ) == before
    assert git("symbolic-ref", "-q", "--short", "HEAD") == branch
    # The check runs on what was published; its problems are said, and nothing stops.
    wait_until(lambda: "act check found problems" in log.read_text(), 120, "no check", log)
    assert "topics" in log.read_text()
    wait_until(lambda: "has problems" in (fetch(base + "admin/") or ""), 120, "no banner", log)
    assert "topics" in fetch(base + "admin/")
    assert ask_decap_server(api) is not None
    # The preview kept the last version that passed.
    assert fetch(base + "prepare/a-page-with-a-problem/") is None


def test_publishing_one_entry_leaves_the_other_entries_as_they_were(make_edit):
    """decap-server compares an entry from where its branch left main (patched by
    scripts/ensure-decap): compared with main itself, once one entry is published every other
    entry seems to delete the published file too, and the Workflow tab shows it with no title."""
    api, _, _, edit = make_edit
    (edit / "repo" / "content" / "prepare").mkdir(parents=True, exist_ok=True)
    first, second = "content/prepare/first-entry.md", "content/prepare/second-entry.md"
    save(api, "first-entry", first, BAD_ARTICLE.replace("A page with a problem", "First"))
    save(api, "second-entry", second, BAD_ARTICLE.replace("A page with a problem", "Second"))

    decap(
        api,
        "updateUnpublishedEntryStatus",
        collection="article",
        slug="first-entry",
        newStatus="pending_publish",
    )
    decap(api, "publishUnpublishedEntry", collection="article", slug="first-entry")

    entry = decap(api, "unpublishedEntry", collection="article", slug="second-entry")
    assert [(diff["path"], diff["newFile"]) for diff in entry["diffs"]] == [(second, True)]
    data = decap(
        api,
        "unpublishedEntryDataFile",
        collection="article",
        slug="second-entry",
        id=second,
        path=second,
    )
    assert "title: Second" in data["data"]


def test_requests_that_wait_their_turn_are_answered(make_edit):
    """decap-server answers one request at a time; as published it fails a request that waited
    over 3 seconds for its turn, which a busy machine reached when the Workflow tab asked for
    every entry at once (scripts/ensure-decap lets it wait). Here every branch switch in the
    clone takes 2 seconds, so the second of two requests waits about 4."""
    api, _, _, edit = make_edit
    (edit / "repo" / "content" / "prepare").mkdir(parents=True, exist_ok=True)
    path = "content/prepare/slow-entry.md"
    save(api, "slow-entry", path, BAD_ARTICLE)
    hook = edit / "repo" / ".git" / "hooks" / "post-checkout"
    hook.write_text("#!/bin/sh\nsleep 2\n", encoding="utf-8")
    hook.chmod(0o755)
    params = {"collection": "article", "slug": "slow-entry", "id": path, "path": path}

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(
            pool.map(lambda _: decap(api, "unpublishedEntryDataFile", **params), range(2))
        )

    assert all("title: A page with a problem" in answer["data"] for answer in answers)


def test_a_copy_left_with_changes_is_explained_and_put_aside(tmp_path):
    repo = tmp_path / "edit" / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    git("checkout", "-q", "-B", "main", cwd=repo)
    git("checkout", "-q", "-b", "cms/article/half-saved", cwd=repo)
    (repo / "content" / "index.md").write_text("changed by hand\n", encoding="utf-8")
    with make_edit_running(tmp_path) as edit:
        wait_until(
            lambda: "The editor:" in edit.log.read_text(), STARTUP_SECONDS, "no start", edit.log
        )
    said = edit.log.read_text()
    assert "has changes that were not saved through the editor" in said
    assert "content/index.md" in said and "put aside, not lost" in said
    assert "back to main" in said and "Unknown error" not in said
    assert git("status", "--porcelain", cwd=repo) == ""
    assert git("symbolic-ref", "--short", "HEAD", cwd=repo).strip() == "main"

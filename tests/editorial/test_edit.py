"""`make edit`: the live preview and Decap's local backend together, on 127.0.0.1 only.

Runs scripts/edit (what `make edit` runs after installing decap-server) on free ports, reads
the editor's configuration from the preview, asks decap-server what it serves, and stops both
with Ctrl+C.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import urllib.request

import pytest
import yaml
from test_serve import STARTUP_SECONDS, fetch, free_port, wait_until

from support import ROOT


def ask_decap_server(url: str) -> dict | None:
    request = urllib.request.Request(
        url,
        data=json.dumps({"action": "info"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())
    except OSError:
        return None


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


def save_and_publish(api: str, slug: str, path: str, text: str) -> None:
    """Save an entry in the editorial workflow (its own branch), set it Ready, publish it."""
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
    preview, backend = free_port(), free_port()
    log = tmp_path / "edit.log"
    env = {
        **os.environ,
        "ACT_PREVIEW_PORT": str(preview),
        "ACT_DECAP_PORT": str(backend),
        "ACT_EDIT_DIR": str(tmp_path / "edit"),
        "ACT_EDIT_BRANCH": "",  # the test leaves this repository's branches alone
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
        wait_until(lambda: ask_decap_server(api) is not None, 30, "no decap-server", log)
        yield api, base, log, tmp_path / "edit"
    finally:
        os.killpg(edit.pid, signal.SIGINT)
        edit.wait(timeout=30)
    assert not listens_on("127.0.0.1", backend), log.read_text()[-2000:]


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


def test_a_copy_left_with_changes_is_explained_and_put_aside(tmp_path):
    repo = tmp_path / "edit" / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    git("checkout", "-q", "-B", "main", cwd=repo)
    git("checkout", "-q", "-b", "cms/article/half-saved", cwd=repo)
    (repo / "content" / "index.md").write_text("changed by hand\n", encoding="utf-8")
    log = tmp_path / "edit.log"
    env = {
        **os.environ,
        "ACT_EDIT_DIR": str(tmp_path / "edit"),
        "ACT_EDIT_BRANCH": "",
        "ACT_PREVIEW_PORT": str(free_port()),
        "ACT_DECAP_PORT": str(free_port()),
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
    try:
        wait_until(lambda: "The editor:" in log.read_text(), STARTUP_SECONDS, "no start", log)
    finally:
        os.killpg(edit.pid, signal.SIGINT)
        edit.wait(timeout=30)
    said = log.read_text()
    assert "has changes that were not saved through the editor" in said
    assert "content/index.md" in said and "put aside, not lost" in said
    assert "back to main" in said and "Unknown error" not in said
    assert git("status", "--porcelain", cwd=repo) == ""
    assert git("symbolic-ref", "--short", "HEAD", cwd=repo).strip() == "main"

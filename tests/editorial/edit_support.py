"""`make edit` started for a test: scripts/edit on free ports of 127.0.0.1, working in a folder
of the test's own (never this repository's branches), stopped with Ctrl+C at the end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from editorial.test_serve import STARTUP_SECONDS, fetch, free_port, wait_until
from support import ROOT


def ask_decap_server(api: str) -> dict | None:
    """decap-server's answer to "info", or None while it is not listening."""
    request = urllib.request.Request(
        api,
        data=json.dumps({"action": "info"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())
    except OSError:
        return None


@dataclass(frozen=True)
class MakeEdit:
    api: str  # decap-server's address
    base: str  # the preview's address, ending in /
    log: Path  # what scripts/edit printed
    folder: Path  # its clone (repo), preview and check copies

    def wait_until_ready(self) -> None:
        """Until the preview serves the editor's configuration and decap-server answers."""
        wait_until(
            lambda: fetch(self.base + "admin/config.yml") is not None,
            STARTUP_SECONDS,
            "no preview",
            self.log,
        )
        wait_until(lambda: ask_decap_server(self.api) is not None, 30, "no decap-server", self.log)


@contextmanager
def make_edit_running(tmp_path: Path) -> Iterator[MakeEdit]:
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
    try:
        yield MakeEdit(
            api=f"http://127.0.0.1:{backend}/api/v1",
            base=f"http://127.0.0.1:{preview}/",
            log=log,
            folder=tmp_path / "edit",
        )
    finally:
        os.killpg(edit.pid, signal.SIGINT)
        edit.wait(timeout=30)

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


def test_make_edit_serves_the_editor_with_the_local_backend_on_loopback(tmp_path):
    preview, backend = free_port(), free_port()
    log = tmp_path / "edit.log"
    env = {
        **os.environ,
        "ACT_PREVIEW_PORT": str(preview),
        "ACT_DECAP_PORT": str(backend),
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
        api = f"http://127.0.0.1:{backend}/api/v1"
        config_url = f"http://127.0.0.1:{preview}/admin/config.yml"
        wait_until(lambda: fetch(config_url) is not None, STARTUP_SECONDS, "no preview", log)
        wait_until(lambda: ask_decap_server(api) is not None, 30, "no decap-server", log)

        config = yaml.safe_load(fetch(config_url))
        assert config["local_backend"] == {"url": api}
        assert config["backend"]["name"] == "github"  # the deployed editor is unchanged
        info = ask_decap_server(api)
        assert info["repo"] == ROOT.name and info["type"] == "local_git"
        elsewhere = other_address()
        if elsewhere:
            assert not listens_on(elsewhere, backend), "decap-server is reachable off loopback"
            assert not listens_on(elsewhere, preview), "the preview is reachable off loopback"
    finally:
        os.killpg(edit.pid, signal.SIGINT)
        edit.wait(timeout=30)
    assert not listens_on("127.0.0.1", backend), log.read_text()[-2000:]

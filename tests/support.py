"""Shared test helpers: building a fixture site with the real `mkdocs build --strict`."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_BUILD_DATE = "2026-06-01"
BIN = Path(sys.executable).parent


@dataclass
class Build:
    project: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.project / "site"

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def make_project(fixture: str | Path, dest: Path) -> Path:
    """Copy a fixture site next to the repository's real mkdocs.yml and overrides."""
    source = FIXTURES / fixture if isinstance(fixture, str) else fixture
    shutil.copytree(source, dest)
    if not (dest / "mkdocs.yml").exists():
        shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    # The web editor's code, installed once by scripts/ensure-decap (make test runs it).
    (dest / ".cache").mkdir(exist_ok=True)
    (dest / ".cache" / "decap").symlink_to(ROOT / ".cache" / "decap")
    return dest


def act_check(project: Path, build_date: str = FIXTURE_BUILD_DATE) -> subprocess.CompletedProcess:
    """`act check` run in `project`, as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "act.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "ACT_BUILD_DATE": build_date},
        timeout=120,
    )


def run_build(
    project: Path, build_date: str = FIXTURE_BUILD_DATE, strict: bool = True, quiet: bool = True
) -> Build:
    env = {**os.environ, "ACT_BUILD_DATE": build_date, "NO_MKDOCS_2_WARNING": "1"}
    command = [str(BIN / "mkdocs"), "build"]
    command += (["--quiet"] if quiet else []) + (["--strict"] if strict else [])
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    return Build(project, done.returncode, done.stdout + done.stderr)


def build_edition(site: Path) -> Path:
    """Build the repository's own site into `site` (not into the working tree's site/)."""
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return site


def start_serve(project: Path, args: list[str], log: Path, env: dict) -> subprocess.Popen:
    """`mkdocs serve` in `project`, its output in `log`, stopped by `stop_serve` with Ctrl+C.

    A shell that starts a command in the background without job control (as CI runners do)
    makes it ignore Ctrl+C (SIGINT), and children inherit that; Python then does not turn
    Ctrl+C into KeyboardInterrupt, and `mkdocs serve` would not stop. The server is started
    with SIGINT's default action, as it has when someone runs `make serve` in a terminal."""
    with log.open("w") as output:
        return subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", *args],
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )


def stop_serve(server: subprocess.Popen, log: Path) -> None:
    """Ctrl+C, as a person stops `make serve`; it must stop at once and cleanly."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        log_tail = log.read_text()[-3000:]
        raise AssertionError(f"mkdocs serve did not stop on Ctrl+C:\n{log_tail}") from None
    assert server.returncode == 0, log.read_text()[-3000:]


# Reading the built HTML: listing cards, sections and JSON-LD blocks.
CARD_TITLE = re.compile(r'class="act-card__title" href="([^"]+)">([^<]+)</a>')


def card_titles(html: str) -> list[str]:
    return [title for _, title in CARD_TITLE.findall(html)]


def section(html: str, heading_id: str) -> str:
    """The HTML from the heading with this id to the next h2."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end > 0 else None]


def json_ld(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def by_type(blocks: list[dict]) -> dict[str, dict]:
    return {b["@type"]: b for b in blocks if "@type" in b}

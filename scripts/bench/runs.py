"""Run a build as a child process and measure it: wall time, CPU time, peak memory, output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.corpus import BUILD_DATE

BIN = Path(sys.executable).parent
RUSAGE = Path(__file__).with_name("rusage.py")
PAGEFIND_PEAK = re.compile(r"Pagefind .* indexed \d+ pages .* \(peak memory (\d+) MB\)")
# Folders of the built site that are the search index, not pages.
SEARCH_DIRS = ("pagefind", "search")


class BuildFailed(RuntimeError):
    """A build under measurement failed; the message carries its output."""


@dataclass(frozen=True)
class Step:
    command: list[str]
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float  # the larger of the process's and its children's
    own_peak_mb: float | None = None  # the command's own process (MkDocs), if measured


@dataclass(frozen=True)
class Run:
    """One measured run of a pipeline (A or B)."""

    variant: str
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    load_average: float  # of the machine just before the run: other work skews timings
    steps: list[Step]
    mkdocs_peak_mb: float | None = None  # MkDocs' own process
    pagefind_peak_mb: float | None = None  # Pagefind's, run by MkDocs (A only)

    def as_dict(self) -> dict:
        return asdict(self)


def build_env() -> dict[str, str]:
    return {
        **os.environ,
        "ACT_BUILD_DATE": BUILD_DATE.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def measured(command: list[str], cwd: Path, timeout: float, split: bool = False) -> Step:
    """Run `command` to completion; its peak memory comes from wait4's rusage. `split` runs a
    console command through rusage.py to have its own peak apart from its children's."""
    report = cwd / ".bench-rusage.json"
    shown = [Path(command[0]).name, *command[1:]]
    if split:
        report.unlink(missing_ok=True)
        command = [sys.executable, str(RUSAGE), str(report), Path(command[0]).name, *command[1:]]
    started = time.perf_counter()
    log = cwd / ".bench-output.log"
    with log.open("w") as output:
        child = subprocess.Popen(
            command, cwd=cwd, env=build_env(), stdout=output, stderr=subprocess.STDOUT
        )
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                raise BuildFailed(f"{' '.join(command)} took over {timeout:.0f} s")
            time.sleep(0.02)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    if child.returncode != 0:
        raise BuildFailed(
            f"{' '.join(command)} failed in {cwd} (exit {child.returncode}):\n"
            + log.read_text(errors="replace")[-4000:]
        )
    # ru_maxrss is in kilobytes on Linux; it covers the child and the children it waited for
    # (Pagefind, for A), taking the largest.
    split_usage = json.loads(report.read_text()) if split else {}
    return Step(
        shown,
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        split_usage.get("own_peak_mb"),
    )


def set_aside_last_site(project: Path) -> None:
    """Move the last run's site/ out of the way, untimed, so that each run builds into an
    empty folder, as a deploy from a fresh clone does. It is deleted with the corpus when the
    bench ends, not here: on these machines' file system (ext4 without a journal) the kernel
    makes every new inode skip those deleted in the last minute or more (recently_deleted()
    in a `perf` profile), so MkDocs deleting the last run's 4,000 files just before writing
    as many charged a 2,000-page A run about 3 s (19.5 against 16.3 s) and more with each run
    (B, with half the files, much less). A journalled ext4 does not make that check."""
    site = project / "site"
    if site.exists():
        aside = project / ".previous-sites"
        aside.mkdir(exist_ok=True)
        site.rename(aside / str(sum(1 for _ in aside.iterdir())))


def run_variant(variant: str, project: Path, timeout: float = 3600) -> Run:
    """A: ACT's whole pipeline, `mkdocs build --strict` with our plugins, which runs the whole
    of `act check` itself (as `make site` does). B: stock Material's `mkdocs build --strict`.
    Both build into an empty site/ (set_aside_last_site)."""
    set_aside_last_site(project)
    # Not --quiet: A's log says Pagefind's peak memory, which it reads while Pagefind runs.
    commands = [[str(BIN / "mkdocs"), "build", "--strict"]]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    steps = [
        measured(command, project, timeout, split=command[1] == "build") for command in commands
    ]
    build = steps[-1]
    return Run(
        variant,
        time.perf_counter() - started,
        sum(s.cpu_seconds for s in steps),
        max(s.peak_rss_mb for s in steps),
        load,
        steps,
        build.own_peak_mb,
        pagefind_peak_mb(project) if variant == "A" else None,
    )


def pagefind_peak_mb(project: Path) -> float | None:
    """Pagefind's peak as the build logged it. (RUSAGE_CHILDREN is no use here: a child's
    peak counts the copy of MkDocs it was forked from.)"""
    found = PAGEFIND_PEAK.search((project / ".bench-output.log").read_text(errors="replace"))
    return float(found.group(1)) if found else None


@dataclass(frozen=True)
class SiteSize:
    """What a build wrote: pages, their HTML bytes, and the search index."""

    html_pages: int
    html_bytes: int
    search_index_bytes: int
    search_index_files: int

    @property
    def html_bytes_per_page(self) -> float:
        return self.html_bytes / self.html_pages if self.html_pages else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "html_bytes_per_page": round(self.html_bytes_per_page)}


def site_size(site: Path) -> SiteSize:
    """Pages are the index.html files outside the search folders (404.html is not a page)."""
    pages = html = index = index_files = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        top = path.relative_to(site).parts[0]
        if top in SEARCH_DIRS and path.suffix != ".html":
            index += path.stat().st_size
            index_files += 1
        elif path.name == "index.html":
            pages += 1
            html += path.stat().st_size
    return SiteSize(pages, html, index, index_files)

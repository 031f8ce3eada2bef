"""Pagefind fed page by page while MkDocs renders makes the same index as a directory-level run
of the binary over the built site, and every way it can fail is a clear error.

Pagefind numbers pages in the order it meets them (a directory run's order varies from run to
run), so the two bundles are compared decoded, with page numbers replaced by each page's
fragment hash (scripts/platform_check.py's decoder, which `make platform-check` uses to compare
two builds): the same pages, words (with their positions and weights), filters, metadata,
fragments."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from act.search.indexer import SearchIndexError, index_site, pagefind_binary
from act.search.service import PagefindService, bundle_problem, indexed_part
from platform_check import decoded_pagefind, pagefind_file
from support import make_project, run_build

PAGE = '<html lang="en"><body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>'


def decode_bundle(bundle: Path) -> dict:
    """The index decoded as `make platform-check` decodes it, with the fragments."""
    decoded = decoded_pagefind(bundle)
    decoded["fragments"] = {
        path.name: json.loads(pagefind_file(path)) for path in (bundle / "fragment").iterdir()
    }
    return decoded


def test_the_index_built_while_rendering_equals_a_directory_run(tmp_path):
    project = make_project("site", tmp_path / "project")
    build = run_build(project, quiet=False)
    assert build.returncode == 0, build.output
    assert re.search(r"Pagefind \(.*\) indexed \d+ pages while rendering", build.output)
    streamed = decode_bundle(build.site / "pagefind")

    copy = tmp_path / "copy"
    shutil.copytree(build.site, copy, ignore=shutil.ignore_patterns("pagefind"))
    index_site(copy)
    directory = decode_bundle(copy / "pagefind")

    language = streamed["languages"]["en"]
    assert language["page_count"] > 20 and language["filters"]["type"]
    assert "sandbag" in language["words"]
    for part in ("version", "fragments"):
        assert streamed[part] == directory[part], part
    for part, value in language.items():
        assert value == directory["languages"]["en"][part], part


def test_the_binary_missing_is_a_clear_build_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    project = make_project("site", tmp_path / "project")
    build = run_build(project)
    assert build.returncode != 0
    assert "the Pagefind binary is missing" in build.output
    assert "Traceback" not in build.output


def stand_in(tmp_path: Path, script: str) -> Path:
    """A program in the binary's place, to make the real one misbehave."""
    path = tmp_path / "pagefind"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_a_service_that_dies_is_a_clear_build_error_quoting_what_it_said(tmp_path, monkeypatch):
    binary = stand_in(tmp_path, 'echo "pagefind: out of memory" >&2\nexit 3\n')
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    project = make_project("site", tmp_path / "project")
    build = run_build(project)
    assert build.returncode != 0
    assert "stopped while indexing (exit 3): pagefind: out of memory" in build.output
    assert "Traceback" not in build.output


def test_what_the_binary_prints_on_stderr_does_not_reach_the_answers_it_parses(
    tmp_path, monkeypatch
):
    # 400 kB of warnings: far more than a pipe holds, so an undrained stderr would stall it.
    real = pagefind_binary()
    noise = 'i=0; while [ $i -lt 4000 ]; do echo "WARN: a hundred bytes of warning text \
that is not base64, with commas, and more commas,,, ok" >&2; i=$((i+1)); done\n'
    monkeypatch.setenv(
        "PAGEFIND_BINARY_PATH", str(stand_in(tmp_path, f'{noise}exec "{real}" "$@"\n'))
    )
    service = PagefindService(tmp_path / "site")
    service.start()
    for n in range(30):
        service.add_page(
            f"page-{n}/index.html", PAGE.format(title=f"Page {n}", text="flood sandbags")
        )
    result = service.write()
    assert result.page_count == 30
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").exists()


def test_a_page_the_service_refuses_is_an_error_naming_the_page(tmp_path):
    service = PagefindService(tmp_path / "site")
    service.start()
    service.index_id = (service.index_id or 0) + 99  # an index the service does not have
    service.add_page("about/index.html", PAGE.format(title="About", text="About us"))
    with pytest.raises(SearchIndexError, match=r"about/index\.html: .*index"):
        service.write()
    assert service.process is None  # stopped, not left running


def test_the_service_takes_pages_faster_than_it_answers_without_stalling(tmp_path):
    service = PagefindService(tmp_path / "site")
    service.start()
    text = " ".join(f"word{n}" for n in range(3000))  # answers and requests both fill pipes
    for n in range(300):
        service.add_page(f"p{n}/index.html", PAGE.format(title=f"P {n}", text=text))
    assert service.write().page_count == 300
    assert os.listdir(tmp_path / "site" / "pagefind" / "fragment")


def test_a_cut_short_index_is_found(tmp_path):
    service = PagefindService(tmp_path / "site")
    service.start()
    service.add_page("a/index.html", PAGE.format(title="A", text="flood"))
    service.write()
    bundle = tmp_path / "site" / "pagefind"
    assert bundle_problem(bundle) is None
    fragment = next((bundle / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:-8])
    assert "fragment/" in bundle_problem(bundle)
    (bundle / "pagefind-entry.json").write_text("")
    assert "pagefind-entry.json" in bundle_problem(bundle)


def test_pagefind_is_sent_the_article_alone_unless_something_it_reads_is_outside():
    page = (
        '<!doctype html><html lang="en"><head><title>T</title></head><body><header>menu'
        '</header><article class="x" data-pagefind-body><h1>T</h1><p>words</p>'
        '<span data-pagefind-filter="type:article"></span></article><footer>f</footer>'
        "</body></html>"
    )
    assert indexed_part(page) == (
        '<!doctype html><html lang="en"><body><article class="x" data-pagefind-body><h1>T</h1>'
        '<p>words</p><span data-pagefind-filter="type:article"></span></article></body></html>'
    )
    outside = page.replace("<footer>", '<footer data-pagefind-meta="x:y">')
    assert indexed_part(outside) == outside
    unmarked = page.replace(" data-pagefind-body", "")
    assert indexed_part(unmarked) == unmarked


def test_files_pagefind_writes_after_answering_are_on_disk_when_the_service_ends(tmp_path):
    """The binary answers WriteFiles before tokio has written its files. Here strace holds
    back its write of pagefind-entry.json by a second: the index must still be whole."""
    strace = shutil.which("strace")
    assert strace, "this test needs strace (make test installs it: scripts/ensure-strace)"
    site = tmp_path / "site"
    service = PagefindService(site)
    entry = site / "pagefind" / "pagefind-entry.json"
    wrapper = tmp_path / "slow-pagefind"
    wrapper.write_text(
        f'#!/bin/sh\nexec {strace} -f -qq -o /dev/null -P "{entry}" '
        f'-e inject=write:delay_enter=1000000 "{service.binary}" "$@"\n'
    )
    wrapper.chmod(0o755)
    service.binary = wrapper
    service.start()
    service.add_page("a/index.html", PAGE.format(title="A", text="flood"))
    assert service.write().page_count == 1
    assert json.loads(entry.read_text())["languages"]

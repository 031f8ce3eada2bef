"""A whole build converts every second item page's Markdown in a forked child
(act/mkdocs/markdown_child.py); the site it writes is byte for byte the one a build that
converts every page itself writes (tests/unit/test_child_converter.py drives the child alone)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from act.content.checker import check_processes
from support import ROOT, make_project, run_build

CONVERTED = re.compile(r"Markdown of (\d+) item pages converted on the second core")


def edition_project(folder: Path, markdown_in_child: bool) -> Path:
    source = folder / "source"
    for part in ("content", "data"):
        shutil.copytree(ROOT / part, source / part)
    project = make_project(source, folder / "project")
    if not markdown_in_child:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "\n  - act/content\n" in text
        config.write_text(
            text.replace(
                "\n  - act/content\n", "\n  - act/content:\n      markdown_in_child: false\n"
            ),
            encoding="utf-8",
        )
    return project


def site_files(site: Path) -> dict[str, bytes]:
    """Every file the build wrote but Pagefind's (its file names differ from run to run;
    tests/builds/test_search_streamed.py compares indexes decoded)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).parts[0] != "pagefind"
    }


def test_the_edition_is_the_same_whether_or_not_a_child_converts_half_its_markdown(tmp_path):
    today = date.today().isoformat()
    builds = {}
    for in_child in (True, False):
        project = edition_project(tmp_path / str(in_child), in_child)
        build = run_build(project, build_date=today, quiet=False)
        assert build.returncode == 0, build.output
        builds[in_child] = build
    converted = CONVERTED.search(builds[True].output)
    if check_processes() > 1:
        assert converted is not None and int(converted[1]) >= 10, builds[True].output
    else:  # one CPU: the build converts every page itself
        assert converted is None
    assert CONVERTED.search(builds[False].output) is None
    with_child, alone = site_files(builds[True].site), site_files(builds[False].site)
    assert with_child.keys() == alone.keys()
    assert len(with_child) > 100
    differing = [name for name in with_child if with_child[name] != alone[name]]
    assert differing == []

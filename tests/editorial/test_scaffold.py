"""`act new`: a new file of each type passes the check, builds, and never replaces a file."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from act.content.checker import check_content
from act.content.scaffold import (
    PLACEHOLDER,
    ScaffoldError,
    add_months,
    make_scaffold,
    write_scaffold,
)
from act.taxonomies import load_taxonomies
from act.types import CONTENT_TYPES
from act.types.opportunity import OPPORTUNITY
from support import BIN, FIXTURE_BUILD_DATE, FIXTURES, make_project, run_build

TODAY = date.fromisoformat(FIXTURE_BUILD_DATE)
KINDS = [t.kind for t in CONTENT_TYPES]  # every content type can be started with `act new`


def names(project: Path) -> dict[str, dict[str, str]]:
    taxonomies, problems = load_taxonomies(project / "data", str)
    assert problems == []
    return taxonomies.names()


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def act(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ACT_BUILD_DATE": FIXTURE_BUILD_DATE}
    return subprocess.run(
        [str(BIN / "act"), *args], cwd=project, env=env, capture_output=True, text=True
    )


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the fixture site's content and data, free to write into."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURES / "site", dest)
    return dest


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_file_of_each_type_passes_the_check_as_written(project, kind):
    scaffold = make_scaffold(kind, "Stay safe near water", TODAY, names(project))
    path = write_scaffold(project / "content", scaffold)

    catalogue = check_content(project / "content", project / "data", TODAY)

    assert catalogue.errors == []
    entry = next(e for e in catalogue.entries if e.slug == "stay-safe-near-water")
    assert entry.kind == kind
    assert entry.title == "Stay safe near water"
    assert entry.is_draft
    assert entry.data["published"] == TODAY
    # Each type's own review period: opportunities and events change sooner than advice.
    months = {"opportunity": 6, "event": 3}.get(kind, 12)
    assert entry.data["review_by"] == add_months(TODAY, months)
    assert path == project / "content" / entry.section / "stay-safe-near-water.md"
    # Whatever only the writer knows is marked, so they can find it.
    assert PLACEHOLDER in path.read_text(encoding="utf-8")


def test_every_required_field_is_written_and_optional_ones_are_shown(project):
    scaffold = make_scaffold("opportunity", "Flood warden", TODAY, names(project))
    data = yaml.safe_load(scaffold.text.split("---\n")[1])

    required = {f.name for f in OPPORTUNITY.fields if f.required}
    assert required <= set(data)
    for optional in (f.name for f in OPPORTUNITY.fields if not f.required and f.name != "draft"):
        assert f"# {optional}:" in scaffold.text, optional
    assert data["draft"] is True


def test_scaffolds_of_every_type_build_into_pages(tmp_path):
    project = make_project("site", tmp_path / "project")
    for kind in KINDS:
        scaffold = make_scaffold(kind, f"New {kind} page", TODAY, names(project))
        path = write_scaffold(project / "content", scaffold)
        # Published, so the build renders it rather than skipping a draft.
        path.write_text(
            path.read_text(encoding="utf-8").replace("draft: true", "draft: false"),
            encoding="utf-8",
        )

    build = run_build(project)

    assert build.returncode == 0, build.output
    assert "New article page" in build.html("prepare/new-article-page")
    assert "New opportunity page" in build.html("volunteer/new-opportunity-page")
    assert "New reserve page" in build.html("reserves/new-reserve-page")


def test_a_draft_scaffold_builds_and_stays_unpublished(tmp_path):
    project = make_project("site", tmp_path / "project")
    write_scaffold(
        project / "content", make_scaffold("article", "Still drafting", TODAY, names(project))
    )

    build = run_build(project)

    assert build.returncode == 0, build.output
    assert not (build.site / "prepare" / "still-drafting").exists()


def test_act_new_writes_the_file_and_prints_the_next_steps(project):
    done = act(project, "new", "article", "--title", "Keep warm: a guide for winter")

    assert done.returncode == 0, done.stderr
    path = project / "content" / "prepare" / "keep-warm-a-guide-for-winter.md"
    assert path.is_file()
    assert "Created content/prepare/keep-warm-a-guide-for-winter.md" in done.stdout
    assert "make check" in done.stdout
    assert "http://127.0.0.1:8000/prepare/keep-warm-a-guide-for-winter/" in done.stdout
    data = front_matter(path)
    assert data["title"] == "Keep warm: a guide for winter"
    assert data["published"] == TODAY
    assert data["review_by"] == date(2027, 6, 1)
    assert act(project, "check").returncode == 0


def test_act_new_refuses_to_overwrite_an_existing_file(project):
    existing = project / "content" / "prepare" / "sandbag-basics.md"
    before = existing.read_bytes()

    done = act(project, "new", "article", "--title", "Sandbag basics")

    assert done.returncode == 1
    assert "content/prepare/sandbag-basics.md already exists" in done.stderr
    assert existing.read_bytes() == before


def test_act_new_refuses_a_slug_already_used_in_a_subfolder(project):
    # Items in subfolders still publish at /volunteer/<slug>/: the slug must stay unique.
    done = act(project, "new", "opportunity", "--title", "Listening volunteer")

    assert done.returncode == 1
    assert "content/volunteer/london/listening-volunteer.md already exists" in done.stderr
    assert not (project / "content" / "volunteer" / "listening-volunteer.md").exists()


def test_act_new_refuses_a_title_without_letters_or_numbers(project):
    done = act(project, "new", "reserve", "--title", "???")

    assert done.returncode == 1
    assert "needs some letters or numbers" in done.stderr


def test_titles_with_quotes_and_colons_survive_yaml(project):
    title = 'Floods: what "move to higher ground" means # really'
    scaffold = make_scaffold("article", title, TODAY, names(project))
    path = write_scaffold(project / "content", scaffold)

    assert front_matter(path)["title"] == title
    assert check_content(project / "content", project / "data", TODAY).errors == []


def test_act_new_help_explains_the_command(project):
    done = act(project, "new", "--help")

    assert done.returncode == 0
    for words in ("draft: true", "review date", "never replaced", "--title"):
        assert words in " ".join(done.stdout.split()), words


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 6, 1), 12, date(2027, 6, 1)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 11, 30), 6, date(2027, 5, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_add_months_keeps_the_day_or_uses_the_last_day_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_unknown_type_is_refused():
    with pytest.raises(ScaffoldError, match="unknown type 'leaflet'"):
        make_scaffold("leaflet", "A leaflet", TODAY, {})

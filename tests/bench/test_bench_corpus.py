"""The benchmark's synthetic corpus: valid for ACT, in the proportions asked for, and the same
Markdown for stock Material."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
import yaml

from bench.corpus import BUILD_DATE, PROPORTIONS, counts_for, generate_corpus, stock_project
from support import BIN, ROOT

PAGES = 120  # enough for copies of opportunities (a copy's regions vary), as `make bench` makes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    dest = tmp_path_factory.mktemp("bench") / "a"
    return dest, generate_corpus(dest, PAGES)


def act(project, *args):
    env = {**os.environ, "ACT_BUILD_DATE": BUILD_DATE.isoformat()}
    return subprocess.run(
        [str(BIN / "act"), *args], cwd=project, env=env, capture_output=True, text=True
    )


def test_act_check_passes_on_the_generated_corpus(corpus):
    project, counts = corpus
    done = act(project, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Checked {counts.article + counts.opportunity + counts.reserve} entries: no errors" in (
        done.stdout
    )


def test_the_charity_snapshot_and_referrals_pass_their_checks(corpus):
    project, _ = corpus
    done = act(project, "charities", "check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_corpus_has_the_areas_and_charities_that_work_in_them(corpus):
    """The area pages are generated from data/areas.yml; some charities work in one council,
    as on the register."""
    project, _ = corpus
    assert (project / "data" / "areas.yml").read_text() == (ROOT / "data" / "areas.yml").read_text()
    councils = {
        c
        for area in yaml.safe_load((ROOT / "data" / "areas.yml").read_text())
        for c in area["councils"]
    }
    snapshot = json.loads((project / "data" / "charities" / "snapshot.json").read_text())
    areas = [tuple(c["areas"]) for c in snapshot["charities"]]
    assert any(len(a) == 1 and a[0] in councils for a in areas)
    assert ("Throughout England and Wales",) in areas


def test_counts_per_type_follow_the_proportions(corpus):
    project, counts = corpus
    on_disk = {
        "article": len(list((project / "content" / "prepare").glob("*.md"))),
        "opportunity": len(list((project / "content" / "volunteer").glob("*.md"))),
        "reserve": len(list((project / "content" / "reserves").glob("*.md"))),
        "project": len(yaml.safe_load((project / "data" / "showcase.yml").read_text())),
    }
    assert on_disk == counts_for(PAGES) == {k: getattr(counts, k) for k in on_disk}
    assert sum(on_disk.values()) == PAGES
    for kind, share in PROPORTIONS.items():
        assert abs(on_disk[kind] - share * PAGES) <= 1, kind


def test_counts_add_up_at_any_size():
    for pages in (20, 61, 1999, 8000):
        assert sum(counts_for(pages).values()) == pages


def test_stock_material_gets_the_same_pages_and_none_of_our_plugins(corpus, tmp_path):
    project, counts = corpus
    pages = stock_project(project, tmp_path / "b")
    config = yaml.safe_load((tmp_path / "b" / "mkdocs.yml").read_text())
    assert config["plugins"] == ["search"]
    assert "custom_dir" not in config["theme"]
    assert (
        config["theme"]["features"]
        == yaml.safe_load((project / "mkdocs.yml").read_text())["theme"]["features"]
    )
    docs = tmp_path / "b" / "docs"
    for section in ("prepare", "volunteer", "reserves"):
        ours = {p.name for p in (project / "content" / section).glob("*.md")}
        assert ours <= {p.name for p in (docs / section).glob("*.md")}
    assert len(list((docs / "projects").glob("*.md"))) == counts.project + 1  # + the stub
    # The area pages ACT generates from data/areas.yml, as Markdown, and the index's stub.
    areas = yaml.safe_load((project / "data" / "areas.yml").read_text())
    assert len(list((docs / "areas").glob("*.md"))) == len(areas) + 1
    assert pages >= PAGES
    # Stock Material builds it as strictly as ACT builds its own (every nav entry is there).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--quiet"],
        cwd=tmp_path / "b",
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_each_run_builds_into_an_empty_site_and_the_last_one_is_set_aside(tmp_path):
    from bench.runs import set_aside_last_site

    set_aside_last_site(tmp_path)  # nothing built yet: nothing to do
    assert list(tmp_path.iterdir()) == []
    for run in range(2):
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / "index.html").write_text(f"run {run}")
        set_aside_last_site(tmp_path)
        assert not (tmp_path / "site").exists()
    aside = tmp_path / ".previous-sites"
    assert sorted(p.name for p in aside.iterdir()) == ["0", "1"]
    assert (aside / "1" / "index.html").read_text() == "run 1"

"""The bad-input corpus: every broken file yields its own message with path and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from act.addresses import site_problems
from act.check import directive_problems
from act.content.checker import check_content, check_file
from act.problems import Problem
from act.taxonomies import load_taxonomies

BAD = Path(__file__).parents[1] / "fixtures" / "bad-content"
DATA = Path(__file__).parents[1] / "fixtures" / "site" / "data"
EXPECTED = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))
TODAY = date(2026, 6, 1)


def taxonomy_names():
    taxonomies, problems = load_taxonomies(DATA, str)
    assert not problems
    return taxonomies.names()


def corpus_files() -> set[str]:
    return {
        p.relative_to(BAD).as_posix()
        for p in BAD.rglob("*")
        if p.is_file() and p.name != "expected.yml"
    }


@pytest.fixture(scope="module")
def whole_check(tmp_path_factory) -> list[Problem]:
    """The whole corpus as one content folder, checked once as `act check` does: every file,
    then the checks that need the whole site (addresses, links)."""
    content = tmp_path_factory.mktemp("corpus") / "content"
    shutil.copytree(BAD, content, ignore=shutil.ignore_patterns("expected.yml"))
    catalogue = check_content(content, DATA, TODAY)
    return (
        catalogue.problems
        + directive_problems(catalogue)
        + site_problems(catalogue, DATA, content, TODAY)
    )


def test_corpus_has_at_least_100_broken_files_all_listed():
    assert len(corpus_files()) >= 100
    assert corpus_files() == set(EXPECTED)


@pytest.mark.parametrize("src_uri", sorted(EXPECTED))
def test_broken_file_yields_its_message(src_uri, whole_check):
    expected = EXPECTED[src_uri]
    own = [p for p in whole_check if p.path.endswith("content/" + src_uri)]
    matching = [
        p
        for p in own
        if p.line == expected["line"]
        and p.field == expected["field"]
        and expected["message"] in p.message
        and p.severity == expected.get("severity", "error")
    ]
    assert matching, f"expected {expected}, got {[str(p) for p in own]}"
    assert all(p.hint for p in own), "every problem says how to fix it"


def test_check_reports_every_broken_file_in_one_run(whole_check):
    errors = {p.path.split("content/", 1)[1] for p in whole_check if p.is_error}
    warned = {k for k, v in EXPECTED.items() if v.get("severity") == "warning"}
    assert errors == set(EXPECTED) - warned


def test_act_check_prints_path_line_field_and_exits_1(tmp_path):
    shutil.copytree(BAD / "prepare", tmp_path / "content" / "prepare")
    shutil.copytree(DATA, tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "act.cli", "check"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "content/prepare/unknown-topic.md:4: topics[0]: 'floods' is not a known topic" in (
        done.stdout
    )
    assert "hint: did you mean 'flooding'?" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(b"---\ntitle: x\n---\n" + b"a" * 5_000_000, id="5 MB file"),
        pytest.param(b"---\ntitle: " + b"[" * 5000 + b"\n---\n", id="deeply nested YAML"),
        pytest.param(b"\xef\xbb\xbf", id="BOM only"),
        pytest.param(b"---\n---\n", id="empty front matter"),
        pytest.param(b"---\n\x00\x01\x02\n---\n", id="control characters"),
        pytest.param(b"---\n!!python/object:os.system {}\n---\n", id="unsafe YAML tag"),
        pytest.param(b"---\na: &a [*a]\n---\n", id="recursive alias"),
    ],
)
def test_hostile_bytes_give_a_problem_not_a_traceback(tmp_path, payload):
    path = tmp_path / "hostile.md"
    path.write_bytes(payload)
    entry, problems = check_file(path, "prepare/hostile.md", taxonomy_names(), TODAY)
    assert entry is None
    assert problems and all(p.is_error and p.message for p in problems)

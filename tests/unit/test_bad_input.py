"""The bad-input corpus: every broken file yields its own message with path and line."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from act.content.checker import check_content, check_file
from act.taxonomies import load_taxonomies

BAD = Path(__file__).parents[1] / "fixtures" / "bad-content"
DATA = Path(__file__).parents[1] / "fixtures" / "site" / "data"
EXPECTED = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))
TODAY = date(2026, 6, 1)


def taxonomy_names():
    taxonomies, problems = load_taxonomies(DATA, str)
    assert not problems
    return taxonomies.names()


def test_corpus_has_at_least_25_broken_files_all_listed():
    on_disk = {p.relative_to(BAD).as_posix() for p in BAD.rglob("*.md")}
    assert len(on_disk) >= 25
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("src_uri", sorted(EXPECTED))
def test_broken_file_yields_its_message(src_uri):
    expected = EXPECTED[src_uri]
    entry, problems = check_file(BAD / src_uri, src_uri, taxonomy_names(), TODAY)
    assert entry is None
    matching = [
        p
        for p in problems
        if p.line == expected["line"]
        and p.field == expected["field"]
        and expected["message"] in p.message
        and p.is_error
    ]
    assert matching, f"expected {expected}, got {[str(p) for p in problems]}"
    assert all(p.path.endswith(src_uri) for p in problems)
    assert all(p.hint for p in problems), "every problem says how to fix it"


def test_check_reports_every_broken_file_in_one_run(tmp_path):
    content = tmp_path / "content"
    import shutil

    shutil.copytree(BAD, content)
    catalogue = check_content(content, DATA, TODAY)
    files_with_errors = {Path(p.path).relative_to(content).as_posix() for p in catalogue.errors}
    assert files_with_errors == set(EXPECTED)


def test_act_check_prints_path_line_field_and_exits_1(tmp_path):
    import shutil

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

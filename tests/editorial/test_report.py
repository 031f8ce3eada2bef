"""`act report` on a fixture with a fixed date: the exact rows an editor sees, in every format."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from act.report.attention import build_report
from act.report.readability import body_of, plain_text, reading_age
from support import BIN, FIXTURES

PROJECT = FIXTURES / "report"
REPORT_DATE = "2026-06-01"

EXPECTED_ROWS = [
    ("review-overdue", "content/prepare/overdue-review.md", "was due 1 May 2026 (31 days ago)"),
    ("review-overdue", "content/volunteer/rolling.md", "was due 1 June 2026 (today)"),
    ("closed", "content/volunteer/closed-last-month.md", "closed 15 May 2026 (17 days ago)"),
    ("review-due", "content/reserves/example-reserve.md", "due 10 June 2026 (in 9 days)"),
    ("review-due", "content/prepare/due-soon.md", "due 1 July 2026 (in 30 days)"),
    ("closing-soon", "content/volunteer/closes-today.md", "closes 1 June 2026 (today)"),
    (
        "closing-soon",
        "content/volunteer/closes-in-two-weeks.md",
        "closes 15 June 2026 (in 14 days)",
    ),
    ("placeholders", "content/prepare/half-written.md", "replace every TODO before publishing"),
    ("reading-age", "content/prepare/hard-words.md", "reading age 42; aim for 9 or under"),
    ("awaiting-expert", "content/prepare/due-soon.md", "no reviewer recorded"),
    ("awaiting-expert", "content/prepare/half-written.md", "no reviewer recorded"),
    ("draft", "content/prepare/half-written.md", "not published yet"),
]

EXPECTED_READING_AGES = [
    ("content/prepare/due-soon.md", 5),
    ("content/prepare/half-written.md", None),
    ("content/prepare/hard-words.md", 42),
    ("content/prepare/not-due-yet.md", 6),
    ("content/prepare/overdue-review.md", 5),
]


def act_report(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ACT_BUILD_DATE": REPORT_DATE}
    return subprocess.run(
        [str(BIN / "act"), "report", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def report(monkeypatch):
    monkeypatch.chdir(PROJECT)
    return build_report(Path("content"), Path("data"), date.fromisoformat(REPORT_DATE))


def test_report_lists_exactly_what_needs_an_editor_most_urgent_first(report):
    rows = [(item.reason.key, item.path, item.detail) for item in report.items]
    assert rows == EXPECTED_ROWS
    assert report.content_errors == 0


def test_boundaries_review_in_31_days_and_closing_in_15_days_are_not_reported(report):
    reported = {item.path for item in report.items}
    assert "content/prepare/not-due-yet.md" not in reported
    assert "content/volunteer/closes-later.md" not in reported


def test_every_article_gets_a_reading_age_and_placeholder_text_is_not_measured(report):
    ages = [(a.path, a.reading_age.years if a.reading_age else None) for a in report.reading_ages]
    assert ages == EXPECTED_READING_AGES
    unmeasured = next(a for a in report.reading_ages if a.reading_age is None)
    assert unmeasured.not_measured_because == "TODO left in"


def test_json_format_carries_the_same_rows_for_machines():
    done = act_report("--format", "json")

    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["date"] == REPORT_DATE
    assert data["content_errors"] == 0
    assert [(i["reason"], i["path"], i["detail"]) for i in data["items"]] == EXPECTED_ROWS
    closed = next(i for i in data["items"] if i["reason"] == "closed")
    assert closed == {
        "reason": "closed",
        "needs": "Opportunity closed",
        "kind": "opportunity",
        "title": "Closed last month",
        "path": "content/volunteer/closed-last-month.md",
        "url": "/volunteer/closed-last-month/",
        "detail": "closed 15 May 2026 (17 days ago)",
        "date": "2026-05-15",
    }
    assert [(a["path"], a["reading_age"]) for a in data["reading_ages"]] == EXPECTED_READING_AGES
    assert [a["path"] for a in data["reading_ages"] if a["above_target"]] == [
        "content/prepare/hard-words.md"
    ]


def test_markdown_format_has_a_table_per_reason_for_a_pull_request():
    done = act_report("--format", "markdown")

    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("## Editorial report, 1 June 2026\n")
    assert "12 things need an editor:" in text
    assert "### Review date passed (2)" in text
    assert (
        "| Closed last month | `content/volunteer/closed-last-month.md` | "
        "closed 15 May 2026 (17 days ago) |"
    ) in text
    assert "### Closing within 14 days (2)" in text
    assert "| Hard words | `content/prepare/hard-words.md` | 42 (above target) |" in text
    assert "<summary>Reading age of each article (1 above 9)</summary>" in text


def test_table_format_is_readable_in_a_terminal():
    done = act_report()

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Editorial report for 1 June 2026"
    header = next(line for line in lines if line.startswith("Needs"))
    assert header.split() == ["Needs", "Title", "File", "Detail"]
    row = next(line for line in lines if "closes-today.md" in line)
    assert row.split("  ")[0] == "Closing within 14 days"
    assert row.endswith("closes 1 June 2026 (today)")


def test_report_without_a_content_folder_says_how_to_run_it(tmp_path):
    done = subprocess.run(
        [str(BIN / "act"), "report"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "no content folder" in done.stderr


def test_plain_text_drops_front_matter_markdown_and_code():
    page = (
        "---\ntitle: Not counted\n---\n\n## A heading\n\nSome **bold** and "
        "[a link](https://www.gov.uk/).\n\n- one\n- two\n\n```\nprint('code')\n```\n"
    )
    assert plain_text(body_of(page)) == "A heading. Some bold and a link. one. two."


def test_short_plain_sentences_read_at_9_or_under_and_long_words_above():
    plain = reading_age("Pack a bag. Put in a torch. Keep it by the door.")
    hard = reading_age(
        "Comprehensive organisational preparedness necessitates systematic consideration of "
        "infrastructural interdependencies and contingency arrangements."
    )
    assert plain is not None and not plain.above_target
    assert hard is not None and hard.above_target
    assert reading_age("") is None

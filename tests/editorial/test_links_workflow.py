"""The weekly link check: scheduled and by hand only, and the token only where issues are
written (GitHub's documented behaviour; it cannot run here)."""

from __future__ import annotations

import yaml

from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "links.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_links_are_checked_weekly_and_by_hand_never_on_pull_requests():
    triggers = load()[True]  # PyYAML reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week


def test_the_report_goes_to_one_issue_with_only_the_rights_it_needs():
    workflow = load()
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    steps = workflow["jobs"]["links"]["steps"]
    check = next(s for s in steps if "act links" in s.get("run", ""))
    assert "--format markdown" in check["run"]
    assert "GH_TOKEN" not in str(check)  # the content is read without the token in reach
    issue = next(s for s in steps if "gh issue" in s.get("run", ""))
    assert issue["env"]["GH_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"
    assert issue["env"]["TITLE"] == "Broken links"
    for verb in ("list", "edit", "create", "close"):
        assert f"gh issue {verb}" in issue["run"]

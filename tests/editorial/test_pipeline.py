"""The CI workflows, the issue templates and netlify.toml describe a pipeline that can run."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest
import yaml

from support import BIN, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z0-9-]*):", text, flags=re.MULTILINE))


def act_commands() -> set[str]:
    done = subprocess.run([str(BIN / "act"), "--help"], capture_output=True, text=True, check=True)
    # Each command is listed on its own line, indented four spaces, under COMMAND.
    return set(re.findall(r"^    ([a-z][a-z0-9-]*)(?:\s|$)", done.stdout, flags=re.MULTILINE))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def run_lines(workflow: dict) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


def load(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_act_help_lists_the_commands_the_workflows_and_docs_use():
    assert {"check", "new", "report", "reference"} <= act_commands()


def test_there_is_a_pull_request_workflow_and_a_deploy_workflow():
    triggers = [load(path)[True] for path in WORKFLOWS]  # PyYAML reads the key `on` as True
    assert any("pull_request" in t for t in triggers)
    assert any(t.get("push", {}).get("branches") == ["main"] for t in triggers if "push" in t)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_parses_and_every_step_runs_or_uses_something(path):
    workflow = load(path)
    assert workflow["name"]
    assert workflow["jobs"]
    for step in steps(workflow):
        assert ("run" in step) != ("uses" in step), step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha(path):
    for step in steps(load(path)):
        if "uses" in step:
            assert PINNED_ACTION.match(step["uses"]), step["uses"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_make_target_and_act_command_called_exists(path):
    targets, commands = makefile_targets(), act_commands()
    for line in run_lines(load(path)):
        for target in re.findall(r"\bmake ([a-z][a-z0-9-]*)", line):
            assert target in targets, f"{path.name}: make {target}"
        for command in re.findall(r"(?:^|\s|/)act ([a-z][a-z0-9-]*)", line):
            assert command in commands, f"{path.name}: act {command}"


def test_pull_requests_run_the_tests_the_build_and_the_report():
    lines = run_lines(load(ROOT / ".github/workflows/pull-request.yml"))
    assert "make test" in lines
    assert "make site" in lines
    assert any(
        "act report --format markdown" in line and "$GITHUB_STEP_SUMMARY" in line for line in lines
    )


def test_main_deploys_to_netlify_production_with_a_pinned_cli_and_the_secrets():
    workflow = load(ROOT / ".github/workflows/deploy.yml")
    deploy = next(s for s in steps(workflow) if "netlify" in s.get("run", ""))
    assert re.search(r"npx --yes netlify-cli@\d+\.\d+\.\d+ deploy --prod --no-build", deploy["run"])
    assert "--dir site" in deploy["run"]
    assert deploy["env"] == {
        "NETLIFY_AUTH_TOKEN": "${{ secrets.NETLIFY_AUTH_TOKEN }}",
        "NETLIFY_SITE_ID": "${{ secrets.NETLIFY_SITE_ID }}",
    }
    build_at = next(i for i, s in enumerate(steps(workflow)) if s.get("run") == "make site")
    assert build_at < steps(workflow).index(deploy)


def test_netlify_builds_with_make_site_and_publishes_site():
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    mkdocs = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0])
    # The command is `make site`, the same target the tests and CI run; its output folder is
    # MkDocs' site_dir, which Netlify publishes. (Fixture builds elsewhere run that build.)
    assert config["build"]["command"] == "make site"
    assert "site" in makefile_targets()
    assert config["build"]["publish"] == mkdocs["site_dir"] == "site"
    assert config["build"]["environment"]["PYTHON_VERSION"]


@pytest.mark.parametrize("context", ["deploy-preview", "branch-deploy"])
def test_previews_are_built_with_make_site_and_carry_noindex(tmp_path, context):
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    command = config["context"][context]["command"]
    build, _, after_build = command.partition(" && ")
    assert build == config["build"]["command"]
    (tmp_path / "site").mkdir()

    subprocess.run(["bash", "-c", after_build], cwd=tmp_path, check=True)

    assert (tmp_path / "site" / "_headers").read_text() == "/*\n  X-Robots-Tag: noindex\n"


def test_netlify_leaves_production_to_the_deploy_workflow():
    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert config["context"]["production"]["ignore"] == "exit 0"
    # Only the web editor, which is for contributors, is kept out of search engines in
    # production; every public page may be indexed.
    noindex = [rule["for"] for rule in config.get("headers", []) if "noindex" in str(rule)]
    assert noindex == ["/admin/*"]


def test_issue_templates_and_pull_request_template_exist_and_parse():
    templates = ROOT / ".github" / "ISSUE_TEMPLATE"
    forms = sorted(templates.glob("*.yml"))
    names = {path.name for path in forms}
    assert {"config.yml", "content-correction.yml", "suggest-an-opportunity.yml"} <= names
    for path in forms:
        form = load(path)
        if path.name == "config.yml":
            assert form["blank_issues_enabled"] in (True, False)
            continue
        assert form["name"] and form["description"] and form["body"]
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), path.name
    checklist = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert checklist.count("- [ ]") >= 3

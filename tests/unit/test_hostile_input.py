"""Hostile input that a corpus file cannot hold: symbolic links, valid-but-tricky YAML, body
text that only looks dangerous, and the checks of links that `act check` now makes."""

from __future__ import annotations

import json
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from act.addresses import site_problems
from act.charities.snapshot import parse_snapshot
from act.check import directive_problems
from act.content.body import body_findings, mask_code
from act.content.checker import check_content
from act.entry import PAGE_FORMS, PAGE_TEMPLATES
from act.mkdocs.search_plugin import SearchPlugin
from act.problems import Problem
from act.schema import Context, Url
from act.yamlfile import YamlDocument, parse_yaml
from support import FIXTURES, ROOT, act_check, make_project, run_build

DATA = FIXTURES / "site" / "data"
TODAY = date(2026, 6, 1)
SECRET = "ACT_TEST_SECRET_d41d8cd98f00"


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project("site", tmp_path / "project")


def whole_check(project: Path) -> list[Problem]:
    catalogue = check_content(project / "content", project / "data", TODAY)
    return (
        catalogue.problems
        + directive_problems(catalogue)
        + site_problems(catalogue, project / "data", project / "content", TODAY)
    )


@pytest.mark.parametrize(
    "make_link",
    [
        pytest.param(lambda c: (c / "leak.md").symlink_to("/proc/self/environ"), id="environ"),
        pytest.param(lambda c: (c / "os.txt").symlink_to("/etc/os-release"), id="file"),
        pytest.param(lambda c: (c / "prepare" / "loop").symlink_to(c), id="loop"),
        pytest.param(lambda c: (c / "self").symlink_to("self"), id="self-loop"),
        pytest.param(lambda c: (c / "etc").symlink_to("/etc", True), id="folder"),
    ],
)
def test_a_symbolic_link_is_refused_by_check_and_build_and_nothing_is_published(project, make_link):
    make_link(project / "content")
    done = act_check(project)
    assert done.returncode == 1
    assert "is a symbolic link" in done.stdout and "Traceback" not in done.stdout + done.stderr
    build = run_build(project)
    assert build.returncode != 0
    assert "is a symbolic link" in build.output and "Traceback" not in build.output
    assert not (project / "site").exists()


def test_a_link_in_data_or_overrides_stops_the_build(project):
    (project / "overrides" / "partials" / "act" / "leak.html").symlink_to("/proc/self/environ")
    build = run_build(project, quiet=False)
    assert build.returncode != 0
    assert "overrides/partials/act/leak.html" in build.output
    assert "is a symbolic link" in build.output


def test_the_environment_never_reaches_the_site(project, monkeypatch):
    """With a secret in the environment and every trick refused, a normal build holds none
    of it: what is published comes only from files in the repository."""
    monkeypatch.setenv("NETLIFY_AUTH_TOKEN", SECRET)
    build = run_build(project)
    assert build.returncode == 0, build.output
    for path in build.site.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_other_markdown_extensions_are_refused(project):
    (project / "content" / "prepare" / "notes.markdown").write_text("# Notes\n")
    problems = whole_check(project)
    assert any(
        p.path.endswith("prepare/notes.markdown") and "rename it to 'notes.md'" in p.hint
        for p in problems
    )


def test_a_merge_key_is_valid_yaml_and_its_own_keys_win():
    text = "base: &b {name: A, role: B}\nauthor:\n  <<: *b\n  role: C\n"
    doc, problems = parse_yaml(text, "x")
    assert problems == []
    assert doc.value["author"] == {"name": "A", "role": "C"}
    assert doc.line_of(("author", "role")) == 4


def test_invisible_characters_are_named_in_messages():
    problem = Problem("x.md", 3, "title\u200b", "'flood\u00a0ing' is not a known topic")
    assert "title[U+200B ZERO WIDTH SPACE]" in str(problem)
    assert "'flood[U+00A0 NO-BREAK SPACE]ing'" in str(problem)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("mailto:volunteer@example.org", True),
        ("mailto:volunteer@example.org?subject=Volunteering", True),
        ("mailto:volunteer@example.org?bcc=harvest@evil.example", False),
        ("mailto:volunteer@example.org?subject=Hi&body=Send%20your%20bank%20details", False),
        ("mailto:a@example.org,b@evil.example", False),
        ("tel:+44 20 7946 0000", True),
        ("tel:020-7946-0000", True),
        ("tel:call-us", False),
        ('https://example.org/?q="><script>', False),
    ],
)
def test_contact_links_are_what_they_claim(url, ok):
    ctx = Context(YamlDocument({}), "x.md")
    Url(also=("mailto", "tel")).check(url, ("contact",), ctx)
    assert (ctx.problems == []) is ok, [str(p) for p in ctx.problems]


@pytest.mark.parametrize(
    "body",
    [
        "Use `<script>` tags only in templates.",
        "```\n<iframe src=x></iframe>\n```",
        "    <style>indented code</style>",
        "Write <https://www.gov.uk/> or <help@example.org>.",
        "<details><summary>More</summary>\n\nText\n\n</details>",
        '<abbr title="Emergency">999</abbr> and <kbd>Ctrl</kbd>',
        "A < B and C > D, and 2 < 3.",
        "![Map](map.png)",
    ],
)
def test_bodies_that_only_look_dangerous_are_allowed(body):
    assert body_findings(mask_code(body)) == []


def test_code_masking_keeps_lines():
    text = "a\n```\n<script>\n```\nb <iframe>"
    assert [f.line for f in body_findings(mask_code(text))] == [5]


def test_a_page_at_a_generated_address_is_refused_naming_both(project):
    (project / "content" / "topics").mkdir()
    (project / "content" / "topics" / "flooding.md").write_text("---\ntitle: Mine\n---\n")
    problems = [p for p in whole_check(project) if p.is_error]
    assert any(
        "content/topics/flooding.md" in p.message
        and "data/topics.yml (topic 'flooding')" in p.message
        for p in problems
    ), [str(p) for p in problems]


def test_a_page_at_the_offline_address_is_refused_naming_the_template(project):
    (project / "content" / "offline.md").write_text("---\ntitle: Mine\n---\n")
    problems = [p for p in whole_check(project) if p.is_error]
    assert any(
        "content/offline.md" in p.message and "overrides/offline.html" in p.message
        for p in problems
    ), [str(p) for p in problems]


def test_a_showcase_id_that_takes_a_listing_address_is_refused(project):
    showcase = project / "data" / "showcase.yml"
    showcase.write_text(showcase.read_text().replace("id: alpha-recorder", "id: index", 1))
    problems = [p for p in whole_check(project) if p.is_error]
    [clash] = [p for p in problems if "project 'index'" in p.message]
    assert clash.path.endswith("data/showcase.yml")
    assert "the Projects page the site makes" in clash.message


def test_links_to_missing_pages_and_anchors_are_found_with_their_line(project):
    page = project / "content" / "about.md"
    text = page.read_text(encoding="utf-8")
    lines = text.count("\n")
    page.write_text(
        text + "\n[gone](prepare/no-such-page.md)\n\n[anchor](plan.md#no-such-heading)\n"
        "\n[web](prepare/)\n\n[fine](prepare/sandbag-basics.md)\n",
        encoding="utf-8",
    )
    found = {(p.line, p.message.split(":")[0]) for p in whole_check(project) if p.field == "link"}
    assert found == {
        (
            lines + 2,
            "'prepare/no-such-page.md' points at prepare/no-such-page.md, which does not exist",
        ),
        (lines + 4, "'plan.md#no-such-heading'"),
        (lines + 6, "'prepare/' is a web address, not a file"),
    }


def test_act_check_is_the_whole_check(project):
    """Links and addresses used to be found only by the build, without a line."""
    page = project / "content" / "about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n![Map](missing-map.png)\n", encoding="utf-8")
    done = act_check(project)
    assert done.returncode == 1
    line = text.count("\n") + 2
    assert f"content/about.md:{line}: link: 'missing-map.png' points at missing-map.png" in (
        done.stdout
    )


def test_snapshot_problems_are_reported_at_their_own_line():
    value = json.loads((ROOT / "data" / "charities" / "snapshot.json").read_text("utf-8"))
    value["charities"][1]["website"] = "http://insecure.example/"
    text = json.dumps(value, indent=2)
    _, problems = parse_snapshot(text, "snapshot.json")
    assert [p.field for p in problems] == ["charities[1].website"]
    assert '"website": "http://insecure.example/"' in text.splitlines()[problems[0].line - 1]


def test_every_page_layout_and_form_a_page_may_name_exists():
    """`template:` and `form:` are checked against these lists, so a name on them must be a
    file in overrides/: otherwise the build would stop with TemplateNotFound."""
    overrides = ROOT / "overrides"
    assert all((overrides / name).is_file() for name in PAGE_TEMPLATES)
    assert all((overrides / "partials/act/forms" / f"{name}.html").is_file() for name in PAGE_FORMS)


def test_stopping_the_preview_waits_for_a_background_reindex(tmp_path):
    """`mkdocs serve` deletes its site folder right after on_shutdown: a re-index still
    writing there made that fail ("Directory not empty") on a loaded machine."""
    written = tmp_path / "pagefind-entry.json"
    started = threading.Event()

    def reindex():
        started.set()
        time.sleep(0.3)  # stands in for Pagefind writing its files
        written.write_text("{}")

    plugin = SearchPlugin()
    plugin.worker = threading.Thread(target=reindex, daemon=True)
    plugin.worker.start()
    started.wait()
    plugin.on_shutdown()
    assert written.exists()

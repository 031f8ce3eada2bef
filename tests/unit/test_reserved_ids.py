"""The ids the theme and ACT's scripts rely on are reserved, and the list stays true."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from act.content.body import unsafe_html
from act.content.ids import is_reserved_id, reserved_id_message
from support import ROOT, make_project, run_build

MATERIAL = Path(material.__file__).parent / "templates"


def literal_ids(root: Path, pattern: str) -> set[str]:
    ids = set()
    for path in root.rglob(pattern):
        ids |= set(re.findall(r'\bid="([^"{}]+)"', path.read_text(encoding="utf-8")))
    return ids


def test_every_id_of_the_page_templates_forms_and_scripts_is_reserved():
    """Ids written out (id="..."), made by a template ({% set id = "act-plan-" ~ key %},
    hint("act-plan-pets-hint", ...)) or by a script (control.id = "act-plan-" + ...)."""
    # Fragments are only ever on generated pages, where no content body is.
    ours: set[str] = set()
    for path in (ROOT / "overrides").rglob("*"):
        if not path.is_file() or "fragments" in path.parts or path.suffix not in (".html", ".js"):
            continue
        text = path.read_text(encoding="utf-8")
        ours |= set(re.findall(r'\bid="([^"{}]+)', text))
        ours |= set(re.findall(r'set id = "([^"]+)"', text))
        ours |= set(re.findall(r'hint\("([^"]+)"', text))
        ours |= set(re.findall(r'\.id = "([^"]+)"', text))
    assert {"main-content", "act-plan-status", "act-plan-", "act-suggest-email"} <= ours
    assert [value for value in sorted(ours) if not is_reserved_id(value)] == []


def test_every_id_material_uses_and_every_id_our_scripts_read_is_reserved():
    material_ids = literal_ids(MATERIAL, "*.html") | set(
        re.findall(r'id="(__\w+)', "".join(p.read_text() for p in MATERIAL.rglob("*.html")))
    )
    assert "__config" in material_ids
    scripts = "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "overrides").rglob("*.js")
    ) + "".join(p.read_text(encoding="utf-8") for p in MATERIAL.rglob("bundle.*.min.js"))
    read = set(re.findall(r'getElementById\("([^"]+)"\)', scripts))
    read |= set(re.findall(r'querySelector(?:All)?\("#([\w-]+)"\)', scripts))
    assert "act-finder-count" in read
    assert [value for value in sorted(material_ids | read) if not is_reserved_id(value)] == []


def test_ordinary_headings_and_ids_are_not_reserved():
    for value in ["plan-how-to-get-out", "report-flooding", "search-tips", "main", "config"]:
        assert not is_reserved_id(value), value


@pytest.mark.parametrize(
    ("html", "value"),
    [
        ('<h2 id="__search">x</h2>', "__search"),
        ('<p id="act-plan">x</p>', "act-plan"),
        ("<div id='main-content'>", "main-content"),
        ('<span id="&#95;&#95;config">', "__config"),
    ],
)
def test_the_rendered_html_check_refuses_a_reserved_id_whatever_made_it(html, value):
    """The build checks every page's HTML too: a heading's id made by the toc extension is
    caught there even where the source check's reading of headings differs."""
    findings = unsafe_html(html)
    assert [f.message for f in findings] == [reserved_id_message(value)]
    assert unsafe_html('<h2 id="where-to-go">x</h2>') == []


def test_a_body_with_material_s_config_id_stops_the_build(tmp_path):
    project = make_project("site", tmp_path / "project")
    page = project / "content" / "about.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["", '<div id="__config">{"base": "https://example.org/"}</div>']
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0
    assert f"content/about.md:{len(lines)}: body: the id '__config'" in build.output
    assert "Traceback" not in build.output

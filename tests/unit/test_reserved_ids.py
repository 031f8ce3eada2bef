"""The ids the theme and ACT's scripts rely on are reserved, and the list stays true."""

from __future__ import annotations

import re
from pathlib import Path

import material

from act.content.ids import is_reserved_id
from support import ROOT

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

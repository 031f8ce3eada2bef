"""A data file edited in the web editor changes only what changed: overrides/admin/
act-yaml-keep.js writes back, as they were, the entries, fields and list items whose values
did not change. Run with Node on the real data/referrals.yml, as the editor's page runs it."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess

import pytest
import yaml

from support import ROOT

SCRIPT = """
import yaml from "{js_yaml}";
import {{ writeKeeping }} from "{keep}";
import fs from "fs";
const SCHEMA = yaml.CORE_SCHEMA.extend([yaml.types.merge]);
const text = fs.readFileSync("{data}", "utf8");
const lines = text.split("\\n");
const first = lines.findIndex((l) => l.trim() && !l.startsWith("#"));
const old = yaml.load(text, {{ schema: SCHEMA }});
const edited = JSON.parse(fs.readFileSync(0, "utf8"));
const dump = (v) => yaml.dump(v, {{ schema: SCHEMA, lineWidth: -1, noRefs: true }});
process.stdout.write(lines.slice(0, first).join("\\n") + "\\n" +
  writeKeeping(lines.slice(first).join("\\n"), old, edited, dump));
"""


def written(edited: list, tmp_path) -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed (it installs the web editor): install it")
    script = tmp_path / "write.mjs"
    script.write_text(
        SCRIPT.format(
            js_yaml=ROOT / ".cache/decap/js-yaml/js-yaml.mjs",
            keep=ROOT / "overrides/admin/act-yaml-keep.js",
            data=ROOT / "data/referrals.yml",
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [node, str(script)], input=json.dumps(edited), capture_output=True, text=True, check=True
    )
    return result.stdout


def changed_lines(after: str) -> list[str]:
    before = (ROOT / "data/referrals.yml").read_text(encoding="utf-8").splitlines()
    return [
        line
        for line in difflib.unified_diff(before, after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def as_the_form_gives_it(value):
    """What the form hands back for entries it did not touch: dates and numbers as text,
    empty lists for optional lists."""
    if isinstance(value, dict):
        return {k: as_the_form_gives_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_the_form_gives_it(v) for v in value]
    return value if isinstance(value, bool | str) or value is None else str(value)


@pytest.fixture
def needs():
    original = yaml.safe_load((ROOT / "data/referrals.yml").read_text(encoding="utf-8"))
    return as_the_form_gives_it(original)


def test_editing_one_helpline_changes_only_its_lines(needs, tmp_path):
    need = next(n for n in needs if len(n.get("helplines", [])) > 1)
    need["helplines"][1]["note"] = "Changed in the editor."
    need["helplines"][1]["free"] = not need["helplines"][1].get("free", False)
    after = written(needs, tmp_path)
    changed = changed_lines(after)
    added = [line for line in changed if line.startswith("+")]
    assert "+      note: Changed in the editor." in added and len(added) == 2, changed
    assert len(changed) <= 6, changed
    assert yaml.safe_load(after)[needs.index(need)]["helplines"][1]["note"] == (
        "Changed in the editor."
    )


def test_nothing_changed_writes_the_file_back_as_it_was(needs, tmp_path):
    assert changed_lines(written(needs, tmp_path)) == []


def test_a_new_helpline_adds_only_its_lines(needs, tmp_path):
    need = needs[0]
    need.setdefault("helplines", []).append(
        {"name": "A new line", "website": "https://www.example.org/", "free": True}
    )
    changed = changed_lines(written(needs, tmp_path))
    assert all(line.startswith("+") for line in changed) and len(changed) == 3, changed

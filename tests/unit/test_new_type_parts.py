"""`act new` for a type whose files are missing names each of them and writes nothing."""

from __future__ import annotations

import argparse
import shutil

import act.entry
from act.content.scaffold import run_new
from support import FIXTURES


def test_act_new_names_a_missing_body_and_template_and_writes_nothing(
    tmp_path, monkeypatch, capsys
):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "site", project)
    (project / "overrides" / "partials" / "act").mkdir(parents=True)
    monkeypatch.setattr(act.entry, "NEW_BODIES", tmp_path / "no-bodies")
    args = argparse.Namespace(
        kind="event", title="A meetup", content=project / "content", data=project / "data"
    )
    before = sorted(project.rglob("*"))
    assert run_new(args) == 1
    err = capsys.readouterr().err
    assert "act new: the event content type is missing files" in err
    assert "no-bodies/event.md:1: (file): the event content type has no starting text" in err
    assert "partials/act/event-header.html:1: (file)" in err
    assert "Traceback" not in err
    assert sorted(project.rglob("*")) == before

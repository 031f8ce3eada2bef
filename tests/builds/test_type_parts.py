"""A content type without one of its files stops the build and `act new` with a message naming
each missing file, before any page needs it, never with a traceback from the template engine
when the first page of that type is rendered."""

from __future__ import annotations

from support import act_check, make_project, run_build

MISSING = (
    "overrides/partials/act/event-header.html",
    "overrides/fragments/act/cards/event.html",
    "overrides/fragments/act/events.html",
)


def test_a_build_names_every_template_a_type_lacks(tmp_path):
    project = make_project("site", tmp_path / "project")
    for path in MISSING:
        (project / path).unlink()
    build = run_build(project)
    assert build.returncode != 0
    assert "A content type is missing files" in build.output
    for path in MISSING:
        assert f"{path}:1: (file): the event content type needs this template" in build.output
    assert "Traceback" not in build.output and "TemplateNotFound" not in build.output
    # `act check` reads content, not templates: it still passes.
    assert act_check(project).returncode == 0

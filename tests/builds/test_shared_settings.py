"""Settings several plugins need are declared once: the data folder is act/content's data_dir,
and act/charities (data_dir/referrals.yml and the snapshot) and act/editor (the taxonomies for
its forms) read it from there rather than from settings of their own."""

from __future__ import annotations

import shutil

import yaml

from support import make_project, run_build


def test_one_data_dir_moves_the_check_get_help_and_the_editor_together(tmp_path):
    project = make_project("site", tmp_path / "project")
    shutil.move(project / "data", project / "facts")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - act/content\n" in text
    config.write_text(
        text.replace("  - act/content\n", "  - act/content:\n      data_dir: facts\n"),
        encoding="utf-8",
    )
    needs = yaml.safe_load((project / "facts" / "referrals.yml").read_text(encoding="utf-8"))

    build = run_build(project)

    assert build.returncode == 0, build.output
    first_need = needs[0]["id"]
    assert (build.site / "get-help" / first_need / "index.html").is_file()
    editor = yaml.safe_load((build.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert editor["collections"], "the web editor's forms, made from facts/'s taxonomies"

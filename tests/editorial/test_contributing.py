"""CONTRIBUTING.md stays true: its template passes the check, its sample error is what we print."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap

from support import BIN, ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
FILE_NAME = "keep-your-home-safe-in-a-storm.md"


def fenced(language: str) -> str:
    """The first fenced block of `language` in the guide, without the list's indentation."""
    block = re.search(rf"^( *)```{language}\n(.*?)^\1```", GUIDE, flags=re.S | re.M)
    return textwrap.dedent(block.group(2))


def check(tmp_path, template: str) -> subprocess.CompletedProcess:
    (tmp_path / "content" / "prepare").mkdir(parents=True)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    # The search synonyms name words of the edition's pages, which this one-page site lacks.
    (tmp_path / "data" / "search-synonyms.yml").unlink()
    (tmp_path / "content" / "prepare" / FILE_NAME).write_text(template, encoding="utf-8")
    return subprocess.run(
        [str(BIN / "act"), "check"], cwd=tmp_path, capture_output=True, text=True, check=False
    )


def test_the_article_template_passes_the_check(tmp_path):
    done = check(tmp_path, fenced("markdown"))

    assert done.returncode == 0, done.stdout
    assert "no errors" in done.stdout


def test_the_sample_error_is_what_act_check_prints(tmp_path):
    template = fenced("markdown").replace("[severe-weather]", "[storms]")

    done = check(tmp_path, template)

    assert done.returncode == 1
    sample = fenced("text").strip()
    assert sample in done.stdout, (
        f"CONTRIBUTING.md shows:\n{sample}\nact check prints:\n{done.stdout}"
    )

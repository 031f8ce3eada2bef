"""Every page of the fixture site and of the real edition passes the Nu Html Checker (vnu), the
validator behind validator.w3.org. Only errors in Material's own markup are let through, each
listed below with the reason it cannot be fixed here. One JVM checks everything at once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import ROOT

VNU_JAR = Path(
    os.environ.get("ACT_VNU_JAR") or ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
)


@dataclass(frozen=True)
class MaterialError:
    message: str
    markup: str  # found in the element vnu points at: it is Material's, not ours
    reason: str


MATERIAL_ERRORS = [
    MaterialError(
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        'class="md-toggle"',
        "Material's base.html puts autocomplete=off on the drawer and search toggles "
        "(checkboxes) so Firefox does not restore them open; changing it means copying "
        "base.html, the whole page shell.",
    ),
    MaterialError(
        "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a "
        "valid integer.",
        'class="md-nav__link"',
        'Material\'s partials/nav-item.html writes tabindex="" on section labels with '
        "navigation.sections; changing it means copying that template.",
    ),
    MaterialError(
        "The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control.",
        'for="__toc"',
        "Material's partials/toc.html labels the __toc toggle, which nav-item.html renders only "
        "for pages in the nav; items are kept out of the nav on purpose (build time).",
    ),
]

# A page with an error of our kind: if the checker stopped reporting, the test would fail.
CANARY = (
    '<!doctype html><html lang="en"><title>Canary</title>'
    '<form action="" method="get"><button>Go</button></form></html>'
)


@dataclass(frozen=True)
class Finding:
    page: str
    line: int
    message: str
    markup: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}"

    def material_error(self) -> MaterialError | None:
        return next(
            (
                known
                for known in MATERIAL_ERRORS
                if known.message == self.message and known.markup in self.markup
            ),
            None,
        )


def check_html(*folders: Path) -> dict[Path, list[Finding]]:
    """vnu's errors for every HTML file under each folder, by folder."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.fail(f"The Nu Html Checker is not installed: run scripts/ensure-vnu ({VNU_JAR})")
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html"]
        + [str(folder) for folder in folders],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu exits 1 when it found errors; anything else means it did not check.
    assert done.returncode in (0, 1), done.stdout + done.stderr
    messages = json.loads(done.stderr)["messages"]
    findings: dict[Path, list[Finding]] = {folder: [] for folder in folders}
    for message in messages:
        assert message["type"] == "error", message
        file = Path(message["url"].removeprefix("file:"))
        folder = next(f for f in folders if file.is_relative_to(f))
        start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
        findings[folder].append(
            Finding(
                file.relative_to(folder).as_posix(),
                message.get("lastLine", 0),
                message["message"],
                message.get("extract", "")[start : start + length],
            )
        )
    return findings


@pytest.fixture(scope="module")
def findings(fixture_build, edition_site, tmp_path_factory):
    canary = tmp_path_factory.mktemp("canary")
    (canary / "index.html").write_text(CANARY, encoding="utf-8")
    found = check_html(canary, fixture_build.site, edition_site)
    return {
        "canary": found[canary],
        "fixture": found[fixture_build.site],
        "edition": found[edition_site],
    }


def ours(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings if f.material_error() is None]


def test_the_checker_reports_an_error_in_our_markup(findings):
    assert ours(findings["canary"]) == [
        "index.html:1: Bad value “” for attribute “action” on element “form”: Must be non-empty."
    ]


def test_the_fixture_site_has_no_html_errors_of_ours(findings):
    assert ours(findings["fixture"]) == []


def test_the_edition_has_no_html_errors_of_ours(findings):
    assert ours(findings["edition"]) == []


def test_every_material_error_let_through_still_happens(findings):
    """When Material fixes one, its entry goes."""
    seen = {f.material_error() for f in findings["fixture"] + findings["edition"]}
    assert [known.message for known in MATERIAL_ERRORS if known not in seen] == []

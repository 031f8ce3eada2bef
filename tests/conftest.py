"""Session fixtures shared by every test folder (helpers live in support.py)."""

from __future__ import annotations

import pytest

from support import Build, build_edition, make_project, run_build


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the fixture site's build (make golden)",
    )


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Build:
    """The fixture site, built once for the whole session."""
    project = make_project("site", tmp_path_factory.mktemp("fixture") / "project")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory):
    """The real edition in content/ and data/, built once with `mkdocs build --strict`."""
    return build_edition(tmp_path_factory.mktemp("edition") / "site")

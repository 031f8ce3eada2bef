"""`make platform-check` accepts only the differences docs/platform.md explains between a MkDocs
build and a ProperDocs build, and names every other one (scripts/platform_check.py)."""

from __future__ import annotations

from pathlib import Path

from platform_check import compare

MKDOCS_PAGE = (
    '<head>\n<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">\n</head>\n'
    "<p>{text}</p>\n"
)
PROPERDOCS_PAGE = MKDOCS_PAGE.replace("mkdocs-1.6.1", "mkdocs-ProperDocs 1.6.7")


def site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_generator_line_and_the_worker_version_are_the_only_differences_allowed(tmp_path):
    a = site(
        tmp_path / "a",
        {
            "index.html": MKDOCS_PAGE.format(text="Home"),
            "sw.js": 'const ACT = {\n "version": "e9fd67b51c71",\n};\n',
            "robots.txt": "User-agent: *\n",
        },
    )
    b = site(
        tmp_path / "b",
        {
            "index.html": PROPERDOCS_PAGE.format(text="Home"),
            "sw.js": 'const ACT = {\n "version": "39c360260416",\n};\n',
            "robots.txt": "User-agent: *\n",
        },
    )

    problems, explained = compare(a, b)

    assert problems == []
    assert explained["generator line"] == 1 and explained["sw.js version"] == 1


def test_any_other_difference_is_named_with_its_line(tmp_path):
    a = site(tmp_path / "a", {"index.html": MKDOCS_PAGE.format(text="Home"), "a.css": "x"})
    b = site(
        tmp_path / "b",
        {
            "index.html": PROPERDOCS_PAGE.format(text="Home!"),
            "b.css": "x",
        },
    )

    problems, _explained = compare(a, b)

    assert "a.css: only in the MkDocs build" in problems
    assert "b.css: only in the ProperDocs build" in problems
    differs = next(p for p in problems if p.startswith("index.html: differs"))
    assert "line 4" in differs and "Home!" in differs


def test_a_second_build_that_is_not_properdocs_is_refused(tmp_path):
    a = site(tmp_path / "a", {"index.html": MKDOCS_PAGE.format(text="Home")})
    b = site(tmp_path / "b", {"index.html": MKDOCS_PAGE.format(text="Home")})

    problems, _explained = compare(a, b)

    assert any("names ProperDocs as its generator" in p for p in problems)


def test_a_generator_line_that_changes_anything_else_is_not_explained(tmp_path):
    a = site(tmp_path / "a", {"index.html": MKDOCS_PAGE.format(text="Home")})
    changed = PROPERDOCS_PAGE.replace("mkdocs-material-9.8.2", "mkdocs-material-9.9.0")
    b = site(tmp_path / "b", {"index.html": changed.format(text="Home")})

    problems, _explained = compare(a, b)

    assert any(p.startswith("index.html: differs") for p in problems)

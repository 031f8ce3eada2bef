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


def worker(version: str, hashes: dict[str, str]) -> str:
    lines = ",\n".join(f'  "{path}": "{digest}"' for path, digest in hashes.items())
    size = 1000 + len(version)
    return (
        f'const ACT = {{\n "version": "{version}",\n "hashes": {{\n{lines}\n }},\n'
        f' "bytes": {size},\n}};\n'
    )


def test_a_saved_pages_hash_may_differ_only_when_the_page_differs_only_by_its_generator(
    tmp_path,
):
    # sw.js lists each saved file's content hash: a page whose only difference is the
    # generator line has another hash, and that is explained; a page that differs otherwise
    # is not, and neither is its hash.
    pages = {"index.html": "Home", "plan/index.html": "Plan"}
    a = site(
        tmp_path / "a",
        {name: MKDOCS_PAGE.format(text=text) for name, text in pages.items()}
        | {"sw.js": worker("e9fd67b51c71", {"./": "5292904e", "plan/": "11111111"})},
    )
    b = site(
        tmp_path / "b",
        {"index.html": PROPERDOCS_PAGE.format(text="Home")}
        | {"plan/index.html": PROPERDOCS_PAGE.format(text="Plan!")}
        | {"sw.js": worker("39c360260416abc", {"./": "938de405", "plan/": "22222222"})},
    )

    problems, explained = compare(a, b)

    assert [p.splitlines()[0] for p in problems] == [
        "plan/index.html: differs",
        "sw.js: differs",
    ]
    assert "plan/" in problems[1] and "./" not in problems[1]

    (tmp_path / "b" / "plan" / "index.html").write_text(PROPERDOCS_PAGE.format(text="Plan"))
    problems, explained = compare(a, b)
    assert problems == [] and explained["sw.js version"] == 1

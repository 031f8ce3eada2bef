"""Only files that are really in the repository: no symbolic links, only `.md` as Markdown.

A pull request is untrusted and is built with secrets in the environment. A symbolic link in
it can point anywhere on the build machine (/proc/self/environ, a key file), and the build
would publish what it points at; a link to its own folder would make the build loop. So a
link anywhere under content/, data/ or overrides/ is refused, without being followed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from act.problems import Problem

# What MkDocs reads as Markdown; ACT checks only .md, so the others would be published unchecked.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")


def walk(root: Path, shown: Callable[[Path], str]) -> tuple[list[Path], list[Problem]]:
    """Every regular file under `root`, sorted, and a problem for each symbolic link."""
    files: list[Path] = []
    problems: list[Problem] = []
    if root.is_symlink():
        return [], [_link_problem(root, shown)]
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in sorted(dirnames):
            if (here / name).is_symlink():
                problems.append(_link_problem(here / name, shown))
        for name in filenames:
            path = here / name
            if path.is_symlink():
                problems.append(_link_problem(path, shown))
            elif path.is_file():
                files.append(path)
    return sorted(files), problems


def link_problems(roots: list[Path], shown: Callable[[Path], str]) -> list[Problem]:
    """A problem for every symbolic link under any of `roots` (missing roots are skipped)."""
    return [p for root in roots if root.exists() or root.is_symlink() for p in walk(root, shown)[1]]


def _link_problem(path: Path, shown: Callable[[Path], str]) -> Problem:
    return Problem(
        shown(path),
        1,
        "",
        "is a symbolic link: the build only publishes files that are in the repository",
        "replace the link with the file itself (copy it in), or remove it",
    )


def other_markdown_problem(path: Path, shown: str) -> Problem | None:
    suffix = path.suffix.lower()
    if suffix in OTHER_MARKDOWN or (suffix == ".md" and path.suffix != ".md"):  # .MD too
        return Problem(
            shown,
            1,
            "",
            f"'{path.name}' is Markdown that the checks would not read",
            f"rename it to '{path.stem}.md'",
        )
    return None

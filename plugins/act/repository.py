"""Only files that are really in the repository, and from content/ only pages and images.

A pull request is untrusted and is built with secrets in the environment. A symbolic link in
it can point anywhere on the build machine (/proc/self/environ, a key file), and the build
would publish what it points at; a link to its own folder would make the build loop. So a
link anywhere under content/, data/ or overrides/ is refused, without being followed.

MkDocs publishes every other file of content/ as it is: an .html page whose script runs as
the site's own, a `_redirects` file Netlify obeys. So content/ may hold only Markdown pages
(`.md`, which the checks read) and images of the kinds below, each known by its first bytes
as well as its name (the site is served with `X-Content-Type-Options: nosniff`, so a browser
takes an image for what its name says and never runs it as a page). Anything else is an
error naming what it would have done; so is a file MkDocs would silently leave out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from act.problems import Problem

# What MkDocs reads as Markdown; ACT checks only .md, so the others would be published unchecked.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")

# The images content/ may hold, by the ending of their names, and the bytes each kind starts
# with. SVG is not one of them: it is a document that can carry scripts and event handlers,
# and cleaning it means agreeing with every browser's SVG parser on what is a script (a game
# of parser differences); refusing it is simple and safe, and a PNG shows the same drawing.
IMAGE_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}
IMAGE_ENDINGS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WebP": ".webp"}
# A picture on a page read on a phone, often with little signal: a photo saved for the web is
# a fraction of this.
MAX_IMAGE_BYTES = 1_000_000
# An image's name is part of its web address: letters, digits, '.', '-' and '_' only.
_IMAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

# What some other files would do if they were published, by name or by ending.
NETLIFY_RULES = {
    "_redirects": "redirect and proxy rules for the whole site (a proxy rule can serve "
    "another site under this one's address)",
    "_headers": "header rules for the whole site (they can loosen the Content-Security-Policy)",
}
_PAGE = (
    "it would be published as a web page of its own, unchecked, and any script in it "
    "would run as the site's own"
)
WHAT_IT_WOULD_DO = {
    ".html": _PAGE,
    ".htm": _PAGE,
    ".xhtml": _PAGE,
    ".js": "it would be published as a script of the site, which any page could run with "
    "the site's permissions (the Content-Security-Policy allows every script the site serves)",
    ".mjs": "it would be published as a script of the site, which any page could run",
    ".css": "it would be published as a stylesheet of the site, which can restyle or hide "
    "parts of any page",
    ".svg": "an SVG image can carry scripts and event handlers that run when it is opened, "
    "so the site does not publish SVG",
}
ONLY_PAGES_AND_IMAGES = (
    "content/ publishes only Markdown pages (.md) and PNG, JPEG, GIF or WebP images: "
    "remove the file, or put what it says in a page"
)


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


def unpublished_problem(path: Path, src_uri: str, shown: str) -> Problem | None:
    """Why a file of content/ (at `src_uri` in it) would not be published as a checked page
    or image, or None for a Markdown page or an image that is what its name says."""
    hidden = next((part for part in src_uri.split("/") if part.startswith(".")), None)
    if hidden is not None:
        return Problem(
            shown,
            1,
            "",
            f"'{hidden}' starts with a dot: MkDocs leaves such files and folders out of the "
            "site, so this file would be silently dropped",
            "rename it without the dot, or remove it",
        )
    if src_uri.startswith("templates/"):
        return Problem(
            shown,
            1,
            "",
            "MkDocs leaves content/templates/ out of the site (the folder is kept for theme "
            "templates), so this file would be silently dropped",
            "move the file to another folder",
        )
    other = other_markdown_problem(path, shown)
    if other is not None or path.suffix == ".md":
        return other
    if path.suffix.lower() in IMAGE_KINDS:
        return _image_problem(path, shown)
    if src_uri in NETLIFY_RULES:  # Netlify reads them at the top of the published folder
        return Problem(
            shown,
            1,
            "",
            f"'{path.name}' is not a page or an image: Netlify would obey it as "
            f"{NETLIFY_RULES[src_uri]}",
            "remove it: redirects and headers are set in netlify.toml, which a reviewer reads",
        )
    what = WHAT_IT_WOULD_DO.get(path.suffix.lower(), "it would be published as it is, unchecked")
    hint = ONLY_PAGES_AND_IMAGES
    if path.suffix.lower() == ".svg":
        hint = "export the drawing as a PNG and use that instead"
    return Problem(shown, 1, "", f"'{path.name}' is not a page or an image: {what}", hint)


def image_kind(head: bytes) -> str | None:
    """The kind of image a file's first bytes (12 are enough) belong to, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return None


def _image_problem(path: Path, shown: str) -> Problem | None:
    named = IMAGE_KINDS[path.suffix.lower()]
    if path.suffix != path.suffix.lower():
        return Problem(
            shown,
            1,
            "",
            f"'{path.name}': an image's name must end in lowercase '{path.suffix.lower()}'",
            f"rename it to '{path.stem}{path.suffix.lower()}'",
        )
    if not _IMAGE_NAME.fullmatch(path.name):
        return Problem(
            shown,
            1,
            "",
            f"'{path.name}' cannot be used in a web address",
            "use only letters, digits, '.', '-' and '_' in an image's name, like "
            "'flood-barrier.png'",
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as image:
            head = image.read(12)
    except OSError as err:
        return Problem(shown, 1, "", f"cannot be read: {err.strerror}", "check the file")
    if size > MAX_IMAGE_BYTES:
        return Problem(
            shown,
            1,
            "",
            f"the image is {size:,} bytes, over the {MAX_IMAGE_BYTES:,}-byte limit: readers on "
            "a phone would wait for it",
            "save it smaller for the web (at most 1,600 pixels wide is plenty)",
        )
    found = image_kind(head)
    if found == named:
        return None
    if found is None:
        message = f"'{path.name}' is named as a {named} image, but its bytes are not an image's"
        hint = f"save the picture again as a {named} file, or remove it"
    else:
        message = f"'{path.name}' is named as a {named} image, but it is a {found} image"
        hint = f"rename it to '{path.stem}{IMAGE_ENDINGS[found]}'"
    return Problem(shown, 1, "", message, hint)

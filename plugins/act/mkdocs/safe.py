"""Page values as Material's templates print them: escaped, since those templates do not
escape (MkDocs turns autoescaping off), and every value comes from an untrusted file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape


def head_meta(meta: Mapping[str, Any], entry) -> dict[str, Any]:
    """page.meta with the values Material writes into <head> escaped: the description from
    the summary, and the author's name (never the mapping of name, role and service)."""
    safe = {k: v for k, v in meta.items() if k not in ("author", "description")}
    summary = entry.summary if entry is not None else meta.get("summary")
    if isinstance(summary, str) and summary.strip():
        safe["description"] = escape(summary.strip())
    author = entry.data.get("author") if entry is not None else None
    if author:
        safe["author"] = escape(author["name"])
    return safe


def plain(text: str) -> str:
    """Text as it was written, from a value that may have been escaped for Material."""
    return text.unescape() if isinstance(text, Markup) else text


def template_names(custom_dir: str | None) -> frozenset[str]:
    """Every template in the theme's custom_dir (overrides/), by the name Jinja gives it."""
    if not custom_dir:
        return frozenset()
    root = Path(custom_dir)
    return frozenset(p.relative_to(root).as_posix() for p in root.rglob("*.html"))

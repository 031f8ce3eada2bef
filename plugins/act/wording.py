"""How ACT words things for people, in one place for every layer: paths, dates, counts."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path


def shown_path(path: Path) -> str:
    """A path as people should see it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def long_date(value: date) -> str:
    """2026-11-26 -> '26 November 2026' (GOV.UK style)."""
    return f"{value.day} {value:%B %Y}"


def plural(n: int, word: str) -> str:
    """plural(1, 'error') -> '1 error'; plural(3, 'error') -> '3 errors'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"

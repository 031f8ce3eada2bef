"""How ACT words things for people, in one place for every layer: paths, dates, counts."""

from __future__ import annotations

import os
from datetime import date, datetime
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


def clock_time(moment: datetime) -> str:
    """09:30 -> '9:30am', 17:00 -> '5pm', 12:00 -> 'midday' (GOV.UK style)."""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def event_when(start: datetime, end: datetime) -> str:
    """'Saturday 13 March 2027, 9:30am to 5pm', or across days 'Saturday 13 March 2027,
    9:30am to Sunday 14 March 2027, 5pm'."""
    first = f"{start:%A} {long_date(start.date())}, {clock_time(start)}"
    if end.date() == start.date():
        return f"{first} to {clock_time(end)}"
    return f"{first} to {end:%A} {long_date(end.date())}, {clock_time(end)}"

"""The date a build treats as today: ACT_BUILD_DATE=YYYY-MM-DD pins it for reproducible builds."""

from __future__ import annotations

import os
from datetime import date


class BuildDateError(ValueError):
    pass


def build_date() -> date:
    value = os.environ.get("ACT_BUILD_DATE", "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BuildDateError(
            f"ACT_BUILD_DATE='{value}' is not a date: use YYYY-MM-DD, or unset it to use today"
        ) from None

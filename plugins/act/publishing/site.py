"""What every machine-readable output needs to know about the site."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Site:
    name: str
    url: str  # absolute, ends with "/"
    description: str
    build_date: date

    def absolute(self, path: str) -> str:
        """A site-relative path ('prepare/x/') as a full address."""
        return self.url + path.lstrip("/")

"""What `act links` found last time, so a second run asks other sites only what is due.

Kept in the user's cache folder ($XDG_CACHE_HOME/act/links.json, else ~/.cache/act/links.json),
never in the repository. Only links that worked (or moved) are kept, for `max_age`; a dead or
unchecked link is always asked again, so a report never says a link is dead from memory.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from act.jsontext import json_text
from act.links.fetch import MOVED, OK, LinkResult

FORMAT = 1
REUSED = frozenset({OK, MOVED})


def default_cache_path(environ=os.environ) -> Path:
    """links.json in the user's cache folder (XDG), outside the repository."""
    base = environ.get("XDG_CACHE_HOME", "").strip()
    folder = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return folder / "act" / "links.json"


@dataclass
class ResultCache:
    """Results by address, each with when it was checked (timezone-aware)."""

    path: Path
    entries: dict[str, tuple[datetime, LinkResult]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> tuple[ResultCache, str | None]:
        """The cache at `path` (empty if there is none), and a note if it could not be read."""
        cache = cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cache, None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            return cache, f"could not read the cache {path} ({err}); checking every link"
        try:
            if data.get("format") != FORMAT:
                return cache, None  # an older cache: simply checked again
            for url, entry in data["results"].items():
                checked = datetime.fromisoformat(entry["checked_at"])
                if checked.tzinfo is None:
                    continue
                cache.entries[url] = (checked, LinkResult.from_json(entry["result"]))
        except (AttributeError, KeyError, TypeError, ValueError):
            cache.entries.clear()
            return cache, f"the cache {path} is not in the expected form; checking every link"
        return cache, None

    def fresh(self, url: str, now: datetime, max_age: timedelta) -> LinkResult | None:
        """The result kept for `url` if it worked and is younger than `max_age`."""
        entry = self.entries.get(url)
        if entry is None:
            return None
        checked, result = entry
        if result.verdict not in REUSED or not (now - max_age < checked <= now):
            return None
        return replace(result, from_cache=True)

    def store(self, result: LinkResult, now: datetime) -> None:
        if result.verdict in REUSED:
            self.entries[result.url] = (now, result)
        else:
            self.entries.pop(result.url, None)

    def save(self) -> str | None:
        """Write the cache (atomically); a note if it could not be written, else None."""
        data = {
            "format": FORMAT,
            "results": {
                url: {"checked_at": checked.isoformat(), "result": result.as_json()}
                for url, (checked, result) in sorted(self.entries.items())
            },
        }
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.path.parent, prefix=".links-", delete=False
            ) as handle:
                temporary = Path(handle.name)
                handle.write(json_text(data))
            os.replace(temporary, self.path)
        except OSError as err:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
            return f"could not write the cache {self.path} ({err.strerror or err})"
        return None

"""The service worker (sw.js): service_worker.js with the build's emergency set written in."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib.resources import files

from act.offline.emergency_set import KEEP_OPENED_DAYS, NEVER_KEPT, OFFLINE_PAGE, Precache

PLACEHOLDER = "/* ACT_OFFLINE_CONFIG */ null"


def worker_template() -> str:
    return files("act.offline").joinpath("service_worker.js").read_text(encoding="utf-8")


def service_worker(precache: Precache, private_pages: Iterable[str] = ()) -> str:
    """sw.js for this build. Its version changes when a file of the emergency set or the
    worker's own code changes, so a new deploy brings a new worker; each file's content hash
    lets that worker fetch only the files that changed.
    `private_pages` (pages with an "Exit this page" button) are never kept, in the set or
    when visited: a saved copy would show that someone read them."""
    private = sorted(set(private_pages))
    if set(private) & set(precache.pages):
        raise ValueError("a page with an 'Exit this page' button is in the emergency set")
    template = worker_template()
    if PLACEHOLDER not in template:
        raise ValueError(f"service_worker.js has lost its placeholder {PLACEHOLDER!r}")
    version = hashlib.sha256((precache.version + template).encode()).hexdigest()[:12]
    config = {
        "version": version,
        "precache": precache.urls,
        "hashes": precache.url_hashes,
        "bytes": precache.gzipped_bytes,
        "keepOpenedDays": KEEP_OPENED_DAYS,
        "offlinePage": OFFLINE_PAGE,
        "neverKept": list(NEVER_KEPT),
        "privatePages": private,
    }
    # json.dumps escapes every character that could end the value; the paths are the build's own.
    return template.replace(PLACEHOLDER, json.dumps(config, indent=1), 1)

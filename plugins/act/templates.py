"""The one Jinja set-up of our templates: the filters every template may use, and the
environment the generated pages' fragments are rendered in (MkDocs' own environment gets the
same filters in act/content's on_env)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from act.collections import PROGRAMME_STATUSES, PROJECT_STATUSES
from act.types import CONTENT_TYPES
from act.wording import event_when, long_date

FILTERS = {"long_date": long_date, "event_when": event_when}
# The words shown for each vocabulary's values, in every template (`labels` in fragments,
# `act_labels` in page templates): one table, so a page and a listing never word them apart.
# Each content type's own (`labels` on its class), then the data collections'.
LABELS = {
    **{name: words for t in CONTENT_TYPES for name, words in t.labels.items()},
    "status": {**PROGRAMME_STATUSES, **PROJECT_STATUSES},
}


def fragment_environment(template_dirs: list[Path]) -> Environment:
    """Jinja for our fragments: autoescaped, strict about missing names, with our filters."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env

"""Element ids the site's own layout and scripts rely on, which content may not use.

Material's script reads its configuration from the element with the id `__config` (a body
holding `<div id="__config">` gave it another base address, or stopped its header, navigation
and search) and finds its drawer, search and table of contents by id; ACT's scripts find the
plan's form, the finder's count and the exit button's status the same way, and labels and
hints point at form fields by id. A browser takes the first element with an id, and a page's
body comes before most of these, so a body using one would be read in its place.
"""

from __future__ import annotations

import re

# Material's ids all start with two underscores, ACT's own with "act-"; and the skip link's
# target. A test keeps this true of every id in overrides/ and in Material's templates.
_RESERVED_PREFIX = re.compile(r"__|act-")
THEME_IDS = frozenset(["main-content"])
RESERVED_ID_HINT = (
    "choose another id (for a heading, add one: ## Act fast {#acting-fast}); ids starting __ "
    "or act- belong to the site"
)


def is_reserved_id(value: str) -> bool:
    """True for an id the site's layout or scripts use."""
    value = value.strip()
    return bool(_RESERVED_PREFIX.match(value)) or value in THEME_IDS


def reserved_id_message(value: str) -> str:
    return f"the id '{value.strip()}' is one the site's own layout and scripts use"

"""The registry of content types: each is one module here (act/types/<kind>.py) holding its
vocabularies, schema and rules, its `Entry` subclass, its queries, listing sources and pages,
and its JSON-LD, on the ground floor of act/entry.py and act/listing.py. A new type is its
module, its templates and `act new` body (types/new/<kind>.md), and one line below."""

from __future__ import annotations

from act.entry import Entry
from act.types.article import Article
from act.types.event import Event
from act.types.opportunity import Opportunity
from act.types.reserve import Reserve

# Every content type, in the order they are shown (search filters, the editor).
CONTENT_TYPES: tuple[type[Entry], ...] = (Article, Opportunity, Reserve, Event)
TYPE_BY_SECTION = {t.section: t for t in CONTENT_TYPES}
TYPE_BY_KIND = {t.kind: t for t in CONTENT_TYPES}

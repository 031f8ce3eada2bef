"""Property-based: any YAML value in any field of any schema gives problems, never an exception.

Values are drawn two ways for every field: anything YAML or JSON can hold (null, true, numbers,
text with invisible characters, dates, lists, mappings, nested), and values shaped like the
field (so the rules that run only on valid records run too). The same goes through the real
text path: front matter written out as YAML and checked as `act check` reads it; snapshot JSON
through the snapshot reader.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from act.charities.referrals import NEED
from act.charities.snapshot import SNAPSHOT, parse_snapshot
from act.collections import COLLECTIONS
from act.content.checker import check_text
from act.entry import Entry
from act.schema import Boolean, Choice, Context, Integer, IsoDate, ListOf, Record, TaxonomyTerm, Url
from act.taxonomies import REGION, TOPIC
from act.types import CONTENT_TYPES
from act.yamlfile import YamlDocument

TODAY = date(2026, 6, 1)
TAXONOMIES = {
    "topics": {"flooding": "Flooding"},
    "regions": {"london": "London"},
    "areas": {"london": "London (Metropolitan Police District)"},
}
DATA_RECORDS = {"topic": TOPIC, "region": REGION, "need": NEED, **COLLECTIONS}
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(["\u200b", "flood\u00a0ing", "2026-02-30", "", "  ", "<script>", "∞"]),
    st.dates().map(str),
    st.dates(),
)
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def shaped(kind) -> st.SearchStrategy:
    """Values for `kind`: anything at all, or something of its shape."""
    if isinstance(kind, Record):
        fields = {f.name: shaped(f.kind) for f in kind.fields}
        return st.one_of(anything, st.fixed_dictionaries({}, optional=fields))
    if isinstance(kind, ListOf):
        return st.one_of(anything, st.lists(shaped(kind.item), max_size=3))
    if isinstance(kind, Choice):
        return st.one_of(anything, st.sampled_from(list(kind.values)))
    if isinstance(kind, TaxonomyTerm):
        return st.one_of(anything, st.sampled_from(list(TAXONOMIES[kind.taxonomy])))
    if isinstance(kind, IsoDate):
        return st.one_of(anything, st.dates(date(2000, 1, 1), date(2030, 1, 1)).map(str))
    if isinstance(kind, Integer):
        return st.one_of(anything, st.integers(kind.minimum, kind.maximum))
    if isinstance(kind, Boolean):
        return st.one_of(anything, st.booleans())
    if isinstance(kind, Url):
        return st.one_of(anything, st.sampled_from(["https://www.gov.uk/", "mailto:a@b.org"]))
    return st.one_of(anything, st.text(min_size=1, max_size=20))


def check(schema: Record, value) -> list:
    ctx = Context(YamlDocument(value), "x.yml", TAXONOMIES)
    schema.check(value, (), ctx)
    return ctx.problems


def front_matter(data) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n\nBody.\n"


def test_every_data_record_is_fuzzed():
    # Content types are fuzzed from the registry (below); a data collection from its own
    # (act.collections.COLLECTIONS), which DATA_RECORDS holds whole.
    assert {name: DATA_RECORDS[name] for name in COLLECTIONS} == COLLECTIONS


@pytest.mark.parametrize("content_type", [*CONTENT_TYPES, Entry], ids=lambda t: t.kind)
@SETTINGS
@given(data=st.data())
def test_front_matter_of_any_shape_gives_problems_not_exceptions(content_type, data):
    value = data.draw(shaped(content_type.schema))
    check(content_type.schema, value)
    src_uri = f"{content_type.section}/probe.md" if content_type.section else "probe.md"
    entry, problems, _ = check_text(front_matter(value), "x.md", src_uri, TAXONOMIES, TODAY)
    assert entry is not None or [p for p in problems if p.is_error]


@pytest.mark.parametrize("record", DATA_RECORDS.values(), ids=list(DATA_RECORDS))
@SETTINGS
@given(data=st.data())
def test_data_record_of_any_shape_gives_problems_not_exceptions(record, data):
    problems = check(record, data.draw(shaped(record)))
    assert all(p.message and p.hint is not None for p in problems)


@SETTINGS
@given(value=shaped(SNAPSHOT))
def test_snapshot_json_of_any_shape_gives_problems_not_exceptions(value):
    text = json.dumps(value, default=str)
    snapshot, problems = parse_snapshot(text, "snapshot.json")
    assert snapshot is not None or problems


@SETTINGS
@given(body=st.text(max_size=300))
def test_any_body_text_gives_problems_not_exceptions(body):
    text = front_matter({"title": "A page"}) + body
    check_text(text, "x.md", "about.md", TAXONOMIES, TODAY)

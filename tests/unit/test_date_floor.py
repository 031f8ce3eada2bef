"""A page's `published` and `updated` dates cannot be before the site: a year typed into a
date picker that came out as 1906, or written in two digits, is refused with its line."""

from __future__ import annotations

import pytest

from act.entry import PUBLISHING, UPDATED
from act.schema import Context
from act.yamlfile import parse_yaml


def problems_for(field, text: str):
    doc = parse_yaml(f"{field.name}: {text}\n", "content/prepare/page.md")[0]
    ctx = Context(doc, "content/prepare/page.md")
    field.kind.check(doc.value[field.name], (field.name,), ctx)
    return ctx.problems


PUBLISHED = next(f for f in PUBLISHING if f.name == "published")


@pytest.mark.parametrize("field", [PUBLISHED, UPDATED], ids=["published", "updated"])
@pytest.mark.parametrize("typed", ["1906-12-01", "0026-12-01", "2019-12-31"])
def test_a_date_before_the_site_is_refused(field, typed):
    (problem,) = problems_for(field, typed)
    assert problem.line == 1 and problem.field == field.name
    assert "before 2020" in problem.message and "year" in problem.hint


@pytest.mark.parametrize("field", [PUBLISHED, UPDATED], ids=["published", "updated"])
def test_a_date_of_the_site_is_accepted(field):
    assert problems_for(field, "2026-12-05") == []

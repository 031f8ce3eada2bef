"""The listing directive any page can use: `<!-- act:listing source=opportunities limit=5 -->`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from act.content.body import LineIndex, mask_code
from act.listing import ORDERS
from act.listings.sources import SOURCES
from act.problems import Problem

DIRECTIVE = re.compile(r"<!--\s*act:listing\b(?P<args>(?:(?!<!--).)*?)-->", re.S)
# An opening with no --> before the next comment or the end.
UNCLOSED = re.compile(r"<!--\s*act:listing\b(?!(?:(?!<!--).)*?-->)", re.S)
ARGUMENT = re.compile(r"(?P<key>[a-z_]+)=(?P<value>\"[^\"]*\"|[^\s\"]+)")


@dataclass(frozen=True)
class Directive:
    source: str
    filters: dict[str, str]
    limit: int | None
    order: str
    start: int
    end: int


def find_directives(
    markdown: str, shown_as: str, vocabulary: dict[str, dict[str, set[str]]] | None = None
) -> tuple[list[Directive], list[Problem]]:
    """Every directive in a page, checked; problems name the page and line.

    `vocabulary` maps each source to the values each of its filters accepts
    (`act.listings.sources.vocabulary`); without it, filter values are not checked.
    """
    directives: list[Directive] = []
    problems: list[Problem] = []
    masked = mask_code(markdown)  # a directive shown in code is an example, not a listing
    lines = LineIndex(masked)
    for match in UNCLOSED.finditer(masked):
        problems.append(
            Problem(
                shown_as,
                lines.line(match.start()),
                "act:listing",
                "the listing is not closed, so it would be shown as text",
                "end it with -->, like <!-- act:listing source=articles -->",
            )
        )
    for match in DIRECTIVE.finditer(masked):
        line = lines.line(match.start())

        def problem(field: str, message: str, hint: str, line=line) -> None:
            problems.append(Problem(shown_as, line, field, message, hint))

        args = {m["key"]: m["value"].strip('"') for m in ARGUMENT.finditer(match["args"])}
        leftover = ARGUMENT.sub("", match["args"]).strip()
        if leftover:
            problem(
                "act:listing",
                f"cannot read '{leftover}'",
                "write options as key=value, separated by spaces",
            )
        source = args.pop("source", None)
        if source is None:
            problem(
                "act:listing source",
                "the listing does not say what to list",
                "add source= one of: " + ", ".join(SOURCES),
            )
            continue
        if source not in SOURCES:
            problem(
                "act:listing source",
                f"unknown source '{source}'",
                "use source= one of: " + ", ".join(SOURCES),
            )
            continue
        limit = args.pop("limit", None)
        if limit is not None and not (limit.isdigit() and int(limit) > 0):
            problem(
                "act:listing limit", f"'{limit}' is not a positive whole number", "write limit=5"
            )
            limit = None
        order = args.pop("order", SOURCES[source].order)
        if order not in ORDERS:
            problem(
                "act:listing order",
                f"unknown order '{order}'",
                "use order= one of: " + ", ".join(ORDERS),
            )
        accepted = (vocabulary or {}).get(source, {})
        for key in args:
            if SOURCES[source].filter(key) is None:
                allowed = ", ".join((*(f.name for f in SOURCES[source].filters), "limit", "order"))
                problem(
                    f"act:listing {key}",
                    f"{source} cannot be filtered by '{key}'",
                    f"use one of: {allowed}",
                )
            elif key in accepted and args[key] not in accepted[key]:
                problem(
                    f"act:listing {key}",
                    f"{source} have no {key} '{args[key]}'"
                    if vocabulary and _known_elsewhere(vocabulary, key, args[key])
                    else f"unknown {key} '{args[key]}'",
                    "use one of: " + ", ".join(sorted(accepted[key])),
                )
        directives.append(
            Directive(
                source, args, int(limit) if limit else None, order, match.start(), match.end()
            )
        )
    return directives, problems


def _known_elsewhere(vocabulary: dict[str, dict[str, set[str]]], key: str, value: str) -> bool:
    """Whether another source's filter of the same name accepts the value (a project status
    given to programmes), so the message can say it is the wrong source, not a typo."""
    return any(value in filters.get(key, ()) for filters in vocabulary.values())

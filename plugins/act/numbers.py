"""data/numbers.yml: every emergency and utility number the site shows, with the nations each
serves, and the check that no page or helpline names a number to a nation it does not serve.

The home page's emergency box, the Get help panel, the plan's numbers and its wallet card are
rendered from this file, so a number is written once, with its source and the day it was checked.

The nation check, one rule. Each time a page or helpline names one of these numbers (found as
tap-to-call links are, by act.markdown.phone), it says it to some nations: the nations named in
the same sentence ("In Northern Ireland, call ..."), or else everyone the place is for (a page's
`nations`, or the nations of its `regions`; a helpline's `nations`; all four when it names none).
Then:

- the number must serve one of those nations ("In Northern Ireland, call 105" is wrong), and
- each of those nations it does not serve, where its service has a number of its own, must find
  that number on the same page or helpline ("Call 105" to everyone needs Northern Ireland's
  03457 643 643 beside it).

Where a service has no number for a nation (`elsewhere`: NHS 111 and Northern Ireland), the
check cannot ask for one: the page should say in words what people there should do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from act.datafiles import load_records
from act.entry import NATIONS, SOURCE
from act.markdown.phone import dialled, find_numbers
from act.problems import Problem
from act.schema import MISSING, Choice, Context, Field, IsoDate, ListOf, Record, Slug, Text
from act.yamlfile import Path_, dotted, parse_yaml, read_text

NUMBERS_FILE = "numbers.yml"
PHONE_PATTERN = re.compile(r"^\d[\d ]{1,18}\d$")
ALL_NATIONS = tuple(NATIONS)

NATIONS_FIELD = Field(
    "nations",
    ListOf(Choice(NATIONS), min_items=1),
    doc="the nations it serves: england, wales, scotland, northern-ireland",
    example="[england, wales, scotland]",
)
SOURCES_FIELD = Field(
    "sources",
    ListOf(SOURCE, min_items=1),
    doc="the official pages that give it, and where it works: a list of {title, url}",
)
CHECKED_FIELD = Field(
    "checked",
    IsoDate(),
    doc="the day it was last checked against its sources",
    example="2026-12-05",
)


class PhoneNumber(Text):
    """A UK phone number as people dial it: digits and single spaces, like 0808 2000 247."""

    label = "phone number (digits and spaces)"

    def check(self, value, path, ctx):
        text = str(value).strip() if isinstance(value, int | str) else None
        if isinstance(value, bool) or not text or not PHONE_PATTERN.match(text):
            ctx.report(
                path,
                f"'{value}' is not a phone number",
                "write it as people dial it, in quotes, digits and spaces only: '0808 2000 247'",
            )
            return MISSING
        return re.sub(r" +", " ", text)

    def form_widget(self, name, form, field=None, within_optional=""):
        return {
            "widget": "string",
            "pattern": [PHONE_PATTERN.pattern, "Digits and spaces, like 0808 2000 247"],
        }


def _each_nation_once(record: dict, path: Path_, ctx: Context) -> None:
    seen = record["nations"]
    if len(set(seen)) < len(seen):
        ctx.report(path + ("nations",), "names a nation twice", "name each nation once")


def _remember_line(record: dict, path: Path_, ctx: Context) -> None:
    # The check of pages and helplines, and the duplicate check, point back here.
    record["line"] = ctx.doc.line_of(path + ("number",) if "number" in record else path)


NUMBER = Record(
    [
        Field("number", PhoneNumber(), doc="as people dial it", example="'105'"),
        Field(
            "name",
            Text(),
            required=False,
            doc="who answers, when it has a name of its own",
            example="NIE Networks",
        ),
        Field(
            "what",
            Text(),
            required=False,
            doc="what this number is for, when it differs from the service's `what`",
        ),
        NATIONS_FIELD,
        SOURCES_FIELD,
        CHECKED_FIELD,
    ],
    rules=[_each_nation_once, _remember_line],
)

ELSEWHERE = Record(
    [
        NATIONS_FIELD,
        Field(
            "advice",
            Text(),
            doc="what to do there instead, in a sentence",
            example="When your GP surgery is closed, call GP Out of Hours.",
        ),
        SOURCES_FIELD,
        CHECKED_FIELD,
    ],
    rules=[_each_nation_once],
)


def _every_nation_once(service: dict, path: Path_, ctx: Context) -> None:
    """Each nation has one answer in a service: the numbers that serve it (numbers serving
    the very same nations are alternatives: 999 or 112), or `elsewhere` advice."""
    claimed: dict[str, tuple[str, ...]] = {}
    for index, number in enumerate(service["numbers"]):
        group = tuple(sorted(number["nations"]))
        for nation in group:
            if claimed.get(nation, group) != group:
                ctx.report(
                    path + ("numbers", index, "nations"),
                    f"{NATIONS.get(nation, nation)} is served by another number of this service "
                    "that serves other nations",
                    "give each nation one number (or numbers that serve exactly the same nations)",
                )
            claimed.setdefault(nation, group)
    for index, other in enumerate(service["elsewhere"]):
        for nation in other["nations"]:
            if nation in claimed:
                ctx.report(
                    path + ("elsewhere", index, "nations"),
                    f"{NATIONS.get(nation, nation)} has a number in this service already",
                    "remove it here, or from the number",
                )
            claimed.setdefault(nation, ("elsewhere",))
    missing = [n for n in NATIONS if n not in claimed]
    if missing:
        ctx.report(
            path + ("numbers",),
            f"says nothing for {nation_list(missing)}",
            "add the number that serves it, or an `elsewhere` entry saying what to do there",
        )


SERVICE = Record(
    [
        Field("id", Slug(), doc="a name for the service; never rename", example="power-cut"),
        Field("name", Text(), doc="its short name, shown before the numbers", example="Power cut"),
        Field(
            "what",
            Text(),
            doc="when to call, in a sentence",
            example="Report a power cut, or get an update.",
        ),
        Field("numbers", ListOf(NUMBER, min_items=1), doc="its numbers, each with its nations"),
        Field(
            "elsewhere",
            ListOf(ELSEWHERE),
            required=False,
            default=[],
            doc="for nations it has no number in: what to do there",
        ),
    ],
    rules=[_every_nation_once],
)


def nation_list(nations: Iterable[str]) -> str:
    """'England, Scotland and Wales', in the usual order; 'the whole UK' for all four."""
    ordered = [n for n in NATIONS if n in set(nations)]
    if len(ordered) == len(NATIONS):
        return "the whole UK"
    names = [NATIONS[n] for n in ordered]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _short_list(nations: Iterable[str]) -> str:
    """'England, Scotland, Wales': the label beside a number (Great Britain's nations in the
    order people say them)."""
    order = ("england", "scotland", "wales", "northern-ireland")
    return ", ".join(NATIONS[n] for n in order if n in set(nations))


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Number:
    number: str
    nations: tuple[str, ...]
    sources: tuple[Source, ...]
    checked: date
    name: str | None = None
    what: str | None = None
    line: int = 0

    @property
    def tel(self) -> str:
        return dialled(self.number)


@dataclass(frozen=True)
class Option:
    """What one group of nations does in a service: call these numbers, or follow `advice`.

    `where` is the label a page for everyone shows beside it ('England, Scotland, Wales');
    empty when it serves the whole UK."""

    nations: tuple[str, ...]
    numbers: tuple[Number, ...] = ()
    advice: str | None = None
    sources: tuple[Source, ...] = ()
    checked: date | None = None

    @property
    def where(self) -> str:
        return "" if set(self.nations) == set(NATIONS) else _short_list(self.nations)

    @property
    def name(self) -> str | None:
        return self.numbers[0].name if self.numbers else None

    @property
    def what(self) -> str | None:
        return self.numbers[0].what if self.numbers else None

    @property
    def short_where(self) -> str:
        """The label on the wallet card, where space is short: 'GB', 'NI', or the nations."""
        nations = set(self.nations)
        if nations == set(NATIONS):
            return ""
        if nations == {"england", "wales", "scotland"}:
            return "GB"
        return "NI" if nations == {"northern-ireland"} else self.where

    @property
    def nation_ids(self) -> str:
        """For the plan's script: the nations, separated by spaces."""
        return " ".join(self.nations)


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    what: str
    numbers: tuple[Number, ...]
    elsewhere: tuple[Option, ...] = ()

    @property
    def options(self) -> tuple[Option, ...]:
        """Numbers serving the same nations together (999 or 112), then `elsewhere` advice;
        the option for most nations first."""
        groups: dict[tuple[str, ...], list[Number]] = {}
        for number in self.numbers:
            groups.setdefault(tuple(sorted(number.nations)), []).append(number)
        options = [
            Option(
                tuple(n for n in NATIONS if n in nations),
                tuple(numbers),
                sources=tuple(s for n in numbers for s in n.sources),
                checked=min(n.checked for n in numbers),
            )
            for nations, numbers in groups.items()
        ]
        options.sort(key=lambda option: -len(option.nations))
        return (*options, *self.elsewhere)

    def numbers_for(self, nation: str) -> tuple[Number, ...]:
        return tuple(n for n in self.numbers if nation in n.nations)


@dataclass
class Numbers:
    """Every service in data/numbers.yml, in the file's order."""

    services: list[Service] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.services)

    def get(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def by_digits(self) -> dict[str, tuple[Service, Number]]:
        return {n.tel: (s, n) for s in self.services for n in s.numbers}

    @property
    def sources(self) -> list[Source]:
        """Every source once, in order: for 'Where these numbers come from'."""
        seen: dict[str, Source] = {}
        for service in self.services:
            for option in service.options:
                for source in option.sources:
                    seen.setdefault(source.url, source)
        return list(seen.values())


def load_numbers(path: Path, shown_as: str) -> tuple[Numbers, list[Problem]]:
    """Read and check data/numbers.yml; a site without one shows no numbers but 999."""
    if not path.exists():
        return Numbers(), []
    records, problems = load_records(path, SERVICE, shown_as)
    first: dict[str, tuple[str, int]] = {}
    for record in records:
        for number in record["numbers"]:
            digits = dialled(number["number"])
            if digits in first:
                service, line = first[digits]
                problems.append(
                    Problem(
                        shown_as,
                        number["line"],
                        "number",
                        f"{number['number']} is already listed under '{service}' on line {line}",
                        "list each number once, under the service it is for",
                    )
                )
            first.setdefault(digits, (record["id"], number["line"]))
    return Numbers([_service(r) for r in records]), problems


def _sources(record: dict) -> tuple[Source, ...]:
    return tuple(Source(s["title"], s["url"]) for s in record["sources"])


def _service(record: dict) -> Service:
    return Service(
        id=record["id"],
        name=record["name"],
        what=record["what"],
        numbers=tuple(
            Number(
                number=n["number"],
                nations=tuple(n["nations"]),
                sources=_sources(n),
                checked=n["checked"],
                name=n.get("name"),
                what=n.get("what"),
                line=n["line"],
            )
            for n in record["numbers"]
        ),
        elsewhere=tuple(
            Option(
                tuple(x for x in NATIONS if x in e["nations"]),
                advice=e["advice"],
                sources=_sources(e),
                checked=e["checked"],
            )
            for e in record["elsewhere"]
        ),
    )


# --- The nation check ----------------------------------------------------------------------


# A number as a place names it: its digits, its line, and the nations named in its sentence.
Mention = tuple[str, int, tuple[str, ...]]

_NATION_NAMES = re.compile(r"\b(England|Wales|Scotland|Northern Ireland|Great Britain)\b")
_GREAT_BRITAIN = ("england", "wales", "scotland")
_NATION_IDS = {name: nation for nation, name in NATIONS.items()}
# Where a sentence ends: a full stop, ! or ? before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True)
class Claim:
    """A place that names phone numbers to some nations: a page, or one helpline."""

    shown: str
    field: str
    nations: tuple[str, ...]
    named: tuple[Mention, ...]


def numbers_in(text: str, first_line: int) -> list[Mention]:
    """Each phone number in `text` (whose first line is `first_line`), with its line and the
    nations its sentence names."""
    found = []
    for match in find_numbers(text):
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
        start = ends[-1] if ends else 0
        after = _SENTENCE_END.search(text, match.end())
        sentence = text[start : after.start() if after else len(text)]
        line = first_line + text.count("\n", 0, match.start())
        found.append((dialled(match.group()), line, nations_named(sentence)))
    return found


def nations_named(text: str) -> tuple[str, ...]:
    """The nations `text` names ('Great Britain' is England, Wales and Scotland)."""
    named: set[str] = set()
    for match in _NATION_NAMES.finditer(text):
        word = match.group(1)
        named.update(
            _GREAT_BRITAIN if word == "Great Britain" else [word.lower().replace(" ", "-")]
        )
    return tuple(n for n in NATIONS if n in named)


def claim_problems(claim: Claim, numbers: Numbers) -> list[Problem]:
    """Where `claim` names a number for nations it does not serve (see the module's rule)."""
    known = numbers.by_digits()
    mentions = [(*known[d], line, scope) for d, line, scope in claim.named if d in known]
    # Every nation some mention of a service's numbers serves, on this page or helpline.
    served: dict[str, set[str]] = {}
    for service, number, _, _ in mentions:
        served.setdefault(service.id, set()).update(number.nations)
    problems = []
    for service, number, line, scope in mentions:
        speaks_to = scope or claim.nations
        if not set(speaks_to) & set(number.nations):
            missing = list(speaks_to)
            message = f"says {number.number} ({service.name}) to {nation_list(speaks_to)}"
        else:
            missing = [
                n for n in speaks_to if n not in served[service.id] and service.numbers_for(n)
            ]
            message = (
                f"names {number.number} ({service.name}) for everyone, "
                f"without {nation_list(missing)}'s own number"
            )
        if missing:
            problems.append(
                Problem(
                    claim.shown,
                    line,
                    claim.field,
                    f"{message}; it serves {nation_list(number.nations)} only",
                    _instead(service, missing, number),
                )
            )
    return problems


def _instead(service: Service, nations: Iterable[str], named: Number) -> str:
    by_number: dict[Number, list[str]] = {}
    for nation in nations:
        for number in service.numbers_for(nation):
            by_number.setdefault(number, []).append(nation)
    others = [
        f"{nation_list(where)}: {number.number}" + (f" ({number.name})" if number.name else "")
        for number, where in by_number.items()
    ]
    if not others:
        return f"say which nations {named.number} serves, or leave it out"
    return (
        "give their number beside it (" + "; ".join(others) + "), "
        f"or say in the same sentence which nations {named.number} is for"
    )


def nations_of(data: dict, region_nations: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The nations a page speaks to: its `nations`, else the nations of its `regions`, else
    all four."""
    if data.get("nations"):
        return tuple(data["nations"])
    found: set[str] = set()
    for region in data.get("regions") or ():
        found.update(region_nations.get(region, ALL_NATIONS))
    return tuple(n for n in NATIONS if n in found) or ALL_NATIONS


def region_nations(regions: list[dict]) -> dict[str, tuple[str, ...]]:
    """Each region id's nations: a nation itself, an English region its nation, UK-wide all."""
    found: dict[str, tuple[str, ...]] = {}
    for region in regions:
        if region["kind"] == "nation":
            found[region["id"]] = (region["id"],)
        elif region.get("nation"):
            found[region["id"]] = (region["nation"],)
        else:
            found[region["id"]] = ALL_NATIONS
    return found


def helpline_claims(path: Path, shown_as: str) -> Iterator[Claim]:
    """Each helpline in data/referrals.yml as a claim: the nations it serves (all four when it
    names none) and the numbers in its number, text number and note. Read from the YAML itself,
    for the lines; load_referrals reports anything malformed."""
    text, _ = read_text(path, shown_as)
    doc, _ = parse_yaml(text, shown_as) if text is not None else (None, [])
    if doc is None or not isinstance(doc.value, list):
        return
    for n, need in enumerate(doc.value):
        helplines = need.get("helplines") if isinstance(need, dict) else None
        for h, helpline in enumerate(helplines if isinstance(helplines, list) else []):
            if not isinstance(helpline, dict):
                continue
            at = (n, "helplines", h)
            named: list[Mention] = []
            for key in ("number", "text"):
                value = helpline.get(key)
                if isinstance(value, str | int) and not isinstance(value, bool):
                    named.append((dialled(str(value)), doc.line_of(at + (key,)), ()))
            note = helpline.get("note")
            if isinstance(note, str):
                named += numbers_in(note, doc.line_of(at + ("note",)))
            nations = helpline.get("nations")
            valid = [x for x in nations if x in NATIONS] if isinstance(nations, list) else []
            yield Claim(
                shown_as,
                dotted(at),
                tuple(x for x in NATIONS if x in valid) or ALL_NATIONS,
                tuple(named),
            )

"""The committed charity snapshot (data/charities/snapshot.json): its format, its checks, and the
one way it is written — a temporary file, validated, then renamed over the old one.

A snapshot says where its data came from (`provenance`). A "curated" snapshot holds only what
data/referrals.yml states (number, name, website); a "charitybase" snapshot holds register data
fetched by `act charities refresh`, which is credited under the Open Government Licence.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from act.charities.referrals import CharityNumber, Referrals
from act.charities.registers import ENGLAND_AND_WALES, Register, number_order, register_of
from act.jsontext import json_text
from act.problems import Problem, format_report
from act.schema import (
    MISSING,
    Choice,
    Context,
    Field,
    Integer,
    IsoDate,
    Kind,
    ListOf,
    Record,
    Text,
    Url,
)
from act.yamlfile import YamlDocument, parse_yaml

# 2: `not_on_register` lists {number, name, since}: a charity the register stopped returning.
FORMAT_VERSION = 2
SOURCE_CURATED = "curated"
SOURCE_CHARITYBASE = "charitybase"
# Per charity: "curated" = our own YAML; "register" = Charity Commission data via CharityBase.
FROM_CURATED = "curated"
FROM_REGISTER = "register"
OGL_NAME = "Open Government Licence v3.0"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


class SnapshotError(Exception):
    """The snapshot cannot be read, or a new one failed its checks and was not written."""


@dataclass(frozen=True)
class Charity:
    """One registered charity as the directory shows it. Never a person: no trustees, no
    named contacts, no registered-office address."""

    number: str
    name: str
    source: str = FROM_CURATED
    website: str | None = None
    activities: str | None = None
    areas: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    beneficiaries: tuple[str, ...] = ()
    operations: tuple[str, ...] = ()
    latest_income: int | None = None
    income_year_end: date | None = None
    registered_on: date | None = None
    removed_on: date | None = None

    @property
    def register(self) -> Register:
        """The register its number belongs to (numbers are checked on the way in)."""
        return register_of(self.number) or ENGLAND_AND_WALES

    @property
    def register_url(self) -> str:
        """The charity's entry on its register."""
        return self.register.url_for(self.number)

    @property
    def is_removed(self) -> bool:
        return self.removed_on is not None

    @property
    def from_register(self) -> bool:
        return self.source == FROM_REGISTER

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("income_year_end", "registered_on", "removed_on"):
            data[key] = data[key].isoformat() if data[key] else None
        for key in ("areas", "causes", "beneficiaries", "operations"):
            data[key] = list(data[key])
        return data


@dataclass(frozen=True)
class NotOnRegister:
    """A curated charity the register no longer returns (CharityBase holds only registered
    charities, so a removed one is simply absent), since the refresh of `since`."""

    number: str
    name: str
    since: date

    def is_vouched_for(self, checked_by_hand: date | None) -> bool:
        """Whether an editor checked the charity by hand after it went missing."""
        return checked_by_hand is not None and checked_by_hand >= self.since

    def as_json(self) -> dict[str, str]:
        return {"number": self.number, "name": self.name, "since": self.since.isoformat()}


@dataclass(frozen=True)
class Provenance:
    source: str
    fetched_at: str | None = None
    endpoint: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    note: str | None = None

    @property
    def fetched_on(self) -> date | None:
        return datetime.fromisoformat(self.fetched_at).date() if self.fetched_at else None


@dataclass(frozen=True)
class Snapshot:
    provenance: Provenance
    charities: tuple[Charity, ...] = ()
    # For each need id: the registered numbers its CharityBase filters found, best first.
    matches: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_on_register: tuple[NotOnRegister, ...] = ()

    def by_number(self) -> dict[str, Charity]:
        return {c.number: c for c in self.charities}

    @property
    def is_register_data(self) -> bool:
        return self.provenance.source == SOURCE_CHARITYBASE

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "provenance": asdict(self.provenance),
            "charities": [c.as_json() for c in sorted(self.charities, key=_number_order)],
            "matches": {need: list(numbers) for need, numbers in sorted(self.matches.items())},
            "not_on_register": [
                m.as_json() for m in sorted(self.not_on_register, key=_number_order)
            ],
        }


def _number_order(item) -> tuple[int, int]:
    return number_order(item.number)


def curated_snapshot(referrals: Referrals) -> Snapshot:
    """The honest snapshot before any live refresh: only what data/referrals.yml states."""
    charities = tuple(
        Charity(number=c.number, name=c.name, website=c.website, source=FROM_CURATED)
        for c in referrals.curated().values()
    )
    return Snapshot(
        Provenance(
            source=SOURCE_CURATED,
            counts={"charities": len(charities), "curated": len(charities), "matched": 0},
            note="Only the registered numbers, names and websites stated in "
            "data/referrals.yml: not yet checked against the register by a refresh.",
        ),
        charities,
        {need.id: () for need in referrals.needs},
    )


# --- reading and checking --------------------------------------------------------------------

_REBUILD_HINT = (
    "the snapshot is written by `act charities refresh`; do not edit it by hand — "
    "restore it with git, or refresh it"
)


class Counts(Kind):
    """Provenance counts: names to whole numbers."""

    label = "mapping of names to whole numbers"

    def check(self, value, path, ctx):
        if not isinstance(value, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value.values()
        ):
            ctx.report(path, "expected a mapping of names to whole numbers", _REBUILD_HINT)
            return MISSING
        return {str(k): v for k, v in value.items()}


class FormatVersion(Kind):
    label = f"snapshot format {FORMAT_VERSION}"

    def check(self, value, path, ctx):
        if value == FORMAT_VERSION and not isinstance(value, bool):
            return value
        ctx.report(
            path,
            f"this is a format {value} snapshot; ACT reads format {FORMAT_VERSION}",
            "rewrite it: `act charities refresh` (or `--curated-only`, with no network)",
        )
        return MISSING


class IsoDateTime(Text):
    label = "date and time (ISO 8601)"

    def check(self, value, path, ctx):
        text = super().check(value, path, ctx)
        if text is MISSING:
            return MISSING
        try:
            datetime.fromisoformat(text)
        except ValueError:
            ctx.report(path, f"'{text}' is not an ISO date and time", "write 2026-06-01T12:00:00Z")
            return MISSING
        return text


class NeedMatches(Kind):
    """{need id: [registered numbers]}."""

    label = "mapping of need ids to lists of registered numbers"

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            ctx.report(path, "expected a mapping of need ids to lists of numbers")
            return MISSING
        numbers = ListOf(CharityNumber())
        cleaned = {}
        for need, listed in value.items():
            result = numbers.check(listed, path + (str(need),), ctx)
            if result is MISSING:
                return MISSING
            cleaned[str(need)] = tuple(result)
        return cleaned


def _kept_charity_is_not_removed(charity: dict, path, ctx: Context) -> None:
    if charity.get("removed_on"):
        ctx.report(
            path + ("removed_on",),
            f"charity {charity['number']} is removed from the register but is in the snapshot",
            "removed charities must never be listed: run `act charities refresh` again",
        )


CHARITY = Record(
    [
        Field("number", CharityNumber()),
        Field("name", Text()),
        Field("source", Choice((FROM_CURATED, FROM_REGISTER))),
        Field("website", Url(), required=False),
        Field("activities", Text(), required=False),
        Field("areas", ListOf(Text()), required=False, default=[]),
        Field("causes", ListOf(Text()), required=False, default=[]),
        Field("beneficiaries", ListOf(Text()), required=False, default=[]),
        Field("operations", ListOf(Text()), required=False, default=[]),
        Field("latest_income", Integer(0, 10**13), required=False),
        Field("income_year_end", IsoDate(), required=False),
        Field("registered_on", IsoDate(), required=False),
        Field("removed_on", IsoDate(), required=False),
    ],
    rules=[_kept_charity_is_not_removed],
)

PROVENANCE = Record(
    [
        Field("source", Choice((SOURCE_CURATED, SOURCE_CHARITYBASE))),
        Field("fetched_at", IsoDateTime(), required=False),
        Field("endpoint", Url(also=("http",)), required=False),
        Field("licence", Text(), required=False),
        Field("licence_url", Url(), required=False),
        Field("counts", Counts(), required=False, default={}),
        Field("note", Text(multiline=True), required=False),
    ]
)

NOT_ON_REGISTER = Record(
    [
        Field("number", CharityNumber()),
        Field("name", Text()),
        Field("since", IsoDate()),
    ]
)

SNAPSHOT = Record(
    [
        Field("format", FormatVersion()),
        Field("provenance", PROVENANCE),
        Field("charities", ListOf(CHARITY)),
        Field("matches", NeedMatches(), required=False, default={}),
        Field("not_on_register", ListOf(NOT_ON_REGISTER), required=False, default=[]),
    ]
)


def parse_snapshot(text: str, shown_as: str) -> tuple[Snapshot | None, list[Problem]]:
    """Check snapshot JSON against the format; every problem is listed."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [
            Problem(shown_as, err.lineno, "", f"not valid JSON: {err.msg}", _REBUILD_HINT)
        ]
    except RecursionError:
        return None, [Problem(shown_as, 1, "", "the JSON is nested too deeply", _REBUILD_HINT)]
    snapshot, problems = _checked(value, YamlDocument(value), shown_as)
    if problems:
        # Only now find each value's line: JSON is YAML, and the YAML reader records lines.
        located, _ = parse_yaml(text, shown_as)
        if located is not None and located.value == value:
            snapshot, problems = _checked(value, located, shown_as)
    return snapshot, problems


def _checked(value, doc: YamlDocument, shown_as: str) -> tuple[Snapshot | None, list[Problem]]:
    ctx = Context(doc, shown_as)
    data = SNAPSHOT.check(value, (), ctx)
    numbers = [c["number"] for c in data["charities"]] if data is not MISSING else []
    if len(set(numbers)) != len(numbers):
        ctx.report(("charities",), "a registered number is listed twice", _REBUILD_HINT)
    if data is MISSING or ctx.problems:
        return None, ctx.problems
    known = set(numbers)
    for need, listed in data["matches"].items():
        for number in listed:
            if number not in known:
                ctx.report(
                    ("matches", need),
                    f"charity {number} is matched but not in the charities list",
                    _REBUILD_HINT,
                )
    if ctx.problems:
        return None, ctx.problems
    return _snapshot_from(data), []


def _snapshot_from(data: dict) -> Snapshot:
    charities = tuple(
        Charity(
            **{
                **c,
                **{k: tuple(c[k]) for k in ("areas", "causes", "beneficiaries", "operations")},
            }
        )
        for c in data["charities"]
    )
    return Snapshot(
        Provenance(**data["provenance"]),
        charities,
        data["matches"],
        tuple(NotOnRegister(**m) for m in data["not_on_register"]),
    )


def read_snapshot(path: Path, shown_as: str) -> tuple[Snapshot | None, list[Problem]]:
    """Read the committed snapshot; a missing file is reported, not raised."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [
            Problem(
                shown_as,
                1,
                "",
                "the charity snapshot is missing",
                "run `act charities refresh --curated-only` to write one from data/referrals.yml",
            )
        ]
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(shown_as, 1, "", f"cannot read the snapshot: {err}")]
    return parse_snapshot(text, shown_as)


# --- writing ---------------------------------------------------------------------------------


def snapshot_text(snapshot: Snapshot) -> str:
    """The snapshot as stable, diff-friendly JSON (sorted, indented, one trailing newline)."""
    return json_text(snapshot.as_json())


def write_snapshot(path: Path, snapshot: Snapshot) -> None:
    """Write atomically: a temporary file beside `path`, checked, then renamed over it.

    If anything fails the old file is left byte-for-byte as it was.
    """
    text = snapshot_text(snapshot)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _, problems = parse_snapshot(temporary.read_text(encoding="utf-8"), str(path))
        if problems:
            raise SnapshotError(
                "the new snapshot failed its checks, so it was not written:\n"
                + format_report(problems)
            )
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


# --- comparing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotDiff:
    added: tuple[Charity, ...] = ()
    removed: tuple[Charity, ...] = ()
    changed: tuple[tuple[Charity, tuple[str, ...]], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        """A readable summary: one line per charity added (+), removed (-) or changed (~)."""
        out = [f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"]
        out += [f"  + {c.number} {c.name}" for c in self.added]
        out += [f"  - {c.number} {c.name}" for c in self.removed]
        out += [f"  ~ {c.number} {c.name}: {', '.join(fields)}" for c, fields in self.changed]
        return out


def diff_snapshots(old: Snapshot | None, new: Snapshot) -> SnapshotDiff:
    """What `new` adds, drops and changes compared with `old` (None: everything is added)."""
    before = old.by_number() if old else {}
    after = new.by_number()
    added = tuple(after[n] for n in sorted(after.keys() - before.keys(), key=number_order))
    removed = tuple(before[n] for n in sorted(before.keys() - after.keys(), key=number_order))
    changed = []
    for number in sorted(after.keys() & before.keys(), key=number_order):
        fields = tuple(
            name
            for name, value in asdict(after[number]).items()
            if asdict(before[number])[name] != value
        )
        if fields:
            changed.append((after[number], fields))
    return SnapshotDiff(added, removed, tuple(changed))

"""data/referrals.yml: the needs, their helplines, curated charities and CharityBase filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from act.charities.registers import REGISTERS, Register, register_of
from act.datafiles import load_records
from act.entry import NATIONS
from act.numbers import PhoneNumber
from act.problems import Problem, Severity
from act.schema import (
    MISSING,
    Boolean,
    Choice,
    Context,
    Field,
    Integer,
    IsoDate,
    ListOf,
    Record,
    Slug,
    Text,
    Url,
)
from act.yamlfile import Path_, parse_yaml, read_text

# The register's own area codes (A-1, B-25, D-234) and the ONS GSS codes used since the
# Charity Commission's 2021 register (E08000035 Leeds, W06000015 Cardiff, E92000001 England).
AREA_ID_PATTERN = re.compile(r"^(?:[A-Z]-\d{1,4}|[EWSNK]\d{8})$")
PAGE_SIZE_CAP = 300
# A helpline whose details were last checked longer ago than this is reported by `act check`.
CHECK_AGAIN_AFTER_DAYS = 365


class CharityNumber(Text):
    """A registered charity number, kept as text: 219432 (England and Wales), SC012345
    (Scotland) or NIC100002 (Northern Ireland)."""

    label = "registered charity number (219432, SC012345 or NIC100002)"

    def check(self, value, path, ctx):
        text = str(value).strip().upper() if isinstance(value, int | str) else None
        if isinstance(value, bool) or not text or not register_of(text):
            ctx.report(
                path,
                f"'{value}' is not a registered charity number",
                "write the number from the register: digits only for England and Wales "
                "(219432), SC and six digits for Scotland (SC012345), NIC and six digits for "
                "Northern Ireland (NIC100002)",
            )
            return MISSING
        return text

    def form_widget(self, name, form, field=None, within_optional=""):
        numbers = "|".join(register.pattern.pattern for register in REGISTERS)
        return {
            "widget": "string",
            "pattern": [
                f"^(?:{numbers})$",
                "The number from the register: 219432, SC012345 or NIC100002",
            ],
        }


class AreaId(Text):
    """An area-of-operation code: the register's (A-1, B-25) or an ONS GSS code (E08000035)."""

    label = "area code like A-1 or E08000035"

    def check(self, value, path, ctx):
        if isinstance(value, str) and AREA_ID_PATTERN.match(value.strip()):
            return value.strip()
        ctx.report(
            path,
            f"'{value}' is not a CharityBase area id",
            "use a register code such as A-1 (throughout England and Wales) or B-25, or an ONS "
            "GSS code such as E08000035 (Leeds) or E92000001 (England)",
        )
        return MISSING

    def form_widget(self, name, form, field=None, within_optional=""):
        return {
            "widget": "string",
            "pattern": [AREA_ID_PATTERN.pattern, "A code like A-1 or E08000035"],
        }


def _helpline_needs_a_way_in(helpline: dict, path: Path_, ctx: Context) -> None:
    if not helpline.get("number") and not helpline.get("website"):
        ctx.report(
            path,
            f"helpline '{helpline['name']}' has neither a number nor a website",
            "add `number:` or `website:`",
        )


HELPLINE = Record(
    [
        Field("name", Text(), example="Samaritans"),
        Field("number", PhoneNumber(), required=False, example="'116 123'"),
        Field("text", PhoneNumber(), required=False, doc="a number to text, if there is one"),
        Field("text_word", Text(), required=False, doc="the word to text, if one is needed"),
        Field("webchat", Url(), required=False, doc="the web chat page, if there is one"),
        Field("free", Boolean(), doc="whether calls are free", example="true"),
        Field("hours", Text(), required=False, doc="only if certain", example="24 hours a day"),
        Field("run_by", Text(), required=False, doc="the organisation that runs it"),
        Field("charity", CharityNumber(), required=False, doc="registered number of run_by"),
        Field(
            "nations",
            ListOf(Choice(NATIONS)),
            required=False,
            default=[],
            doc="the nations it serves",
            example="[england, wales]",
        ),
        Field("where", Text(), required=False, doc="if not the whole UK", example="England"),
        Field("website", Url(), required=False),
        Field(
            "note",
            Text(multiline=True),
            required=False,
            doc="one sentence on who or what it is for",
        ),
        Field("source", Url(), required=False, doc="the page the details were checked against"),
        Field("checked", IsoDate(), required=False, doc="when they were last checked"),
    ],
    rules=[_helpline_needs_a_way_in],
)


def _remember_line(charity: dict, path: Path_, ctx: Context) -> None:
    # Checks against the snapshot (a charity the register stopped returning) point here.
    charity["line"] = ctx.doc.line_of(path)


CURATED_CHARITY = Record(
    [
        Field("number", CharityNumber(), example="219432", doc="from the register"),
        Field("name", Text(), example="Samaritans"),
        Field("website", Url(), required=False, example="https://www.samaritans.org/"),
        Field(
            "description",
            Text(multiline=True),
            doc="our own one line on how it helps with this need",
        ),
        Field(
            "checked_by_hand",
            IsoDate(),
            required=False,
            doc="the day an editor checked it still helps, though the register no longer "
            "returns it; it is listed again",
            example="2026-11-30",
        ),
    ],
    rules=[_remember_line],
)


def _filters_narrow_the_search(filters: dict, path: Path_, ctx: Context) -> None:
    lists = ("causes", "beneficiaries", "operations", "areas")
    if not filters.get("search") and not any(filters.get(name) for name in lists):
        ctx.report(
            path,
            "these filters would match every charity on the register",
            "add `search:` words, or causes, beneficiaries, operations or areas",
        )


def _each_charity_once(need: dict, path: Path_, ctx: Context) -> None:
    seen: set[str] = set()
    for index, charity in enumerate(need["charities"]):
        if charity["number"] in seen:
            ctx.report(
                path + ("charities", index, "number"),
                f"charity {charity['number']} is listed twice under this need",
                "keep one of them",
            )
        seen.add(charity["number"])


SEARCH_FILTERS = Record(
    [
        Field("search", Text(), required=False, doc="words CharityBase searches for"),
        Field("causes", ListOf(Integer(101, 117)), required=False, default=[]),
        Field("beneficiaries", ListOf(Integer(201, 207)), required=False, default=[]),
        Field("operations", ListOf(Integer(301, 310)), required=False, default=[]),
        Field("areas", ListOf(AreaId()), required=False, default=[]),
        Field(
            "cap",
            Integer(0, PAGE_SIZE_CAP),
            required=False,
            default=30,
            doc="most further charities to list",
        ),
    ],
    rules=[_filters_narrow_the_search],
)

NEED = Record(
    [
        Field("id", Slug(), doc="used in the page address; never rename", example="homelessness"),
        Field("name", Text(), example="Homelessness"),
        Field("who_it_helps", Text(multiline=True), doc="one or two sentences, shown on the page"),
        Field(
            "sensitive",
            Boolean(),
            required=False,
            default=False,
            doc="true puts an 'Exit this page' button on the need's page",
        ),
        Field("helplines", ListOf(HELPLINE), required=False, default=[]),
        Field("charities", ListOf(CURATED_CHARITY), required=False, default=[]),
        Field("charitybase", SEARCH_FILTERS, required=False, doc="filters for further charities"),
    ],
    rules=[_each_charity_once],
)


@dataclass(frozen=True)
class Helpline:
    name: str
    free: bool
    number: str | None = None
    hours: str | None = None
    run_by: str | None = None
    charity: str | None = None
    where: str | None = None
    website: str | None = None
    note: str | None = None
    text: str | None = None
    text_word: str | None = None
    webchat: str | None = None
    nations: tuple[str, ...] = ()
    source: str | None = None
    checked: date | None = None

    @property
    def serves_whole_uk(self) -> bool:
        """True when its source says it serves all four nations."""
        return set(self.nations) == set(NATIONS)

    @property
    def tel(self) -> str | None:
        """The number for a `tel:` link: digits only ('0808 2000 247' -> '08082000247')."""
        return self.number.replace(" ", "") if self.number else None

    @property
    def sms(self) -> str | None:
        """The text number for an `sms:` link, digits only."""
        return self.text.replace(" ", "") if self.text else None


@dataclass(frozen=True)
class CuratedCharity:
    number: str
    name: str
    description: str
    website: str | None = None
    checked_by_hand: date | None = None
    line: int = 0  # where it is in data/referrals.yml

    @property
    def register(self) -> Register | None:
        return register_of(self.number)


@dataclass(frozen=True)
class SearchFilters:
    """What CharityBase is asked for to find further charities for a need."""

    search: str | None = None
    causes: tuple[int, ...] = ()
    beneficiaries: tuple[int, ...] = ()
    operations: tuple[int, ...] = ()
    areas: tuple[str, ...] = ()
    cap: int = 30

    @property
    def words(self) -> tuple[str, ...]:
        """The search's words, lower case, without punctuation or search operators."""
        return tuple(re.findall(r"[^\W_]+(?:['’][^\W_]+)*", (self.search or "").lower()))

    def as_dict(self) -> dict:
        return {
            "search": self.search,
            "causes": list(self.causes),
            "beneficiaries": list(self.beneficiaries),
            "operations": list(self.operations),
            "areas": list(self.areas),
            "cap": self.cap,
        }


@dataclass(frozen=True)
class Need:
    id: str
    name: str
    who_it_helps: str
    helplines: tuple[Helpline, ...] = ()
    charities: tuple[CuratedCharity, ...] = ()
    filters: SearchFilters | None = None
    sensitive: bool = False

    @property
    def url(self) -> str:
        return f"get-help/{self.id}/"


@dataclass
class Referrals:
    """Everything in data/referrals.yml, checked."""

    needs: list[Need] = field(default_factory=list)

    def curated(self) -> dict[str, CuratedCharity]:
        """Every curated charity by number (the first mention wins for name and website)."""
        found: dict[str, CuratedCharity] = {}
        for need in self.needs:
            for charity in need.charities:
                first = found.setdefault(charity.number, charity)
                checks = [d for d in (first.checked_by_hand, charity.checked_by_hand) if d]
                if checks:  # a check by hand under any need counts for every mention
                    found[charity.number] = replace(first, checked_by_hand=max(checks))
        return found


def load_referrals(path: Path, shown_as: str) -> tuple[Referrals, list[Problem]]:
    """Read and check data/referrals.yml; needs with problems are left out."""
    records, problems = load_records(path, NEED, shown_as)
    return Referrals([_need(r) for r in records]), problems


def _need(record: dict) -> Need:
    filters = record.get("charitybase")
    return Need(
        id=record["id"],
        name=record["name"],
        who_it_helps=record["who_it_helps"],
        helplines=tuple(_helpline(h) for h in record["helplines"]),
        sensitive=record["sensitive"],
        charities=tuple(CuratedCharity(**c) for c in record["charities"]),
        filters=(
            SearchFilters(
                search=filters["search"],
                causes=tuple(filters["causes"]),
                beneficiaries=tuple(filters["beneficiaries"]),
                operations=tuple(filters["operations"]),
                areas=tuple(filters["areas"]),
                cap=filters["cap"],
            )
            if filters
            else None
        ),
    )


def _helpline(record: dict) -> Helpline:
    nations = tuple(record.pop("nations"))
    # `where` is what readers and the Open Referral data see; it is made from `nations` when
    # the entry does not word it itself ("England and Wales").
    where = record.pop("where", None) or _nation_list(nations)
    return Helpline(**record, nations=nations, where=where)


def _nation_list(nations: tuple[str, ...]) -> str | None:
    if not nations:
        return None
    if set(nations) == set(NATIONS):
        return "The whole UK"
    names = [NATIONS[n] for n in nations]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def helpline_audit(path: Path, shown_as: str, today: date) -> list[Problem]:
    """Warnings for `act check`: a helpline with no `source` or `checked` date, or one last
    checked more than a year before `today`. Kept out of load_referrals so the build and the
    refresh stay about whether the data is valid, not whether it is fresh."""
    text, _ = read_text(path, shown_as)
    doc, _ = parse_yaml(text, shown_as) if text is not None else (None, [])
    if doc is None or not isinstance(doc.value, list):
        return []  # load_referrals reports why
    ctx = Context(doc, shown_as)
    for n, need in enumerate(doc.value):
        helplines = need.get("helplines") if isinstance(need, dict) else None
        for h, helpline in enumerate(helplines if isinstance(helplines, list) else []):
            if isinstance(helpline, dict):
                _audit_helpline(helpline, (n, "helplines", h), ctx, today)
    return ctx.problems


def _audit_helpline(helpline: dict, path: Path_, ctx: Context, today: date) -> None:
    name = helpline.get("name", "?")
    for key, hint in (
        ("source", "add the https address of the page that gives the number and hours"),
        ("checked", "add the date you last checked the details against the source"),
    ):
        if not helpline.get(key):
            ctx.report(path, f"helpline '{name}' has no {key}", hint, Severity.WARNING)
    checked = helpline.get("checked")
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError:
            return  # load_referrals reports a date that is not a date
    if isinstance(checked, date) and (today - checked).days > CHECK_AGAIN_AFTER_DAYS:
        ctx.report(
            path + ("checked",),
            f"helpline '{name}' was last checked on {checked}, over a year ago",
            "check the number, hours and cost against the source, then update `checked`",
            Severity.WARNING,
        )

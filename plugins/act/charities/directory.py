"""The directory a build shows: for each need, its helplines, curated charities and further
charities, joined from data/referrals.yml and the snapshot (through SnapshotProvider).

A curated charity the register no longer returns is left out, and named for an editor, until
it is taken out of data/referrals.yml or marked `checked_by_hand` with a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from act.charities.providers import SnapshotProvider
from act.charities.referrals import CuratedCharity, Helpline, Need, Referrals
from act.charities.registers import Register
from act.charities.snapshot import (
    FROM_CURATED,
    OGL_NAME,
    OGL_URL,
    Charity,
    NotOnRegister,
    Snapshot,
)
from act.problems import Problem, Severity

MAX_AREAS_SHOWN = 6
MENDING_HINT = (
    "take it out of data/referrals.yml; or, if you have checked by hand that it still helps "
    "people (a new number, a merger), add `checked_by_hand: YYYY-MM-DD` to it"
)


@dataclass(frozen=True)
class ListedCharity:
    """A charity as one need's page lists it."""

    charity: Charity
    name: str  # the name people know it by (ours for curated charities)
    description: str | None  # our own line for curated charities; register activities otherwise
    website: str | None

    @property
    def number(self) -> str:
        return self.charity.number

    @property
    def register_url(self) -> str:
        return self.charity.register_url

    @property
    def register(self) -> Register:
        return self.charity.register

    @property
    def curated_by_hand(self) -> bool:
        """On a register CharityBase does not hold (Scotland, Northern Ireland): our own data."""
        return not self.register.in_charitybase

    @property
    def registered_name(self) -> str | None:
        """The register's name, when it differs from the name shown."""
        same = self.charity.name.casefold() == self.name.casefold()
        return None if same or not self.charity.from_register else self.charity.name

    @property
    def areas_shown(self) -> str | None:
        areas = list(self.charity.areas)
        if not areas:
            return None
        if len(areas) <= MAX_AREAS_SHOWN:
            return ", ".join(areas)
        more = len(areas) - MAX_AREAS_SHOWN
        return ", ".join(areas[:MAX_AREAS_SHOWN]) + f" and {more} more"

    @property
    def income_shown(self) -> str | None:
        if self.charity.latest_income is None:
            return None
        text = f"£{self.charity.latest_income:,}"
        end = self.charity.income_year_end
        return f"{text} in the year to {end.day} {end:%B %Y}" if end else text

    def json_ld(self) -> dict[str, Any]:
        """schema.org NGO for this charity."""
        data: dict[str, Any] = {
            "@type": "NGO",
            "name": self.name,
            "identifier": {
                "@type": "PropertyValue",
                "propertyID": self.register.org_id_scheme,
                "value": self.number,
            },
            "sameAs": [self.register_url],
        }
        if self.website:
            data["url"] = self.website
        if self.description:
            data["description"] = self.description
        if self.registered_name:
            data["legalName"] = self.registered_name
        if self.charity.areas:
            data["areaServed"] = list(self.charity.areas)
        return data


@dataclass(frozen=True)
class NeedListing:
    need: Need
    helplines: tuple[Helpline, ...]
    curated: tuple[ListedCharity, ...]
    further: tuple[ListedCharity, ...]

    @property
    def charities(self) -> tuple[ListedCharity, ...]:
        return self.curated + self.further

    @property
    def first_phone_line(self) -> Helpline | None:
        """The helpline shown on the index card: the first with a number. The card says where
        it serves when that is not the whole UK, so a line for one nation is never offered as if
        it were for everyone."""
        return next((h for h in self.helplines if h.number), None)

    def json_ld(self) -> dict[str, Any]:
        return {"@context": "https://schema.org", "@graph": [c.json_ld() for c in self.charities]}


@dataclass(frozen=True)
class Credit:
    """Where the charity details came from, said on every page that shows them."""

    register_data: bool
    fetched_on: date | None = None
    licence: str = OGL_NAME
    licence_url: str = OGL_URL


@dataclass(frozen=True)
class HiddenCharity:
    """A curated charity left out because the register no longer returns it."""

    need: Need
    entry: CuratedCharity
    missing: NotOnRegister

    def message(self) -> str:
        return (
            f"charity {self.entry.number} ({self.entry.name}) is no longer returned by the "
            f"register (since {self.missing.since.isoformat()}), so Get help leaves it out"
        )


@dataclass
class Directory:
    listings: list[NeedListing] = field(default_factory=list)
    credit: Credit = field(default_factory=lambda: Credit(register_data=False))
    hidden: list[HiddenCharity] = field(default_factory=list)


def hidden_charities(referrals: Referrals, snapshot: Snapshot) -> list[HiddenCharity]:
    """Each mention of a curated charity the last refresh did not find on the register, unless
    an editor has checked it by hand since."""
    missing = {m.number: m for m in snapshot.not_on_register}
    checked = {n: c.checked_by_hand for n, c in referrals.curated().items()}
    return [
        HiddenCharity(need, entry, missing[entry.number])
        for need in referrals.needs
        for entry in need.charities
        if entry.number in missing
        and not missing[entry.number].is_vouched_for(checked[entry.number])
    ]


def hidden_charity_problems(hidden: list[HiddenCharity], shown_as: str) -> list[Problem]:
    """Warnings for `act check` and the build log: the build still works."""
    return [
        Problem(shown_as, h.entry.line, "number", h.message(), MENDING_HINT, Severity.WARNING)
        for h in hidden
    ]


def build_directory(referrals: Referrals, snapshot: Snapshot) -> Directory:
    """Join the needs with the snapshot. A charity off the register never appears."""
    provider = SnapshotProvider(snapshot)
    hidden = hidden_charities(referrals, snapshot)
    left_out = {h.entry.number for h in hidden} | {m.number for m in snapshot.not_on_register}
    listings = []
    for need in referrals.needs:
        curated = []
        for entry in need.charities:
            if any(h.entry is entry for h in hidden):
                continue
            known = provider.charities_by_number([entry.number])
            curated.append(_curated_listing(entry, known[0] if known else None))
        shown = {c.number for c in curated} | left_out
        further = tuple(
            ListedCharity(c, c.name, c.activities, c.website)
            for c in provider.matching_charities(need)
            if c.number not in shown and not c.is_removed
        )
        listings.append(NeedListing(need, need.helplines, tuple(curated), further))
    credit = Credit(
        register_data=snapshot.is_register_data, fetched_on=snapshot.provenance.fetched_on
    )
    return Directory(listings, credit, hidden)


def _curated_listing(entry: CuratedCharity, known: Charity | None) -> ListedCharity:
    # Until a refresh brings register data, show only what our YAML states.
    charity = known or Charity(entry.number, entry.name, FROM_CURATED, entry.website)
    return ListedCharity(charity, entry.name, entry.description, entry.website or charity.website)

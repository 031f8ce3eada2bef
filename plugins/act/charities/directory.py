"""The directory a build shows: for each need, its helplines, curated charities and further
charities, joined from data/referrals.yml and the snapshot (through SnapshotProvider)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from act.charities.providers import SnapshotProvider
from act.charities.referrals import CuratedCharity, Helpline, Need, Referrals
from act.charities.snapshot import (
    FROM_CURATED,
    OGL_NAME,
    OGL_URL,
    Charity,
    Snapshot,
)

MAX_AREAS_SHOWN = 6


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
                "propertyID": "GB-CHC",
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
        """The helpline shown on the index card: the first with a number."""
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


@dataclass
class Directory:
    listings: list[NeedListing] = field(default_factory=list)
    credit: Credit = field(default_factory=lambda: Credit(register_data=False))
    # Curated charities kept off the pages because the register lists them as removed.
    hidden_removed: list[str] = field(default_factory=list)


def build_directory(referrals: Referrals, snapshot: Snapshot) -> Directory:
    """Join the needs with the snapshot. A charity removed from the register never appears."""
    provider = SnapshotProvider(snapshot)
    removed = provider.removed_numbers()
    hidden: list[str] = []
    listings = []
    for need in referrals.needs:
        curated = []
        for entry in need.charities:
            if entry.number in removed:
                hidden.append(entry.number)
                continue
            known = provider.charities_by_number([entry.number])
            curated.append(_curated_listing(entry, known[0] if known else None))
        shown = {c.number for c in curated} | removed
        further = tuple(
            ListedCharity(c, c.name, c.activities, c.website)
            for c in provider.matching_charities(need)
            if c.number not in shown and not c.is_removed
        )
        listings.append(NeedListing(need, need.helplines, tuple(curated), further))
    credit = Credit(
        register_data=snapshot.is_register_data, fetched_on=snapshot.provenance.fetched_on
    )
    return Directory(listings, credit, sorted(set(hidden), key=int))


def _curated_listing(entry: CuratedCharity, known: Charity | None) -> ListedCharity:
    # Until a refresh brings register data, show only what our YAML states.
    charity = known or Charity(entry.number, entry.name, FROM_CURATED, entry.website)
    return ListedCharity(charity, entry.name, entry.description, entry.website or charity.website)

"""Making a new snapshot from a provider: the curated charities by number, then each need's
search, normalised, with removed charities dropped and provenance recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from act.charities.providers import CharityProvider
from act.charities.referrals import Referrals
from act.charities.snapshot import (
    OGL_NAME,
    OGL_URL,
    SOURCE_CHARITYBASE,
    Charity,
    Provenance,
    RemovedCharity,
    Snapshot,
)


@dataclass
class RefreshResult:
    snapshot: Snapshot
    notes: list[str] = field(default_factory=list)


def planned_requests(referrals: Referrals, page_size: int) -> int:
    """How many requests a refresh makes at most (for the progress bar)."""
    batches = -(-len(referrals.curated()) // page_size)
    searches = sum(
        max(1, -(-need.filters.cap // page_size))
        for need in referrals.needs
        if need.filters and need.filters.cap
    )
    return batches + searches


def register_snapshot(
    referrals: Referrals, provider: CharityProvider, endpoint: str, now: datetime | None = None
) -> RefreshResult:
    """Fetch everything the directory needs and return the new snapshot (nothing is written).

    Any provider error propagates: a refresh is all or nothing.
    """
    notes: list[str] = []
    curated = referrals.curated()
    kept: dict[str, Charity] = {}
    removed: list[RemovedCharity] = []
    dropped = 0

    found = {c.number: c for c in provider.charities_by_number(list(curated))}
    not_on_register = tuple(n for n in curated if n not in found)
    for number in not_on_register:
        notes.append(
            f"curated charity {number} ({curated[number].name}) is not on the register: "
            "check its number in data/referrals.yml"
        )
    for number, charity in found.items():
        if charity.is_removed:
            removed.append(RemovedCharity(number, charity.name, charity.removed_on))
            notes.append(
                f"curated charity {number} ({charity.name}) was removed from the register on "
                f"{charity.removed_on}: it will not be shown; take it out of data/referrals.yml"
            )
        else:
            kept[number] = charity

    matches: dict[str, tuple[str, ...]] = {}
    for need in referrals.needs:
        listed: list[str] = []
        for charity in provider.matching_charities(need):
            if charity.is_removed:
                dropped += 1
                continue
            kept.setdefault(charity.number, charity)
            if charity.number not in listed:
                listed.append(charity.number)
        matches[need.id] = tuple(listed)

    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    snapshot = Snapshot(
        Provenance(
            source=SOURCE_CHARITYBASE,
            fetched_at=moment.isoformat().replace("+00:00", "Z"),
            endpoint=endpoint,
            licence=f"Charity Commission register data via CharityBase, under the {OGL_NAME}",
            licence_url=OGL_URL,
            counts={
                "charities": len(kept),
                "curated": len(curated),
                "curated_found": len(found) - len(removed),
                "matched": sum(len(v) for v in matches.values()),
                "removed_dropped": dropped + len(removed),
            },
        ),
        tuple(kept.values()),
        matches,
        tuple(removed),
        not_on_register,
    )
    return RefreshResult(snapshot, notes)

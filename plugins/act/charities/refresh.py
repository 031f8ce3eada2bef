"""Making a new snapshot from a provider: the curated charities by number, then each need's
search, normalised, with provenance recorded.

The register index holds only registered charities, so a curated charity it no longer returns
is recorded as not on the register (and hidden by the build). Search results must mention every
search word in their name or activities. Fields the source failed to send for some charities
keep the previous snapshot's values; nothing is made up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from act.charities.directory import MENDING_HINT
from act.charities.normalise import SMALL_WORDS
from act.charities.providers import CharityProvider, FieldFailure
from act.charities.referrals import CuratedCharity, Need, Referrals
from act.charities.snapshot import (
    OGL_NAME,
    OGL_URL,
    SOURCE_CHARITYBASE,
    Charity,
    NotOnRegister,
    Provenance,
    Snapshot,
)

# Which Charity values each CharityBase field gives, to keep old values when a field fails.
VALUES_OF_FIELD = {
    "names": ("name",),
    "activities": ("activities",),
    "website": ("website",),
    "finances": ("latest_income", "income_year_end"),
    "areas": ("areas",),
    "causes": ("causes",),
    "beneficiaries": ("beneficiaries",),
    "operations": ("operations",),
    "registrations": ("registered_on", "removed_on"),
}


@dataclass
class RefreshResult:
    snapshot: Snapshot
    notes: list[str] = field(default_factory=list)


def planned_requests(referrals: Referrals, page_size: int) -> int:
    """How many requests a refresh makes at most (for the progress bar)."""
    batches = -(-len(looked_up(referrals)) // page_size)
    searches = sum(
        max(1, -(-need.filters.cap // page_size))
        for need in referrals.needs
        if need.filters and need.filters.cap
    )
    return batches + searches


def looked_up(referrals: Referrals) -> list[str]:
    """The curated numbers CharityBase can know: England and Wales only."""
    return [n for n, c in referrals.curated().items() if c.register and c.register.in_charitybase]


def mentions_every_word(charity: Charity, need: Need) -> bool:
    """Whether each search word (bar 'of', 'and'...) starts a word of the charity's name or
    activities: a match found only through trustees, grants or areas is not shown."""
    text = f"{charity.name} {charity.activities or ''}".lower()
    for word in need.filters.words if need.filters else ():
        if word in SMALL_WORDS:
            continue
        stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if not re.search(rf"\b{re.escape(stem)}", text):
            return False
    return True


def register_snapshot(
    referrals: Referrals,
    provider: CharityProvider,
    endpoint: str,
    previous: Snapshot | None = None,
    now: datetime | None = None,
) -> RefreshResult:
    """Fetch everything the directory needs and return the new snapshot (nothing is written).

    Errors that stop a page propagate: the refresh is then all or nothing.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    notes: list[str] = []
    curated = referrals.curated()
    before = previous.by_number() if previous and previous.is_register_data else {}

    numbers = looked_up(referrals)
    found = {c.number: c for c in provider.charities_by_number(numbers) if not c.is_removed}
    answered = {f.number for f in provider.field_failures}  # present, though partly failed
    missing = [n for n in numbers if n not in found and n not in answered]
    gone = _not_on_register(missing, curated, previous, moment.date())
    notes += [_missing_note(m, curated[m.number]) for m in gone if _needs_an_editor(m, curated)]

    kept: dict[str, Charity] = dict(found)
    matches, off_topic = _search_matches(referrals, provider, set(missing), kept, notes)

    mended = _mend(kept, provider.field_failures, before, set(numbers), notes)
    matches = {need: tuple(n for n in listed if n in mended) for need, listed in matches.items()}
    snapshot = Snapshot(
        Provenance(
            source=SOURCE_CHARITYBASE,
            fetched_at=moment.isoformat().replace("+00:00", "Z"),
            endpoint=endpoint,
            licence=f"Charity Commission register data via CharityBase, under the {OGL_NAME}",
            licence_url=OGL_URL,
            counts={
                "charities": len(mended),
                "curated": len(curated),
                "curated_looked_up": len(numbers),
                "curated_found": len(numbers) - len(missing),
                "matched": sum(len(v) for v in matches.values()),
                "not_on_register": len(gone),
                "off_topic_left_out": off_topic,
                "partly_failed": len({f.number for f in provider.field_failures}),
            },
        ),
        tuple(mended.values()),
        matches,
        tuple(gone),
    )
    return RefreshResult(snapshot, notes)


def _search_matches(
    referrals: Referrals,
    provider: CharityProvider,
    missing: set[str],
    kept: dict[str, Charity],
    notes: list[str],
) -> tuple[dict[str, tuple[str, ...]], int]:
    """Each need's search results that mention its words, added to `kept`; and how many were
    left out as off-topic (named in `notes`)."""
    matches: dict[str, tuple[str, ...]] = {}
    off_topic = 0
    for need in referrals.needs:
        listed: list[str] = []
        left_out: list[Charity] = []
        for charity in provider.matching_charities(need):
            if charity.is_removed or charity.number in missing:
                continue
            if not mentions_every_word(charity, need):
                left_out.append(charity)
                continue
            kept.setdefault(charity.number, charity)
            if charity.number not in listed:
                listed.append(charity.number)
        matches[need.id] = tuple(listed)
        off_topic += len(left_out)
        if left_out:
            named = ", ".join(f"{c.number} {c.name}" for c in left_out[:5])
            more = f" and {len(left_out) - 5} more" if len(left_out) > 5 else ""
            notes.append(
                f"search for '{need.id}': {len(left_out)} result(s) left out, as their name and "
                f"activities do not mention every search word: {named}{more}"
            )
    return matches, off_topic


def _not_on_register(
    missing: list[str],
    curated: dict[str, CuratedCharity],
    previous: Snapshot | None,
    today: date,
) -> list[NotOnRegister]:
    """Missing since the refresh that first found them missing."""
    since = {m.number: m.since for m in previous.not_on_register} if previous else {}
    return [NotOnRegister(n, curated[n].name, since.get(n, today)) for n in missing]


def _needs_an_editor(missing: NotOnRegister, curated: dict[str, CuratedCharity]) -> bool:
    return not missing.is_vouched_for(curated[missing.number].checked_by_hand)


def _missing_note(missing: NotOnRegister, charity: CuratedCharity) -> str:
    return (
        f"curated charity {missing.number} ({charity.name}) is no longer returned by the "
        f"register (since {missing.since.isoformat()}), so Get help leaves it out: " + MENDING_HINT
    )


def _mend(
    kept: dict[str, Charity],
    failures: list[FieldFailure],
    before: dict[str, Charity],
    curated: set[str],
    notes: list[str],
) -> dict[str, Charity]:
    """Charities whose fields failed keep the previous snapshot's values for those fields."""
    mended = dict(kept)
    for failure in failures:
        what = f"CharityBase could not send {', '.join(failure.fields)} during {failure.during}"
        if failure.number is None:
            notes.append(f"a charity left out: {what} ({failure.message})")
            continue
        old, new = before.get(failure.number), kept.get(failure.number)
        if new is None and failure.number not in curated:
            notes.append(f"search result {failure.number} left out: {what} ({failure.message})")
            continue
        if old is None and new is None:
            notes.append(f"charity {failure.number} left out: {what} ({failure.message})")
            continue
        if old is None:
            notes.append(
                f"charity {failure.number}: {what} ({failure.message}); left empty, as no "
                "earlier snapshot has them"
            )
            continue
        if new is None:
            mended[failure.number] = old
        else:
            values = [v for f in failure.fields for v in VALUES_OF_FIELD.get(f, ())]
            mended[failure.number] = replace(new, **{v: getattr(old, v) for v in values})
        notes.append(
            f"charity {failure.number}: {what} ({failure.message}); kept the values of the "
            "previous snapshot"
        )
    return mended

"""Turning CharityBase's raw records into tidy Charity values, keeping no personal data."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from act.characters import without_unwanted
from act.charities.registers import ENGLAND_AND_WALES
from act.charities.snapshot import FROM_REGISTER, Charity

# Words that stay in capitals when an UPPER-CASE register name is given ordinary capitals.
ACRONYMS = frozenset(
    {
        *("UK", "GB", "NHS", "NSPCC", "RNLI", "RSPCA", "RAF", "YMCA", "YWCA", "CIO", "CIC"),
        *("LGBT", "LGBTQ", "LGBTQ+", "HIV", "AIDS", "ADHD", "CAB", "PTA", "PTFA", "BME"),
        *("BAME", "SOS", "II", "III", "IV"),
    }
)
SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the"}
    | {"to", "with"}
)
MAX_ACTIVITIES = 600
_WEBSITE_HOST = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.I)


class MalformedRecord(ValueError):
    """A CharityBase record lacks what every charity must have (a number and a name)."""


def tidy_name(name: str) -> str:
    """'THE BRITISH RED CROSS SOCIETY' -> 'The British Red Cross Society'.

    Names already in mixed case are the charity's own spelling and are kept as they are.
    """
    name = without_unwanted(name)
    if any(ch.islower() for ch in name):
        return name
    words = name.split(" ")
    return " ".join(_tidy_word(word, first=(i == 0)) for i, word in enumerate(words))


def _tidy_word(word: str, first: bool) -> str:
    bare = word.strip("()[],.:;'\"")
    if bare in ACRONYMS:
        return word
    if not first and bare.lower() in SMALL_WORDS:
        return word.lower()
    # Capitalise each part of hyphenated words: CROSS-BORDER -> Cross-Border.
    return "-".join(_capitalise(part) for part in word.split("-"))


def _capitalise(part: str) -> str:
    for index, ch in enumerate(part):
        if ch.isalpha():
            return part[:index] + ch.upper() + part[index + 1 :].lower()
    return part


def tidy_sentence_case(text: str) -> str:
    """Text written all in capitals becomes sentence case; other text is kept."""
    text = without_unwanted(text)
    if any(ch.islower() for ch in text):
        return text
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text.lower())


def https_website(raw: str | None) -> str | None:
    """A charity's website as an https URL, or None when it is not a usable web address."""
    if not raw or not isinstance(raw, str):
        return None
    url = raw.strip()
    url = re.sub(r"^https?://", "", url, flags=re.I)
    if not url or " " in url or "@" in url.split("/")[0] or not _WEBSITE_HOST.match(url):
        return None
    host, _, rest = url.partition("/")
    return f"https://{host.lower()}" + (f"/{rest}" if rest else "/")


def _date(value: Any) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _names(items: Any) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    names = [tidy_name(i["name"]) for i in items if isinstance(i, dict) and i.get("name")]
    return tuple(dict.fromkeys(names))


_EMAIL = re.compile(r"\S+@\S+\.\w")
_PHONE = re.compile(r"(?:\+44|\b0)[\d ()-]{9,14}\d")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def without_contact_details(text: str) -> str:
    """Activities without the sentences that hold an e-mail address or a phone number: they
    may be a trustee's own, and the directory describes organisations, not people."""
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    return " ".join(s for s in sentences if not _EMAIL.search(s) and not _PHONE.search(s))


def _shorten(text: str, limit: int = MAX_ACTIVITIES) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _activities(raw: Any) -> str | None:
    if not isinstance(raw, str):
        return None
    text = without_contact_details(tidy_sentence_case(raw))
    return _shorten(text) if text else None


def _current_registration(registrations: Any) -> dict:
    """The latest spell on the register: an earlier, ended spell does not make a charity
    removed today, but a removal date on the latest one does."""
    spells = [r for r in registrations or [] if isinstance(r, dict)]
    if not spells:
        return {}
    return max(spells, key=lambda r: str(r.get("registrationDate") or ""))


def normalise_charity(raw: Any) -> Charity:
    """One CharityBase `getCharities.list` item as a Charity.

    Only organisational facts are read; contact details, trustees and the registered-office
    address are never requested, and would be ignored here if they arrived.
    """
    if not isinstance(raw, dict):
        raise MalformedRecord(f"a charity record is {type(raw).__name__}, not an object")
    number = str(raw.get("id") or "").strip()
    if not ENGLAND_AND_WALES.pattern.fullmatch(number):
        raise MalformedRecord(f"a charity record has no valid registered number ({number!r})")
    names = raw.get("names") or []
    primary = next(
        (n.get("value") for n in names if isinstance(n, dict) and n.get("primary")), None
    ) or next((n.get("value") for n in names if isinstance(n, dict)), None)
    if not isinstance(primary, str) or not primary.strip():
        raise MalformedRecord(f"charity {number} has no name")
    activities = raw.get("activities")
    finances = raw.get("finances") or []
    latest = finances[0] if isinstance(finances, list) and finances else {}
    income = latest.get("income") if isinstance(latest, dict) else None
    year = (latest.get("financialYear") or {}) if isinstance(latest, dict) else {}
    current = _current_registration(raw.get("registrations"))
    return Charity(
        number=number,
        name=tidy_name(primary),
        source=FROM_REGISTER,
        website=https_website(raw.get("website")),
        activities=_activities(activities),
        areas=_names(raw.get("areas")),
        causes=_names(raw.get("causes")),
        beneficiaries=_names(raw.get("beneficiaries")),
        operations=_names(raw.get("operations")),
        latest_income=(
            int(income)
            if isinstance(income, int | float) and not isinstance(income, bool) and income >= 0
            else None
        ),
        income_year_end=_date(year.get("end") if isinstance(year, dict) else None),
        registered_on=_date(current.get("registrationDate")),
        removed_on=_date(current.get("removalDate")),
    )

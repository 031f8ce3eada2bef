"""What needs an editor: reviews due, closing opportunities, drafts, hard-to-read articles.

build_report reads the publication through the same checker as the build, so it sees exactly
the entries the site publishes (plus drafts), and returns plain data that formats.py prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from pathlib import Path

from act.charities.cli import hidden_curated_charities
from act.content.checker import SCHEDULED, check_content
from act.content.scaffold import PLACEHOLDER
from act.entry import Entry
from act.report.readability import READING_AGE_TARGET, ReadingAge, reading_age_of_page
from act.wording import long_date, plural, shown_path

REVIEW_WARNING_DAYS = 30
CLOSING_WARNING_DAYS = 14


class Reason(Enum):
    """Why an item needs an editor, most urgent first; the value is the heading shown."""

    REVIEW_OVERDUE = "Review date passed"
    CHARITY_OFF_REGISTER = "Charity no longer on the register"
    CLOSED = "Opportunity closed"
    REVIEW_DUE = f"Review due within {REVIEW_WARNING_DAYS} days"
    CLOSING_SOON = f"Closing within {CLOSING_WARNING_DAYS} days"
    PLACEHOLDERS = f"{PLACEHOLDER} left in"
    READING_AGE = f"Reading age above {READING_AGE_TARGET}"
    AWAITING_EXPERT = "Awaiting expert review"
    DRAFT = "Draft"
    SCHEDULED = "Scheduled to be published"

    @property
    def key(self) -> str:
        """A stable machine name, for JSON: 'review-overdue'."""
        return self.name.lower().replace("_", "-")

    @property
    def rank(self) -> int:
        return list(Reason).index(self)


@dataclass(frozen=True)
class Attention:
    """One thing an editor should do to one content file."""

    reason: Reason
    kind: str
    title: str
    path: str
    url: str
    detail: str
    when: date | None = None

    def sort_key(self):
        return (self.reason.rank, self.when or date.max, self.path)


@dataclass(frozen=True)
class ArticleReadingAge:
    """The measured reading age of one article."""

    title: str
    path: str
    reading_age: ReadingAge | None
    not_measured_because: str = ""


@dataclass
class EditorialReport:
    """What `act report` prints: the items needing attention and each article's reading age."""

    today: date
    items: list[Attention] = field(default_factory=list)
    reading_ages: list[ArticleReadingAge] = field(default_factory=list)
    content_errors: int = 0

    def by_reason(self) -> dict[Reason, list[Attention]]:
        groups: dict[Reason, list[Attention]] = {}
        for item in self.items:
            groups.setdefault(item.reason, []).append(item)
        return groups


def build_report(content_dir: Path, data_dir: Path, today: date) -> EditorialReport:
    """Check the publication as it stands on `today` and list what needs an editor."""
    catalogue = check_content(content_dir, data_dir, today)
    report = EditorialReport(today, content_errors=len(catalogue.errors))
    for entry in catalogue.entries:
        path = content_dir / entry.src_uri
        text = path.read_text(encoding="utf-8-sig")
        found = _reasons(entry, text, today)
        if entry.report_reading_age:
            measured = _measure(text)
            report.reading_ages.append(ArticleReadingAge(entry.title, shown_path(path), *measured))
            if measured[0] and measured[0].above_target:
                years = measured[0].years
                found.append(
                    (
                        Reason.READING_AGE,
                        f"reading age {years}; aim for {READING_AGE_TARGET} or under",
                        None,
                    )
                )
        report.items.extend(
            Attention(
                reason, entry.kind, entry.title, shown_path(path), f"/{entry.url}", detail, when
            )
            for reason, detail, when in found
        )
    referrals, hidden = hidden_curated_charities(data_dir)
    report.items.extend(
        Attention(
            Reason.CHARITY_OFF_REGISTER,
            "charity",
            h.entry.name,
            f"{referrals}:{h.entry.line}",
            f"/{h.need.url}",
            f"charity {h.entry.number}, not returned since {_when(h.missing.since, today)}: "
            "hidden from Get help; remove it, or add checked_by_hand: YYYY-MM-DD",
            h.missing.since,
        )
        for h in hidden
    )
    report.items.sort(key=Attention.sort_key)
    report.reading_ages.sort(key=lambda a: a.path)
    return report


def _measure(text: str) -> tuple[ReadingAge | None, str]:
    # Placeholder text is ours, not the writer's: measuring it would flag every new draft.
    if PLACEHOLDER in text:
        return None, f"{PLACEHOLDER} left in"
    measured = reading_age_of_page(text)
    return measured, "" if measured else "no text yet"


def _reasons(entry: Entry, text: str, today: date) -> list[tuple[Reason, str, date | None]]:
    found: list[tuple[Reason, str, date | None]] = []
    review_by = entry.data.get("review_by")
    if review_by and review_by <= today:
        found.append((Reason.REVIEW_OVERDUE, f"was due {_when(review_by, today)}", review_by))
    elif review_by and review_by <= today + timedelta(days=REVIEW_WARNING_DAYS):
        found.append((Reason.REVIEW_DUE, f"due {_when(review_by, today)}", review_by))
    closing = entry.closing_date  # None for what never closes
    if closing and closing < today:
        found.append((Reason.CLOSED, f"closed {_when(closing, today)}", closing))
    elif closing and closing <= today + timedelta(days=CLOSING_WARNING_DAYS):
        found.append((Reason.CLOSING_SOON, f"closes {_when(closing, today)}", closing))
    if PLACEHOLDER in text:
        found.append((Reason.PLACEHOLDERS, f"replace every {PLACEHOLDER} before publishing", None))
    if entry.report_awaiting_review and entry.awaiting_review:
        found.append((Reason.AWAITING_EXPERT, "no reviewer recorded", None))
    scheduled = entry.data.get(SCHEDULED)
    if scheduled:
        # Held back until its `published` date; the daily build publishes it that day.
        found.append((Reason.SCHEDULED, f"published {_when(scheduled, today)}", scheduled))
    elif entry.is_draft:
        found.append((Reason.DRAFT, "not published yet", None))
    return found


def _when(day: date, today: date) -> str:
    """'1 May 2026 (31 days ago)', '15 June 2026 (in 14 days)', '1 June 2026 (today)'."""
    days = (day - today).days
    if days == 0:
        relative = "today"
    elif days > 0:
        relative = f"in {plural(days, 'day')}"
    else:
        relative = f"{plural(-days, 'day')} ago"
    return f"{long_date(day)} ({relative})"

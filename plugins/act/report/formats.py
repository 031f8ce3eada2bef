"""The editorial report as a terminal table, as Markdown (pull requests, CI) or as JSON."""

from __future__ import annotations

from collections.abc import Sequence

from act.jsontext import json_text
from act.report.attention import EditorialReport
from act.report.readability import GRADE_TO_AGE, READING_AGE_TARGET
from act.wording import long_date

FORMATS = ("table", "markdown", "json")

READING_AGE_NOTE = (
    f"Reading age is the Flesch-Kincaid grade plus {GRADE_TO_AGE}, measured on the text "
    f"readers see. ACT aims for {READING_AGE_TARGET} or under: short sentences and everyday "
    "words. Above that is a warning, not an error."
)


def render(report: EditorialReport, form: str) -> str:
    """The report in one of FORMATS."""
    return {"table": as_table, "markdown": as_markdown, "json": as_json}[form](report)


def as_table(report: EditorialReport) -> str:
    """Plain text for a terminal: one table of items, then one of reading ages."""
    lines = [f"Editorial report for {long_date(report.today)}", ""]
    lines += _errors_note(report)
    if report.items:
        lines.append(_count(len(report.items), "thing needs", "things need") + " an editor:")
        lines.append("")
        rows = [(i.reason.value, i.title, i.path, i.detail) for i in report.items]
        lines += _text_table(("Needs", "Title", "File", "Detail"), rows)
    else:
        lines.append("Nothing needs an editor.")
    lines += ["", "Reading age of each article", ""]
    rows = [
        (a.title, a.path, _age(a), "above target" if _above(a) else "") for a in report.reading_ages
    ]
    lines += (
        _text_table(("Article", "File", "Reading age", "Note"), rows) if rows else ["No articles."]
    )
    lines += ["", READING_AGE_NOTE]
    return "\n".join(lines) + "\n"


def as_markdown(report: EditorialReport) -> str:
    """GitHub-flavoured Markdown: a heading, a table per reason, and the reading ages folded."""
    lines = [f"## Editorial report, {long_date(report.today)}", ""]
    lines += _errors_note(report)
    groups = report.by_reason()
    if groups:
        lines.append(_count(len(report.items), "thing needs", "things need") + " an editor:")
        lines.append("")
        lines += [f"- {reason.value}: {len(items)}" for reason, items in groups.items()]
    else:
        lines.append("Nothing needs an editor.")
    for reason, items in groups.items():
        lines += ["", f"### {reason.value} ({len(items)})", ""]
        lines += _markdown_table(
            ("Title", "File", "Detail"), [(i.title, f"`{i.path}`", i.detail) for i in items]
        )
    flagged = sum(1 for a in report.reading_ages if _above(a))
    lines += [
        "",
        "<details>",
        f"<summary>Reading age of each article ({flagged} above {READING_AGE_TARGET})</summary>",
        "",
    ]
    lines += _markdown_table(
        ("Article", "File", "Reading age"),
        [
            (a.title, f"`{a.path}`", _age(a) + (" (above target)" if _above(a) else ""))
            for a in report.reading_ages
        ],
    )
    lines += ["", READING_AGE_NOTE, "", "</details>"]
    return "\n".join(lines) + "\n"


def as_json(report: EditorialReport) -> str:
    """Everything in the report, with ISO dates and stable reason keys."""
    data = {
        "date": report.today.isoformat(),
        "content_errors": report.content_errors,
        "reading_age_target": READING_AGE_TARGET,
        "items": [
            {
                "reason": item.reason.key,
                "needs": item.reason.value,
                "kind": item.kind,
                "title": item.title,
                "path": item.path,
                "url": item.url,
                "detail": item.detail,
                "date": item.when.isoformat() if item.when else None,
            }
            for item in report.items
        ],
        "reading_ages": [
            {
                "title": a.title,
                "path": a.path,
                "reading_age": a.reading_age.years if a.reading_age else None,
                "grade": a.reading_age.grade if a.reading_age else None,
                "above_target": _above(a),
                "not_measured_because": a.not_measured_because or None,
            }
            for a in report.reading_ages
        ],
    }
    return json_text(data)


def _errors_note(report: EditorialReport) -> list[str]:
    if not report.content_errors:
        return []
    return [
        f"{_count(report.content_errors, 'error stops', 'errors stop')} the build, and "
        "files with errors are left out of this report: run `act check` to see them.",
        "",
    ]


def _above(article) -> bool:
    return bool(article.reading_age and article.reading_age.above_target)


def _age(article) -> str:
    if article.reading_age:
        return str(article.reading_age.years)
    return f"not measured: {article.not_measured_because}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _text_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), line("-" * w for w in widths), *(line(r) for r in rows)]


def _markdown_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    def line(cells) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return [line(header), line("---" for _ in header), *(line(r) for r in rows)]

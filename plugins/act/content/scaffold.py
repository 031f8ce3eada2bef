"""`act new`: start a new content file that already passes `act check`.

The front matter is written from the schemas in types.py, field by field, so a new field there
appears here without anyone touching this module. Values we know (title, dates, draft) are
filled in; values only the writer knows get a placeholder marked TODO that still passes the
check, so the file builds while it is being written. The file starts as a draft.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from act.builddate import build_date
from act.cli_options import add_site_options
from act.content.checker import MAX_SLUG
from act.entry import Entry
from act.problems import format_report
from act.schema import (
    Field,
    ListOf,
    Record,
    slugify,
)
from act.taxonomies import load_taxonomies
from act.types import CONTENT_TYPES, TYPE_BY_KIND
from act.types.parts import missing_parts
from act.wording import plural, shown_path

# Writers search for this word to find what is left to do; `act report` lists files that
# still contain it.
PLACEHOLDER = "TODO"


class ScaffoldError(Exception):
    """Why a new file could not be written; the message says how to fix it."""


@dataclass(frozen=True)
class _Fill:
    """What placeholders are made from: the taxonomies' ids and the date of writing."""

    taxonomies: dict[str, dict[str, str]]
    today: date

    def text(self, what: str) -> str:
        """Placeholder text: it passes the check, and says what to write instead."""
        return _scalar(f"{PLACEHOLDER}: {what}")


@dataclass(frozen=True)
class Scaffold:
    """A new content file: its type, the file name it should have and its whole text."""

    kind: type[Entry]
    slug: str
    text: str

    @property
    def relative_path(self) -> Path:
        return Path(self.kind.section) / f"{self.slug}.md"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def make_scaffold(
    kind: str, title: str, today: date, taxonomies: dict[str, dict[str, str]]
) -> Scaffold:
    """The text of a new draft of `kind` ('article', 'opportunity', 'reserve') called `title`."""
    if kind not in TYPE_BY_KIND:
        raise ScaffoldError(f"unknown type '{kind}': use one of {', '.join(TYPE_BY_KIND)}")
    title = " ".join(title.split())
    slug = slugify(title)
    if len(slug) > MAX_SLUG:  # a web address (and a file name) from the title's first words
        slug = slug[: slug.rfind("-", 0, MAX_SLUG + 1)] if "-" in slug[:MAX_SLUG] else ""
        slug = slug or slugify(title)[:MAX_SLUG]
    if not slug:
        raise ScaffoldError(
            "the title needs some letters or numbers: they make the file name and web address"
        )
    entry_type = TYPE_BY_KIND[kind]
    known = {
        "title": title,
        "published": today,
        "review_by": add_months(today, entry_type.review_after_months),
        "draft": True,
        "changes": [{"date": today, "note": "First published."}],
    }
    lines = [
        "---",
        f"# A new {kind}, started with `act new` on {today.isoformat()}.",
        f"# Replace every {PLACEHOLDER} and check every value; docs/front-matter.md explains",
        "# each field. Lines starting with # are notes: delete them when you are done.",
        *_record_lines(entry_type.schema, known, _Fill(taxonomies, today), indent=""),
        "---",
        "",
    ]
    return Scaffold(entry_type, slug, "\n".join(lines) + "\n" + entry_type.new_body())


def write_scaffold(content_dir: Path, scaffold: Scaffold) -> Path:
    """Write the file under `content_dir`; never replaces a file or reuses a slug in its section."""
    section = content_dir / scaffold.kind.section
    taken = sorted(section.rglob(f"{scaffold.slug}.md")) if section.is_dir() else []
    if taken:
        raise ScaffoldError(
            f"{shown_path(taken[0])} already exists, and each address must be unique: "
            "edit that file, or choose a different title"
        )
    path = content_dir / scaffold.relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Mode "x" refuses to replace a file that appeared since the check above.
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(scaffold.text)
    except FileExistsError:
        raise ScaffoldError(
            f"{shown_path(path)} already exists: choose a different title"
        ) from None
    return path


def _record_lines(record: Record, known: dict[str, Any], fill: _Fill, indent: str) -> list[str]:
    lines: list[str] = []
    for field in record.fields:
        if field.name in known:
            lines.extend(_known_lines(field.name, known[field.name], indent))
        elif field.required:
            lines.extend(_placeholder_lines(field, fill, indent))
        else:
            lines.append(f"{indent}# {_optional_note(field)}")
    return lines


def _known_lines(name: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, list):
        lines = [f"{indent}{name}:"]
        for item in value:
            pairs = [f"{key}: {_scalar(v)}" for key, v in item.items()]
            lines.append(f"{indent}  - {pairs[0]}")
            lines.extend(f"{indent}    {pair}" for pair in pairs[1:])
        return lines
    return [f"{indent}{name}: {_scalar(value)}"]


def _placeholder_lines(field: Field, fill: _Fill, indent: str) -> list[str]:
    kind = field.kind
    if isinstance(kind, Record):
        return [
            f"{indent}{field.name}:  # {PLACEHOLDER}: {field.doc}",
            *_record_lines(kind, {}, fill, indent + "  "),
        ]
    if isinstance(kind, ListOf) and isinstance(kind.item, Record):
        item_lines = _record_lines(kind.item, {}, fill, indent + "    ")
        first = item_lines[0].removeprefix(indent + "    ")
        return [
            f"{indent}{field.name}:  # {PLACEHOLDER}: {field.doc}",
            f"{indent}  - {first}",
            *item_lines[1:],
        ]
    value, note = _placeholder_value(field, fill)
    return [f"{indent}{field.name}: {value}" + (f"  # {PLACEHOLDER}: {note}" if note else "")]


def _placeholder_value(field: Field, fill: _Fill) -> tuple[str, str]:
    """A value that passes the check, and a note on what to put instead ('' if self-evident)."""
    placeholder = field.kind.placeholder(field, fill)
    if placeholder is None:
        raise ScaffoldError(
            f"no placeholder for field '{field.name}' of kind {type(field.kind).__name__}"
        )
    return placeholder


def _optional_note(field: Field) -> str:
    """A commented-out line for an optional field, so writers find it without reading the docs."""
    example = f" {field.example}" if field.example else ""
    return f"{field.name}:{example}  (optional) {field.doc}".rstrip()


def _scalar(value: Any) -> str:
    """A YAML scalar: plain when YAML reads it back unchanged, else double-quoted (JSON)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | int):
        return str(value)
    text = str(value)
    try:
        plain_ok = yaml.safe_load(text) == text and ": " not in text and " #" not in text
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


# The command -----------------------------------------------------------------------------


def add_new_command(commands) -> None:
    """Register `act new` with the `act` command."""
    # Imported here: act.cli imports this module to list its commands.

    new = commands.add_parser(
        "new",
        help=f"start a new {_nouns()} from a ready-made draft",
        description=(
            "Write a new content file in the right folder, with every field in place: the "
            "title, today's date as the published date, a review date ("
            + _review_periods()
            + ") and draft: true. Fields only you can fill in are "
            f"marked {PLACEHOLDER}. The file passes `act check` as written, so you can preview "
            "it straight away with `make serve`. The file name comes from the title, and an "
            "existing file is never replaced. Set ACT_BUILD_DATE=YYYY-MM-DD to date it "
            "another day."
        ),
        epilog='example: act new article --title "Keep warm in a power cut"',
    )
    new.add_argument("kind", choices=list(TYPE_BY_KIND), help="the type of content")
    new.add_argument("--title", required=True, help="the page title, in sentence case (quote it)")
    add_site_options(new)
    new.set_defaults(run=run_new)


def run_new(args: argparse.Namespace) -> int:
    # The new type's files (its templates, if the project's overrides/ is beside content/,
    # and the body it starts with): every one missing, named, before a file is written.
    overrides = args.content.parent / "overrides"
    missing = missing_parts(
        [overrides] if overrides.is_dir() else [], shown_path, (TYPE_BY_KIND[args.kind],)
    )
    if missing:
        print(
            f"act new: the {args.kind} content type is missing files:\n{format_report(missing)}",
            file=sys.stderr,
        )
        return 1
    taxonomies, _problems = load_taxonomies(args.data, shown_path)
    today = build_date()
    try:
        scaffold = make_scaffold(args.kind, args.title, today, taxonomies.names())
        path = write_scaffold(args.content, scaffold)
    except ScaffoldError as err:
        print(f"act new: {err}", file=sys.stderr)
        return 1
    url = f"http://127.0.0.1:8000/{scaffold.kind.section}/{scaffold.slug}/"
    print(
        f"Created {shown_path(path)}: a draft {args.kind}.\n\n"
        "Next steps:\n"
        f"  1. Open the file. Replace every {PLACEHOLDER} and check every value.\n"
        "     docs/front-matter.md explains each field.\n"
        "  2. Write the page below the second --- line, in plain English.\n"
        "  3. Run `make check`. It names the line and field of anything to fix.\n"
        f"  4. Run `make serve` and open {url} to see the page.\n"
        "  5. When it is ready, change `draft: true` to `draft: false` and open a pull request."
    )
    return 0


def _review_periods() -> str:
    """'12 months for an article, 6 months for an opportunity, ...', from each type."""
    return ", ".join(
        f"{plural(t.review_after_months, 'month')} for a{'n' if t.noun[0] in 'aeiou' else ''} "
        f"{t.noun}"
        for t in CONTENT_TYPES
    )


def _nouns() -> str:
    """'article, opportunity, guide or event', from each type."""
    nouns = [t.noun for t in CONTENT_TYPES]
    return ", ".join(nouns[:-1]) + " or " + nouns[-1]

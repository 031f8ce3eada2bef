"""Data files in data/: lists of records with unique ids, checked against a schema."""

from __future__ import annotations

from pathlib import Path

from act.problems import Problem
from act.schema import MISSING, Context, Record
from act.yamlfile import YamlDocument, parse_yaml, read_text


def load_records(
    path: Path,
    schema: Record,
    shown_as: str,
    taxonomies: dict[str, dict[str, str]] | None = None,
) -> tuple[list[dict], list[Problem]]:
    """Read a YAML list of records; each must fit `schema` and have a unique `id`.

    Records with problems are left out of the result; the problems say why.
    """
    if not path.exists():
        return [], [Problem(shown_as, 1, "", "file is missing", f"create {shown_as}")]
    text, problems = read_text(path, shown_as)
    if text is None:
        return [], problems
    doc, problems = parse_yaml(text, shown_as)
    if doc is None:
        return [], problems
    if doc.value is None:
        doc = YamlDocument([], first_line=1)
    ctx = Context(doc, shown_as, taxonomies or {}, problems)
    if not isinstance(doc.value, list):
        ctx.report(
            (),
            "expected a list of entries, each starting with '- id: ...'",
            "start each entry with '- '",
        )
        return [], ctx.problems
    records: list[dict] = []
    first_line_of: dict[str, int] = {}
    for index, item in enumerate(doc.value):
        record = schema.check(item, (index,), ctx)
        # Duplicates are found on the raw id, so an invalid entry still claims its id.
        raw_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(raw_id, str) and raw_id in first_line_of:
            ctx.report(
                (index, "id"),
                f"duplicate id '{raw_id}', first used on line {first_line_of[raw_id]}",
                "give each entry its own id",
            )
            continue
        if isinstance(raw_id, str):
            first_line_of[raw_id] = doc.line_of((index, "id"))
        if record is not MISSING:
            records.append(record)
    return records, ctx.problems


def load_record(
    path: Path, schema: Record, shown_as: str
) -> tuple[dict | None, YamlDocument | None, list[Problem]]:
    """Read a YAML file that holds one record (a mapping) and check it against `schema`.

    Returns the cleaned record (None if it has problems), the document (for the lines of
    further checks) and the problems."""
    text, problems = read_text(path, shown_as)
    if text is None:
        return None, None, problems
    doc, problems = parse_yaml(text, shown_as)
    if doc is None:
        return None, None, problems
    ctx = Context(doc, shown_as, {}, problems)
    record = schema.check(doc.value, (), ctx)
    return (None if record is MISSING else record), doc, ctx.problems

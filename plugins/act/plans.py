"""Plans as declarations: data/plans/<id>.yml, one file per plan the site offers.

A plan (the household plan at /plan/, the community plan at /community-plan/) is declared as
data: its sections, the answers in each (a kind, a key, a label, a hint), the rows people add
to (people, contacts...), how it prints, and what its summary (a wallet card or a contact
sheet) shows. One template (overrides/plan.html) walks the declaration to write the form, and
one script (overrides/assets/javascripts/act-plan.js) reads the keys from that form, so a new
plan is a declaration plus its page (the content file the declaration names in `page`).

The keys are the plan's file format: a saved plan is {"format", "version", "fields", "groups"}
with each answer under its key (see `json_schema`, published under /open-data/plans/). Renaming
a key loses that answer from every plan people have saved, so keys are checked, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from act.datafiles import load_record
from act.problems import Problem
from act.schema import (
    MISSING,
    Boolean,
    Choice,
    Context,
    Field,
    Integer,
    Kind,
    ListOf,
    Record,
    Slug,
    Text,
)
from act.yamlfile import Path_, YamlDocument

PLANS_FOLDER = "plans"
VERSION = 1
# Far more than any real plan needs: the script refuses a file above this many bytes, and a
# list of rows longer than MAX_ROWS, before it reads a single answer.
MAX_FILE_BYTES = 1024 * 1024
MAX_ROWS = 30
# The longest answer a file may hold, in characters (a log of a long night fits).
MAX_ANSWER = 20_000

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
NOTE_ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
# Ids the page itself uses after "act-plan-": an answer or a note may not take them.
RESERVED_IDS = frozenset(
    {
        "status",
        "error",
        "import",
        "import-hint",
        "tools-heading",
        "delete-confirm",
        "delete-confirm-title",
        "card-heading",
        "more-heading",
    }
)


@dataclass
class Key(Kind):
    """The key of an answer in a saved plan: lower-case letters, digits and underscores."""

    label = "key (lower-case letters, digits and _)"

    def check(self, value, path, ctx):
        if isinstance(value, str) and KEY_PATTERN.match(value):
            return value
        shown = f"'{value}'" if isinstance(value, str | int) else "this"
        ctx.report(
            path,
            f"{shown} is not a valid key",
            "use lower-case letters, digits and _, starting with a letter, like 'meet_near'",
        )
        return MISSING

    def json_schema(self, terms):
        return {"type": "string", "pattern": KEY_PATTERN.pattern}


@dataclass
class NoteId(Kind):
    label = "id (lower-case words joined by hyphens)"

    def check(self, value, path, ctx):
        if isinstance(value, str) and NOTE_ID_PATTERN.match(value):
            return value
        ctx.report(
            path,
            f"'{value}' is not a valid id",
            "use lower-case words joined by hyphens, like 'people-hint'",
        )
        return MISSING


# The kinds of answer, and the control each one is on the page.
ANSWER_KINDS = {"text": "text", "long-text": "textarea", "phone": "tel"}
ITEM_KINDS = (
    *ANSWER_KINDS,
    "ticks",  # boxes to tick, each its own answer (true or false)
    "rows",  # rows people add to and remove, each with the same answers
    "part",  # a group of items with its own heading (inside a section only)
    "note",  # a line of help above what follows
    "warning",  # a warning people must see before they write
    "nation",  # where the plan is for: shows that nation's numbers (data/numbers.yml)
    "numbers",  # the emergency and utility numbers of data/numbers.yml
    "article",  # a link to one of the site's articles, left out if the site lacks it
)
# For each kind of item: the fields it must have, then the ones it may have.
ITEM_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    **{kind: (("key", "label"), ("hint",)) for kind in ANSWER_KINDS},
    "ticks": (("label", "ticks"), ("hint",)),
    "rows": (("key", "label", "rows", "add", "fields"), ()),
    "part": (("label", "items"), ("hint",)),
    "note": (("text",), ("id",)),
    "warning": (("text",), ()),
    "nation": (("key",), ("label", "hint")),
    "numbers": ((), ()),
    "article": (("path", "label"), ()),
}

TICK = Record(
    [
        Field("key", Key(), doc="its key in a saved plan", example="grab_torch"),
        Field("label", Text(), doc="what is ticked", example="A torch"),
    ]
)
ROW_FIELD = Record(
    [
        Field("key", Key(), doc="its key in each row", example="name"),
        Field("label", Text(), doc="its label", example="Name"),
        Field("kind", Choice(tuple(ANSWER_KINDS)), required=False, default="text"),
        Field("size", Choice(("wide", "half", "short")), required=False, default="wide"),
        Field("hint", NoteId(), required=False, doc="the id of a note that explains it"),
    ]
)


def _item_record(inner: Record | None) -> Record:
    """An item of a section; with `inner`, items may be parts holding `inner` items."""
    kinds = ITEM_KINDS if inner is not None else tuple(k for k in ITEM_KINDS if k != "part")
    fields = [
        Field("kind", Choice(kinds), doc="what the item is: " + ", ".join(kinds)),
        Field("key", Key(), required=False, doc="its key in a saved plan"),
        Field("label", Text(), required=False),
        Field("hint", Text(), required=False),
        Field("text", Text(), required=False),
        Field("id", NoteId(), required=False, doc="a note's id, for a row's hint"),
        Field("rows", Integer(minimum=1, maximum=MAX_ROWS), required=False),
        Field("add", Text(), required=False, doc="the button that adds a row"),
        Field("fields", ListOf(ROW_FIELD, min_items=1), required=False),
        Field("path", Text(), required=False, doc="an article's address, like prepare/grab-bag/"),
        Field("ticks", ListOf(TICK, min_items=1), required=False, doc="the boxes to tick"),
    ]
    if inner is not None:
        fields.append(Field("items", ListOf(inner, min_items=1), required=False))
    return Record(fields, rules=[_item_has_its_fields])


def _item_has_its_fields(item: dict, path: Path_, ctx: Context) -> None:
    kind = item["kind"]
    required, allowed = ITEM_FIELDS[kind]
    for name in required:
        if item.get(name) is None:
            ctx.report(
                path + ("kind",),
                f"a '{kind}' item needs `{name}`",
                f"add `{name}:` to this item",
            )
    for name, value in item.items():
        if name != "kind" and value is not None and name not in required + allowed:
            ctx.report(
                path + (name,),
                f"a '{kind}' item does not use `{name}`",
                "remove it"
                + (f"; it takes {', '.join(required + allowed)}" if required + allowed else ""),
            )
    if kind == "part":
        for index, inner in enumerate(item.get("items") or []):
            if inner.get("kind") in {"rows", "part", "nation", "numbers"}:
                ctx.report(
                    path + ("items", index, "kind"),
                    f"a '{inner['kind']}' item cannot sit inside a part",
                    "move it to the section itself",
                )


PART_ITEM = _item_record(None)
ITEM = _item_record(PART_ITEM)

SECTION = Record(
    [
        Field("heading", Text(), doc="the section's heading", example="Who lives here"),
        Field("items", ListOf(ITEM, min_items=1)),
    ]
)

SHEET_LINE = Record(
    [
        Field("id", Key(), doc="the slot the script fills", example="meet_near"),
        Field("label", Text()),
        Field("answers", ListOf(Key(), min_items=1), required=False, doc="answers, joined"),
        Field("rows", Key(), required=False, doc="a group of rows"),
        Field("keys", ListOf(Key(), min_items=1), required=False, doc="each row's answers"),
        Field("limit", Integer(minimum=1, maximum=MAX_ROWS), required=False),
        Field("join", Choice(("comma", "line")), required=False, default="line"),
    ],
    rules=[
        lambda line, path, ctx: (
            None
            if (line.get("answers") is None) != (line.get("rows") is None)
            and (line.get("rows") is None) == (line.get("keys") is None)
            else ctx.report(
                path + ("id",),
                "a line shows either `answers`, or `rows` with their `keys`",
                "give it `answers: [key, ...]`, or `rows: group` and `keys: [key, ...]`",
            )
        )
    ],
)

SHEET = Record(
    [
        Field("kind", Choice(("wallet-card", "contact-sheet"))),
        Field("heading", Text(), doc="its heading on the page", example="Your wallet card"),
        Field("intro", Text(), doc="what to do with it, on screen"),
        Field("title", Text(), doc="its title on paper", example="Household emergency card"),
        Field("print_all", Text(), doc="the button that prints the plan and it"),
        Field("print_sheet", Text(), doc="the button that prints it alone"),
        Field(
            "sides",
            ListOf(
                Record(
                    [
                        Field("lines", ListOf(SHEET_LINE, min_items=1)),
                        Field("numbers", Boolean(), required=False, default=False),
                    ]
                ),
                min_items=1,
            ),
        ),
    ]
)

LINK = Record([Field("path", Text()), Field("label", Text())])

PLAN = Record(
    [
        Field("id", Slug(), doc="the plan's id, its file's name", example="household"),
        Field("page", Text(), doc="the content file that shows it", example="plan.md"),
        Field("name", Text(), doc="what it is, in a sentence", example="household emergency plan"),
        Field("print_heading", Text(), doc="its title on paper"),
        Field("format", Slug(), doc="`format` in its saved files; never change it"),
        Field("storage_key", Slug(), doc="where this browser keeps it; never change it"),
        Field("file_name", Text(), doc="the file it is saved to"),
        Field(
            "print",
            Choice(("compact", "section-per-page")),
            doc="compact: two columns; section-per-page: each section starts a page",
        ),
        Field("sections", ListOf(SECTION, min_items=1)),
        Field("sheet", SHEET),
        Field("further_reading", ListOf(LINK), required=False, default=[]),
    ]
)


# --- The checked declaration, as templates and the JSON Schema read it ----------------------


@dataclass(frozen=True)
class Plan:
    id: str
    page: str
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def format(self) -> str:
        return self.data["format"]

    @property
    def url(self) -> str:
        """The site-relative address of its page: plan.md is plan/."""
        stem = self.page.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    @property
    def schema_path(self) -> str:
        return f"open-data/plans/{self.id}.schema.json"

    def answers(self) -> list[tuple[str, dict]]:
        """(kind, item) of every answer outside rows, in page order: text kinds, each tick
        (as 'tick'), and the nation."""
        found = []
        for item in _walk(self.data["sections"]):
            if item["kind"] in ANSWER_KINDS or item["kind"] == "nation":
                found.append((item["kind"], item))
            elif item["kind"] == "ticks":
                found += [("tick", tick) for tick in item["ticks"]]
        return found

    def groups(self) -> list[dict]:
        return [item for item in _walk(self.data["sections"]) if item["kind"] == "rows"]


def _walk(sections: list[dict]) -> Iterator[dict]:
    for section in sections:
        for item in section["items"]:
            yield item
            if item["kind"] == "part":
                yield from item["items"]


@dataclass
class Plans:
    plans: list[Plan]

    def for_page(self, src_uri: str) -> Plan | None:
        return next((p for p in self.plans if p.page == src_uri), None)

    def others(self, plan: Plan) -> dict[str, str]:
        """{format: name} of the other plans, so a file of one is refused by name."""
        return {p.format: p.name for p in self.plans if p is not plan}


def load_plans(data_dir: Path, shown_path) -> tuple[Plans, list[Problem]]:
    """Every data/plans/*.yml, checked; a plan with problems is left out, its problems say
    why."""
    folder = data_dir / PLANS_FOLDER
    if not folder.is_dir():
        return Plans([]), []
    plans: list[Plan] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.iterdir()):
        shown = shown_path(path)
        if path.suffix != ".yml":
            problems.append(
                Problem(shown, 1, "", "is not a plan", "data/plans/ holds only <id>.yml files")
            )
            continue
        record, doc, found = load_record(path, PLAN, shown)
        problems += found
        if record is None or doc is None:
            continue
        more = plan_problems(record, doc, shown)
        if record["id"] != path.stem:
            more.append(
                Problem(
                    shown,
                    doc.line_of(("id",)),
                    "id",
                    f"the id '{record['id']}' is not the file's name",
                    f"call the file {record['id']}.yml, or make the id '{path.stem}'",
                )
            )
        for field in ("format", "storage_key", "page"):
            other = seen.get(f"{field}:{record[field]}")
            if other:
                more.append(
                    Problem(
                        shown,
                        doc.line_of((field,)),
                        field,
                        f"'{record[field]}' is already the {field} of {other[0]}",
                        "give each plan its own",
                    )
                )
            seen[f"{field}:{record[field]}"] = (shown, field)
        problems += more
        if not more:
            plans.append(Plan(record["id"], record["page"], record))
    return Plans(plans), problems


def plan_problems(plan: dict, doc: YamlDocument, shown: str) -> list[Problem]:
    """What the schema cannot see: a key used twice, a hint or a sheet line naming what the
    plan does not have, an id the page itself uses."""
    ctx = Context(doc, shown)
    first: dict[tuple[str, str], int] = {}

    def claim(space: str, name: str, path: Path_, what: str) -> None:
        line = doc.line_of(path)
        if (space, name) in first:
            ctx.report(
                path,
                f"duplicate {what} '{name}', first used on line {first[space, name]}",
                f"give each {what} its own name: a saved plan keeps one answer per key",
            )
        else:
            first[space, name] = line
        if name.replace("_", "-") in RESERVED_IDS or name in RESERVED_IDS:
            ctx.report(path, f"'{name}' is a name the page itself uses", "choose another")

    notes: set[str] = set()
    groups: dict[str, set[str]] = {}
    answers: set[str] = set()
    hinted: list[tuple[str, Path_]] = []
    for s, section in enumerate(plan["sections"]):
        for i, item in enumerate(section["items"]):
            base: Path_ = ("sections", s, "items", i)
            inner = [(base, item)]
            if item["kind"] == "part":
                inner += [(base + ("items", j), x) for j, x in enumerate(item["items"])]
            for path, each in inner:
                kind = each["kind"]
                if kind in ANSWER_KINDS or kind == "nation":
                    claim("answer", each["key"], path + ("key",), "key")
                    answers.add(each["key"])
                elif kind == "ticks":
                    for t, tick in enumerate(each["ticks"]):
                        claim("answer", tick["key"], path + ("ticks", t, "key"), "key")
                        answers.add(tick["key"])
                elif kind == "rows":
                    claim("group", each["key"], path + ("key",), "group of rows")
                    groups[each["key"]] = set()
                    for f, row_field in enumerate(each["fields"]):
                        where = path + ("fields", f)
                        claim(f"row:{each['key']}", row_field["key"], where + ("key",), "key")
                        groups[each["key"]].add(row_field["key"])
                        if row_field.get("hint"):
                            hinted.append((row_field["hint"], where + ("hint",)))
                elif kind == "note" and each.get("id"):
                    claim("note", each["id"], path + ("id",), "note id")
                    notes.add(each["id"])
    for note, path in hinted:
        if note not in notes:
            ctx.report(path, f"no note has the id '{note}'", "give the note `id: " + note + "`")
    lines: set[str] = set()
    for d, side in enumerate(plan["sheet"]["sides"]):
        for n, line in enumerate(side["lines"]):
            path = ("sheet", "sides", d, "lines", n)
            if line["id"] in lines:
                ctx.report(path + ("id",), f"duplicate line '{line['id']}'", "give each its own")
            lines.add(line["id"])
            for a, key in enumerate(line.get("answers") or []):
                if key not in answers:
                    ctx.report(
                        path + ("answers", a), f"the plan has no answer '{key}'", "check the key"
                    )
            group = line.get("rows")
            if group is not None and group not in groups:
                ctx.report(path + ("rows",), f"the plan has no rows '{group}'", "check the key")
            elif group is not None:
                for k, key in enumerate(line.get("keys") or []):
                    if key not in groups[group]:
                        ctx.report(
                            path + ("keys", k),
                            f"the rows '{group}' have no answer '{key}'",
                            "check the key",
                        )
    return ctx.problems


# --- The file format ----------------------------------------------------------------------


def json_schema(plan: Plan, schema_url: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a saved plan, generated from its declaration: the
    same shape act-plan.js checks a file against before it loads one."""
    answer = {"type": "string", "maxLength": MAX_ANSWER}
    fields: dict[str, Any] = {}
    for kind, item in plan.answers():
        if kind == "tick":
            fields[item["key"]] = {"type": "boolean", "description": item["label"]}
        elif kind == "nation":
            fields[item["key"]] = {
                "enum": ["", "england", "wales", "scotland", "northern-ireland"],
                "description": "where the plan is for; empty for every nation",
            }
        else:
            fields[item["key"]] = {**answer, "description": item["label"]}
    groups = {
        group["key"]: {
            "type": "array",
            "maxItems": MAX_ROWS,
            "description": f"one item for each {group['label']}",
            "items": {
                "type": "object",
                "properties": {
                    f["key"]: {**answer, "description": f["label"]} for f in group["fields"]
                },
                "additionalProperties": False,
            },
        }
        for group in plan.groups()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": plan.name[0].upper() + plan.name[1:],
        "description": (
            f"A {plan.name} saved from its page on this site. Every answer is optional; "
            "an empty answer is an empty string, an unticked box false. Files are at most "
            f"{MAX_FILE_BYTES} bytes."
        ),
        "type": "object",
        "required": ["format", "version"],
        "properties": {
            "format": {"const": plan.format},
            "version": {"const": VERSION},
            "fields": {"type": "object", "properties": fields, "additionalProperties": False},
            "groups": {"type": "object", "properties": groups, "additionalProperties": False},
        },
        "additionalProperties": False,
    }

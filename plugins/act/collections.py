"""Collections kept as YAML in data/: the community programme and the volunteer showcase."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from act.datafiles import load_records
from act.problems import Problem
from act.schema import Boolean, Choice, Field, ListOf, Record, Slug, Text, Url

PROGRAMME_STATUSES = {"planned": "Planned", "active": "Active", "complete": "Complete"}
PROJECT_STATUSES = {
    "idea": "Idea",
    "prototype": "Prototype",
    "active": "Active",
    "paused": "Paused",
}

LINK = Record(
    [
        Field("title", Text(), doc="the link text", example="Project repository"),
        Field("url", Url(), doc="its https address", example="https://github.com/example/project"),
    ]
)
LINKS = Field("links", ListOf(LINK), required=False, default=[], doc="a list of {title, url}")

PROGRAMME = Record(
    [
        Field(
            "id", Slug(), doc="used in the page address; never rename", example="hack-the-police"
        ),
        Field("name", Text(), example="Hack the Police"),
        Field("status", Choice(tuple(PROGRAMME_STATUSES)), example="planned"),
        Field("summary", Text(), doc="one or two sentences"),
        Field("description", Text(multiline=True), required=False, doc="a paragraph or two"),
        Field("get_involved", Text(multiline=True), doc="how someone can take part"),
        LINKS,
    ]
)

PROJECT = Record(
    [
        Field("id", Slug(), doc="used in the page address; never rename", example="critr"),
        Field("name", Text(), example="CRITr"),
        Field("problem", Text(multiline=True), doc="the problem it tackles"),
        Field("what_it_does", Text(multiline=True), doc="what it does"),
        Field("status", Choice(tuple(PROJECT_STATUSES)), example="prototype"),
        Field(
            "brief",
            Boolean(),
            required=False,
            default=False,
            doc="true while all we know is a line from the source; the page says so",
            example="true",
        ),
        LINKS,
        Field("tags", ListOf(Slug()), required=False, default=[], example="[community-safety]"),
    ]
)

# file name in data/ -> schema of each record
COLLECTIONS: dict[str, Record] = {"programmes": PROGRAMME, "showcase": PROJECT}


def load_collections(
    data_dir: Path, shown_as: Callable[[Path], str]
) -> tuple[dict[str, list[dict]], list[Problem]]:
    """Every collection that exists in `data_dir`, checked; a missing file is an empty one."""
    collections: dict[str, list[dict]] = {}
    problems: list[Problem] = []
    for name, schema in COLLECTIONS.items():
        path = data_dir / f"{name}.yml"
        if not path.exists():
            collections[name] = []
            continue
        collections[name], found = load_records(path, schema, shown_as(path))
        problems.extend(found)
    return collections, problems

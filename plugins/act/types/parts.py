"""The files every registered content type needs beside its module, looked for before anything
is built: the templates its pages and cards are rendered with (TEMPLATES, its sources' cards),
the fragments of its listing pages, and the body `act new` starts a file with. Each missing one
is a problem naming the file, so a type added by half stops the build (and `act new`) with the
whole list, rather than with a traceback when the first page of it is rendered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from act.catalogue import Catalogue
from act.entry import TEMPLATES, Entry
from act.problems import Problem
from act.types import CONTENT_TYPES


def needed_templates(content_type: type[Entry]) -> dict[str, str]:
    """The templates `content_type` is shown with, under the theme's folders: path -> what it is."""
    kind = content_type.kind
    needed = {
        TEMPLATES[0].format(kind=kind): f"the header above each {content_type.noun}'s text",
        TEMPLATES[1].format(kind=kind): f"the card listings show a {content_type.noun} with",
    }
    for source in content_type.sources:
        needed.setdefault(
            f"fragments/act/cards/{source.card}.html",
            f"the card the '{source.name}' listing shows each item with",
        )
    # The pages' addresses and fragments do not depend on what the catalogue holds.
    for spec in content_type.listing_pages(Catalogue(), date.min):
        needed.setdefault(f"fragments/act/{spec.fragment}", f"the page /{spec.src_uri}")
    return needed


def missing_parts(
    template_dirs: list[Path],
    shown_as: Callable[[Path], str],
    content_types: tuple[type[Entry], ...] = CONTENT_TYPES,
) -> list[Problem]:
    """A problem for each file a registered type needs that is not there: a template in none
    of `template_dirs` (the theme's folders, ours first), or its `act new` body."""
    problems = []
    for content_type in content_types:
        kind = content_type.kind
        for template, what in needed_templates(content_type).items():
            if template_dirs and not any((d / template).is_file() for d in template_dirs):
                problems.append(
                    Problem(
                        shown_as(template_dirs[0] / template),
                        1,
                        "",
                        f"the {kind} content type needs this template ({what}); it is missing",
                        "add it: the same template of another content type is a good start",
                    )
                )
        body = content_type.new_body_path()
        if not body.is_file():
            problems.append(
                Problem(
                    shown_as(body),
                    1,
                    "",
                    f"the {kind} content type has no starting text for `act new {kind}`",
                    "add it: the body a new file starts with, with TODO where the writer "
                    "fills in (see the other types' files beside it)",
                )
            )
    return problems

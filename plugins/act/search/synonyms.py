"""data/search-synonyms.yml: words readers search for that the site words otherwise. A search
for the word also shows what its synonym finds ("terror" also searches "firearms attack").

A synonym is for a word, not a misspelling ("flod" is the search page's "Did you mean", from
the site's own words). `act check` makes sure each synonym finds something: every word of it
is on one published page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from act.problems import Problem
from act.schema import MISSING, Context, Field, Record, Text
from act.wording import shown_path
from act.yamlfile import YamlDocument, parse_yaml, read_text

FILE = "search-synonyms.yml"

SYNONYM = Record(
    [
        Field(
            "word",
            Text(max_length=40),
            doc="the word readers search for, in lower case",
            example="terror",
        ),
        Field(
            "finds",
            Text(max_length=80),
            doc="the words of the site a search for it also looks for",
            example="firearms attack",
        ),
    ]
)

_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Synonym:
    word: str
    finds: str
    line: int  # of `finds`, for the check


def load_synonyms(data_dir: Path) -> tuple[list[Synonym], list[Problem]]:
    """The declared synonyms (none if the file is missing: it is optional) and the problems
    of their form: a word that is not one lower-case word, a word declared twice."""
    path = data_dir / FILE
    if not path.exists():
        return [], []
    shown = shown_path(path)
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    doc, problems = parse_yaml(text, shown)
    if doc is None:
        return [], problems
    if doc.value is None:
        doc = YamlDocument([], first_line=1)
    ctx = Context(doc, shown, {}, problems)
    if not isinstance(doc.value, list):
        ctx.report(
            (), "expected a list, each entry starting with '- word: ...'", "start each with '- '"
        )
        return [], ctx.problems
    synonyms: list[Synonym] = []
    first: dict[str, int] = {}
    for index, item in enumerate(doc.value):
        record = SYNONYM.check(item, (index,), ctx)
        if record is MISSING:
            continue
        word = record["word"]
        if _WORD.fullmatch(word) is None:
            ctx.report(
                (index, "word"),
                f"'{word}' is not one word in lower case",
                "write one word, in lower case, as readers type it",
            )
        elif word in first:
            ctx.report(
                (index, "word"),
                f"'{word}' is already declared on line {first[word]}",
                "declare each word once",
            )
        else:
            first[word] = doc.line_of((index, "word"))
            synonyms.append(Synonym(word, record["finds"], doc.line_of((index, "finds"))))
    return synonyms, ctx.problems


def words_of(text: str) -> set[str]:
    """The words of a text, in lower case, as the synonyms are compared with it."""
    return set(_WORD.findall(text.lower()))


def synonym_problems(data_dir: Path, content_dir: Path, pages: dict) -> list[Problem]:
    """Every problem of data/search-synonyms.yml: its form, and each synonym that would find
    nothing, no published page of content/ (`pages`: the catalogue's, by src_uri) having all
    of its words."""
    synonyms, problems = load_synonyms(data_dir)
    if not synonyms:
        return problems
    published = [
        words_of((content_dir / src_uri).read_text(encoding="utf-8", errors="replace"))
        for src_uri, facts in pages.items()
        if not facts.meta.get("draft")
    ]
    shown = shown_path(data_dir / FILE)
    for synonym in synonyms:
        wanted = words_of(synonym.finds)
        if not any(wanted <= page for page in published):
            problems.append(
                Problem(
                    shown,
                    synonym.line,
                    "finds",
                    f"'{synonym.finds}' finds nothing: no page has all of its words",
                    "use words one page of the site has (a page's title works well)",
                )
            )
    return problems

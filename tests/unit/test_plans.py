"""Plans as declarations (act.plans): data/plans/*.yml checked with every problem at its line,
and the JSON Schema of a saved plan generated from its declaration."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

from act.plans import load_plans
from act.wording import shown_path
from support import FIXTURES, ROOT

DATA = ROOT / "data"
SAVED_BEFORE = FIXTURES / "plans" / "household-plan-saved-before-declarations.json"

GOOD = """\
id: street
page: street-plan.md
name: street plan
print_heading: Our street plan
format: act-street-plan
storage_key: act-street-plan
file_name: street-plan.json
print: compact
sections:
  - heading: Who is here
    items:
      - {kind: note, id: people-hint, text: Everyone on the street.}
      - kind: rows
        key: people
        label: person
        rows: 2
        add: Add another person
        fields:
          - {key: name, label: Name, hint: people-hint}
          - {key: phone, label: Phone, kind: phone}
      - {kind: text, key: meet, label: Where we meet}
      - kind: ticks
        label: What we have
        ticks:
          - {key: torch, label: A torch}
sheet:
  kind: contact-sheet
  heading: Contact sheet
  intro: Print it.
  title: Street contacts
  print_all: Print the plan
  print_sheet: Print the sheet
  sides:
    - lines:
        - {id: meet, label: Meet, answers: [meet]}
        - {id: people, label: People, rows: people, keys: [name, phone]}
"""


def plans_in(tmp_path: Path, **files: str):
    folder = tmp_path / "data" / "plans"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_plans(tmp_path / "data", shown_path)


def test_the_sites_plans_load_without_a_problem_and_the_fixture_site_has_the_same():
    plans, problems = load_plans(DATA, shown_path)
    assert [str(p) for p in problems] == []
    assert sorted(p.id for p in plans.plans) == ["community", "household"]
    for path in (DATA / "plans").glob("*.yml"):
        fixture = FIXTURES / "site" / "data" / "plans" / path.name
        assert fixture.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


def test_a_good_declaration_is_one_plan(tmp_path):
    plans, problems = plans_in(tmp_path, street=GOOD)
    assert problems == []
    (plan,) = plans.plans
    assert plan.url == "street-plan/"
    assert [(kind, item["key"]) for kind, item in plan.answers()] == [
        ("text", "meet"),
        ("tick", "torch"),
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (("{kind: text, key: meet,", "{kind: textbox, key: meet,"), "kind", "'textbox' is not"),
        (("key: torch", "key: meet"), "key", "duplicate key 'meet', first used on line 21"),
        (("hint: people-hint}", "hint: people-hints}"), "hint", "no note has the id"),
        (("answers: [meet]", "answers: [meeting]"), "answers", "the plan has no answer"),
        (("keys: [name, phone]", "keys: [name, email]"), "keys", "have no answer 'email'"),
        (("{kind: text, key: meet,", "{kind: text, key: Meet,"), "key", "not a valid key"),
        (
            (
                "      - {kind: text, key: meet, label: Where we meet}\n",
                "      - {kind: text, key: meet}\n",
            ),
            "kind",
            "a 'text' item needs `label`",
        ),
        (
            ("{kind: note, id: people-hint,", "{kind: note, key: x, id: people-hint,"),
            "key",
            "does not use `key`",
        ),
        (
            ("{key: name, label: Name, hint", "{key: import, label: Name, hint"),
            "key",
            "the page itself uses",
        ),
        (("kind: contact-sheet", "kind: poster"), "kind", "'poster' is not allowed"),
    ],
)
def test_each_problem_is_found_at_its_line(tmp_path, change, field, message):
    text = GOOD.replace(*change)
    assert text != GOOD
    line = text[: text.rindex(change[1])].count("\n") + 1
    _, problems = plans_in(tmp_path, street=text)
    found = [(p.line, p.field.rsplit(".", 1)[-1], p.message) for p in problems]
    assert any(
        p.line == line and field in p.field and message in p.message and p.hint for p in problems
    ), found


def test_every_problem_of_a_file_is_listed_in_one_run(tmp_path):
    text = GOOD.replace("kind: text, key: meet", "kind: texts, key: meet").replace(
        "key: torch", "key: Torch"
    )
    _, problems = plans_in(tmp_path, street=text)
    assert [p.line for p in problems] == [21, 25]
    assert all(p.path == "data/plans/street.yml" or p.path.endswith("street.yml") for p in problems)


def test_a_plan_whose_id_is_not_its_file_name_or_whose_format_is_taken_is_refused(tmp_path):
    plans, problems = plans_in(tmp_path, street=GOOD, lane=GOOD.replace("id: street", "id: lane"))
    messages = [p.message for p in problems]
    assert any("already the format of" in m for m in messages), messages
    plans, problems = plans_in(tmp_path / "b", road=GOOD)
    assert any("is not the file's name" in p.message for p in problems)
    assert plans.plans == []


def household_schema() -> dict:
    plans, _ = load_plans(DATA, shown_path)
    household = next(p for p in plans.plans if p.id == "household")
    from act.plans import json_schema

    return json_schema(household, "https://example.org/open-data/plans/household.schema.json")


def test_a_household_file_saved_before_plans_were_declared_fits_the_generated_schema():
    saved = json.loads(SAVED_BEFORE.read_text(encoding="utf-8"))
    schema = household_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(saved, schema, cls=jsonschema.Draft202012Validator)
    # Every key the old page wrote is one the declaration still has, and the other way round.
    assert set(saved["fields"]) == set(schema["properties"]["fields"]["properties"])
    assert set(saved["groups"]) == set(schema["properties"]["groups"]["properties"])
    for name, rows in saved["groups"].items():
        row_keys = schema["properties"]["groups"]["properties"][name]["items"]["properties"]
        assert set(rows[0]) == set(row_keys), name


@pytest.mark.parametrize(
    "damage",
    [
        lambda plan: plan["fields"].update(meet_near=3),
        lambda plan: plan["fields"].update(surprise="x"),
        lambda plan: plan.update(format="act-community-emergency-plan"),
        lambda plan: plan["groups"]["people"].extend([{"name": "x"}] * 30),
    ],
)
def test_the_generated_schema_refuses_a_wrong_file(damage):
    saved = json.loads(SAVED_BEFORE.read_text(encoding="utf-8"))
    damage(saved)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(saved, household_schema(), cls=jsonschema.Draft202012Validator)


def test_act_check_reports_a_broken_plan_and_a_plan_page_no_plan_names(tmp_path):
    import shutil
    from datetime import date

    from act.content.checker import check_content

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    community = site / "data" / "plans" / "community.yml"
    text = community.read_text(encoding="utf-8")
    community.write_text(text.replace("kind: warning", "kind: warnings"), encoding="utf-8")
    (site / "content" / "school-plan.md").write_text(
        "---\ntitle: School plan\ntemplate: plan.html\n---\n\nA plan.\n", encoding="utf-8"
    )
    catalogue = check_content(site / "content", site / "data", date(2026, 12, 5))
    found = {
        (p.path.rsplit("/", 1)[-1], p.line, p.field.rsplit(".", 1)[-1]) for p in catalogue.errors
    }
    line = text[: text.index("kind: warning")].count("\n") + 1
    assert ("community.yml", line, "kind") in found, found
    assert ("school-plan.md", 1, "template") in found, found
    # The community plan has a problem, so it is left out; its page is then named too.
    assert ("community-plan.md", 1, "template") in found, found

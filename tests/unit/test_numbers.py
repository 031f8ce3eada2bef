"""data/numbers.yml: its schema's problems with their lines, and the check that no page or
helpline names a number to a nation it does not serve (act.numbers)."""

from __future__ import annotations

from pathlib import Path

from act.numbers import Claim, claim_problems, helpline_claims, load_numbers, numbers_in
from support import ROOT

SOURCES = "sources: [{title: Source, url: 'https://www.example.org/'}]\n      checked: 2026-12-05"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "numbers.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[tuple[int, str, str]]:
    _, problems = load_numbers(write(tmp_path, text), "data/numbers.yml")
    return [(p.line, p.field, p.message) for p in problems]


def test_the_edition_numbers_load_and_every_service_answers_every_nation():
    numbers, problems = load_numbers(ROOT / "data/numbers.yml", "data/numbers.yml")
    assert [str(p) for p in problems] == []
    power = numbers.get("power-cut")
    assert [n.number for n in power.numbers_for("northern-ireland")] == ["03457 643 643"]
    assert [n.number for n in numbers.get("gas").numbers_for("northern-ireland")] == [
        "0800 002 001"
    ]
    for service in numbers.services:
        answered = {n for option in service.options for n in option.nations}
        assert answered == {"england", "wales", "scotland", "northern-ireland"}, service.id


def test_each_problem_in_the_numbers_file_has_its_line_and_field(tmp_path):
    found = problems_of(
        tmp_path,
        f"""- id: power-cut
  name: Power cut
  what: Report it.
  numbers:
    - number: '105'
      nations: [england, wales, scotland]
      {SOURCES}
    - number: 03457 643 643
      nations: [northern-ireland]
      {SOURCES}
- id: gas
  name: Smell gas
  what: Call.
  numbers:
    - number: 0800 111 999
      nations: [england, wales, scotlnd]
      {SOURCES}
- id: flooding
  name: Flooding
  what: Call.
  numbers:
    - number: '105'
      nations: [england, wales, scotland, northern-ireland]
      {SOURCES}
- id: health
  name: Health
  what: Call.
  numbers:
    - number: call us
      nations: [england, wales, scotland]
      sources: []
      checked: 2026-12-05
- id: police
  name: Police
  what: Call.
  numbers:
    - number: '101'
      nations: [england, wales, scotland]
      {SOURCES}
    - number: 0800 555 111
      nations: [scotland, northern-ireland]
      {SOURCES}
- id: urgent
  name: Urgent
  what: Call.
  numbers:
    - number: '116 117'
      nations: [england]
      {SOURCES}
""",
    )
    assert found == [
        (18, "[1].numbers[0].nations[2]", "'scotlnd' is not allowed"),
        (33, "[3].numbers[0].number", "'call us' is not a phone number"),
        (35, "[3].numbers[0].sources", "needs at least 1 item"),
        (
            46,
            "[4].numbers[1].nations",
            "Scotland is served by another number of this service that serves other nations",
        ),
        (52, "[5].numbers", "says nothing for Wales, Scotland and Northern Ireland"),
        (25, "number", "105 is already listed under 'power-cut' on line 5"),
    ]


def test_a_site_without_a_numbers_file_has_no_numbers_and_no_problems(tmp_path):
    numbers, problems = load_numbers(tmp_path / "numbers.yml", "data/numbers.yml")
    assert not numbers and problems == []


def edition_numbers():
    numbers, _ = load_numbers(ROOT / "data/numbers.yml", "data/numbers.yml")
    return numbers


def claim(text: str, nations=("england", "wales", "scotland", "northern-ireland")):
    return claim_problems(
        Claim("page.md", "body", nations, tuple(numbers_in(text, 1))), edition_numbers()
    )


def test_105_for_everyone_needs_northern_irelands_number_beside_it():
    (problem,) = claim("Call 105 to report a power cut.")
    assert "without Northern Ireland's own number" in problem.message
    assert "03457 643 643 (NIE Networks)" in problem.hint
    assert (
        claim("Call 105 to report a power cut.\n\nIn Northern Ireland, call 03457 643 643.") == []
    )


def test_a_number_said_to_a_nation_it_does_not_serve_fails_even_beside_the_right_one():
    (problem,) = claim("Call NIE Networks on 03457 643 643.\nIn Northern Ireland, call 105.")
    assert (problem.line, problem.message) == (
        2,
        "says 105 (Power cut) to Northern Ireland; it serves England, Wales and Scotland only",
    )


def test_one_line_for_everyone_with_each_nations_number_passes():
    assert (
        claim("Power cut: call 105 (England, Scotland, Wales) · Northern Ireland: 03457 643 643")
        == []
    )
    assert claim("In England, Scotland and Wales, call Floodline on 0345 988 1188.") == []


def test_a_page_for_northern_ireland_only_cannot_name_a_great_britain_line():
    (problem,) = claim("If you smell gas, call 0800 111 999.", nations=("northern-ireland",))
    assert "says 0800 111 999 (Smell gas) to Northern Ireland" in problem.message
    assert "0800 002 001" in problem.hint
    assert claim("If you smell gas, call 0800 002 001.", nations=("northern-ireland",)) == []


def test_where_a_service_has_no_number_for_a_nation_none_is_asked_for():
    assert claim("For urgent medical help that is not an emergency, call 111.") == []


def test_a_helpline_for_northern_ireland_listing_the_great_britain_gas_line_fails(tmp_path):
    referrals = tmp_path / "referrals.yml"
    referrals.write_text(
        """- id: utilities
  name: Utilities
  who_it_helps: People without gas or power.
  helplines:
    - name: Gas emergency
      number: 0800 111 999
      free: true
      nations: [northern-ireland]
    - name: Gas emergency (Northern Ireland)
      number: 0800 002 001
      free: true
      nations: [northern-ireland]
    - name: Power
      free: true
      website: https://www.example.org/
      note: In Northern Ireland, call 105.
      nations: [england, northern-ireland]
""",
        encoding="utf-8",
    )
    found = [
        (p.line, p.field, p.message.split(";")[0])
        for c in helpline_claims(referrals, "data/referrals.yml")
        for p in claim_problems(c, edition_numbers())
    ]
    assert found == [
        (6, "[0].helplines[0]", "says 0800 111 999 (Smell gas) to Northern Ireland"),
        (16, "[0].helplines[2]", "says 105 (Power cut) to Northern Ireland"),
    ]

"""data/referrals.yml, the snapshot format, normalisation and the atomic write, without network."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from act.charities.directory import build_directory
from act.charities.normalise import https_website, normalise_charity, tidy_name
from act.charities.pages import get_help_pages
from act.charities.referrals import load_referrals
from act.charities.snapshot import (
    FROM_REGISTER,
    Charity,
    SnapshotError,
    curated_snapshot,
    diff_snapshots,
    parse_snapshot,
    read_snapshot,
    snapshot_text,
    write_snapshot,
)
from act.templates import fragment_environment
from charities.fake_charitybase import charity_record
from support import ROOT


def referrals_from(tmp_path: Path, text: str):
    path = tmp_path / "referrals.yml"
    path.write_text(text, encoding="utf-8")
    return load_referrals(path, "data/referrals.yml")


# --- the real data ---------------------------------------------------------------------------


def test_the_real_referrals_file_has_no_problems():
    referrals, problems = load_referrals(ROOT / "data/referrals.yml", "data/referrals.yml")
    assert [str(p) for p in problems] == []
    assert {n.id for n in referrals.needs} >= {
        "drug-and-alcohol-addiction",
        "domestic-abuse",
        "gangs-and-exploitation",
        "victims-of-crime",
        "mental-health-crisis",
        "loneliness-and-isolation",
        "money-worries",
        "homelessness",
    }


def test_the_committed_snapshot_is_honest_about_its_source():
    referrals, _ = load_referrals(ROOT / "data/referrals.yml", "data/referrals.yml")
    snapshot, problems = read_snapshot(
        ROOT / "data/charities/snapshot.json", "data/charities/snapshot.json"
    )
    assert problems == []
    if snapshot.is_register_data:
        assert snapshot.provenance.fetched_at and snapshot.provenance.licence
        return
    # Before any live refresh: exactly what the YAML states, marked as curated.
    assert snapshot_text(snapshot) == snapshot_text(curated_snapshot(referrals))
    assert {c.source for c in snapshot.charities} == {"curated"}


# --- referrals.yml problems ------------------------------------------------------------------


def test_referrals_problems_name_the_line_and_field(tmp_path):
    _, problems = referrals_from(
        tmp_path,
        """\
- id: crisis
  name: Crisis
  who_it_helps: People.
  helplines:
    - name: Line
      number: "call us"
      free: true
    - name: Nowhere
      free: true
  charities:
    - number: 12AB
      name: Bad
      description: Bad number.
  charitybase:
    cap: 10
""",
    )
    found = {(p.line, p.field, p.message) for p in problems}
    assert (6, "[0].helplines[0].number", "'call us' is not a phone number") in found
    assert (8, "[0].helplines[1]", "helpline 'Nowhere' has neither a number nor a website") in found
    assert (11, "[0].charities[0].number", "'12AB' is not a registered charity number") in found
    assert (
        14,
        "[0].charitybase",
        "these filters would match every charity on the register",
    ) in found


def test_a_charity_twice_under_one_need_is_a_problem(tmp_path):
    _, problems = referrals_from(
        tmp_path,
        """\
- id: crisis
  name: Crisis
  who_it_helps: People.
  charities:
    - {number: 219432, name: A, description: One.}
    - {number: 219432, name: A, description: Two.}
""",
    )
    assert [(p.line, p.field) for p in problems] == [(6, "[0].charities[1].number")]


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("THE BRITISH RED CROSS SOCIETY", "The British Red Cross Society"),
        ("NSPCC", "NSPCC"),
        ("WOMEN'S AID FEDERATION OF ENGLAND", "Women's Aid Federation of England"),
        ("CROSS-BORDER HELP (UK) CIO", "Cross-Border Help (UK) CIO"),
        (
            "Mind (The National Association for Mental Health)",
            "Mind (The National Association for Mental Health)",
        ),
        ("  SPACED   OUT  ", "Spaced Out"),
    ],
)
def test_upper_case_names_get_ordinary_capitals(raw, tidy):
    assert tidy_name(raw) == tidy


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("www.samaritans.org", "https://www.samaritans.org/"),
        ("http://WWW.Example.org/help", "https://www.example.org/help"),
        ("https://example.org", "https://example.org/"),
        ("not a website", None),
        ("mailto:someone@example.org", None),
        ("", None),
        (None, None),
    ],
)
def test_websites_become_https_or_nothing(raw, url):
    assert https_website(raw) == url


def test_normalised_charity_keeps_organisational_facts_only():
    charity = normalise_charity(charity_record("1234567", "HELP FOR ALL"))
    assert charity.name == "Help for All"
    assert charity.activities == "Helps people in need. Runs a helpline."
    assert charity.areas == ("Throughout England and Wales",)
    assert charity.latest_income == 12345 and charity.income_year_end == date(2025, 3, 31)
    assert charity.registered_on == date(1990, 5, 1) and not charity.is_removed
    assert "contact" not in json.dumps(charity.as_json())


def test_only_the_latest_registration_decides_removal():
    record = charity_record("1234567", "BACK AGAIN")
    record["registrations"] = [
        {"registrationDate": "1980-01-01T00:00:00.000Z", "removalDate": "1985-01-01T00:00:00Z"},
        {"registrationDate": "1999-01-01T00:00:00.000Z", "removalDate": None},
    ]
    assert not normalise_charity(record).is_removed


# --- the snapshot ----------------------------------------------------------------------------


def test_snapshot_problems_are_listed():
    text = json.dumps(
        {
            "format": 2,
            "provenance": {"source": "somewhere"},
            "charities": [
                {"number": "12", "name": "X", "source": "curated"},
                {
                    "number": "1234567",
                    "name": "Y",
                    "source": "register",
                    "removed_on": "2020-01-01",
                },
            ],
        }
    )
    snapshot, problems = parse_snapshot(text, "snapshot.json")
    assert snapshot is None
    fields = {p.field for p in problems}
    assert {"provenance.source", "charities[0].number"} <= fields


def test_a_removed_charity_can_never_be_stored():
    text = json.dumps(
        {
            "format": 2,
            "provenance": {"source": "charitybase"},
            "charities": [
                {"number": "1234567", "name": "Y", "source": "register", "removed_on": "2020-01-01"}
            ],
        }
    )
    _, problems = parse_snapshot(text, "snapshot.json")
    assert [p.field for p in problems] == ["charities[0].removed_on"]


def test_a_snapshot_that_fails_its_checks_is_not_written(tmp_path):
    referrals, _ = referrals_from(
        tmp_path,
        "- {id: a, name: A, who_it_helps: People., charities: "
        "[{number: 219432, name: Samaritans, description: Listens.}]}\n",
    )
    path = tmp_path / "charities" / "snapshot.json"
    write_snapshot(path, curated_snapshot(referrals))
    before = path.read_bytes()
    good = curated_snapshot(referrals)
    removed = Charity("1234567", "Gone", FROM_REGISTER, removed_on=date(2020, 1, 1))
    bad = type(good)(good.provenance, good.charities + (removed,), good.matches)
    with pytest.raises(SnapshotError, match="failed its checks"):
        write_snapshot(path, bad)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["snapshot.json"]


def test_diff_lists_added_removed_and_changed():
    old = curated_snapshot_of({"219432": "Samaritans", "263710": "Shelter"})
    new = curated_snapshot_of({"219432": "Samaritans UK", "216401": "NSPCC"})
    diff = diff_snapshots(old, new)
    assert diff.lines() == [
        "1 added, 1 removed, 1 changed",
        "  + 216401 NSPCC",
        "  - 263710 Shelter",
        "  ~ 219432 Samaritans UK: name",
    ]


def curated_snapshot_of(names: dict[str, str]):
    from act.charities.referrals import CuratedCharity, Need, Referrals

    need = Need(
        "a", "A", "People.", (), tuple(CuratedCharity(n, m, "Helps.") for n, m in names.items())
    )
    return curated_snapshot(Referrals([need]))


# --- pages from a curated snapshot -----------------------------------------------------------


def test_a_curated_snapshot_is_not_credited_as_register_data():
    referrals, _ = load_referrals(ROOT / "data/referrals.yml", "data/referrals.yml")
    directory = build_directory(referrals, curated_snapshot(referrals))
    pages = get_help_pages(directory, fragment_environment([ROOT / "overrides"]))
    need = next(p for p in pages if p.src_uri == "get-help/mental-health-crisis.md")
    assert "We have not checked them against the charity register" in need.body
    assert "Open Government Licence" not in need.body
    assert '<a href="tel:116123">116 123</a>' in need.body
    assert need.url == "get-help/mental-health-crisis/"


# --- registers, area codes, personal data ----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "register", "entry"),
    [
        (
            "219432",
            "Charity Commission for England and Wales",
            "https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/219432",
        ),
        (
            "SC012345",
            "Scottish Charity Regulator (OSCR)",
            "https://www.oscr.org.uk/about-charities/search-the-register/charity-details?number=SC012345",
        ),
        (
            "NIC100002",
            "Charity Commission for Northern Ireland",
            "https://www.charitycommissionni.org.uk/charity-details/?regId=100002&subId=0",
        ),
    ],
)
def test_each_number_belongs_to_one_register_with_its_own_entry_page(number, register, entry):
    charity = Charity(number, "A charity")
    assert (charity.register.name, charity.register_url) == (register, entry)


def test_numbers_and_area_codes_in_every_current_form_are_accepted(tmp_path):
    referrals, problems = referrals_from(
        tmp_path,
        """\
- id: crisis
  name: Crisis
  who_it_helps: People.
  charities:
    - {number: SC012345, name: Scottish, description: One.}
    - {number: nic100002, name: Northern Irish, description: Two.}
    - {number: SC12, name: Bad, description: Three.}
  charitybase:
    search: crisis
    areas: [A-1, B-25, E08000035, W06000015, Leeds]
""",
    )
    assert [(p.line, p.field) for p in problems] == [
        (7, "[0].charities[2].number"),
        (10, "[0].charitybase.areas[4]"),
    ]
    assert "SC012345" in problems[0].hint and "E08000035" in problems[1].hint


def test_scottish_and_northern_irish_charities_are_never_asked_of_charitybase(tmp_path):
    from act.charities.refresh import looked_up

    referrals, _ = referrals_from(
        tmp_path,
        """\
- id: crisis
  name: Crisis
  who_it_helps: People.
  charities:
    - {number: SC012345, name: Scottish, description: One.}
    - {number: NIC100002, name: Northern Irish, description: Two.}
    - {number: 219432, name: Samaritans, description: Three.}
""",
    )
    assert looked_up(referrals) == ["219432"]


def test_contact_details_never_reach_the_activities():
    record = charity_record(
        "1234567",
        "HELP FOR ALL",
        activities="RUNS A FOOD BANK. CONTACT JANE ON 07700 900123 OR JANE@EXAMPLE.ORG. "
        "GIVES ADVICE ON +44 20 7946 0958.",
    )
    assert normalise_charity(record).activities == "Runs a food bank."

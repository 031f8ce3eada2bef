"""data/areas.yml (act.areas): its checks, each problem at its line; the numbers an area's page
gives for its nation; which roles and events an area lists, the most local first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from act.areas.data import council_key, load_areas
from act.areas.pages import local, numbers_for_nation
from act.numbers import load_numbers
from support import FIXTURES, ROOT, act_check, make_project

FIXTURE_AREAS = FIXTURES / "site" / "data" / "areas.yml"


def regions() -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "regions.yml").read_text(encoding="utf-8"))


def load(tmp_path: Path, text: str):
    path = tmp_path / "areas.yml"
    path.write_text(text, encoding="utf-8")
    return load_areas(path, "data/areas.yml", regions())


def line_of(text: str, needle: str, after: int = 0) -> int:
    """The 1-based line of the first line holding `needle`, from line `after` on."""
    lines = text.splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and needle in line)


def test_the_fixture_areas_load_without_a_problem():
    areas, problems = load_areas(FIXTURE_AREAS, "data/areas.yml", regions())
    assert [str(p) for p in problems] == []
    assert [a.id for a in areas] == [
        "west-yorkshire",
        "south-wales",
        "scotland",
        "northern-ireland",
    ]
    assert len(areas[1].fire) == 2


def test_the_edition_areas_load_without_a_problem():
    path = ROOT / "data" / "areas.yml"
    areas, problems = load_areas(path, "data/areas.yml", regions())
    assert [str(p) for p in problems] == []
    assert {a.nation for a in areas} >= {"england", "wales", "northern-ireland"}
    for area in areas:
        assert area.sources and area.councils_source.url.startswith("https://")


def test_a_council_in_two_areas_is_an_error_at_its_line_naming_both_areas(tmp_path):
    text = FIXTURE_AREAS.read_text(encoding="utf-8").replace(
        "councils: [Antrim and Newtownabbey, Belfast, Derry City and Strabane]",
        "councils:\n    - Antrim and Newtownabbey\n    - Belfast\n    - 'leeds.'",
    )
    _, problems = load(tmp_path, text)
    assert [(p.line, p.field) for p in problems] == [
        (line_of(text, "- 'leeds.'"), "northern-ireland.councils")
    ]
    message = problems[0].message
    assert "'leeds.' is already in the area 'west-yorkshire' ('Leeds', line" in message
    assert f"line {line_of(text, 'councils: [Bradford')})" in message


def test_an_area_with_no_source_is_an_error_at_its_line(tmp_path):
    text = FIXTURE_AREAS.read_text(encoding="utf-8")
    start = line_of(text, "id: south-wales")
    lines = text.splitlines()
    sources = line_of(text, "  sources:", after=start)
    del lines[sources - 1 : sources + 2]  # `sources:` and its one entry
    areas, problems = load(tmp_path, "\n".join(lines) + "\n")
    assert [(p.line, p.field, p.message) for p in problems] == [
        (start, "[1].sources", "required field is missing")
    ]
    assert "south-wales" not in [a.id for a in areas]


def test_a_bad_link_is_an_error_at_its_line(tmp_path):
    text = FIXTURE_AREAS.read_text(encoding="utf-8").replace(
        "url: https://www.nifrs.org/", "url: http://www.nifrs.org/"
    )
    _, problems = load(tmp_path, text)
    assert [(p.line, p.field) for p in problems] == [
        (line_of(text, "http://www.nifrs.org/"), "[3].fire[0].url")
    ]
    assert "is not a secure web address" in problems[0].message


def test_ambulance_problems_are_each_at_their_line_in_one_run(tmp_path):
    """An empty list, a service with no name, the old one-service mapping, and a second
    service that does not say where it serves: each a problem of its own, all in one run."""
    fixture = FIXTURE_AREAS.read_text(encoding="utf-8")
    text = (
        fixture.replace(
            "  ambulance:\n    - name: Yorkshire Ambulance Service NHS Trust\n"
            "      url: https://www.yas.nhs.uk/\n",
            "  ambulance:\n    - name: Yorkshire Ambulance Service NHS Trust\n"
            "      url: https://www.yas.nhs.uk/\n"
            "    - url: https://www.emas.nhs.uk/\n"
            "      serves: North Lincolnshire\n",
        )
        .replace(
            "  ambulance:\n    - name: Welsh Ambulance Services University NHS Trust\n"
            "      url: https://www.ambulance.nhs.wales/\n",
            "  ambulance: []\n",
        )
        .replace(
            "  ambulance:\n    - name: Scottish Ambulance Service\n"
            "      url: https://www.scottishambulance.com/\n",
            "  ambulance:\n    name: Scottish Ambulance Service\n"
            "    url: https://www.scottishambulance.com/\n",
        )
        .replace(
            "  ambulance:\n    - name: Northern Ireland Ambulance Service\n"
            "      url: https://www.nias.hscni.net/\n",
            "  ambulance:\n    - name: Northern Ireland Ambulance Service\n"
            "      url: https://www.nias.hscni.net/\n"
            "    - name: Another Ambulance Service\n"
            "      url: https://www.example.org/\n",
        )
    )
    assert text.count("ambulance:") == 4 and fixture != text
    areas, problems = load(tmp_path, text)
    found = [(p.path, p.line, p.field, p.message) for p in problems]
    assert found == [
        (
            "data/areas.yml",
            line_of(text, "- url: https://www.emas.nhs.uk/"),
            "[0].ambulance[1].name",
            "required field is missing",
        ),
        (
            "data/areas.yml",
            line_of(text, "ambulance: []"),
            "[1].ambulance",
            "needs at least 1 item",
        ),
        (
            "data/areas.yml",
            line_of(text, "ambulance:", after=line_of(text, "id: scotland")),
            "[2].ambulance",
            "expected a list, found a mapping",
        ),
        (
            "data/areas.yml",
            line_of(text, "- name: Another Ambulance Service"),
            "[3].ambulance[1].serves",
            "two ambulance services without `serves`: only one can cover the rest of the area",
        ),
    ]
    assert all(p.hint for p in problems)
    assert "name: Yorkshire Ambulance Service NHS Trust" in problems[0].hint
    assert "serves:" in problems[3].hint
    assert not {"west-yorkshire", "south-wales", "scotland"} & {a.id for a in areas}


def test_an_area_served_by_two_ambulance_services_names_each_and_where_it_serves():
    areas, problems = load_areas(ROOT / "data" / "areas.yml", "data/areas.yml", regions())
    assert problems == []
    by_id = {a.id: a for a in areas}
    shown = {
        area: [(s.name, s.url, s.serves) for s in by_id[area].ambulance]
        for area in ("humberside", "derbyshire", "hampshire-and-isle-of-wight")
    }
    assert shown["humberside"] == [
        ("Yorkshire Ambulance Service NHS Trust", "https://www.yas.nhs.uk/", None),
        (
            "East Midlands Ambulance Service NHS Trust",
            "https://www.emas.nhs.uk/",
            "North Lincolnshire and North East Lincolnshire",
        ),
    ]
    assert shown["derbyshire"] == [
        ("East Midlands Ambulance Service NHS Trust", "https://www.emas.nhs.uk/", None),
        (
            "North West Ambulance Service NHS Trust",
            "https://www.nwas.nhs.uk/",
            "Glossop, Hadfield and Tintwistle",
        ),
    ]
    assert shown["hampshire-and-isle-of-wight"][0] == (
        "South Central Ambulance Service NHS Foundation Trust",
        "https://www.scas.nhs.uk/",
        None,
    )
    assert shown["hampshire-and-isle-of-wight"][1][2] == "the Isle of Wight"
    # Every service's address is the one every other area gives that trust, and no name is a
    # sentence about another service.
    addresses: dict[str, set[str]] = {}
    for area in areas:
        for service in area.ambulance:
            addresses.setdefault(service.name, set()).add(service.url)
            assert "(" not in service.name and ":" not in service.name, service.name
    assert {name: urls for name, urls in addresses.items() if len(urls) > 1} == {}
    assert sum(len(a.ambulance) == 1 for a in areas) == len(areas) - 3


def test_a_region_of_another_nation_and_an_unknown_region_are_errors(tmp_path):
    text = (
        FIXTURE_AREAS.read_text(encoding="utf-8")
        .replace("region: wales", "region: london")
        .replace("region: scotland", "region: highlands")
    )
    _, problems = load(tmp_path, text)
    assert [(p.line, p.field, p.message) for p in problems] == [
        (line_of(text, "region: london"), "south-wales.region", "'london' is not in Wales"),
        (
            line_of(text, "region: highlands"),
            "scotland.region",
            "'highlands' is not a region of data/regions.yml",
        ),
    ]


def test_act_check_names_each_area_problem_with_its_file_and_line(tmp_path):
    project = make_project("site", tmp_path / "project")
    path = project / "data" / "areas.yml"
    text = path.read_text(encoding="utf-8").replace(
        "url: https://www.nifrs.org/", "url: http://www.nifrs.org/"
    )
    path.write_text(text, encoding="utf-8")
    result = act_check(project)
    assert result.returncode == 1
    assert f"data/areas.yml:{line_of(text, 'http://www.nifrs.org/')}: [3].fire[0].url:" in (
        result.stdout + result.stderr
    )


def test_council_names_compare_without_case_spaces_or_punctuation():
    assert council_key("St. Helens") == council_key("st helens") == "sthelens"
    assert council_key("Armagh City, Banbridge & Craigavon") == ("armaghcitybanbridgeandcraigavon")
    assert council_key("Ynys Môn") == "ynysmon"


def test_northern_ireland_gets_its_own_power_gas_and_flood_lines_not_105():
    numbers, _ = load_numbers(ROOT / "data" / "numbers.yml", "data/numbers.yml")
    lines = {line.id: line for line in numbers_for_nation(numbers, "northern-ireland")}
    assert [n.number for n in lines["power-cut"].numbers] == ["03457 643 643"]
    assert [n.number for n in lines["gas"].numbers] == ["0800 002 001"]
    assert [n.number for n in lines["flooding"].numbers] == ["0300 2000 100"]
    assert lines["urgent-medical-help"].numbers == () and lines["urgent-medical-help"].advice
    england = {line.id: line for line in numbers_for_nation(numbers, "england")}
    assert [n.number for n in england["power-cut"].numbers] == ["105"]


@dataclass
class Item:
    title: str
    data: dict = field(default_factory=dict)


def test_an_area_lists_what_covers_it_the_most_local_first():
    areas, _ = load_areas(FIXTURE_AREAS, "data/areas.yml", regions())
    west_yorkshire = areas[0]
    items = [
        Item("everywhere", {"regions": ["uk-wide"]}),
        Item("london", {"regions": ["london"]}),
        Item("england", {"regions": ["england"]}),
        Item("yorkshire", {"regions": ["yorkshire-and-the-humber", "north-east"]}),
        Item("wales", {"regions": ["wales"]}),
    ]
    assert [i.title for i in local(west_yorkshire, items)] == ["yorkshire", "england", "everywhere"]
    assert [i.title for i in local(areas[1], items)] == ["wales", "everywhere"]


def test_the_area_pages_take_part_in_the_address_and_link_checks(tmp_path):
    project = make_project("site", tmp_path / "project")
    (project / "content" / "areas").mkdir()
    (project / "content" / "areas" / "west-yorkshire.md").write_text(
        "---\ntitle: Leeds\n---\n\nA page of our own.\n", encoding="utf-8"
    )
    about = project / "content" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8")
        + "\nSee [South Wales](areas/south-wales.md) and [nowhere](areas/nowhere.md).\n",
        encoding="utf-8",
    )
    output = act_check(project).stdout
    assert "content/areas/west-yorkshire.md:1: (file): /areas/ is where the build writes the" in (
        output
    )
    assert "areas/nowhere.md, which does not exist" in output
    assert "areas/south-wales.md, which does not exist" not in output

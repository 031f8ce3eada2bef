"""Local roles, events and help (issue 31, item 4): a role or an event can name the police force
areas it serves (`areas`, checked by `act check` at its line); an area page lists what names
it first, then what covers its region, its nation, the UK; and Get help's charities are listed
on the pages of the areas their register entry says they work in."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from act.areas.charities import LOCAL, NATION, REGION, local_charities, nearness
from act.areas.data import load_areas
from act.areas.pages import local
from act.charities.directory import Directory, ListedCharity, NeedListing
from act.charities.referrals import Need
from act.charities.snapshot import FROM_REGISTER, Charity
from act.taxonomies import load_taxonomies
from support import FIXTURES, ROOT, act_check, make_project

FIXTURE_AREAS = FIXTURES / "site" / "data" / "areas.yml"


def regions() -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "regions.yml").read_text(encoding="utf-8"))


def fixture_areas():
    areas, problems = load_areas(FIXTURE_AREAS, "data/areas.yml", regions())
    assert problems == []
    return {a.id: a for a in areas}


@dataclass
class Item:
    title: str
    data: dict = field(default_factory=dict)


def test_an_area_lists_what_names_it_first_then_its_region_nation_and_the_uk():
    west_yorkshire = fixture_areas()["west-yorkshire"]
    items = [
        Item("everywhere", {"regions": ["uk-wide"]}),
        Item("england", {"regions": ["england"]}),
        Item("yorkshire", {"regions": ["yorkshire-and-the-humber"]}),
        Item("leeds", {"regions": ["yorkshire-and-the-humber"], "areas": ["west-yorkshire"]}),
    ]
    assert [i.title for i in local(west_yorkshire, items)] == [
        "leeds",
        "yorkshire",
        "england",
        "everywhere",
    ]


def test_a_role_that_names_other_areas_is_not_listed_for_this_one():
    areas = fixture_areas()
    cardiff = Item("cardiff", {"regions": ["wales"], "areas": ["south-wales"]})
    assert local(areas["south-wales"], [cardiff]) == [cardiff]
    # Its region is Wales, but its source says South Wales: not Dyfed-Powys or anywhere else.
    assert local(areas["west-yorkshire"], [cardiff]) == []
    national = Item("national", {"regions": ["uk-wide"], "areas": ["scotland"]})
    assert local(areas["northern-ireland"], [national]) == []


def test_the_area_ids_are_terms_content_can_name():
    taxonomies, problems = load_taxonomies(FIXTURES / "site" / "data", str)
    assert problems == []
    assert taxonomies.names()["areas"] == {
        "west-yorkshire": "West Yorkshire",
        "south-wales": "South Wales",
        "scotland": "Scotland",
        "northern-ireland": "Northern Ireland",
    }


def test_act_check_names_an_unknown_area_at_its_line_and_the_file_of_the_known_ones(tmp_path):
    project = make_project("site", tmp_path / "project")
    role = project / "content" / "volunteer" / "open-responder.md"
    text = role.read_text(encoding="utf-8").replace(
        "regions: [south-west]\n", "regions: [south-west]\nareas: [west-yorkshire, somerset]\n"
    )
    role.write_text(text, encoding="utf-8")
    line = text.splitlines().index("areas: [west-yorkshire, somerset]") + 1
    event = project / "content" / "events" / "fixture-hack-weekend.md"
    event.write_text(
        event.read_text(encoding="utf-8").replace(
            "regions: [yorkshire-and-the-humber]\n",
            "regions: [yorkshire-and-the-humber]\nareas: [west-yorkshire]\n",
        ),
        encoding="utf-8",
    )
    result = act_check(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"content/volunteer/open-responder.md:{line}: areas[1]:" in output
    assert "'somerset' is not a known area" in output
    hint = output.split("'somerset' is not a known area", 1)[1].strip().splitlines()[0]
    assert "data/areas.yml" in hint
    assert "fixture-hack-weekend.md" not in output  # a known area is no problem


def charity(number: str, *areas: str) -> ListedCharity:
    found = Charity(number, f"Charity {number}", FROM_REGISTER, None, "Helps.", areas=areas)
    return ListedCharity(found, found.name, found.activities, None)


def test_a_charity_works_in_an_area_through_a_council_its_region_or_its_nation():
    areas = fixture_areas()
    west_yorkshire, south_wales = areas["west-yorkshire"], areas["south-wales"]
    # The register's own words (CharityBase gives them in capitals; the snapshot tidies them).
    assert nearness(west_yorkshire, "Yorkshire and the Humber", ["Leeds City"]) == LOCAL
    assert nearness(west_yorkshire, "Yorkshire and the Humber", ["City of Wakefield"]) == LOCAL
    assert nearness(west_yorkshire, "Yorkshire and the Humber", ["West Yorkshire"]) == LOCAL
    assert nearness(west_yorkshire, "Yorkshire and the Humber", ["Throughout England"]) == NATION
    assert (
        nearness(west_yorkshire, "Yorkshire and the Humber", ["Throughout England and Wales"])
        == NATION
    )
    assert nearness(west_yorkshire, "Yorkshire and the Humber", ["Throughout Wales"]) is None
    assert nearness(west_yorkshire, "Yorkshire and the Humber", ["Cardiff", "Sheffield"]) is None
    assert nearness(south_wales, "Wales", ["Throughout Wales"]) == NATION
    assert nearness(south_wales, "Wales", ["Cardiff"]) == LOCAL
    assert nearness(areas["scotland"], "Scotland", ["Scotland"]) == LOCAL
    assert nearness(areas["northern-ireland"], "Northern Ireland", ["Scotland"]) is None


def test_a_london_wide_charity_is_listed_by_region():
    london = next(
        a
        for a in load_areas(ROOT / "data" / "areas.yml", "data/areas.yml", regions())[0]
        if a.id == "london"
    )
    assert nearness(london, "London", ["Throughout London"]) == REGION
    assert nearness(london, "London", ["City of Westminster"]) == LOCAL


def test_an_area_page_lists_charities_by_need_the_most_local_first():
    west_yorkshire = fixture_areas()["west-yorkshire"]
    crisis = Need("crisis", "Crisis support", "People in a crisis.")
    money = Need("money", "Money worries", "People with debts.")
    nowhere = Need("nowhere", "Nowhere", "No one here.")
    directory = Directory(
        [
            NeedListing(
                crisis,
                (),
                (charity("1000001", "Throughout England and Wales"),),
                (charity("1000002", "Leeds City"), charity("1000003", "Cardiff")),
            ),
            NeedListing(money, (), (), (charity("1000004"),)),
            NeedListing(nowhere, (), (), (charity("1000005", "Throughout Wales"),)),
        ]
    )
    found = local_charities(west_yorkshire, directory, {"yorkshire-and-the-humber": "Yorkshire"})
    assert [(n.need.id, [c.number for c in n.charities]) for n in found] == [
        ("crisis", ["1000002", "1000001"])
    ]
    # The committed snapshot, before a refresh brings areas: nothing listed, nothing wrong.
    assert local_charities(west_yorkshire, Directory([NeedListing(money, (), (), ())]), {}) == []
    assert local_charities(west_yorkshire, None, {}) == []


def test_act_check_names_an_area_outside_the_roles_regions_at_its_line(tmp_path):
    project = make_project("site", tmp_path / "project")
    role = project / "content" / "volunteer" / "open-responder.md"
    text = role.read_text(encoding="utf-8").replace(
        "regions: [south-west]\n", "regions: [south-west]\nareas:\n  - west-yorkshire\n"
    )
    role.write_text(text, encoding="utf-8")
    line = text.splitlines().index("areas:") + 1
    event = project / "content" / "events" / "fixture-hack-weekend.md"
    event.write_text(  # in its region: no problem
        event.read_text(encoding="utf-8").replace(
            "regions: [yorkshire-and-the-humber]\n",
            "regions: [yorkshire-and-the-humber]\nareas: [west-yorkshire]\n",
        ),
        encoding="utf-8",
    )
    result = act_check(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        f"content/volunteer/open-responder.md:{line}: areas[0]: 'west-yorkshire' (West "
        "Yorkshire) is in the region 'yorkshire-and-the-humber', which `regions` does not cover"
    ) in output
    assert "fixture-hack-weekend.md" not in output


def test_an_area_page_leaves_sensitive_needs_to_get_help():
    # A sensitive need's page has an "Exit this page" button and is never kept on the device;
    # an area page is (the chosen area works without signal), so it lists none of them.
    west_yorkshire = fixture_areas()["west-yorkshire"]
    abuse = Need("domestic-abuse", "Domestic abuse", "People at risk.", sensitive=True)
    money = Need("money", "Money worries", "People with debts.")
    directory = Directory(
        [
            NeedListing(abuse, (), (), (charity("1000006", "Leeds City"),)),
            NeedListing(money, (), (), (charity("1000007", "Leeds City"),)),
        ]
    )
    found = local_charities(west_yorkshire, directory, {})
    assert [n.need.id for n in found] == ["money"]

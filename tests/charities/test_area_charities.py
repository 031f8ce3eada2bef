"""Get help's charities on the area pages, from register data the local CharityBase serves: a
refresh keeps each charity's areas of operation, and an area's page lists, need by need, the
charities that work in its councils first, then those that work across its nation."""

from __future__ import annotations

import json

import pytest

from act.charities.referrals import load_referrals
from act.charities.snapshot import curated_snapshot, snapshot_text
from act.cli import main
from charities.fake_charitybase import GOOD_KEY, FakeCharityBase, charity_record
from charities.get_help_project import HOSTILE
from charities.sample_register import REFERRALS
from support import FIXTURES, make_project, run_build


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def section(html: str, start: str, end: str) -> str:
    page = article(html)
    return page[page.index(start) : page.index(end)]


@pytest.fixture(scope="module")
def refreshed_build(tmp_path_factory):
    """The fixture site with Get help's data refreshed from a local CharityBase whose
    charities work in Leeds, Cardiff, West Yorkshire or the whole of England and Wales."""
    project = make_project(FIXTURES / "site", tmp_path_factory.mktemp("areas") / "project")
    data = project / "data"
    (data / "referrals.yml").write_text(REFERRALS, encoding="utf-8")
    referrals, problems = load_referrals(data / "referrals.yml", "referrals.yml")
    assert problems == []
    (data / "charities" / "snapshot.json").write_text(
        snapshot_text(curated_snapshot(referrals)), encoding="utf-8"
    )
    with FakeCharityBase() as server, pytest.MonkeyPatch.context() as env:
        server.add(
            charity_record("1000001", "ALPHA TRUST", activities="CRISIS HELP FOR ALL."),
            charity_record(
                "2000001",
                "LEEDS CRISIS LINE",
                activities="A CRISIS LINE FOR LEEDS.",
                areas=(("B-74", "LEEDS CITY"),),
            ),
            charity_record(
                "2000002",
                "CARDIFF CRISIS HELP",
                activities="CRISIS HELP IN CARDIFF.",
                areas=(("B-153", "CARDIFF"),),
            ),
            charity_record(
                "2000003",
                HOSTILE.upper() + " CRISIS",
                activities="CRISIS HELP.",
                areas=(("B-75", "CITY OF WAKEFIELD"),),
            ),
            charity_record(
                "3000001",
                "MONEY MATTERS (WEST YORKSHIRE)",
                activities="MONEY ADVICE FOR FAMILIES IN DEBT.",
                operations=("307",),
                areas=(("C-59", "WEST YORKSHIRE"),),
            ),
        )
        for name, value in {
            "CHARITYBASE_API_URL": server.url,
            "CHARITYBASE_API_KEY": GOOD_KEY,
            "CHARITYBASE_REQUEST_INTERVAL": "0",
            "CHARITYBASE_BACKOFF": "0",
        }.items():
            env.setenv(name, value)
        assert main(["charities", "refresh", "--data", str(data)]) == 0
    build = run_build(project)
    assert build.returncode == 0, build.output
    return build


def test_an_area_page_lists_local_charities_by_need_the_local_first(refreshed_build):
    # The refresh kept each charity's areas of operation, as the register words them.
    snapshot = json.loads(
        (refreshed_build.project / "data" / "charities" / "snapshot.json").read_text("utf-8")
    )
    areas = {c["number"]: c["areas"] for c in snapshot["charities"]}
    assert areas["2000001"] == ["Leeds City"]
    assert areas["1000001"] == ["Throughout England and Wales"]
    html = refreshed_build.html("areas/west-yorkshire")
    crisis = section(html, 'id="get-help-crisis"', 'id="get-help-money"')
    assert "Leeds Crisis Line" in crisis and "Cardiff Crisis Help" not in crisis
    assert crisis.index("Leeds Crisis Line") < crisis.index("Alpha Trust")
    assert 'href="../../get-help/crisis/"' in crisis
    money = section(html, 'id="get-help-money"', 'id="councils"')
    assert "Money Matters (West Yorkshire)" in money
    # What the register says is escaped like everything else.
    assert "<script>alert" not in html.lower()
    assert "&lt;Script&gt;alert(1)&lt;/script&gt; Crisis" in crisis
    assert "Charity details are from the Charity Commission register" in html


def test_a_charity_is_listed_only_where_it_works(refreshed_build, fixture_build):
    wales = article(refreshed_build.html("areas/south-wales"))
    assert "Cardiff Crisis Help" in wales and "Alpha Trust" in wales
    assert "Leeds Crisis Line" not in wales and "Money Matters" not in wales
    # The register covers England and Wales: nothing of it is said to work in Scotland.
    scotland = article(refreshed_build.html("areas/scotland"))
    assert 'id="get-help-crisis"' not in scotland
    # Before a refresh brings areas (the fixture's snapshot, like the committed one, has none):
    # no charities are listed, nothing wrong is said, and the page still points to Get help.
    before = article(fixture_build.html("areas/south-wales"))
    assert 'id="get-help-crisis"' not in before
    assert 'href="../../get-help/"' in before

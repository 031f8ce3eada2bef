"""`act links` from files to report: which links it finds and where, the cache between runs,
the report in its three forms and the command's exit code. Every link points at 127.0.0.1."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from act.cli import main
from act.links import command
from act.links.cache import ResultCache, default_cache_path
from act.links.collect import Place, collect_links
from act.links.fetch import DEAD, MOVED, OK, CheckSettings, LinkChecker
from act.links.report import check_links, render
from links.fake_web import Answer, FakeWeb, closed_port_url, closed_port_urls, redirect

FAST = CheckSettings(
    connect_timeout=5, read_timeout=0.5, retries=1, backoff=0, host_delay=0, workers=4
)
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)

ROUTES = {
    "/ok": Answer(200),
    "/old": redirect(301, "/middle"),
    "/middle": redirect(308, "/new"),
    "/new": Answer(200),
    "/gone": Answer(404),
    "/removed": Answer(410),
}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def fixture_site(root: Path, url, refused: str) -> tuple[Path, Path]:
    """A content folder and a data folder whose links point at the local server `url(path)`;
    line numbers below are the lines the report must name."""
    content, data = root / "content", root / "data"
    write(
        content / "prepare" / "power-cuts.md",
        f"""---
title: Power cuts
summary: What to do.
sources:
  - title: A page that works
    url: {url("/ok")}
  - title: A page that moved
    url: {url("/old")}
---

Read [the old page]({url("/old")}#section) first.

See <{url("/gone")}>, and <a href="{url("/removed")}">this</a>.

Not a link: `{url("/in-code")}`. Nor [a phone](tel:999) or [a page](../about.md).
""",
    )
    write(
        data / "referrals.yml",
        f"""- id: power
  name: Power
  helplines:
    - name: A line
      website: {url("/ok")}
      source: {url("/gone")}
    - name: Another
      website: {refused}
""",
    )
    write(
        data / "charities" / "snapshot.json",
        json.dumps({"charities": [{"number": "1", "website": url("/removed")}]}, indent=2),
    )
    return content, data


@pytest.fixture
def web():
    with FakeWeb(ROUTES).running() as server:
        yield server


@pytest.fixture
def site(tmp_path, web):
    refused = closed_port_url("/nothing")
    content, data = fixture_site(tmp_path, web.url, refused)
    return content, data, refused


def run(content, data, cache=None, now=NOW, fresh=False):
    collected = collect_links(content, data)
    with LinkChecker(FAST, sleep=lambda s: None) as checker:
        return check_links(collected, checker, now=now, cache=cache, fresh=fresh)


def places(report, url) -> list[Place]:
    return next(link.places for link in report.links if link.url == url)


def test_every_external_link_is_found_with_its_file_line_and_field(site, web):
    content, data, refused = site
    found = collect_links(content, data).places
    page = "content/prepare/power-cuts.md"
    shown = str(content / "prepare" / "power-cuts.md")  # outside the working folder: as is
    assert page in shown
    referrals, snapshot = str(data / "referrals.yml"), str(data / "charities" / "snapshot.json")
    assert found == {
        web.url("/ok"): [
            Place(shown, 6, "sources[0].url"),
            Place(referrals, 5, "power: helplines[0].website"),
        ],
        web.url("/old"): [Place(shown, 8, "sources[1].url"), Place(shown, 11, "body")],
        web.url("/gone"): [
            Place(shown, 13, "body"),
            Place(referrals, 6, "power: helplines[0].source"),
        ],
        web.url("/removed"): [Place(shown, 13, "body"), Place(snapshot, 5, "charities[0].website")],
        refused: [Place(referrals, 8, "power: helplines[1].website")],
    }


def test_the_report_names_what_died_and_what_moved_with_files_and_lines(site, web):
    content, data, refused = site
    report = run(content, data)
    verdicts = {link.url: link.result.verdict for link in report.links}
    assert verdicts == {
        web.url("/ok"): OK,
        web.url("/old"): MOVED,
        web.url("/gone"): DEAD,
        web.url("/removed"): DEAD,
        refused: DEAD,
    }
    text = render(report, "text")
    assert f"{web.url('/old')}\n    moved to {web.url('/new')} (redirect 301, 308)" in text
    shown = str(content / "prepare" / "power-cuts.md")
    assert f"{shown}:8 (sources[1].url)\n    {shown}:11 (body)" in text
    assert f"{web.url('/gone')}\n    HTTP 404 Not Found\n    {shown}:13 (body)\n" in text
    assert f"{data / 'referrals.yml'}:8 (power: helplines[1].website)" in text
    assert "Checked 5 links: 3 dead, 1 moved, 0 could not be checked." in text
    # One request serves a page however often it is linked, #fragment or not.
    assert web.count("/old") == 1


def test_a_second_run_asks_only_about_links_not_known_to_work(site, web, tmp_path):
    content, data, _ = site
    cache_file = tmp_path / "cache" / "links.json"
    cache, _ = ResultCache.load(cache_file)
    run(content, data, cache)
    assert cache.save() is None
    asked_first = len(web.received)

    again, note = ResultCache.load(cache_file)
    assert note is None
    report = run(content, data, again, now=NOW + timedelta(days=6))
    asked_again = [p for _, p, _ in web.received[asked_first:]]
    # The working and moved links come from the cache; dead ones are always asked again.
    assert sorted(asked_again) == ["/gone", "/removed"]
    assert report.from_cache == 2
    assert {link.result.verdict for link in report.links if link.result.from_cache} == {OK, MOVED}


def test_results_older_than_the_age_limit_are_checked_again(site, web, tmp_path):
    content, data, _ = site
    cache, _ = ResultCache.load(tmp_path / "links.json")
    run(content, data, cache)
    before = web.count("/ok")
    report = run(content, data, cache, now=NOW + timedelta(days=8))
    assert web.count("/ok") == before + 1
    assert report.from_cache == 0


def test_fresh_ignores_the_cache(site, web, tmp_path):
    content, data, _ = site
    cache, _ = ResultCache.load(tmp_path / "links.json")
    run(content, data, cache)
    run(content, data, cache, fresh=True)
    assert web.count("/ok") == 2


def test_a_damaged_cache_is_set_aside_with_a_note(tmp_path):
    path = tmp_path / "links.json"
    path.write_text("{not json", encoding="utf-8")
    cache, note = ResultCache.load(path)
    assert cache.entries == {}
    assert "could not read the cache" in note


def test_the_cache_lives_in_the_users_cache_folder(tmp_path):
    assert default_cache_path({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "act/links.json"
    assert default_cache_path({}) == Path.home() / ".cache/act/links.json"


def test_markdown_is_a_table_per_kind_with_safe_text(tmp_path, web):
    content, data = tmp_path / "content", tmp_path / "data"
    write(content / "page.md", f"---\ntitle: A page\n---\n\n[x]({web.url('/gone')})\n")
    write(
        data / "showcase.yml",
        f"- id: odd\n  links:\n    - url: {web.url('/gone?q=<script>|`x`')}\n",
    )
    report = run(content, data)
    markdown = render(report, "markdown")
    assert "### Dead (2)" in markdown
    assert "| Address | What happened | Where |" in markdown
    assert f"| <{web.url('/gone')}> | HTTP 404 Not Found | `" in markdown
    # An address that is not plainly one is shown as code: inert, and the table stays whole.
    odd = web.url("/gone?q=<script>%7C'x'")
    assert f"| `{odd}` | HTTP 404 Not Found | `" in markdown
    assert "`odd: links[0].url`" in markdown


def test_json_lists_every_link_with_its_places(site, web):
    content, data, _ = site
    data_out = json.loads(render(run(content, data), "json"))
    assert data_out["counts"] == {"ok": 1, "moved": 1, "dead": 3, "unchecked": 0}
    moved = next(link for link in data_out["links"] if link["verdict"] == MOVED)
    assert moved["new_url"] == web.url("/new")
    assert [h["status"] for h in moved["hops"]] == [301, 308]
    assert moved["places"][1] == {
        "path": str(content / "prepare/power-cuts.md"),
        "line": 11,
        "field": "body",
    }


@pytest.fixture
def fast_command(monkeypatch):
    monkeypatch.setattr(command, "SETTINGS", FAST)


def test_the_command_exits_1_when_a_link_died(site, tmp_path, capsys, fast_command):
    content, data, refused = site
    args = ["links", "--content", str(content), "--data", str(data)]
    code = main([*args, "--cache", str(tmp_path / "c.json")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{refused}\n    the connection was refused, after 2 tries" in out
    assert (tmp_path / "c.json").exists()


def test_the_command_exits_0_when_links_only_moved(tmp_path, web, capsys, fast_command):
    content, data = tmp_path / "content", tmp_path / "data"
    write(content / "page.md", f"---\ntitle: A page\n---\n\n[x]({web.url('/old')})\n")
    data.mkdir()
    code = main(
        ["links", "--content", str(content), "--data", str(data), "--format", "markdown"]
        + ["--cache", str(tmp_path / "c.json")]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert "### Moved (1)" in out
    assert "Checked 1 link: 0 dead, 1 moved" in err


def test_a_page_that_cannot_be_read_is_named(tmp_path, web):
    content, data = tmp_path / "content", tmp_path / "data"
    write(content / "broken.md", "---\ntitle: [unclosed\n---\n")
    data.mkdir()
    text = render(run(content, data), "text")
    assert "broken.md:1: (file): this page could not be read, so its links were not checked" in text


def test_when_no_site_answers_at_all_nothing_is_called_dead(tmp_path, capsys, fast_command):
    """Offline (two sites, neither answers): exit 2 and no report, rather than an issue
    listing every link as dead."""
    content, data = tmp_path / "content", tmp_path / "data"
    first, second = closed_port_urls("/a", "/b")
    write(content / "page.md", f"---\ntitle: A page\n---\n\n[a]({first}) [b]({second})\n")
    data.mkdir()
    code = main(
        ["links", "--content", str(content), "--data", str(data)]
        + ["--cache", str(tmp_path / "c.json")]
    )
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "not one site answered (2 links asked). Is this computer online?" in err


def test_invisible_characters_in_an_address_are_named_not_sent_to_the_terminal(tmp_path, web):
    content, data = tmp_path / "content", tmp_path / "data"
    write(content / "page.md", "---\ntitle: A page\n---\n\nText.\n")
    write(data / "showcase.yml", f'- id: odd\n  links:\n    - url: "{web.url("/gone")}\\e[2J"\n')
    report = run(content, data)
    for form in ("text", "markdown"):
        shown = render(report, form)
        assert "\x1b" not in shown
        assert "[U+001B ESCAPE]" in shown

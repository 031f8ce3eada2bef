"""`mkdocs serve` keeps check results between rebuilds: only changed files are checked again.
A whole check in two processes gives the same answer as in one."""

from __future__ import annotations

import shutil
from datetime import date

from act.content import checker
from act.content.checker import check_content
from support import FIXTURES

TODAY = date(2026, 6, 1)


def copy_site(tmp_path):
    shutil.copytree(FIXTURES / "site", tmp_path / "site")
    return tmp_path / "site" / "content", tmp_path / "site" / "data"


def by_uri(catalogue):
    return {e.src_uri: e for e in catalogue.entries}


def test_unchanged_files_are_not_checked_again_and_a_changed_one_is(tmp_path):
    content, data = copy_site(tmp_path)
    cache: dict = {}
    first = by_uri(check_content(content, data, TODAY, cache=cache))
    edited = next(uri for uri in first if uri.startswith("prepare/"))
    path = content / edited
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    second = by_uri(check_content(content, data, TODAY, cache=cache))
    assert second.keys() == first.keys()
    assert all(second[uri] is first[uri] for uri in first if uri != edited)
    assert second[edited].title.startswith("Edited ")


def test_a_cached_check_gives_the_same_catalogue_and_problems(tmp_path):
    content, data = copy_site(tmp_path)
    cache: dict = {}
    check_content(content, data, TODAY, cache=cache)
    cached = check_content(content, data, TODAY, cache=cache)
    fresh = check_content(content, data, TODAY)
    assert by_uri(cached).keys() == by_uri(fresh).keys()
    assert [e.data for e in cached.entries] == [e.data for e in fresh.entries]
    assert cached.problems == fresh.problems


def test_another_day_checks_everything_again(tmp_path):
    content, data = copy_site(tmp_path)
    cache: dict = {}
    first = by_uri(check_content(content, data, TODAY, cache=cache))
    later = by_uri(check_content(content, data, date(2030, 1, 1), cache=cache))
    assert all(later[uri] is not first[uri] for uri in first)


def test_checking_in_two_processes_gives_the_same_catalogue_and_problems(tmp_path, monkeypatch):
    content, data = copy_site(tmp_path)
    one = check_content(content, data, TODAY)
    monkeypatch.setattr(checker, "PARALLEL_FROM", 0)  # the fixture site is small
    checked_here = []
    check_text = checker.check_text

    def counted(*args):
        checked_here.append(args[2])  # the forked child's calls are not seen in this process
        return check_text(*args)

    monkeypatch.setattr(checker, "check_text", counted)
    two = check_content(content, data, TODAY, processes=2)
    assert one.problems, "the fixture has warnings, so their order is compared"
    assert [(e.src_uri, e.data) for e in two.entries] == [(e.src_uri, e.data) for e in one.entries]
    assert two.problems == one.problems
    assert two.pages == one.pages
    # The child really checked part of the files: this process did not check them all.
    assert 0 < len(checked_here) < len(one.pages)


def test_a_failed_child_process_leaves_the_check_to_this_one(tmp_path, monkeypatch):
    content, data = copy_site(tmp_path)
    one = check_content(content, data, TODAY)
    monkeypatch.setattr(checker, "PARALLEL_FROM", 0)
    monkeypatch.setattr(checker, "_check_in_child", lambda sending, *_: sending.close())
    two = check_content(content, data, TODAY, processes=2)
    assert [(e.src_uri, e.data) for e in two.entries] == [(e.src_uri, e.data) for e in one.entries]
    assert two.problems == one.problems

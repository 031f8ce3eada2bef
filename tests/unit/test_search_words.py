"""Search's own words: the synonyms `act check` checks, and the word list for "Did you mean"."""

from __future__ import annotations

from collections import Counter

from act.search.synonyms import load_synonyms, synonym_problems
from act.search.words import page_words, word_list
from support import act_check, make_project


class Facts:
    def __init__(self, draft: bool = False) -> None:
        self.meta = {"draft": draft}


def write(tmp_path, synonyms: str, pages: dict[str, str]):
    data = tmp_path / "data"
    content = tmp_path / "content"
    data.mkdir()
    content.mkdir()
    (data / "search-synonyms.yml").write_text(synonyms, encoding="utf-8")
    for name, text in pages.items():
        (content / name).write_text(text, encoding="utf-8")
    return data, content


def test_a_synonym_that_no_page_has_all_the_words_of_is_an_error_at_its_line(tmp_path):
    data, content = write(
        tmp_path,
        "- word: terror\n  finds: firearms attack\n- word: blackout\n  finds: attacks in public places\n",
        {"a.md": "Run, hide, tell: what to do in a firearms attack.", "b.md": "Public places."},
    )
    problems = synonym_problems(data, content, {"a.md": Facts(), "b.md": Facts()})
    assert [(p.line, p.field) for p in problems] == [(4, "finds")]
    assert "finds nothing" in problems[0].message
    assert "search-synonyms.yml:4: finds: 'attacks in public places' finds nothing" in str(
        problems[0]
    )


def test_a_draft_page_does_not_count_as_found(tmp_path):
    data, content = write(
        tmp_path, "- word: terror\n  finds: firearms attack\n", {"a.md": "A firearms attack."}
    )
    assert synonym_problems(data, content, {"a.md": Facts(draft=True)})
    assert synonym_problems(data, content, {"a.md": Facts()}) == []


def test_a_synonym_is_one_lower_case_word_declared_once(tmp_path):
    data, _ = write(
        tmp_path,
        "- word: Terror attack\n  finds: a\n- word: flood\n  finds: a\n- word: flood\n  finds: b\n"
        "- word: x\n",
        {},
    )
    synonyms, problems = load_synonyms(data)
    assert [s.word for s in synonyms] == ["flood"]
    assert [(p.line, p.field, p.message) for p in problems] == [
        (1, "[0].word", "'Terror attack' is not one word in lower case"),
        (5, "[2].word", "'flood' is already declared on line 3"),
        (7, "[3].finds", "required field is missing"),
    ]


def test_act_check_reports_a_synonym_that_finds_nothing(tmp_path):
    project = make_project("site", tmp_path / "project")
    (project / "data" / "search-synonyms.yml").write_text(
        "- word: blackout\n  finds: power cut\n- word: terror\n  finds: attacks in public places\n",
        encoding="utf-8",
    )
    done = act_check(project)
    assert done.returncode != 0
    assert "data/search-synonyms.yml:4: finds: 'attacks in public places' finds nothing" in (
        done.stdout + done.stderr
    )
    assert "search-synonyms.yml:2" not in done.stdout + done.stderr


def test_the_word_list_is_the_indexed_text_of_four_letters_or_more_used_twice():
    page = (
        "<nav>Navigation navigation</nav>"
        '<article class="md-content__inner" data-pagefind-body><h1>Flood warnings</h1>'
        "<p>A flood can come fast: sandbags &amp; floodgates. The flood.</p>"
        "<p data-pagefind-ignore>By the editorial editorial team</p>"
        "<script>var hidden = 'hidden';</script></article>"
    )
    uses = page_words(page)
    assert uses["flood"] == 3 and uses["sandbags"] == 1
    assert "navigation" not in uses and "editorial" not in uses and "hidden" not in uses
    assert "can" not in uses  # three letters
    assert word_list(uses + Counter({"sandbags": 1})) == ["flood", "sandbags"]
    assert page_words("<article><p>Not indexed</p></article>") == Counter()

"""UK phone numbers in Markdown become tel: links; act check warns about ones that cannot."""

from __future__ import annotations

from datetime import date

import markdown
import pytest

from act.content.checker import check_text
from act.markdown.phone import dialled, find_numbers, unlinkable_numbers


def html(text: str) -> str:
    return markdown.markdown(text, extensions=["act.markdown.phone"])


@pytest.mark.parametrize(
    ("written", "tel"),
    [
        ("0808 2000 247", "08082000247"),
        ("0800 111 999", "0800111999"),
        ("08 08 16 89 111", "08081689111"),
        ("0800 1111", "08001111"),
        ("0800 4 70 80 90", "08004708090"),
        ("07860 077333", "07860077333"),
        ("116 123", "116123"),
    ],
)
def test_a_uk_number_in_a_sentence_becomes_a_tel_link(written, tel):
    assert f'<a href="tel:{tel}">{written}</a>' in html(f"Call {written} any time.")


def test_short_service_numbers_are_linked_only_after_a_word_like_call():
    assert '<a href="tel:999">999</a>' in html("If someone is in danger, call 999.")
    assert '<a href="tel:105">105</a>' in html("Report it: call 105.")
    assert "tel:" not in html("There were 111 people at the meeting.")
    assert "tel:" not in html("In 2026 11 people joined.")


def test_numbers_in_links_code_and_headings_are_left_alone():
    assert html("[0800 111 999](tel:0800111999)").count("<a ") == 1
    assert "tel:" not in html("`0800 111 999`")
    assert "tel:" not in html("## Call 0800 111 999")


def test_several_numbers_keep_the_text_between_them():
    out = html("Women: 0808 2000 247. Men: 0808 801 0327. Anyone: 116 123.")
    assert "Women: <a" in out and "</a>. Men: <a" in out and "</a>. Anyone: <a" in out
    assert out.count('href="tel:') == 3


def test_dialled_keeps_only_digits():
    assert dialled("0808 2000 247") == "08082000247"
    assert [m.group() for m in find_numbers("call 999 or 0800 111 999")] == ["999", "0800 111 999"]


def test_numbers_written_another_way_are_reported_as_unlinkable():
    assert unlinkable_numbers("Call 0808-2000-247 or (0808) 2000 247.") == [
        "0808-2000-247",
        "(0808) 2000 247",
    ]
    assert unlinkable_numbers("Call 0808 2000 247 on 2026-12-01.") == []


def test_act_check_warns_about_an_unlinkable_number_and_an_unlinked_gov_uk_action():
    text = (
        "---\ntitle: x\n---\n\nCall 0808-2000-247.\n\nSign up for flood warnings on GOV.UK.\n"
        "[Sign up on GOV.UK](https://www.gov.uk/sign-up-for-flood-warnings).\n"
    )
    _, problems, _ = check_text(text, "content/x.md", "x.md", {}, date(2026, 6, 1))
    assert [(p.line, p.is_error) for p in problems] == [(5, False), (7, False)]
    assert "0808-2000-247" in problems[0].message
    assert "GOV.UK without a link" in problems[1].message

"""Hostile sizes and depths: the body checks take time in proportion to a page's size, what
Python-Markdown would read in more than that is refused before the build converts it, nesting
deeper than the parsers handle is a problem at its line (never a RecursionError), and a tel:
link is never made inside another link."""

from __future__ import annotations

import sys
import time
import xml.etree.ElementTree as etree
from datetime import date

import markdown
import pytest

from act.content.checker import check_text
from act.markdown.phone import PhoneLinks
from act.yamlfile import parse_yaml

TODAY = date(2026, 6, 1)
HEAD = "---\ntitle: A page\n---\n\n"
EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "tables", "def_list"]

# Each repeated to fill a body: the shapes that made a check or Python-Markdown read the text
# again from each occurrence.
PATTERNS = {
    "brackets": "[",
    "brackets on lines": "[\n",
    "link starts": "[a](",
    "link targets": "](",
    "images": "![",
    "open titles": '[a](x "y) ',
    "less-than": "<",
    "tags": "<a ",
    "tags no space": "<a",
    "end tags": "</a ",
    "comments": "<!--",
    "quoted attributes": "<a x='>",
    "backticks": "`",
    "backtick runs": "` `` ``` ",
    "stars": "*",
    "underscores": "_",
    "emphasis": "*a ",
    "braces": "{",
    "attribute lists": "{: a",
    "pipes": "|",
    "pipes in rows": "| a |\n",
    "ampersands": "&",
    "escapes": "\\\\",
    "headings": "# {#a {",
    "phone numbers": "0800 123 4567 ",
    "directives": "<!-- act:listing ",
}


def _check_seconds(body: str) -> tuple[float, list]:
    start = time.process_time()
    _, problems, _ = check_text(HEAD + body, "content/a.md", "a.md", {}, TODAY)
    return time.process_time() - start, problems


def _body(unit: str, size: int) -> str:
    return unit * (size // len(unit))


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_body_check_time_grows_linearly(name):
    # 16 times the text: linear takes about 16 times as long, quadratic 256 times. The margin
    # is wide (64, and a floor of 10 ms under the small one) so a busy machine does not fail it.
    small, _ = _check_seconds(_body(PATTERNS[name], 16_000))
    large, _ = _check_seconds(_body(PATTERNS[name], 256_000))
    assert large < 64 * max(small, 0.01), f"{name}: {small:.3f} s at 16 kB, {large:.3f} s at 256 kB"


def _convert_seconds(body: str) -> float:
    md = markdown.Markdown(extensions=[*EXTENSIONS, "act.markdown.phone"])
    start = time.process_time()
    md.convert(body)
    return time.process_time() - start


def _refused(body: str) -> bool:
    return any(p.is_error for p in _check_seconds(body)[1])


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_markdown_reads_what_the_check_accepts_in_linear_time(name):
    # Paragraphs of 8 kB, so a shape Markdown reads in quadratic time within a paragraph
    # counts once per paragraph at both sizes; anything refused is never converted.
    paragraph = _body(PATTERNS[name], 8_000)
    small, large = paragraph * 2, "\n\n".join([paragraph] * 32)
    if _refused(large):
        return
    assert not _refused(small)
    seconds_small, seconds_large = _convert_seconds(small), _convert_seconds(large)
    assert seconds_large < 64 * max(seconds_small, 0.01), (
        f"{name}: {seconds_small:.3f} s at 16 kB, {seconds_large:.3f} s at 256 kB"
    )


@pytest.mark.parametrize(
    "body",
    [
        "[" * 40_000,  # the issue's: 66 s
        "\\\\" * 20_000,  # one paragraph rebuilt once per escape
        '[a](x "y) ' * 4_000,  # each address read to the end
        "<a " * 20_000,  # each tag read to the end by the HTML parser
        "`<a " + "<a " * 20_000 + "`",  # in an indented block, Markdown's HTML reader sees it
    ],
    ids=["brackets", "escapes", "open titles", "tags", "tags in a code span"],
)
def test_shapes_markdown_reads_in_quadratic_time_are_refused(body):
    if body.startswith("`"):
        body = "Text.\n\n    " + body[1:-1]
    seconds, problems = _check_seconds(body)
    assert any(p.is_error and p.field == "body" for p in problems), [str(p) for p in problems]


def _problems(body: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in _check_seconds(body)[1] if p.is_error]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("".join("    " * i + "- a\n" for i in range(700)), 5 + 20, "nested more than 20 levels"),
        ("- " * 1000 + "a\n", 5, "nested more than 20 levels"),
        ("> " * 1000 + "a\n", 5, "nested more than 20 levels"),
        ("Text\n\n" + "*" * 5000 + "a" + "*" * 5000, 7, "emphasis (* or _) is nested"),
        ("**a " * 1000 + "b" + " a**" * 1000, 5, "emphasis (* or _) is nested"),
        (
            "<div markdown>\n" + "<div>\n" * 1000 + "a" + "\n</div>" * 1000 + "\n</div>\n",
            5 + 20,
            "HTML inside an element marked markdown is nested",
        ),
    ],
    ids=["list 700 deep", "list markers", "quotes", "emphasis 5,000 deep", "strong", "html"],
)
def test_nesting_markdown_cannot_read_is_a_problem_at_its_line(body, line, message):
    problems = _problems(body)
    assert any(at == line and message in text for at, text in problems), problems


def test_the_same_nesting_crashes_python_markdown():
    # Why the check refuses it: the build would stop with a RecursionError, not a problem.
    with pytest.raises(RecursionError):
        markdown.markdown("- " * 1000 + "a\n", extensions=EXTENSIONS)


def test_the_tel_walker_reads_a_tree_deeper_than_python_recursion():
    root = etree.Element("div")
    element = root
    for _ in range(sys.getrecursionlimit() * 3):
        element = etree.SubElement(element, "em")
    element.text = "call 0800 123 4567"
    PhoneLinks(markdown.Markdown()).run(root)
    assert element[0].get("href") == "tel:08001234567"


def _deep_call(depth: int, call):
    return call() if depth == 0 else _deep_call(depth - 1, call)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("items:\n" + "".join("  " * i + "- \n" for i in range(1, 61)), 51),
        ("title: " + "[" * 990 + "]" * 990, 1),
        ("title: " + "[" * 5000 + "]" * 5000, 1),
    ],
    ids=["60 deep", "990 deep", "5,000 deep"],
)
def test_yaml_nested_too_deep_is_a_problem_at_its_line(text, line):
    # Called from deep in the stack, as a build calls it (the line recorder crashed there).
    doc, problems = _deep_call(300, lambda: parse_yaml(text, "a.md"))
    assert doc is None
    assert [(p.line, "nested more than 50 levels deep" in p.message) for p in problems] == [
        (line, True)
    ]


@pytest.mark.parametrize(
    "source",
    [
        "[call 0800 123 4567](https://example.org)",
        '<a href="https://example.org">0800 123 4567</a>',
        '<a href="https://example.org">call\n0800 123 4567</a>',
        '<a href="https://example.org"><b>0800 123 4567</b></a>',
        '<a href="https://example.org">*0800 123 4567*</a>',
        '<div markdown>\n<a href="https://example.org">0800 123 4567</a>\n</div>',
    ],
)
def test_a_number_inside_a_link_does_not_become_a_link_inside_it(source):
    html = markdown.markdown(source + "\n\nor 0800 765 4321", extensions=["act.markdown.phone"])
    assert html.count("<a ") == 2, html  # the link written, and the number after it
    assert 'href="tel:08007654321"' in html


def test_numbers_between_links_still_become_links():
    html = markdown.markdown(
        '<a href="https://example.org">site</a> 0800 123 4567 <a href="https://x.org">x</a>',
        extensions=["act.markdown.phone"],
    )
    assert 'href="tel:08001234567"' in html

"""The rendered-HTML guard's fast path: it may only ever say "allowed" where the full parse
finds nothing, and it does say so for the plain HTML Markdown writes (so it saves time)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from act.content.body import _HtmlScan, plainly_allowed, unsafe_html


def parser_findings(text: str) -> list:
    scan = _HtmlScan()
    scan.feed(text)
    scan.close()
    return scan.findings


MARKDOWN_OUTPUT = [
    "<p>Fill sandbags <strong>before</strong> the flood.</p>",
    '<h2 id="what-to-do">What to do</h2>\n<ul>\n<li><a href="https://example.org/?a=1&amp;b=2">'
    'Flood line</a></li>\n<li><a href="tel:+443459881188">0345 988 1188</a></li>\n</ul>',
    '<p><img alt="A sandbag wall" src="sandbags.png" /></p>',
    '<details class="note" open>\n<summary>More</summary>\n<p>a &lt; b &amp; c > d</p>\n</details>',
    '<table>\n<thead>\n<tr>\n<th scope="col">Name</th>\n</tr>\n</thead>\n</table>',
    '<p><abbr title="Royal National Lifeboat Institution">RNLI</abbr><br>next</p>',
]


@pytest.mark.parametrize("html", MARKDOWN_OUTPUT)
def test_plain_markdown_output_takes_the_fast_path(html):
    assert plainly_allowed(html)
    assert parser_findings(html) == []


HOSTILE = [
    "<script>alert(1)</script>",
    "<p onclick=alert(1)>x</p>",
    '<p onclick="alert(1)">x</p>',
    '<img/src="x"/onerror=alert(1)>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" java\tscript:alert(1)">x</a>',
    "<a href='javascript:alert(1)'>x</a>",
    "<a href=javascript:alert(1)>x</a>",
    '<img src="https://tracker.example/p.gif">',
    '<img src="//tracker.example/p.gif">',
    "<!--><script>alert(1)</script>-->",
    "<p>x</p><!-- a comment -->",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<a\u00a0onclick=alert(1)>x</a>",
    '<A HREF="JAVASCRIPT:alert(1)">x</A>',
    '<p data-x="1">x</p>',
    "<p>1 < 2 <iframe src=x></p>",
    '<p title="a"onclick="b">x</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<iframe srcdoc=x></iframe>",
    "<form action=x><button>x</button></form>",
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_never_takes_the_fast_path(html):
    assert not plainly_allowed(html)


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_is_still_refused_by_the_guard(html):
    if html == "<p>x</p><!-- a comment -->":
        assert unsafe_html(html) == []  # a plain comment is allowed: the parser decides
    else:
        assert unsafe_html(html), html


PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<a",
        "<img",
        "<script>",
        "<svg>",
        "<style>",
        "<!--",
        "-->",
        "<",
        ">",
        " ",
        "\t",
        "\n",
        "/",
        "=",
        '"',
        "'",
        "&",
        "&#106;",
        "&amp;",
        "href",
        "src",
        "onclick",
        "title",
        "class",
        "javascript:",
        "https://e.org/",
        "//e.org",
        "x",
        "alert(1)",
        "\u00a0",
        "data-x",
        "aria-label",
        "A",
        "HREF",
        "<br/>",
        "</a>",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=16).map("".join))
def test_the_fast_path_only_allows_what_the_parser_allows(html):
    if plainly_allowed(html):
        assert parser_findings(html) == [], html

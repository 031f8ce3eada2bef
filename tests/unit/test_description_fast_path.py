"""The JobPosting description's fast path: for any body it gives exactly what the parser gives,
and it does read the plain HTML Markdown writes without the parser (so it saves time)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from act.publishing.description import BLOCKS, _parsed, _plainly, description_html

# How the description was tidied before (a regular expression per block tag, slower).
SPACE_AROUND_BLOCKS = re.compile(rf"\s*(</?(?:{'|'.join(BLOCKS)})>)\s*")


def parsed_description(body: str) -> str:
    """The description as it was made before the fast path: the parser, then the tidying."""
    return SPACE_AROUND_BLOCKS.sub(r"\1", re.sub(r"\s+", " ", "".join(_parsed(body)))).strip()


MARKDOWN_OUTPUT = [
    '<h2 id="a">Do <em>this</em><a class="headerlink" href="#a" title="Permanent link">'
    '&para;</a></h2>\n<p>See <a href="../x/">the guide</a> &amp; more &lt;here&gt;.</p>',
    "<ul>\n<li><strong>Commitment:</strong> 4 hours a week</li>\n<li>Rota &#39;B&#39;</li>\n</ul>",
    '<p><img alt="A sandbag wall &amp; gate" src="sandbags.png" /><br />next line</p>',
    '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Bring ID.</p>\n</div>',
    '<table>\n<thead>\n<tr>\n<th scope="col">Name</th>\n</tr>\n</thead>\n</table>',
]


@pytest.mark.parametrize("body", MARKDOWN_OUTPUT)
def test_markdown_output_is_read_without_the_parser_and_alike(body):
    assert _plainly(body) is not None
    assert description_html(body) == parsed_description(body)


PIECES = [
    "<p>",
    "</p>",
    "<P>",
    "</p >",
    '<h2 id="x">',
    "</h2>",
    "<h3>",
    "</h3>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<br>",
    "<br />",
    "<br/>",
    "</br>",
    '<a class="headerlink" href="#x">',
    '<a href="../y/">',
    "</a>",
    "<a/>",
    '<a class="headerlink"/>',
    '<A CLASS="headerlink">',
    '<a class="x" class="headerlink">',
    '<a class="headerlink" class="x">',
    '<a class="&#104;eaderlink">',
    "<a class>",
    '<a class="">',
    "<code>",
    "</code>",
    "<span>",
    "</span>",
    '<div class="admonition">',
    "</div>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<title>",
    "</title>",
    "<textarea>",
    "</textarea>",
    "<my-el>",
    "<!-- a comment -->",
    "<!doctype html>",
    '<img alt="a &amp; b" src="x.png">',
    "<a href='single'>",
    "<a href=bare>",
    "< p>",
    "&amp;",
    "&para;",
    "&lt;",
    "&gt;",
    "&#39;",
    "&quot;",
    "&amp",
    "&",
    "<",
    ">",
    "/",
    '"',
    "text",
    "more words",
    " ",
    "\n",
    "\t",
    "é",
    "\u00a0",
    "\x1c\x0b",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_the_fast_path_gives_what_the_parser_gives_for_any_body(pieces):
    body = "".join(pieces)
    assert description_html(body) == parsed_description(body)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/ab=\"'&;#p \n", max_size=60))
def test_the_fast_path_gives_what_the_parser_gives_for_any_text(body):
    assert description_html(body) == parsed_description(body)

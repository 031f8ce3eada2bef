"""The site's own words, for the search page's "Did you mean": every word of four letters or
more in the text Pagefind indexes (each page's data-pagefind-body), seen at least twice, most
used first. Pagefind's index holds only stems ("emergenc"), which a reader cannot be offered.

The search page fetches the list only when a query finds nothing."""

from __future__ import annotations

import gzip
import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

WORDS_FILE = "act-words.json"  # in Pagefind's folder, one of the site's reserved folders
MIN_LETTERS = 4
MIN_USES = 2  # once only is as likely a name or a slip as a word readers search for

_BODY = re.compile(r"<article\b[^>]*\bdata-pagefind-body\b[^>]*>(.*?)</article>", re.S)
_NOT_TEXT = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)
# What Pagefind leaves out (data-pagefind-ignore: the byline, the change log, the credits).
_IGNORED = re.compile(r"<(\w+)\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(rf"[a-z]{{{MIN_LETTERS},}}")


def page_words(page_html: str) -> Counter[str]:
    """How often each word of four letters or more is used in the page's indexed body
    (none if the page is not indexed)."""
    body = _BODY.search(page_html)
    if body is None:
        return Counter()
    text = _IGNORED.sub(" ", _NOT_TEXT.sub(" ", body.group(1)))
    text = html.unescape(_TAG.sub(" ", text))
    return Counter(_WORD.findall(text.lower()))


def word_list(uses: Counter[str]) -> list[str]:
    """The words used at least MIN_USES times, most used first (then alphabetically)."""
    kept = [(word, n) for word, n in uses.items() if n >= MIN_USES]
    return [word for word, _ in sorted(kept, key=lambda pair: (-pair[1], pair[0]))]


@dataclass(frozen=True)
class WrittenWords:
    count: int
    gzipped_bytes: int


def write_words(bundle: Path, words: list[str]) -> WrittenWords:
    """Write the list beside Pagefind's index; its size and its size gzipped."""
    data = json.dumps(words, separators=(",", ":")).encode("utf-8")
    (bundle / WORDS_FILE).write_bytes(data)
    return WrittenWords(len(words), len(gzip.compress(data, compresslevel=9)))

"""What Python-Markdown can read of a body in time proportional to its size, and nest without
running out of Python's stack: checked before the build converts the page.

Python-Markdown reads some shapes again and again: from every '[' it looks for the matching ']'
to the end of the paragraph, from every '](' for the closing ')' (past it, when a title's quote
is not closed), and it rebuilds a paragraph's text once per link, emphasis or escape in it. It
recurses once per level of lists, quotes, emphasis and HTML inside `markdown` elements, and
meets Python's limit at some hundreds of levels. Each limit here is far beyond real writing
and well inside what it reads quickly; each check reads the body once.
"""

from __future__ import annotations

import bisect
import re

from act.content.body import Finding, LineIndex, mask_code, mask_code_spans

MAX_CONTAINER_DEPTH = 20  # lists and quotes inside each other
MAX_EMPHASIS_DEPTH = 50  # * and _ open at once
MAX_OPEN_BRACKETS = 10  # '[' open at once in a paragraph
MAX_HTML_DEPTH = 20  # elements inside an element marked markdown
MAX_PARAGRAPH = 20_000  # characters of text Markdown reads as one run (a paragraph, an item)
MAX_BRACES = 20  # ' {' on one line: attr_list reads a heading or cell from each to its end


def markdown_limits(body: str) -> list[Finding]:
    """Every place where `body` passes a limit above, at the line where it starts."""
    text = mask_code_spans(body)  # code spans are read once, as code; indented code is not
    lines = LineIndex(text)
    found: list[tuple[int, str, str]] = []
    found += _container_depth(text)
    runs = _runs(text)
    for start, end in runs:
        if end - start > MAX_PARAGRAPH:
            found.append(
                (
                    start,
                    f"this paragraph, item or table cell runs to {end - start:,} characters "
                    "with no blank line",
                    f"break it up with blank lines: Markdown reads up to {MAX_PARAGRAPH:,} "
                    "characters as one run in reasonable time",
                )
            )
        found += _open_brackets(text, start, end)
        found += _emphasis_depth(text, start, end)
    found += _link_targets(text)
    found += _html_depth(text)
    found += _braces(mask_code(body))  # attribute lists are not looked for in code
    return [Finding(lines.line(at), message, hint) for at, message, hint in sorted(found)]


_BLANK = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r"[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}\.)[ \t]")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of text Markdown reads inline as one: paragraphs between blank
    lines, each item of a list, each row of a table; the content of an element marked to be
    read as Markdown text (markdown="span", or markdown on <p>, <li>...) is one run."""
    cuts = {0, len(text)}
    spans = _span_regions(text)  # in order, not overlapping
    span_starts = [a for a, _ in spans]
    for blank in _BLANK.finditer(text):
        inside = bisect.bisect_right(span_starts, blank.start()) - 1
        if inside < 0 or blank.start() >= spans[inside][1]:
            cuts.add(blank.end() - 1)
    starts = sorted(cuts)
    runs = []
    for start, end in zip(starts, starts[1:], strict=False):
        block = text[start:end].lstrip("\n")
        offset = end - len(block) if block else end
        first, _, rest = block.partition("\n")
        if _LIST_ITEM.match(first) or _TABLE_RULE.match(rest.partition("\n")[0]):
            table = not _LIST_ITEM.match(first)
            line_start = offset
            for line in block.split("\n"):
                if line_start > offset and (table or _LIST_ITEM.match(line)):
                    runs.append((offset, line_start))
                    offset = line_start
                line_start += len(line) + 1
        runs.append((offset, end))
    return runs


_SPAN_TAGS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "legend",
        "summary",
        "address",
    ]
)
_MARKDOWN_TAG = re.compile(
    r"<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?\bmarkdown\b(?:\s*=\s*[\"']?(?P<mode>[\w]*))?[^<>]*>"
)


def _span_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each element md_in_html reads as one run of text, outermost only."""
    regions: list[tuple[int, int]] = []
    at = 0
    while opening := _MARKDOWN_TAG.search(text, at):
        tag, mode = opening["tag"].lower(), (opening["mode"] or "1").lower()
        if not (mode == "span" or (mode == "1" and tag in _SPAN_TAGS)):
            at = opening.end()
            continue
        depth, end = 1, len(text)
        for other in re.compile(rf"<(/?){tag}\b[^<>]*>", re.I).finditer(text, opening.end()):
            depth += -1 if other[1] else 1
            if not depth:
                end = other.end()
                break
        regions.append((opening.start(), end))
        at = end
    return regions


_CONTAINER = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}\.)(?=[ \t]))")


def _container_depth(text: str) -> list[tuple[int, str, str]]:
    """Lists and quotes nested deeper than MAX_CONTAINER_DEPTH, at the first line of each
    stretch of such lines; indentation counts a level for each four columns."""
    found = []
    deep_before = False
    for line in re.finditer(r"[^\n]*", text):
        depth, at, whole = 0, line.start(), line[0]
        while (marker := _CONTAINER.match(text, at, line.end())) and marker.end() > at:
            indent = marker[0][: len(marker[0]) - len(marker[0].lstrip(" \t"))]
            depth += len(indent.expandtabs(4)) // 4 + (marker.end() > at + len(indent))
            at = marker.end()
        indent = text[at : line.end()]
        depth += (len(indent) - len(indent.lstrip(" \t"))) // 4 if indent.strip() else 0
        deep = depth > MAX_CONTAINER_DEPTH and bool(whole.strip())
        if deep and not deep_before:
            found.append(
                (
                    line.start(),
                    f"lists or quotes are nested more than {MAX_CONTAINER_DEPTH} levels deep here",
                    f"flatten them: Markdown reads up to {MAX_CONTAINER_DEPTH} levels of "
                    "lists and quotes (each four spaces of indent is a level)",
                )
            )
        if whole.strip():
            deep_before = deep
    return found


_BRACKET = re.compile(r"\\.|\[|\]", re.S)


def _open_brackets(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """More than MAX_OPEN_BRACKETS '[' open at once in a run: from each, Markdown looks for its
    ']' to the end of the run."""
    opened: list[int] = []
    for match in _BRACKET.finditer(text, start, end):
        if match[0] == "[":
            opened.append(match.start())
            if len(opened) > MAX_OPEN_BRACKETS:
                return [
                    (
                        opened[0],
                        f"more than {MAX_OPEN_BRACKETS} '[' are open at once from here "
                        "(nested, or not closed by ']' in the paragraph)",
                        "close each '[' with ']', or write a '[' that is text as \\[",
                    )
                ]
        elif match[0] == "]" and opened:
            opened.pop()
    return []


_DELIMITERS = re.compile(r"\\.|\*+|_+", re.S)


def _emphasis_depth(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """Emphasis (* and _) open more than MAX_EMPHASIS_DEPTH deep in a run. Runs of * or _
    open and close as Markdown's rules say (a run before text opens, after text closes; _ not
    inside a word); a closing run closes the nearest open run of its kind."""
    stack: list[list] = []  # [character, how many still open, offset]
    open_of = {"*": 0, "_": 0}
    depth = 0
    for match in _DELIMITERS.finditer(text, start, end):
        run = match[0]
        if run[0] == "\\":
            continue
        before = text[match.start() - 1] if match.start() > start else " "
        after = text[match.end()] if match.end() < end else " "
        char = run[0]
        word = char == "_"
        closes = not before.isspace() and not (word and after.isalnum())
        opens = not after.isspace() and not (word and before.isalnum())
        left = len(run)
        if closes and open_of[char]:
            while left and open_of[char]:
                top = stack[-1]
                if top[0] != char:  # a run of the other kind left open inside: dropped
                    stack.pop()
                    open_of[top[0]] -= top[1]
                    depth -= top[1]
                    continue
                used = min(left, top[1])
                top[1] -= used
                open_of[char] -= used
                depth -= used
                left -= used
                if not top[1]:
                    stack.pop()
        elif opens:
            stack.append([char, left, match.start()])
            open_of[char] += left
            depth += left
            if depth > MAX_EMPHASIS_DEPTH:
                return [
                    (
                        stack[0][2],
                        f"emphasis (* or _) is nested more than {MAX_EMPHASIS_DEPTH} deep "
                        "from here",
                        "close each * or _ you open; write a * or _ that is text as \\* or \\_",
                    )
                ]
    return []


_LINK_TARGET = re.compile(r"\]\(")
_ANGLED = re.compile(r"""\(\s*(?:(<[^<>]*>)\s*(?:('[^']*'|"[^"]*")\s*)?\))?""")


def _link_targets(text: str) -> list[tuple[int, str, str]]:
    """A link's address that Markdown would read past the next '](': from each '](' it looks
    for the ')' that closes it (and past that ')' while a quote in it is open), so addresses
    that run into each other are read again and again. Python-Markdown's own reading
    (LinkInlineProcessor.getLink), stopped at the next '](' so each character is read once."""
    found: list[int] = []
    targets = [m.start() for m in _LINK_TARGET.finditer(text)]
    for index, at in enumerate(targets):
        stop = targets[index + 1] if index + 1 < len(targets) else len(text)
        begin = _ANGLED.match(text, at + 1)  # always matches: the target opens with "("
        if begin is None or begin[1]:
            continue  # [text](<address> "title"): read by a pattern
        if not _address_closes(text, begin.end(), stop):
            found.append(at)
    if not found:
        return []
    more = f" (and {len(found) - 1:,} more after it)" if len(found) > 1 else ""
    return [
        (
            found[0],
            "this link's address is not closed before the next link starts" + more,
            "close it with ')', with any title in closed quotes: "
            '[text](https://example.org "title")',
        )
    ]


def _address_closes(text: str, index: int, stop: int) -> bool:
    """Whether Python-Markdown's getLink, reading from `index`, finds the end of the address
    before `stop` (its loop, with the same counts and quotes)."""
    bracket_count = backtrack_count = 1
    quote = alt_quote = None
    exit_quote = exit_alt_quote = -1
    ignore_matches = False
    last = ""
    for pos in range(index, stop):
        c = text[pos]
        if c == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt_quote != -1 and alt_quote == last):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c in "'\"":
            if not quote:
                ignore_matches = True
                backtrack_count = bracket_count
                bracket_count = 1
                quote = c
            elif c != quote and not alt_quote:
                alt_quote = c
            elif c == quote:
                exit_quote = pos + 1
            elif alt_quote and c == alt_quote:
                exit_alt_quote = pos + 1
        if bracket_count == 0:
            return True
        if c != " ":
            last = c
    return stop == len(text)  # the last address may run to the end: read once


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


def _html_depth(text: str) -> list[tuple[int, str, str]]:
    """HTML elements nested more than MAX_HTML_DEPTH deep inside an element marked markdown
    (md_in_html reads each level by recursion)."""
    stack: list[tuple[str, bool]] = []  # (tag, inside a markdown element)
    open_count: dict[str, int] = {}
    marked = 0  # open elements inside a markdown element
    for tag in _TAG.finditer(text):
        closing, name, attributes = tag[1], tag[2].lower(), tag[3]
        if closing:
            if not open_count.get(name):
                continue
            while stack:
                top, inside = stack.pop()
                open_count[top] -= 1
                marked -= inside
                if top == name:
                    break
        elif name not in _VOID and not attributes.rstrip().endswith("/"):
            inside = bool(re.search(r"\bmarkdown\b", attributes)) or bool(stack and stack[-1][1])
            stack.append((name, inside))
            open_count[name] = open_count.get(name, 0) + 1
            marked += inside
            if marked > MAX_HTML_DEPTH:
                return [
                    (
                        tag.start(),
                        f"HTML inside an element marked markdown is nested more than "
                        f"{MAX_HTML_DEPTH} deep here",
                        f"flatten it: Markdown reads up to {MAX_HTML_DEPTH} levels of HTML "
                        "inside a markdown element",
                    )
                ]
    return []


def _braces(text: str) -> list[tuple[int, str, str]]:
    """Lines with more than MAX_BRACES ' {': attr_list looks for an attribute list from each
    to the end of a heading, table cell or term, so such a line is read once per brace."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        if line[0].count(" {") > MAX_BRACES:
            found.append(line.start())
    if not found:
        return []
    more = f" (and {len(found) - 1:,} more lines after it)" if len(found) > 1 else ""
    return [
        (
            found[0],
            f"this line has more than {MAX_BRACES} '{{' after a space" + more,
            "write fewer, or put them in `code`: Markdown looks for an attribute list "
            "{: ... } from each one",
        )
    ]

"""A small declarative schema language: fields with kinds, checked against YAML with lines.

One mechanism serves front matter and data files alike, reports every problem with its line,
and documents itself (the front-matter reference is generated from these declarations).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, make_dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from act import characters
from act.problems import Problem, Severity, is_invisible
from act.yamlfile import Path_, YamlDocument, dotted, yaml_scalar

MISSING = object()


@dataclass
class Context:
    """What a check needs: the document (for lines), where to report, and the taxonomies."""

    doc: YamlDocument
    shown_as: str
    taxonomies: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def report(
        self, path: Path_, message: str, hint: str = "", severity: Severity = Severity.ERROR
    ) -> None:
        self.problems.append(
            Problem(self.shown_as, self.doc.line_of(path), dotted(path), message, hint, severity)
        )


class Kind:
    """A type of value. `check` returns the cleaned value, or MISSING after reporting."""

    # What the value is, in a few words; a kind sets its own, as a class attribute or, when
    # it depends on the kind's settings, a property.
    @property
    def label(self) -> str:
        return "value"

    def check(self, value: Any, path: Path_, ctx: Context) -> Any:
        raise NotImplementedError

    # What a kind of value means in each place it is used; each kind says it for itself.
    def describe(self) -> str:
        """What a value looks like, in words for writers (docs/front-matter.md)."""
        return self.label

    def describe_items(self) -> str:
        """How a list of these values is described."""
        return f"list, each {self.describe()}"

    def json_schema(self, terms: dict[str, dict[str, str]]) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of the value; `terms` are the taxonomies' ids."""
        return {"type": "string", "minLength": 1}

    def placeholder(self, field: Field, fill: Fill) -> tuple[str, str] | None:
        """For `act new`: a YAML value that passes the check, and a note on what to write
        instead ('' when self-evident); None when the kind has no placeholder."""
        return None

    def list_placeholder(self, field: Field, fill: Fill) -> tuple[str, str]:
        """The same, for a list of these values."""
        return field.example or "[]", field.doc

    def typed(self, value: Any, name: str) -> Any:
        """A cleaned value as code reads it: a Record's mapping becomes an object of its own
        dataclass (`opportunity.commitment.pattern`); other values stay as they are."""
        return value

    def form_widget(
        self, name: str, form: Form, field: Field | None = None, within_optional: str = ""
    ) -> dict[str, Any]:
        """The web editor's widget for a value (Decap CMS: act.editor.config); `field` is
        the schema field it is the value of, if any, and `within_optional` names the optional
        group it sits in."""
        raise TypeError(f"no form widget for a {type(self).__name__} field ({name})")

    def list_form_widget(self, name: str, form: Form, least: dict[str, int]) -> dict[str, Any]:
        """The widget for a list of these values: one field per item, so the editor writes a
        YAML list of them."""
        single = {"name": "item", "label": form.label(name), **self.form_widget(name, form)}
        return {"widget": "list", **least, "field": single}


def _describe(value: Any) -> str:
    """What kind of value was written, for messages: 'a list', 'a number', 'text'..."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bytes):
        return "binary data (!!binary)"
    if isinstance(value, date):
        return "a date"
    return "nothing" if value is None else type(value).__name__


@dataclass
class Text(Kind):
    """Text of one line (a title, a name), or of several with `multiline`; never with a
    character that does not belong (act.characters: control characters, the ones that change
    the order text is shown in), which YAML lets through in quotes ("\\e", "\\u202e")."""

    max_length: int | None = None
    multiline: bool = False
    label = "text"

    def check(self, value, path, ctx):
        if not isinstance(value, str):
            ctx.report(
                path,
                f"expected text, found {_describe(value)}",
                "write the text after the colon, in quotes if it starts with a symbol",
            )
            return MISSING
        # The text as written: strip() would drop a form feed or a line break at either end.
        index = characters.first_unwanted(value, one_line=not self.multiline)
        if index is not None:
            ctx.report(path, *characters.explain(value, index))
            return MISSING
        if not value.strip():
            ctx.report(path, "is empty", "write some text, or remove the field if it is optional")
            return MISSING
        return value.strip()

    def describe(self):
        return "text"

    def describe_items(self):
        return "list of text"

    def placeholder(self, field, fill):
        return fill.text(field.doc or field.name), ""

    def form_widget(self, name, form, field=None, within_optional=""):
        return {
            "widget": "text" if self.multiline else "string",
            "pattern": list(text_pattern(self.max_length)),
        }


def text_pattern(max_length: int | None = None) -> tuple[str, str]:
    """The form's pattern for text: not blank (`act check` refuses text that is only spaces),
    and at most `max_length` characters; with the words the form shows when it does not match.
    Written for JavaScript's RegExp too (Decap tests it in the browser)."""
    if max_length is None:
        return r"\S", "Write some text"
    return (
        rf"^(?=[\s\S]*\S)[\s\S]{{1,{max_length}}}$",
        f"Write some text, at most {max_length} characters",
    )


@dataclass
class Integer(Kind):
    minimum: int = 0
    maximum: int = 10_000
    label = "whole number"

    def check(self, value, path, ctx):
        if isinstance(value, bool) or not isinstance(value, int):
            found = f"{value}, which has a fraction" if isinstance(value, float) else None
            ctx.report(
                path,
                f"expected a whole number, found {found or _describe(value)}",
                f"write a number such as {max(self.minimum, 16)}, without quotes",
            )
            return MISSING
        if not self.minimum <= value <= self.maximum:
            ctx.report(
                path, f"{value} is outside {self.minimum} to {self.maximum}", "check the number"
            )
            return MISSING
        return value

    def describe(self):
        return f"whole number, {self.minimum} to {self.maximum}"

    def json_schema(self, terms):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def placeholder(self, field, fill):
        return field.example, field.doc

    def form_widget(self, name, form, field=None, within_optional=""):
        return {"widget": "number", "value_type": "int", "min": self.minimum, "max": self.maximum}


@dataclass
class Pounds(Kind):
    """An amount in pounds, as a number: 5 or 12.50 (no sign, no pence beyond two places)."""

    maximum: int = 10_000
    label = "amount in pounds"

    def check(self, value, path, ctx):
        hint = "write the amount as a number such as 5 or 12.50, without £ or quotes"
        if isinstance(value, bool) or not isinstance(value, int | float):
            ctx.report(path, f"expected an amount in pounds, found {_describe(value)}", hint)
            return MISSING
        if not 0 < value <= self.maximum or round(value, 2) != value:
            ctx.report(path, f"{value} is not an amount of £0.01 to £{self.maximum:,}", hint)
            return MISSING
        return value

    def describe(self):
        return f"amount in pounds, such as 12.50 (up to {self.maximum:,})"

    def json_schema(self, terms):
        return {"type": "number", "exclusiveMinimum": 0, "maximum": self.maximum}

    def placeholder(self, field, fill):
        return field.example, field.doc

    def form_widget(self, name, form, field=None, within_optional=""):
        return {"widget": "number", "value_type": "float", "min": 0.01, "max": self.maximum}


class Boolean(Kind):
    label = "true or false"

    def check(self, value, path, ctx):
        if not isinstance(value, bool):
            ctx.report(
                path,
                f"expected true or false, found {_describe(value)}",
                "write true or false, without quotes",
            )
            return MISSING
        return value

    def describe(self):
        return "`true` or `false`"

    def json_schema(self, terms):
        return {"type": "boolean"}

    def placeholder(self, field, fill):
        return field.example, field.doc

    def form_widget(self, name, form, field=None, within_optional=""):
        return {"widget": "boolean"}


SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """'Make a plan: floods & you' -> 'make-a-plan-floods-you'."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))


class Slug(Kind):
    label = "id (lower-case words joined by hyphens)"

    def check(self, value, path, ctx):
        if isinstance(value, str) and SLUG_PATTERN.match(value):
            return value
        ctx.report(
            path,
            f"{_quoted(value)} is not a valid id",
            f"use lower-case words joined by hyphens, like '{slugify(str(value)) or 'my-id'}'",
        )
        return MISSING

    def json_schema(self, terms):
        return {"type": "string", "pattern": SLUG_PATTERN.pattern}

    def form_widget(self, name, form, field=None, within_optional=""):
        return {
            "widget": "string",
            "pattern": [SLUG_PATTERN.pattern, "Lower-case words joined by hyphens"],
        }


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# The earliest date a page of this toolkit can carry (`published`, `updated`): nothing was
# published before 2020, so an earlier year is a mistyped one (a date picker that turned
# "2026" into 1906, a two-digit year).
EARLIEST_PUBLISHED = date(2020, 1, 1)


@dataclass
class IsoDate(Kind):
    """A date, YYYY-MM-DD; `earliest`, if given, is the first date allowed."""

    earliest: date | None = None
    label = "date (YYYY-MM-DD)"

    def check(self, value, path, ctx):
        if isinstance(value, datetime):
            ctx.report(path, f"'{value}' has a time as well", "write only the date, YYYY-MM-DD")
            return MISSING
        if isinstance(value, date):
            return self._not_too_early(value, path, ctx)
        text = str(value).strip() if isinstance(value, str | int) else None
        if text and _ISO_DATE.match(text):
            try:
                return self._not_too_early(date.fromisoformat(text), path, ctx)
            except ValueError:
                ctx.report(path, f"'{text}' is not a real date", "check the month and day")
                return MISSING
        ctx.report(
            path,
            f"{_quoted(value)} is not an ISO date",
            "write dates as YYYY-MM-DD, for example 2026-11-26",
        )
        return MISSING

    def _not_too_early(self, value: date, path, ctx):
        if self.earliest and value < self.earliest:
            ctx.report(
                path,
                f"{value.isoformat()} is before {self.earliest.year}, when nothing here was "
                "published yet",
                "check the year: it may have been mistyped",
            )
            return MISSING
        return value

    def describe(self):
        since = f", {self.earliest.isoformat()} or later" if self.earliest else ""
        return f"date, YYYY-MM-DD{since}"

    def json_schema(self, terms):
        return {"type": "string", "format": "date", "pattern": _ISO_DATE.pattern}

    def placeholder(self, field, fill):
        return fill.today.isoformat(), field.doc

    def form_widget(self, name, form, field=None, within_optional=""):
        # act-date (overrides/admin/act-admin.js): the browser's own date input, which keeps a
        # typed year as typed (Decap's datetime widget turns "2026" into 1906-12-01), written
        # as YYYY-MM-DD. `min` is what the input offers and the form checks.
        return {
            "widget": "act-date",
            "min": (self.earliest or date(2000, 1, 1)).isoformat(),
            "max": "2099-12-31",
        }


_LOCAL_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$")
# Events happen in the UK: a time is written as the clock shows it there.
LONDON = ZoneInfo("Europe/London")


class LocalDateTime(Kind):
    """A date and time on the UK's clocks (Europe/London), written YYYY-MM-DDTHH:MM; cleaned
    to an aware datetime. A time the clocks skip (spring forward) is refused."""

    label = "date and time (YYYY-MM-DDTHH:MM, UK time)"

    def check(self, value, path, ctx):
        text = value.strip() if isinstance(value, str) else None
        found = _LOCAL_TIME.match(text) if text else None
        if found is None:
            ctx.report(
                path,
                f"{_quoted(value)} is not a date and time",
                "write the date and the UK time as YYYY-MM-DDTHH:MM, for example 2027-03-14T18:30",
            )
            return MISSING
        try:
            moment = datetime.fromisoformat(f"{found[1]}T{found[2]}:{found[3]}")
        except ValueError:
            ctx.report(path, f"'{text}' is not a real date and time", "check the date and hour")
            return MISSING
        moment = moment.replace(tzinfo=LONDON)
        if moment.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != moment.replace(
            tzinfo=None
        ):
            ctx.report(
                path,
                f"'{text}' does not happen in the UK: the clocks go forward an hour then",
                "use the time as the clocks show it, an hour later",
            )
            return MISSING
        return moment

    def describe(self):
        return "date and time, YYYY-MM-DDTHH:MM, as UK clocks show it"

    def json_schema(self, terms):
        return {"type": "string", "format": "date-time"}

    def placeholder(self, field, fill):
        return field.example or f"{fill.today.isoformat()}T18:00", field.doc

    def form_widget(self, name, form, field=None, within_optional=""):
        # act-date with a time: the browser's date-and-time input, written back as `check`
        # reads it, YYYY-MM-DDTHH:MM as UK clocks show it (no offset).
        return {
            "widget": "act-date",
            "time": True,
            "min": "2000-01-01T00:00",
            "max": "2099-12-31T23:59",
        }


@dataclass
class Url(Kind):
    """An https URL; `also` lists other schemes allowed here (mailto, tel for contacts)."""

    also: tuple[str, ...] = ()
    label = "https URL"

    def check(self, value, path, ctx):
        if not isinstance(value, str) or not value.strip():
            ctx.report(
                path,
                f"expected a URL, found {_describe(value)}",
                "write the full address, starting https://",
            )
            return MISSING
        url = value.strip()
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme in self.also:
            problem = _LINK_CHECKS[scheme](url) if scheme in _LINK_CHECKS else None
            if problem:
                ctx.report(path, f"'{url}' {problem[0]}", problem[1])
                return MISSING
            return url
        if scheme != "https" or not re.match(r"^https://[^/\s]+\.[^/\s]+", url):
            allowed = " or ".join(["https://"] + [f"{s}:" for s in self.also])
            what = "a secure web address" if not self.also else f"a link starting {allowed}"
            hint = (
                "change http:// to https:// (most sites support it)"
                if scheme == "http"
                else f"use an address starting {allowed}"
            )
            ctx.report(path, f"'{url}' is not {what}", hint)
            return MISSING
        if _NOT_IN_URLS.search(url) or any(map(is_invisible, url)):
            ctx.report(
                path,
                f"'{url}' has a space or a character that a web address cannot contain",
                "copy the address again from the browser's address bar (\" < > { } | \\ ^ and "
                "` must be written as %22 %3C %3E ...)",
            )
            return MISSING
        return url

    def describe(self):
        return "link starting " + " or ".join(f"`{p}`" for p in self._prefixes())

    def json_schema(self, terms):
        return {"type": "string", "pattern": "^(" + "|".join(self._prefixes()) + ")"}

    def _prefixes(self) -> list[str]:
        return ["https://", *(f"{s}:" for s in self.also)]

    def placeholder(self, field, fill):
        return field.example, field.doc

    def form_widget(self, name, form, field=None, within_optional=""):
        return {"widget": "string", "pattern": list(url_pattern(self.also))}


_NOT_IN_URLS = re.compile(r'[\s"<>{}|\\^`\x00-\x1f\x7f]')
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_SUBJECT = re.compile(r"^subject=[^&=]*$")
_PHONE = re.compile(r"^\+?[0-9]{3,15}$")


def _mailto_problem(url: str) -> tuple[str, str] | None:
    """A mailto: link may name one address and, at most, a subject: nothing that adds
    recipients (cc, bcc, a second address) or writes the message (body)."""
    address, _, query = url[len("mailto:") :].partition("?")
    if not _EMAIL.match(address):
        return "is not a single e-mail address", "write mailto:name@example.org"
    if query and not _SUBJECT.match(query):
        return (
            "adds more than a subject to the e-mail",
            "remove everything after '?' except subject=...: cc, bcc and body are not allowed",
        )
    return None


def _tel_problem(url: str) -> tuple[str, str] | None:
    """A tel: link is a phone number: digits, an optional leading +, and - or . or spaces."""
    number = re.sub(r"[\s.()-]", "", url[len("tel:") :])
    if not _PHONE.match(number):
        return "is not a phone number", "write tel: and the number, like tel:+441234567890"
    return None


_LINK_CHECKS = {"mailto": _mailto_problem, "tel": _tel_problem}

# The same rules as the form's patterns (JavaScript and Python read them alike): a web address
# with a dot in its host and none of the characters an address cannot hold; mailto: with one
# address and at most a subject; tel: with 3 to 15 digits, a leading + and separators.
_URL_CHAR = r"[^\s\"<>{}|\\^`]"
_FORM_LINKS = {
    "https": rf"https://[^/\s\"<>{{}}|\\^`]+\.[^/\s\"<>{{}}|\\^`]+{_URL_CHAR}*",
    "mailto": r"mailto:[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+"
    r"(\?subject=[^&=]*)?",
    "tel": r"tel:[\s.()-]*\+?([\s.()-]*[0-9]){3,15}[\s.()-]*",
}
_FORM_WORDS = {
    "https": "a web address starting https://",
    "mailto": "mailto: and one e-mail address (at most ?subject=..., no cc, bcc or body)",
    "tel": "tel: and a phone number (digits, a + at the start)",
}


def url_pattern(also: Sequence[str] = ()) -> tuple[str, str]:
    """The form's pattern for a link, and the words it shows when a link does not match."""
    schemes = ["https", *also]
    pattern = "^(" + "|".join(f"(?:{_FORM_LINKS[s]})" for s in schemes) + ")$"
    words = "Write " + ", or ".join(_FORM_WORDS[s] for s in schemes)
    return pattern, words


@dataclass
class Choice(Kind):
    values: Collection[str]

    @property
    def label(self) -> str:
        return "one of: " + ", ".join(self.values)

    def check(self, value, path, ctx):
        if isinstance(value, str) and value in self.values:
            return value
        ctx.report(
            path,
            f"{_quoted(value)} is not allowed",
            _did_you_mean(value, self.values, "use one of: " + ", ".join(self.values)),
        )
        return MISSING

    def describe(self):
        return "one of: " + ", ".join(f"`{v}`" for v in self.values)

    def json_schema(self, terms):
        return {"enum": list(self.values)}

    def placeholder(self, field, fill):
        values = list(self.values)
        value = field.example if field.example in values else values[0]
        return value, with_choices(field.doc, values)

    def list_placeholder(self, field, fill):
        values = list(self.values)
        return field.example or f"[{values[0]}]", with_choices(field.doc, values)

    def options(self, form: Form) -> list[dict[str, str]]:
        labels = self.values if isinstance(self.values, dict) else {v: v for v in self.values}
        return [{"label": label, "value": value} for value, label in labels.items()]

    def form_widget(self, name, form, field=None, within_optional=""):
        return {"widget": "select", "options": self.options(form)}

    def list_form_widget(self, name, form, least):
        return {"widget": "select", "multiple": True, "options": self.options(form), **least}


@dataclass
class TaxonomyTerm(Kind):
    """An id from a taxonomy in data/ (topics, regions)."""

    taxonomy: str

    @property
    def label(self) -> str:
        return f"{self.taxonomy[:-1]} id from data/{self.taxonomy}.yml"

    def check(self, value, path, ctx):
        terms = ctx.taxonomies.get(self.taxonomy, {})
        if isinstance(value, str) and value in terms:
            return value
        ctx.report(
            path,
            f"{_quoted(value)} is not a known {self.taxonomy[:-1]}",
            _did_you_mean(value, terms, f"use an id from data/{self.taxonomy}.yml"),
        )
        return MISSING

    def describe(self):
        return f"{self.taxonomy[:-1]} id from `data/{self.taxonomy}.yml`"

    def describe_items(self):
        return f"list of {self.taxonomy[:-1]} ids from `data/{self.taxonomy}.yml`"

    def json_schema(self, terms):
        return {"enum": sorted(terms.get(self.taxonomy, {}))}

    def placeholder(self, field, fill):
        ids = list(fill.taxonomies.get(self.taxonomy, {}))
        return (ids[0] if ids else field.example), f"{field.doc}: {', '.join(ids)}"

    def list_placeholder(self, field, fill):
        ids = list(fill.taxonomies.get(self.taxonomy, {}))
        example = field.example.strip("[]")
        first = example if example in ids else (ids[0] if ids else example)
        return f"[{first}]", f"{field.doc}: {', '.join(ids)}"

    def options(self, form: Form) -> list[dict[str, str]]:
        terms = form.taxonomies.get(self.taxonomy, {})
        return [{"label": label, "value": value} for value, label in terms.items()]

    def form_widget(self, name, form, field=None, within_optional=""):
        return {"widget": "select", "options": self.options(form)}

    def list_form_widget(self, name, form, least):
        return {"widget": "select", "multiple": True, "options": self.options(form), **least}


@dataclass
class ListOf(Kind):
    item: Kind
    min_items: int = 0

    @property
    def label(self) -> str:
        return f"list of {self.item.label}"

    def check(self, value, path, ctx):
        if isinstance(value, str | int) and not isinstance(value, bool) and self.min_items <= 1:
            value = [value]  # `topics: flooding` means `topics: [flooding]`
        if not isinstance(value, list):
            ctx.report(
                path,
                f"expected a list, found {_describe(value)}",
                "write a list like [a, b] or one '- item' per line",
            )
            return MISSING
        if len(value) < self.min_items:
            ctx.report(
                path,
                f"needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}",
                "add an item",
            )
            return MISSING
        cleaned = [self.item.check(item, path + (i,), ctx) for i, item in enumerate(value)]
        return MISSING if MISSING in cleaned else cleaned

    def describe(self):
        least = f", at least {self.min_items}" if self.min_items else ""
        return self.item.describe_items() + least

    def json_schema(self, terms):
        return {
            "type": "array",
            "items": self.item.json_schema(terms),
            **({"minItems": self.min_items} if self.min_items else {}),
        }

    def placeholder(self, field, fill):
        return self.item.list_placeholder(field, fill)

    def typed(self, value, name):
        return None if value is None else [self.item.typed(item, name) for item in value]

    def form_widget(self, name, form, field=None, within_optional=""):
        least = {"min": self.min_items} if self.min_items else {}
        return self.item.list_form_widget(name, form, least)


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool = True
    doc: str = ""
    example: str = ""
    default: Any = None


# A rule on a whole record, once its fields are valid: told where the record sits, so a rule
# on a record inside a list reports the right line and field.
Rule = Callable[[dict, Path_, Context], None]


@dataclass
class Record(Kind):
    """A mapping with known fields; unknown keys are errors with a suggestion."""

    fields: Sequence[Field]
    rules: Sequence[Rule] = ()
    label = "mapping"

    def check(self, value, path, ctx):
        if not isinstance(value, dict):
            ctx.report(
                path,
                f"expected a mapping of 'key: value' lines, found {_describe(value)}",
                "write one 'key: value' per line",
            )
            return MISSING
        known = {f.name: f for f in self.fields}
        cleaned: dict[str, Any] = {}
        failed = False
        for key in value:
            if key not in known:
                name = key if isinstance(key, str) else yaml_scalar(key)
                ctx.report(path + (name,), "unknown field", _unknown_field_hint(name, known))
                failed = True
        for f in self.fields:
            if value.get(f.name) is None:
                if f.required:
                    example = f" like `{f.name}: {f.example}`" if f.example else ""
                    written = f.name in value
                    ctx.report(
                        path + (f.name,),
                        "has no value" if written else "required field is missing",
                        ("write the value after the colon" if written else f"add a line{example}")
                        + (f" ({f.doc})" if f.doc else ""),
                    )
                    failed = True
                else:
                    cleaned[f.name] = f.default
                continue
            result = f.kind.check(value[f.name], path + (f.name,), ctx)
            failed |= result is MISSING
            cleaned[f.name] = result
        if failed:
            return MISSING
        for rule in self.rules:
            rule(cleaned, path, ctx)
        return cleaned

    def describe(self):
        return "fields, indented below"

    @property
    def field_names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)

    def typed(self, value, name):
        """The cleaned mapping as a frozen dataclass made from the fields (one class per
        record, named after where it is used: `Commitment`)."""
        if value is None:
            return None
        made = self.__dict__.get("_typed_class")
        if made is None:
            class_name = "".join(word.capitalize() for word in name.split("_"))
            made = make_dataclass(class_name, [(f.name, Any) for f in self.fields], frozen=True)
            self.__dict__["_typed_class"] = made
        return made(**{f.name: f.kind.typed(value.get(f.name), f.name) for f in self.fields})

    def form_widget(self, name, form, field=None, within_optional=""):
        optional = field is not None and not field.required
        # A group inside an optional group is optional too (in_finder's commitment).
        group = form.label(name).lower() if optional else within_optional
        return {
            "widget": "object",
            "collapsed": optional,
            "fields": [form.field(f, group) for f in self.fields],
        }

    def list_form_widget(self, name, form, least):
        return {
            "widget": "list",
            "collapsed": False,
            **least,
            "fields": [form.field(f) for f in self.fields],
        }

    def describe_items(self):
        return "list of items with the fields below"

    def json_schema(self, terms):
        return {
            "type": "object",
            "properties": {
                f.name: {**f.kind.json_schema(terms), **({"description": f.doc} if f.doc else {})}
                for f in self.fields
            },
            "required": [f.name for f in self.fields if f.required],
            "additionalProperties": False,
        }


def _unknown_field_hint(key: Any, known: Collection[str]) -> str:
    cleaned = "".join(c for c in str(key) if not is_invisible(c)).strip()
    if cleaned in known:
        return f"the name has a character you cannot see in it: retype it as '{cleaned}'"
    fields = "remove it, or check the spelling; fields are: " + ", ".join(known)
    return _did_you_mean(key, known, fields)


def _quoted(value: Any) -> str:
    """A value as a message shows it: text in quotes, anything else by what it is."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"'{value}'"
    return _describe(value)


def _did_you_mean(value: Any, choices, otherwise: str) -> str:
    if isinstance(value, list | dict):
        return f"write a single value, not {_describe(value)}: {otherwise}"
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else otherwise


def json_schema(kind: Kind, terms: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) equivalent of a kind, for the published open data.

    `terms` gives the taxonomy ids a TaxonomyTerm accepts. Dates are exported as ISO text.
    """
    return kind.json_schema(terms or {})


class Form(Protocol):
    """What the web editor gives a kind to make its widget (see act.editor.config)."""

    taxonomies: dict[str, dict[str, str]]

    def field(self, field: Field, within_optional: str = "") -> dict[str, Any]: ...

    def label(self, name: str) -> str: ...


class Fill(Protocol):
    """What `act new` gives a kind to make its placeholder (see act.content.scaffold)."""

    @property
    def today(self) -> date: ...

    @property
    def taxonomies(self) -> dict[str, dict[str, str]]: ...

    def text(self, what: str) -> str: ...


def with_choices(doc: str, values: list[str]) -> str:
    """A field's doc, followed by the allowed values unless the doc already names them all."""
    if all(value in doc for value in values):
        return doc
    return f"{doc}; one of: {', '.join(values)}"

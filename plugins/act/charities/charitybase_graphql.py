"""What ACT asks CharityBase, and how it reads the answer: the GraphQL query, a need's filters,
and a page of charities from a response body (no network here).

GraphQL can answer with data and errors together. CharityBase resolves each list field for a
whole page at once, so one odd record (say, one without `registrations`) fails that field for
every charity on the page; the errors name them by path (`CHC.getCharities.list.3.registrations`).
Such a page is kept, with a FieldFailure per charity. Any other error stops the refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from act.charities.normalise import MalformedRecord, normalise_charity
from act.charities.providers import FieldFailure
from act.charities.referrals import SearchFilters
from act.charities.snapshot import Charity

PAGE_SIZE = 30  # CharityBase's largest page
# Only fields of the real `CharityCHC` type; nothing about people (contact, trustees, geo).
QUERY = """
query ActCharities($filters: FilterCHCInput!, $skip: Int) {
  CHC {
    getCharities(filters: $filters) {
      count
      list(limit: 30, skip: $skip, sort: default) {
        id
        names(all: false) { value primary }
        activities
        website
        finances { income financialYear { end } }
        areas { id name }
        causes { id name }
        beneficiaries { id name }
        operations { id name }
        registrations { registrationDate removalDate }
      }
    }
  }
}
""".strip()


class CharityBaseError(Exception):
    """A problem that stops a refresh; the message names the cause and never holds the key."""


def search_text(filters: SearchFilters) -> str | None:
    """The search as CharityBase's Elasticsearch simple_query_string reads it, every word
    required: its default operator is OR, so "victims of crime" alone matches nearly every
    charity through "of"."""
    return " ".join(f"+{word}" for word in filters.words) or None


def graphql_filters(filters: SearchFilters) -> dict[str, Any]:
    """A need's filters in CharityBase's FilterCHCInput shape (ids as strings)."""
    result: dict[str, Any] = {}
    if search_text(filters):
        result["search"] = search_text(filters)
    for name in ("causes", "beneficiaries", "operations", "areas"):
        ids = getattr(filters, name)
        if ids:
            result[name] = {"some": [str(i) for i in ids]}
    return result


@dataclass
class Page:
    count: int
    charities: list[Charity]
    failures: list[FieldFailure] = field(default_factory=list)


def read_page(body: Any, what: str, clean: Callable[[str], str]) -> Page:
    """The charities in one response body; `clean` makes server text safe to print."""
    errors = body.get("errors") if isinstance(body, dict) else None
    try:
        result = body["data"]["CHC"]["getCharities"]
        count = result["count"]
        items = result["list"]
    except (KeyError, TypeError):
        said = f": {clean(messages(errors))}" if errors else ""
        raise CharityBaseError(
            f"CharityBase sent an unexpected response for {what}: "
            f"no data.CHC.getCharities.count and .list{said}"
        ) from None
    if isinstance(count, bool) or not isinstance(count, int) or not isinstance(items, list):
        raise CharityBaseError(
            f"CharityBase sent an unexpected response for {what}: count or list has the wrong type"
        )
    failed = _failed_fields(errors, what, clean)
    page = Page(count, [])
    for index, item in enumerate(items):
        fields = failed.get(index, {})
        try:
            page.charities.append(normalise_charity(item))
        except MalformedRecord as err:
            if not fields:  # a record broken with no error to explain it
                raise CharityBaseError(
                    f"CharityBase sent a malformed charity for {what}: {err}"
                ) from None
        if fields:
            message = clean("; ".join(dict.fromkeys(fields.values())))
            page.failures.append(FieldFailure(_number_of(item), tuple(fields), message, what))
    return page


def _failed_fields(errors: Any, what: str, clean: Callable[[str], str]) -> dict[int, dict]:
    """{index in the page: {field: message}} from errors whose path points into `list`."""
    failed: dict[int, dict[str, str]] = {}
    for error in errors if isinstance(errors, list) else ([errors] if errors else []):
        path = error.get("path") if isinstance(error, dict) else None
        tail = path[path.index("list") + 1 :] if isinstance(path, list) and "list" in path else []
        if len(tail) < 2 or not isinstance(tail[0], int) or not isinstance(tail[1], str):
            # Nothing says what this error spoiled, so nothing on the page can be trusted.
            raise CharityBaseError(
                clean(f"CharityBase reported an error during {what}: {messages([error])}")
            )
        failed.setdefault(tail[0], {})[tail[1]] = str(error.get("message") or "no message")
    return failed


def _number_of(item: Any) -> str | None:
    number = str(item.get("id") or "").strip() if isinstance(item, dict) else ""
    return number or None


def is_auth_error(errors: Any) -> bool:
    """Whether GraphQL errors say the key was refused (malformed, unknown or without rights)."""
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, dict):
            continue
        code = str((error.get("extensions") or {}).get("code", "")).upper()
        message = str(error.get("message", "")).lower()
        if code in {"UNAUTHENTICATED", "FORBIDDEN"} or "api key" in message or "apikey" in message:
            return True
    return False


def messages(errors: Any) -> str:
    """The errors' messages, joined and kept short."""
    if not isinstance(errors, list):
        return "an errors value that is not a list"
    texts = [str(e.get("message", "")).strip() if isinstance(e, dict) else str(e) for e in errors]
    joined = "; ".join(t for t in texts if t) or "no message"
    return joined if len(joined) <= 300 else joined[:300] + "…"

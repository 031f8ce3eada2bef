"""One problem type for every check: where it is, what is wrong and how to fix it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from act.wording import plural


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A single finding, printed as `path:line: field: message` with a hint below."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # Values quoted in a message may hold characters nobody can see (a zero-width space,
        # a no-break space): name them, so 'title' and 'title\u200b' do not read the same. A
        # file's name may hold them too, and a terminal obeys some (ESC).
        for name in ("path", "field", "message", "hint"):
            object.__setattr__(self, name, visible(getattr(self, name)))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: {self.field or '(file)'}: {self.message}"
        return f"{where}\n    hint: {self.hint}" if self.hint else where


def is_invisible(char: str) -> bool:
    """Control and format characters, and every space but the plain one."""
    category = unicodedata.category(char)
    return char not in "\n " and (category[0] == "C" or category in ("Zs", "Zl", "Zp"))


def visible(text: str) -> str:
    """'a\u200bb' -> 'a[U+200B ZERO WIDTH SPACE]b'."""
    return "".join(_named(c) if is_invisible(c) else c for c in text)


def _named(char: str) -> str:
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    return f"[U+{ord(char):04X} {name}]" if name else f"[U+{ord(char):04X}]"


# Control characters have no name in Unicode's data, only aliases, which Python can look up
# but not give back: these are the aliases of the ones people meet (C0, DEL, NEL), with
# U+0007's old name, BELL, for its alias ALERT.
_CONTROL_NAMES = dict(
    zip(
        [*map(chr, range(0x20)), "\x7f", "\x85"],
        (  # noqa: SIM905 (one line of names, not thirty-four)
            "NULL,START OF HEADING,START OF TEXT,END OF TEXT,END OF TRANSMISSION,ENQUIRY,"
            "ACKNOWLEDGE,BELL,BACKSPACE,CHARACTER TABULATION,LINE FEED,LINE TABULATION,"
            "FORM FEED,CARRIAGE RETURN,SHIFT OUT,SHIFT IN,DATA LINK ESCAPE,"
            "DEVICE CONTROL ONE,DEVICE CONTROL TWO,DEVICE CONTROL THREE,DEVICE CONTROL FOUR,"
            "NEGATIVE ACKNOWLEDGE,SYNCHRONOUS IDLE,END OF TRANSMISSION BLOCK,CANCEL,"
            "END OF MEDIUM,SUBSTITUTE,ESCAPE,FILE SEPARATOR,GROUP SEPARATOR,RECORD SEPARATOR,"
            "UNIT SEPARATOR,DELETE,NEXT LINE"
        ).split(","),
        strict=True,
    )
)


def format_report(problems: list[Problem]) -> str:
    """Every problem, errors first, each group in file and line order, then a count."""
    errors = sorted(p for p in problems if p.is_error)
    warnings = sorted(p for p in problems if not p.is_error)
    parts = []
    if errors:
        parts.append(f"{plural(len(errors), 'error')}:")
        parts.extend(str(p) for p in errors)
    if warnings:
        if parts:
            parts.append("")
        parts.append(f"{plural(len(warnings), 'warning')} (the build still works):")
        parts.extend(str(p) for p in warnings)
    return "\n".join(parts)

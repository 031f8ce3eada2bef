"""How ACT writes JSON, in one place: files people and machines read (open data, schemas, the
charity snapshot, Open Referral, reports, the JSON feed), and JSON inside a <script> element."""

from __future__ import annotations

import json
from typing import Any


def json_text(data: Any, *, final_newline: bool = True) -> str:
    """Indented, UTF-8 as written (not \\u escapes), keys in the order given; one final
    newline, so files in git diff cleanly."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return text + "\n" if final_newline else text


def script_json(data: Any) -> str:
    """Compact JSON that is safe inside <script type="application/ld+json">: no '<', '>' or
    '&' (escaped as \\u003c...), so no value can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

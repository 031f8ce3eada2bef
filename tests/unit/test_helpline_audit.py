"""act check warns about a helpline without a source or a checked date, or one checked over a
year ago; the build and the refresh do not (load_referrals judges only validity)."""

from __future__ import annotations

from datetime import date

from act.charities.referrals import helpline_audit, load_referrals

REFERRALS = """\
- id: crisis
  name: Crisis
  who_it_helps: Anyone.
  sensitive: true
  helplines:
    - name: Fresh Line
      number: "0800 000 0000"
      free: true
      nations: [england, wales]
      source: https://example.org/fresh
      checked: 2026-06-01
    - name: Old Line
      number: "0800 000 0001"
      free: true
      source: https://example.org/old
      checked: 2025-06-01
    - name: Bare Line
      number: "0800 000 0002"
      free: true
"""


def write(tmp_path):
    path = tmp_path / "referrals.yml"
    path.write_text(REFERRALS, encoding="utf-8")
    return path


def test_unsourced_and_stale_helplines_are_warnings_with_their_lines(tmp_path):
    problems = helpline_audit(write(tmp_path), "referrals.yml", date(2026, 12, 1))
    found = sorted((p.line, p.message) for p in problems)
    assert [m for _, m in found] == [
        "helpline 'Old Line' was last checked on 2025-06-01, over a year ago",
        "helpline 'Bare Line' has no checked",
        "helpline 'Bare Line' has no source",
    ]
    assert [line for line, _ in found] == [16, 17, 17]
    assert not any(p.is_error for p in problems)


def test_a_check_within_the_year_is_fine(tmp_path):
    problems = helpline_audit(write(tmp_path), "referrals.yml", date(2026, 5, 31))
    assert all("Fresh Line" not in p.message and "Old Line" not in p.message for p in problems)


def test_loading_keeps_nations_sensitive_and_source(tmp_path):
    referrals, problems = load_referrals(write(tmp_path), "referrals.yml")
    assert problems == []
    need = referrals.needs[0]
    assert need.sensitive is True
    fresh = need.helplines[0]
    assert fresh.nations == ("england", "wales")
    assert fresh.where == "England and Wales"
    assert fresh.checked == date(2026, 6, 1)
    assert fresh.source == "https://example.org/fresh"

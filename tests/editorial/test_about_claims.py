"""The About page and the programme entry for ACT say who writes the pages as it really is:
checked against the authors and reviewers recorded in the content. So does every other page of
the built site, in its text, its description and its share preview (og: and twitter: meta)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import yaml

from act.content.checker import check_content
from support import ROOT

EDITORIAL_TEAM = "ACT editorial team"
CLAIM_BY_SERVICES = "written by people who work or volunteer in the emergency services"

# A sentence that says or implies the advice comes from, or was checked by, people in the
# emergency services or named experts.
EXPERT_CLAIMS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(advice|articles?|pages?|guides?|content)\b[^.]{0,80}\b(from|by)\b[^.]{0,40}"
        r"\b(people|those|staff|workers|officers|experts?|professionals|volunteers)\b[^.]{0,60}"
        r"\bemergency services?\b",
        r"\b(from|by) (serving|working) (emergency service|police|fire|ambulance)",
        r"\b(written|reviewed|checked|approved|vetted) by (a |an )?(named )?(experts?|"
        r"professionals|paramedics|police officers|firefighters|doctors|nurses)\b",
        r"\bexpert[- ](reviewed|checked|approved|written)\b",
    )
]
# ...unless it states an aim, a history or its absence: "is still our aim", "we would like",
# "described ACT as", "None has yet been checked".
NOT_A_CLAIM = re.compile(
    r"\b(aims?|would|described|none|not yet|awaiting|once|when a named|if that is you)\b",
    re.IGNORECASE,
)
SHARE_META = re.compile(
    r'<meta (?:name|property)="(?:description|og:description|twitter:description|og:title|'
    r'twitter:title)" content="([^"]*)"'
)


def recorded_authorship():
    catalogue = check_content(ROOT / "content", ROOT / "data", date(2026, 12, 1))
    written = [e for e in catalogue.entries if e.kind in ("article", "reserve") and not e.is_draft]
    authors = {e.data["author"]["name"] for e in written}
    reviewed = [e for e in written if e.data.get("reviewer")]
    return authors, reviewed


def test_about_says_who_writes_the_pages_as_recorded():
    about = (ROOT / "content/about.md").read_text(encoding="utf-8")
    authors, reviewed = recorded_authorship()
    if authors == {EDITORIAL_TEAM}:
        assert "every article and every reserve guide is written by the ACT editorial team" in about
        assert CLAIM_BY_SERVICES not in about
    else:
        assert CLAIM_BY_SERVICES in about or EDITORIAL_TEAM not in about
    if not reviewed:
        assert "None has yet been checked by a named expert" in about
    else:
        assert "None has yet been checked" not in about


def test_programme_entry_for_act_does_not_claim_advice_from_serving_workers():
    entries = yaml.safe_load((ROOT / "data/programmes.yml").read_text(encoding="utf-8"))
    act = next(e for e in entries if e["id"] == "active-citizens-toolkit")
    text = " ".join(f"{act['summary']} {act['description']}".split())
    authors, _ = recorded_authorship()
    if authors == {EDITORIAL_TEAM}:
        assert "carries advice and articles from serving emergency service workers" not in text
        assert "aims to carry advice from serving emergency service workers" in text
        assert "written by the ACT editorial team" in text


def test_no_page_promises_a_future_data_refresh():
    for path in (ROOT / "overrides").rglob("*.html"):
        assert "after the next data refresh" not in path.read_text(encoding="utf-8"), path


def expert_claims(text: str) -> list[str]:
    """The sentences of `text` that claim expert authorship or review."""
    sentences = re.split(r"(?<=[.!?])\s+|\n", text)
    return [
        s.strip()
        for s in sentences
        if any(p.search(s) for p in EXPERT_CLAIMS) and not NOT_A_CLAIM.search(s)
    ]


def what_a_page_says(html: str) -> str:
    """A built page's text, description and share preview, one piece a line."""
    meta = [unescape(value) for value in SHARE_META.findall(html)]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL | re.IGNORECASE)
    body = re.sub(r"<(p|li|h[1-6]|dd|dt|td|div|section|br)\b", "\n<", body)
    text = unescape(re.sub(r"<[^>]+>", " ", body))
    return "\n".join([*meta, *(" ".join(line.split()) for line in text.splitlines())])


def test_the_claim_finder_catches_the_old_home_summary_and_spares_honest_sentences():
    old = (
        "Plan for emergencies, volunteer in public safety and find help, with advice from "
        "people who work in the emergency services."
    )
    assert expert_claims(old) == [old]
    assert expert_claims("Every article is reviewed by a named expert.") != []
    for honest in (
        "Advice from serving emergency service workers is still our aim.",
        "None has yet been checked by a named expert from the emergency services.",
        "We would like people who work or volunteer in the emergency services to write pages.",
        "Our editorial team writes the advice from official sources.",
    ):
        assert expert_claims(honest) == [], honest


def test_no_page_description_or_share_preview_claims_expert_authors_the_records_lack(
    edition_site,
):
    authors, reviewed = recorded_authorship()
    if authors != {EDITORIAL_TEAM} or reviewed:
        return  # a named author or reviewer is recorded: pages may say so
    found = {
        page.relative_to(edition_site).as_posix(): claims
        for page in sorted(edition_site.rglob("*.html"))
        if (claims := expert_claims(what_a_page_says(page.read_text(encoding="utf-8"))))
    }
    assert found == {}

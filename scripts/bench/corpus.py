"""A synthetic corpus of any size, made by cycling and varying the committed edition.

Every file stays valid against ACT's schemas: unique slugs, real taxonomy ids, dates in order.
The same Markdown is then given to stock Material (`stock_project`) so that like is compared
with like. Nothing here is published: the corpus lives in a temporary folder.
"""

from __future__ import annotations

import copy as copy_module
import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from act.charities.referrals import load_referrals
from act.charities.snapshot import (
    FROM_REGISTER,
    OGL_NAME,
    OGL_URL,
    SOURCE_CHARITYBASE,
    Charity,
    Provenance,
    Snapshot,
    snapshot_text,
)

ROOT = Path(__file__).resolve().parents[2]
BUILD_DATE = date(2026, 12, 1)
# Share of the item pages per type. A growing ACT is mostly volunteering opportunities, then
# advice; reserve guides and volunteer projects grow slowly.
PROPORTIONS = {"opportunity": 0.60, "article": 0.25, "reserve": 0.10, "project": 0.05}
SECTION_OF = {"article": "prepare", "opportunity": "volunteer", "reserve": "reserves"}
PAGES_PER_PROGRAMME = 100  # programmes are records shown on one listing page, not pages
SYNTHETIC_CHARITY_NUMBERS = 9_000_001  # 9xxxxxx: no registered charity has such a number
_FRONT_MATTER = YAMLHandler()


@dataclass(frozen=True)
class CorpusCounts:
    """How many of each thing a corpus holds."""

    article: int
    opportunity: int
    reserve: int
    project: int
    programme: int
    charity: int

    @property
    def item_pages(self) -> int:
        return self.article + self.opportunity + self.reserve + self.project

    def as_dict(self) -> dict[str, int]:
        return {**self.__dict__, "item_pages": self.item_pages}


def counts_for(pages: int) -> dict[str, int]:
    """Item pages per type for `pages` in all; rounding goes to opportunities."""
    counts = {kind: int(pages * share) for kind, share in PROPORTIONS.items()}
    counts["opportunity"] += pages - sum(counts.values())
    return counts


@dataclass(frozen=True)
class _Source:
    front: dict
    body: str
    stem: str


def _read_sources(folder: Path) -> list[_Source]:
    sources = []
    for path in sorted(folder.rglob("*.md")):
        if path.name == "index.md":
            continue
        yaml_text, body = _FRONT_MATTER.split(path.read_text(encoding="utf-8"))
        sources.append(_Source(yaml.safe_load(yaml_text), body.strip(), path.stem))
    return sources


def _paragraphs(sources: list[_Source]) -> list[str]:
    """Plain paragraphs (no headings, lists or tables) to vary bodies with."""
    found = []
    for source in sources:
        for block in source.body.split("\n\n"):
            block = block.strip()
            if block and block[0].isalpha() and "\n" not in block and "](" not in block:
                found.append(block)
    return found


def _dump(front: dict, body: str) -> str:
    text = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{text}---\n\n{body}\n"


def _vary_dates(front: dict, rng: random.Random) -> None:
    published = BUILD_DATE - timedelta(days=rng.randrange(1, 700))
    front["published"] = published
    if "updated" in front:
        front["updated"] = published + timedelta(days=rng.randrange(0, 30))
        front["updated"] = min(front["updated"], BUILD_DATE)
    front["review_by"] = max(published, BUILD_DATE) + timedelta(days=rng.randrange(30, 365))
    if front.get("closing_date"):
        front["closing_date"] = BUILD_DATE + timedelta(days=rng.randrange(-30, 120))
    if front.get("changes"):
        front["changes"] = [{"date": published, "note": "First published."}]
    front.pop("draft", None)  # drafts are not built: every synthetic page is published


def _write_items(
    kind: str,
    count: int,
    sources: list[_Source],
    dest: Path,
    taxonomy: list[str],
    rng: random.Random,
) -> None:
    folder = dest / "content" / SECTION_OF[kind]
    folder.mkdir(parents=True, exist_ok=True)
    extra = _paragraphs(sources)
    for n in range(count):
        source = sources[n % len(sources)]
        copy = n // len(sources)
        front = copy_module.deepcopy(source.front)
        _vary_dates(front, rng)
        body = source.body
        if copy:
            front["title"] = f"{source.front['title']} ({copy})"
            # The emergency set stays the edition's own: a copy is not kept offline.
            front.pop("offline", None)
            # Another paragraph from the same type, so that copies are not identical.
            body += "\n\n" + rng.choice(extra)
        if kind == "article":
            front["topics"] = sorted({*source.front["topics"], rng.choice(taxonomy)})
        elif kind == "opportunity" and copy:
            front["regions"] = [rng.choice(taxonomy)]
            # A copy's areas would lie outside its new region (an error of `act check`).
            front.pop("areas", None)
        stem = source.stem if not copy else f"{source.stem}-{copy}"
        (folder / f"{stem}.md").write_text(_dump(front, body), encoding="utf-8")


_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)#\s]+\.md)(#[^)\s]*)?\)")


def _drop_dangling_links(content: Path) -> None:
    """At small sizes some committed items are not copied: links to them become plain text."""
    items = {content / section for section in SECTION_OF.values()}
    for path in content.rglob("*.md"):
        text = path.read_text(encoding="utf-8")

        def keep_or_drop(match: re.Match, folder: Path = path.parent) -> str:
            target = (folder / match.group(2)).resolve()
            dangling = target.parent in items and target.name != "index.md"
            return match.group(1) if dangling and not target.exists() else match.group(0)

        changed = _MARKDOWN_LINK.sub(keep_or_drop, text)
        if changed != text:
            path.write_text(changed, encoding="utf-8")


def _cycle_records(records: list[dict], count: int, name_key: str = "name") -> list[dict]:
    out = []
    for n in range(count):
        record = dict(records[n % len(records)])
        copy = n // len(records)
        if copy:
            record["id"] = f"{record['id']}-{copy}"
            record[name_key] = f"{record[name_key]} ({copy})"
        out.append(record)
    return out


def _write_yaml_list(path: Path, records: list[dict], note: str) -> None:
    text = yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"# {note}\n{text}", encoding="utf-8")


def _councils(data: Path) -> list[str]:
    """Every council of the corpus's data/areas.yml, in file order."""
    path = data / "areas.yml"
    areas = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
    return [council for area in areas or [] for council in area["councils"]]


def _synthetic_areas(n: int, councils: list[str]) -> tuple[str, ...]:
    """Areas of operation in the register's words: a third of the charities work throughout
    England and Wales, the rest in one council each (so the area pages list some)."""
    if n % 3 == 0 or not councils:
        return ("Throughout England and Wales",)
    return (councils[n % len(councils)],)


def _synthetic_snapshot(referrals_path: Path, councils: list[str]) -> tuple[str, int]:
    """A register-style snapshot: the curated charities plus, for each need, as many further
    charities as its `cap` allows (what a refresh writes). The further ones are synthetic,
    numbered 9xxxxxx, and say so in their names."""
    referrals, problems = load_referrals(referrals_path, str(referrals_path))
    if any(p.is_error for p in problems):
        raise RuntimeError(f"the committed {referrals_path} does not pass its checks")
    charities = [
        Charity(c.number, c.name, FROM_REGISTER, c.website, areas=("Throughout England and Wales",))
        for c in referrals.curated().values()
    ]
    matches: dict[str, tuple[str, ...]] = {}
    number = SYNTHETIC_CHARITY_NUMBERS
    for need in referrals.needs:
        cap = need.filters.cap if need.filters else 0
        listed = []
        for n in range(cap):
            charities.append(
                Charity(
                    str(number),
                    f"Synthetic charity {number} ({need.name.lower()})",
                    FROM_REGISTER,
                    activities="Benchmark data, not a real charity: support for "
                    f"{need.name.lower()}, number {n + 1} of {cap}.",
                    areas=_synthetic_areas(number, councils),
                    latest_income=1000 * (n + 1),
                    income_year_end=date(2026, 3, 31),
                    registered_on=date(2000 + n % 25, 1, 1),
                )
            )
            listed.append(str(number))
            number += 1
        matches[need.id] = tuple(listed)
    snapshot = Snapshot(
        Provenance(
            SOURCE_CHARITYBASE,
            fetched_at="2026-11-30T12:00:00+00:00",
            endpoint="https://charitybase.uk/api/graphql",
            licence=OGL_NAME,
            licence_url=OGL_URL,
            counts={"charities": len(charities)},
            note="Synthetic benchmark snapshot: the charities numbered 9xxxxxx are not real.",
        ),
        tuple(charities),
        matches,
    )
    return snapshot_text(snapshot), len(charities)


def generate_corpus(dest: Path, pages: int, seed: int = 2026, root: Path = ROOT) -> CorpusCounts:
    """Write an ACT project of `pages` item pages into `dest` (mkdocs.yml, overrides, content,
    data), cycling and varying the committed edition in `root`."""
    rng = random.Random(seed)
    counts = counts_for(pages)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(root / "overrides", dest / "overrides")
    # The web editor's code, installed by scripts/ensure-decap (`make bench` runs it).
    (dest / ".cache").mkdir(exist_ok=True)
    (dest / ".cache" / "decap").symlink_to(root / ".cache" / "decap")
    (dest / "content").mkdir()
    for plain in sorted((root / "content").glob("*.md")):
        shutil.copy(plain, dest / "content" / plain.name)
    data = dest / "data"
    (data / "charities").mkdir(parents=True)
    # The police force areas (a page each, generated from data/areas.yml), as the edition has
    # them: opportunities name them. Not data/numbers.yml, as before: the corpus's varied
    # copies of articles would break its nation check (a copy's topics change, not its text).
    for name in ("topics.yml", "regions.yml", "referrals.yml", "areas.yml"):
        shutil.copy(root / "data" / name, data / name)
    # The plans' declarations, which the copied plan pages (plan.md, community-plan.md) draw.
    shutil.copytree(root / "data" / "plans", data / "plans")
    topics = [t["id"] for t in yaml.safe_load((root / "data" / "topics.yml").read_text())]
    regions = [r["id"] for r in yaml.safe_load((root / "data" / "regions.yml").read_text())]
    taxonomy = {"article": topics, "opportunity": regions, "reserve": []}
    for kind, section in SECTION_OF.items():
        sources = _read_sources(root / "content" / section)
        _write_items(kind, counts[kind], sources, dest, taxonomy[kind], rng)
    _drop_dangling_links(dest / "content")
    projects = yaml.safe_load((root / "data" / "showcase.yml").read_text(encoding="utf-8"))
    programmes = yaml.safe_load((root / "data" / "programmes.yml").read_text(encoding="utf-8"))
    programme_count = max(len(programmes), pages // PAGES_PER_PROGRAMME)
    _write_yaml_list(
        data / "showcase.yml",
        _cycle_records(projects, counts["project"]),
        "Synthetic benchmark copy of data/showcase.yml.",
    )
    _write_yaml_list(
        data / "programmes.yml",
        _cycle_records(programmes, programme_count),
        "Synthetic benchmark copy of data/programmes.yml.",
    )
    snapshot, charity_count = _synthetic_snapshot(data / "referrals.yml", _councils(data))
    (data / "charities" / "snapshot.json").write_text(snapshot, encoding="utf-8")
    return CorpusCounts(
        article=counts["article"],
        opportunity=counts["opportunity"],
        reserve=counts["reserve"],
        project=counts["project"],
        programme=programme_count,
        charity=charity_count,
    )


# --- stock Material on the same pages -----------------------------------------------------------

# Front matter keys stock Material would act on differently: our page templates.
OUR_KEYS = ("template",)


def _area_markdown(area: dict) -> str:
    """An area page's facts as plain Markdown, for stock Material."""
    services = [area["police"], *area["fire"], *area["ambulance"], area["resilience"]]
    lines = [
        f"# {area['name']}",
        "",
        f"The {area['name']} police force area covers {', '.join(area['councils'])}.",
        "",
        *(f"- [{s['name']}]({s['url']})" for s in services),
        "",
        "Sources:",
        "",
        *(f"- [{s['title']}]({s['url']})" for s in area["sources"]),
    ]
    return "\n".join(lines) + "\n"


def stock_project(corpus: Path, dest: Path, every_page_in_nav: bool = False) -> int:
    """Stock Material for MkDocs with its own search plugin, the same theme settings and
    Markdown, none of our plugins or overrides. Sections are stub pages; items are kept out of
    the nav (as ACT does) unless `every_page_in_nav`. Returns the number of Markdown pages."""
    docs = dest / "docs"
    shutil.copytree(corpus / "content", docs)
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            yaml_text, body = _FRONT_MATTER.split(text)
            front = yaml.safe_load(yaml_text) or {}
            if any(key in front for key in OUR_KEYS):
                for key in OUR_KEYS:
                    front.pop(key, None)
                path.write_text(_dump(front, body.strip()), encoding="utf-8")
    config = yaml.safe_load((corpus / "mkdocs.yml").read_text(encoding="utf-8"))
    # The section pages ACT generates; stock Material gets a stub of each.
    sections = ("prepare", "volunteer", "reserves", "get-help", "areas", "projects", "programmes")
    for section in sections:
        stub = docs / section / "index.md"
        stub.parent.mkdir(exist_ok=True)
        if not stub.exists():
            stub.write_text(f"# {section.replace('-', ' ').capitalize()}\n", encoding="utf-8")
    # Projects are pages generated from data in ACT: here, the same words as Markdown.
    for project in yaml.safe_load((corpus / "data" / "showcase.yml").read_text()) or []:
        (docs / "projects" / f"{project['id']}.md").write_text(
            f"# {project['name']}\n\n{project['problem']}\n\n{project['what_it_does']}\n",
            encoding="utf-8",
        )
    # The area pages are generated from data/areas.yml in ACT: here, their facts as Markdown.
    areas_file = corpus / "data" / "areas.yml"
    for area in (yaml.safe_load(areas_file.read_text()) if areas_file.exists() else None) or []:
        (docs / "areas" / f"{area['id']}.md").write_text(_area_markdown(area), encoding="utf-8")
    (docs / "assets").mkdir(exist_ok=True)
    for asset in ("logo.svg", "favicon.svg"):
        shutil.copy(corpus / "overrides" / "assets" / asset, docs / "assets" / asset)
    # Without our overrides: no custom_dir, and no static templates that live there.
    theme = {
        k: v for k, v in config["theme"].items() if k not in ("custom_dir", "static_templates")
    }
    stock = {
        "site_name": config["site_name"],
        "site_description": config.get("site_description", ""),
        "site_url": config.get("site_url", ""),
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
        "extra": {"generator": False},
        "validation": {"nav": {"omitted_files": "info"}, "links": {"not_found": "info"}},
    }
    if not every_page_in_nav:
        stock["nav"] = config["nav"]
        # Items are not in the nav; say so, so MkDocs does not list each one.
        stock["not_in_nav"] = "\n".join(
            f"/{s}/*.md\n!/{s}/index.md"
            for s in ("prepare", "volunteer", "reserves", "areas", "projects")
        )
    (dest / "mkdocs.yml").write_text(
        yaml.safe_dump(stock, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return sum(1 for _ in docs.rglob("*.md"))

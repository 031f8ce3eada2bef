"""The web editor's forms are the schemas: the committed and the built configuration are what
the schemas generate, every field is a schema field, and what the schema requires the form
requires."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from act.cli import main
from act.content.checker import shown_path
from act.editor import config as editor
from act.editor.config import CONFIG_PATH, DATA_FILES, cms_config, cms_config_yaml
from act.schema import Choice, Field, Kind, ListOf, Record, TaxonomyTerm, Text
from act.taxonomies import load_taxonomies
from act.types import CONTENT_TYPES, article
from support import ROOT

REPOSITORY = "active-citizens-toolkit/act"
SITE_URL = "https://active-citizens-toolkit.netlify.app/"


def generated() -> str:
    taxonomies, _ = load_taxonomies(ROOT / "data", shown_path)
    return cms_config_yaml(cms_config(taxonomies.names(), REPOSITORY, site_url=SITE_URL))


def collections() -> dict[str, dict]:
    return {c["name"]: c for c in yaml.safe_load(generated())["collections"]}


def test_committed_config_matches_the_schemas():
    committed = (ROOT / CONFIG_PATH).read_text(encoding="utf-8")
    assert committed == generated(), (
        f"{CONFIG_PATH} is out of date with the schemas: run `make cms-config` and commit it"
    )


def test_the_built_editor_serves_the_same_configuration(edition_site):
    built = (edition_site / "admin" / "config.yml").read_text(encoding="utf-8")
    assert built == (ROOT / CONFIG_PATH).read_text(encoding="utf-8")


def test_act_cms_config_prints_it(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["cms-config"]) == 0
    assert capsys.readouterr().out == generated()


def test_a_new_schema_field_changes_the_configuration(monkeypatch):
    before = generated()
    grown = dataclasses.replace(
        article.ARTICLE, fields=[*article.ARTICLE.fields, Field("audience", Text(), doc="who")]
    )
    monkeypatch.setattr(article.Article, "schema", grown)
    after = generated()
    assert after != before and "name: audience" in after


def assert_form_follows(
    schema: Record, fields: list[dict], where: str, in_optional_group: bool = False
) -> None:
    """Field for field: the same names in the same order, required exactly when the schema
    requires it, nested alike. Inside an optional group (a reviewer) nothing is required by
    the form, which cannot leave a group out (see act.editor.config.widget)."""
    assert [f["name"] for f in fields] == [f.name for f in schema.fields], where
    for field, form in zip(schema.fields, fields, strict=True):
        here = f"{where}.{field.name}"
        assert form["required"] is (field.required and not in_optional_group), here
        kind = field.kind
        if isinstance(kind, Record):
            optional = in_optional_group or not field.required
            assert_form_follows(kind, form["fields"], here, optional)
        elif isinstance(kind, ListOf):
            assert form.get("min", 0) == kind.min_items, here
            if isinstance(kind.item, Record):
                assert_form_follows(kind.item, form["fields"], here)
            elif isinstance(kind.item, Choice | TaxonomyTerm):
                assert form["widget"] == "select" and form["multiple"] is True, here
        elif isinstance(kind, Choice):
            assert [o["value"] for o in form["options"]] == list(kind.values), here


def test_every_content_type_form_is_its_schema_plus_the_body():
    forms = collections()
    for entry_type in CONTENT_TYPES:
        form = forms[entry_type.kind]
        assert form["folder"] == f"content/{entry_type.section}"
        assert form["fields"][-1] == {**form["fields"][-1], "name": "body", "widget": "markdown"}
        assert_form_follows(entry_type.schema, form["fields"][:-1], entry_type.kind)


def test_every_data_file_form_is_its_schema():
    forms = collections()
    for name, (_, schema) in DATA_FILES.items():
        (file,) = forms[name]["files"]
        assert file["file"] == f"data/{name}.yml"
        (entries,) = file["fields"]
        assert entries["widget"] == "list"
        assert_form_follows(schema, entries["fields"], name)


def test_topics_and_regions_are_chosen_from_the_taxonomies():
    taxonomies, _ = load_taxonomies(ROOT / "data", shown_path)
    article = {f["name"]: f for f in collections()["article"]["fields"]}
    topics = [o["value"] for o in article["topics"]["options"]]
    assert topics == [t["id"] for t in taxonomies.topics]
    opportunity = {f["name"]: f for f in collections()["opportunity"]["fields"]}
    assert [o["value"] for o in opportunity["regions"]["options"]] == [
        r["id"] for r in taxonomies.regions
    ]


def test_dates_are_written_as_iso_dates_and_the_workflow_opens_pull_requests():
    config = yaml.safe_load(generated())
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and "local_backend" not in config
    published = {f["name"]: f for f in collections()["article"]["fields"]}["published"]
    # Our date widget (the browser's date input), not Decap's datetime, which turns a typed
    # "2026" into 1906-12-01; and never a date before the site.
    assert published["widget"] == "act-date" and "time" not in published
    assert published["min"] == "2020-01-01"


def test_only_the_local_configuration_talks_to_the_local_backend():
    taxonomies, _ = load_taxonomies(ROOT / "data", shown_path)
    local = cms_config(taxonomies.names(), REPOSITORY, local_backend="http://127.0.0.1:8081/api/v1")
    assert local["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}


def test_a_kind_without_a_widget_is_an_error_not_a_silent_text_box():
    class Colour(Kind):
        pass

    with pytest.raises(TypeError, match="colour"):
        editor.widget(Field("colour", Colour()), {})


def every_field(fields, collection):
    for field in fields:
        yield collection, field
        yield from every_field(field.get("fields", []), collection)
        if "field" in field:
            yield from every_field([field["field"]], collection)


def all_fields():
    for name, collection in collections().items():
        yield from every_field(collection.get("fields", []), name)
        for file in collection.get("files", []):
            yield from every_field(file["fields"], name)


def refused_by_form(spec: dict, value: str) -> bool:
    """What Decap does with a field's pattern: new RegExp(pattern).test(value)."""
    import re

    return re.search(spec["pattern"][0], value) is None


# Values `act check` refuses, for each kind of form field that has a pattern, and values it
# accepts. The form must refuse the first and accept the second.
BAD_LINKS = [
    "http://example.org",
    "www.example.org",
    "https://example",
    "https://exa mple.org",
    'https://example.org/"x"',
    "mailto:a@example.org?cc=b@example.org",
    "mailto:a@example.org?body=hello",
    "mailto:a@example.org?subject=Hi&body=x",
    "mailto:not-an-address",
    "tel:0800-CALL-NOW",
    "tel:12",
]
GOOD_LINKS = [
    "https://www.samaritans.org/",
    "mailto:volunteer@example.org",
    "mailto:volunteer@example.org?subject=Flood wardens",
    "tel:+44 116 123",
]


def test_the_form_refuses_every_link_the_check_refuses():
    from act.schema import Context, Url
    from act.yamlfile import parse_yaml

    apply_url = {f["name"]: f for f in collections()["opportunity"]["fields"]}["apply_url"]
    doc = parse_yaml("x: 1\n", "t.yml")[0]
    for value in BAD_LINKS:
        ctx = Context(doc, "t.yml")
        Url(also=("mailto", "tel")).check(value, ("x",), ctx)
        assert ctx.problems, f"act check accepts {value}"
        assert refused_by_form(apply_url, value), f"the form accepts {value}"
    for value in GOOD_LINKS:
        if value.split(":")[0] + ":" not in apply_url["pattern"][0].replace("\\", ""):
            continue  # a scheme this field does not take
        assert not refused_by_form(apply_url, value), f"the form refuses {value}"
    assert apply_url["pattern"][1].startswith("Write ")


def test_the_form_refuses_charity_numbers_and_over_long_summaries():
    fields = {(c, f["name"]): f for c, f in all_fields()}
    charity = [f for (c, n), f in fields.items() if c == "referrals" and n == "charity"][0]
    for value in ["12345", "SC12345", "NIC10000", "charity 219432", "0219432"]:
        assert refused_by_form(charity, value), value
    for value in ["219432", "SC012345", "NIC100002"]:
        assert not refused_by_form(charity, value), value
    summary = fields["article", "summary"]
    assert refused_by_form(summary, "x" * 161) and refused_by_form(summary, "   ")
    assert not refused_by_form(summary, "x" * 160)


def test_labels_and_hints_are_plain_english():
    for collection, field in all_fields():
        assert field["label"] not in ("Url", "Charitybase", "Github"), (collection, field)
        assert not field.get("hint", "").startswith("True"), (collection, field["hint"])
    article = {f["name"]: f for f in collections()["article"]["fields"]}
    assert article["draft"]["hint"].startswith("Yes: keeps it out")


def test_cross_field_rules_are_in_the_hints():
    event = {f["name"]: f for f in collections()["event"]["fields"]}
    assert "after the start" in event["end"]["hint"]
    assert "unless the event is online" in event["place"]["hint"]


def test_every_collection_has_a_preview_path():
    for name, collection in collections().items():
        assert collection.get("preview_path"), name
    assert collections()["article"]["preview_path"] == "prepare/{{slug}}/"

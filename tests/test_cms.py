"""The editor's configuration is generated from the schema and the vocabularies (cms.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import ROOT
from utmaningskatalogen import cms, schema
from utmaningskatalogen.schema import Field, Kind
from utmaningskatalogen.statuses import Status
from utmaningskatalogen.vocabulary import load_vocabularies

VOCABULARIES, _ = load_vocabularies(ROOT / "challenges", "challenges")
SETTINGS = cms.EditorSettings.from_catalogue(
    {"edit_url": "https://github.com/kommun/katalog/edit/main/", "cms": {"auth_url": "https://auth.example.org/"}})


def _challenge_fields(config: dict) -> list[dict]:
    collection = next(c for c in config["collections"] if c["name"] == "utmaningar")
    return collection["fields"]


def test_every_schema_field_is_in_the_form_in_schema_order_with_its_rules() -> None:
    fields = _challenge_fields(cms.editor_config(VOCABULARIES, SETTINGS))
    assert [f["name"] for f in fields] == [f.name for f in schema.CHALLENGE_FIELDS] + ["body"]

    def compare(field: Field, widget: dict) -> None:
        assert widget["name"] == field.name
        assert widget["required"] is field.required
        assert widget["hint"] == field.description
        if field.fields:
            assert [w["name"] for w in widget["fields"]] == [f.name for f in field.fields]
            for child, child_widget in zip(field.fields, widget["fields"], strict=True):
                compare(child, child_widget)
        if field.pattern and field.kind not in (Kind.SLUGS, Kind.CODES):
            assert widget["pattern"][0] == field.pattern
    for field, widget in zip(schema.CHALLENGE_FIELDS, fields, strict=False):  # the form adds the body last
        compare(field, widget)

    by_name = {f["name"]: f for f in fields}
    assert by_name["status"]["options"] == [{"label": s.label, "value": s.value} for s in Status]
    assert {"label": "Ystads kommun", "value": "ystad"} in by_name["municipalities"]["options"]
    assert by_name["municipalities"]["multiple"] is True and by_name["municipalities"]["min"] == 1
    assert by_name["areas"]["options"][0]["value"] in VOCABULARIES.areas
    assert by_name["deadline"]["widget"] == "datetime" and by_name["deadline"]["format"] == "YYYY-MM-DD"
    assert by_name["deadline"]["time_format"] is False
    assert by_name["contact"]["widget"] == "object" and by_name["events"]["widget"] == "list"
    assert by_name["cpv"]["field"]["pattern"][0] == schema.CPV_PATTERN
    assert by_name["sdgs"]["field"] == {"name": "value", "label": "Globala mål", "widget": "number",
                                        "value_type": "int", "min": 1, "max": 17}
    assert by_name["example"]["widget"] == "boolean"
    assert by_name["body"]["widget"] == "markdown"


def test_a_new_field_in_the_schema_appears_in_the_form_with_no_other_change(monkeypatch: pytest.MonkeyPatch) -> None:
    new = Field("budget_note", Kind.TEXT, "Hur budgeten är tänkt.", "Delas lika", max_length=200)
    monkeypatch.setattr(schema, "CHALLENGE_FIELDS", (*schema.CHALLENGE_FIELDS, new))
    fields = _challenge_fields(cms.editor_config(VOCABULARIES, SETTINGS))
    assert fields[-2] == {"name": "budget_note", "label": "budget_note", "hint": "Hur budgeten är tänkt.",
                          "widget": "text", "required": False}


def test_the_guide_collection_and_the_publishing_settings() -> None:
    config = cms.editor_config(VOCABULARIES, SETTINGS)
    guide = next(c for c in config["collections"] if c["name"] == "guiden")
    assert guide["label"] == "Guiden" and guide["folder"] == "docs"
    assert [f["name"] for f in guide["fields"]] == ["title", "description", "body"]
    assert config["locale"] == "sv"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == "kommun/katalog" and config["backend"]["branch"] == "main"
    assert config["backend"]["base_url"] == "https://auth.example.org"
    assert config["local_backend"]["url"] == "http://127.0.0.1:8081/api/v1"
    assert "secret" not in yaml.safe_dump(config).lower()


def test_the_admin_page_is_noindex_with_its_own_policy() -> None:
    page = cms.admin_page()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "default-src &#x27;none&#x27;" in page
    assert "<script src=\"decap-cms.js\"></script>" in page and "<script>" not in page
    policy = cms.content_security_policy()
    assert "frame-src" not in policy and "object-src 'none'" in policy


def test_without_the_bundle_admin_is_skipped_with_a_reason(tmp_path: Path) -> None:
    message = cms.write_admin(tmp_path, VOCABULARIES, {}, node_modules=tmp_path / "node_modules")
    assert "hoppas över" in message and "npm ci" in message
    assert not (tmp_path / "admin").exists()


def test_write_admin_copies_the_bundle_and_writes_the_config(tmp_path: Path) -> None:
    dist = tmp_path / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    for name in ("decap-cms.js", "103.decap-cms.js", "103.cms.js", "decap-cms.js.map", "ab12.wasm"):
        (dist / name).write_text("x", encoding="utf-8")
    site = tmp_path / "site"
    cms.write_admin(site, VOCABULARIES, {"edit_url": "https://github.com/a/b/edit/main/"},
                    node_modules=tmp_path / "node_modules")
    assert sorted(p.name for p in (site / "admin").iterdir()) == [
        "103.decap-cms.js", "ab12.wasm", "config.yml", "decap-cms.js", "index.html"]
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "a/b"

"""/challenges.schema.json: the JSON Schema of /challenges.json, derived from the one schema.

Types, lengths, patterns, ranges, required fields and the statuses that require a field all
come from `schema.CHALLENGE_FIELDS`, the same source validation uses; only the fields the
export adds (slug, url, status_label, …) are described here.
"""

from __future__ import annotations

from typing import Any

from .. import paths
from ..changelog import BODY
from ..publication import LICENCE_URL, Publication
from ..schema import CHALLENGE_FIELDS, SLUG_PATTERN, Field, Kind
from ..statuses import Status
from ..vocabulary import Vocabularies
from .json_export import SCHEMA_VERSION
from .safe_json import file_bytes

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_NOT_NULL = {"not": {"type": "null"}}
_DATE_TIME = {"type": "string", "format": "date-time"}
_UPDATED = ("Senaste ändring: det senare av fältet updated i filen och den senaste ändringen i "
            "versionshistoriken, eller null om ingen av dem finns.")
# A change names a field of the file, or 'body' for the text.
_CHANGED_FIELDS = [f.name for f in CHALLENGE_FIELDS] + [BODY]
# What the export adds to the fields of the file.
_ADDED = {
    "slug": {"type": "string", "pattern": SLUG_PATTERN,
             "description": "Utmaningens identitet: filnamnet utan .md och sista delen av adressen."},
    "url": {"type": "string", "format": "uri", "description": "Utmaningens sida på webbplatsen."},
    "status_label": {"type": "string", "enum": [s.label for s in Status if s.is_public],
                     "description": "Statusen som den visas på svenska."},
    "open_for_responses": {"type": "boolean", "description": "Om det går att svara i dag: status "
                           "Marknadsdialog eller Upphandling och sista svarsdag inte passerad."},
    "body": {"type": "string", "description": "Beskrivningen av utmaningen, i Markdown."},
    "changes": {"type": "array", "description": "Ändringshistoriken sedan publiceringen, nyaste först (tom utan "
                "versionshistorik). Samma lista som på utmaningens sida.",
                "items": {"type": "object", "additionalProperties": False,
                          "required": ["date", "message", "changes", "notable"],
                          "properties": {
                              "date": _DATE,
                              "message": {"type": ["string", "null"], "description": "Kommentaren som "
                                          "redaktionen skrev till ändringen, eller null."},
                              "changes": {"type": "array", "minItems": 1, "description": "Vad som ändrades, "
                                          "fält för fält, på svenska.",
                                          "items": {"type": "object", "additionalProperties": False,
                                                    "required": ["field", "text"],
                                                    "properties": {
                                                        "field": {"type": "string", "enum": _CHANGED_FIELDS},
                                                        "text": {"type": "string"}}}},
                              "notable": {"type": "boolean", "description": "Om ändringen gäller sista "
                                          "svarsdag, status eller ett svar och visas överst på sidan."}}}},
}


def export_schema(publication: Publication) -> dict[str, Any]:
    vocabularies = publication.catalogue.vocabularies
    challenge = _object(CHALLENGE_FIELDS, vocabularies)
    challenge["properties"] = {"slug": _ADDED["slug"], "url": _ADDED["url"], **challenge["properties"]}
    challenge["properties"]["updated"] = {"type": ["string", "null"], "format": "date",
                                          "pattern": _DATE["pattern"], "description": _UPDATED}
    challenge["properties"].update({name: spec for name, spec in _ADDED.items() if name not in ("slug", "url")})
    challenge["required"] = list(challenge["properties"])
    challenge["allOf"] = _required_for(CHALLENGE_FIELDS)
    return {
        "$schema": DRAFT,
        "$id": publication.url(paths.JSON_SCHEMA),
        "title": "Utmaningskatalogen: utmaningar som öppna data",
        "description": f"Schemat för challenges.json, version {SCHEMA_VERSION}. Data under CC0 1.0 ({LICENCE_URL}).",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "generated", "licence", "source", "count", "municipalities", "areas",
                     "challenges"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "generated": {**_DATE_TIME, "description": "När filen skapades."},
            "licence": {"type": "object", "required": ["name", "url"],
                        "properties": {"name": {"const": "CC0 1.0"}, "url": {"const": LICENCE_URL}}},
            "source": {"type": "string", "format": "uri", "description": "Webbplatsen som filen hör till."},
            "count": {"type": "integer", "minimum": 0, "description": "Antalet publicerade utmaningar."},
            "municipalities": _vocabulary(vocabularies.keys("municipalities"), ("name", "website")),
            "areas": _vocabulary(vocabularies.keys("areas"), ("name",)),
            "challenges": {"type": "array", "items": {"$ref": "#/$defs/challenge"}},
        },
        "$defs": {"challenge": challenge},
    }


def render(publication: Publication) -> bytes:
    return file_bytes(export_schema(publication), indent=1)


def _object(fields: tuple[Field, ...], vocabularies: Vocabularies) -> dict[str, Any]:
    """An object with every field present; a field the file may leave out is null (or [])."""
    return {"type": "object", "additionalProperties": False, "required": [f.name for f in fields],
            "properties": {f.name: _field(f, vocabularies) for f in fields}}


def _field(spec: Field, vocabularies: Vocabularies) -> dict[str, Any]:
    schema = {"description": spec.description, **_shape(spec, vocabularies)}
    if spec.kind is Kind.KEYS and spec.required:
        schema["minItems"] = 1
    if not spec.required and not spec.kind.is_list and spec.kind is not Kind.BOOLEAN:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _shape(spec: Field, vocabularies: Vocabularies) -> dict[str, Any]:
    """The JSON Schema of a non-null value of the field."""
    if spec.kind is Kind.MAPPING:
        return _object(spec.fields, vocabularies)
    if spec.kind is Kind.MAPPINGS:
        return {"type": "array", "items": _object(spec.fields, vocabularies)}
    if spec.kind is Kind.KEYS:
        return {"type": "array", "items": {"type": "string", "enum": vocabularies.keys(spec.vocabulary or "")}}
    if spec.kind is Kind.KEY:
        return {"type": "string", "enum": vocabularies.keys(spec.vocabulary or "")}
    if spec.kind is Kind.CHOICES:
        return {"type": "array", "uniqueItems": True, "items": {"type": "string", "enum": [c for c, _ in spec.choices]}}
    if spec.kind in (Kind.SLUGS, Kind.CODES):
        return {"type": "array", "items": {"type": "string", "pattern": spec.pattern}}
    if spec.kind is Kind.INTEGERS:
        return {"type": "array", "items": _number(spec)}
    if spec.kind is Kind.INTEGER:
        return _number(spec)
    if spec.kind is Kind.BOOLEAN:
        return {"type": "boolean"}
    if spec.kind is Kind.STATUS:
        return {"type": "string", "enum": [s.value for s in Status if s.is_public]}
    if spec.kind is Kind.DATE:
        return dict(_DATE)
    text: dict[str, Any] = {"type": "string"}
    if spec.kind is Kind.URL:
        text.update(format="uri", pattern="^https://")
    if spec.kind is Kind.EMAIL:
        text["format"] = "email"
    if spec.max_length:
        text["maxLength"] = spec.max_length
    if spec.pattern:
        text["pattern"] = spec.pattern
    return text


def _number(spec: Field) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "integer"}
    if spec.minimum is not None:
        number["minimum"] = spec.minimum
    if spec.maximum is not None:
        number["maximum"] = spec.maximum
    return number


def _required_for(fields: tuple[Field, ...]) -> list[dict[str, Any]]:
    """'deadline is required for dialogue and tender' as JSON Schema conditions, nested groups too."""
    conditions = []
    for spec in fields:
        for child in spec.fields:
            if child.required_for:
                # The group itself is then required too: tender needs notice_url, with or without procurement.
                then = {"required": [spec.name], "properties": {spec.name: {
                    "type": "object", "required": [child.name], "properties": {child.name: _NOT_NULL}}}}
                conditions.append(_when(child.required_for, then))
        if spec.required_for:
            conditions.append(_when(spec.required_for, {"properties": {spec.name: _NOT_NULL}}, spec.unless))
    return conditions


def _when(statuses: frozenset[Status], then: dict[str, Any], unless: str | None = None) -> dict[str, Any]:
    """If the status is one of `statuses` (and the boolean `unless` is not true), then `then`."""
    condition: dict[str, Any] = {"status": {"enum": sorted(s.value for s in statuses)}}
    if unless:
        condition[unless] = {"const": False}
    return {"if": {"properties": condition}, "then": then}


def _vocabulary(keys: list[str], fields: tuple[str, ...]) -> dict[str, Any]:
    entry = {"type": "object", "required": list(fields),
             "properties": {name: {"type": "string"} for name in fields}}
    return {"type": "object", "additionalProperties": False,
            "properties": {key: entry for key in keys}}

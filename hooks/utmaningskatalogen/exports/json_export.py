"""/challenges.json: every published challenge with all its public fields.

The record of a challenge follows `schema.CHALLENGE_FIELDS`, so a new field in the schema is
exported (and described in /challenges.schema.json) without touching this module. Every field
is always present: a value left out of the file is null, or [] for a list.
"""

from __future__ import annotations

from typing import Any

from ..model import Challenge
from ..publication import LICENCE_NAME, LICENCE_URL, Publication
from ..schema import CHALLENGE_FIELDS, Field, Kind
from .safe_json import file_bytes

# Raise the major number when a field is renamed or removed, the minor one when one is added.
SCHEMA_VERSION = "1.2"


def challenges_document(publication: Publication) -> dict[str, Any]:
    vocabularies = publication.catalogue.vocabularies
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": publication.generated.isoformat(),
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "source": publication.site_url,
        "count": len(publication.challenges),
        "municipalities": {key: {"name": m.name, "website": m.website}
                           for key, m in vocabularies.municipalities.items()},
        "areas": {key: {"name": a.name} for key, a in vocabularies.areas.items()},
        "challenges": [challenge_record(publication, c) for c in publication.challenges],
    }


def challenge_record(publication: Publication, challenge: Challenge) -> dict[str, Any]:
    record: dict[str, Any] = {"slug": challenge.slug, "url": publication.page_url(challenge)}
    for spec in CHALLENGE_FIELDS:
        record[spec.name] = _value(spec, getattr(challenge, spec.name))
    updated = publication.updated(challenge)
    record.update(
        related=list(publication.related(challenge)),
        updated=updated.isoformat() if updated else None,
        status_label=challenge.status.label,
        open_for_responses=challenge.is_open(publication.catalogue.today),
        body=challenge.body.strip(),
        changes=[{"date": entry.day.isoformat(), "message": entry.message,
                  "changes": [{"field": change.field, "text": change.text} for change in entry.changes],
                  "notable": bool(entry.notable_changes)}
                 for entry in publication.changes(challenge)],
    )
    return record


def render(publication: Publication) -> bytes:
    return file_bytes(challenges_document(publication))


def _value(spec: Field, value: Any) -> Any:
    if value is None:
        return [] if spec.kind.is_list else None
    if spec.kind is Kind.MAPPING:
        return _mapping(spec, value)
    if spec.kind is Kind.MAPPINGS:
        return [_mapping(spec, item) for item in value]
    if spec.kind.is_list:
        return list(value)
    if spec.kind is Kind.DATE:
        return value.isoformat()
    if spec.kind is Kind.STATUS:
        return value.value
    return value


def _mapping(spec: Field, value: Any) -> dict[str, Any]:
    return {child.name: _value(child, getattr(value, child.name)) for child in spec.fields}

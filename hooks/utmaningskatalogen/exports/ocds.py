"""/ocds.json: an Open Contracting Data Standard 1.1 release package.

One release per published challenge, `ocid` = the plugin's `ocid_prefix` setting + the slug.
A need or a market dialogue is tagged `planning`; a tender and what follows it `tender`.
Municipalities are buyers (the first one is `buyer`), the contact is the `processContactPoint`,
CPV codes classify the items, and meetings are `engagement` milestones. An example says so in
`tender.title` ("Exempel: …") and first in `tender.description` and `planning.rationale`: core
fields, so the package stays valid without an extension.

"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from .. import paths
from ..dates import STOCKHOLM
from ..model import Challenge
from ..publication import LICENCE_URL, Publication
from ..statuses import Status
from .safe_json import file_bytes

OCDS_VERSION = "1.1"
# How far each status has come, as OCDS release tags and tender statuses.
_TAG = {Status.NEED: "planning", Status.DIALOGUE: "planning", Status.TENDER: "tender",
        Status.IN_PROGRESS: "tender", Status.COMPLETED: "tender", Status.CANCELLED: "tender"}
_TENDER_STATUS = {Status.NEED: "planning", Status.DIALOGUE: "planning", Status.TENDER: "active",
                  Status.IN_PROGRESS: "complete", Status.COMPLETED: "complete", Status.CANCELLED: "cancelled"}
CONTACT_PARTY = "kontaktperson"


def release_package(publication: Publication) -> dict[str, Any]:
    return {
        "uri": publication.url(paths.OCDS),
        "version": OCDS_VERSION,
        "publishedDate": publication.generated.isoformat(),
        "publisher": {"name": publication.site_name, "uri": publication.site_url},
        "license": LICENCE_URL,
        "publicationPolicy": publication.url("om-katalogen/"),
        "releases": [release(publication, c) for c in publication.challenges],
    }


def release(publication: Publication, challenge: Challenge) -> dict[str, Any]:
    ocid = f"{publication.ocid_prefix}-{challenge.slug}"
    updated_at = publication.updated_at(challenge)
    tag = _TAG[challenge.status]
    municipalities = publication.catalogue.vocabularies.municipalities
    parties = [{"id": key, "name": municipalities[key].name, "roles": ["buyer"],
                "details": {"url": municipalities[key].website}} for key in challenge.municipalities]
    contact = challenge.contact
    parties.append({"id": CONTACT_PARTY, "name": contact.name, "roles": ["processContactPoint"],
                    "contactPoint": _without_none(name=contact.name, email=contact.email,
                                                  telephone=contact.phone)})
    first = challenge.municipalities[0]
    return {
        "ocid": ocid,
        "id": f"{ocid}-{updated_at:%Y%m%dT%H%M%S}",
        "date": updated_at.isoformat(),
        "tag": [tag],
        "initiationType": "tender",
        "language": "sv",
        "parties": parties,
        "buyer": {"id": first, "name": municipalities[first].name},
        "planning": _without_none(rationale=_described(challenge), milestones=_milestones(publication, challenge)),
        "tender": _tender(publication, challenge, ocid),
    }


def render(publication: Publication) -> bytes:
    return file_bytes(release_package(publication))


def _tender(publication: Publication, challenge: Challenge, ocid: str) -> dict[str, Any]:
    procurement = challenge.procurement
    tender: dict[str, Any] = {
        "id": (procurement and procurement.reference) or ocid,
        "title": challenge.marked(challenge.title),
        "description": _described(challenge),
        "status": _TENDER_STATUS[challenge.status],
        "items": [{"id": str(number), "description": challenge.title,
                   "classification": {"scheme": "CPV", "id": code}}
                  for number, code in enumerate(challenge.cpv, start=1)],
    }
    if procurement and procurement.procedure:
        tender["procurementMethodDetails"] = procurement.procedure
    if procurement and procurement.estimated_value_sek is not None:
        tender["value"] = {"amount": procurement.estimated_value_sek, "currency": "SEK"}
    if challenge.status is Status.TENDER and challenge.deadline:
        tender["tenderPeriod"] = {"endDate": _end_of(challenge)}
    documents = [{"id": "annons", "documentType": "tenderNotice", "title": "Annons i annonsdatabasen",
                  "url": procurement.notice_url}] if procurement and procurement.notice_url else []
    documents += [{"id": f"dokument-{number}", "title": d.title, "url": d.url}
                  for number, d in enumerate(challenge.documents, start=1)]
    if documents:
        tender["documents"] = documents
    return tender


def _milestones(publication: Publication, challenge: Challenge) -> list[dict[str, Any]] | None:
    """Meetings as engagement milestones; a market dialogue's deadline as the last one."""
    today = publication.catalogue.today
    milestones = []
    for number, event in enumerate(challenge.events, start=1):
        start = time.fromisoformat(event.time) if event.time else time(0)
        milestones.append(_without_none(
            id=f"mote-{number}", title=event.title, type="engagement", description=event.location,
            dueDate=datetime.combine(event.date, start, STOCKHOLM).isoformat(),
            status="scheduled" if event.date >= today else None))
    if challenge.status is Status.DIALOGUE and challenge.deadline:
        milestones.append(_without_none(
            id="sista-svarsdag", title="Sista dag att svara i marknadsdialogen", type="engagement",
            dueDate=_end_of(challenge), status="scheduled" if challenge.deadline >= today else None))
    return milestones or None


def _described(challenge: Challenge) -> str:
    """The summary; an example says so first, in a field every OCDS reader shows."""
    return f"{challenge.example_notice} {challenge.summary}" if challenge.example_notice else challenge.summary


def _end_of(challenge: Challenge) -> str:
    """A deadline is the whole day in Sweden: its last second."""
    return datetime.combine(challenge.deadline, time(23, 59, 59), STOCKHOLM).isoformat()  # type: ignore[arg-type]


def _without_none(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}

"""/ocds.json: an Open Contracting Data Standard 1.1 release package.

One release per published challenge, `ocid` = the plugin's `ocid_prefix` setting + the slug,
using only core fields and codes of OCDS 1.1.5's codelists (no extension), so the package
validates offline against the 1.1.5 schema and its codelists (tests run libcoveocds):

- **Tags follow the stage**: a need or a market dialogue is `planning`, or `planningUpdate` once
  it has changed since it entered that stage; a tender and what follows it (`in_progress`,
  `completed`) is `tender`, or `tenderUpdate` once it has changed since it became a tender (the
  change history of `changelog.py`, as on the page); a cancelled challenge is `tenderCancellation`.
- **One buyer**: the leading municipality (`lead_municipality`), else the first one listed, has
  the roles `buyer` and `procuringEntity` and is `buyer` and `tender.procuringEntity`; the other
  municipalities carry out the procurement with it (`procuringEntity`); co-funders are `funder`.
  The contact is the buyer's `contactPoint` (1.1.5 has no role for a contact person).
- **Times**: a date without a time is the whole day in Sweden, so a deadline, a meeting or a
  step of the timeline without a time is due at its last second (23:59:59); a deadline time or
  a meeting's time is used as given, with the offset of Stockholm on that day.
- An example says so in `tender.title` ("Exempel: …") and first in `tender.description` and
  `planning.rationale`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from .. import paths
from ..changelog import HistoryEntry
from ..dates import STOCKHOLM
from ..formats import in_words, kronor
from ..model import Challenge
from ..publication import LICENCE_URL, Publication
from ..schema import LANGUAGE_NAMES
from ..statuses import Status
from .common import phase_text
from .safe_json import file_bytes

OCDS_VERSION = "1.1"
PLANNING, TENDER = ("planning", "planningUpdate"), ("tender", "tenderUpdate")
# Which stage of a contracting process each status is in: its release tag, then the tag of an update.
_STAGE = {Status.NEED: PLANNING, Status.DIALOGUE: PLANNING, Status.TENDER: TENDER,
          Status.IN_PROGRESS: TENDER, Status.COMPLETED: TENDER}
CANCELLATION = "tenderCancellation"
_TENDER_STATUS = {Status.NEED: "planning", Status.DIALOGUE: "planning", Status.TENDER: "active",
                  Status.IN_PROGRESS: "complete", Status.COMPLETED: "complete", Status.CANCELLED: "cancelled"}
_END_OF_DAY = time(23, 59, 59)


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
    municipalities = publication.catalogue.vocabularies.municipalities
    buyer = {"id": challenge.buyer, "name": municipalities[challenge.buyer].name}
    planning_stage = _STAGE.get(challenge.status) is PLANNING
    phases = _phases(publication, challenge, "preProcurement" if planning_stage else None)
    planning = _without_none(rationale=_described(challenge), budget=_budget(challenge),
                             milestones=_milestones(publication, challenge) + (phases if planning_stage else []))
    return {
        "ocid": ocid,
        "id": f"{ocid}-{updated_at:%Y%m%dT%H%M%S}",
        "date": updated_at.isoformat(),
        "tag": [release_tag(challenge, publication.changes(challenge))],
        "initiationType": "tender",
        "language": "sv",
        "parties": _parties(publication, challenge),
        "buyer": buyer,
        "planning": {key: value for key, value in planning.items() if value},
        "tender": _tender(challenge, ocid, buyer, [] if planning_stage else phases),
    }


def release_tag(challenge: Challenge, changes: Sequence[HistoryEntry]) -> str:
    """The stage's tag, or its update's once a listed change came after the challenge entered the stage."""
    stage = _STAGE.get(challenge.status)
    if stage is None:
        return CANCELLATION
    in_stage = 0
    for entry in changes:  # newest first
        if entry.status is None or _STAGE.get(entry.status) is not stage:
            break
        in_stage += 1
    return stage[1] if in_stage > 1 else stage[0]


def render(publication: Publication) -> bytes:
    return file_bytes(release_package(publication))


def _parties(publication: Publication, challenge: Challenge) -> list[dict[str, Any]]:
    municipalities = publication.catalogue.vocabularies.municipalities
    contact = challenge.contact
    parties = []
    for key in challenge.municipalities:
        website = municipalities[key].website
        if key == challenge.buyer:
            party = {"id": key, "name": municipalities[key].name, "roles": ["buyer", "procuringEntity"],
                     "contactPoint": _without_none(name=contact.name, email=contact.email, telephone=contact.phone,
                                                   url=website)}
        else:
            party = {"id": key, "name": municipalities[key].name, "roles": ["procuringEntity"],
                     "contactPoint": {"url": website}}
        parties.append(party)
    parties += [{"id": f"medfinansiar-{number}", "name": funding.funder, "roles": ["funder"]}
                for number, funding in enumerate(challenge.co_funding, start=1)]
    return parties


def _tender(challenge: Challenge, ocid: str, buyer: dict[str, str], phases: list[dict[str, Any]]) -> dict[str, Any]:
    procurement = challenge.procurement
    tender: dict[str, Any] = {
        "id": (procurement and procurement.reference) or ocid,
        "title": challenge.marked(challenge.title),
        "description": _described(challenge),
        "status": _TENDER_STATUS[challenge.status],
        "procuringEntity": buyer,
    }
    if challenge.cpv:  # an empty list is a finding for the Data Review Tool
        tender["items"] = [{"id": str(number), "description": challenge.title,
                            "classification": {"scheme": "CPV", "id": code}}
                           for number, code in enumerate(challenge.cpv, start=1)]
    if procurement and procurement.procedure:
        tender["procurementMethodDetails"] = procurement.procedure
    if procurement and procurement.estimated_value_sek is not None:
        tender["value"] = {"amount": procurement.estimated_value_sek, "currency": "SEK"}
    if challenge.evaluation:
        tender["awardCriteriaDetails"] = challenge.evaluation
    if challenge.response_languages:
        names = in_words([LANGUAGE_NAMES[code] for code in challenge.response_languages])
        tender["submissionMethodDetails"] = f"Svar tas emot på {names}."
    if challenge.status is Status.TENDER and challenge.deadline:
        tender["tenderPeriod"] = {"endDate": _moment(challenge.deadline, challenge.deadline_time)}
    # Responses to a formal tender (one with a notice) are its bids; a dialogue's answers are not.
    if challenge.responses_received is not None and procurement and procurement.notice_url:
        tender["numberOfTenderers"] = challenge.responses_received
    documents = [{"id": "annons", "documentType": "tenderNotice", "title": "Annons i annonsdatabasen",
                  "url": procurement.notice_url}] if procurement and procurement.notice_url else []
    documents += [{"id": f"dokument-{number}", "title": d.title, "url": d.url}
                  for number, d in enumerate(challenge.documents, start=1)]
    if documents:
        tender["documents"] = documents
    if phases:
        tender["milestones"] = phases
    return tender


def _milestones(publication: Publication, challenge: Challenge) -> list[dict[str, Any]]:
    """Meetings as engagement milestones; a market dialogue's deadline as the last one."""
    today = publication.catalogue.today
    milestones = []
    for number, event in enumerate(challenge.events, start=1):
        milestones.append(_without_none(
            id=f"mote-{number}", title=event.title, type="engagement", description=event.location,
            dueDate=_moment(event.date, event.time), status="scheduled" if event.date >= today else None))
    if challenge.status is Status.DIALOGUE and challenge.deadline:
        milestones.append(_without_none(
            id="sista-svarsdag", title="Sista dag att svara i marknadsdialogen", type="engagement",
            dueDate=_moment(challenge.deadline, challenge.deadline_time),
            status="scheduled" if challenge.deadline >= today else None))
    return milestones


def _phases(publication: Publication, challenge: Challenge, kind: str | None) -> list[dict[str, Any]]:
    """The timeline's steps, due at the end of their last day. Before a tender they are pre-procurement
    milestones; in and after it, a step that chooses suppliers is an assessment, others delivery."""
    today = publication.catalogue.today
    return [_without_none(
        id=f"steg-{number}", title=phase.title,
        type=kind or ("assessment" if phase.suppliers_to_choose is not None else "delivery"),
        description=phase_text(phase), dueDate=_moment(phase.last_day, None),
        status="scheduled" if phase.last_day >= today else None)
        for number, phase in enumerate(challenge.phases, start=1)]


def _budget(challenge: Challenge) -> dict[str, str] | None:
    """Co-funding, in words: its amounts are part of the budget, not all of it."""
    if not challenge.co_funding:
        return None
    parts = [f.funder + (f", {kronor(f.amount_sek)}" if f.amount_sek is not None else "")
             + (f" ({f.description})" if f.description else "") for f in challenge.co_funding]
    return {"description": "Medfinansiering: " + "; ".join(parts) + "."}


def _described(challenge: Challenge) -> str:
    """The summary; an example says so first, in a field every OCDS reader shows."""
    return f"{challenge.example_notice} {challenge.summary}" if challenge.example_notice else challenge.summary


def _moment(day: date, clock: str | None) -> str:
    """A moment in Sweden: at `clock` (HH:MM), or the last second of a day given without a time."""
    return datetime.combine(day, time.fromisoformat(clock) if clock else _END_OF_DAY, STOCKHOLM).isoformat()


def _without_none(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}

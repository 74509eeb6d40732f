"""schema.org structured data for a challenge page, as JSON-LD.

Only types and properties that schema.org defines for them (tests/test_structured_data.py
checks every page against a pinned copy of the vocabulary):

- the page is a `WebPage` (language, dates) whose `mainEntity` is the challenge;
- the challenge is a `Demand`, valid from its publication to its deadline; what is sought is a
  `Service` classified by its CPV codes (`category` is defined on Service, not on Demand);
- each municipality is a `GovernmentOrganization` that `seeks` the Demand (schema.org's
  property from an organisation to its demand; `offeredBy` belongs to Offer);
- each meeting is an `Event` about the Demand, organised by the municipalities, with its
  `eventStatus`, and held at a `Place` or, online, a `VirtualLocation`.

The JSON goes inside a <script> element, so every '<', '>' and '&' is written as a \\u escape: no
value from front matter can end the element early.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from .. import paths
from ..dates import STOCKHOLM
from ..model import Challenge, Event
from ..publication import Publication
from ..statuses import Status
from .safe_json import dumps

SCHEMA = "https://schema.org/"


def challenge_json_ld(publication: Publication, challenge: Challenge) -> str:
    """The JSON-LD of a published challenge, safe to put between <script> tags."""
    return dumps(structured_data(publication, challenge))


def structured_data(publication: Publication, challenge: Challenge) -> dict[str, Any]:
    url = publication.page_url(challenge)
    demand_id = {"@id": url + "#utmaning"}
    municipalities = publication.catalogue.vocabularies.municipalities
    organizers = [{"@id": publication.url(paths.organisation(key))} for key in challenge.municipalities]
    organisations = [{"@type": "GovernmentOrganization", **organizer, "name": municipalities[key].name,
                      "url": municipalities[key].website, "seeks": demand_id}
                     for key, organizer in zip(challenge.municipalities, organizers, strict=True)]
    page: dict[str, Any] = {"@type": "WebPage", "@id": url, "url": url, "name": challenge.marked(challenge.title),
                            "inLanguage": "sv", "datePublished": challenge.published.isoformat(),
                            "mainEntity": demand_id}
    updated = publication.updated(challenge)
    if updated:
        page["dateModified"] = updated.isoformat()
    demand: dict[str, Any] = {
        "@type": "Demand", **demand_id, "name": challenge.marked(challenge.title),
        "description": challenge.marked(challenge.summary), "url": url, "identifier": challenge.slug,
        "validFrom": challenge.published.isoformat(),
    }
    if challenge.deadline:  # with its time when the file gives one
        demand["validThrough"] = _moment(challenge.deadline, challenge.deadline_time)
    if challenge.cpv:
        demand["itemOffered"] = {"@type": "Service", "name": challenge.marked(challenge.title),
                                 "category": [f"CPV {code}" for code in challenge.cpv]}
    events = [_event(publication, challenge, event, url, organizers) for event in challenge.events]
    return {"@context": "https://schema.org", "@graph": [page, demand, *organisations, *events]}


def _event(publication: Publication, challenge: Challenge, event: Event, url: str,
           organizers: list[dict[str, str]]) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Event", "name": event.title, "startDate": _moment(event.date, event.time),
                            "eventStatus": SCHEMA + _status(challenge, event, publication),
                            "about": {"@id": url + "#utmaning"}, "organizer": organizers,
                            "url": event.url or url, "inLanguage": "sv"}
    if event.end_time:
        data["endDate"] = _moment(event.date, event.end_time)
    if event.location and event.online:
        data["eventAttendanceMode"] = SCHEMA + "OnlineEventAttendanceMode"
        data["location"] = {"@type": "VirtualLocation", "name": event.location}
        if event.url:
            data["location"]["url"] = event.url
    elif event.location:
        data["eventAttendanceMode"] = SCHEMA + "OfflineEventAttendanceMode"
        data["location"] = {"@type": "Place", "name": event.location}
    return data


def _status(challenge: Challenge, event: Event, publication: Publication) -> str:
    """A meeting still ahead of a cancelled challenge will not take place; any other is as scheduled
    (schema.org: "taking place or has taken place on the startDate as scheduled")."""
    if challenge.status is Status.CANCELLED and event.date >= publication.catalogue.today:
        return "EventCancelled"
    return "EventScheduled"


def _moment(day: date, clock: str | None) -> str:
    if clock is None:
        return day.isoformat()
    return datetime.combine(day, time.fromisoformat(clock), STOCKHOLM).isoformat()

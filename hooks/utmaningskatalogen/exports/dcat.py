"""/katalog.rdf: the open data described in DCAT-AP-SE 3.0, for Sweden's data portal.

dataportal.se harvests a catalogue from one address as RDF/XML, with absolute IRIs and no blank
nodes for the catalogue, datasets, distributions and publishers (DIGG's harvesting rules,
github.com/diggsweden/DCAT-AP-SE, docs/harvesting.md). So every node here has its own IRI: the
catalogue is the file's own address (a municipality's catalogue can load it from there as a
sub-catalogue), datasets and distributions are fragments of it.

- One dataset of all published challenges (JSON, CSV, OCDS, Atom and iCalendar), published by
  the first municipality in the vocabulary, which also publishes the catalogue.
- One dataset per municipality (its own feed and calendar), published by that municipality.
- Each municipality is a `foaf:Organization` of type LocalAuthority. With an organisation number
  its IRI is the one the portal recommends, http://dataportal.se/organisation/SE<number>, so the
  portal merges it with the municipality's other data; without one, an IRI under the site.

The mandatory properties of DCAT-AP-SE 3.0.1 are all here (tests/test_dcat.py checks them), with
the recommended ones the catalogue can state truthfully. Formats are IANA media types in
`dcterms:format`, as the Swedish profile asks (it leaves out `dcat:mediaType`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .. import paths
from ..model import Challenge
from ..publication import Publication
from ..vocabulary import Municipality

NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
}
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
# CC0 written as DCAT-AP-SE requires it (http, trailing slash): for the metadata and the data.
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
EU = "http://publications.europa.eu/resource/authority/"
SWEDISH = EU + "language/SWE"
THEMES = EU + "data-theme"
THEME = THEMES + "/GOVE"  # Government and public sector
PUBLIC = EU + "access-right/PUBLIC"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
PORTAL_ORGANISATION = "http://dataportal.se/organisation/SE"
# The schema ocds.json is tested against (tests/data/ocds-1.1.5).
OCDS_SCHEMA = "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"
# Keywords in the singular and lower case (DCAT-AP-SE's recommendation 10), with the names of the
# areas the dataset's challenges are in.
KEYWORDS = ("innovationsupphandling", "upphandling", "utmaning")


@dataclass(frozen=True)
class Distribution:
    name: str  # the last part of its IRI
    title: str
    description: str
    path: str  # relative to the site root
    media_type: str
    schema: str = ""  # an absolute IRI of the schema it conforms to


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    publisher: str  # a municipality's key
    page: str  # its landing page, relative to the site root
    challenges: Sequence[Challenge]
    distributions: Sequence[Distribution]


def feed_and_calendar(folder: str, whose: str) -> tuple[Distribution, Distribution]:
    return (Distribution("atom", "Nyhetsflöde (Atom)", f"Nya och ändrade utmaningar {whose}, den senast "
                         "ändrade först.", paths.feed(folder), "application/atom+xml"),
            Distribution("ical", "Kalender (iCalendar)", f"Sista svarsdagar och möten {whose}.",
                         paths.calendar(folder), "text/calendar"))


def datasets(publication: Publication) -> list[Dataset]:
    catalogue = publication.catalogue
    municipalities = catalogue.vocabularies.municipalities
    whole = Dataset(
        "utmaningar", "Utmaningar inom innovationsupphandling",
        f"Utmaningar som {_names(publication)} vill lösa genom innovationsupphandling: behovet, status, sista "
        "svarsdag, kontaktperson, möten och frågor och svar. Bara publicerade utmaningar; filerna "
        "skapas på nytt varje gång webbplatsen byggs.",
        next(iter(municipalities)), paths.CATALOGUE, publication.challenges, (
            Distribution("json", "JSON", "Alla publicerade utmaningar med alla fält.", paths.JSON,
                         "application/json", publication.url(paths.JSON_SCHEMA)),
            Distribution("csv", "CSV", "En rad per utmaning, för kalkylprogram.", paths.CSV, "text/csv"),
            Distribution("csv-excel", "CSV för Excel", "Samma rader som CSV-filen, med semikolon mellan "
                         "kolumnerna, så att svenska Excel öppnar den i kolumner.", paths.CSV_EXCEL, "text/csv"),
            Distribution("ocds", "OCDS", "En release per utmaning enligt Open Contracting Data Standard 1.1.",
                         paths.OCDS, "application/json", OCDS_SCHEMA),
            *feed_and_calendar("", "i hela katalogen"),
        ))
    own = [Dataset(f"kommun-{key}", f"Utmaningar inom innovationsupphandling, {m.name}",
                   f"Utmaningar inom innovationsupphandling som {m.name} står bakom, som nyhetsflöde och kalender.",
                   key, paths.municipality(key), catalogue.in_municipality(key),
                   feed_and_calendar(paths.municipality(key), f"som {m.name} står bakom"))
           for key, m in municipalities.items()]
    return [whole, *own]


def publisher_iri(publication: Publication, municipality: Municipality) -> str:
    if municipality.org_number:
        return PORTAL_ORGANISATION + municipality.org_number.replace("-", "")
    return publication.url(paths.organisation(municipality.key))


def render(publication: Publication) -> bytes:
    municipalities = publication.catalogue.vocabularies.municipalities
    sets = datasets(publication)
    root = ET.Element("rdf:RDF", {f"xmlns:{prefix}": iri for prefix, iri in NAMESPACES.items()})
    catalogue = _node(root, "dcat:Catalog", publication.url(paths.DCAT))
    _text(catalogue, "dcterms:title", publication.site_name)
    _text(catalogue, "dcterms:description",
          f"Öppna data om utmaningar inom innovationsupphandling från {_names(publication)}.")
    _ref(catalogue, "dcterms:publisher", publisher_iri(publication, municipalities[sets[0].publisher]))
    _ref(catalogue, "dcterms:license", CC0)
    _ref(catalogue, "dcterms:language", SWEDISH)
    _ref(catalogue, "foaf:homepage", publication.site_url)
    _ref(catalogue, "dcat:themeTaxonomy", THEMES)
    _dates(catalogue, publication, publication.challenges)
    for dataset in sets:
        _ref(catalogue, "dcat:dataset", _iri(publication, dataset.name))
    for municipality in municipalities.values():
        _organisation(root, publication, municipality)
    for dataset in sets:
        _dataset(root, publication, dataset)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def _organisation(root: ET.Element, publication: Publication, municipality: Municipality) -> None:
    agent = _node(root, "foaf:Organization", publisher_iri(publication, municipality))
    _text(agent, "foaf:name", municipality.name)
    _ref(agent, "dcterms:type", LOCAL_AUTHORITY)
    _ref(agent, "foaf:homepage", municipality.website)
    if municipality.org_number:
        ET.SubElement(agent, "dcterms:identifier").text = municipality.org_number
        _ref(agent, "owl:sameAs", publication.url(paths.organisation(municipality.key)))


def _dataset(root: ET.Element, publication: Publication, dataset: Dataset) -> None:
    iri = _iri(publication, dataset.name)
    node = _node(root, "dcat:Dataset", iri)
    _text(node, "dcterms:title", dataset.title)
    _text(node, "dcterms:description", dataset.description)
    _ref(node, "dcterms:publisher",
         publisher_iri(publication, publication.catalogue.vocabularies.municipalities[dataset.publisher]))
    _ref(node, "dcat:theme", THEME)
    areas = publication.catalogue.vocabularies.areas
    used = {key for challenge in dataset.challenges for key in challenge.areas}
    for keyword in (*KEYWORDS, *(a.name.lower() for key, a in areas.items() if key in used)):
        _text(node, "dcat:keyword", keyword)
    _ref(node, "dcterms:accessRights", PUBLIC)
    _ref(node, "dcat:landingPage", publication.url(dataset.page))
    _ref(node, "dcterms:language", SWEDISH)
    _dates(node, publication, dataset.challenges)
    for distribution in dataset.distributions:
        _ref(node, "dcat:distribution", f"{iri}-{distribution.name}")
    for distribution in dataset.distributions:
        item = _node(root, "dcat:Distribution", f"{iri}-{distribution.name}")
        _text(item, "dcterms:title", distribution.title)
        _text(item, "dcterms:description", distribution.description)
        _ref(item, "dcat:accessURL", publication.url(distribution.path))
        _ref(item, "dcat:downloadURL", publication.url(distribution.path))
        ET.SubElement(item, "dcterms:format").text = distribution.media_type
        _ref(item, "dcterms:license", CC0)
        if distribution.schema:
            _ref(item, "dcterms:conformsTo", distribution.schema)


def _dates(node: ET.Element, publication: Publication, challenges: Sequence[Challenge]) -> None:
    """When the data was first published and last changed (not its description: DCAT-AP-SE's
    recommendation 7); left out while there is no published challenge."""
    if challenges:
        issued = min(c.published for c in challenges)
        modified = max(publication.updated_at(c).date() for c in challenges)
        _date(node, "dcterms:issued", issued)
        _date(node, "dcterms:modified", modified)


def _names(publication: Publication) -> str:
    """'Skurups kommun, Ystads kommun och Sjöbo kommun'."""
    *names, last = [m.name for m in publication.catalogue.vocabularies.municipalities.values()]
    return f"{', '.join(names)} och {last}" if names else last


def _iri(publication: Publication, name: str) -> str:
    return f"{publication.url(paths.DCAT)}#{name}"


def _node(root: ET.Element, kind: str, iri: str) -> ET.Element:
    return ET.SubElement(root, kind, {"rdf:about": iri})


def _ref(node: ET.Element, prop: str, iri: str) -> None:
    ET.SubElement(node, prop, {"rdf:resource": iri})


def _text(node: ET.Element, prop: str, text: str) -> None:
    ET.SubElement(node, prop, {"xml:lang": "sv"}).text = text


def _date(node: ET.Element, prop: str, day: date) -> None:
    ET.SubElement(node, prop, {"rdf:datatype": XSD_DATE}).text = day.isoformat()

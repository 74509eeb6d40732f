"""/katalog.rdf as Sweden's data portal harvests it: RDF/XML that rdflib parses, absolute IRIs, no
blank nodes, and the mandatory properties of DCAT-AP-SE 3.0.1.

The mandatory properties below are those with a minimum cardinality of 1 in DCAT-AP-SE 3.0.1
(github.com/diggsweden/DCAT-AP-SE, 3.0.1/bundle.json; docs.dataportal.se/dcat/3.0.1/sv/). DIGG
publishes the profile as RDForms templates, not as SHACL shapes, and no package registry has
shapes for it, so the tests check the cardinalities themselves rather than with pyshacl.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns
from support import ROOT, TEST_TODAY, Build, new_challenges_dir
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.formats import breakable_url, org_number_checks
from utmaningskatalogen.vocabulary import load_vocabularies

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
CATALOGUE = URIRef(SITE_URL + "katalog.rdf")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
PUBLISHER_TYPES = Namespace("http://purl.org/adms/publishertype/")
# dcterms:format as DCAT-AP-SE 3.0.1 accepts a media type written by hand (dcat:format_generic).
MEDIA_TYPE = re.compile(r"^\w+\/[-.\w]+(?:\+[-.\w]+)?(\s*;\s*\w+=\w+)?$")
# Mandatory in DCAT-AP-SE 3.0.1: (property, at least, at most) for each class.
MANDATORY = {
    ns.DCAT.Catalog: [(ns.DCTERMS.title, 1, None), (ns.DCTERMS.description, 1, None), (ns.DCTERMS.publisher, 1, 1),
                   (ns.DCTERMS.license, 1, 1), (ns.DCAT.dataset, 1, None)],
    ns.DCAT.Dataset: [(ns.DCTERMS.title, 1, None), (ns.DCTERMS.description, 1, None), (ns.DCTERMS.publisher, 1, 1)],
    ns.DCAT.Distribution: [(ns.DCAT.accessURL, 1, 1), (ns.DCTERMS.format, 1, 1)],
    ns.FOAF.Organization: [(ns.FOAF.name, 1, None), (ns.DCTERMS.type, 1, 1)],
}


@pytest.fixture(scope="module")
def graph(shipped_site: Build) -> Graph:
    return Graph().parse(shipped_site.site / "katalog.rdf", format="xml")


def test_the_catalogue_is_rdf_xml_with_absolute_iris_and_no_blank_nodes(shipped_site: Build, graph: Graph) -> None:
    assert shipped_site.read("katalog.rdf").startswith('<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF ')
    nodes = {node for triple in graph for node in triple}
    assert not [n for n in nodes if isinstance(n, BNode)]
    for iri in (n for n in nodes if isinstance(n, URIRef)):
        parts = urlsplit(str(iri))
        assert parts.scheme in {"http", "https"} and parts.netloc and not re.search(r"\s", iri), iri
    # The catalogue is the file's own address, so another catalogue can load it as a part.
    assert list(graph.subjects(ns.RDF.type, ns.DCAT.Catalog)) == [CATALOGUE]


def test_every_class_has_the_mandatory_properties_of_dcat_ap_se(graph: Graph) -> None:
    counts = {}
    for kind, rules in MANDATORY.items():
        subjects = list(graph.subjects(ns.RDF.type, kind))
        counts[kind] = len(subjects)
        for subject in subjects:
            for prop, least, most in rules:
                found = len(list(graph.objects(subject, prop)))
                assert found >= least and (most is None or found <= most), (subject, prop, found)
    assert counts == {ns.DCAT.Catalog: 1, ns.DCAT.Dataset: 7, ns.DCAT.Distribution: 6 + 6 * 2, ns.FOAF.Organization: 6}
    # Texts in Swedish; a licence on the metadata (CC0, as the Swedish profile requires) and on each file.
    for text in graph.objects(None, ns.DCTERMS.title):
        assert isinstance(text, Literal) and text.language == "sv"
    assert graph.value(CATALOGUE, ns.DCTERMS.license) == CC0
    assert {graph.value(d, ns.DCTERMS.license) for d in graph.subjects(ns.RDF.type, ns.DCAT.Distribution)} == {CC0}
    for publisher in graph.objects(None, ns.DCTERMS.publisher):
        assert (publisher, ns.RDF.type, ns.FOAF.Organization) in graph
        assert graph.value(publisher, ns.DCTERMS.type) == PUBLISHER_TYPES.LocalAuthority
    for media_type in graph.objects(None, ns.DCTERMS["format"]):
        assert isinstance(media_type, Literal) and MEDIA_TYPE.fullmatch(str(media_type)), media_type


def test_every_export_is_a_distribution_whose_address_is_a_file_of_the_site(shipped_site: Build, graph: Graph) -> None:
    formats = {}
    for distribution in graph.subjects(ns.RDF.type, ns.DCAT.Distribution):
        url = str(graph.value(distribution, ns.DCAT.accessURL))
        assert graph.value(distribution, ns.DCAT.downloadURL) == URIRef(url)
        assert url.startswith(SITE_URL) and (shipped_site.site / url.removeprefix(SITE_URL)).is_file(), url
        formats[url.removeprefix(SITE_URL)] = str(graph.value(distribution, ns.DCTERMS["format"]))
    municipalities = yaml.safe_load((ROOT / "challenges" / "_vocabularies.yml").read_text(encoding="utf-8"))
    expected = {"challenges.json": "application/json", "challenges.csv": "text/csv", "challenges-excel.csv": "text/csv",
                "ocds.json": "application/json",
                "feed.xml": "application/atom+xml", "calendar.ics": "text/calendar"}
    for key in municipalities["municipalities"]:
        expected |= {f"kommuner/{key}/feed.xml": "application/atom+xml", f"kommuner/{key}/calendar.ics": "text/calendar"}
    assert formats == expected
    json_file = URIRef(f"{CATALOGUE}#utmaningar-json")
    assert graph.value(json_file, ns.DCTERMS.conformsTo) == URIRef(SITE_URL + "challenges.schema.json")


def test_each_municipality_publishes_its_own_dataset_and_the_first_the_catalogue(graph: Graph) -> None:
    vocabularies = yaml.safe_load((ROOT / "challenges" / "_vocabularies.yml").read_text(encoding="utf-8"))
    municipalities = vocabularies["municipalities"]
    for key, entry in municipalities.items():
        publisher = graph.value(URIRef(f"{CATALOGUE}#kommun-{key}"), ns.DCTERMS.publisher)
        assert graph.value(publisher, ns.FOAF.name) == Literal(entry["name"], lang="sv")
        assert graph.value(publisher, ns.FOAF.homepage) == URIRef(entry["website"])
        if "org_number" in entry:  # the address the portal recommends, so it merges with the municipality's data
            assert publisher == URIRef("http://dataportal.se/organisation/SE" + entry["org_number"].replace("-", ""))
            assert graph.value(publisher, ns.OWL.sameAs) == URIRef(f"{SITE_URL}kommuner/{key}/#organisation")
        else:  # the same identifier as in the pages' structured data
            assert publisher == URIRef(f"{SITE_URL}kommuner/{key}/#organisation")
    first = graph.value(URIRef(f"{CATALOGUE}#kommun-{next(iter(municipalities))}"), ns.DCTERMS.publisher)
    assert graph.value(CATALOGUE, ns.DCTERMS.publisher) == first
    assert graph.value(URIRef(f"{CATALOGUE}#utmaningar"), ns.DCTERMS.publisher) == first


def test_the_shipped_organisation_numbers_have_right_check_digits() -> None:
    vocabularies = yaml.safe_load((ROOT / "challenges" / "_vocabularies.yml").read_text(encoding="utf-8"))
    numbers = {k: m["org_number"] for k, m in vocabularies["municipalities"].items() if "org_number" in m}
    assert numbers == {"ystad": "212000-1181", "tomelilla": "212000-0886", "simrishamn": "212000-0969"}
    assert all(org_number_checks(n) for n in numbers.values())


@pytest.mark.parametrize(("written", "message"), [
    ("2120001181", "organisationsnumret ska skrivas med sex siffror, bindestreck och fyra siffror, till exempel "
                   "123456-7897"),
    ("212000-1182", "organisationsnumret 212000-1182 stämmer inte: den sista siffran (kontrollsiffran) passar inte "
                    "de andra; skriv av det igen från Bolagsverket eller kommunens webbplats"),
])
def test_an_organisation_number_must_be_written_right_with_its_check_digit(tmp_path: Path, written: str,
                                                                          message: str) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    path = folder / "_vocabularies.yml"
    text = path.read_text(encoding="utf-8").replace("    org_number: 212000-1181\n", f"    org_number: '{written}'\n")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"    org_number: '{written}'") + 1
    vocabularies, found = load_vocabularies(folder, "challenges")
    assert vocabularies is None
    assert [str(p) for p in found] == [f"challenges/_vocabularies.yml:{line}: municipalities.ystad.org_number: {message}"]


def test_the_open_data_page_links_the_catalogue_for_data_portals(shipped_site: Build) -> None:
    html = shipped_site.read("bevaka/index.html")
    assert f'<a href="{CATALOGUE}"><code>{breakable_url(str(CATALOGUE))}</code></a>' in html
    assert "dataportal.se" in html


def test_keywords_name_the_areas_of_the_datasets_own_challenges(graph: Graph) -> None:
    keywords = {str(k) for k in graph.objects(URIRef(f"{CATALOGUE}#kommun-ystad"), ns.DCAT.keyword)}
    catalogue = load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))
    areas = {catalogue.vocabularies.areas[key].name.lower() for c in catalogue.in_municipality("ystad") for key in c.areas}
    assert keywords == {"innovationsupphandling", "upphandling", "utmaning", *areas}
    assert len(areas) < len(catalogue.vocabularies.areas)

"""Examples look like examples everywhere: cards, lists, feeds, calendars, CSV, JSON and OCDS;
and an example that retells a real challenge does not claim to be invented."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from support import challenge_text
from test_exports_units import catalogue_of
from test_validation import only_problem
from utmaningskatalogen.dates import STOCKHOLM
from utmaningskatalogen.exports import atom, csv_export, ics, json_export, ocds, schema_export
from utmaningskatalogen.exports.jsonld import structured_data
from utmaningskatalogen.pages import PageRenderer
from utmaningskatalogen.publication import Publication
from utmaningskatalogen.statuses import Status

INVENTED = "Det här är ett påhittat exempel som visar hur en utmaning ser ut i katalogen. Det är ingen verklig utmaning."
RETOLD = ("Det här är ett exempel som bygger på en verklig utmaning (Bygger på Ystads upphandling 2025). "
          "Det visar hur en utmaning ser ut i katalogen och går inte att svara på här.")
OPEN = {"status": "dialogue", "deadline": "2027-01-31"}


@pytest.fixture
def publication(tmp_path: Path) -> Publication:
    catalogue = catalogue_of(tmp_path, {
        "exempel.md": challenge_text(title="Påhittad", example=True, related=["verklig"], **OPEN,
                                     events=[{"title": "Möte", "date": "2027-01-10"}]),
        "aterberattad.md": challenge_text(title="Återberättad", example=True,
                                          example_source="Bygger på Ystads upphandling 2025."),
        "verklig.md": challenge_text(title="Verklig", related=["exempel"], **OPEN),
    })
    return Publication(catalogue, site_url="https://example.org/", generated=datetime(2026, 12, 1, tzinfo=STOCKHOLM))


def test_the_banner_says_invented_or_retold(publication: Publication) -> None:
    renderer = PageRenderer(publication.catalogue, publication=publication)
    pages = {c.slug: renderer.challenge(c).html for c in publication.challenges}
    assert f"<strong>Exempel</strong> – {INVENTED}</div>" in pages["exempel"]
    assert f"<strong>Exempel</strong> – {RETOLD}</div>" in pages["aterberattad"]
    assert "påhittat" not in pages["aterberattad"] and "uk-notice--example" not in pages["verklig"]
    # The real challenge's list of related challenges marks the example.
    assert '<a href="../../utmaningar/exempel/">Påhittad</a> (Marknadsdialog, exempel)</li>' in pages["verklig"]


def test_every_card_and_list_entry_of_an_example_says_so(publication: Publication) -> None:
    renderer = PageRenderer(publication.catalogue, publication=publication)
    catalogue = renderer.catalogue_listing().html
    cards = {slug: catalogue.split(f'data-slug="{slug}"', 1)[1].split("</li>", 1)[0]
             for slug in ("exempel", "aterberattad", "verklig")}
    assert '<span class="uk-example">Exempel</span>' in cards["exempel"]
    assert '<span class="uk-example">Exempel</span>' in cards["aterberattad"]
    assert "uk-example" not in cards["verklig"]
    assert '<span class="uk-example">Exempel</span>' in renderer.open_list("index.md").split('data-slug="verklig"')[0]
    stage = renderer.stage_list(Status.DIALOGUE, "arbetsmodell/dialog.md")
    assert 'Påhittad</a> <span class="uk-example">Exempel</span> – ' in stage
    assert 'Verklig</a> – ' in stage


def test_feeds_and_calendars_say_example_in_titles_and_text(publication: Publication) -> None:
    challenges = publication.challenges
    feed = feedparser.parse(atom.Feeds(publication).render(challenges, path="feed.xml", page="utmaningar/", title="T"))
    titles = {e.title: e for e in feed.entries}
    assert set(titles) == {"Exempel: Påhittad", "Exempel: Återberättad", "Verklig"}
    assert INVENTED in titles["Exempel: Påhittad"].content[0].value
    assert RETOLD in titles["Exempel: Återberättad"].content[0].value
    assert titles["Exempel: Påhittad"].summary.startswith("Exempel: ")
    assert "exempel" not in titles["Verklig"].content[0].value.lower()
    calendar = icalendar.Calendar.from_ical(ics.Calendars(publication).render(challenges, name="T"))
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["Exempel: Möte – Påhittad", "Exempel: Sista svarsdag: Påhittad", "Sista svarsdag: Verklig"]
    described = [str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT") if "Påhittad" in str(e["SUMMARY"])]
    assert all(text.startswith(INVENTED) for text in described)


def test_csv_json_and_its_schema_carry_example_and_its_source(publication: Publication) -> None:
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(csv_export.render(publication).decode("utf-8-sig")))}
    assert (rows["exempel"]["example"], rows["aterberattad"]["example"], rows["verklig"]["example"]) == \
        ("true", "true", "false")
    document = json.loads(json_export.render(publication))
    records = {r["slug"]: r for r in document["challenges"]}
    assert records["aterberattad"]["example"] is True
    assert records["aterberattad"]["example_source"] == "Bygger på Ystads upphandling 2025."
    assert records["verklig"]["example"] is False and records["verklig"]["example_source"] is None
    validator = jsonschema.Draft202012Validator(schema_export.export_schema(publication),
                                                format_checker=jsonschema.FormatChecker())
    assert not [e.message for e in validator.iter_errors(document)]


def test_ocds_releases_and_structured_data_of_an_example_say_so(publication: Publication) -> None:
    releases = {r["ocid"]: r for r in ocds.release_package(publication)["releases"]}
    example = releases["ocds-utmkat-exempel"]
    assert example["tender"]["title"] == "Exempel: Påhittad"
    assert example["tender"]["description"].startswith(INVENTED + " ")
    assert example["planning"]["rationale"] == example["tender"]["description"]
    real = releases["ocds-utmkat-verklig"]
    assert real["tender"]["title"] == "Verklig" and "exempel" not in json.dumps(real, ensure_ascii=False).lower()
    demand = structured_data(publication, publication.catalogue.get("exempel"))["@graph"][0]  # type: ignore[arg-type]
    assert demand["name"] == "Exempel: Påhittad"


def test_a_source_without_example_true_is_an_error(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(example_source="Ystad 2025")) == (
        "challenges/snorojning.md:13: example_source: gäller bara exempel; lägg till example: true eller ta bort fältet")

"""The export functions on their own, without a build: formats' corner cases, the schema
against every status, and the rules for dates."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from support import challenge_text, new_challenges_dir
from utmaningskatalogen.catalogue import Catalogue, load_catalogue
from utmaningskatalogen.exports import atom, ics, json_export, schema_export
from utmaningskatalogen.exports.writer import MISSING_SITE_URL, export_files
from utmaningskatalogen.history import STOCKHOLM, Revision
from utmaningskatalogen.publication import Publication, checked_ocid_prefix

TODAY = date(2026, 12, 1)
EVERY_STATUS = {
    "behov.md": challenge_text(status="need", cpv=["72000000-5"], sdgs=[6]),
    "dialog.md": challenge_text(status="dialogue", deadline="2027-01-31", related=["behov"],
                                events=[{"title": "Möte", "date": "2027-01-10", "time": "13:00", "end_time": "15:00",
                                         "location": "Ystad", "url": "https://example.org/m"}]),
    "upphandling.md": challenge_text(status="tender", deadline="2027-02-28", procurement={
        "procedure": "Innovationspartnerskap", "notice_url": "https://example.org/annons", "reference": "KS 1",
        "estimated_value_sek": 100}, documents=[{"title": "Underlag", "url": "https://example.org/u.pdf"}]),
    "pagar.md": challenge_text(status="in_progress", contact={"name": "A", "email": "a@example.org",
                                                               "phone": "+46 411 00 00", "role": "Chef"}),
    "klar.md": challenge_text(status="completed", outcome="Det gick bra.", faq=[{"question": "F?", "answer": "S."}]),
    "avbruten.md": challenge_text(status="cancelled", outcome="Ingen budget.", title_en="Stopped", summary_en="No."),
    "stangd.md": challenge_text(status="dialogue", deadline="2026-11-15", updated="2026-10-01"),
}


def catalogue_of(tmp_path: Path, files: dict[str, str]) -> Catalogue:
    folder = new_challenges_dir(tmp_path / "challenges")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_catalogue(folder, TODAY)


@pytest.fixture
def publication(tmp_path: Path) -> Publication:
    return Publication(catalogue_of(tmp_path, EVERY_STATUS), site_url="https://example.org/katalog/",
                       generated=datetime(2026, 12, 1, tzinfo=STOCKHOLM))


def test_every_status_and_optional_field_validates_against_the_derived_schema(publication: Publication) -> None:
    schema = schema_export.export_schema(publication)
    document = json.loads(json_export.render(publication))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert not [e.message for e in validator.iter_errors(document)]
    assert document["count"] == len(EVERY_STATUS)


def test_a_tender_without_a_notice_breaks_the_schema_as_it_breaks_validation(publication: Publication) -> None:
    schema = schema_export.export_schema(publication)
    document = json.loads(json_export.render(publication))
    tender = next(c for c in document["challenges"] if c["status"] == "tender")
    tender["procurement"]["notice_url"] = None
    assert not jsonschema.Draft202012Validator(schema).is_valid(document)
    tender["procurement"] = None
    assert not jsonschema.Draft202012Validator(schema).is_valid(document)


def test_exports_need_an_absolute_site_url(publication: Publication) -> None:
    unpublished = Publication(publication.catalogue)
    with pytest.raises(ValueError, match="site_url saknas"):
        export_files(unpublished)
    assert "https://" in MISSING_SITE_URL


def test_export_files_names_every_feed_and_calendar(publication: Publication) -> None:
    files = export_files(publication)
    vocabularies = publication.catalogue.vocabularies
    expected = {"challenges.json", "challenges.schema.json", "challenges.csv", "ocds.json", "feed.xml", "calendar.ics",
                "robots.txt", "katalog.rdf"}
    expected |= {f"kommuner/{k}/{f}" for k in vocabularies.municipalities for f in ("feed.xml", "calendar.ics")}
    expected |= {f"omraden/{k}/{f}" for k in vocabularies.areas for f in ("feed.xml", "calendar.ics")}
    expected |= {f"utmaningar/{c.slug}/calendar.ics" for c in publication.challenges}
    assert set(files) == expected


def test_updated_at_counts_commits_publication_and_a_passed_deadline(publication: Publication) -> None:
    closed = publication.catalogue.get("stangd")
    assert publication.updated_at(closed).isoformat() == "2026-11-16T00:00:00+01:00"
    need = publication.catalogue.get("behov")
    assert publication.updated_at(need).isoformat() == "2026-09-01T00:00:00+02:00"  # its publication day
    text = challenge_text(status="need", cpv=["72000000-5"], sdgs=[6])
    with_commit = Publication(publication.catalogue, history={"behov": [
        Revision("c", datetime.fromisoformat("2026-11-03T08:15:00+01:00"), "Ny status", text, frozenset({"behov"}))]})
    assert with_commit.updated_at(need).isoformat() == "2026-11-03T08:15:00+01:00"
    assert with_commit.updated(need) == date(2026, 11, 3)


def test_related_never_names_a_challenge_that_is_not_published(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {"synlig.md": challenge_text(related=["dold"]),
                                        "dold.md": challenge_text(status="draft")})
    assert Publication(catalogue).related(catalogue.get("synlig")) == ()


def test_long_calendar_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "SUMMARY:" + "åäö €" * 40
    folded = ics._fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(part[1:] for part in parts[1:])]) == line
    assert ics._fold("SHORT:x") == "SHORT:x"


def test_calendar_text_escapes_and_drops_control_characters() -> None:
    assert ics._text("a,b;c\\d\ne\x0bf") == "a\\,b\\;c\\\\d\\nef"


def test_an_empty_calendar_still_parses_and_names_itself(publication: Publication) -> None:
    raw = ics.Calendars(publication).render((), name="Tom, men giltig")
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar.walk("VEVENT") == [] and [str(t["TZID"]) for t in calendar.walk("VTIMEZONE")] == [ics.TIMEZONE]
    # NAME is TEXT (RFC 7986): its comma is escaped like in any other text.
    assert b"\r\nNAME:Tom\\, men giltig\r\n" in raw


def test_control_characters_never_break_the_atom_xml(publication: Publication) -> None:
    challenge = publication.catalogue.get("behov")
    odd = Publication(publication.catalogue, site_url=publication.site_url)
    feed = atom.Feeds(odd).render([challenge], path="feed.xml", page="utmaningar/", title="Titel\x0b med\x1f kontroll")
    parsed = feedparser.parse(feed)
    assert not parsed.bozo and parsed.feed.title == "Titel med kontroll"


def test_an_ocid_prefix_must_look_like_one() -> None:
    assert checked_ocid_prefix("ocds-abc123") == "ocds-abc123"
    for wrong in ("abc123", "ocds-ABC123", "ocds-abc", 12, None):
        with pytest.raises(ValueError, match="det ska vara 'ocds-' och sex tecken"):
            checked_ocid_prefix(wrong)

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
    expected = {"challenges.json", "challenges.schema.json", "challenges.csv", "challenges-excel.csv", "ocds.json",
                "feed.xml", "calendar.ics", "robots.txt", "katalog.rdf"}
    expected |= {f"kommuner/{k}/{f}" for k in vocabularies.municipalities for f in ("feed.xml", "calendar.ics")}
    expected |= {f"omraden/{k}/{f}" for k in vocabularies.areas for f in ("feed.xml", "calendar.ics")}
    expected |= {f"utmaningar/{c.slug}/calendar.ics" for c in publication.challenges}
    assert set(files) == expected


def test_updated_at_counts_changes_after_publication_and_a_passed_deadline(publication: Publication) -> None:
    closed = publication.catalogue.get("stangd")
    assert publication.updated_at(closed).isoformat() == "2026-11-16T00:00:00+01:00"
    need = publication.catalogue.get("behov")
    assert publication.updated_at(need).isoformat() == "2026-09-01T00:00:00+02:00"  # its publication day
    assert publication.updated(need) is None and publication.sequence(need) == 0
    text = challenge_text(status="need", cpv=["72000000-5"], sdgs=[6])

    def commit(when: str, version: str) -> Revision:
        return Revision(when, datetime.fromisoformat(when), "Ändring", version, frozenset({"behov"}))

    # The commit that published it (here, added it with many others) is no change of it.
    added = Publication(publication.catalogue, history={"behov": [commit("2026-11-03T08:15:00+01:00", text)]})
    assert added.updated_at(need).isoformat() == "2026-09-01T00:00:00+02:00"
    assert added.updated(need) is None and added.sequence(need) == 0
    changed = Publication(publication.catalogue, history={"behov": [
        commit("2026-11-20T14:30:00+01:00", challenge_text(status="need", cpv=["72000000-5"], sdgs=[6, 11])),
        commit("2026-11-03T08:15:00+01:00", text)]})
    assert changed.updated_at(need).isoformat() == "2026-11-20T14:30:00+01:00"
    assert changed.updated(need) == date(2026, 11, 20) and changed.sequence(need) == 1


def uids_of(tmp_path: Path, events: list[dict[str, str]]) -> list[str]:
    """The UID of each meeting of one challenge, in the order given (each on its own day)."""
    catalogue = catalogue_of(tmp_path, {"moten.md": challenge_text(events=events)})
    raw = ics.Calendars(Publication(catalogue, site_url="https://example.org/")).render(catalogue.published, name="M")
    found = {str(e["SUMMARY"]).split(" – ")[0] + str(e["DTSTART"].dt): str(e["UID"])
             for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    return [found[e["title"] + (f"{e['date']} {e['time']}:00+01:00" if "time" in e else e["date"])] for e in events]


def test_a_meeting_keeps_its_uid_when_it_moves_and_an_id_keeps_it_through_a_new_title(tmp_path: Path) -> None:
    before = uids_of(tmp_path / "a", [{"title": "Dialogmöte", "date": "2027-01-12", "time": "13:00"},
                                      {"title": "Visning", "date": "2027-01-20", "id": "visning"}])
    moved = uids_of(tmp_path / "b", [{"title": "Dialogmöte", "date": "2027-02-02", "time": "09:30"},
                                     {"title": "Visning av anläggningen", "date": "2027-01-21", "id": "visning"}])
    assert moved == before and before[0] != before[1]
    assert before[0].startswith("event-") and before[0].endswith("@example.org")
    renamed = uids_of(tmp_path / "c", [{"title": "Dialogmöte om snö", "date": "2027-01-12", "time": "13:00"}])
    assert renamed[0] != before[0]  # without an id, a new title is a new meeting
    # Two meetings with one title and no id are still two events.
    twice = uids_of(tmp_path / "d", [{"title": "Dialogmöte", "date": "2027-01-12"},
                                     {"title": "Dialogmöte", "date": "2027-03-12"}])
    assert len(set(twice)) == 2 and twice[0] == uids_of(tmp_path / "e", [{"title": "Dialogmöte", "date": "2027-01-13"}])[0]
    assert ics.meeting_keys(()) == []


def test_events_carry_the_challenges_number_of_changes_as_sequence(publication: Publication) -> None:
    dialogue = publication.catalogue.get("dialog")
    versions = [challenge_text(status="dialogue", deadline=deadline, related=["behov"])
                for deadline in ("2027-01-10", "2027-01-20", "2027-01-31")]
    history = {"dialog": [Revision(f"c{n}", datetime(2026, 10, 1 + n, 12, tzinfo=STOCKHOLM), "Ny dag", text,
                                   frozenset({"dialog"})) for n, text in reversed(list(enumerate(versions)))]}
    moved = Publication(publication.catalogue, site_url=publication.site_url, history=history)
    events = icalendar.Calendar.from_ical(ics.Calendars(moved).render((dialogue,), name="D")).walk("VEVENT")
    assert [e["SEQUENCE"] for e in events] == [2, 2]  # published, then its deadline moved twice
    assert {e["LAST-MODIFIED"].dt for e in events} == {e["DTSTAMP"].dt for e in events} == \
        {datetime(2026, 10, 3, 12, tzinfo=STOCKHOLM)}


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

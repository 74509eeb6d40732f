"""Open data, feeds, calendars and structured data of the shipped catalogue, read back with
real parsers: Atom with feedparser, iCalendar with icalendar, JSON against its own schema and
OCDS against the OCDS 1.1.5 schema (offline, from tests/data)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import date, datetime

import feedparser
import icalendar
import jsonschema
import pytest
import yaml
from referencing import Registry
from referencing.jsonschema import DRAFT4
from support import ROOT, TEST_TODAY, Build
from utmaningskatalogen.catalogue import Catalogue, load_catalogue
from utmaningskatalogen.changelog import is_default_message
from utmaningskatalogen.dates import STOCKHOLM
from utmaningskatalogen.formats import breakable_url
from utmaningskatalogen.schema import CHALLENGE_FIELDS

OCDS = ROOT / "tests" / "data" / "ocds-1.1.5"
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
WITH_EVENTS = "vattenlackor-i-ledningsnatet"


@pytest.fixture(scope="module")
def site(shipped_site: Build) -> Build:
    return shipped_site


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))


@pytest.fixture(scope="module")
def exported(site: Build) -> dict:
    return json.loads(site.read("challenges.json"))


def calendar(site: Build, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site.site / path).read_bytes())


def events_of(site: Build, path: str) -> list[icalendar.Event]:
    return calendar(site, path).walk("VEVENT")


def changes_since_published(record: dict) -> list[dict]:
    """A record's changes without its publication: the commit that published it is no update."""
    published = [{"field": "published", "text": "Utmaningen publicerades"}]
    return [c for c in record["changes"] if c["changes"] != published]


def expected_calendar_entries(challenges) -> int:
    today = date.fromisoformat(TEST_TODAY)
    return sum(len(c.events) + len(c.phases) + (1 if c.deadline and c.is_open(today) else 0) for c in challenges)


# --- JSON and its schema -------------------------------------------------------------------

def test_json_export_validates_against_the_schema_published_beside_it(site: Build, exported: dict) -> None:
    schema = json.loads(site.read("challenges.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(exported)]
    assert not errors, errors


def test_json_export_holds_exactly_the_published_challenges_in_catalogue_order(exported: dict,
                                                                                catalogue: Catalogue) -> None:
    assert [c["slug"] for c in exported["challenges"]] == [c.slug for c in catalogue.published]
    assert exported["count"] == len(catalogue.published) == 10
    assert exported["schema_version"] == "1.2"  # 1.1: example_source, changes; 1.2: events[].id, the fields of real notices
    assert exported["licence"] == {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"}
    # No wall clock: the generation time is the start of CATALOGUE_TODAY in Stockholm.
    assert exported["generated"] == "2026-12-01T00:00:00+01:00"


def test_each_exported_challenge_has_its_url_status_label_openness_and_computed_update(exported: dict,
                                                                                     catalogue: Catalogue) -> None:
    today = date.fromisoformat(TEST_TODAY)
    for record in exported["challenges"]:
        challenge = catalogue.get(record["slug"])
        assert record["url"] == f"{SITE_URL}utmaningar/{challenge.slug}/"
        assert record["status"] == challenge.status.value and record["status_label"] == challenge.status.label
        assert record["open_for_responses"] is challenge.is_open(today)
        assert record["title"] == challenge.title and record["contact"]["email"] == challenge.contact.email
        written = challenge.updated.isoformat() if challenge.updated else None
        since = changes_since_published(record)
        from_history = since[0]["date"] if since else None
        assert record["updated"] == max(filter(None, (written, from_history)), default=None)
    # Every field of the file is there, even when the file leaves it out.
    assert all(set(f.name for f in CHALLENGE_FIELDS) <= set(r) for r in exported["challenges"])


def test_the_schema_is_derived_from_the_challenge_fields(site: Build) -> None:
    schema = json.loads(site.read("challenges.schema.json"))
    challenge = schema["$defs"]["challenge"]
    for field in CHALLENGE_FIELDS:
        described = challenge["properties"][field.name]
        if field.name != "updated":  # the export's updated is computed, and says so
            assert described["description"] == field.description
        if field.max_length:
            assert described["maxLength"] == field.max_length
    assert challenge["properties"]["contact"]["properties"]["email"]["pattern"] == \
        next(f for f in CHALLENGE_FIELDS if f.name == "contact").child("email").pattern
    assert challenge["properties"]["status"]["enum"] == ["need", "dialogue", "tender", "in_progress", "completed",
                                                         "cancelled"]
    # "deadline is required for dialogue and tender, unless a dialogue is open until further notice"
    # is a condition in the schema too.
    assert {"if": {"properties": {"status": {"enum": ["dialogue", "tender"]},
                                  "open_until_further_notice": {"const": False}}},
            "then": {"properties": {"deadline": {"not": {"type": "null"}}}}} in challenge["allOf"]


def test_a_record_that_breaks_the_schema_is_caught(site: Build, exported: dict) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(site.read("challenges.schema.json")))
    dialogue = next(r for r in exported["challenges"] if r["status"] == "dialogue")
    for broken in ({**dialogue, "deadline": None}, {**dialogue, "status": "draft"},
                   {**dialogue, "municipalities": ["stockholm"]}, {**dialogue, "title": "x" * 101}):
        assert not validator.is_valid({**exported, "challenges": [broken]})


# --- CSV -------------------------------------------------------------------------------------

def test_csv_is_utf8_with_bom_one_row_per_challenge_lists_joined_with_semicolons(site: Build,
                                                                                catalogue: Catalogue) -> None:
    raw = (site.site / "challenges.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["slug"] for r in rows] == [c.slug for c in catalogue.published]
    energy = next(r for r in rows if r["slug"] == "energismarta-skolor-och-forskolor")
    assert energy["municipalities"].split("; ")[:2] == ["Skurups kommun", "Ystads kommun"]
    assert energy["cpv"] == "71314300-5; 72000000-5"
    assert energy["status_label"] == "Upphandling" and energy["open_for_responses"] == "true"
    assert "Peter Åkesson" in raw.decode("utf-8")


def test_the_excel_file_has_the_same_rows_separated_by_semicolons_for_swedish_excel(site: Build) -> None:
    # Swedish Excel splits a double-clicked CSV file on ';' (the list separator of Swedish
    # regional settings) and reads it as UTF-8 when it starts with a byte-order mark.
    raw = (site.site / "challenges-excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfslug;url;title;") and raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == list(csv.reader(io.StringIO(site.read("challenges.csv").lstrip("\ufeff"))))
    assert len({len(row) for row in rows}) == 1 and len(rows) == 1 + json.loads(site.read("challenges.json"))["count"]
    # A list keeps its '; ' inside one quoted cell.
    assert '"Skurups kommun; Ystads kommun; ' in text


def test_readme_documents_every_csv_column(site: Build) -> None:
    header = next(csv.reader(io.StringIO(site.read("challenges.csv").lstrip("\ufeff"))))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [column for column in header if f"| `{column}` |" not in readme]
    assert not missing, missing


# --- Atom ------------------------------------------------------------------------------------

def parsed_feed(site: Build, path: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site.site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_site_feed_lists_every_published_challenge_newest_change_first(site: Build, catalogue: Catalogue) -> None:
    feed = parsed_feed(site, "feed.xml")
    assert {e.link for e in feed.entries} == {f"{SITE_URL}utmaningar/{c.slug}/" for c in catalogue.published}
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    for entry in feed.entries:
        challenge = catalogue.get(entry.link.rstrip("/").rsplit("/", 1)[1])
        # Every shipped challenge is an example, and every entry says so.
        assert entry.title == challenge.marked(challenge.title) and entry.summary == challenge.marked(challenge.summary)
        assert entry.title.startswith("Exempel: ") and challenge.example_notice in entry.content[0].value
        assert entry.id == entry.link
        assert {"term": challenge.status.value, "label": challenge.status.label, "scheme": None} in entry.tags
        assert f"Status: {challenge.status.label}." in entry.content[0].value
    assert feed.feed.links[0].href == f"{SITE_URL}feed.xml"


def test_each_municipality_and_area_has_a_feed_of_exactly_its_challenges(site: Build, catalogue: Catalogue) -> None:
    groups = [("kommuner", key, catalogue.in_municipality(key)) for key in catalogue.vocabularies.municipalities]
    groups += [("omraden", key, catalogue.in_area(key)) for key in catalogue.vocabularies.areas]
    for folder, key, challenges in groups:
        feed = parsed_feed(site, f"{folder}/{key}/feed.xml")
        assert {e.link for e in feed.entries} == {f"{SITE_URL}utmaningar/{c.slug}/" for c in challenges}, key


def test_pages_announce_the_site_feed_and_group_pages_their_own(site: Build) -> None:
    site_feed = '<link rel="alternate" type="application/atom+xml" href="{}" title="Utmaningskatalogen: alla utmaningar">'
    for page, href in (("index.html", "feed.xml"), ("bevaka/index.html", "../feed.xml"), ("404.html", "/feed.xml"),
                       (f"utmaningar/{WITH_EVENTS}/index.html", "../../feed.xml")):
        assert site_feed.format(href) in site.read(page), page
    ystad = site.read("kommuner/ystad/index.html")
    assert '<link rel="alternate" type="application/atom+xml" href="feed.xml" title="Utmaningskatalogen: Ystads kommun">' in ystad
    assert 'href="../../feed.xml"' in ystad
    assert '<a href="feed.xml">' in ystad and '<a href="calendar.ics">' in ystad


# --- iCalendar -------------------------------------------------------------------------------

def test_site_calendar_has_every_open_deadline_and_every_event(site: Build, catalogue: Catalogue) -> None:
    events = events_of(site, "calendar.ics")
    assert len(events) == expected_calendar_entries(catalogue.published)
    for event in events:
        for name in ("UID", "DTSTAMP", "SUMMARY", "URL", "DTSTART"):
            assert event.get(name) is not None, (name, event)
        assert str(event["URL"]).startswith(f"{SITE_URL}utmaningar/")
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_deadlines_are_all_day_and_meetings_keep_their_stockholm_time(site: Build) -> None:
    events = events_of(site, f"utmaningar/{WITH_EVENTS}/calendar.ics")
    deadline = next(e for e in events if str(e["UID"]).startswith("deadline-"))
    assert deadline["DTSTART"].params["VALUE"] == "DATE" and deadline["DTSTART"].dt == date(2027, 2, 26)
    assert str(deadline["SUMMARY"]).startswith("Exempel: Sista svarsdag: ")
    assert str(deadline["DESCRIPTION"]).startswith("Det här är ett påhittat exempel")
    assert str(deadline["LOCATION"]) == "Skurups kommun, Ystads kommun, Sjöbo kommun, Tomelilla kommun"
    meeting = next(e for e in events if not str(e["UID"]).startswith("deadline-"))
    assert meeting["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert meeting["DTSTART"].dt.isoformat() == "2027-01-20T09:00:00+01:00"
    assert meeting["DTEND"].dt.isoformat() == "2027-01-20T12:00:00+01:00"
    assert str(meeting["LOCATION"]) == "Kommunhuset i Skurup, sammanträdesrum Stora salen"
    timezone = calendar(site, f"utmaningar/{WITH_EVENTS}/calendar.ics").walk("VTIMEZONE")
    assert [str(t["TZID"]) for t in timezone] == ["Europe/Stockholm"]


def test_calendar_files_use_crlf_and_fold_lines_at_75_octets(site: Build) -> None:
    for path in ("calendar.ics", f"utmaningar/{WITH_EVENTS}/calendar.ics"):
        raw = (site.site / path).read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        lines = raw.split(b"\r\n")
        assert max(len(line) for line in lines) <= 75
        assert any(line.startswith(b" ") for line in lines)  # long lines were folded
        raw.decode("utf-8")  # folding never splits a character


def test_each_entry_and_event_is_dated_by_its_own_challenge_not_by_the_commit_that_added_them(
        site: Build, exported: dict) -> None:
    # The shipped challenges were all added in one commit: that commit published them, it did
    # not change them, so each is dated by its own `published`, `updated` and later changes.
    feed = parsed_feed(site, "feed.xml")
    entries = {e.link: datetime.fromisoformat(e.updated) for e in feed.entries}
    for record in exported["challenges"]:
        own = max(filter(None, (record["published"], record["updated"])))
        assert entries[record["url"]].date().isoformat() >= own, record["slug"]
    assert len(set(entries.values())) > 1
    assert datetime.fromisoformat(feed.feed.updated) == max(entries.values())
    # This challenge is open (no deadline has passed): its last change is exactly the later of
    # its publication and its update, and its events carry it with the number of changes.
    record = next(r for r in exported["challenges"] if r["slug"] == WITH_EVENTS)
    changed = entries[record["url"]]
    assert changed.date().isoformat() == max(filter(None, (record["published"], record["updated"])))
    events = events_of(site, f"utmaningar/{WITH_EVENTS}/calendar.ics")
    assert {e["DTSTAMP"].dt for e in events} == {e["LAST-MODIFIED"].dt for e in events} == {changed}
    assert {e["SEQUENCE"] for e in events} == {len(changes_since_published(record))}


def test_each_municipality_and_challenge_has_a_calendar_and_pages_link_theirs(site: Build, catalogue: Catalogue) -> None:
    for key in catalogue.vocabularies.municipalities:
        assert len(events_of(site, f"kommuner/{key}/calendar.ics")) == \
            expected_calendar_entries(catalogue.in_municipality(key))
    today = date.fromisoformat(TEST_TODAY)
    for challenge in catalogue.published:
        assert len(events_of(site, f"utmaningar/{challenge.slug}/calendar.ics")) == \
            expected_calendar_entries([challenge])
        html = site.read(f"utmaningar/{challenge.slug}/index.html")
        has_dates = bool(challenge.events) or challenge.is_open(today)
        link = f'href="../../utmaningar/{challenge.slug}/calendar.ics">Lägg till i kalender</a>'
        assert (link in html) is has_dates, challenge.slug


def test_an_area_without_dates_keeps_its_calendar_and_its_page_says_it_is_empty(site: Build,
                                                                                catalogue: Catalogue) -> None:
    # A calendar to subscribe to before there is a date in it: valid, named, and said to be empty.
    empty = set()
    for key in catalogue.vocabularies.areas:
        events = calendar(site, f"omraden/{key}/calendar.ics").walk("VEVENT")
        assert len(events) == expected_calendar_entries(catalogue.in_area(key))
        says_empty = "Kalendern har inga datum just nu." in site.read(f"omraden/{key}/index.html")
        assert says_empty is (not events), key
        if not events:
            empty.add(key)
    assert 0 < len(empty) < len(catalogue.vocabularies.areas)


def test_a_stable_uid_survives_a_moved_deadline(site: Build) -> None:
    uids = {str(e["UID"]) for e in events_of(site, f"utmaningar/{WITH_EVENTS}/calendar.ics")}
    assert f"deadline-{WITH_EVENTS}@utmaningskatalogen.example.org" in uids


# --- OCDS ------------------------------------------------------------------------------------

def ocds_validator() -> jsonschema.Draft4Validator:
    """The release-package schema, its $ref to the release schema resolved from tests/data."""
    package = json.loads((OCDS / "release-package-schema.json").read_text(encoding="utf-8"))
    release = json.loads((OCDS / "release-schema.json").read_text(encoding="utf-8"))
    # Only these two resources: any other $ref would fail here instead of reaching the network.
    registry = Registry().with_resources((schema["id"], DRAFT4.create_resource(schema)) for schema in (package, release))
    return jsonschema.Draft4Validator(package, registry=registry, format_checker=jsonschema.FormatChecker())


def test_ocds_package_validates_against_the_ocds_1_1_5_schema_offline(site: Build) -> None:
    package = json.loads(site.read("ocds.json"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in ocds_validator().iter_errors(package)]
    assert not errors, errors
    for release in package["releases"]:  # the schema leaves formats unchecked without extra packages
        datetime.fromisoformat(release["date"])


def test_a_broken_ocds_release_is_caught_by_the_local_schema(site: Build) -> None:
    package = json.loads(site.read("ocds.json"))
    package["releases"][0]["tag"] = ["utkast"]
    assert not ocds_validator().is_valid(package)


def test_ocds_releases_are_tagged_classified_and_name_their_contact(site: Build, catalogue: Catalogue) -> None:
    package = json.loads(site.read("ocds.json"))
    assert package["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    releases = {r["ocid"]: r for r in package["releases"]}
    assert set(releases) == {f"ocds-utmkat-{c.slug}" for c in catalogue.published}
    for challenge in catalogue.published:
        release = releases[f"ocds-utmkat-{challenge.slug}"]
        stage = {"need": "planning", "dialogue": "planning", "cancelled": "tenderCancellation"}
        assert release["tag"][0].startswith(stage.get(challenge.status.value, "tender"))
        assert [i["classification"] for i in release["tender"].get("items", [])] == \
            [{"scheme": "CPV", "id": code} for code in challenge.cpv]
        buyer = next(p for p in release["parties"] if "buyer" in p["roles"])
        assert buyer["contactPoint"]["email"] == challenge.contact.email
        assert release["buyer"]["id"] == buyer["id"] == (challenge.lead_municipality or challenge.municipalities[0])
        milestones = release["planning"].get("milestones", [])
        assert [m["title"] for m in milestones if m["id"].startswith("mote-")] == [e.title for e in challenge.events]
        assert all(m["type"] == "engagement" for m in milestones if not m["id"].startswith("steg-"))


# --- Pages: structured data, history, the suppliers' page -----------------------------------

def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_challenge_pages_carry_a_schema_org_demand_the_municipalities_seek(site: Build, catalogue: Catalogue) -> None:
    for challenge in catalogue.published:
        data = json_ld(site.read(f"utmaningar/{challenge.slug}/index.html"))
        assert data["@context"] == "https://schema.org"
        page, demand, *rest = data["@graph"]
        assert page["@type"] == "WebPage" and page["mainEntity"] == {"@id": demand["@id"]}
        assert demand["@type"] == "Demand" and demand["name"] == challenge.marked(challenge.title)
        assert demand["url"] == f"{SITE_URL}utmaningar/{challenge.slug}/"
        organisations = [n for n in rest if n["@type"] == "GovernmentOrganization"]
        assert [o["@id"] for o in organisations] == [f"{SITE_URL}kommuner/{k}/#organisation"
                                                     for k in challenge.municipalities]
        assert all(o["seeks"] == {"@id": demand["@id"]} for o in organisations)
        # The deadline's day, at its time when the file gives one: 2027-02-15T12:00:00+01:00.
        assert demand.get("validThrough", "")[:10] == (challenge.deadline.isoformat() if challenge.deadline else "")
        assert len(demand.get("validThrough", "")) == (25 if challenge.deadline_time else 10 if challenge.deadline else 0)
        events = [n for n in rest if n["@type"] == "Event"]
        assert [e["name"] for e in events] == [e.title for e in challenge.events]
        assert all(e["about"]["@id"] == demand["@id"] and "eventStatus" in e for e in events)


def test_challenge_page_shows_its_git_history_and_last_update(site: Build, exported: dict) -> None:
    html = site.read(f"utmaningar/{WITH_EVENTS}/index.html")
    record = next(r for r in exported["challenges"] if r["slug"] == WITH_EVENTS)
    if not record["changes"]:
        assert "Ändringshistorik" not in html
        return
    section = html.split('id="andringshistorik"', 1)[1]
    assert re.findall(r'<li><time datetime="([^"]+)">', section)[:len(record["changes"])] == \
        [c["date"] for c in record["changes"]]
    # A default subject ("Update x.md") is never shown; the shipped catalogue's first commit also
    # touched a draft, so its message is shown nowhere.
    assert all(c["message"] is None or not is_default_message(c["message"]) for c in record["changes"])
    assert record["changes"][-1]["changes"] == [{"field": "published", "text": "Utmaningen publicerades"}]
    # Publishing it was no update: only a later change (or `updated` in the file) is shown as one.
    if record["updated"]:
        assert f'<dt>Senast uppdaterad</dt>\n<dd><time datetime="{record["updated"]}">' in html
    else:
        assert "Senast uppdaterad" not in html and not changes_since_published(record)


def test_the_suppliers_page_lists_absolute_feed_and_calendar_links_from_site_url(site: Build,
                                                                                catalogue: Catalogue) -> None:
    # Without the addresses' break points (formats.breakable_url).
    html = re.sub(r'<wbr>|<span class="uk-nowrap">|</span>', "", site.read("bevaka/index.html"))
    for path in ("feed.xml", "calendar.ics", "challenges.json", "challenges.csv", "challenges-excel.csv", "ocds.json",
                 "katalog.rdf",
                 *[f"kommuner/{k}/feed.xml" for k in catalogue.vocabularies.municipalities],
                 *[f"omraden/{k}/calendar.ics" for k in catalogue.vocabularies.areas]):
        assert f'<a href="{SITE_URL}{path}"><code>{SITE_URL}{path}</code></a>' in html, path
        assert (site.site / path).is_file(), path
    assert "CC0 1.0" in html
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    titles = [next(iter(entry)) for entry in nav if isinstance(entry, dict)]
    assert titles.index("Bevaka utmaningar") == titles.index("För företag") + 1


def test_an_address_on_the_page_may_wrap_only_after_a_slash_or_before_a_dot() -> None:
    assert breakable_url("https://a.example.org/omraden/fastigheter-och-lokaler/feed.xml?x=<b>") == (
        'https://<wbr>a<wbr>.example<wbr>.org/<wbr>omraden/<wbr><span class="uk-nowrap">fastigheter-och-lokaler/</span>'
        "<wbr>feed<wbr>.xml?x=&lt;b&gt;")


def test_every_export_counts_the_same_challenges_as_the_catalogue(site: Build, exported: dict,
                                                                  catalogue: Catalogue) -> None:
    published = len(catalogue.published)
    assert exported["count"] == len(exported["challenges"]) == published
    assert len(list(csv.DictReader(io.StringIO(site.read("challenges.csv").lstrip("\ufeff"))))) == published
    assert len(parsed_feed(site, "feed.xml").entries) == published
    assert len(json.loads(site.read("ocds.json"))["releases"]) == published
    assert len(list((site.site / "utmaningar").glob("*/calendar.ics"))) == published


def last_commit_day(path: str) -> str | None:
    log = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cI", "--", path], capture_output=True,
                         text=True)
    if log.returncode != 0 or not log.stdout.strip():
        return None
    return datetime.fromisoformat(log.stdout.strip()).astimezone(STOCKHOLM).date().isoformat()


def test_the_sitemap_dates_each_page_by_its_last_content_change_not_by_the_build(site: Build,
                                                                                 catalogue: Catalogue) -> None:
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", site.read("sitemap.xml")))
    changed = {e.link: datetime.fromisoformat(e.updated).astimezone(STOCKHOLM).date().isoformat()
               for e in parsed_feed(site, "feed.xml").entries}
    # A challenge's page: the challenge's last change, as in its feed entry.
    for url, day in changed.items():
        assert lastmod[url] == day, url
    # A guide page: its file's last commit (no date without git history).
    assert lastmod[f"{SITE_URL}arbetsmodell/organisation/"] == (last_commit_day("docs/arbetsmodell/organisation.md")
                                                                or "")
    # A list page: the latest change of what it lists, or of the names and descriptions it shows.
    vocabularies = last_commit_day("challenges/_vocabularies.yml") or ""
    assert lastmod[f"{SITE_URL}utmaningar/"] == max(max(changed.values()), vocabularies)
    ystad = [f"{SITE_URL}utmaningar/{c.slug}/" for c in catalogue.in_municipality("ystad")]
    assert lastmod[f"{SITE_URL}kommuner/ystad/"] == max(max(changed[url] for url in ystad), vocabularies)
    assert len(set(lastmod.values())) > 3


def test_feeds_name_the_stylesheet_that_shows_them_as_a_page(site: Build) -> None:
    for feed in ("feed.xml", "kommuner/ystad/feed.xml", "omraden/maltider/feed.xml"):
        second = site.read(feed).split("\n")[1]
        found = re.fullmatch(r'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>', second)
        assert found, second
        assert ((site.site / feed).parent / found.group(1)).resolve() == (site.site / "assets/feed.xsl").resolve()


def test_robots_txt_names_the_sitemap_and_pages_carry_link_previews(site: Build) -> None:
    assert site.read("robots.txt") == ("User-agent: *\nAllow: /\n"
                                       "Sitemap: https://utmaningskatalogen.example.org/sitemap.xml\n")
    page = site.read(f"utmaningar/{WITH_EVENTS}/index.html")
    for tag in ('<meta property="og:locale" content="sv_SE">', '<meta name="twitter:card" content="summary">',
                f'<meta property="og:url" content="https://utmaningskatalogen.example.org/utmaningar/{WITH_EVENTS}/">'):
        assert tag in page, tag
    assert "<title>Utmaningskatalogen</title>" in site.read("index.html")

"""Exports built from small fixtures: drafts and embargo leave no trace, values are escaped in
every format, and the change history comes from git (or is left out without it)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from support import (
    ROOT,
    TEST_TODAY,
    Build,
    build,
    build_fixture,
    challenge_text,
    fixture_config,
    new_challenges_dir,
    plugin_config,
)
from utmaningskatalogen.plugin import CataloguePlugin

ATTACK = '<img src=x onerror=alert(1)>"></script><script>alert(2)</script> & ; , \\ ny\nrad'
TITLE = ATTACK.split("\n")[0]  # titles are one line
SECRETS = ("hemligt-utkast", "Zebrautkastet", "hemlig-embargo", "Giraffembargot", "Okapimötet")


@pytest.fixture(scope="module")
def held_back(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A visible challenge beside a draft and an embargoed one, all with dates; no git history."""
    meeting = [{"title": "Okapimötet", "date": "2027-01-12", "time": "13:00", "location": "Ystad"}]
    result = build_fixture(tmp_path_factory.mktemp("held-back"), {
        "synlig.md": challenge_text(title="Synlig utmaning", status="dialogue", deadline="2027-01-31",
                                    related=["hemlig-embargo"], events=[{"title": "Öppet möte", "date": "2027-01-05"}]),
        "hemligt-utkast.md": challenge_text(title="Zebrautkastet", status="draft", events=meeting),
        "hemlig-embargo.md": challenge_text(title="Giraffembargot", status="dialogue", deadline="2027-03-01",
                                            published="2027-01-10", events=meeting),
    })
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def varied(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Markup and separators in every text, a formula-like title, and a deadline that passed."""
    result = build_fixture(tmp_path_factory.mktemp("varied"), {
        "attack.md": challenge_text(
            title=TITLE, summary=ATTACK, status="dialogue", deadline="2027-01-31",
            contact={"name": TITLE, "email": "a@example.org", "role": TITLE},
            events=[{"title": TITLE, "date": "2027-01-10", "time": "09:30", "location": ATTACK}]),
        "formel.md": challenge_text(title='=HYPERLINK("https://x.example")',
                                    summary="Vanlig text, med kommatecken; och \"citat\"."),
        "stangd.md": challenge_text(status="dialogue", deadline="2026-11-15", updated="2026-10-01"),
    })
    assert result.returncode == 0, result.log
    return result


def entry_of(site: Build, slug: str, feed: str = "feed.xml") -> feedparser.FeedParserDict:
    return next(e for e in feedparser.parse((site.site / feed).read_bytes()).entries if e.link.endswith(f"/{slug}/"))


def every_export(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.suffix in {".json", ".csv", ".xml", ".ics"}]


# --- Drafts and embargo ----------------------------------------------------------------------

def test_drafts_and_embargoed_challenges_are_in_no_export(held_back: Build) -> None:
    for path in every_export(held_back.site):
        text = path.read_text(encoding="utf-8")
        for secret in SECRETS:
            assert secret not in text, (path, secret)
    assert not (held_back.site / "utmaningar" / "hemligt-utkast").exists()
    assert not (held_back.site / "utmaningar" / "hemlig-embargo").exists()


def test_counts_in_every_export_agree_with_the_one_published_challenge(held_back: Build) -> None:
    site = held_back.site
    exported = json.loads((site / "challenges.json").read_text(encoding="utf-8"))
    assert [c["slug"] for c in exported["challenges"]] == ["synlig"] and exported["count"] == 1
    assert exported["challenges"][0]["related"] == []  # the embargoed slug is not named
    assert len(list(csv.reader(io.StringIO((site / "challenges.csv").read_text(encoding="utf-8-sig"))))) == 2
    assert len(feedparser.parse((site / "feed.xml").read_bytes()).entries) == 1
    assert len(feedparser.parse((site / "kommuner" / "ystad" / "feed.xml").read_bytes()).entries) == 1
    assert len(json.loads((site / "ocds.json").read_text(encoding="utf-8"))["releases"]) == 1
    events = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes()).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["Sista svarsdag: Synlig utmaning",
                                                         "Öppet möte – Synlig utmaning"]


def test_a_municipality_without_published_challenges_still_has_a_valid_empty_feed_and_calendar(held_back: Build) -> None:
    feed = feedparser.parse((held_back.site / "kommuner" / "simrishamn" / "feed.xml").read_bytes())
    # Dated by the catalogue's last change (the one challenge's publication day), not the build day.
    assert not feed.bozo and feed.entries == [] and feed.feed.updated == "2026-09-01T00:00:00+02:00"
    calendar = icalendar.Calendar.from_ical((held_back.site / "kommuner" / "simrishamn" / "calendar.ics").read_bytes())
    assert calendar.walk("VEVENT") == [] and calendar.walk("VTIMEZONE")


def test_without_git_history_pages_have_no_change_history_and_the_build_says_why(held_back: Build) -> None:
    html = held_back.read("utmaningar/synlig/index.html")
    assert "Ändringshistorik" not in html and "Senast uppdaterad" not in html
    assert "Ingen git-historik" in held_back.log and "WARNING" not in held_back.log
    record = json.loads(held_back.read("challenges.json"))["challenges"][0]
    assert record["changes"] == [] and record["updated"] is None


# --- Escaping in every format ------------------------------------------------------------------

def test_atom_carries_markup_in_titles_as_text(varied: Build) -> None:
    raw = varied.read("feed.xml")
    assert "<script>" not in raw and "<img" not in raw
    entry = entry_of(varied, "attack")
    assert entry.title == TITLE
    assert "&lt;img src=x" in entry.content[0].value  # escaped once more inside the HTML content


def test_icalendar_escapes_commas_semicolons_backslashes_and_newlines(varied: Build) -> None:
    raw = (varied.site / "utmaningar" / "attack" / "calendar.ics").read_bytes()
    assert b"& \\; \\, \\\\ ny\\nrad" in raw.replace(b"\r\n ", b"")
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    meeting = next(e for e in events if "TZID" in e["DTSTART"].params)
    assert str(meeting["LOCATION"]) == ATTACK
    assert str(meeting["SUMMARY"]).startswith(TITLE)


def test_csv_keeps_values_verbatim_and_defuses_formulas(varied: Build) -> None:
    rows = csv.DictReader(io.StringIO(varied.read("challenges.csv").lstrip("\ufeff")))
    row = next(r for r in rows if r["slug"] == "formel")
    assert row["title"] == "'=HYPERLINK(\"https://x.example\")"
    assert row["summary"] == "Vanlig text, med kommatecken; och \"citat\"."


def test_json_exports_and_json_ld_never_carry_a_raw_angle_bracket(varied: Build) -> None:
    for name, title_of in (
            ("challenges.json", lambda data: next(c for c in data["challenges"] if c["slug"] == "attack")["title"]),
            ("ocds.json", lambda data: next(r for r in data["releases"] if r["ocid"].endswith("-attack"))["tender"]["title"])):
        raw = varied.read(name)
        assert "<" not in raw and ">" not in raw, name
        assert title_of(json.loads(raw)) == TITLE, name  # the value itself is intact
    html = varied.read("utmaningar/attack/index.html")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["@graph"][0]["name"] == TITLE


# --- History from git ---------------------------------------------------------------------------

def _git(folder: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Anna", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "Anna",
           "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def with_history(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One challenge committed twice, then built. (test_reproducible.py builds the shipped
    catalogue, with its git history, twice and compares the bytes.)"""
    project = tmp_path_factory.mktemp("history")
    folder = new_challenges_dir(project / "challenges")
    path = folder / "ny-status.md"
    _git(folder, "init", "-q", "-b", "main", when="2026-01-01T00:00:00+01:00")
    path.write_text(challenge_text(status="need", updated="2026-10-01"), encoding="utf-8")
    _git(folder, "add", "-A", when="2026-09-01T10:00:00+02:00")
    _git(folder, "commit", "-q", "-m", "Ny utmaning", when="2026-09-01T10:00:00+02:00")
    path.write_text(challenge_text(status="dialogue", deadline="2027-01-31", updated="2026-10-01"), encoding="utf-8")
    _git(folder, "commit", "-q", "-am", "Status: marknadsdialog <nu>", when="2026-11-20T14:30:00+01:00")
    result = build(fixture_config(project, folder))
    assert result.returncode == 0, result.log
    return result


def test_the_page_lists_each_commit_newest_first_escaped(with_history: Build) -> None:
    html = with_history.read("utmaningar/ny-status/index.html")
    section = html.split('id="andringshistorik"', 1)[1]
    assert re.findall(r"<li>(.*?)</li>", section)[:2] == [
        '<time datetime="2026-11-20">20 november 2026</time>: Status ändrad från Behov till Marknadsdialog. '
        'Sista svarsdag tillagd: 31 januari 2027. '
        '<span class="uk-history__message">Kommentar: Status: marknadsdialog &lt;nu&gt;</span>',
        '<time datetime="2026-09-01">1 september 2026</time>: Utmaningen publicerades. '
        '<span class="uk-history__message">Kommentar: Ny utmaning</span>']
    # A change of status after publication is also at the top of the page, with its date.
    recent = html.split('class="uk-notice uk-recent"', 1)[1].split("</div>", 1)[0]
    assert '<li><time datetime="2026-11-20">20 november 2026</time>: Status ändrad från Behov till ' \
        'Marknadsdialog</li>' in recent


def test_updated_is_the_later_of_front_matter_and_the_last_commit_everywhere(with_history: Build) -> None:
    site = with_history
    assert '<dt>Senast uppdaterad</dt>\n<dd><time datetime="2026-11-20">20 november 2026</time>' in \
        site.read("utmaningar/ny-status/index.html")
    record = json.loads(site.read("challenges.json"))["challenges"][0]
    assert record["updated"] == "2026-11-20"
    assert [c["message"] for c in record["changes"]] == ["Status: marknadsdialog <nu>", "Ny utmaning"]
    # A new status is a new commit, so the feed entry is updated at the commit's time.
    entry = feedparser.parse(site.read("feed.xml").encode("utf-8")).entries[0]
    assert entry.updated == "2026-11-20T14:30:00+01:00"
    event = icalendar.Calendar.from_ical((site.site / "calendar.ics").read_bytes()).walk("VEVENT")[0]
    assert event["DTSTAMP"].to_ical() == b"20261120T133000Z"


def test_a_deadline_that_passed_updates_the_feed_entry_without_a_commit(varied: Build) -> None:
    entry = entry_of(varied, "stangd")
    assert entry.updated == "2026-11-16T00:00:00+01:00"
    assert "Stängd för svar sedan 15 november 2026" in entry.content[0].value
    # A closed deadline is no longer in any calendar, and the page offers no calendar.
    assert icalendar.Calendar.from_ical((varied.site / "utmaningar/stangd/calendar.ics").read_bytes()).walk("VEVENT") == []
    assert b"deadline-stangd@" not in (varied.site / "calendar.ics").read_bytes()
    assert "Lägg till i kalender" not in varied.read("utmaningar/stangd/index.html")


# --- Settings -----------------------------------------------------------------------------------

def test_a_build_without_site_url_fails_with_a_message_for_staff(tmp_path: Path) -> None:
    result = build_fixture(tmp_path, {"a.md": challenge_text()}, site_url="")
    assert result.returncode != 0
    assert "site_url saknas i mkdocs.yml" in result.log


def _plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **settings: object) -> tuple[MkDocsConfig, CataloguePlugin]:
    monkeypatch.setenv("CATALOGUE_TODAY", TEST_TODAY)
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "a.md").write_text(challenge_text(), encoding="utf-8")
    return plugin_config(tmp_path, site_url="https://example.org/katalog", **settings)


def test_exports_follow_site_url_and_the_ocid_prefix_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, plugin = _plugin(tmp_path, monkeypatch, ocid_prefix="ocds-abc123")
    plugin.on_files(Files([]), config=config)
    Path(config.site_dir).mkdir(parents=True, exist_ok=True)
    plugin.on_post_build(config=config)
    site = Path(config.site_dir)
    release = json.loads((site / "ocds.json").read_text(encoding="utf-8"))["releases"][0]
    assert release["ocid"] == "ocds-abc123-a"
    assert json.loads((site / "challenges.json").read_text(encoding="utf-8"))["challenges"][0]["url"] == \
        "https://example.org/katalog/utmaningar/a/"


def test_a_static_file_in_docs_that_would_take_an_exports_place_fails_the_build_by_name(tmp_path: Path) -> None:
    # The exports and the index are written while MkDocs copies docs/' static files: one of the two
    # would be lost without a word, so the build names the file instead.
    for name in ("robots.txt", "calendar.ics", "pagefind/pagefind.js", "_headers"):
        docs = tmp_path / name.replace("/", "-") / "docs"
        shutil.copytree(ROOT / "docs", docs)
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("egen fil\n", encoding="utf-8")
        result = build_fixture(docs.parent, {"a.md": challenge_text()}, docs_dir=str(docs))
        assert result.returncode == 1, result.log
        assert f"docs/{name} krockar med {name} som katalogen skriver" in result.log

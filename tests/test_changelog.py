"""The change history suppliers read: field by field in Swedish, newest first, and nothing of a
draft or an embargoed challenge, ever."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import feedparser
import jsonschema
import pytest
from support import assert_golden, challenge_text, new_challenges_dir
from test_history import commit, git
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.changelog import is_default_message
from utmaningskatalogen.exports import atom, json_export, ocds, schema_export
from utmaningskatalogen.history import challenge_history
from utmaningskatalogen.pages import PageRenderer
from utmaningskatalogen.publication import Publication

TODAY = date(2026, 12, 1)
FAQ = [{"question": "Får flera företag svara tillsammans?", "answer": "Ja."}]
DIALOGUE = {"status": "dialogue", "deadline": "2027-02-26"}


def publication_of(repo: Path) -> Publication:
    folder = repo / "challenges"
    return Publication(load_catalogue(folder, TODAY), site_url="https://example.org/", history=challenge_history(folder))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """One challenge's life: drafted, published, opened for dialogue, moved, answered, rewritten."""
    repo = tmp_path / "repo"
    new_challenges_dir(repo / "challenges")
    git(repo, "init", "-q", "-b", "main")
    path = "challenges/vatten.md"
    commit(repo, {path: challenge_text(status="draft", title="Läckor (arbetsnamn)")}, "Utkast om läckor",
           "2026-08-20T09:00:00+02:00")
    commit(repo, {path: challenge_text(title="Vattenläckor")}, "Update vatten.md", "2026-09-01T10:00:00+02:00")
    commit(repo, {path: challenge_text(title="Vattenläckor", **DIALOGUE)},
           "Marknadsdialogen öppnar", "2026-10-01T10:00:00+02:00")
    commit(repo, {path: challenge_text(title="Vattenläckor", status="dialogue", deadline="2027-03-05", faq=FAQ)},
           "Update vatten.md", "2026-11-02T10:00:00+01:00")
    commit(repo, {path: challenge_text(body="## Bakgrund\n\nNy text.\n", title="Vattenläckor", status="dialogue",
                                       deadline="2027-03-05", faq=FAQ, updated="2026-11-20")},
           "Tydligare bakgrund", "2026-11-20T10:00:00+01:00")
    return repo


def test_each_commit_says_what_changed_field_by_field_newest_first(repo: Path) -> None:
    publication = publication_of(repo)
    entries = publication.changes(publication.catalogue.published[0])
    assert [(e.day.isoformat(), [c.text for c in e.changes], e.message) for e in entries] == [
        ("2026-11-20", ["Texten ändrad"], "Tydligare bakgrund"),
        ("2026-11-02", ["Sista svarsdag ändrad från 26 februari 2027 till 5 mars 2027",
                        "Ny fråga besvarad: Får flera företag svara tillsammans?"], None),
        ("2026-10-01", ["Status ändrad från Behov till Marknadsdialog", "Sista svarsdag tillagd: 26 februari 2027"],
         "Marknadsdialogen öppnar"),
        ("2026-09-01", ["Utmaningen publicerades"], None),
    ]
    # The draft's working title and message are nowhere: the history starts at publication.
    assert "arbetsnamn" not in repr(entries) and "Utkast" not in repr(entries)


def test_the_rendered_history_matches_the_golden_file(repo: Path) -> None:
    publication = publication_of(repo)
    renderer = PageRenderer(publication.catalogue, publication=publication)
    page = renderer.challenge(publication.catalogue.published[0]).html
    recent = re.search(r'<div class="uk-notice uk-recent".*?</div>\n', page, re.S).group(0)  # type: ignore[union-attr]
    heading = '<h2 id="andringshistorik">Ändringshistorik</h2>'
    history = page.split(heading, 1)[1].split("</ul>", 1)[0] + "</ul>\n"
    assert_golden("history.html", recent + "\n" + heading + history)


def test_recent_changes_are_deadline_status_and_answers_after_publication(repo: Path) -> None:
    publication = publication_of(repo)
    recent = publication.recent_changes(publication.catalogue.published[0])
    assert [(entry.day.isoformat(), change.text) for entry, change in recent] == [
        ("2026-11-02", "Sista svarsdag ändrad från 26 februari 2027 till 5 mars 2027"),
        ("2026-11-02", "Ny fråga besvarad: Får flera företag svara tillsammans?"),
        ("2026-10-01", "Status ändrad från Behov till Marknadsdialog"),
        ("2026-10-01", "Sista svarsdag tillagd: 26 februari 2027"),
    ]


def test_the_feed_entry_is_updated_and_says_what_changed(repo: Path) -> None:
    publication = publication_of(repo)
    challenge = publication.catalogue.published[0]
    entry = feedparser.parse(atom.Feeds(publication).render([challenge], path="feed.xml", page="utmaningar/",
                                                            title="T")).entries[0]
    assert entry.updated == "2026-11-20T10:00:00+01:00"
    assert "<strong>Ändrat 20 november 2026:</strong> Texten ändrad." in entry.content[0].value


def test_challenges_json_carries_the_same_list_and_keeps_to_its_schema(repo: Path) -> None:
    publication = publication_of(repo)
    document = json.loads(json_export.render(publication))
    changes = document["challenges"][0]["changes"]
    assert changes[1] == {"date": "2026-11-02", "message": None, "notable": True, "changes": [
        {"field": "deadline", "text": "Sista svarsdag ändrad från 26 februari 2027 till 5 mars 2027"},
        {"field": "faq", "text": "Ny fråga besvarad: Får flera företag svara tillsammans?"}]}
    assert [c["notable"] for c in changes] == [False, True, True, False]
    validator = jsonschema.Draft202012Validator(schema_export.export_schema(publication),
                                                format_checker=jsonschema.FormatChecker())
    assert not [e.message for e in validator.iter_errors(document)]


def test_ocds_tags_follow_the_stage_and_the_changes_made_in_it(repo: Path) -> None:
    def tag() -> list[str]:
        publication = publication_of(repo)
        return ocds.release(publication, publication.catalogue.published[0])["tag"]

    assert tag() == ["planningUpdate"]  # a need, then a dialogue, changed since: all in the planning stage
    tender = {"title": "Vattenläckor", "status": "tender", "deadline": "2027-03-05", "faq": FAQ,
              "procurement": {"notice_url": "https://example.org/annons/1"}}
    commit(repo, {"challenges/vatten.md": challenge_text(**tender)}, "Upphandlingen annonserad",
           "2026-11-24T10:00:00+01:00")
    assert tag() == ["tender"]  # the first release of the tender stage
    commit(repo, {"challenges/vatten.md": challenge_text(**{**tender, "deadline": "2027-03-12"})},
           "Update vatten.md", "2026-11-25T10:00:00+01:00")
    assert tag() == ["tenderUpdate"]
    commit(repo, {"challenges/vatten.md": challenge_text(**{**tender, "status": "cancelled", "outcome": "Stoppad."})},
           "Avbruten", "2026-11-26T10:00:00+01:00")
    assert tag() == ["tenderCancellation"]


def test_a_commit_that_also_touched_a_draft_or_an_embargo_shows_no_message(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    new_challenges_dir(repo / "challenges")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, {"challenges/synlig.md": challenge_text()}, "Ny utmaning om snö", "2026-09-02T10:00:00+02:00")
    commit(repo, {"challenges/synlig.md": challenge_text(status="dialogue", deadline="2027-01-31"),
                  "challenges/hemlig.md": challenge_text(status="draft", title="Hemligt projekt")},
           "Snö öppnar, och utkast om Hemligt projekt", "2026-10-02T10:00:00+02:00")
    commit(repo, {"challenges/synlig.md": challenge_text(status="dialogue", deadline="2027-02-15"),
                  "challenges/senare.md": challenge_text(published="2027-01-10", title="Kommer snart")},
           "Flyttad svarsdag och embargo för Kommer snart", "2026-10-20T10:00:00+02:00")
    publication = publication_of(repo)
    assert [c.slug for c in publication.catalogue.published] == ["synlig"]
    entries = publication.changes(publication.catalogue.published[0])
    assert [e.message for e in entries] == [None, None, "Ny utmaning om snö"]
    assert [[c.text for c in e.changes] for e in entries][:2] == [
        ["Sista svarsdag ändrad från 31 januari 2027 till 15 februari 2027"],
        ["Status ändrad från Behov till Marknadsdialog", "Sista svarsdag tillagd: 31 januari 2027"]]
    exported = json_export.render(publication).decode("utf-8")
    for secret in ("Hemligt", "hemlig", "Kommer snart", "senare"):
        assert secret not in exported and secret not in repr(entries)


def test_commits_during_an_embargo_are_not_listed_but_make_up_what_was_published(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    new_challenges_dir(repo / "challenges")
    git(repo, "init", "-q", "-b", "main")
    path = "challenges/x.md"
    commit(repo, {path: challenge_text(published="2026-10-01", title="Första")}, "Embargo", "2026-09-01T10:00:00+02:00")
    commit(repo, {path: challenge_text(published="2026-10-01", title="Andra")}, "Ny rubrik före", "2026-09-15T10:00:00+02:00")
    commit(repo, {path: challenge_text(published="2026-10-01", title="Tredje")}, "Ny rubrik efter", "2026-10-05T10:00:00+02:00")
    entries = publication_of(repo).changes(load_catalogue(repo / "challenges", TODAY).published[0])
    assert [([c.text for c in e.changes], e.message) for e in entries] == [
        (["Rubrik ändrad från ”Andra” till ”Tredje”"], "Ny rubrik efter")]


@pytest.mark.parametrize("subject", [
    "Update vattenlackor-i-ledningsnatet.md", "Create challenges/ny.md", "Delete x.md", "Add files via upload",
    "Rename a.md to b.md", "Update x.md (#12)", "Merge pull request #4 from kommun/gren",
    "Merge branch 'main' into x", "Update Challenges “vatten”", "Create Challenges \"ny\"", 'Revert "Ny status"',
    "Initial commit", "Apply suggestions from code review", "", "  "])
def test_default_messages_are_not_shown(subject: str) -> None:
    assert is_default_message(subject)


@pytest.mark.parametrize("subject", ["Sista svarsdag flyttad efter dialogmötet", "Update: nya svar om budget",
                                     "Rättat stavfel i bakgrunden"])
def test_staff_messages_are_shown(subject: str) -> None:
    assert not is_default_message(subject)


def test_a_shallow_clone_lists_only_the_commits_it_has(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(clone))
    revisions = challenge_history(clone / "challenges")
    # The boundary commit looks as if it added the file: it is left out, not shown as a publication.
    assert [(r.subject, r.boundary) for r in revisions["vatten"]] == [("Tydligare bakgrund", False),
                                                                     ("Update vatten.md", True)]
    entries = publication_of(clone).changes(load_catalogue(clone / "challenges", TODAY).published[0])
    assert [([c.text for c in e.changes], e.message) for e in entries] == [(["Texten ändrad"], "Tydligare bakgrund")]


def test_a_deadline_time_and_a_dialogue_until_further_notice_are_notable_changes_in_swedish() -> None:
    from utmaningskatalogen.changelog import NOTABLE_FIELDS, field_changes

    changes = field_changes({"status": "dialogue", "deadline": "2027-02-26", "deadline_time": "12:00"},
                            {"status": "dialogue", "open_until_further_notice": True})
    assert [(c.field, c.text) for c in changes] == [
        ("deadline", "Sista svarsdag borttagen (var 26 februari 2027)"),
        ("deadline_time", "Klockslag för sista svar borttagen (var 12:00)"),
        ("open_until_further_notice", "Dialog tills vidare tillagd: ja")]
    assert {c.field for c in changes} <= NOTABLE_FIELDS
    assert [c.text for c in field_changes({"lead_municipality": "ystad"}, {"lead_municipality": "skurup"})] == [
        "Samordnande kommun ändrad från ystad till skurup"]

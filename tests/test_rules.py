"""Rules the pages already promise: what a status needs, and no half-written challenge published."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import challenge_text, new_challenges_dir
from test_validation import TODAY, line_of, only_problem, problems
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.rules import DEFAULT_SUMMARY_PHRASE, default_summary

NAME = "challenges/snorojning.md"


def test_tender_needs_a_notice_url_even_without_a_procurement_group(tmp_path: Path) -> None:
    text = challenge_text(status="tender", deadline="2027-01-31")
    assert only_problem(tmp_path, text) == (
        f"{NAME}:{line_of(text, 'status:')}: procurement.notice_url: krävs när status är tender (Upphandling); "
        "skriv procurement: och under det notice_url: https://example.org/annons/123")


def test_tender_needs_a_notice_url_inside_the_group(tmp_path: Path) -> None:
    text = challenge_text(status="tender", deadline="2027-01-31", procurement={"reference": "KS 2026/1"})
    assert only_problem(tmp_path, text) == (
        f"{NAME}:{line_of(text, 'status:')}: procurement.notice_url: krävs när status är tender (Upphandling); "
        "exempel: notice_url: https://example.org/annons/123")


@pytest.mark.parametrize("status, label", [("completed", "Avslutad"), ("cancelled", "Avbruten")])
def test_finished_challenges_need_an_outcome(tmp_path: Path, status: str, label: str) -> None:
    text = challenge_text(status=status)
    assert only_problem(tmp_path, text) == (
        f"{NAME}:{line_of(text, 'status:')}: outcome: krävs när status är {status} ({label}); exempel: outcome: "
        "Två leverantörer testade sensorer under 2027.")


def test_an_empty_body_is_an_error(tmp_path: Path) -> None:
    text = challenge_text(body="\n  \n")
    assert only_problem(tmp_path, text) == (
        f"{NAME}:14: brödtext: texten saknas; skriv under front matter vad utmaningen handlar om, till exempel "
        "under rubrikerna Bakgrund och Utmaningen")


def test_the_default_summary_may_not_be_published(tmp_path: Path) -> None:
    summary = default_summary(["Ystads kommun"], "Smart snöröjning")
    assert DEFAULT_SUMMARY_PHRASE in summary
    text = challenge_text(summary=summary)
    assert only_problem(tmp_path, text) == (
        f"{NAME}:{line_of(text, 'summary:')}: summary: är fortfarande mallens förslag; skriv en egen "
        "sammanfattning med en eller två meningar om behovet")


@pytest.mark.parametrize("body, line, message", [
    ("## Bakgrund\n\nText.\n\n##\n\nMer text.\n", 19,
     "rubriken saknar text; skriv en rubrik efter #-tecknen eller ta bort raden"),
    ("## Bakgrund\n\n<!-- Skriv här. -->\n\n## Utmaningen\n\nText.\n", 15,
     "rubriken 'Bakgrund' har ingen text under sig; skriv vad som hör dit eller ta bort rubriken"),
    ("## Bakgrund\n\nText.\n\n## Sist\n", 19,
     "rubriken 'Sist' har ingen text under sig; skriv vad som hör dit eller ta bort rubriken"),
])
def test_a_heading_without_text_may_not_be_published(tmp_path: Path, body: str, line: int, message: str) -> None:
    assert only_problem(tmp_path, challenge_text(body=body)) == f"{NAME}:{line}: brödtext: {message}"


def test_a_heading_with_only_subheadings_that_have_text_is_fine(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    body = "## Bakgrund\n\n### Läget\n\nText.\n\n```text\n## inte en rubrik\n```\n"
    (folder / "snorojning.md").write_text(challenge_text(body=body), encoding="utf-8")
    assert len(load_catalogue(folder, TODAY).published) == 1


def test_a_draft_may_be_unfinished_with_a_notice_for_the_log(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    text = challenge_text(status="draft", summary=default_summary(["Ystads kommun"], "Snö"),
                          body="## Bakgrund\n\n<!-- Skriv här. -->\n")
    (folder / "snorojning.md").write_text(text, encoding="utf-8")
    catalogue = load_catalogue(folder, TODAY)
    assert [c.slug for c in catalogue.drafts] == ["snorojning"]
    assert catalogue.notice_lines() == [
        f"{NAME}:{line_of(text, 'summary:')}: summary: är fortfarande mallens förslag; skriv en egen sammanfattning "
        "med en eller två meningar om behovet (utkast: rätta det innan utmaningen publiceras)",
        f"{NAME}:15: brödtext: rubriken 'Bakgrund' har ingen text under sig; skriv vad som hör dit eller ta bort "
        "rubriken (utkast: rätta det innan utmaningen publiceras)"]


def test_an_empty_body_is_an_error_for_a_draft_too(tmp_path: Path) -> None:
    assert problems(tmp_path, {"snorojning.md": challenge_text(status="draft", body="")}) == [
        f"{NAME}:14: brödtext: texten saknas; skriv under front matter vad utmaningen handlar om, till exempel "
        "under rubrikerna Bakgrund och Utmaningen"]

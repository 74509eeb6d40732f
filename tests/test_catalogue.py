"""What is published, what is held back, and in which order the catalogue lists challenges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import ROOT, challenge_text, new_challenges_dir
from utmaningskatalogen.catalogue import catalogue_today, load_catalogue, slugify
from utmaningskatalogen.statuses import Status


def catalogue_of(tmp_path: Path, files: dict[str, str], today: date = date(2026, 12, 1)):
    folder = new_challenges_dir(tmp_path / "challenges")
    for name, text in files.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return load_catalogue(folder, today)


def test_drafts_and_embargoed_challenges_are_held_back_and_counted_in_the_summary(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {
        "publicerad": challenge_text(),
        "utkast": challenge_text(status="draft"),
        "embargo": challenge_text(published="2027-01-10"),
    })
    assert [c.slug for c in catalogue.published] == ["publicerad"]
    assert [c.slug for c in catalogue.drafts] == ["utkast"]
    assert [c.slug for c in catalogue.embargoed] == ["embargo"]
    assert catalogue.summary() == "1 utmaning publicerad, 1 utkast, 1 under embargo till 2027-01-10 (embargo)"


def test_embargo_lifts_on_the_published_date(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {"embargo": challenge_text(published="2027-01-10")}, date(2027, 1, 10))
    assert [c.slug for c in catalogue.published] == ["embargo"]


def test_open_for_responses_is_derived_from_today_and_the_deadline(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {
        "dialog": challenge_text(status="dialogue", deadline="2026-12-01"),
        "behov": challenge_text(status="need", deadline="2027-06-01"),
    })
    dialogue, need = catalogue.get("dialog"), catalogue.get("behov")
    assert dialogue is not None and need is not None
    assert dialogue.is_open(date(2026, 12, 1)) and not dialogue.is_open(date(2026, 12, 2))
    assert not need.is_open(date(2026, 12, 1))


def test_closing_soon_means_open_with_at_most_seven_days_left(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {"dialog": challenge_text(status="dialogue", deadline="2026-12-08")})
    challenge = catalogue.published[0]
    assert challenge.is_closing_soon(date(2026, 12, 1))
    assert not challenge.is_closing_soon(date(2026, 11, 30))
    assert not challenge.is_closing_soon(date(2026, 12, 9))


def test_catalogue_lists_open_first_by_nearest_deadline_then_the_rest_by_status(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {
        "avslutad": challenge_text(status="completed", outcome="Det gick bra."),
        "behov-gammal": challenge_text(status="need", published="2026-01-01"),
        "behov-ny": challenge_text(status="need", published="2026-06-01"),
        "upphandling-sen": challenge_text(status="tender", deadline="2027-03-01",
                                          procurement={"notice_url": "https://example.org/a"}),
        "dialog-snart": challenge_text(status="dialogue", deadline="2026-12-05"),
        "dialog-stangd": challenge_text(status="dialogue", published="2026-01-01", deadline="2026-11-01"),
    })
    assert [c.slug for c in catalogue.published] == [
        "dialog-snart", "upphandling-sen", "behov-ny", "behov-gammal", "dialog-stangd", "avslutad"]


def test_today_comes_from_catalogue_today_when_set() -> None:
    assert catalogue_today({"CATALOGUE_TODAY": "2027-02-03"}) == date(2027, 2, 3)
    with pytest.raises(ValueError, match="CATALOGUE_TODAY='i morgon' är inget datum"):
        catalogue_today({"CATALOGUE_TODAY": "i morgon"})


def test_today_is_a_real_date_in_stockholm_otherwise() -> None:
    assert isinstance(catalogue_today({}), date)


@pytest.mark.parametrize("title, slug", [
    ("Smart snöröjning på gång- och cykelvägar", "smart-snorojning-pa-gang-och-cykelvagar"),
    ("Café för äldre – ÅÄÖ é", "cafe-for-aldre-aao-e"),
    ("  IT!!  ", "it"),
])
def test_slugify_turns_swedish_titles_into_file_names(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_shipped_content_covers_every_public_status_and_one_draft() -> None:
    catalogue = load_catalogue(ROOT / "challenges", date(2026, 12, 1))
    statuses = {c.status for c in catalogue.published}
    assert statuses == {s for s in Status if s.is_public}
    assert len(catalogue.published) == 10 and len(catalogue.drafts) == 1
    assert all(c.example for c in catalogue.published + catalogue.held_back)
    assert sum(len(c.municipalities) > 1 for c in catalogue.published) >= 3
    assert set(catalogue.vocabularies.municipalities) == {
        "skurup", "ystad", "trelleborg", "sjobo", "tomelilla", "simrishamn"}

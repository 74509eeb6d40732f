"""Public-sector conventions for people: texts that fit one municipality or several, who answers
for each page (Webbriktlinjer R21), a passed deadline marked in every list (R24), "Redigera sidan"
worded for staff in the footer, and an accessibility statement with its own feedback address."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from support import Build, build, catalogue_settings, challenge_text, fixture_config, new_challenges_dir
from utmaningskatalogen.catalogue import Catalogue, load_catalogue
from utmaningskatalogen.pages import PageRenderer
from utmaningskatalogen.search_index import SearchRecords
from utmaningskatalogen.statuses import Status

TODAY = date(2026, 12, 1)
DIALOGUE = ("Kommunen för marknadsdialog och vill ha leverantörers synpunkter och idéer fram till sista "
            "svarsdag.")


def catalogue_of(tmp_path: Path, files: dict[str, str]) -> Catalogue:
    folder = new_challenges_dir(tmp_path / "challenges")
    for slug, text in files.items():
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return load_catalogue(folder, TODAY)


@pytest.mark.parametrize("municipalities, subject", [
    (["ystad"], "Kommunen"),
    (["skurup", "ystad", "sjobo", "tomelilla"], "Kommunerna"),
])
def test_the_status_text_fits_one_municipality_or_several(tmp_path: Path, municipalities: list[str],
                                                          subject: str) -> None:
    catalogue = catalogue_of(tmp_path, {
        "dialog": challenge_text(status="dialogue", deadline="2027-01-31", municipalities=municipalities),
        "behov": challenge_text(status="need", municipalities=municipalities)})
    renderer = PageRenderer(catalogue)
    dialogue, need = (renderer.challenge(catalogue.get(slug)).html for slug in ("dialog", "behov"))
    assert f"<p>{DIALOGUE.replace('Kommunen', subject)} 61 dagar kvar.</p>" in dialogue
    assert f"<p>{subject} har identifierat och beskrivit ett behov men ännu inte börjat någon upphandling." in need
    assert ("Kommunerna" if subject == "Kommunen" else "Kommunen ") not in dialogue + need


def test_the_field_reference_describes_a_status_for_one_municipality() -> None:
    assert Status.DIALOGUE.meaning == DIALOGUE


@pytest.fixture
def with_passed_deadline(tmp_path: Path) -> Catalogue:
    return catalogue_of(tmp_path, {
        "stangd": challenge_text(title="Stängd dialog", status="dialogue", deadline="2026-11-15"),
        "oppen": challenge_text(title="Öppen dialog", status="dialogue", deadline="2027-01-31", related=["stangd"]),
        # A need may carry a date, but it never takes responses: nothing to mark.
        "behov": challenge_text(title="Behov med datum", status="need", deadline="2026-11-15"),
    })


def test_a_passed_deadline_is_marked_on_cards_and_in_the_stage_list(with_passed_deadline: Catalogue) -> None:
    renderer = PageRenderer(with_passed_deadline)
    listing = renderer.catalogue_listing().html
    cards = {slug: listing.split(f'data-slug="{slug}"', 1)[1].split("</li>", 1)[0]
             for slug in ("stangd", "oppen", "behov")}
    assert '<span class="uk-response uk-response--closed">Stängd för svar sedan 15 november 2026</span>' in cards["stangd"]
    assert "Öppen för svar till och med 31 januari 2027" in cards["oppen"] and "Stängd" not in cards["oppen"]
    assert "uk-response" not in cards["behov"]
    stage = renderer.stage_list(Status.DIALOGUE, "arbetsmodell/marknadsdialog.md")
    assert ('Stängd dialog</a> – Ystads kommun <span class="uk-response uk-response--closed">(stängd för svar sedan '
            '15 november 2026)</span></li>') in stage
    assert ('Öppen dialog</a> – Ystads kommun <span class="uk-response uk-response--open">(öppen för svar till och '
            'med 31 januari 2027)</span></li>') in stage


def test_a_passed_deadline_is_marked_among_related_challenges_and_in_search_results(
        with_passed_deadline: Catalogue) -> None:
    renderer = PageRenderer(with_passed_deadline)
    page = renderer.challenge(with_passed_deadline.get("oppen")).html
    assert '<a href="../../utmaningar/stangd/">Stängd dialog</a> (Marknadsdialog, stängd för svar)</li>' in page
    records = SearchRecords(with_passed_deadline)
    shown = {slug: records.challenge(with_passed_deadline.get(slug), "").html
             for slug in ("stangd", "oppen", "behov")}
    assert '<span data-pagefind-meta="open:Stängd för svar"></span>' in shown["stangd"]
    assert '<span data-pagefind-meta="open:Öppen för svar"></span>' in shown["oppen"]
    assert "data-pagefind-meta=\"open:" not in shown["behov"]


def test_a_challenge_page_names_its_contact_as_responsible_with_the_way_to_reach_them(tmp_path: Path) -> None:
    catalogue = catalogue_of(tmp_path, {"snorojning": challenge_text(contact={
        "name": "Bo <Berg>", "email": "bo.berg@example.org"})})
    page = PageRenderer(catalogue).challenge(catalogue.get("snorojning"))
    assert page.meta["catalogue_responsible"] == "Bo &lt;Berg&gt;"  # themes print page.meta as it is
    assert page.meta["catalogue_responsible_link"] == "#kontakt" and 'id="kontakt"' in page.html


def test_feedback_goes_to_the_network_s_address_when_it_has_one(tmp_path: Path) -> None:
    renderer = PageRenderer(catalogue_of(tmp_path, {}))
    assert renderer.feedback("tillganglighet.md", "redaktion@kommun.example").strip() == (
        '<p>Skriv till <a href="mailto:redaktion@kommun.example">redaktion@kommun.example</a>. Gäller det en viss '
        "utmaning kan du också skriva till kontaktpersonen som står på den.</p>")
    assert renderer.feedback("tillganglighet.md", "").strip() == (
        '<p>Skriv till kontaktpersonen som står på den utmaning det gäller, eller till någon av '
        '<a href="../kommuner/">kommunerna i nätverket</a>.</p>')


def test_shipped_pages_name_who_answers_for_them_and_put_the_edit_link_in_the_footer(shipped_site: Build) -> None:
    challenge = shipped_site.read("utmaningar/vattenlackor-i-ledningsnatet/index.html")
    guide = shipped_site.read("arbetsmodell/marknadsdialog/index.html")
    assert '<p class="uk-page-info">Ansvarig för sidan: <a href="#kontakt">Anna Lindqvist</a></p>' in challenge
    assert '<p class="uk-page-info">Ansvarig för sidan: Redaktionen för Utmaningskatalogen' in guide
    for page in (challenge, guide):
        content, footer = page.split('<footer class="md-footer">', 1)
        assert "Redigera" not in content
        assert ">Redigera sidan (för personal i kommunerna)</a></p>" in footer
    # Without a network address (editorial_email), the statement sends readers where they can write.
    statement = shipped_site.read("tillganglighet/index.html")
    assert statement.count("<p>Skriv till kontaktpersonen som står på den utmaning det gäller, eller till någon av "
                           '<a href="../kommuner/">kommunerna i nätverket</a>.</p>') == 2


def test_the_network_s_address_is_given_in_the_statement_and_under_every_own_page(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text(challenge_text(), encoding="utf-8")
    config_file = fixture_config(tmp_path, folder)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    catalogue_settings(config).update(editorial_name="Nätverkets redaktion", editorial_email="redaktion@kommun.example")
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = build(config_file)
    assert site.returncode == 0, site.log
    statement = site.read("tillganglighet/index.html")
    assert statement.count('<p>Skriv till <a href="mailto:redaktion@kommun.example">redaktion@kommun.example</a>.') == 2
    assert ('<p class="uk-page-info">Ansvarig för sidan: <a href="mailto:redaktion@kommun.example">Nätverkets '
            'redaktion</a>') in site.read("index.html")
    assert '<p class="uk-page-info">Ansvarig för sidan: Nätverkets redaktion' not in site.read("index.html")
    assert '<p class="uk-page-info">Ansvarig för sidan: <a href="#kontakt">Anna Andersson</a></p>' in site.read(
        "utmaningar/snorojning/index.html")

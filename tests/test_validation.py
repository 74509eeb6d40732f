"""Every mistake staff can make in a challenge file gets a clear Swedish message with file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import challenge_text, new_challenges_dir
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.problems import ContentError, Problem, shown_field

TODAY = date(2026, 12, 1)


def problems(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    folder = new_challenges_dir(tmp_path / "challenges")
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_catalogue(folder, TODAY)
    return [str(p) for p in raised.value.problems]


def line_of(text: str, start: str, after: str = "") -> int:
    """1-based number of the first line starting with `start` (after the line starting with `after`)."""
    lines = text.splitlines()
    begin = next(i for i, line in enumerate(lines) if line.startswith(after)) if after else 0
    return next(i for i, line in enumerate(lines) if i >= begin and line.lstrip("- ").startswith(start)) + 1


def only_problem(tmp_path: Path, text: str | bytes, name: str = "snorojning.md") -> str:
    found = problems(tmp_path, {name: text})
    assert len(found) == 1, found
    return found[0]


def test_valid_challenge_has_no_problems(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text(challenge_text(), encoding="utf-8")
    catalogue = load_catalogue(folder, TODAY)
    assert [c.slug for c in catalogue.published] == ["snorojning"]


def test_file_without_front_matter(tmp_path: Path) -> None:
    assert only_problem(tmp_path, "# Snöröjning\n\nText.\n") == (
        "challenges/snorojning.md:1: front matter: filen saknar front matter; första raden ska vara --- "
        "och fälten (title, summary, status …) ska stå före en ny rad med ---"
    )


def test_front_matter_that_never_ends(tmp_path: Path) -> None:
    assert only_problem(tmp_path, "---\ntitle: Snö\n\nText.\n") == (
        "challenges/snorojning.md:1: front matter: front matter avslutas aldrig; lägg till en rad med --- "
        "efter fälten"
    )


def test_malformed_yaml_reports_the_line_of_the_yaml_error(tmp_path: Path) -> None:
    text = challenge_text().replace("title: Smart snöröjning", "title: Snö: röjning")
    assert only_problem(tmp_path, text) == (
        "challenges/snorojning.md:2: front matter: YAML-fel: ett kolon står där det inte får stå; sätt "
        "citattecken runt texten"
    )


def test_malformed_yaml_further_down_names_its_own_line(tmp_path: Path) -> None:
    text = "---\ntitle: Snö\nsummary: Text\nmunicipalities:\n  - ystad\n - skurup\n---\n"
    assert only_problem(tmp_path, text).startswith("challenges/snorojning.md:6: front matter: YAML-fel:")


def test_empty_file(tmp_path: Path) -> None:
    assert only_problem(tmp_path, "") == (
        "challenges/snorojning.md:1: front matter: filen är tom; den ska börja med front matter mellan två "
        "rader med ---"
    )


def test_file_saved_as_windows_1252_names_the_line_with_the_bad_character(tmp_path: Path) -> None:
    text = challenge_text(summary="Vi vill röja snö på gator och torg.").encode("cp1252")
    assert only_problem(tmp_path, text) == (
        "challenges/snorojning.md:2: kodning: filen är inte sparad som UTF-8: ett tecken på raden kan inte "
        "läsas (troligen å, ä eller ö sparat som Windows-1252 eller Latin-1); spara om filen med "
        "teckenkodningen UTF-8"
    )


def test_utf8_with_byte_order_mark_is_fine(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_bytes(b"\xef\xbb\xbf" + challenge_text().encode())
    assert len(load_catalogue(folder, TODAY).published) == 1


def test_missing_required_field(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(summary=None)) == (
        "challenges/snorojning.md:1: summary: fältet saknas men krävs alltid; exempel: summary: Vi vill "
        "hitta läckor i ledningsnätet innan de blir stora."
    )


def test_missing_field_inside_a_group_points_at_the_group(tmp_path: Path) -> None:
    text = challenge_text(contact={"name": "Anna Andersson"})
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'contact:')}: contact.email: fältet saknas men krävs alltid; exempel: email: "
        "anna.andersson@example.org"
    )


def test_unknown_key_suggests_the_nearest_known_one(tmp_path: Path) -> None:
    text = challenge_text(status="dialogue", deadline="2027-01-31").replace("deadline:", "deadine:")
    found = problems(tmp_path, {"snorojning.md": text})
    assert found == [
        "challenges/snorojning.md:4: deadline: krävs när status är dialogue (Marknadsdialog); exempel: "
        "deadline: 2027-01-31",
        f"challenges/snorojning.md:{line_of(text, 'deadine:')}: deadine: 'deadine' är inget känt fält; menade du 'deadline'? Kända fält: "
        "title, summary, status, municipalities, lead_municipality, areas, published, deadline, deadline_time, "
        "open_until_further_notice, contact, other_contacts, updated, procurement, phases, evaluation, "
        "response_languages, co_funding, events, cpv, sdgs, related, documents, faq, outcome, responses_received, "
        "suppliers_chosen, title_en, summary_en, example, example_source",
    ]


def test_string_where_a_list_is_expected(tmp_path: Path) -> None:
    text = challenge_text().replace("municipalities:\n- ystad", "municipalities: ystad")
    assert only_problem(tmp_path, text) == (
        "challenges/snorojning.md:5: municipalities: ska vara en lista, även när den har ett enda värde; "
        "skriv till exempel municipalities: [skurup, ystad]"
    )


def test_a_list_of_one_is_a_list(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text(challenge_text(areas=["maltider"]), encoding="utf-8")
    assert load_catalogue(folder, TODAY).published[0].areas == ("maltider",)


def test_number_where_text_is_expected(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(title=2027)) == (
        "challenges/snorojning.md:2: title: ska vara text, inte ett tal; sätt citattecken runt värdet"
    )


def test_impossible_date(tmp_path: Path) -> None:
    text = challenge_text(published="2026-02-30")
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'published:')}: published: '2026-02-30' är inget riktigt datum: februari 2026 har 28 dagar"
    )


def test_date_in_the_wrong_form(tmp_path: Path) -> None:
    text = challenge_text(published="1 mars 2026")
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'published:')}: published: '1 mars 2026' är inget datum på formen ÅÅÅÅ-MM-DD; skriv till "
        "exempel 2026-09-01"
    )


@pytest.mark.parametrize("written", ["31/12/2026", "31.12.2026", "2026/12/31", "31-12-2026", "2026.12.31"])
def test_a_date_written_another_way_is_offered_as_yyyy_mm_dd(tmp_path: Path, written: str) -> None:
    text = challenge_text(published=written)
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'published:')}: published: '{written}' är inget datum på formen "
        "ÅÅÅÅ-MM-DD; menade du 2026-12-31?"
    )


def test_a_date_with_single_digits_is_offered_with_two(tmp_path: Path) -> None:
    assert "'2027-1-5' är inget datum på formen ÅÅÅÅ-MM-DD; menade du 2027-01-05?" in only_problem(
        tmp_path, challenge_text(published="2027-1-5"))


def test_a_date_written_another_way_that_does_not_exist_is_not_offered(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(published="31/02/2026")).endswith(
        "published: '31/02/2026' är inget datum på formen ÅÅÅÅ-MM-DD; skriv till exempel 2026-09-01")


def test_deadline_before_published(tmp_path: Path) -> None:
    text = challenge_text(status="dialogue", published="2026-10-01", deadline="2026-09-15")
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'deadline:')}: deadline: sista svarsdag 2026-09-15 ligger före publiceringsdagen "
        "2026-10-01; rätta något av datumen"
    )


STATUSES = ("need (Behov), dialogue (Marknadsdialog), tender (Upphandling), in_progress (Genomförande), "
            "completed (Avslutad), cancelled (Avbruten), draft (Utkast)")


def test_unknown_status(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(status="fas 2")) == (
        f"challenges/snorojning.md:4: status: 'fas 2' är ingen känd status; använd en av: {STATUSES}"
    )


@pytest.mark.parametrize("written, meant", [
    ("öppen", "'dialogue' (Marknadsdialog) eller 'tender' (Upphandling)"),  # open for responses: either
    ("avslutat", "'completed' (Avslutad)"),  # near a label
    ("pågår", "'in_progress' (Genomförande)"),  # a Swedish word
    ("tendr", "'tender' (Upphandling)"),  # near a value
])
def test_status_written_as_a_swedish_word_or_a_typo_gets_a_suggestion(tmp_path: Path, written: str,
                                                                      meant: str) -> None:
    assert only_problem(tmp_path, challenge_text(status=written)) == (
        f"challenges/snorojning.md:4: status: '{written}' är ingen känd status; menade du {meant}? "
        f"använd en av: {STATUSES}"
    )


def test_status_written_as_its_swedish_label_gets_the_value(tmp_path: Path) -> None:
    assert "menade du 'dialogue'?" in only_problem(tmp_path, challenge_text(status="Marknadsdialog"))


def test_the_second_entry_of_a_list_is_named_in_words(tmp_path: Path) -> None:
    text = challenge_text(municipalities=["ystad", "Tomelila"])
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'Tomelila')}: den andra kommunen i listan (municipalities): "
        "'Tomelila' är ingen känd kommun; menade du 'tomelilla'? kända nycklar: skurup, ystad, trelleborg, sjobo, "
        "tomelilla, simrishamn (se challenges/_vocabularies.yml)"
    )


@pytest.mark.parametrize("path, shown", [
    ("municipalities[2]", "den andra kommunen i listan (municipalities)"),
    ("documents[12].url", "url i det tolfte dokumentet i listan (documents)"),
    ("faq[21].answer", "answer i den 21:a frågan i listan (faq)"),
    ("cpv[13]", "den 13:e koden i listan (cpv)"),
    ("hide[1]", "den första punkten i listan (hide)"),
    ("contact.email", "contact.email"),
])
def test_list_entries_are_named_in_words_not_in_brackets(path: str, shown: str) -> None:
    assert shown_field(path) == shown


def test_a_pull_request_annotation_names_the_entry_in_words_too() -> None:
    problem = Problem("challenges/x.md", 6, "municipalities[2]", "'ystadt' är ingen känd kommun")
    assert problem.as_github_annotation() == (
        "::error file=challenges/x.md,line=6,title=den andra kommunen i listan (municipalities)::"
        "'ystadt' är ingen känd kommun")


def test_a_placeholder_in_a_list_must_be_filled_in_and_gets_no_guess(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(municipalities=["FYLL I: kommun"])) == (
        "challenges/snorojning.md:6: den första kommunen i listan (municipalities): 'FYLL I: kommun' är en "
        "platshållare från mallen och måste fyllas i; skriv en av de kända nycklarna: skurup, ystad, trelleborg, "
        "sjobo, tomelilla, simrishamn (se challenges/_vocabularies.yml)"
    )


def test_unknown_municipality(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(municipalities=["ystadt"])) == (
        "challenges/snorojning.md:6: den första kommunen i listan (municipalities): 'ystadt' är ingen känd kommun; "
        "menade du 'ystad'? "
        "kända nycklar: skurup, ystad, trelleborg, sjobo, tomelilla, simrishamn (se challenges/_vocabularies.yml)"
    )


def test_municipality_written_as_its_name_gets_the_key(tmp_path: Path) -> None:
    assert "'Sjöbo kommun' är ingen känd kommun; menade du 'sjobo'?" in only_problem(
        tmp_path, challenge_text(municipalities=["Sjöbo kommun"]))


def test_unknown_area(tmp_path: Path) -> None:
    text = challenge_text(areas=["trafikk"])
    message = only_problem(tmp_path, text)
    assert message.startswith(f"challenges/snorojning.md:{line_of(text, 'trafikk')}: det första området "
                              "i listan (areas): 'trafikk' är "
                              "inget känt område; menade du 'trafik-och-mobilitet'? kända nycklar: vard-och-omsorg, ")


def test_area_written_as_its_name_gets_the_key(tmp_path: Path) -> None:
    assert "'Måltider' är inget känt område; menade du 'maltider'?" in only_problem(
        tmp_path, challenge_text(areas=["Måltider"]))


def test_dialogue_without_deadline(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(status="dialogue")) == (
        "challenges/snorojning.md:4: deadline: krävs när status är dialogue (Marknadsdialog); exempel: "
        "deadline: 2027-01-31"
    )


def test_tender_without_notice_url(tmp_path: Path) -> None:
    text = challenge_text(status="tender", deadline="2027-01-31", procurement={"procedure": "Öppet förfarande"})
    assert only_problem(tmp_path, text) == (
        "challenges/snorojning.md:4: procurement.notice_url: krävs när status är tender (Upphandling); "
        "exempel: notice_url: https://example.org/annons/123"
    )


def test_notice_url_must_be_https(tmp_path: Path) -> None:
    text = challenge_text(procurement={"notice_url": "http://example.org/annons"})
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'notice_url:')}: procurement.notice_url: 'http://example.org/annons' använder http; ange "
        "en säker adress som börjar med https://"
    )


def test_malformed_email(tmp_path: Path) -> None:
    text = challenge_text(contact={"name": "Anna", "email": "anna(at)example.org"})
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'email:')}: contact.email: 'anna(at)example.org' är ingen giltig e-postadress; "
        "exempel: anna.andersson@example.org"
    )


@pytest.mark.parametrize("name, suggestion", [
    ("Snorojning.md", "snorojning.md"),
    ("smart snöröjning.md", "smart-snorojning.md"),
    ("snöröjning.md", "snorojning.md"),
])
def test_bad_file_names_are_errors_with_a_suggested_name(tmp_path: Path, name: str, suggestion: str) -> None:
    stem = name.removesuffix(".md")
    assert only_problem(tmp_path, challenge_text(), name=name) == (
        f"challenges/{name}:1: filnamn: '{stem}' duger inte som filnamn; det blir sidans adress och får bara ha "
        "små bokstäver a–z, siffror och enkla bindestreck (inga å, ä, ö eller mellanslag); menade du "
        f"'{suggestion}'?"
    )


def test_markdown_file_with_another_ending_is_not_silently_skipped(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(), name="snorojning.markdown") == (
        "challenges/snorojning.markdown:1: filnamn: filändelsen .markdown läses inte som en utmaning; döp om "
        "filen till snorojning.md"
    )


def test_files_starting_with_underscore_and_the_readme_are_not_challenges(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "_mall.md").write_text("inte en utmaning", encoding="utf-8")
    (folder / "README.md").write_text("# Om mappen\n", encoding="utf-8")
    (folder / "bild.png").write_bytes(b"\x89PNG")
    assert load_catalogue(folder, TODAY).published == ()


@pytest.mark.parametrize("body, message", [
    ("Text <script>alert(1)</script>\n",
     "HTML-taggen <script> är inte tillåten; den kan köra kod eller bädda in en annan webbplats. Ta bort den "
     "och skriv vanlig text eller en vanlig länk"),
    ('<iframe src="https://example.org"></iframe>\n',
     "HTML-taggen <iframe> är inte tillåten; den kan köra kod eller bädda in en annan webbplats. Ta bort den "
     "och skriv vanlig text eller en vanlig länk"),
    ('<object data="x.swf"></object>\n',
     "HTML-taggen <object> är inte tillåten; den kan köra kod eller bädda in en annan webbplats. Ta bort den "
     "och skriv vanlig text eller en vanlig länk"),
    ('<embed src="x.swf">\n',
     "HTML-taggen <embed> är inte tillåten; den kan köra kod eller bädda in en annan webbplats. Ta bort den "
     "och skriv vanlig text eller en vanlig länk"),
    ("<style>body { display: none }</style>\n",
     "HTML-taggen <style> är inte tillåten; den ändrar hela sidans utseende. Ta bort den och skriv vanlig "
     "text eller en vanlig länk"),
    ('<img src="x.png" onerror="alert(1)">\n',
     "attributet onerror= är inte tillåtet; det kör kod i besökarens webbläsare. Ta bort det"),
    ('[Läs mer](https://example.org){: onclick="alert(1)" }\n',
     "attributet onclick= är inte tillåtet; det kör kod i besökarens webbläsare. Ta bort det"),
    ("[Klicka här](javascript:alert(1))\n",
     "länkar som börjar med javascript: är inte tillåtna; länka med https://"),
])
def test_scripts_and_embeds_in_the_body_name_the_line(tmp_path: Path, body: str, message: str) -> None:
    text = challenge_text(body="## Bakgrund\n\nFörsta stycket.\n\n" + body)
    lines = text.splitlines()
    line = next(i for i, content in enumerate(lines, start=1) if content == body.strip())
    assert only_problem(tmp_path, text) == f"challenges/snorojning.md:{line}: brödtext: {message}"


def test_ordinary_words_starting_with_on_are_not_event_attributes(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    body = "Vi vill att online=alltid ska gälla, och <abbr title=\"onsdag\">ons</abbr> är mötesdag.\n"
    (folder / "snorojning.md").write_text(challenge_text(body=body), encoding="utf-8")
    assert len(load_catalogue(folder, TODAY).published) == 1


def test_related_slug_that_does_not_exist(tmp_path: Path) -> None:
    text = challenge_text(related=["snorojningen"])
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'snorojningen')}: den första utmaningen i listan (related): "
        "'snorojningen' finns inte bland utmaningarna (ingen fil "
        "challenges/snorojningen.md); menade du 'snorojning'? ange filnamnet utan .md"
    )


def test_related_to_itself(tmp_path: Path) -> None:
    text = challenge_text(related=["snorojning"])
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'related:')}: related: en utmaning kan inte vara relaterad till sig själv"
    )


def test_duplicate_key_is_not_silently_overwritten(tmp_path: Path) -> None:
    text = challenge_text().replace("status: need", "status: need\nstatus: draft")
    assert only_problem(tmp_path, text) == (
        "challenges/snorojning.md:5: status: fältet står två gånger; ta bort det ena så att inget värde tappas "
        "bort"
    )


def test_title_too_long(tmp_path: Path) -> None:
    assert only_problem(tmp_path, challenge_text(title="Snö " * 30)) == (
        "challenges/snorojning.md:2: title: är 119 tecken lång; högst 100 tecken får plats, korta texten"
    )


def test_event_times(tmp_path: Path) -> None:
    events = [{"title": "Dialogmöte", "date": "2027-01-12", "time": "25:00"},
              {"title": "Visning", "date": "2027-01-13", "end_time": "15:00"}]
    text = challenge_text(events=events)
    assert problems(tmp_path, {"snorojning.md": text}) == [
        f"challenges/snorojning.md:{line_of(text, 'time:')}: time i det första mötet i listan (events): "
        "'25:00' är inget klockslag på formen TT:MM; skriv till "
        "exempel \"13:00\" med citattecken",
        f"challenges/snorojning.md:{line_of(text, 'end_time:')}: end_time i det andra mötet i "
        "listan (events): sluttid kräver att starttid (time) också anges",
    ]


def test_two_meetings_cannot_share_an_id_and_an_id_is_a_plain_name(tmp_path: Path) -> None:
    events = [{"title": "Dialogmöte", "date": "2027-01-12", "id": "dialog"},
              {"title": "Visning", "date": "2027-01-13", "id": "dialog"},
              {"title": "Visning", "date": "2027-01-14", "id": "Visning 2"}]
    text = challenge_text(events=events)
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip().startswith("id:")]
    assert problems(tmp_path, {"snorojning.md": text}) == [
        f"challenges/snorojning.md:{lines[1]}: id i det andra mötet i listan (events): 'dialog' är redan id för det första mötet; "
        "ge varje möte ett eget id",
        f"challenges/snorojning.md:{lines[2]}: id i det tredje mötet i listan (events): 'Visning 2' har fel form; exempel: id: dialogmote-1",
    ]


def test_sdg_out_of_range_and_cpv_in_wrong_form(tmp_path: Path) -> None:
    text = challenge_text(sdgs=[18], cpv=["72000000"])
    cpv_line = "'72000000'"
    assert problems(tmp_path, {"snorojning.md": text}) == [
        f"challenges/snorojning.md:{line_of(text, '18')}: det första målet i listan (sdgs): "
        "18 ligger utanför det tillåtna; talet ska vara mellan 1 och 17",
        f"challenges/snorojning.md:{line_of(text, cpv_line)}: den första koden i listan (cpv): "
        "'72000000' har fel form; en CPV-kod är åtta siffror, bindestreck "
        "och en kontrollsiffra, till exempel 72000000-5",
    ]


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    found = problems(tmp_path, {
        "a.md": challenge_text(status="öppen", published="2026-13-01"),
        "b.md": "",
        "c.md": challenge_text(municipalities=["lund"]),
    })
    assert [line.split(": ")[0] for line in found] == [
        "challenges/a.md:4", "challenges/a.md:9", "challenges/b.md:1", "challenges/c.md:6"]


def test_event_attribute_in_a_tag_split_over_lines_is_caught(tmp_path: Path) -> None:
    text = challenge_text(body='## Bakgrund\n\n<img src="x.png"\n     onerror="alert(1)">\n')
    assert only_problem(tmp_path, text) == (
        f"challenges/snorojning.md:{line_of(text, 'onerror')}: brödtext: attributet onerror= är inte tillåtet; "
        "det kör kod i besökarens webbläsare. Ta bort det"
    )

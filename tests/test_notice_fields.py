"""The fields real notices need (issue 11, item 5): every wrong value gets its exact Swedish message
with file, line and field, and the rules across fields hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support import new_challenges_dir
from utmaningskatalogen.catalogue import catalogue_order, load_catalogue
from utmaningskatalogen.finder import closes_within
from utmaningskatalogen.model import ResponseState
from utmaningskatalogen.problems import ContentError
from utmaningskatalogen.statuses import Status

TODAY = date(2026, 12, 1)
HEAD = """---
title: Smart snöröjning
summary: Vi vill röja snö där det behövs mest, när det behövs.
status: {status}
municipalities: [ystad, skurup]
areas: [trafik-och-mobilitet]
published: 2026-09-01
contact:
  name: Anna Andersson
  email: anna.andersson@example.org
"""  # 10 lines: the fields a test adds start on line 11
BODY = "---\n\n## Bakgrund\n\nSnön kommer varje vinter.\n"


def messages(tmp_path: Path, fields: str, status: str = "need") -> list[str]:
    """The problems of a file with the head above and `fields` from line 11 on."""
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text(HEAD.format(status=status) + fields + BODY, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_catalogue(folder, TODAY)
    return [str(p) for p in raised.value.problems]


def valid(tmp_path: Path, fields: str, status: str = "need"):  # type: ignore[no-untyped-def]
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text(HEAD.format(status=status) + fields + BODY, encoding="utf-8")
    return load_catalogue(folder, TODAY).published[0]


F = "challenges/snorojning.md"


def test_every_new_field_reads_back_as_written(tmp_path: Path) -> None:
    challenge = valid(tmp_path, """lead_municipality: skurup
deadline: 2027-01-31
deadline_time: "23:59"
other_contacts:
  - name: Bo Berg
    email: bo.berg@example.org
phases:
  - title: Kvalificering
    start: 2027-02-01
    end: 2027-02-28
    suppliers_to_choose: 5
  - title: Beslut
    date: 2027-03-10
    budget_sek: 0
evaluation: Pris och kvalitet.
response_languages: [sv, en]
co_funding:
  - funder: Vinnova
    amount_sek: 400000
""", status="dialogue")
    assert challenge.lead_municipality == "skurup" and challenge.buyer == "skurup"
    assert challenge.deadline_time == "23:59"
    assert [c.email for c in challenge.contacts] == ["anna.andersson@example.org", "bo.berg@example.org"]
    assert [(p.title, p.first_day, p.last_day, p.suppliers_to_choose, p.budget_sek) for p in challenge.phases] == [
        ("Kvalificering", date(2027, 2, 1), date(2027, 2, 28), 5, None),
        ("Beslut", date(2027, 3, 10), date(2027, 3, 10), None, 0)]
    assert challenge.response_languages == ("sv", "en")
    assert [(f.funder, f.amount_sek) for f in challenge.co_funding] == [("Vinnova", 400000)]


def test_without_a_leading_municipality_the_first_listed_is_the_buyer(tmp_path: Path) -> None:
    assert valid(tmp_path, "").buyer == "ystad"


def test_wrong_values_of_the_new_fields_each_get_a_message(tmp_path: Path) -> None:
    assert messages(tmp_path, """lead_municipality: Malmö
deadline: 2027-01-31
deadline_time: "24:00"
response_languages: [svenska, xx, en, en]
co_funding:
  - amount_sek: -5
other_contacts:
  - name: Bo Berg
    email: bo.berg
""", status="dialogue") == [
        f"{F}:11: lead_municipality: 'Malmö' är ingen känd kommun; kända nycklar: skurup, ystad, trelleborg, sjobo, "
        "tomelilla, simrishamn (se challenges/_vocabularies.yml)",
        f"{F}:13: deadline_time: '24:00' är inget klockslag på formen TT:MM; skriv till exempel \"13:00\" med "
        "citattecken",
        f"{F}:14: det första språket i listan (response_languages): 'svenska' är ingen känd språkkod; menade du 'sv'? använd en av: sv "
        "(svenska), en (engelska), da (danska), no (norska), fi (finska), is (isländska), de (tyska), fr (franska), "
        "es (spanska), it (italienska), nl (nederländska), pl (polska), pt (portugisiska), et (estniska), "
        "lv (lettiska), lt (litauiska), se (nordsamiska), yi (jiddisch)",
        f"{F}:14: det andra språket i listan (response_languages): 'xx' är ingen känd språkkod; använd en av: sv (svenska), en (engelska), "
        "da (danska), no (norska), fi (finska), is (isländska), de (tyska), fr (franska), es (spanska), "
        "it (italienska), nl (nederländska), pl (polska), pt (portugisiska), et (estniska), lv (lettiska), "
        "lt (litauiska), se (nordsamiska), yi (jiddisch)",
        f"{F}:16: amount_sek i den första medfinansiären i listan (co_funding): -5 ligger utanför det tillåtna; talet ska vara minst 0",
        f"{F}:16: funder i den första medfinansiären i listan (co_funding): fältet saknas men krävs alltid; exempel: funder: Vinnova",
        f"{F}:19: email i den första kontakten i listan (other_contacts): 'bo.berg' är ingen giltig e-postadress; exempel: "
        "anna.andersson@example.org",
    ]


def test_the_same_language_twice_is_an_error(tmp_path: Path) -> None:
    assert messages(tmp_path, "response_languages: [sv, sv]\n") == [
        f"{F}:11: response_languages: samma språk står två gånger i listan; ta bort det ena"]


def test_a_leading_municipality_must_be_one_of_the_municipalities(tmp_path: Path) -> None:
    assert messages(tmp_path, "lead_municipality: trelleborg\n") == [
        f"{F}:11: lead_municipality: 'trelleborg' står inte i municipalities; den samordnande kommunen ska också "
        "stå i listan municipalities"]


def test_a_deadline_time_needs_a_deadline(tmp_path: Path) -> None:
    assert messages(tmp_path, 'deadline_time: "12:00"\n') == [
        f"{F}:11: deadline_time: klockslaget gäller sista svarsdagen, som saknas; lägg till deadline eller ta bort "
        "deadline_time"]


def test_a_dialogue_open_until_further_notice_needs_no_deadline(tmp_path: Path) -> None:
    challenge = valid(tmp_path, "open_until_further_notice: true\n", status="dialogue")
    assert challenge.deadline is None
    responses = challenge.responses(TODAY)
    assert responses.is_open and responses.until_further_notice
    assert not responses.closing_soon and responses.days_left is None and responses.closed_since is None


def test_a_dialogue_without_a_deadline_still_needs_one_unless_open_until_further_notice(tmp_path: Path) -> None:
    assert messages(tmp_path, "open_until_further_notice: false\n", status="dialogue") == [
        f"{F}:4: deadline: krävs när status är dialogue (Marknadsdialog); exempel: deadline: 2027-01-31"]


def test_open_until_further_notice_is_only_for_a_dialogue_without_a_deadline(tmp_path: Path) -> None:
    assert messages(tmp_path, "open_until_further_notice: true\ndeadline: 2027-01-31\n", status="dialogue") == [
        f"{F}:11: open_until_further_notice: en dialog som pågår tills vidare har ingen sista svarsdag; ta bort "
        "deadline eller open_until_further_notice"]
    assert messages(tmp_path / "b", "open_until_further_notice: true\n") == [
        f"{F}:11: open_until_further_notice: gäller bara status dialogue (Marknadsdialog), inte need (Behov); "
        "ta bort fältet"]
    assert messages(tmp_path / "c", "open_until_further_notice: true\nprocurement:\n  notice_url: "
                                    "https://example.org/annons\n", status="tender") == [
        f"{F}:11: open_until_further_notice: gäller bara status dialogue (Marknadsdialog), inte tender "
        "(Upphandling); ta bort fältet och skriv sista svarsdag i deadline"]
    assert messages(tmp_path / "d", "open_until_further_notice: ja\n", status="dialogue") == [
        f"{F}:4: deadline: krävs när status är dialogue (Marknadsdialog); exempel: deadline: 2027-01-31",
        f"{F}:11: open_until_further_notice: 'ja' ska vara true eller false"]


@pytest.mark.parametrize(("phase", "message"), [
    ("  - title: Kvalificering\n", "12: det första steget i listan (phases): steget saknar datum; skriv date för en enda dag eller start och "
                                   "end för en period"),
    ("  - title: Kvalificering\n    date: 2027-02-01\n    start: 2027-02-01\n    end: 2027-02-02\n",
     "12: det första steget i listan (phases): ange antingen date (en dag) eller start och end (en period), inte båda"),
    ("  - title: Kvalificering\n    start: 2027-02-01\n",
     "13: start i det första steget i listan (phases): en period behöver både start och end; lägg till end eller skriv date för en enda dag"),
    ("  - title: Kvalificering\n    end: 2027-02-01\n",
     "13: end i det första steget i listan (phases): en period behöver både start och end; lägg till start eller skriv date för en enda dag"),
    ("  - title: Kvalificering\n    start: 2027-03-01\n    end: 2027-02-28\n",
     "14: end i det första steget i listan (phases): slutdagen 2027-02-28 ligger före startdagen 2027-03-01; rätta något av datumen"),
    ("  - title: Kvalificering\n    date: 2027-02-30\n",
     "13: date i det första steget i listan (phases): '2027-02-30' är inget riktigt datum: februari 2027 har 28 dagar"),
    ("  - title: Kvalificering\n    date: 2027-02-01\n    suppliers_to_choose: 0\n",
     "14: suppliers_to_choose i det första steget i listan (phases): 0 ligger utanför det tillåtna; talet ska vara minst 1"),
    ("  - title: Kvalificering\n    date: 2027-02-01\n    budget_sek: 1 000 000\n",
     "14: budget_sek i det första steget i listan (phases): '1 000 000' är inget heltal; skriv siffror utan mellanslag, till exempel 500000"),
    ("  - date: 2027-02-01\n", "12: title i det första steget i listan (phases): fältet saknas men krävs alltid; exempel: title: Kvalificering"),
])
def test_a_wrong_step_of_the_timeline_is_named(tmp_path: Path, phase: str, message: str) -> None:
    assert messages(tmp_path, "phases:\n" + phase) == [f"{F}:{message}"]


def test_figures_belong_to_a_finished_challenge_and_add_up(tmp_path: Path) -> None:
    assert messages(tmp_path, "responses_received: 3\n") == [
        f"{F}:11: responses_received: gäller bara en avslutad eller avbruten utmaning (completed eller cancelled), "
        "inte need (Behov); ta bort fältet tills utmaningen är avslutad"]
    assert messages(tmp_path / "b", "outcome: Det blev två avtal.\nresponses_received: 3\nsuppliers_chosen: 4\n",
                    status="completed") == [
        f"{F}:13: suppliers_chosen: 4 valda leverantörer är fler än de 3 svar som kom in (responses_received); "
        "rätta något av talen"]
    assert messages(tmp_path / "c", "outcome: Avbröts.\nresponses_received: -1\n", status="cancelled") == [
        f"{F}:12: responses_received: -1 ligger utanför det tillåtna; talet ska vara minst 0"]


def test_open_until_further_notice_sorts_after_dated_deadlines_and_never_closes_soon(tmp_path: Path) -> None:
    open_dated = valid(tmp_path, "deadline: 2027-06-30\n", status="dialogue")
    until_notice = valid(tmp_path / "b", "open_until_further_notice: true\n", status="dialogue")
    closed = valid(tmp_path / "c", "")
    assert catalogue_order([closed, until_notice, open_dated], TODAY) == (open_dated, until_notice, closed)
    assert not any(closes_within(until_notice, days, TODAY) for days in (7, 30, 90, 10_000))
    # Once its status changes, it no longer takes responses.
    assert not ResponseState.of(Status.IN_PROGRESS, None, TODAY, until_further_notice=True).is_open

"""Three kinds of real Swedish notice written as challenge files, with nothing invented (issue 11):
a joint procurement led by one of three municipalities, a two-step RFI → qualification → concept
selection with its phases, and a procurement with a 23:59 deadline; and beside them a dialogue open
until further notice and a finished procurement with its figures. They validate, build with
--strict, and every page, export, calendar and OCDS release carries what the files say.

The files are in tests/data/notices/."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
import yaml
from support import ROOT, TEST_TODAY, Build, assert_clean_ocds_review, build_fixture, new_challenges_dir, ocds_review
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.dates import STOCKHOLM

NOTICES = ROOT / "tests" / "data" / "notices"
JOINT = "gemensam-upphandling-av-larmtjanst"
STEPS = "innovation-for-energismart-belysning"
AT_2359 = "upphandling-av-sensorer-for-dagvatten"
UNTIL_NOTICE = "dialog-om-laddplatser-tills-vidare"
FINISHED = "avslutad-upphandling-av-matsvinnsvagar"


def front_matter(slug: str) -> dict:
    return yaml.safe_load((NOTICES / f"{slug}.md").read_text(encoding="utf-8").split("---")[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    files = {path.name: path.read_text(encoding="utf-8") for path in NOTICES.glob("*.md")}
    built = build_fixture(tmp_path_factory.mktemp("notices"), files)
    assert built.returncode == 0, built.log
    return built


def page(site: Build, slug: str) -> str:
    html = site.read(f"utmaningar/{slug}/index.html")
    return " ".join(html[html.index("<h1"):html.index('id="bakgrund"')].split())


def releases(site: Build) -> dict[str, dict]:
    return {r["ocid"].removeprefix("ocds-utmkat-"): r for r in json.loads(site.read("ocds.json"))["releases"]}


def records(site: Build) -> dict[str, dict]:
    return {r["slug"]: r for r in json.loads(site.read("challenges.json"))["challenges"]}


def events(site: Build, slug: str) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical((site.site / f"utmaningar/{slug}/calendar.ics").read_bytes()).walk("VEVENT")


def test_the_notices_validate_without_a_single_invented_value(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    for path in NOTICES.glob("*.md"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    catalogue = load_catalogue(folder, date.fromisoformat(TEST_TODAY))
    assert {c.slug for c in catalogue.published} == {JOINT, STEPS, AT_2359, UNTIL_NOTICE, FINISHED}
    # What had to be made up before: a deadline for a dialogue that has none, a leading municipality
    # by the order of the list. The joint notice lists its municipalities alphabetically.
    assert "deadline" not in front_matter(UNTIL_NOTICE)
    assert front_matter(JOINT)["municipalities"][0] != front_matter(JOINT)["lead_municipality"]


def test_a_joint_procurement_names_its_leading_municipality_as_the_one_buyer(site: Build,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    html = page(site, JOINT)
    assert ('<dt>Samordnande kommun</dt> <dd><a href="../../kommuner/trelleborg/">Trelleborgs kommun</a> samordnar '
            "upphandlingen för alla kommunerna.</dd>") in html
    for contact in ("Per Holm", "per.holm@example.org", "Kontaktperson i Skurup", "Eva Lund", 'href="tel:0411000040"'):
        assert contact in html
    assert "Svar tas emot på svenska." in html
    release = releases(site)[JOINT]
    assert release["buyer"] == {"id": "trelleborg", "name": "Trelleborgs kommun"}
    assert [(p["id"], p["roles"]) for p in release["parties"]] == [
        ("skurup", ["procuringEntity"]), ("trelleborg", ["buyer", "procuringEntity"]), ("ystad", ["procuringEntity"])]
    assert release["tender"]["procuringEntity"] == release["buyer"]
    assert release["tender"]["submissionMethodDetails"] == "Svar tas emot på svenska."
    record = records(site)[JOINT]
    assert record["lead_municipality"] == "trelleborg"
    assert [c["email"] for c in record["other_contacts"]] == ["per.holm@example.org", "eva.lund@example.org"]
    row = next(r for r in csv.DictReader(io.StringIO(site.read("challenges.csv").lstrip("\ufeff"))) if r["slug"] == JOINT)
    assert row["lead_municipality"] == "Trelleborgs kommun"
    assert row["other_contacts"] == "Per Holm <per.holm@example.org>; Eva Lund <eva.lund@example.org>"
    assert_clean_ocds_review(ocds_review(json.loads(site.read("ocds.json")), monkeypatch))


def test_a_two_step_process_shows_its_timeline_budget_and_suppliers_to_choose(site: Build) -> None:
    html = page(site, STEPS)
    assert ('<tr><th scope="row">Val av koncept<span class="uk-timeline__text">De kvalificerade leverantörerna tar '
            "fram ett koncept med ersättning. Två koncept väljs för test.</span></th><td><time datetime=\"2027-03-15\">"
            '15 mars 2027</time> – <time datetime="2027-05-31">31 maj 2027</time></td><td>300 000 kronor</td>'
            "<td>2</td></tr>") in html
    assert '<td><time datetime="2027-06-10">10 juni 2027</time></td><td>–</td><td>–</td></tr>' in html
    assert "Svar tas emot på svenska och engelska." in html
    assert "<p>Varje del vägs lika.</p>" in html  # the evaluation, paragraph by paragraph
    assert "<li>Vinnova: 400 000 kronor – Bidrag till behovsägare som vill upphandla innovation</li>" in html
    assert "sista svarsdagen och tidplanen som kalenderfil" in html

    release = releases(site)[STEPS]
    assert release["tag"] == ["planning"]
    steps = [m for m in release["planning"]["milestones"] if m["id"].startswith("steg-")]
    assert [(m["title"], m["type"], m["dueDate"]) for m in steps] == [
        ("Förfrågan om information (RFI)", "preProcurement", "2027-01-15T23:59:59+01:00"),
        ("Kvalificering", "preProcurement", "2027-02-28T23:59:59+01:00"),
        ("Val av koncept", "preProcurement", "2027-05-31T23:59:59+02:00"),
        ("Beslut om test", "preProcurement", "2027-06-10T23:59:59+02:00")]
    assert steps[2]["description"].endswith("Budget: 300 000 kronor. Leverantörer som väljs: 2.")
    assert release["tender"]["awardCriteriaDetails"] == front_matter(STEPS)["evaluation"]
    assert [(p["name"], p["roles"]) for p in release["parties"] if "funder" in p["roles"]] == [("Vinnova", ["funder"])]
    assert "Vinnova, 400 000 kronor" in release["planning"]["budget"]["description"]

    by_summary = {str(e["SUMMARY"]): e for e in events(site, STEPS)}
    concept = by_summary["Val av koncept – Energismart belysning i idrottshallar"]
    assert concept.decoded("DTSTART") == date(2027, 3, 15)
    assert concept.decoded("DTEND") == date(2027, 6, 1)  # all day, to and including 31 May
    assert "Budget: 300 000 kronor. Leverantörer som väljs: 2." in str(concept["DESCRIPTION"])
    deadline = by_summary["Sista svarsdag: Energismart belysning i idrottshallar"]
    assert deadline.decoded("DTSTART") == datetime(2027, 1, 15, 12, 0, tzinfo=STOCKHOLM)
    record = records(site)[STEPS]
    assert record["phases"][1] == {"title": "Kvalificering", "date": None, "start": "2027-02-01", "end": "2027-02-28",
                                   "budget_sek": None, "suppliers_to_choose": 5,
                                   "description": front_matter(STEPS)["phases"][1]["description"]}
    assert record["response_languages"] == ["sv", "en"]
    assert record["co_funding"] == [{"funder": "Vinnova", "amount_sek": 400000,
                                     "description": "Bidrag till behovsägare som vill upphandla innovation"}]


def test_a_deadline_at_23_59_is_shown_exported_and_in_the_calendar_at_that_time(site: Build) -> None:
    html = page(site, AT_2359)
    assert '<dd><time datetime="2027-01-31T23:59">31 januari 2027 kl. 23:59</time></dd>' in html
    assert "Öppen för svar till och med 31 januari 2027 kl. 23:59" in html
    catalogue_page = site.read("utmaningar/index.html")
    card = catalogue_page[catalogue_page.index(f'data-slug="{AT_2359}"'):]
    assert "Öppen för svar till och med 31 januari 2027 kl. 23:59" in card[:card.index("</li>")]
    release = releases(site)[AT_2359]
    assert release["tender"]["tenderPeriod"] == {"endDate": "2027-01-31T23:59:00+01:00"}
    [deadline] = [e for e in events(site, AT_2359) if str(e["UID"]).startswith("deadline-")]
    assert deadline.decoded("DTSTART") == datetime(2027, 1, 31, 23, 59, tzinfo=STOCKHOLM)
    assert "DTEND" not in deadline
    assert records(site)[AT_2359]["deadline_time"] == "23:59"
    demand = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                  site.read(f"utmaningar/{AT_2359}/index.html"), re.S).group(1))["@graph"]
    demand = next(node for node in demand if node["@type"] == "Demand")
    assert demand["validThrough"] == "2027-01-31T23:59:00+01:00"


def test_a_dialogue_until_further_notice_is_open_without_a_date(site: Build) -> None:
    html = page(site, UNTIL_NOTICE)
    assert "Öppen för svar – dialogen pågår tills vidare" in html
    assert "<dt>Sista svarsdag</dt> <dd>Ingen – dialogen pågår tills vidare</dd>" in html
    assert "Dialogen pågår tills vidare: det går att svara tills statusen ändras" in html
    assert "dagar kvar" not in html and "Stänger snart" not in html
    assert "Lägg till i kalender" not in html  # no deadline, no meeting, no step: nothing to add
    assert not (site.site / f"utmaningar/{UNTIL_NOTICE}/calendar.ics").read_text(encoding="utf-8").count("VEVENT")
    card = site.read("utmaningar/index.html").split(f'data-slug="{UNTIL_NOTICE}"', 1)[1]
    assert card.startswith(' data-status="dialogue" data-open="1" data-days-left="" data-deadline=""')
    record = records(site)[UNTIL_NOTICE]
    assert record["open_for_responses"] is True and record["deadline"] is None
    assert record["open_until_further_notice"] is True
    release = releases(site)[UNTIL_NOTICE]
    assert "tenderPeriod" not in release["tender"] and "milestones" not in release["planning"]
    # Open ones with a deadline come first, then this one, then the rest.
    order = [r["slug"] for r in json.loads(site.read("challenges.json"))["challenges"]]
    assert order == [STEPS, JOINT, AT_2359, UNTIL_NOTICE, FINISHED]


def test_a_finished_procurement_shows_and_exports_its_figures(site: Build) -> None:
    html = site.read(f"utmaningar/{FINISHED}/index.html")
    outcome = " ".join(html[html.index('id="resultat"'):html.index('id="bakgrund"')].split())
    assert "<dt>Svar som kom in</dt><dd>6</dd> <dt>Leverantörer som valdes</dt><dd>2</dd>" in outcome
    release = releases(site)[FINISHED]
    assert release["tender"]["numberOfTenderers"] == 6 and release["tender"]["status"] == "complete"
    record = records(site)[FINISHED]
    assert (record["responses_received"], record["suppliers_chosen"]) == (6, 2)
    row = next(r for r in csv.DictReader(io.StringIO(site.read("challenges.csv").lstrip("\ufeff")))
               if r["slug"] == FINISHED)
    assert (row["responses_received"], row["suppliers_chosen"]) == ("6", "2")


def test_the_json_export_of_the_notices_keeps_to_its_own_schema(site: Build) -> None:
    import jsonschema

    schema = json.loads(site.read("challenges.schema.json"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    document = json.loads(site.read("challenges.json"))
    assert not [e.message for e in validator.iter_errors(document)]
    # A dialogue until further notice without a deadline keeps to the schema; one without either does not.
    broken = next(r for r in document["challenges"] if r["slug"] == UNTIL_NOTICE)
    broken["open_until_further_notice"] = False
    assert not validator.is_valid(document)


def test_the_new_sections_keep_every_id_on_the_page_unique(site: Build) -> None:
    for slug in (JOINT, STEPS, AT_2359, UNTIL_NOTICE, FINISHED):
        ids = re.findall(r'\bid="([^"]+)"', site.read(f"utmaningar/{slug}/index.html"))
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'id="svar-och-bedomning"' in site.read(f"utmaningar/{STEPS}/index.html")

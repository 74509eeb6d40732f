"""The scaffolder writes a challenge file staff can start from, and never overwrites one."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from support import NEW, new_challenges_dir
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.problems import ContentError

TODAY = "2026-12-01"


def scaffold(folder: Path, *args: str, identity: tuple[str, str] | None = None) -> subprocess.CompletedProcess:
    gitconfig = folder.parent / "gitconfig"
    gitconfig.write_text(f"[user]\n\tname = {identity[0]}\n\temail = {identity[1]}\n" if identity else "",
                         encoding="utf-8")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1",
           "CATALOGUE_TODAY": TODAY}
    return subprocess.run([NEW, *args, "--challenges-dir", str(folder)],
                          capture_output=True, text=True, env=env)


def problems(folder: Path) -> list[str]:
    try:
        load_catalogue(folder, date.fromisoformat(TODAY))
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize("title, slug", [
    ("Smart snöröjning på gång- och cykelvägar", "smart-snorojning-pa-gang-och-cykelvagar"),
    ("Café & måltider för äldre!", "cafe-maltider-for-aldre"),
])
def test_file_name_comes_from_the_title(tmp_path: Path, title: str, slug: str) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    result = scaffold(folder, title, "--municipality", "ystad")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(folder / f"{slug}.md")
    assert (folder / f"{slug}.md").read_text(encoding="utf-8").startswith("---\n")


def test_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text("min text", encoding="utf-8")
    result = scaffold(folder, "Snöröjning")
    assert result.returncode == 1
    assert "finns redan" in result.stderr
    assert (folder / "snorojning.md").read_text(encoding="utf-8") == "min text"


def test_rejects_unknown_keys_listing_the_known_ones(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    result = scaffold(folder, "Snöröjning", "--municipality", "lund", "--area", "snö")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "'lund' är ingen känd nyckel för kommun; kända: skurup, ystad, trelleborg, sjobo, tomelilla, simrishamn",
        "'snö' är ingen känd nyckel för område; kända: vard-och-omsorg, skola-och-forskola, vatten-och-avlopp, "
        "energi-och-klimat, fastigheter-och-lokaler, trafik-och-mobilitet, avfall-och-atervinning, maltider, "
        "digital-forvaltning, miljo-och-natur, trygghet-och-sakerhet, kultur-och-fritid",
    ]
    assert list(folder.glob("*.md")) == []


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


HEADINGS = ("Bakgrund", "Utmaningen", "Vad vi vill uppnå", "Förutsättningar", "Så kan du som leverantör bidra")


def fill_in_body(text: str) -> str:
    """The scaffolded file with a sentence written under every heading."""
    for heading in HEADINGS:
        text = text.replace(f"## {heading}\n", f"## {heading}\n\nText om {heading.lower()}.\n")
    return text


def test_a_published_status_with_all_keys_given_still_needs_own_summary_and_text(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    result = scaffold(folder, "Smart snöröjning", "--municipality", "ystad", "--municipality", "skurup",
                      "--area", "trafik-och-mobilitet", "--status", "need",
                      identity=("Anna Andersson", "anna.andersson@example.org"))
    assert result.returncode == 0, result.stderr
    path = folder / "smart-snorojning.md"
    text = path.read_text(encoding="utf-8")
    assert problems(folder) == [
        f"challenges/smart-snorojning.md:{line_of(text, 'summary:')}: summary: är fortfarande mallens förslag; "
        "skriv en egen sammanfattning med en eller två meningar om behovet"] + [
        f"challenges/smart-snorojning.md:{line_of(text, '## ' + heading)}: brödtext: rubriken '{heading}' har "
        "ingen text under sig; skriv vad som hör dit eller ta bort rubriken" for heading in HEADINGS]
    default = "Ystads kommun och Skurups kommun söker lösningar på utmaningen: Smart snöröjning."
    path.write_text(fill_in_body(text).replace(default, "Vi vill röja snö smartare."), encoding="utf-8")
    assert problems(folder) == []
    challenge = load_catalogue(folder, date.fromisoformat(TODAY)).published[0]
    assert challenge.contact.email == "anna.andersson@example.org"
    assert "## Så kan du som leverantör bidra" in challenge.body


def test_a_draft_may_keep_the_default_summary_and_empty_headings_with_a_notice(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    scaffold(folder, "Snöröjning", "--municipality", "ystad", "--area", "maltider",
             identity=("Anna Andersson", "anna.andersson@example.org"))
    catalogue = load_catalogue(folder, date.fromisoformat(TODAY))
    assert [c.slug for c in catalogue.drafts] == ["snorojning"]
    text = (folder / "snorojning.md").read_text(encoding="utf-8")
    assert [str(n) for n in catalogue.notices][:2] == [
        f"challenges/snorojning.md:{line_of(text, 'summary:')}: summary: är fortfarande mallens förslag; "
        "skriv en egen sammanfattning med en eller två meningar om behovet",
        f"challenges/snorojning.md:{line_of(text, '## Bakgrund')}: brödtext: rubriken 'Bakgrund' har ingen "
        "text under sig; skriv vad som hör dit eller ta bort rubriken"]
    assert len(catalogue.notices) == 6


def test_values_it_cannot_know_are_placeholders_that_check_rejects_until_filled(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    assert scaffold(folder, "Snöröjning", "--status", "dialogue").returncode == 0
    path = folder / "snorojning.md"
    text = path.read_text(encoding="utf-8")
    assert [p.split(": ", 2)[1] for p in problems(folder)] == [
        "summary", "den första kommunen i listan (municipalities)", "det första området i listan (areas)", "deadline", "contact.name", "contact.email"] + ["brödtext"] * 5
    assert ("challenges/snorojning.md:16: deadline: 'FYLL I: ÅÅÅÅ-MM-DD' är en platshållare från mallen och "
            "måste fyllas i; skriv in det riktiga värdet") in problems(folder)
    for placeholder, value in (('"FYLL I: en eller två meningar om behovet"', "Vi vill röja snö smartare."),
                               ('"FYLL I: kommun"', "sjobo"), ('"FYLL I: område"', "maltider"),
                               ('"FYLL I: ÅÅÅÅ-MM-DD"', "2027-02-01"),
                               ('"FYLL I: kontaktpersonens namn"', "Bo Berg"),
                               ('"FYLL I: e-postadress"', "bo.berg@example.org")):
        assert placeholder in text
        text = text.replace(placeholder, value)
    path.write_text(fill_in_body(text), encoding="utf-8")
    assert problems(folder) == []


def test_a_new_file_is_a_draft_unless_a_status_is_given(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    scaffold(folder, "Snöröjning", "--municipality", "ystad", "--area", "maltider",
             identity=("Anna Andersson", "anna.andersson@example.org"))
    catalogue = load_catalogue(folder, date.fromisoformat(TODAY))
    assert catalogue.published == () and [c.slug for c in catalogue.drafts] == ["snorojning"]


def test_without_a_folder_it_writes_into_the_challenges_dir_of_mkdocs_yml(tmp_path: Path) -> None:
    project = tmp_path / "projekt"
    folder = new_challenges_dir(project / "utmaningsfiler")
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text("site_name: Test\ntheme: {name: material}\nplugins:\n"
                                        "  - utmaningskatalogen:\n      challenges_dir: utmaningsfiler\n",
                                        encoding="utf-8")
    env = {**os.environ, "CATALOGUE_TODAY": TODAY, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run([NEW, "Smart snöröjning", "--municipality", "ystad"], capture_output=True, text=True,
                            env=env, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(folder / "smart-snorojning.md")
    assert (folder / "smart-snorojning.md").is_file()


def test_a_typo_in_the_settings_is_named_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\ntheme: {name: material}\nplugins:\n"
                                         "  - utmaningskatalogen:\n      challenge_dir: x\n", encoding="utf-8")
    result = subprocess.run([NEW, "Titel"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "option 'challenge_dir': okänd inställning i mkdocs.yml; menade du 'challenges_dir'?" in result.stderr

"""One reader for everything staff write: plain YAML only, bounded, and never a traceback or a hang.

Each case is one finding of a fuzzer run over mutated challenge files (issue 11), with the exact
message staff now get.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest
from support import challenge_text, new_challenges_dir
from test_validation import TODAY, only_problem, problems
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.problems import ContentError
from utmaningskatalogen.vocabulary import load_vocabularies

NAME = "challenges/snorojning.md"
TAG = "är inte tillåten; ta bort taggen och skriv värdet som vanlig text, ett tal, true/false eller en lista"
CHARACTER = "som inte får stå i filen; ta bort tecknet (det följer ofta med när text klistras in från ett annat program)"
BASE = challenge_text()

# A hang guard, not a benchmark: what once took minutes (or forever) must end; timing is make bench's.
HANG = 30


def with_line(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


@pytest.mark.parametrize("old, new, expected", [
    ("status: need", "status: [need]",
     "4: status: ska vara ett enda värde, inte en lista; använd en av: need (Behov), dialogue (Marknadsdialog), "
     "tender (Upphandling), in_progress (Genomförande), completed (Avslutad), cancelled (Avbruten), draft (Utkast)"),
    ("status: need", "status: need\nrelated: &a [*a]",
     "5: related: &a är ett YAML-ankare, och sådana är inte tillåtna; ta bort det, och sätt citattecken runt "
     "texten om den börjar med &"),
    ("status: need", "status: need\nsdgs: !!int abc", f"5: sdgs: YAML-taggen !!int {TAG}"),
    ("status: need", "status: need\nsdgs: !!float abc", f"5: sdgs: YAML-taggen !!float {TAG}"),
    ("status: need", "status: need\nexample: !x:int true", f"5: example: YAML-taggen !x:int {TAG}"),
    ("status: need", "status: need\nsdgs: [" + "7" * 4301 + "]",
     "5: det första målet i listan (sdgs): talet har 4301 siffror; högst 15 siffror går att läsa. Sätt citattecken runt värdet om det är "
     "en text"),
    ("published: '2026-09-01'", "published: 0000-01-01",
     "9: published: '0000-01-01' är inget rimligt datum: året 0000 ligger för långt bak i tiden; skriv ett år "
     "från 1900 och framåt, till exempel 2026-09-01"),
    ("municipalities:\n- ystad", "municipalities: !!python/object/apply:os.system [ystad]",
     f"5: municipalities: YAML-taggen !!python/object/apply:os.system {TAG}"),
    ("areas:\n- trafik-och-mobilitet", "areas: !!set {trafik-och-mobilitet: null}", f"7: areas: YAML-taggen !!set {TAG}"),
    ("title: Smart snöröjning", "title: !!str Smart snöröjning", f"2: title: YAML-taggen !!str {TAG}"),
    ("title: Smart snöröjning", "title: !mine:str Smart snöröjning", f"2: title: YAML-taggen !mine:str {TAG}"),
    ("status: need", "status: need\nexample: !!bool yes", f"5: example: YAML-taggen !!bool {TAG}"),
    ("status: need", "status: need\noutcome: !!null x", f"5: outcome: YAML-taggen !!null {TAG}"),
    ("published: '2026-09-01'", "published: ٢٠٢٦-٠٩-٠١",
     "9: published: '٢٠٢٦-٠٩-٠١' är skrivet med andra siffror än 0–9; skriv datumet med siffrorna 0–9, till "
     "exempel 2026-09-01"),
    ("title: Smart snöröjning", "title: Smart\u2028snöröjning",
     f"2: title: texten innehåller en osynlig radbrytning (U+2028 LINE SEPARATOR), {CHARACTER}"),
    ("title: Smart snöröjning", "title: Smart\u2029snöröjning",
     f"2: title: texten innehåller en osynlig styckebrytning (U+2029 PARAGRAPH SEPARATOR), {CHARACTER}"),
    ("title: Smart snöröjning", "title: Smart\x7fsnöröjning",
     f"2: title: texten innehåller ett osynligt styrtecken (U+007F DELETE), {CHARACTER}"),
    ("title: Smart snöröjning", "title: Smart\x85snöröjning",
     f"2: title: texten innehåller ett osynligt styrtecken (U+0085), {CHARACTER}"),
    ("title: Smart snöröjning", 'title: "Smart\\x9bsnöröjning"',
     f"2: title: texten innehåller ett osynligt styrtecken (U+009B), {CHARACTER}"),
    ("  name: Anna Andersson", "  name: Anna\x1bAndersson",
     f"11: contact.name: texten innehåller ett osynligt styrtecken (U+001B), {CHARACTER}"),
    ("status: need", "status: need\n<<: {outcome: x}",
     "5: front matter: sammanfogning med << är inte tillåten; skriv ut fälten ett och ett"),
    ("status: need", "status: need\ntitle_en: *x",
     "5: title_en: *x är en YAML-hänvisning, och sådana är inte tillåtna; skriv ut värdet, och sätt citattecken "
     "runt texten om den börjar med *"),
])
def test_fuzz_findings_get_a_message_with_line_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert only_problem(tmp_path, with_line(old, new)) == f"{NAME}:{expected}"


def test_deep_nesting_is_one_message_not_a_recursion_error(tmp_path: Path) -> None:
    text = with_line("status: need", "status: need\nsdgs: " + "[" * 450 + "]" * 450)
    assert only_problem(tmp_path, text) == (
        f"{NAME}:5: sdgs[1][1][1][1]: fälten är inkapslade i fler än 5 nivåer; så djupt går inget fält, "
        "kontrollera indraget")


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    started = time.monotonic()
    found = problems(tmp_path, {"snorojning.md": BASE.replace("---\n", "---\n" + bomb, 1)})
    assert time.monotonic() - started < HANG
    assert found[0] == (f"{NAME}:2: a: &a är ett YAML-ankare, och sådana är inte tillåtna; ta bort det, och sätt "
                        "citattecken runt texten om den börjar med &")


def test_a_control_character_in_the_body_names_its_line(tmp_path: Path) -> None:
    text = challenge_text(body="## Bakgrund\n\nSnön\x9d kommer.\n")
    assert only_problem(tmp_path, text) == (
        f"{NAME}:17: brödtext: texten innehåller ett osynligt styrtecken (U+009D), {CHARACTER}")


def test_sizes_are_bounded(tmp_path: Path) -> None:
    body = "## Bakgrund\n\n" + ("Snö. " * 41000) + "\n"
    assert only_problem(tmp_path, challenge_text(body=body)) == (
        f"{NAME}:14: brödtext: texten är 240 kB; högst 200 kB får plats. Korta texten, eller länka till långa "
        "bilagor under documents")
    text = with_line("status: need", "status: need\noutcome: '" + "x" * 70000 + "'")
    assert only_problem(tmp_path, text) == (
        f"{NAME}:2: front matter: fälten är 68 kB; högst 64 kB får plats. Korta texterna, eller flytta långa "
        "texter till brödtexten")
    started = time.monotonic()
    assert only_problem(tmp_path, challenge_text(body="x" * 50_000_000)) == (
        f"{NAME}:1: fil: filen är större än 268 kB; en sida får ha högst 64 kB front matter och 200 kB text")
    assert time.monotonic() - started < HANG


def test_a_body_of_fifty_thousand_braces_is_checked_fast(tmp_path: Path) -> None:
    started = time.monotonic()
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text(challenge_text(body="## Bakgrund\n\n" + "{" * 50_000 + "\n"),
                                          encoding="utf-8")
    assert len(load_catalogue(folder, TODAY).published) == 1
    assert time.monotonic() - started < HANG


def file_problems(tmp_path: Path, make: callable[[Path], None]) -> list[str]:  # type: ignore[valid-type]
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text(BASE, encoding="utf-8")
    make(folder)
    with pytest.raises(ContentError) as raised:
        load_catalogue(folder, TODAY)
    return [str(p) for p in raised.value.problems]


def test_a_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    assert file_problems(tmp_path, lambda folder: os.mkfifo(folder / "x.md")) == [
        "challenges/x.md:1: fil: är en namngiven rörledning (FIFO), inte en vanlig fil; ta bort den och lägg en "
        "vanlig textfil här"]


def test_a_socket_is_an_error(tmp_path: Path) -> None:
    def make(folder: Path) -> None:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(folder / "s.md"))
        server.close()
    assert file_problems(tmp_path, make) == [
        "challenges/s.md:1: fil: är en sockel (socket), inte en vanlig fil; ta bort den och lägg en vanlig "
        "textfil här"]


def test_a_directory_named_like_a_challenge_is_an_error(tmp_path: Path) -> None:
    assert file_problems(tmp_path, lambda folder: (folder / "y.md").mkdir()) == [
        "challenges/y.md:1: fil: är en mapp, inte en fil; byt namn på mappen så att namnet inte slutar med .md"]


def test_broken_and_looping_links_are_errors(tmp_path: Path) -> None:
    def make(folder: Path) -> None:
        (folder / "borta.md").symlink_to(folder / "finns-inte.md")
        (folder / "slinga.md").symlink_to(folder / "slinga.md")
    assert file_problems(tmp_path, make) == [
        "challenges/borta.md:1: fil: filen är en länk (symbolisk länk) till en fil som inte finns; ta bort länken "
        "eller lägg filen själv här",
        "challenges/slinga.md:1: fil: filen är en länk (symbolisk länk) som inte går att följa, till exempel en "
        "länk som pekar på sig själv; ersätt länken med filen själv"]


def test_a_link_leaving_the_folder_is_not_published(tmp_path: Path) -> None:
    outside = tmp_path / "hemlig.md"
    outside.write_text(BASE, encoding="utf-8")
    assert file_problems(tmp_path, lambda folder: (folder / "lank.md").symlink_to(outside)) == [
        "challenges/lank.md:1: fil: filen är en länk (symbolisk länk) till en fil utanför mappen; sådana granskas "
        "inte och publiceras därför inte. Lägg filen själv här i stället"]


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snorojning.md").write_text(BASE, encoding="utf-8")
    (folder / "kopia.md").symlink_to(folder / "snorojning.md")
    assert {c.slug for c in load_catalogue(folder, TODAY).published} == {"kopia", "snorojning"}


def test_a_name_with_a_trailing_space_is_an_error(tmp_path: Path) -> None:
    assert file_problems(tmp_path, lambda folder: (folder / "x.md ").write_text(BASE, encoding="utf-8")) == [
        "challenges/x.md :1: fil: filnamnet 'x.md ' börjar eller slutar med mellanslag; ta bort mellanslagen i "
        "namnet"]


def test_the_vocabularies_are_read_by_the_same_strict_reader(tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    path = folder / "_vocabularies.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nmunicipalities:", "\nmunicipalities: !!omap", 1),
                    encoding="utf-8")
    vocabularies, found = load_vocabularies(folder, "challenges")
    assert vocabularies is None
    assert [str(p) for p in found] == [f"challenges/_vocabularies.yml:36: municipalities: YAML-taggen !!omap {TAG}"]

"""Bodies are checked on the HTML a browser gets, by allowlist, with nh3 as the referee."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from support import ROOT, challenge_text
from test_validation import only_problem
from utmaningskatalogen import bodysafety
from utmaningskatalogen.bodysafety import SITE_EXTENSIONS, body_problems

SCRIPT_LINK = "länkar som börjar med javascript: är inte tillåtna; länka med https://"
PLAIN_ONLY = ("är inte tillåten; bara vanliga textelement som stycken, rubriker, listor, tabeller, länkar och "
              "bilder får stå i texten. Ta bort den och skriv vanlig text eller en vanlig länk")

# A hang guard, not a benchmark: what once took minutes (or forever) must end; timing is make bench's.
HANG = 30


@pytest.mark.parametrize("written, message", [
    ("[Läs](&#x6A;avascript:alert(1))", SCRIPT_LINK),
    ("[Läs](javascript&colon;alert(1))", SCRIPT_LINK),
    ("[Läs](jav&#x09;ascript:alert(1))", SCRIPT_LINK),
    ('<a href="java\nscript:alert(1)">Läs</a>', SCRIPT_LINK),
    ('<a href=" &#10;javascript:alert(1)">Läs</a>', SCRIPT_LINK),
    ("<svg/onload=alert(1)>", f"HTML-taggen <svg> {PLAIN_ONLY}"),
    ("<details/open/ontoggle=alert(1)>",
     "attributet ontoggle= är inte tillåtet; det kör kod i besökarens webbläsare. Ta bort det"),
    ('Ett stycke.\n{onclick="alert(1)"}',
     "attributet onclick= är inte tillåtet; det kör kod i besökarens webbläsare. Ta bort det"),
    ('Ett stycke.\n{style="position: fixed"}',
     "attributet style= är inte tillåtet på <p>; i HTML och i en attributlista {…} får bara id och class stå. "
     "Ta bort det"),
    ("<textarea>Text</textarea>", f"HTML-taggen <textarea> {PLAIN_ONLY}"),
    ("![Bild](data:image/svg+xml;base64,PHN2Zz4=)",
     "länkar som börjar med data: är inte tillåtna; länka med https://"),
])
def test_bypasses_of_the_old_blacklist_are_caught_on_their_own_line(tmp_path: Path, written: str,
                                                                    message: str) -> None:
    text = challenge_text(body="## Bakgrund\n\nFörsta stycket.\n\n" + written + "\n")
    last_line = text.count("\n", 0, text.index(written) + len(written))
    first_line = text.count("\n", 0, text.index(written)) + 1
    problem = only_problem(tmp_path, text)
    line = int(problem.split(":")[1])
    assert first_line <= line <= last_line + 1
    assert problem == f"challenges/snorojning.md:{line}: brödtext: {message}"


def test_an_attribute_list_names_the_line_of_the_list() -> None:
    assert [str(p) for p in body_problems("Ett stycke\n{onclick=\"x\"}\n", 20, "f.md")] == [
        "f.md:21: brödtext: attributet onclick= är inte tillåtet; det kör kod i besökarens webbläsare. Ta bort det"]


@pytest.mark.parametrize("written", [
    "| a | b |\n|:-|-:|\n| 1 | 2 |",
    '<div class="ruta" id="ruta">Text</div>',
    "[Webb](https://example.org), [sida](../bevaka/), <mailto:anna@example.org>, [ring](tel:+46411123)",
    "## Rubrik {#egen .klass}\n\nText.",
    "<!-- en kommentar -->\n\nText.",
    "<details open><summary>Mer</summary>Text.</details>",
    '!!! note "Obs"\n    Text.',
    'Vi vill att online=alltid ska gälla, och <abbr title="onsdag">ons</abbr> är mötesdag.',
])
def test_ordinary_markdown_and_harmless_html_pass(written: str) -> None:
    assert body_problems(written + "\n", 1, "f.md") == []


def test_the_referee_reports_what_the_sanitizer_would_remove() -> None:
    html = '<p onclick="x">Text</p>'
    found = bodysafety._referee(html, bodysafety._tags(html))
    assert [f.message for f in found] == [
        'säkerhetskontrollen skulle ta bort <p onclick="x"> här; skriv om det som vanlig text eller en vanlig länk']


def test_many_braces_render_and_check_in_linear_time() -> None:
    started = time.monotonic()
    assert body_problems("{" * 50_000 + "\n", 1, "f.md") == []
    assert body_problems("a {" * 50_000 + "\n", 1, "f.md") == []
    assert time.monotonic() - started < HANG


def test_the_check_renders_with_the_site_markdown_extensions() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = tuple(next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"])
    assert names == SITE_EXTENSIONS


def test_nh3_is_pinned_exactly() -> None:
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("nh3==") for line in requirements)


def test_texts_that_would_take_markdown_minutes_are_refused_at_once() -> None:
    started = time.monotonic()
    assert [str(p) for p in body_problems("Första.\n\n" + "[" * 50_000 + "\n", 5, "f.md")] == [
        "f.md:5: brödtext: texten har 50000 hakparenteser [; högst 2000 får stå i en text, annars tar sidan för "
        "lång tid att bygga. Ta bort dem som inte behövs"]
    assert [str(p) for p in body_problems("Första.\n\n" + "<a " * 600 + "\n", 5, "f.md")] == [
        "f.md:7: brödtext: stycket har 600 tecken <; högst 500 får stå i ett stycke, annars tar sidan för lång tid "
        "att bygga. Dela upp stycket med tomma rader eller ta bort dem som inte behövs"]
    assert body_problems("\n\n".join(["[a](b) " * 100] * 10), 1, "f.md") == []
    assert time.monotonic() - started < HANG

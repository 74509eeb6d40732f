"""The commands staff run speak Swedish: their help, its headings and argparse's own errors."""

from __future__ import annotations

import pytest
from utmaningskatalogen.cli import check, new_challenge, verify
from utmaningskatalogen.cli.parser import swedish_error

ENGLISH = ("usage", "positional arguments", "options", "show this help", "error:", "required", "argument ")


def help_of(main: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exited:
        main(["--help"])  # type: ignore[operator]
    assert exited.value.code == 0
    return capsys.readouterr().out


def test_the_check_command_explains_itself_in_swedish(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert help_of(check.main, capsys, monkeypatch) == """\
Användning: utmaningskatalogen-check [-h] [-f FIL] [--github] [--no-cache]

Kontrollera utmaningarna utan att bygga webbplatsen.

Flaggor:
  -h, --help            visa den här hjälpen och avsluta
  -f FIL, --config-file FIL
                        webbplatsens inställningar (mkdocs.yml i den här mappen om inget anges)
  --github              skriv även GitHub-annoteringar (::error …)
  --no-cache            kontrollera varje fil på nytt, utan det som
                        .cache/utmaningskatalogen/check.json minns från förra körningen
"""


@pytest.mark.parametrize("main", [new_challenge.main, check.main, verify.main])
def test_every_command_s_help_is_swedish_throughout(main: object, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    text = help_of(main, capsys, monkeypatch)
    assert text.startswith("Användning: ") and "Flaggor:\n" in text
    assert not [word for word in ENGLISH if word in text.lower()]


def test_the_scaffolder_s_help_names_its_argument_and_every_option_in_swedish(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = help_of(new_challenge.main, capsys, monkeypatch)
    assert "Argument:\n  TITEL                 utmaningens titel; filnamnet skapas av den\n" in text
    for line in ("--municipality NYCKEL", "kommunens nyckel ur _vocabularies.yml; upprepa för flera kommuner",
                 "--summary TEXT        en eller två meningar om behovet",
                 "--contact-name NAMN   kontaktpersonens namn (utan det: ditt namn i git)",
                 "--contact-email E-POST"):
        assert line in text


@pytest.mark.parametrize("argv, message", [
    ([], "fel: TITEL saknas"),
    (["Titel", "--status", "öppen"], "fel: --status: 'öppen' finns inte; välj en av: 'need', 'dialogue', 'tender', "
                                     "'in_progress', 'completed', 'cancelled', 'draft'"),
    (["Titel", "--area"], "fel: --area: skriv ett värde efter --area"),
    (["Titel", "--okand"], "fel: okända argument: --okand"),
    (["Titel", "--contact"], "fel: --contact kan betyda flera saker: --contact-name, --contact-email"),
])
def test_the_scaffolder_s_mistakes_are_told_in_swedish(argv: list[str], message: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        new_challenge.main(argv)
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("Användning: ") and error.endswith(f": {message}\n")


def test_a_message_argparse_does_not_have_is_kept() -> None:
    assert swedish_error("titeln behöver minst en bokstav eller siffra") == "titeln behöver minst en bokstav eller siffra"

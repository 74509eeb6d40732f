"""Write a new challenge file to start from (`make new`).

    utmaningskatalogen-new "Titel på utmaningen" --municipality ystad [--municipality KEY …]
        [--area KEY …] [--status need] [--summary TEXT] [--contact-name NAME] [--contact-email EMAIL]

Writes challenges/<slug>.md (slug from the title: å/ä→a, ö→o, é→e, other characters to dashes)
with every required field filled or marked, Swedish comments explaining each field and the
recommended headings, and prints its path. Refuses to overwrite a file and rejects unknown
keys. Values it cannot know are written as FYLL I placeholders, which `make check` rejects
until they are filled; with every key and value given, the file passes as written.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from ..catalogue import catalogue_today, slugify
from ..plugin.settings import load_settings
from ..rules import default_summary
from ..schema import CHALLENGE_FIELDS, FIELDS_BY_NAME
from ..statuses import Status
from ..validation import PLACEHOLDER
from ..vocabulary import load_vocabularies
from .parser import SwedishArgumentParser

# The recommended headings, each with a comment saying what belongs there (comments do not show).
BODY = """
## Bakgrund

<!-- Beskriv läget i dag och varför det är ett problem. Vilka berörs? -->

## Utmaningen

<!-- Beskriv behovet, inte lösningen. Vad är svårt i dag? -->

## Vad vi vill uppnå

<!-- Skriv gärna mätbara mål: vad ska bli bättre, och hur vet vi det? -->

## Förutsättningar

<!-- Budget, tidplan, system som lösningen ska fungera med, regler som gäller. -->

## Så kan du som leverantör bidra

<!-- Berätta hur och när företag kan höra av sig och vad ni vill veta. -->
"""


def quoted(text: str) -> str:
    """A YAML string that is always read back as exactly `text`."""
    return json.dumps(text, ensure_ascii=False)


def git_identity(folder: Path) -> tuple[str | None, str | None]:
    """The person creating the file is the natural first contact, if git knows them."""
    def read(key: str) -> str | None:
        try:
            result = subprocess.run(["git", "config", key], capture_output=True, text=True, cwd=folder, check=False)
        except OSError:
            return None
        return result.stdout.strip() or None

    return read("user.name"), read("user.email")


def challenge_file(title: str, status: Status, municipalities: list[str], areas: list[str], summary: str | None,
                   contact_name: str | None, contact_email: str | None, today: date, names: list[str]) -> str:
    fill = f"{PLACEHOLDER}:"
    # A true first summary when the municipalities are known; staff are asked to improve it.
    first_summary = default_summary(names, title) if names else f"{fill} en eller två meningar om behovet"
    lines = [
        "---",
        f"# {FIELDS_BY_NAME['title'].description} Högst 100 tecken.",
        f"title: {quoted(title)}",
        f"# {FIELDS_BY_NAME['summary'].description} Högst 300 tecken. Skriv om med egna ord.",
        f"summary: {quoted(summary or first_summary)}",
        "# Var utmaningen står: " + ", ".join(f"{s.value} ({s.label})" for s in Status) + ".",
        "# draft visas aldrig. dialogue och tender kräver också deadline (sista svarsdag).",
        f"status: {status.value}",
        f"# {FIELDS_BY_NAME['municipalities'].description} Nycklar ur challenges/_vocabularies.yml.",
        f"municipalities: [{', '.join(municipalities) or quoted(fill + ' kommun')}]",
        f"# {FIELDS_BY_NAME['areas'].description} Nycklar ur challenges/_vocabularies.yml.",
        f"areas: [{', '.join(areas) or quoted(fill + ' område')}]",
        f"# {FIELDS_BY_NAME['published'].description}",
        f"published: {today.isoformat()}",
    ]
    if status.takes_responses:
        lines += ["# Sista dag att svara, ÅÅÅÅ-MM-DD. Ett klockslag skrivs i deadline_time, till exempel \"12:00\".",
                  f"deadline: {quoted(fill + ' ÅÅÅÅ-MM-DD')}"]
    if status is Status.DIALOGUE:
        lines.append("# Pågår dialogen tills vidare? Ta då bort deadline och skriv open_until_further_notice: true.")
    lines += [
        f"# {FIELDS_BY_NAME['contact'].description} Namnet och e-postadressen visas på webbplatsen.",
        "contact:",
        f"  name: {quoted(contact_name or fill + ' kontaktpersonens namn')}",
        f"  email: {quoted(contact_email or fill + ' e-postadress')}",
    ]
    if status is Status.TENDER:
        lines += ["# Länk till annonsen i annonsdatabasen (krävs för tender).", "procurement:",
                  f"  notice_url: {quoted(fill + ' https://…')}"]
    written = {line.split(":", 1)[0] for line in lines if not line.startswith(("#", " "))}
    more = [spec.name for spec in CHALLENGE_FIELDS if spec.name not in written and spec.name != "example_source"]
    lines += [f"# {line}" for line in textwrap.wrap(
        f"Fler fält som går att använda: {', '.join(more)}. Se sidan Fält i en utmaning.", width=96)]
    lines.append("---")
    return "\n".join(lines) + "\n" + BODY


def main(argv: list[str] | None = None) -> int:
    parser = SwedishArgumentParser(prog="utmaningskatalogen-new", description="Skapa en ny utmaning att utgå från.")
    parser.add_argument("title", metavar="TITEL", help="utmaningens titel; filnamnet skapas av den")
    parser.add_argument("--municipality", action="append", default=[], metavar="NYCKEL",
                        help="kommunens nyckel ur _vocabularies.yml; upprepa för flera kommuner")
    parser.add_argument("--area", action="append", default=[], metavar="NYCKEL",
                        help="områdets nyckel ur _vocabularies.yml; upprepa för flera områden")
    parser.add_argument("--status", default=Status.DRAFT.value, choices=[s.value for s in Status],
                        help="var utmaningen står (utan det: draft, ett utkast som inte publiceras)")
    parser.add_argument("--summary", metavar="TEXT", help="en eller två meningar om behovet")
    parser.add_argument("--contact-name", metavar="NAMN", help="kontaktpersonens namn (utan det: ditt namn i git)")
    parser.add_argument("--contact-email", metavar="E-POST",
                        help="kontaktpersonens e-postadress (utan det: din adress i git)")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FIL",
                        help="webbplatsens inställningar; filen hamnar i deras challenges_dir")
    parser.add_argument("--challenges-dir", type=Path, metavar="MAPP", help="en annan mapp än den i mkdocs.yml")
    args = parser.parse_args(argv)
    challenges_dir: Path = args.challenges_dir
    if challenges_dir is None:
        try:
            challenges_dir = load_settings(args.config_file).challenges_dir
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1

    title = " ".join(args.title.split())
    slug = slugify(title)
    if not title or not slug:
        parser.error("titeln behöver minst en bokstav eller siffra")
    vocabularies, problems = load_vocabularies(challenges_dir, challenges_dir.name)
    if vocabularies is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    unknown = [(kind, key, table) for kind, keys, table in (
        ("kommun", args.municipality, vocabularies.municipalities), ("område", args.area, vocabularies.areas))
        for key in keys if key not in table]
    for kind, key, table in unknown:
        print(f"'{key}' är ingen känd nyckel för {kind}; kända: {', '.join(table)}", file=sys.stderr)
    if unknown:
        return 2

    path = challenges_dir / f"{slug}.md"
    if path.exists():
        print(f"{path} finns redan; välj en annan titel eller redigera den befintliga filen", file=sys.stderr)
        return 1
    name, email = git_identity(challenges_dir)
    text = challenge_file(title, Status(args.status), args.municipality, args.area, args.summary,
                          args.contact_name or name, args.contact_email or email, catalogue_today(),
                          [vocabularies.municipalities[key].name for key in args.municipality])
    path.write_text(text, encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

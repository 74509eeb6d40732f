"""Common mistakes in challenge files, with the message the check really gives for each.

The guide for staff shows these; the messages are produced by running validation on each
example at build time, so the guide can never quote a message the check no longer gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from .frontmatter import parse_front_matter
from .problems import Problem
from .validation import validate_challenge
from .vocabulary import Vocabularies

_VALID = """---
title: Smart snöröjning
summary: Vi vill röja snö där det behövs mest, när det behövs.
status: need
municipalities: [ystad]
areas: [trafik-och-mobilitet]
published: 2026-09-01
contact:
  name: Anna Andersson
  email: anna.andersson@example.org
---

## Bakgrund

Snön kommer varje vinter.
"""


@dataclass(frozen=True)
class Mistake:
    title: str
    original: str  # a line of a valid file
    mistaken: str  # the same line with the mistake
    fix: str
    message: str = ""


_MISTAKES = (
    Mistake("Stavfel i ett fältnamn", "published: 2026-09-01", "publisehd: 2026-09-01",
            "Rätta stavningen. Meddelandet föreslår det fält som ligger närmast."),
    Mistake("Okänd status", "status: need", "status: öppen",
            "Använd ett av värdena i listan. Det svenska namnet visas på webbplatsen, men i filen står "
            "det engelska värdet."),
    Mistake("En lista skriven som vanlig text", "municipalities: [ystad]", "municipalities: ystad",
            "Skriv listan inom hakparenteser även när den har ett enda värde: [ystad]."),
    Mistake("Okänd kommun eller okänt område", "municipalities: [ystad]", "municipalities: [Ystad kommun]",
            "Använd nyckeln ur challenges/_vocabularies.yml, inte kommunens namn."),
    Mistake("Ett datum som inte finns", "published: 2026-09-01", "published: 2026-02-30",
            "Kontrollera datumet. Skriv det som ÅÅÅÅ-MM-DD."),
    Mistake("Ett datum skrivet på ett annat sätt", "published: 2026-09-01", "published: 1/9/2026",
            "Skriv datumet som ÅÅÅÅ-MM-DD. Meddelandet visar hur datumet ska stå."),
    Mistake("En platshållare från mallen", "municipalities: [ystad]", 'municipalities: ["FYLL I: kommun"]',
            "Skriv det riktiga värdet i stället för FYLL I. make new skriver FYLL I där den inte kan veta värdet."),
    Mistake("Sista svarsdag saknas", "status: need", "status: dialogue",
            "Lägg till deadline: med sista svarsdag när status är dialogue eller tender."),
    Mistake("Kolon i en text", "title: Smart snöröjning", "title: Snöröjning: smartare vintrar",
            'Sätt citattecken runt texten: title: "Snöröjning: smartare vintrar".'),
    Mistake("Kod i brödtexten", "Snön kommer varje vinter.", 'Snön kommer <script src="x.js"></script>',
            "Ta bort koden. Länka i stället med vanlig Markdown: [text](https://…)."),
    Mistake("En länk som kör kod", "Snön kommer varje vinter.", "Snön kommer [varje vinter](javascript:x).",
            "Länka till en adress som börjar med https://. Det hjälper inte att skriva koden på ett annat sätt."),
    Mistake("En rubrik utan text under", "Snön kommer varje vinter.", "Snön kommer varje vinter.\n\n## Tidplan",
            "Skriv vad som hör till rubriken, eller ta bort den. Ett utkast får ha tomma rubriker."),
    Mistake("Upphandling utan länk till annonsen", "status: need", "status: tender\ndeadline: 2027-01-31",
            "Lägg till procurement: med notice_url: och länken till annonsen i annonsdatabasen."),
)


def common_mistakes(vocabularies: Vocabularies) -> list[Mistake]:
    """Each mistake with every message validation gives for it."""
    result = []
    for mistake in _MISTAKES:
        text = _VALID.replace(mistake.original, mistake.mistaken, 1)
        assert text != _VALID, mistake.title
        problems: list[Problem]
        source, problems = parse_front_matter(text, "challenges/smart-snorojning.md")
        if source is not None and not problems:
            _, problems = validate_challenge(source, "smart-snorojning", "challenges/smart-snorojning.md",
                                             vocabularies, {"smart-snorojning"})
        if not problems:
            raise ValueError(f"exemplet '{mistake.title}' ger inget fel längre; uppdatera mistakes.py")
        result.append(Mistake(mistake.title, mistake.original, mistake.mistaken, mistake.fix,
                              "\n".join(map(str, problems))))
    return result

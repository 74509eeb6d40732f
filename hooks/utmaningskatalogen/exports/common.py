"""Wording and helpers that several exports share."""

from __future__ import annotations

import re
from datetime import date

from ..dates import sv_date
from ..formats import kronor
from ..model import Challenge, Phase
from ..vocabulary import Vocabularies

# Control characters XML 1.0 and iCalendar forbid; YAML escapes such as "\v" could carry them in.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def state_sentence(challenge: Challenge, today: date) -> str:
    """The status and whether one can respond, as the challenge page says it."""
    sentence = f"Status: {challenge.status.label}."
    responses = challenge.responses(today)
    if responses.until_further_notice:
        sentence += " Öppen för svar: dialogen pågår tills vidare."
    elif responses.is_open and responses.deadline:
        at = f" kl. {challenge.deadline_time}" if challenge.deadline_time else ""
        sentence += f" Öppen för svar till och med {sv_date(responses.deadline)}{at}."
    elif responses.closed_since:
        sentence += f" Stängd för svar sedan {sv_date(responses.closed_since)}."
    return sentence


def phase_text(phase: Phase, *, dated: bool = True) -> str:
    """A step of the timeline in words: '1 mars 2027 – 31 mars 2027. … Budget: 500 000 kronor. …'."""
    when = sv_date(phase.first_day) if phase.date else f"{sv_date(phase.first_day)} – {sv_date(phase.last_day)}"
    facts = [f"{when}." if dated else "", phase.description or ""]
    if phase.budget_sek is not None:
        facts.append(f"Budget: {kronor(phase.budget_sek)}.")
    if phase.suppliers_to_choose is not None:
        facts.append(f"Leverantörer som väljs: {phase.suppliers_to_choose}.")
    return " ".join(fact for fact in facts if fact)


def municipality_names(challenge: Challenge, vocabularies: Vocabularies) -> list[str]:
    return [vocabularies.municipalities[key].name for key in challenge.municipalities]


def area_names(challenge: Challenge, vocabularies: Vocabularies) -> list[str]:
    return [vocabularies.areas[key].name for key in challenge.areas]


def printable(text: str) -> str:
    """Text without the control characters XML and iCalendar forbid."""
    return _NOT_XML.sub("", text)

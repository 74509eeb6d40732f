"""Wording and helpers that several exports share."""

from __future__ import annotations

import re
from datetime import date

from ..dates import sv_date
from ..model import Challenge
from ..vocabulary import Vocabularies

# Control characters XML 1.0 and iCalendar forbid; YAML escapes such as "\v" could carry them in.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def state_sentence(challenge: Challenge, today: date) -> str:
    """The status and whether one can respond, as the challenge page says it."""
    sentence = f"Status: {challenge.status.label}."
    responses = challenge.responses(today)
    if responses.is_open and responses.deadline:
        sentence += f" Öppen för svar till och med {sv_date(responses.deadline)}."
    elif responses.closed_since:
        sentence += f" Stängd för svar sedan {sv_date(responses.closed_since)}."
    return sentence


def municipality_names(challenge: Challenge, vocabularies: Vocabularies) -> list[str]:
    return [vocabularies.municipalities[key].name for key in challenge.municipalities]


def area_names(challenge: Challenge, vocabularies: Vocabularies) -> list[str]:
    return [vocabularies.areas[key].name for key in challenge.areas]


def printable(text: str) -> str:
    """Text without the control characters XML and iCalendar forbid."""
    return _NOT_XML.sub("", text)

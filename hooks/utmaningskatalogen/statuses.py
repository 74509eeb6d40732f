"""The closed set of challenge statuses, their Swedish labels and what each means."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import Enum


class Status(Enum):
    """Where a challenge stands. Declaration order is the catalogue's sort order."""

    NEED = "need"
    DIALOGUE = "dialogue"
    TENDER = "tender"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    DRAFT = "draft"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def meaning(self) -> str:
        """What the status means for a supplier, in one or two sentences."""
        return self.meaning_for(1)

    def meaning_for(self, municipalities: int) -> str:
        """The meaning on a challenge's page: "Kommunen …" for one municipality, "Kommunerna …" for several."""
        return _MEANINGS[self].format(kommunen="Kommunen" if municipalities == 1 else "Kommunerna")

    @property
    def is_public(self) -> bool:
        return self is not Status.DRAFT

    @property
    def takes_responses(self) -> bool:
        """Statuses in which suppliers respond until a deadline."""
        return self in RESPONSE_STATUSES

    @property
    def rank(self) -> int:
        return list(Status).index(self)


# The statuses in which suppliers respond until a deadline: the one place that says so.
RESPONSE_STATUSES = frozenset({Status.DIALOGUE, Status.TENDER})
# Finished challenges: they say what came of them (outcome) and may give figures of the responses.
FINISHED_STATUSES = frozenset({Status.COMPLETED, Status.CANCELLED})

# What a market dialogue open until further notice means, in place of Status.DIALOGUE.meaning
# ("{kommunen}" as in _MEANINGS).
UNTIL_FURTHER_NOTICE_MEANING = (
    "{kommunen} för marknadsdialog och vill ha leverantörers synpunkter och idéer. Dialogen pågår "
    "tills vidare: det går att svara tills statusen ändras, och ändringen syns här."
)

_LABELS = {
    Status.NEED: "Behov",
    Status.DIALOGUE: "Marknadsdialog",
    Status.TENDER: "Upphandling",
    Status.IN_PROGRESS: "Genomförande",
    Status.COMPLETED: "Avslutad",
    Status.CANCELLED: "Avbruten",
    Status.DRAFT: "Utkast",
}

# "{kommunen}" is "Kommunen" or "Kommunerna" (Status.meaning_for).
_MEANINGS = {
    Status.NEED: (
        "{kommunen} har identifierat och beskrivit ett behov men ännu inte börjat någon "
        "upphandling. Du får gärna höra av dig till kontaktpersonen med idéer och frågor."
    ),
    Status.DIALOGUE: (
        "{kommunen} för marknadsdialog och vill ha leverantörers synpunkter och idéer "
        "fram till sista svarsdag."
    ),
    Status.TENDER: (
        "En upphandling är annonserad. Anbud lämnas enligt annonsen i annonsdatabasen, "
        "senast sista svarsdag."
    ),
    Status.IN_PROGRESS: (
        "Avtal eller partnerskap är tecknat och arbetet pågår. Det går inte längre att "
        "lämna anbud."
    ),
    Status.COMPLETED: "Utmaningen är avslutad. Läs vad den ledde till.",
    Status.CANCELLED: "Utmaningen är avbruten. Läs varför.",
    Status.DRAFT: "Utkastet är inte publicerat.",
}

# Swedish words staff write for a status besides its label, and the statuses each most likely
# means: "öppen" is open for responses, which a challenge is in dialogue or tender.
_WORDS: dict[str, tuple[Status, ...]] = {
    "öppen": (Status.DIALOGUE, Status.TENDER), "öppet": (Status.DIALOGUE, Status.TENDER),
    "dialog": (Status.DIALOGUE,), "annonserad": (Status.TENDER,), "anbud": (Status.TENDER,),
    "pågår": (Status.IN_PROGRESS,), "pågående": (Status.IN_PROGRESS,), "klar": (Status.COMPLETED,),
    "färdig": (Status.COMPLETED,), "inställd": (Status.CANCELLED,), "stoppad": (Status.CANCELLED,),
}


def statuses_meant(written: str, among: Iterable[Status] = Status) -> tuple[Status, ...]:
    """The statuses that a mistyped value, a Swedish label or a Swedish word most likely means."""
    allowed = set(among)
    candidates: dict[str, tuple[Status, ...]] = {s.value: (s,) for s in allowed}
    candidates.update((s.label.lower(), (s,)) for s in allowed)
    candidates.update((word, meant) for word, meant in _WORDS.items() if set(meant) <= allowed)
    word = " ".join(written.lower().split())
    close = [word] if word in candidates else difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return candidates[close[0]] if close else ()


def meant_hint(written: str, among: Iterable[Status] = Status) -> str:
    """ "menade du 'dialogue' (Marknadsdialog)? " for a status written wrongly, or "" when nothing is near."""
    meant = statuses_meant(written, among)
    return f"menade du {' eller '.join(f'{s.value!r} ({s.label})' for s in meant)}? " if meant else ""

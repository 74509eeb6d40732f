"""The closed set of challenge statuses, their Swedish labels and what each means."""

from __future__ import annotations

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
        return _MEANINGS[self]

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

# What a market dialogue open until further notice means, in place of Status.DIALOGUE.meaning.
UNTIL_FURTHER_NOTICE_MEANING = (
    "Kommunen för marknadsdialog och vill ha leverantörers synpunkter och idéer. Dialogen pågår "
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

_MEANINGS = {
    Status.NEED: (
        "Kommunen har identifierat och beskrivit ett behov men ännu inte börjat någon "
        "upphandling. Du får gärna höra av dig till kontaktpersonen med idéer och frågor."
    ),
    Status.DIALOGUE: (
        "Kommunen för marknadsdialog och vill ha leverantörers synpunkter och idéer "
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

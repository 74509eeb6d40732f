"""Validated challenges and the state derived from them and today's date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .statuses import Status

CLOSING_SOON_DAYS = 7
EXAMPLE_PREFIX = "Exempel: "


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Procurement:
    procedure: str | None = None
    notice_url: str | None = None
    reference: str | None = None
    estimated_value_sek: int | None = None


@dataclass(frozen=True)
class Event:
    title: str
    date: date
    time: str | None = None
    end_time: str | None = None
    location: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    title: str
    url: str


@dataclass(frozen=True)
class Question:
    question: str
    answer: str


@dataclass(frozen=True)
class Challenge:
    """One challenge file after validation. Field names follow the file contract."""

    slug: str
    source_path: str
    title: str
    summary: str
    status: Status
    municipalities: tuple[str, ...]
    areas: tuple[str, ...]
    published: date
    contact: Contact
    body: str
    deadline: date | None = None
    updated: date | None = None
    procurement: Procurement | None = None
    events: tuple[Event, ...] = ()
    cpv: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    related: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    faq: tuple[Question, ...] = ()
    outcome: str | None = None
    title_en: str | None = None
    summary_en: str | None = None
    example: bool = False
    example_source: str | None = None

    @property
    def example_notice(self) -> str | None:
        """What every page, feed, calendar and export says about an example; None for a real challenge."""
        if not self.example:
            return None
        if self.example_source:
            return (f"Det här är ett exempel som bygger på en verklig utmaning ({self.example_source.rstrip('.')}). "
                    "Det visar hur en utmaning ser ut i katalogen och går inte att svara på här.")
        return ("Det här är ett påhittat exempel som visar hur en utmaning ser ut i katalogen. "
                "Det är ingen verklig utmaning.")

    def marked(self, text: str) -> str:
        """A title or heading as lists, feeds, calendars and exports show it: 'Exempel: …' for an example."""
        return f"{EXAMPLE_PREFIX}{text}" if self.example else text

    def is_published(self, today: date) -> bool:
        return self.status.is_public and self.published <= today

    def is_open(self, today: date) -> bool:
        """Open for responses: derived, never written by hand."""
        return self.status.takes_responses and self.deadline is not None and today <= self.deadline

    def is_closing_soon(self, today: date) -> bool:
        return self.is_open(today) and (self.deadline - today).days <= CLOSING_SOON_DAYS  # type: ignore[operator]

    def days_left(self, today: date) -> int | None:
        return (self.deadline - today).days if self.is_open(today) else None  # type: ignore[operator]

"""Validated challenges and the state derived from them and today's date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .statuses import Status

CLOSING_SOON_DAYS = 7
EXAMPLE_PREFIX = "Exempel: "
# A meeting held online says so with the first word of its location ("Digitalt", "Digitalt möte
# i Teams"), as the field's description in schema.py asks.
ONLINE_WORDS = frozenset({"digitalt", "digital", "online", "webbinarium"})


@dataclass(frozen=True)
class ResponseState:
    """Where a challenge stands for a supplier who wants to respond, on a given day.

    The one home of these rules: pages, cards (and so the filter script), exports and the
    finder all read them from here. Open runs to and including the deadline day; "closing
    soon" is open with at most CLOSING_SOON_DAYS left. A market dialogue open until further
    notice has no deadline: it is open as long as its status is `dialogue`, never closing soon.
    """

    takes_responses: bool  # the status is one in which suppliers respond until a deadline
    deadline: date | None
    days_left: int | None  # None unless open with a deadline
    until_further_notice: bool = False  # open, with no deadline, until the status changes

    @classmethod
    def of(cls, status: Status, deadline: date | None, today: date,
           until_further_notice: bool = False) -> ResponseState:
        takes = status.takes_responses
        if status is Status.DIALOGUE and until_further_notice and deadline is None:
            return cls(takes, None, None, until_further_notice=True)
        is_open = takes and deadline is not None and today <= deadline
        return cls(takes, deadline, (deadline - today).days if is_open and deadline else None)

    @property
    def is_open(self) -> bool:
        return self.days_left is not None or self.until_further_notice

    @property
    def closing_soon(self) -> bool:
        return self.days_left is not None and self.days_left <= CLOSING_SOON_DAYS

    @property
    def closed_since(self) -> date | None:
        """The deadline that has passed, for "Stängd för svar sedan …"; None when not closed."""
        return self.deadline if self.takes_responses and self.deadline and not self.is_open else None


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
    id: str | None = None  # what identifies the meeting when it moves or is renamed

    @property
    def online(self) -> bool:
        """Whether the meeting is held online: its location starts with 'Digitalt' or the like."""
        words = re.findall(r"\w+", (self.location or "").lower())
        return bool(words) and words[0] in ONLINE_WORDS


# `Phase.date` is a field, so inside the class `date` names it, not the type.
Day = date


@dataclass(frozen=True)
class Phase:
    """One step of the timeline: on one day (`date`) or over a period (`start` to `end`);
    validation makes sure it is one or the other."""

    title: str
    date: Day | None = None
    start: Day | None = None
    end: Day | None = None
    budget_sek: int | None = None
    suppliers_to_choose: int | None = None
    description: str | None = None

    @property
    def first_day(self) -> Day:
        day = self.date or self.start
        assert day is not None
        return day

    @property
    def last_day(self) -> Day:
        day = self.date or self.end
        assert day is not None
        return day


@dataclass(frozen=True)
class CoFunding:
    funder: str
    amount_sek: int | None = None
    description: str | None = None


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
    # The body as HTML, rendered once when the file was validated: what was checked is what is shown.
    body_html: str = field(default="", repr=False, compare=False)
    deadline: date | None = None
    deadline_time: str | None = None  # "HH:MM" on the deadline day, Stockholm time
    open_until_further_notice: bool = False
    lead_municipality: str | None = None
    other_contacts: tuple[Contact, ...] = ()
    updated: date | None = None
    procurement: Procurement | None = None
    phases: tuple[Phase, ...] = ()
    evaluation: str | None = None
    response_languages: tuple[str, ...] = ()
    co_funding: tuple[CoFunding, ...] = ()
    events: tuple[Event, ...] = ()
    cpv: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    related: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    faq: tuple[Question, ...] = ()
    outcome: str | None = None
    responses_received: int | None = None
    suppliers_chosen: int | None = None
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

    @property
    def buyer(self) -> str:
        """The municipality that leads: the one named as leading, or else the first one listed."""
        return self.lead_municipality or self.municipalities[0]

    @property
    def contacts(self) -> tuple[Contact, ...]:
        return (self.contact, *self.other_contacts)

    def is_published(self, today: date) -> bool:
        return self.status.is_public and self.published <= today

    def responses(self, today: date) -> ResponseState:
        """Whether suppliers can respond today: derived, never written by hand."""
        return ResponseState.of(self.status, self.deadline, today, self.open_until_further_notice)

    def is_open(self, today: date) -> bool:
        return self.responses(today).is_open

    def is_closing_soon(self, today: date) -> bool:
        return self.responses(today).closing_soon

    def days_left(self, today: date) -> int | None:
        return self.responses(today).days_left

"""iCalendar files (RFC 5545): deadlines and meetings to subscribe to or import.

A challenge open for responses gives an event on its deadline (all day, or at `deadline_time`);
every entry in its `events` gives an event, at its time in Europe/Stockholm when one is given,
and every step of its timeline (`phases`) an all-day event over its days. UIDs are stable
across builds and across changes: a deadline's is its challenge's, a meeting's comes from its
challenge and the meeting's `id`, else its title (`meeting_key`), never from its day or time, a
step's from its challenge and title, so a moved deadline, meeting or step updates the same event.
DTSTAMP and LAST-MODIFIED are the challenge's last change, SEQUENCE the number of its changes since
publication; never the build's clock, so an unchanged catalogue gives identical files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, timedelta

from ..model import Challenge, Event, Phase
from ..publication import Publication
from .common import municipality_names, phase_text, printable, state_sentence

PRODID = "-//Utmaningskatalogen//Utmaningskatalogen 1.0//SV"
TIMEZONE = "Europe/Stockholm"
# Central European time since 1996: the rules every calendar needs to place TZID'd times.
VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TIMEZONE}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)


class Calendars:
    """Renders calendars; a challenge's events are rendered once and reused in every calendar."""

    def __init__(self, publication: Publication) -> None:
        self.publication = publication
        self._events: dict[str, list[tuple[tuple[str, str], str]]] = {}

    def render(self, challenges: Sequence[Challenge], *, name: str) -> bytes:
        """One calendar with the deadlines and events of `challenges`."""
        events: dict[str, tuple[tuple[str, str], str]] = {}
        for challenge in challenges:
            for key, text in self._of(challenge):
                events.setdefault(key[1], (key, text))  # an event listed twice is one event
        head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                f"NAME:{_text(name)}", f"X-WR-CALNAME:{_text(name)}",
                "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H", *VTIMEZONE]
        body = "".join(text for _, text in sorted(events.values()))
        return (_lines(head) + body + "END:VCALENDAR\r\n").encode("utf-8")

    def _of(self, challenge: Challenge) -> list[tuple[tuple[str, str], str]]:
        """((sortable start, uid), folded text) of each event of a challenge."""
        if challenge.slug not in self._events:
            self._events[challenge.slug] = [((start, uid), _lines(lines))
                                            for uid, start, lines in _events(self.publication, challenge)]
        return self._events[challenge.slug]


def _events(publication: Publication, challenge: Challenge) -> list[tuple[str, str, list[str]]]:
    """(uid, sortable start, lines) of each calendar event of a challenge."""
    url = publication.page_url(challenge)
    changed = publication.updated_at(challenge).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    # What tells a calendar that an event it has is a newer version of itself.
    revision = [f"DTSTAMP:{changed}", f"LAST-MODIFIED:{changed}", f"SEQUENCE:{publication.sequence(challenge)}"]
    found = []
    deadline = challenge.deadline
    if deadline and challenge.is_open(publication.catalogue.today):  # a dialogue until further notice has none
        uid = f"deadline-{challenge.slug}@{publication.host}"
        names = ", ".join(municipality_names(challenge, publication.catalogue.vocabularies))
        found.append((uid, f"{deadline.isoformat()}T{challenge.deadline_time or ''}", [
            "BEGIN:VEVENT", f"UID:{uid}", *revision, *_at(deadline, challenge.deadline_time),
            f"SUMMARY:{_text(challenge.marked('Sista svarsdag: ' + challenge.title))}",
            f"DESCRIPTION:{_text(_description(publication, challenge))}",
            f"LOCATION:{_text(names)}", f"URL:{url}", "TRANSP:TRANSPARENT", "END:VEVENT",
        ]))
    for event, key in zip(challenge.events, meeting_keys(challenge.events), strict=True):
        uid = f"event-{_digest(challenge, key)}@{publication.host}"
        description = _description(publication, challenge)
        if event.url:
            description = f"Anmälan och mer information: {event.url}\n\n{description}"
        found.append((uid, f"{event.date.isoformat()}T{event.time or ''}", [
            "BEGIN:VEVENT", f"UID:{uid}", *revision, *_when(event),
            f"SUMMARY:{_text(challenge.marked(f'{event.title} – {challenge.title}'))}",
            f"DESCRIPTION:{_text(description)}",
            *([f"LOCATION:{_text(event.location)}"] if event.location else []),
            f"URL:{url}", "END:VEVENT",
        ]))
    for phase in challenge.phases:
        uid = f"phase-{_phase_digest(challenge, phase)}@{publication.host}"
        last = phase.last_day + timedelta(days=1)
        found.append((uid, phase.first_day.isoformat(), [
            "BEGIN:VEVENT", f"UID:{uid}", *revision,
            f"DTSTART;VALUE=DATE:{phase.first_day:%Y%m%d}", f"DTEND;VALUE=DATE:{last:%Y%m%d}",
            f"SUMMARY:{_text(challenge.marked(f'{phase.title} – {challenge.title}'))}",
            f"DESCRIPTION:{_text(_with_phase(phase, _description(publication, challenge)))}",
            f"URL:{url}", "TRANSP:TRANSPARENT", "END:VEVENT",
        ]))
    return found


def _at(day: date, clock: str | None) -> list[str]:
    """A deadline: at its time in Stockholm, or the whole day."""
    if clock:
        return [f"DTSTART;TZID={TIMEZONE}:{day:%Y%m%d}T{clock.replace(':', '')}00"]
    return [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}"]


def _with_phase(phase: Phase, description: str) -> str:
    """What a step of the timeline promises, first in its event's description."""
    text = phase_text(phase, dated=False)
    return f"{text}\n\n{description}" if text else description


def _phase_digest(challenge: Challenge, phase: Phase) -> str:
    """Stable while the step keeps its name, however its dates move."""
    return hashlib.sha256(f"{challenge.slug}\n{phase.title}".encode()).hexdigest()[:20]


def _when(event: Event) -> list[str]:
    if not event.time:
        return [f"DTSTART;VALUE=DATE:{event.date:%Y%m%d}",
                f"DTEND;VALUE=DATE:{event.date + timedelta(days=1):%Y%m%d}"]
    day = f"{event.date:%Y%m%d}"
    lines = [f"DTSTART;TZID={TIMEZONE}:{day}T{event.time.replace(':', '')}00"]
    if event.end_time:
        lines.append(f"DTEND;TZID={TIMEZONE}:{day}T{event.end_time.replace(':', '')}00")
    return lines


def _description(publication: Publication, challenge: Challenge) -> str:
    state = state_sentence(challenge, publication.catalogue.today)
    notice = f"{challenge.example_notice}\n\n" if challenge.example_notice else ""
    return f"{notice}{challenge.title}\n{state}\n\n{challenge.summary}\n\n{publication.page_url(challenge)}"


def meeting_keys(events: Sequence[Event]) -> list[str]:
    """What identifies each meeting of a challenge however it moves: its `id`, else its title.
    A title shared by meetings without an id gets their order among them (by date) as well.
    Titles are one line, so a key with a line break can never equal a title."""
    seen: dict[str, int] = {}
    keys = []
    for event in events:
        if event.id:
            keys.append(f"\n{event.id}")
            continue
        seen[event.title] = seen.get(event.title, 0) + 1
        keys.append(event.title if seen[event.title] == 1 else f"{event.title}\n{seen[event.title]}")
    return keys


def _digest(challenge: Challenge, key: str) -> str:
    return hashlib.sha256(f"{challenge.slug}\n{key}".encode()).hexdigest()[:20]


def _text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11)."""
    value = printable(value.replace("\r\n", "\n")).replace("\r", "")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _lines(lines: list[str]) -> str:
    return "".join(_fold(line) + "\r\n" for line in lines)


def _fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # each continuation line starts with a space
    parts.append(data[start:])
    return "\r\n ".join(part.decode("utf-8") for part in parts)

"""Dates the Swedish way: the Stockholm time zone and Swedish month names, defined once."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


def sv_date(value: date) -> str:
    """A date as people read it: 31 januari 2027."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def start_of(day: date) -> datetime:
    """Midnight at the start of a day in Sweden."""
    return datetime.combine(day, time(0), STOCKHOLM)

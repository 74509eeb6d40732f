"""What the catalogue's filters mean: one definition for the page, its script and the tests.

The catalogue page renders a GET form whose control names and values are fixed here (the URL
query string is the filter state); `theme/assets/katalog.js` applies the same rules in the
browser to the data the build writes on each card. The facet counts the page starts with come
from `facet_counts`, and the browser tests compare the script's results with `find`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from urllib.parse import urlencode

from .catalogue import catalogue_order
from .model import Challenge
from .statuses import Status
from .vocabulary import Vocabularies

# "Sista svarsdag inom" choices, in days from the catalogue's today.
DEADLINE_WINDOWS = (7, 30, 90)
# Statuses a visitor can filter on: every public one, in catalogue order.
STATUS_CHOICES = tuple(s for s in Status if s.is_public)


class Sort(Enum):
    DEADLINE = "deadline"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return {Sort.DEADLINE: "Öppna först, efter sista svarsdag",
                Sort.PUBLISHED: "Senast publicerade först"}[self]


@dataclass(frozen=True)
class Filters:
    """One state of the catalogue's filters. Empty values mean "no filter"."""

    q: str = ""
    status: Status | None = None
    open: bool = False
    municipalities: frozenset[str] = field(default_factory=frozenset)
    areas: frozenset[str] = field(default_factory=frozenset)
    deadline: int | None = None
    sort: Sort = Sort.DEADLINE

    def query_string(self) -> str:
        """The URL query for this state, in the order and form the page's script writes it."""
        pairs: list[tuple[str, str]] = []
        if self.q.strip():
            pairs.append(("q", self.q.strip()))
        if self.status:
            pairs.append(("status", self.status.value))
        if self.open:
            pairs.append(("open", "1"))
        pairs += [("municipality", key) for key in sorted(self.municipalities)]
        pairs += [("area", key) for key in sorted(self.areas)]
        if self.deadline:
            pairs.append(("deadline", str(self.deadline)))
        if self.sort is not Sort.DEADLINE:
            pairs.append(("sort", self.sort.value))
        return urlencode(pairs)


def search_text(challenge: Challenge, vocabularies: Vocabularies) -> str:
    """What the free-text filter looks in: title, summary, municipality and area names, CPV codes."""
    parts = [challenge.title, challenge.summary,
             *(vocabularies.municipalities[key].name for key in challenge.municipalities),
             *(vocabularies.areas[key].name for key in challenge.areas), *challenge.cpv]
    return _fold("\n".join(parts))


def closes_within(challenge: Challenge, days: int, today: date) -> bool:
    """Open for responses, with the deadline at most `days` days away."""
    left = challenge.days_left(today)
    return left is not None and left <= days


@dataclass(frozen=True)
class _Tests:
    """Each filter's verdict on one challenge; facet counts need them one by one."""

    q: bool
    status: bool
    open: bool
    municipalities: bool
    areas: bool
    deadline: bool

    def all_but(self, name: str = "") -> bool:
        return all(value for key, value in self.__dict__.items() if key != name)


def _tests(challenge: Challenge, filters: Filters, today: date, vocabularies: Vocabularies) -> _Tests:
    words = _fold(filters.q).split()
    text = search_text(challenge, vocabularies) if words else ""
    return _Tests(
        q=all(word in text for word in words),
        status=filters.status is None or challenge.status is filters.status,
        open=not filters.open or challenge.is_open(today),
        municipalities=not filters.municipalities or bool(filters.municipalities & set(challenge.municipalities)),
        areas=not filters.areas or bool(filters.areas & set(challenge.areas)),
        deadline=filters.deadline is None or closes_within(challenge, filters.deadline, today),
    )


def find(challenges: Iterable[Challenge], filters: Filters, today: date,
         vocabularies: Vocabularies) -> tuple[Challenge, ...]:
    """The challenges that pass every filter, in the chosen order.

    Within municipalities (and within areas) any chosen one will do; across filters all must hold.
    """
    found = [c for c in catalogue_order(list(challenges), today)
             if _tests(c, filters, today, vocabularies).all_but()]
    if filters.sort is Sort.PUBLISHED:
        found.sort(key=lambda c: c.published, reverse=True)  # stable: ties keep catalogue order
    return tuple(found)


@dataclass(frozen=True)
class FacetCounts:
    """How many challenges each option would give, the other filters kept as they are."""

    status: dict[str, int]  # "" is "every status"
    open: int
    municipalities: dict[str, int]
    areas: dict[str, int]
    deadline: dict[str, int]  # "" is "any deadline"


def facet_counts(challenges: Iterable[Challenge], filters: Filters, today: date,
                 vocabularies: Vocabularies) -> FacetCounts:
    status = dict.fromkeys(["", *(s.value for s in STATUS_CHOICES)], 0)
    municipalities = dict.fromkeys(vocabularies.municipalities, 0)
    areas = dict.fromkeys(vocabularies.areas, 0)
    deadline = dict.fromkeys(["", *map(str, DEADLINE_WINDOWS)], 0)
    open_count = 0
    for challenge in challenges:
        tests = _tests(challenge, filters, today, vocabularies)
        if tests.all_but("status"):
            status[""] += 1
            # .get: a preview (make preview) also lists drafts, which have no option of their own.
            status[challenge.status.value] = status.get(challenge.status.value, 0) + 1
        if tests.all_but("open") and challenge.is_open(today):
            open_count += 1
        if tests.all_but("municipalities"):
            for key in challenge.municipalities:
                municipalities[key] += 1
        if tests.all_but("areas"):
            for key in challenge.areas:
                areas[key] += 1
        if tests.all_but("deadline"):
            deadline[""] += 1
            for days in DEADLINE_WINDOWS:
                deadline[str(days)] += closes_within(challenge, days, today)
    return FacetCounts(status, open_count, municipalities, areas, deadline)


def _fold(text: str) -> str:
    # The script does the same: NFC, lower case. Å, ä and ö stay letters of their own.
    return unicodedata.normalize("NFC", text).lower()
